//! Fault injection: statuses, latency, dropped connections.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use bytes::Bytes;
use common::*;
use http::{Method, Request};
use http_body_util::Full;
use hyper_util::rt::TokioIo;
use oc_emulator::{DropMode, EmulatorHandle, FaultRule};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn fault(route: &str) -> FaultRule {
    FaultRule {
        route: route.into(),
        ..FaultRule::default()
    }
}

#[tokio::test]
async fn a_status_for_n_requests_then_normal() {
    let emulator = emulator().await;
    emulator.inject_fault(FaultRule {
        status: Some(503),
        times: Some(2),
        ..fault("messaging.publish")
    });
    let first = publish(&emulator, "t", "1").await;
    assert_eq!(first.status, 503);
    assert_eq!(first.json()["errors"][0]["message"], "Service Unavailable");
    assert_eq!(publish(&emulator, "t", "2").await.status, 503);
    assert_eq!(publish(&emulator, "t", "3").await.status, 200);
    let published = emulator.published_messages();
    assert_eq!(published.len(), 1);
    assert_eq!(published[0].message, "3");
    let statuses: Vec<u16> = emulator.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [503, 503, 200]);
}

#[tokio::test]
async fn faults_come_after_authentication() {
    let emulator = emulator().await;
    emulator.inject_fault(FaultRule {
        status: Some(500),
        times: Some(1),
        ..fault("messaging.publish")
    });
    let unauthorized = call(
        &emulator,
        Method::POST,
        publish_path(emulator.universe_id(), "t"),
    )
    .credential("x-api-key", "wrong")
    .json(r#"{"message":"m"}"#)
    .answer()
    .await;
    assert_eq!(unauthorized.status, 401);
    // The rule was not used up by the refused request.
    assert_eq!(publish(&emulator, "t", "m").await.status, 500);
    assert_eq!(publish(&emulator, "t", "m").await.status, 200);
}

#[tokio::test]
async fn an_injected_429_carries_retry_after_and_quota_headers() {
    let emulator = emulator().await;
    emulator.inject_fault(FaultRule {
        status: Some(429),
        times: Some(1),
        retry_after_secs: Some(7),
        ..fault("messaging.publish")
    });
    let answer = publish(&emulator, "t", "m").await;
    assert_eq!(answer.status, 429);
    assert_eq!(answer.header("retry-after"), Some("7"));
    assert_eq!(answer.header("x-ratelimit-remaining"), Some("0"));
    assert_eq!(answer.header("x-ratelimit-reset"), Some("7"));
    assert_eq!(
        answer.header("x-ratelimit-limit"),
        Some("5000, 5000;w=60, 10000;w=60")
    );

    emulator.add_data_store(emulator.universe_id(), "coins");
    emulator.inject_fault(FaultRule {
        status: Some(429),
        times: Some(1),
        ..fault("datastores.list")
    });
    let list = call(
        &emulator,
        Method::GET,
        list_path(emulator.universe_id(), ""),
    )
    .answer()
    .await;
    assert_eq!(list.status, 429);
    assert_eq!(list.header("retry-after"), Some("1"));
    assert_eq!(
        list.json()["errorDetails"][0]["datastoreErrorCode"],
        "TooManyRequests"
    );
}

#[tokio::test]
async fn latency_delays_the_answer_of_the_requests_its_rule_counts() {
    let emulator = emulator().await;
    // Ten seconds: far more than an undelayed answer needs on a loaded machine, so the
    // two measurements below cannot be confused by scheduling.
    emulator.inject_fault(FaultRule {
        latency_ms: Some(10_000),
        times: Some(1),
        ..fault("*")
    });
    let started = Instant::now();
    assert_eq!(publish(&emulator, "t", "m").await.status, 200);
    let delayed = started.elapsed();
    assert!(delayed >= Duration::from_millis(9_900), "{delayed:?}");
    let started = Instant::now();
    assert_eq!(publish(&emulator, "t", "m").await.status, 200);
    let undelayed = started.elapsed();
    assert!(undelayed < Duration::from_millis(9_900), "{undelayed:?}");
}

#[tokio::test]
async fn a_request_the_client_gave_up_on_is_still_applied() {
    let emulator = emulator().await;
    emulator.inject_fault(FaultRule {
        latency_ms: Some(400),
        times: Some(1),
        ..fault("messaging.publish")
    });
    let gave_up =
        tokio::time::timeout(Duration::from_millis(100), publish(&emulator, "t", "late")).await;
    assert!(gave_up.is_err());
    let deadline = Instant::now() + Duration::from_secs(30);
    while emulator.published_messages().is_empty() {
        assert!(Instant::now() < deadline, "the publish was never applied");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(emulator.published_messages().len(), 1);
}

/// Sends one publish with a bare hyper HTTP/1.1 connection.
async fn raw_publish(emulator: &EmulatorHandle) -> Result<http::StatusCode, hyper::Error> {
    let stream = TcpStream::connect(emulator.addr()).await.unwrap();
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(connection);
    let request = Request::builder()
        .method(Method::POST)
        .uri(publish_path(emulator.universe_id(), "t"))
        .header("host", emulator.addr().to_string())
        .header("x-api-key", emulator.api_key())
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from_static(br#"{"message":"m"}"#)))
        .unwrap();
    Ok(sender.send_request(request).await?.status())
}

#[tokio::test]
async fn a_drop_before_apply_stores_nothing_and_answers_nothing() {
    let emulator = emulator().await;
    emulator.inject_fault(FaultRule {
        drop: Some(DropMode::BeforeApply),
        times: Some(1),
        ..fault("messaging.publish")
    });
    let error = raw_publish(&emulator)
        .await
        .expect_err("the connection is closed");
    assert!(
        error.is_incomplete_message() || error.is_closed(),
        "{error:?}"
    );
    assert!(emulator.published_messages().is_empty());
    assert_eq!(emulator.requests()[0].status, 0);
    assert_eq!(raw_publish(&emulator).await.unwrap(), 200);
}

#[tokio::test]
async fn a_drop_after_apply_stores_the_message_and_answers_nothing() {
    let emulator = emulator().await;
    emulator.inject_fault(FaultRule {
        drop: Some(DropMode::AfterApply),
        times: Some(1),
        ..fault("messaging.publish")
    });
    let error = raw_publish(&emulator)
        .await
        .expect_err("the connection is closed");
    assert!(
        error.is_incomplete_message() || error.is_closed(),
        "{error:?}"
    );
    assert_eq!(emulator.published_messages().len(), 1);
    let requests = emulator.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].status, 0);

    // The pooled hyper-util client sees an error too.
    emulator.inject_fault(FaultRule {
        drop: Some(DropMode::AfterApply),
        times: Some(1),
        ..fault("messaging.publish")
    });
    let path = publish_path(emulator.universe_id(), "t");
    let sent = call(&emulator, Method::POST, path)
        .json(r#"{"message":"m"}"#)
        .send()
        .await;
    assert!(sent.is_err(), "{sent:?}");
    assert_eq!(emulator.published_messages().len(), 2);
}

#[tokio::test]
async fn a_drop_closes_the_socket_without_a_byte() {
    let emulator = emulator().await;
    emulator.inject_fault(FaultRule {
        drop: Some(DropMode::BeforeApply),
        ..fault("*")
    });
    let mut stream = TcpStream::connect(emulator.addr()).await.unwrap();
    let request = format!(
        "GET {} HTTP/1.1\r\nhost: localhost\r\nx-api-key: {}\r\n\r\n",
        list_path(emulator.universe_id(), ""),
        emulator.api_key()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut received = Vec::new();
    let read =
        tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut received)).await;
    assert!(matches!(read, Ok(Ok(0)) | Ok(Err(_))), "{read:?}");
    assert!(received.is_empty());
    emulator.clear_faults();
    assert_eq!(
        call(
            &emulator,
            Method::GET,
            list_path(emulator.universe_id(), "")
        )
        .answer()
        .await
        .status,
        200
    );
}

#[tokio::test]
async fn faults_from_the_configuration_and_fractions() {
    let emulator = emulator_with(
        r#"
[[universes]]
id = 1
owner = { user = 2 }

[[users]]
id = 2
name = "u"

[[api_keys]]
key = "k"
owner = { user = 2 }
[[api_keys.grants]]
universe = 1
scopes = ["*"]

[[faults]]
route = "messaging.publish"
status = 502
fraction = 1.0

[[faults]]
route = "datastores.list"
status = 500
fraction = 0.0
"#,
    )
    .await;
    for _ in 0..3 {
        assert_eq!(publish(&emulator, "t", "m").await.status, 502);
        let list = call(&emulator, Method::GET, list_path(1, ""))
            .answer()
            .await;
        assert_eq!(list.status, 200);
    }
    emulator.clear_faults();
    assert_eq!(publish(&emulator, "t", "m").await.status, 200);
}

#[tokio::test]
async fn empty_pages_answer_no_items_and_a_fresh_cursor_on_every_v1_list_route() {
    let emulator = emulator().await;
    let universe = emulator.universe_id();
    let entry = oc_emulator::DataStoreEntryConfig::new(universe, "S", "K", serde_json::json!(1));
    emulator.set_data_store_entry(&entry);
    emulator.set_data_store_entry(&entry);
    emulator.set_ordered_entry(&oc_emulator::OrderedEntryConfig::new(universe, "O", "E", 5));
    let base = format!("/datastores/v1/universes/{universe}/standard-datastores");
    let routes = [
        ("datastores.list", format!("{base}?limit=10"), "datastores", "cursor", "nextPageCursor"),
        (
            "datastores.entries.list",
            format!("{base}/datastore/entries?datastoreName=S&limit=10"),
            "keys",
            "cursor",
            "nextPageCursor",
        ),
        (
            "datastores.versions.list",
            format!("{base}/datastore/entries/entry/versions?datastoreName=S&entryKey=K&limit=10"),
            "versions",
            "cursor",
            "nextPageCursor",
        ),
        (
            "ordered.entries.list",
            format!("/ordered-data-stores/v1/universes/{universe}/orderedDataStores/O/scopes/global/entries?max_page_size=10"),
            "entries",
            "page_token",
            "nextPageToken",
        ),
    ];
    for (route, path, items, cursor_param, cursor_field) in routes {
        emulator.inject_fault(FaultRule {
            route: route.into(),
            empty_pages: true,
            times: Some(3),
            ..FaultRule::default()
        });
        let mut seen = std::collections::HashSet::new();
        let mut cursor: Option<String> = None;
        for _ in 0..3 {
            let url = match &cursor {
                Some(c) => format!("{path}&{cursor_param}={}", urlencode(c)),
                None => path.clone(),
            };
            let page = call(&emulator, Method::GET, url).answer().await;
            assert_eq!(page.status, 200, "{route}: {}", page.body);
            let body = page.json();
            assert_eq!(body[items], serde_json::json!([]), "{route}: {body}");
            let next = body[cursor_field].as_str().unwrap_or_default().to_owned();
            assert!(!next.is_empty(), "{route}: no cursor in {body}");
            assert!(seen.insert(next.clone()), "{route}: cursor {next} repeated");
            cursor = Some(next);
        }
        // Once the fault is used up, the last fresh cursor continues from the start.
        let url = format!("{path}&{cursor_param}={}", urlencode(&cursor.unwrap()));
        let page = call(&emulator, Method::GET, url).answer().await;
        assert_eq!(page.status, 200, "{route}: {}", page.body);
        assert!(
            !page.json()[items].as_array().unwrap().is_empty(),
            "{route}: {}",
            page.body
        );
    }
}

/// Percent-encodes a cursor for a query.
fn urlencode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}
