//! The `oc-emulator` binary prints its world and a `listening on` line, then serves.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Stdio;
use std::time::Duration;

use bytes::Bytes;
use http::Request;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::CertificateDer;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;

/// Starts the binary with `args`; returns it, its URL and the lines before `listening on`.
async fn run(args: &[&str]) -> (tokio::process::Child, String, Vec<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_oc-emulator"))
        .args(args)
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut seen = Vec::new();
    let url = tokio::time::timeout(Duration::from_secs(30), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if let Some(url) = line.strip_prefix("listening on ") {
                return url.to_owned();
            }
            seen.push(line);
        }
        panic!("stdout ended before `listening on`: {seen:?}");
    })
    .await
    .unwrap();
    (child, url, seen)
}

#[tokio::test]
async fn the_binary_announces_itself_and_serves() {
    let (mut child, url, seen) = run(&["--addr", "127.0.0.1:0", "--no-rate-limits"]).await;
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let key = seen
        .iter()
        .find_map(|l| l.strip_prefix("api-key "))
        .unwrap()
        .to_owned();
    assert!(seen.contains(&"universe 1000".to_owned()), "{seen:?}");
    assert!(seen.contains(&"place 2000".to_owned()), "{seen:?}");
    assert!(seen.contains(&"user 3000".to_owned()), "{seen:?}");
    assert!(seen.contains(&"group 4000".to_owned()), "{seen:?}");

    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let request = Request::post(format!(
        "{url}/messaging-service/v1/universes/1000/topics/t"
    ))
    .header("x-api-key", key)
    .header("content-type", "application/json")
    .body(Full::new(Bytes::from_static(br#"{"message":"m"}"#)))
    .unwrap();
    let response = client.request(request).await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .is_empty());

    child.kill().await.unwrap();
}

#[tokio::test]
async fn bad_arguments_exit_with_usage() {
    let output = Command::new(env!("CARGO_BIN_EXE_oc-emulator"))
        .arg("--bogus")
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("Usage: oc-emulator"));
    let help = Command::new(env!("CARGO_BIN_EXE_oc-emulator"))
        .arg("--help")
        .output()
        .await
        .unwrap();
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("--no-rate-limits"));
}

#[tokio::test]
async fn a_bad_configuration_file_fails_to_start() {
    let path = std::env::temp_dir().join(format!("oc-emulator-bad-{}.toml", std::process::id()));
    std::fs::write(&path, "[[faults]]\nroute = \"nope\"").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_oc-emulator"))
        .args(["--addr", "127.0.0.1:0", "--config"])
        .arg(&path)
        .output()
        .await
        .unwrap();
    std::fs::remove_file(&path).unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown route"));
    assert!(output.stdout.is_empty());
}

#[tokio::test]
async fn with_tls_it_announces_https_and_writes_the_certificate() {
    let path = std::env::temp_dir().join(format!("oc-emulator-cert-{}.pem", std::process::id()));
    let mut child = Command::new(env!("CARGO_BIN_EXE_oc-emulator"))
        .args(["--addr", "127.0.0.1:0", "--tls", "--cert-out"])
        .arg(&path)
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut seen = Vec::new();
    let listening = tokio::time::timeout(Duration::from_secs(30), async {
        loop {
            match lines.next_line().await.unwrap() {
                Some(line) if line.starts_with("listening on ") => return line,
                Some(line) => seen.push(line),
                None => panic!("stdout ended before `listening on`"),
            }
        }
    })
    .await
    .unwrap();
    assert!(
        listening.starts_with("listening on https://127.0.0.1:"),
        "{listening}"
    );
    assert!(
        seen.contains(&format!("certificate {}", path.display())),
        "{seen:?}"
    );
    let pem = std::fs::read_to_string(&path).unwrap();
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"));

    // A client trusting the written certificate reaches the control surface over HTTPS.
    let mut roots = rustls::RootCertStore::empty();
    for certificate in CertificateDer::pem_slice_iter(pem.as_bytes()) {
        roots.add(certificate.unwrap()).unwrap();
    }
    let config = rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_no_client_auth();
    let connector = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(config)
        .https_only()
        .enable_http1()
        .build();
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build(connector);
    let url = listening.trim_start_matches("listening on ");
    let request = Request::get(format!("{url}{}/world", oc_emulator::CONTROL_PREFIX))
        .header("x-api-key", oc_emulator::DEFAULT_API_KEY)
        .body(Full::new(Bytes::new()))
        .unwrap();
    let response = client.request(request).await.unwrap();
    assert_eq!(response.status(), 200);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let world: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(world["universeId"], 1000);
    child.kill().await.unwrap();
    std::fs::remove_file(&path).unwrap();
}

#[tokio::test]
async fn an_empty_configuration_fails_with_a_clear_message() {
    let cases = [
        ("empty", "", "declares no universe"),
        (
            "keyless",
            "[[users]]\nid = 1\nname = \"u\"\n[[universes]]\nid = 2\nowner = { user = 1 }",
            "declares no credential",
        ),
    ];
    for (name, text, expected) in cases {
        let path =
            std::env::temp_dir().join(format!("oc-emulator-{name}-{}.toml", std::process::id()));
        std::fs::write(&path, text).unwrap();
        let output = Command::new(env!("CARGO_BIN_EXE_oc-emulator"))
            .args(["--addr", "127.0.0.1:0", "--config"])
            .arg(&path)
            .output()
            .await
            .unwrap();
        std::fs::remove_file(&path).unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{name}: {stderr}");
        assert!(stderr.contains(expected), "{name}: {stderr}");
        assert!(stderr.contains("built-in world"), "{name}: {stderr}");
        assert!(output.stdout.is_empty(), "{name}");
    }
}

#[tokio::test]
async fn routes_prints_the_route_table() {
    let output = Command::new(env!("CARGO_BIN_EXE_oc-emulator"))
        .arg("--routes")
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        oc_emulator::route_table_markdown()
    );
}

#[tokio::test]
async fn a_named_address_and_a_public_url_are_taken() {
    let (mut child, url, seen) = run(&[
        "--addr",
        "localhost:0",
        "--public-url",
        "https://cloud.example.test",
    ])
    .await;
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert!(
        seen.contains(&"public-url https://cloud.example.test".to_owned()),
        "{seen:?}"
    );
    child.kill().await.unwrap();
}
