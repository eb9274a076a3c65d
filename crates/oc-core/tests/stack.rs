//! The stack is the caller's: layers around and inside the retry layer, one deadline per
//! call, and answers a hostile server sends.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::*;
use oc_core::Error;
use oc_emulator::FaultRule;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower::{Layer, Service};

/// A layer counting the requests that pass through it.
#[derive(Clone)]
struct Count(Arc<AtomicUsize>);

impl<S> Layer<S> for Count {
    type Service = Counted<S>;
    fn layer(&self, inner: S) -> Counted<S> {
        Counted(inner, Arc::clone(&self.0))
    }
}

#[derive(Clone)]
struct Counted<S>(S, Arc<AtomicUsize>);

impl<S: Service<R>, R> Service<R> for Counted<S> {
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;
    fn poll_ready(
        &mut self,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), S::Error>> {
        self.0.poll_ready(cx)
    }
    fn call(&mut self, request: R) -> S::Future {
        self.1.fetch_add(1, Ordering::SeqCst);
        self.0.call(request)
    }
}

#[tokio::test]
async fn layers_go_around_or_inside_the_retries() -> oc_core::Result<()> {
    let emulator = emulator().await;
    emulator.inject_fault(FaultRule {
        route: "messaging.publish".into(),
        status: Some(429),
        retry_after_secs: Some(0),
        times: Some(2),
        ..FaultRule::default()
    });
    let calls = Arc::new(AtomicUsize::new(0));
    let attempts = Arc::new(AtomicUsize::new(0));
    let client = builder_for(&emulator)
        .layer(Count(Arc::clone(&calls)))
        .layer(tower::limit::ConcurrencyLimitLayer::new(4))
        .attempt_layer(Count(Arc::clone(&attempts)))
        .build()?;
    client
        .send(publish(emulator.universe_id(), "t", "m"))
        .await?;
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert_eq!(
        attempts.load(Ordering::SeqCst),
        3,
        "two 429s, then the publish"
    );
    assert_eq!(emulator.published_messages().len(), 1);
    Ok(())
}

#[tokio::test]
async fn one_deadline_bounds_the_whole_call() -> oc_core::Result<()> {
    let emulator = emulator().await;
    emulator.inject_fault(FaultRule {
        route: "messaging.publish".into(),
        latency_ms: Some(120_000),
        ..FaultRule::default()
    });
    let client = builder_for(&emulator)
        .timeout(Some(Duration::from_secs(60)))
        .call_timeout(Some(Duration::from_millis(300)))
        .build()?;
    let error = client
        .send(publish(emulator.universe_id(), "t", "m"))
        .await
        .err();
    match error {
        Some(Error::Timeout { after }) => assert_eq!(after, Duration::from_millis(300)),
        other => panic!("expected the call's deadline, got {other:?}"),
    }
    assert!(error_may_apply(Error::Timeout {
        after: Duration::from_millis(300)
    }));
    Ok(())
}

fn error_may_apply(error: Error) -> bool {
    error.may_have_been_applied()
}

/// A server answering every connection with `answer` (after reading the request head),
/// counting the connections.
async fn hostile(answer: Vec<u8>) -> (String, Arc<AtomicUsize>) {
    let (base, count, _) = recording(answer).await;
    (base, count)
}

/// The same, keeping every request head it read.
async fn recording(
    answer: Vec<u8>,
) -> (String, Arc<AtomicUsize>, Arc<std::sync::Mutex<Vec<String>>>) {
    let listener = match tokio::net::TcpListener::bind("127.0.0.1:0").await {
        Ok(listener) => listener,
        Err(e) => panic!("bind: {e}"),
    };
    let address = match listener.local_addr() {
        Ok(address) => address,
        Err(e) => panic!("address: {e}"),
    };
    let count = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&count);
    let heads = Arc::new(std::sync::Mutex::new(Vec::new()));
    let kept = Arc::clone(&heads);
    let answer = Arc::new(answer);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            seen.fetch_add(1, Ordering::SeqCst);
            let answer = Arc::clone(&answer);
            let kept = Arc::clone(&kept);
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buf = [0u8; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                if let Ok(mut heads) = kept.lock() {
                    heads.push(String::from_utf8_lossy(&head).into_owned());
                }
                let _ = socket.write_all(&answer).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    (format!("http://{address}"), count, heads)
}

#[tokio::test]
async fn credentials_stay_with_the_base_urls_origin() -> oc_core::Result<()> {
    let ok = b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n".to_vec();
    let (own, _, own_heads) = recording(ok.clone()).await;
    let (other, _, other_heads) = recording(ok).await;
    let client = oc_core::Client::builder()
        .base_url(&own)
        .api_key("the-secret-key")
        .no_retry()
        .build()?;
    let to_own = oc_core::request::build(http::Method::GET, "/x", oc_core::Body::empty())?;
    client.send(to_own).await?;
    let absolute = format!("{other}/steal");
    let to_other = oc_core::request::build(http::Method::GET, &absolute, oc_core::Body::empty())?;
    client.send(to_other).await?;
    let heads =
        |h: &Arc<std::sync::Mutex<Vec<String>>>| h.lock().map(|h| h.join("\n")).unwrap_or_default();
    assert!(
        heads(&own_heads).contains("the-secret-key"),
        "the base URL gets the key"
    );
    let stolen = heads(&other_heads);
    assert!(stolen.contains("GET /steal"), "{stolen}");
    assert!(!stolen.contains("the-secret-key"), "{stolen}");
    assert!(
        !stolen.to_ascii_lowercase().contains("x-api-key"),
        "{stolen}"
    );
    Ok(())
}

#[tokio::test]
async fn an_error_answer_over_the_size_cap_keeps_its_status() -> oc_core::Result<()> {
    let body = "x".repeat(64 * 1024);
    let answer = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let (base, _) = hostile(answer.into_bytes()).await;
    let client = oc_core::Client::builder()
        .base_url(base)
        .no_retry()
        .max_response_bytes(1024)
        .build()?;
    let error = client.send(publish(1, "t", "m")).await.err();
    match error {
        Some(Error::ServiceUnavailable(api)) => assert_eq!(api.status(), 503),
        other => panic!("expected a 503, got {other:?}"),
    }
    Ok(())
}

#[tokio::test]
async fn a_response_head_over_the_limit_is_not_retried() -> oc_core::Result<()> {
    let huge = "a".repeat(1024 * 1024);
    let answer = format!("HTTP/1.1 200 OK\r\nx-huge: {huge}\r\ncontent-length: 0\r\n\r\n");
    let (base, connections) = hostile(answer.into_bytes()).await;
    let client = oc_core::Client::builder()
        .base_url(base)
        .retry(fast_retry())
        .build()?;
    let request = oc_core::request::build(http::Method::GET, "/x", oc_core::Body::empty())?;
    let error = client.send(request).await.err();
    assert!(
        matches!(error, Some(Error::Transport { connect: false, .. })),
        "{error:?}"
    );
    assert_eq!(
        connections.load(Ordering::SeqCst),
        1,
        "sent once, not retried"
    );
    Ok(())
}
