//! The webhook sender, delivering to a small receiver over loopback.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http::{Request, Response};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use oc_emulator::{Config, Emulator, WebhookConfig, WebhookEvent};
use tokio::net::TcpListener;

/// What the receiver got: the signature header and the body of each request.
type Received = Arc<Mutex<Vec<(String, String)>>>;

/// A receiver answering the statuses of `script` in turn (then 204), after `delay`s.
async fn receiver(script: Vec<(u16, Duration)>) -> (String, Received) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let received: Received = Arc::default();
    let log = received.clone();
    let script = Arc::new(Mutex::new(script.into_iter()));
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let log = log.clone();
            let script = script.clone();
            tokio::spawn(async move {
                let service = service_fn(move |request: Request<Incoming>| {
                    let log = log.clone();
                    let script = script.clone();
                    async move {
                        let signature = request
                            .headers()
                            .get("roblox-signature")
                            .map(|v| v.to_str().unwrap().to_owned())
                            .unwrap_or_default();
                        let body = request.into_body().collect().await.unwrap().to_bytes();
                        log.lock()
                            .unwrap()
                            .push((signature, String::from_utf8(body.to_vec()).unwrap()));
                        let next = script.lock().unwrap().next();
                        let (status, delay) = next.unwrap_or((204, Duration::ZERO));
                        tokio::time::sleep(delay).await;
                        let mut response = Response::new(Full::new(Bytes::new()));
                        *response.status_mut() = status.try_into().unwrap();
                        Ok::<_, Infallible>(response)
                    }
                });
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    (url, received)
}

#[tokio::test]
async fn failures_and_slow_answers_are_retried_with_the_same_notification() {
    let emulator = Emulator::start().await.unwrap();
    let (url, received) = receiver(vec![
        (500, Duration::ZERO),
        // Far past the 300 ms timeout, so no scheduling delay can make it count.
        (204, Duration::from_secs(30)),
        (404, Duration::ZERO),
    ])
    .await;
    let target = WebhookConfig::new(&url)
        .secret("s3cret")
        .timeout(Duration::from_millis(300))
        .retry_interval(Duration::from_millis(10));
    let delivery = emulator
        .send_webhook(
            &target,
            WebhookEvent::RightToErasureRequest {
                user: 7,
                universes: vec![1000, 1001],
            },
        )
        .await;
    assert!(delivery.delivered && delivery.finished, "{delivery:?}");
    let statuses: Vec<Option<u16>> = delivery.attempts.iter().map(|a| a.status).collect();
    // 500, then a 204 too late to count, then 404, then the default 204.
    assert_eq!(statuses, [Some(500), None, Some(404), Some(204)]);
    assert!(delivery.attempts[1]
        .error
        .as_deref()
        .unwrap()
        .contains("300 ms"));
    let received = received.lock().unwrap().clone();
    assert_eq!(received.len(), 4);
    for (signature, body) in &received {
        assert_eq!(body, &delivery.body, "every attempt sends the same bytes");
        assert!(signature.starts_with("t=") && signature.contains(",v1="));
    }
    let body: serde_json::Value = serde_json::from_str(&delivery.body).unwrap();
    assert_eq!(body["NotificationId"], delivery.notification_id.as_str());
    assert_eq!(body["EventType"], "RightToErasureRequest");
    assert_eq!(
        body["EventPayload"],
        serde_json::json!({"UserId": 7, "GameIds": [1000, 1001]})
    );
    assert_eq!(emulator.webhook_deliveries(), vec![delivery]);
}

#[tokio::test]
async fn a_delivery_gives_up_after_five_retries() {
    let emulator = Emulator::start().await.unwrap();
    let (url, received) = receiver(vec![(503, Duration::ZERO); 10]).await;
    let target = WebhookConfig::new(&url).retry_interval(Duration::from_millis(1));
    let delivery = emulator
        .send_webhook(&target, WebhookEvent::SampleNotification { user: 3000 })
        .await;
    assert!(!delivery.delivered && delivery.finished);
    assert_eq!(delivery.attempts.len(), 6, "one attempt and five retries");
    assert_eq!(received.lock().unwrap().len(), 6);
    // Without a secret the header is just the timestamp.
    let (signature, _) = &received.lock().unwrap()[0];
    assert!(signature.starts_with("t=") && !signature.contains("v1"));
}

#[tokio::test]
async fn an_unreachable_receiver_is_reported() {
    let emulator = Emulator::start().await.unwrap();
    let closed = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", closed.local_addr().unwrap());
    drop(closed);
    let target = WebhookConfig::new(url)
        .retries(1)
        .retry_interval(Duration::from_millis(1));
    let delivery = emulator
        .send_webhook(&target, WebhookEvent::SampleNotification { user: 1 })
        .await;
    assert!(!delivery.delivered);
    assert_eq!(delivery.attempts.len(), 2);
    assert!(delivery
        .attempts
        .iter()
        .all(|a| a.status.is_none() && a.error.is_some()));
}

#[tokio::test]
async fn the_configuration_sends_notifications_at_start() {
    let (url, received) = receiver(Vec::new()).await;
    let toml = format!(
        r#"
[[webhooks]]
url = "{url}"
secret = "from-config"
timeout_ms = 2000
retries = 2
retry_interval_ms = 10
send = [
  {{ event = "SampleNotification", user = 3000 }},
  {{ event = "RightToErasureRequest", user = 3000, universes = [1000] }},
]
"#
    );
    let config = Config::from_toml_str(&toml).unwrap();
    assert_eq!(config.webhooks[0].send.len(), 2);
    let emulator = Emulator::builder().config(config).start().await.unwrap();
    for _ in 0..200 {
        if emulator
            .webhook_deliveries()
            .iter()
            .filter(|d| d.finished)
            .count()
            == 2
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let deliveries = emulator.webhook_deliveries();
    assert_eq!(deliveries.len(), 2, "{deliveries:?}");
    assert!(deliveries.iter().all(|d| d.delivered));
    assert_eq!(deliveries[0].event_type, "SampleNotification");
    assert_eq!(deliveries[1].event_type, "RightToErasureRequest");
    assert_eq!(received.lock().unwrap().len(), 2);

    for bad in [
        "[[webhooks]]\nurl = \"https://example.com/\"",
        "[[webhooks]]\nurl = \"http://h/\"\nsend = [{ event = \"Nope\", user = 1 }]",
        "[[webhooks]]\nurl = \"http://h/\"\nsend = [{ event = \"SampleNotification\", user = 1, extra = 2 }]",
        "[[webhooks]]\nurl = \"http://h/\"\nbogus = 1",
    ] {
        assert!(Config::from_toml_str(bad).is_err(), "{bad}");
    }
}

#[test]
fn the_documented_webhooks_section_parses() {
    let docs = include_str!("../src/lib.rs");
    let section: String = docs
        .lines()
        .skip_while(|line| !line.starts_with("//! [[webhooks]]"))
        .take_while(|line| *line != "//! ]")
        .map(|line| format!("{}\n", line.trim_start_matches("//!").trim_start()))
        .collect();
    let config = Config::from_toml_str(&format!("{section}]\n")).unwrap();
    let webhook = &config.webhooks[0];
    assert_eq!(webhook.url, "http://127.0.0.1:8090/roblox/webhook");
    assert_eq!(webhook.secret.as_deref(), Some("my-webhook-secret"));
    assert_eq!(
        (
            webhook.timeout_ms,
            webhook.retries,
            webhook.retry_interval_ms
        ),
        (5000, 5, 1000)
    );
    assert_eq!(
        webhook.send,
        [
            WebhookEvent::SampleNotification { user: 3000 },
            WebhookEvent::RightToErasureRequest {
                user: 3000,
                universes: vec![1000]
            }
        ]
    );
}
