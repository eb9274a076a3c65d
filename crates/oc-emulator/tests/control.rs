//! The control surface under `/_emulator/v1` (an emulator-only extension that Roblox does
//! not have): what a program that reaches the emulator only by its URL uses instead of the
//! handle.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::convert::Infallible;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use common::{call, emulator, emulator_with, publish};
use http::{Method, Request, Response};
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use oc_emulator::{FaultRule, CONTROL_PREFIX, CONTROL_SCOPE, DEFAULT_OAUTH2_CLIENT_ID};
use tokio::net::TcpListener;

fn path(rest: &str) -> String {
    format!("{CONTROL_PREFIX}{rest}")
}

#[tokio::test]
async fn the_control_routes_need_a_key_holding_the_control_scope() {
    let emulator = emulator_with(
        r#"
[[universes]]
id = 1000
places = [2000]
owner = { user = 3000 }

[[users]]
id = 3000
name = "someone"

[[api_keys]]
key = "control-key"
owner = { user = 3000 }
[[api_keys.grants]]
universe = "*"
scopes = ["emulator:control"]

[[api_keys]]
key = "publish-key"
owner = { user = 3000 }
[[api_keys.grants]]
universe = "*"
scopes = ["universe-messaging-service:publish"]
"#,
    )
    .await;
    assert_eq!(CONTROL_SCOPE, "emulator:control");
    let anonymous = call(&emulator, Method::GET, path("/world"))
        .anonymous()
        .answer()
        .await;
    assert_eq!(anonymous.status, 401, "{}", anonymous.body);
    let without_scope = call(&emulator, Method::GET, path("/world"))
        .credential("x-api-key", "publish-key")
        .answer()
        .await;
    assert_eq!(without_scope.status, 403, "{}", without_scope.body);
    let world = call(&emulator, Method::GET, path("/world"))
        .credential("x-api-key", "control-key")
        .answer()
        .await;
    assert_eq!(world.status, 200, "{}", world.body);
    assert_eq!(world.json()["universeId"], 1000);
    assert_eq!(world.json()["userId"], 3000);
}

#[tokio::test]
async fn the_world_and_the_oauth2_app_are_reported() {
    let emulator = emulator().await;
    let world = call(&emulator, Method::GET, path("/world"))
        .answer()
        .await
        .json();
    assert_eq!(world["universeId"], emulator.universe_id());
    assert_eq!(world["placeId"], emulator.place_id());
    assert_eq!(world["userId"], emulator.user_id());
    assert_eq!(world["groupId"], emulator.group_id());
    assert_eq!(world["publicUrl"], emulator.public_url());
    let app = call(&emulator, Method::GET, path("/oauth2/app"))
        .answer()
        .await
        .json();
    assert_eq!(app["clientId"], DEFAULT_OAUTH2_CLIENT_ID);
    assert_eq!(
        app["clientSecret"].as_str(),
        emulator.oauth2_client_secret().as_deref()
    );
    assert_eq!(app["issuer"], emulator.oauth2_issuer());
    assert_eq!(
        app["redirectUri"].as_str(),
        emulator.oauth2_redirect_uri().as_deref()
    );
}

#[tokio::test]
async fn faults_are_added_and_cleared_and_star_rules_leave_the_control_routes_alone() {
    let emulator = emulator().await;
    let added = call(&emulator, Method::POST, path("/faults"))
        .json(r#"{"route": "messaging.publish", "status": 429, "times": 1, "retry_after_secs": 3}"#)
        .answer()
        .await;
    assert_eq!(added.status, 204, "{}", added.body);
    let refused = publish(&emulator, "t", "one").await;
    assert_eq!(refused.status, 429);
    assert_eq!(refused.header("retry-after"), Some("3"));
    assert_eq!(publish(&emulator, "t", "two").await.status, 200);

    // A storm on every route: the control surface still answers and turns it off.
    emulator.inject_fault(FaultRule {
        route: "*".into(),
        status: Some(503),
        ..FaultRule::default()
    });
    assert_eq!(publish(&emulator, "t", "three").await.status, 503);
    let cleared = call(&emulator, Method::DELETE, path("/faults"))
        .answer()
        .await;
    assert_eq!(cleared.status, 204, "{}", cleared.body);
    assert_eq!(publish(&emulator, "t", "four").await.status, 200);

    for bad in [
        "not json",
        r#"{"route": "messaging.publish", "bogus": 1}"#,
        r#"{"route": "messaging.publish", "times": 1, "fraction": 0.5}"#,
    ] {
        let answer = call(&emulator, Method::POST, path("/faults"))
            .json(bad)
            .answer()
            .await;
        assert_eq!(answer.status, 400, "{bad}: {}", answer.body);
    }
}

#[tokio::test]
async fn published_messages_are_listed() {
    let emulator = emulator().await;
    publish(&emulator, "scores", "hello").await;
    let listed = call(&emulator, Method::GET, path("/messaging/messages"))
        .answer()
        .await
        .json();
    assert_eq!(
        listed["messages"],
        serde_json::json!([{"universeId": emulator.universe_id(), "topic": "scores", "message": "hello"}])
    );
}

/// A receiver answering 204 and keeping the bodies it got.
async fn receiver() -> (String, Arc<Mutex<Vec<Bytes>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let received: Arc<Mutex<Vec<Bytes>>> = Arc::default();
    let log = received.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let log = log.clone();
            tokio::spawn(async move {
                let service = service_fn(move |request: Request<Incoming>| {
                    let log = log.clone();
                    async move {
                        use http_body_util::BodyExt;
                        let body = request.into_body().collect().await.unwrap().to_bytes();
                        log.lock().unwrap().push(body);
                        Ok::<_, Infallible>(
                            Response::builder()
                                .status(204)
                                .body(Full::new(Bytes::new()))
                                .unwrap(),
                        )
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
async fn a_webhook_is_sent_on_request_and_its_delivery_answered() {
    let emulator = emulator().await;
    let (url, received) = receiver().await;
    let body = serde_json::json!({
        "target": {"url": url, "secret": "s3cret", "retries": 0},
        "event": {"event": "RightToErasureRequest", "user": 3000, "universes": [1000]},
    });
    let answer = call(&emulator, Method::POST, path("/webhooks/send"))
        .json(&body.to_string())
        .answer()
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let delivery = answer.json();
    assert_eq!(delivery["delivered"], true);
    assert_eq!(delivery["eventType"], "RightToErasureRequest");
    assert_eq!(delivery["attempts"][0]["status"], 204);
    assert!(delivery["attempts"][0]["signature"]
        .as_str()
        .unwrap()
        .contains(",v1="));
    assert_eq!(received.lock().unwrap().len(), 1);
    assert_eq!(emulator.webhook_deliveries().len(), 1);
    // The secret is not echoed back.
    assert!(!answer.body.contains("s3cret"));

    for bad in [
        serde_json::json!({"target": {"url": "https://example.test/hook"}, "event": {"event": "SampleNotification", "user": 1}}),
        serde_json::json!({"target": {"url": url, "retries": 1000}, "event": {"event": "SampleNotification", "user": 1}}),
        serde_json::json!({"target": {"url": url}, "event": {"event": "Unknown"}}),
    ] {
        let answer = call(&emulator, Method::POST, path("/webhooks/send"))
            .json(&bad.to_string())
            .answer()
            .await;
        assert_eq!(answer.status, 400, "{bad}: {}", answer.body);
    }
    assert_eq!(received.lock().unwrap().len(), 1);
}
