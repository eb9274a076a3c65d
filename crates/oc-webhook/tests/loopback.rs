//! The service mounted in a real hyper server, receiving the emulator's deliveries over
//! loopback.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use oc_emulator::{Emulator, WebhookConfig, WebhookEvent};
use oc_webhook::{Dispatcher, Outcome, RecentIds, Webhook, WebhookService};
use tokio::net::TcpListener;

const SECRET: &str = "loopback-secret";

/// Serves `service` on a random port of 127.0.0.1; returns its URL.
async fn serve(service: WebhookService) -> std::io::Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/roblox/webhook", listener.local_addr()?);
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let service = TowerToHyperService::new(service.clone());
            tokio::spawn(async move {
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    Ok(url)
}

fn fast(url: &str) -> WebhookConfig {
    WebhookConfig::new(url)
        .secret(SECRET)
        .timeout(Duration::from_millis(500))
        .retry_interval(Duration::from_millis(20))
}

#[tokio::test]
async fn deliveries_are_verified_handled_and_retried_after_a_500() {
    let emulator = Emulator::start().await.unwrap();
    let erasures = Arc::new(Mutex::new(Vec::new()));
    let tests = Arc::new(AtomicUsize::new(0));
    let erasure_calls = Arc::new(AtomicUsize::new(0));
    let (log, calls, test_count) = (erasures.clone(), erasure_calls.clone(), tests.clone());
    let outcomes = Arc::new(Mutex::new(Vec::new()));
    let observed = outcomes.clone();
    let client = oc_core::Client::builder()
        .base_url(emulator.base_url())
        .api_key(emulator.api_key())
        .build()
        .unwrap();
    let service = Dispatcher::new(Webhook::new(SECRET).unwrap())
        .deduplicate(RecentIds::default())
        .on_test(move |_, test| {
            assert_eq!(test.user_id, 3000);
            test_count.fetch_add(1, Ordering::SeqCst);
            async { Ok(()) }
        })
        .on_right_to_erasure(move |notification, request| {
            let first = calls.fetch_add(1, Ordering::SeqCst) == 0;
            let universes: Vec<u64> = request
                .experiences(&client)
                .iter()
                .map(|e| e.universe_id())
                .collect();
            let log = log.clone();
            async move {
                if first {
                    return Err("the data store is busy".into());
                }
                log.lock()
                    .unwrap()
                    .push((notification.id, request.user_id, universes));
                Ok(())
            }
        })
        .into_service()
        .observe(move |outcome| {
            let kind = match outcome {
                Outcome::Handled { .. } => "handled",
                Outcome::Failed { .. } => "failed",
                Outcome::Duplicate { .. } => "duplicate",
                Outcome::Rejected(_) => "rejected",
                _ => "other",
            };
            observed.lock().unwrap().push(kind);
        });
    let url = serve(service).await.unwrap();

    let test = emulator
        .send_webhook(&fast(&url), WebhookEvent::SampleNotification { user: 3000 })
        .await;
    assert!(test.delivered, "{test:?}");
    assert_eq!(test.attempts.len(), 1);
    assert_eq!(test.attempts[0].status, Some(204));

    let erasure = emulator
        .send_webhook(
            &fast(&url),
            WebhookEvent::RightToErasureRequest {
                user: 42,
                universes: vec![1000, 1001],
            },
        )
        .await;
    assert!(erasure.delivered, "{erasure:?}");
    let statuses: Vec<_> = erasure.attempts.iter().map(|a| a.status).collect();
    assert_eq!(statuses, [Some(500), Some(204)]);
    assert_eq!(
        *erasures.lock().unwrap(),
        [(erasure.notification_id.clone(), 42, vec![1000, 1001])],
        "the retry carried the same notification id"
    );

    // A sender with the wrong secret is refused, and keeps retrying in vain.
    let forged = emulator
        .send_webhook(
            &fast(&url).secret("not-the-secret").retries(1),
            WebhookEvent::RightToErasureRequest {
                user: 42,
                universes: vec![1000],
            },
        )
        .await;
    assert!(!forged.delivered);
    assert!(forged.attempts.iter().all(|a| a.status == Some(401)));

    assert_eq!(tests.load(Ordering::SeqCst), 1);
    assert_eq!(erasure_calls.load(Ordering::SeqCst), 2);
    assert_eq!(
        *outcomes.lock().unwrap(),
        ["handled", "failed", "handled", "rejected", "rejected"]
    );
}

#[tokio::test]
async fn a_repeated_delivery_is_dropped_by_the_hook() {
    let emulator = Emulator::start().await.unwrap();
    let calls = Arc::new(AtomicUsize::new(0));
    let counted = calls.clone();
    let service = Dispatcher::new(Webhook::new(SECRET).unwrap())
        .deduplicate(RecentIds::default())
        .on_test(move |_, _| {
            counted.fetch_add(1, Ordering::SeqCst);
            async { Ok(()) }
        })
        .into_service();
    // The notification is handled, but the first answer is held past the sender's
    // timeout (a lost answer, as Roblox sees it): the sender delivers the notification
    // again, and the hook drops the repeat.
    let answers = Arc::new(AtomicUsize::new(0));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/roblox/webhook", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let service = service.clone();
            let answers = answers.clone();
            let hyper_service = hyper::service::service_fn(move |request| {
                let service = service.clone();
                let first = answers.fetch_add(1, Ordering::SeqCst) == 0;
                async move {
                    let response = service.handle(request).await;
                    if first {
                        // Far past the sender's 300 ms timeout: no scheduling delay can
                        // make this answer count.
                        tokio::time::sleep(Duration::from_secs(30)).await;
                    }
                    Ok::<_, std::convert::Infallible>(response)
                }
            });
            tokio::spawn(async move {
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), hyper_service)
                    .await;
            });
        }
    });
    let target = fast(&url).timeout(Duration::from_millis(300));
    let delivery = emulator
        .send_webhook(&target, WebhookEvent::SampleNotification { user: 3000 })
        .await;
    assert!(delivery.delivered, "{delivery:?}");
    assert_eq!(delivery.attempts.len(), 2, "{delivery:?}");
    assert_eq!(delivery.attempts[0].status, None, "too slow");
    assert_eq!(delivery.attempts[1].status, Some(204));
    assert_eq!(
        calls.load(Ordering::SeqCst),
        1,
        "the duplicate ran no handler"
    );
    assert_eq!(emulator.webhook_deliveries(), vec![delivery]);
}
