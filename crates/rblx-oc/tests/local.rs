//! The local commands: `oauth2 login` through the emulator's provider, `webhook listen`
//! with signed and unsigned deliveries, `completions`, and `--ca-cert` against an
//! emulator serving TLS.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, ChildStderr, Stdio};

use common::{bare, emulator, run, run_command, temp_file};
use rblx_open_cloud::emulator::Emulator;
use rblx_open_cloud::webhook::{sign, WebhookSecret};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Starts the binary with piped output.
fn spawn(args: &[&str]) -> Child {
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("rblx-oc"));
    for name in [
        "RBLX_OPEN_CLOUD_API_KEY",
        "RBLX_OPEN_CLOUD_ACCESS_TOKEN",
        "RBLX_OPEN_CLOUD_BASE_URL",
        "RBLX_OPEN_CLOUD_CA_CERTS",
    ] {
        command.env_remove(name);
    }
    command
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts")
}

/// Reads stderr lines until one contains `marker`; returns it and the rest of the reader.
async fn line_with(stderr: ChildStderr, marker: &'static str) -> (String, BufReader<ChildStderr>) {
    tokio::task::spawn_blocking(move || {
        let mut reader = BufReader::new(stderr);
        loop {
            let mut line = String::new();
            let n = reader.read_line(&mut line).expect("stderr reads");
            assert!(n > 0, "stderr ended before {marker:?}");
            if line.contains(marker) {
                return (line.trim().to_owned(), reader);
            }
        }
    })
    .await
    .expect("the reader finishes")
}

/// Waits for the child; its exit code and stdout.
async fn finish(mut child: Child) -> (i32, String) {
    tokio::task::spawn_blocking(move || {
        let mut stdout = String::new();
        if let Some(mut out) = child.stdout.take() {
            out.read_to_string(&mut stdout).expect("stdout reads");
        }
        let status = child.wait().expect("the child ends");
        (status.code().unwrap_or(-1), stdout)
    })
    .await
    .expect("the wait finishes")
}

/// One HTTP/1.1 exchange over a fresh connection; the whole answer as text.
async fn http(url: &str, method: &str, headers: &[(&str, String)], body: &[u8]) -> String {
    let rest = url.strip_prefix("http://").expect("an http URL");
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let mut stream = TcpStream::connect(authority).await.expect("connects");
    let mut request = format!(
        "{method} {} HTTP/1.1\r\nhost: {authority}\r\nconnection: close\r\ncontent-length: {}\r\n",
        if path.is_empty() { "/" } else { path },
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    String::from_utf8_lossy(&answer).into_owned()
}

fn header<'a>(answer: &'a str, name: &str) -> Option<&'a str> {
    answer
        .split("\r\n\r\n")
        .next()?
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(n, _)| n.trim().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oauth2_login_through_the_loopback_redirect() {
    let emulator = emulator().await;
    let secret = temp_file(
        "client-secret",
        emulator.oauth2_client_secret().unwrap().as_bytes(),
    );
    let out = std::env::temp_dir().join(format!("rblx-oc-tokens-{}.json", std::process::id()));
    let _ = std::fs::remove_file(&out);
    let base = emulator.base_url();
    let client_id = emulator.oauth2_client_id();
    let mut child = spawn(&[
        "--json",
        "--base-url",
        &base,
        "oauth2",
        "login",
        "--client-id",
        &client_id,
        "--client-secret-file",
        secret.to_str().unwrap(),
        "--no-browser",
        "--wait",
        "60",
        "--out",
        out.to_str().unwrap(),
    ]);
    let (authorize, _rest) = line_with(child.stderr.take().unwrap(), "/oauth/v1/authorize").await;
    assert!(authorize.contains("code_challenge="), "{authorize}");
    // The browser: the provider redirects to the loopback server with a code.
    let answer = http(&authorize, "GET", &[], b"").await;
    let location = header(&answer, "location").expect("a redirect").to_owned();
    assert!(location.starts_with("http://127.0.0.1:"), "{location}");
    let landing = http(&location, "GET", &[], b"").await;
    assert!(landing.starts_with("HTTP/1.1 200"), "{landing}");
    let (code, stdout) = finish(child).await;
    assert_eq!(code, 0, "{stdout}");
    let summary: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert!(summary["scopes"].as_array().is_some_and(|s| !s.is_empty()));
    let tokens: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert!(tokens["accessToken"]
        .as_str()
        .is_some_and(|t| !t.is_empty()));
    assert!(
        !stdout.contains(tokens["accessToken"].as_str().unwrap()),
        "the token is only in the file"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let _ = std::fs::remove_file(&out);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhook_listen_verifies_and_prints_deliveries() {
    let secret_text = "webhook-test-secret";
    let secret_file = temp_file("webhook-secret", secret_text.as_bytes());
    let mut child = spawn(&[
        "--json",
        "webhook",
        "listen",
        "--secret-file",
        secret_file.to_str().unwrap(),
        "--port",
        "0",
        "--count",
        "1",
    ]);
    let (listening, mut rest) = line_with(child.stderr.take().unwrap(), "listening on").await;
    let url = listening.trim_start_matches("listening on ").to_owned();
    let body = br#"{"NotificationId":"n-1","EventType":"SampleNotification","EventTime":"2024-01-01T00:00:00Z","EventPayload":{"UserId":1}}"#;

    // A forged signature is refused and not printed.
    let forged = sign(&WebhookSecret::new("another-secret").unwrap(), now(), body);
    let answer = http(&url, "POST", &[("roblox-signature", forged)], body).await;
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");

    let signed = sign(&WebhookSecret::new(secret_text).unwrap(), now(), body);
    let answer = http(&url, "POST", &[("roblox-signature", signed)], body).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");

    let (code, stdout) = finish(child).await;
    assert_eq!(code, 0);
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    assert_eq!(lines[0]["id"], "n-1");
    assert_eq!(lines[0]["event"]["type"], "sample");
    let mut stderr = String::new();
    rest.read_to_string(&mut stderr).unwrap();
    assert!(stderr.contains("rejected a delivery"), "{stderr}");
    assert!(!stderr.contains(secret_text));
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = run_command(bare(), &["completions", shell]).await.ok();
        assert!(out.stdout.contains("rblx-oc"), "{shell}");
        assert!(out.stdout.contains("datastore-v2"), "{shell}");
    }
    run_command(bare(), &["completions", "nushell-or-not"])
        .await
        .expect_code(2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ca_cert_trusts_an_emulator_serving_tls() {
    let emulator = Emulator::builder()
        .rate_limits(false)
        .tls(true)
        .start()
        .await
        .unwrap();
    let pem = temp_file(
        "emulator.pem",
        emulator.tls_certificate_pem().unwrap().as_bytes(),
    );
    let u = emulator.universe_id().to_string();
    let args = ["messaging", "publish", "-u", &u, "t", "over tls"];
    // Without the certificate the connection is refused (nothing was sent).
    let refused = run(
        &emulator,
        &["--max-attempts", "1"]
            .iter()
            .chain(&args)
            .copied()
            .collect::<Vec<_>>(),
    )
    .await;
    assert_eq!(refused.code, 1, "{refused:?}");
    let mut with_ca: Vec<&str> = vec!["--ca-cert", pem.to_str().unwrap()];
    with_ca.extend(args);
    run(&emulator, &with_ca).await.ok();
    assert_eq!(emulator.published_messages().len(), 1);
}
