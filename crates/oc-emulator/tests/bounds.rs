//! Everything a peer can grow is bounded, each by a configurable limit: the request log
//! (entries and bytes), OAuth2 authorization codes (lifetime and count), a multipart
//! preamble, a trickling body, published messages and data store versions. The
//! request-log and authorization-code tests read the process's resident memory before and
//! after, with margins wide enough not to be flaky.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use bytes::Bytes;
use common::{call, emulator_with, publish};
use http::{Method, Request};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use oc_emulator::EmulatorHandle;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The world of the built-in configuration, with the given extra tables.
fn world(extra: &str) -> String {
    format!(
        r#"
[rate_limits]
enabled = false

[[universes]]
id = 1000
places = [2000]
owner = {{ user = 3000 }}

[[users]]
id = 3000
name = "u"

[[api_keys]]
key = "k"
owner = {{ user = 3000 }}
[[api_keys.grants]]
universe = "*"
scopes = ["*"]

[[oauth2_apps]]
client_id = "7"
client_secret = "s"
redirect_uris = ["http://localhost/cb"]
scopes = ["openid"]
user = 3000
universes = [1000]

{extra}
"#
    )
}

/// The resident memory of this process (the emulator runs in it), in KiB; `None` where
/// /proc is not there.
fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// A keep-alive client.
fn client() -> Client<HttpConnector, Full<Bytes>> {
    Client::builder(TokioExecutor::new()).build_http()
}

async fn get(client: &Client<HttpConnector, Full<Bytes>>, url: String) -> (u16, String) {
    let request = Request::get(url).body(Full::new(Bytes::new())).unwrap();
    let response = client.request(request).await.unwrap();
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let _ = response.into_body().collect().await;
    (status, location)
}

#[tokio::test]
async fn the_request_log_keeps_within_its_bytes_and_memory_stays_flat() {
    let emulator = emulator_with(&world(
        "[request_log]\nmax_entries = 100000\nmax_bytes = 1048576",
    ))
    .await;
    let client = client();
    let long = "a".repeat(60 * 1024);
    let base = emulator.base_url();
    for _ in 0..100 {
        get(&client, format!("{base}/{long}")).await;
    }
    let before = resident_kib();
    // 3,000 requests with 60 KiB paths: 180 MiB if the log kept them all.
    for _ in 0..3_000 {
        let (status, _) = get(&client, format!("{base}/{long}")).await;
        assert_eq!(status, 404);
    }
    let after = resident_kib();
    let records = emulator.requests();
    let bytes: usize = records.iter().map(|r| r.path.len()).sum();
    assert!(bytes <= 1024 * 1024, "{bytes} bytes of paths kept");
    assert!(records.len() >= 10, "the newest requests are kept");
    if let (Some(before), Some(after)) = (before, after) {
        assert!(
            after.saturating_sub(before) < 64 * 1024,
            "resident memory grew from {before} KiB to {after} KiB"
        );
    }
}

/// Asks for `count` codes without credentials; returns the first and the last.
async fn authorize(emulator: &EmulatorHandle, count: usize) -> (String, String) {
    let client = client();
    let url = format!(
        "{}/oauth/v1/authorize?client_id=7&redirect_uri=http%3A%2F%2Flocalhost%2Fcb&scope=openid&response_type=code",
        emulator.base_url()
    );
    let (mut first, mut last) = (None, String::new());
    for _ in 0..count {
        let (status, location) = get(&client, url.clone()).await;
        assert_eq!(status, 302);
        let code = location
            .split(['?', '&'])
            .find_map(|pair| pair.strip_prefix("code="))
            .unwrap()
            .to_owned();
        first.get_or_insert_with(|| code.clone());
        last = code;
    }
    (first.unwrap_or_default(), last)
}

async fn exchange(emulator: &EmulatorHandle, code: &str) -> u16 {
    call(emulator, Method::POST, "/oauth/v1/token")
        .anonymous()
        .header("content-type", "application/x-www-form-urlencoded")
        .body(&format!(
            "grant_type=authorization_code&code={code}&client_id=7&client_secret=s"
        ))
        .answer()
        .await
        .status
}

#[tokio::test]
async fn authorization_codes_are_capped_and_memory_stays_flat() {
    let emulator = emulator_with(&world("[oauth2]\nmax_pending_codes = 100")).await;
    authorize(&emulator, 100).await;
    let before = resident_kib();
    let (first, last) = authorize(&emulator, 5_000).await;
    let after = resident_kib();
    assert!(emulator.oauth2_pending_codes() <= 100);
    assert_eq!(
        exchange(&emulator, &first).await,
        401,
        "the oldest was dropped"
    );
    assert_eq!(exchange(&emulator, &last).await, 200);
    if let (Some(before), Some(after)) = (before, after) {
        assert!(
            after.saturating_sub(before) < 32 * 1024,
            "resident memory grew from {before} KiB to {after} KiB"
        );
    }
}

#[tokio::test]
async fn expired_authorization_codes_are_refused_and_removed() {
    let emulator = emulator_with(&world("[oauth2]\ncode_lifetime_secs = 0")).await;
    let (_, code) = authorize(&emulator, 20).await;
    assert_eq!(emulator.oauth2_pending_codes(), 0);
    assert_eq!(exchange(&emulator, &code).await, 401);
}

#[tokio::test]
async fn a_multipart_body_without_its_boundary_in_the_preamble_is_a_400() {
    let emulator = emulator_with(&world("[assets]\nmax_multipart_preamble_bytes = 1024")).await;
    let garbage = "x".repeat(256 * 1024);
    let answer = call(&emulator, Method::POST, "/assets/v1/assets")
        .header("content-type", "multipart/form-data; boundary=XyZ")
        .body(&garbage)
        .answer()
        .await;
    assert_eq!(answer.status, 400, "{}", answer.body);
    let late = format!("{}\r\n--XyZ--\r\n", "x".repeat(4096));
    let answer = call(&emulator, Method::POST, "/assets/v1/assets")
        .header("content-type", "multipart/form-data; boundary=XyZ")
        .body(&late)
        .answer()
        .await;
    assert_eq!(answer.status, 400, "{}", answer.body);
}

/// Sends `head` and then one byte every 100 ms (at most `body_len` of them) and returns
/// the status line of the answer, read within a deadline.
async fn trickle(emulator: &EmulatorHandle, head: String, body_len: usize) -> String {
    let stream = TcpStream::connect(emulator.addr()).await.unwrap();
    let (mut reader, mut writer) = stream.into_split();
    writer.write_all(head.as_bytes()).await.unwrap();
    let writing = tokio::spawn(async move {
        for _ in 0..body_len {
            if writer.write_all(b"a").await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(30), async {
        let mut buffer = [0u8; 1024];
        while !answer.windows(2).any(|w| w == b"\r\n") {
            match reader.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(n) => answer.extend_from_slice(&buffer[..n]),
            }
        }
    })
    .await;
    writing.abort();
    assert!(read.is_ok(), "no answer within the deadline");
    String::from_utf8_lossy(&answer)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn a_trickling_body_is_answered_408() {
    let emulator = emulator_with(&world("[server]\nbody_read_timeout_ms = 300")).await;
    let publish = format!(
        "POST /messaging-service/v1/universes/1000/topics/t HTTP/1.1\r\nhost: {}\r\nx-api-key: k\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n",
        emulator.addr()
    );
    assert!(trickle(&emulator, publish, 1000).await.contains(" 408"));
    let upload = format!(
        "POST /assets/v1/assets HTTP/1.1\r\nhost: {}\r\nx-api-key: k\r\ncontent-type: multipart/form-data; boundary=XyZ\r\ncontent-length: 1000\r\n\r\n",
        emulator.addr()
    );
    assert!(trickle(&emulator, upload, 1000).await.contains(" 408"));
    assert!(emulator.published_messages().is_empty());
}

#[tokio::test]
async fn published_messages_are_kept_in_a_bounded_buffer() {
    let emulator = emulator_with(&world("[messaging]\nmax_published_messages = 10")).await;
    for i in 0..50 {
        assert_eq!(publish(&emulator, "t", &i.to_string()).await.status, 200);
    }
    let kept = emulator.published_messages();
    assert_eq!(kept.len(), 10);
    assert_eq!(kept[9].message, "49");
    assert_eq!(kept[0].message, "40");
}

#[tokio::test]
async fn data_store_versions_are_kept_within_the_retention() {
    let emulator = emulator_with(&world("[datastores]\nmax_versions_per_entry = 3")).await;
    let entry = "/datastores/v1/universes/1000/standard-datastores/datastore/entries/entry?datastoreName=S&entryKey=K";
    for i in 0..10 {
        let set = call(&emulator, Method::POST, entry)
            .json(&i.to_string())
            .answer()
            .await;
        assert_eq!(set.status, 200, "{}", set.body);
    }
    let versions = call(
        &emulator,
        Method::GET,
        "/datastores/v1/universes/1000/standard-datastores/datastore/entries/entry/versions?datastoreName=S&entryKey=K&limit=100",
    )
    .answer()
    .await;
    assert_eq!(versions.status, 200, "{}", versions.body);
    assert_eq!(versions.json()["versions"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn upload_operations_and_place_versions_are_kept_within_their_caps() {
    let emulator = emulator_with(&world(
        "[assets]\nmax_operations = 2\nmax_place_versions = 2",
    ))
    .await;
    for expected in 1..=3 {
        let published = call(
            &emulator,
            Method::POST,
            "/universes/v1/1000/places/2000/versions?versionType=Saved",
        )
        .header("content-type", "application/octet-stream")
        .body("<roblox!")
        .answer()
        .await;
        assert_eq!(published.json()["versionNumber"], expected);
    }
    let kept = emulator.place_versions();
    assert_eq!(kept.len(), 2);
    assert_eq!(kept[1].version, 3);

    let request = r#"{"assetType":"ASSET_TYPE_DECAL","displayName":"D","description":"","creationContext":{"creator":{"userId":3000}}}"#;
    let form = format!(
        "--XyZ\r\nContent-Disposition: form-data; name=\"request\"\r\n\r\n{request}\r\n--XyZ\r\nContent-Disposition: form-data; name=\"fileContent\"; filename=\"f\"\r\nContent-Type: image/bmp\r\n\r\nBM and some pixels\r\n--XyZ--\r\n"
    );
    let mut operations = Vec::new();
    for _ in 0..3 {
        let upload = call(&emulator, Method::POST, "/assets/v1/assets")
            .header("content-type", "multipart/form-data; boundary=XyZ")
            .body(&form)
            .answer()
            .await;
        assert_eq!(upload.status, 200, "{}", upload.body);
        operations.push(upload.json()["operationId"].as_str().unwrap().to_owned());
    }
    let poll = |id: &str| {
        call(
            &emulator,
            Method::GET,
            format!("/assets/v1/operations/{id}"),
        )
    };
    assert_eq!(poll(&operations[0]).answer().await.status, 404);
    assert_eq!(poll(&operations[2]).answer().await.status, 200);
}
