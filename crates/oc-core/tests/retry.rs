//! The retry layer and the "may have been applied" logic, against the emulator's fault
//! injection over real sockets.

mod common;

use std::time::{Duration, Instant};

use common::*;
use oc_core::{Client, Error};
use oc_emulator::{DropMode, FaultRule};

fn fault(route: &str) -> FaultRule {
    FaultRule {
        route: route.into(),
        ..FaultRule::default()
    }
}

/// Polls `done` until it holds; `false` if it still does not after 30 s (a deadline for a
/// broken emulator or client, far beyond any delay the tests inject).
async fn eventually(mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !done() {
        if Instant::now() >= deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    true
}

#[tokio::test]
async fn an_idempotent_read_is_retried_through_two_503s() -> oc_core::Result<()> {
    let emulator = emulator().await;
    emulator.add_data_store(emulator.universe_id(), "coins");
    emulator.inject_fault(FaultRule {
        status: Some(503),
        times: Some(2),
        ..fault("datastores.list")
    });
    let client = client_for(&emulator);
    let page = list_data_stores(&client, emulator.universe_id(), None, 10).await?;
    assert_eq!(page.items, ["coins"]);
    assert_eq!(hits(&emulator, "datastores.list"), 3);
    Ok(())
}

#[tokio::test]
async fn a_429_with_retry_after_is_waited_out_then_retried() -> oc_core::Result<()> {
    let emulator = emulator().await;
    emulator.inject_fault(FaultRule {
        status: Some(429),
        times: Some(1),
        retry_after_secs: Some(1),
        ..fault("messaging.publish")
    });
    let client = client_for(&emulator);
    let started = Instant::now();
    // Non-idempotent: a 429 proves the service did not process it, so it is retried.
    client
        .send(publish(emulator.universe_id(), "t", "m"))
        .await?;
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(hits(&emulator, "messaging.publish"), 2);
    assert_eq!(emulator.published_messages().len(), 1);
    Ok(())
}

#[tokio::test]
async fn a_non_idempotent_write_is_not_retried_after_a_503() {
    let emulator = emulator().await;
    emulator.inject_fault(FaultRule {
        status: Some(503),
        times: Some(1),
        ..fault("messaging.publish")
    });
    let client = client_for(&emulator);
    let error = client
        .send(publish(emulator.universe_id(), "t", "m"))
        .await
        .err();
    match &error {
        Some(e @ Error::ServiceUnavailable(api)) => {
            assert_eq!(api.status(), 503);
            assert!(e.may_have_been_applied());
            assert!(e.is_retryable());
        }
        other => panic!("expected a 503, got {other:?}"),
    }
    assert_eq!(hits(&emulator, "messaging.publish"), 1);
}

#[tokio::test]
async fn a_connection_dropped_after_a_non_idempotent_write_may_have_been_applied() {
    let emulator = emulator().await;
    emulator.inject_fault(FaultRule {
        drop: Some(DropMode::AfterApply),
        times: Some(1),
        ..fault("messaging.publish")
    });
    let client = client_for(&emulator);
    let error = client
        .send(publish(emulator.universe_id(), "t", "m"))
        .await
        .err();
    match &error {
        Some(e @ Error::Transport { connect: false, .. }) => assert!(e.may_have_been_applied()),
        other => panic!("expected a lost connection, got {other:?}"),
    }
    // Applied once, and not sent again.
    assert_eq!(hits(&emulator, "messaging.publish"), 1);
    assert_eq!(emulator.published_messages().len(), 1);
}

#[tokio::test]
async fn an_idempotent_read_is_retried_after_a_dropped_connection() -> oc_core::Result<()> {
    let emulator = emulator().await;
    emulator.add_data_store(emulator.universe_id(), "gems");
    emulator.inject_fault(FaultRule {
        drop: Some(DropMode::BeforeApply),
        times: Some(1),
        ..fault("datastores.list")
    });
    let client = client_for(&emulator);
    let page = list_data_stores(&client, emulator.universe_id(), None, 10).await?;
    assert_eq!(page.items, ["gems"]);
    assert_eq!(hits(&emulator, "datastores.list"), 2);
    Ok(())
}

#[tokio::test]
async fn a_timeout_of_a_non_idempotent_write_may_have_been_applied() -> oc_core::Result<()> {
    let emulator = emulator().await;
    emulator.inject_fault(FaultRule {
        latency_ms: Some(1500),
        times: Some(1),
        ..fault("messaging.publish")
    });
    let client = builder_for(&emulator)
        .timeout(Some(Duration::from_millis(300)))
        .build()?;
    let error = client
        .send(publish(emulator.universe_id(), "t", "m"))
        .await
        .err();
    match &error {
        Some(e @ Error::Timeout { after }) => {
            assert_eq!(*after, Duration::from_millis(300));
            assert!(e.may_have_been_applied());
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    // The emulator finishes the publish after its delay: it was applied, once.
    assert!(
        eventually(|| !emulator.published_messages().is_empty()).await,
        "the publish was never applied"
    );
    assert_eq!(emulator.published_messages().len(), 1);
    assert_eq!(hits(&emulator, "messaging.publish"), 1);
    Ok(())
}

#[tokio::test]
async fn retries_stop_at_the_attempt_cap() {
    let emulator = emulator().await;
    emulator.add_data_store(emulator.universe_id(), "coins");
    emulator.inject_fault(FaultRule {
        status: Some(503),
        times: Some(100),
        ..fault("datastores.list")
    });
    let client = client_for(&emulator);
    let error = list_data_stores(&client, emulator.universe_id(), None, 10)
        .await
        .err();
    assert!(
        matches!(error, Some(Error::ServiceUnavailable(_))),
        "{error:?}"
    );
    assert_eq!(hits(&emulator, "datastores.list"), 4);
}

#[tokio::test]
async fn a_retry_after_beyond_the_time_cap_is_returned_not_slept() -> oc_core::Result<()> {
    let emulator = emulator().await;
    emulator.inject_fault(FaultRule {
        status: Some(429),
        times: Some(1),
        retry_after_secs: Some(3600),
        ..fault("messaging.publish")
    });
    let client = client_for(&emulator);
    let started = Instant::now();
    let error = client
        .send(publish(emulator.universe_id(), "t", "m"))
        .await
        .err();
    assert!(started.elapsed() < Duration::from_secs(5));
    match &error {
        Some(e @ Error::RateLimited { retry_after, .. }) => {
            assert_eq!(*retry_after, Some(Duration::from_secs(3600)));
            assert!(e.certainly_not_applied());
        }
        other => panic!("expected a 429, got {other:?}"),
    }
    assert!(emulator.published_messages().is_empty());
    Ok(())
}

#[tokio::test]
async fn a_refused_connection_is_retried_and_certainly_not_applied() -> oc_core::Result<()> {
    // Bind a port, then free it: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| Error::decode("no free port", Some(Box::new(e) as _)))?;
    let client = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .api_key("k")
        .retry(fast_retry())
        .build()?;
    let started = Instant::now();
    let error = client.send(publish(1, "t", "m")).await.err();
    match &error {
        Some(e @ Error::Transport { connect: true, .. }) => assert!(e.certainly_not_applied()),
        other => panic!("expected a connect failure, got {other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(5));
    Ok(())
}

/// The names of the data stores, as an endpoint: a call's retries rebuild its request.
struct ListStores(Client, u64);

impl oc_core::Endpoint for ListStores {
    type Output = Vec<String>;
    const AREA: &'static str = "test";
    const OPERATION: &'static str = "list_stores";

    fn client(&self) -> &Client {
        &self.0
    }

    fn build_request(&self) -> oc_core::Result<http::Request<oc_core::Body>> {
        let path = format!("/datastores/v1/universes/{}/standard-datastores", self.1);
        oc_core::request::build(http::Method::GET, &path, oc_core::Body::empty())
    }

    fn parse(&self, response: http::Response<bytes::Bytes>) -> oc_core::Result<Vec<String>> {
        let page: serde_json::Value = oc_core::response::json(&response)?;
        Ok(page["datastores"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|d| d["name"].as_str().map(str::to_owned))
            .collect())
    }
}

#[tokio::test]
async fn an_endpoint_call_is_retried_with_its_request_built_again() -> oc_core::Result<()> {
    let emulator = emulator().await;
    emulator.add_data_store(emulator.universe_id(), "coins");
    emulator.inject_fault(FaultRule {
        status: Some(503),
        times: Some(2),
        ..fault("datastores.list")
    });
    let client = client_for(&emulator);
    let names = client
        .execute(&ListStores(client.clone(), emulator.universe_id()))
        .await?;
    assert_eq!(names, ["coins"]);
    // The rebuilt requests carried the credentials: the third attempt was answered.
    assert_eq!(hits(&emulator, "datastores.list"), 3);
    Ok(())
}
