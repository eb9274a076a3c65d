//! Dispatching and the HTTP answers, offline. Handlers that must still be running when
//! something else happens wait for a signal from the test, never for the clock.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http::{Method, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use oc_webhook::{
    sign, Dispatcher, Event, HandlerError, Outcome, RecentIds, RejectReason, Webhook, WebhookSecret,
};
use tokio::sync::Notify;

const SECRET: &str = "dispatch-secret";

fn body(id: &str, event_type: &str, payload: &str) -> Vec<u8> {
    format!(
        r#"{{"NotificationId":"{id}","EventType":"{event_type}","EventTime":"2023-12-30T16:24:24.2118874Z","EventPayload":{payload}}}"#
    )
    .into_bytes()
}

#[allow(clippy::unwrap_used, reason = "test helper: SECRET is not empty")]
fn signed(body: &[u8]) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    sign(&WebhookSecret::new(SECRET).unwrap(), now, body)
}

fn request(body: &[u8], signature: Option<&str>) -> http::Result<Request<Full<Bytes>>> {
    let mut builder = Request::builder().method(Method::POST).uri("/roblox");
    if let Some(signature) = signature {
        builder = builder.header("roblox-signature", signature);
    }
    builder.body(Full::new(Bytes::copy_from_slice(body)))
}

#[tokio::test]
async fn each_event_type_reaches_its_handler() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let (tests, erasures, others) = (seen.clone(), seen.clone(), seen.clone());
    let dispatcher = Dispatcher::new(Webhook::new(SECRET).unwrap())
        .on_test(move |n, test| {
            tests
                .lock()
                .unwrap()
                .push(format!("{} test {}", n.id, test.user_id));
            async { Ok(()) }
        })
        .on_right_to_erasure(move |n, request| {
            erasures.lock().unwrap().push(format!(
                "{} erase {} in {:?}",
                n.id, request.user_id, request.universe_ids
            ));
            async { Ok(()) }
        })
        .on_other(move |n, payload| {
            others
                .lock()
                .unwrap()
                .push(format!("{} {} {payload}", n.id, n.event_type));
            async { Ok(()) }
        });
    for body in [
        body("a", "SampleNotification", r#"{"UserId":1}"#),
        body(
            "b",
            "RightToErasureRequest",
            r#"{"UserId":2,"GameIds":[10,20]}"#,
        ),
        body("c", "CommerceProductOrderPaid", r#"{"OrderId":"o-1"}"#),
    ] {
        let outcome = dispatcher
            .process(Some(signed(&body).as_bytes()), &body)
            .await;
        assert!(matches!(outcome, Outcome::Handled { .. }), "{outcome:?}");
        assert_eq!(dispatcher.status(&outcome), StatusCode::NO_CONTENT);
    }
    assert_eq!(
        *seen.lock().unwrap(),
        [
            "a test 1",
            "b erase 2 in [10, 20]",
            r#"c CommerceProductOrderPaid {"OrderId":"o-1"}"#
        ]
    );
}

#[tokio::test]
async fn the_service_answers_401_400_204_405_and_413() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counted = calls.clone();
    let service = Dispatcher::new(Webhook::new(SECRET).unwrap())
        .on_test(move |_, _| {
            counted.fetch_add(1, Ordering::SeqCst);
            async { Ok(()) }
        })
        .into_service()
        .body_limit(1024);
    let good = body("n", "SampleNotification", r#"{"UserId":1}"#);

    let ok = service
        .handle(request(&good, Some(&signed(&good))).unwrap())
        .await;
    assert_eq!(ok.status(), StatusCode::NO_CONTENT);
    assert!(ok
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .is_empty());

    let unsigned = service.handle(request(&good, None).unwrap()).await;
    assert_eq!(unsigned.status(), StatusCode::UNAUTHORIZED);
    let text = unsigned.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(&text[..], b"Invalid signature");

    let garbage = service
        .handle(request(&good, Some("t=,,=v1")).unwrap())
        .await;
    assert_eq!(garbage.status(), StatusCode::UNAUTHORIZED);

    let not_json = b"{\"hello\":1}";
    let invalid = service
        .handle(request(not_json, Some(&signed(not_json))).unwrap())
        .await;
    assert_eq!(invalid.status(), StatusCode::BAD_REQUEST);

    let get = Request::get("/roblox")
        .body(Full::new(Bytes::new()))
        .unwrap();
    let get = service.handle(get).await;
    assert_eq!(get.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(get.headers()["allow"], "POST");

    let huge = vec![b' '; 2048];
    let too_large = service
        .handle(request(&huge, Some(&signed(&huge))).unwrap())
        .await;
    assert_eq!(too_large.status(), StatusCode::PAYLOAD_TOO_LARGE);

    assert_eq!(
        calls.load(Ordering::SeqCst),
        1,
        "only the good delivery ran"
    );
}

#[tokio::test]
async fn an_event_without_a_handler_gets_the_documented_answer() {
    let erasure = body("e", "RightToErasureRequest", r#"{"UserId":2,"GameIds":[]}"#);
    let unknown = body("u", "SubscriptionCancelled", r#"{}"#);
    let default = Dispatcher::new(Webhook::new(SECRET).unwrap());
    for body in [&erasure, &unknown] {
        let outcome = default.process(Some(signed(body).as_bytes()), body).await;
        assert!(matches!(outcome, Outcome::Unhandled { .. }), "{outcome:?}");
        assert_eq!(default.status(&outcome), StatusCode::NO_CONTENT);
    }
    let strict = default.unhandled_status(StatusCode::NOT_IMPLEMENTED);
    let outcome = strict
        .process(Some(signed(&unknown).as_bytes()), &unknown)
        .await;
    let Outcome::Unhandled { notification } = &outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(notification.event_type, "SubscriptionCancelled");
    assert!(matches!(notification.event, Event::Unknown(_)));
    assert_eq!(strict.status(&outcome), StatusCode::NOT_IMPLEMENTED);
}

#[tokio::test]
async fn failures_answer_500_call_on_error_and_leave_the_retry_welcome() {
    let attempts = Arc::new(AtomicUsize::new(0));
    let errors = Arc::new(Mutex::new(Vec::new()));
    let (count, log) = (attempts.clone(), errors.clone());
    let dispatcher = Dispatcher::new(Webhook::new(SECRET).unwrap())
        .deduplicate(RecentIds::default())
        .on_test(move |_, _| {
            let attempt = count.fetch_add(1, Ordering::SeqCst);
            async move {
                match attempt {
                    0 => Err("database down".into()),
                    // Never finishes: only the handler timeout ends it, whatever the
                    // machine's speed.
                    1 => std::future::pending().await,
                    _ => Ok(()),
                }
            }
        })
        .on_error(move |n, error| log.lock().unwrap().push(format!("{}: {error}", n.id)))
        .handler_timeout(Some(Duration::from_millis(50)));
    let body = body("same-id", "SampleNotification", r#"{"UserId":1}"#);
    let signature = signed(&body);
    let first = dispatcher.process(Some(signature.as_bytes()), &body).await;
    assert!(matches!(
        first,
        Outcome::Failed {
            error: HandlerError::Failed(_),
            ..
        }
    ));
    assert_eq!(dispatcher.status(&first), StatusCode::INTERNAL_SERVER_ERROR);
    let second = dispatcher.process(Some(signature.as_bytes()), &body).await;
    assert!(matches!(
        second,
        Outcome::Failed {
            error: HandlerError::TimedOut(_),
            ..
        }
    ));
    let third = dispatcher.process(Some(signature.as_bytes()), &body).await;
    assert!(matches!(third, Outcome::Handled { .. }), "{third:?}");
    let fourth = dispatcher.process(Some(signature.as_bytes()), &body).await;
    assert!(matches!(fourth, Outcome::Duplicate { .. }), "{fourth:?}");
    assert_eq!(dispatcher.status(&fourth), StatusCode::NO_CONTENT);
    assert_eq!(
        attempts.load(Ordering::SeqCst),
        3,
        "the duplicate ran no handler"
    );
    assert_eq!(
        *errors.lock().unwrap(),
        [
            "same-id: handler failed: database down",
            "same-id: handler stopped after 50 ms"
        ]
    );
}

#[tokio::test]
async fn rejections_say_why() {
    let dispatcher = Dispatcher::new(Webhook::new(SECRET).unwrap());
    let good = body("n", "SampleNotification", r#"{"UserId":1}"#);
    let wrong = sign(&WebhookSecret::new("other").unwrap(), 1, &good);
    match dispatcher.process(Some(wrong.as_bytes()), &good).await {
        Outcome::Rejected(RejectReason::Signature(e)) => {
            assert!(e.to_string().contains("old"), "{e}")
        }
        other => panic!("{other:?}"),
    }
    let insecure = Dispatcher::new(Webhook::insecure_without_signature_verification())
        .on_test(|_, _| async { Ok(()) });
    let outcome = insecure.process(None, &good).await;
    assert!(matches!(outcome, Outcome::Handled { .. }), "{outcome:?}");
}

#[tokio::test]
async fn a_delivery_in_progress_or_cancelled_is_not_lost() {
    let calls = Arc::new(AtomicUsize::new(0));
    // The handler says when it has started, then waits until the test lets it finish:
    // the steps below follow each other by these signals, never by the clock.
    let started = Arc::new(Notify::new());
    let finish = Arc::new(Notify::new());
    let (counted, has_started, may_finish) = (calls.clone(), started.clone(), finish.clone());
    let dispatcher = Dispatcher::new(Webhook::new(SECRET).unwrap())
        .deduplicate(RecentIds::default())
        .handler_timeout(None)
        .on_test(move |_, _| {
            counted.fetch_add(1, Ordering::SeqCst);
            has_started.notify_one();
            let may_finish = may_finish.clone();
            async move {
                may_finish.notified().await;
                Ok(())
            }
        });
    let body = body("slow", "SampleNotification", r#"{"UserId":1}"#);
    let signature = signed(&body);

    // Cancelled midway (the connection closed): the id is released.
    {
        let delivery = dispatcher.process(Some(signature.as_bytes()), &body);
        tokio::pin!(delivery);
        tokio::select! {
            biased;
            outcome = &mut delivery => panic!("the handler cannot have finished: {outcome:?}"),
            () = started.notified() => {}
        }
        // `delivery` is dropped here, its handler still waiting.
    }

    // Two at once: the second, arriving while the first's handler runs, is told to come
    // back later.
    let (first, second) = tokio::join!(
        dispatcher.process(Some(signature.as_bytes()), &body),
        async {
            // A deadline only for a broken dispatcher, which would otherwise hang here.
            tokio::time::timeout(Duration::from_secs(30), started.notified())
                .await
                .expect("the first delivery's handler starts");
            let second = dispatcher.process(Some(signature.as_bytes()), &body).await;
            finish.notify_one();
            second
        }
    );
    assert!(matches!(first, Outcome::Handled { .. }), "{first:?}");
    assert!(matches!(second, Outcome::InProgress { .. }), "{second:?}");
    assert_eq!(dispatcher.status(&second), StatusCode::CONFLICT);
    let later = dispatcher.process(Some(signature.as_bytes()), &body).await;
    assert!(matches!(later, Outcome::Duplicate { .. }), "{later:?}");
    assert_eq!(
        calls.load(Ordering::SeqCst),
        2,
        "the cancelled run and the first"
    );
}
