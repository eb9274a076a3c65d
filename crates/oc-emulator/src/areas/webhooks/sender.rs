//! The webhook sender: delivers `SampleNotification` and `RightToErasureRequest`
//! notifications to a URL, signed as Roblox signs them, with Roblox's retries.
//!
//! What <https://create.roblox.com/docs/cloud/webhooks/webhook-notifications>
//! says and what is inferred:
//! * a POST with a JSON body, `content-type: application/json`, and `roblox-signature:
//!   t=<unix seconds>,v1=<base64 HMAC-SHA256(secret, "<t>.<body>")>` (just `t=<t>` without
//!   a secret);
//! * the body is compact JSON with the keys in the documented order, and the signed bytes
//!   are exactly the bytes sent, so a verifier that re-serializes the JSON (the official
//!   sample) and one that hashes the raw body both pass (inferred; the documentation recommends
//!   verifying the raw body);
//! * a delivery fails on a non-2xx answer or one slower than 5 s and is retried 5 times,
//!   with the same `NotificationId` (and body) every time;
//! * the retry interval is not documented ("a fixed window size"): 1 s by default here,
//!   and each attempt is signed afresh with the time it is sent (inferred);
//! * `NotificationId` is a random GUID (inferred: its format is not documented).

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use bytes::Bytes;
use hmac::{Hmac, Mac};
use http::header::{HeaderValue, CONTENT_TYPE, USER_AGENT};
use http::{Method, Request, Uri};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde::Serialize;
use sha2::Sha256;

use super::config::{target_uri, WebhookConfig, WebhookEvent};
use super::log::{WebhookAttempt, WebhookDelivery, WebhookLog};
use crate::gateway::clock;
use crate::gateway::state::State;

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Body<'a> {
    notification_id: &'a str,
    event_type: &'a str,
    event_time: &'a str,
    event_payload: Payload<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Payload<'a> {
    user_id: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    game_ids: Option<&'a [u64]>,
}

/// The compact JSON body of `event`.
fn body(notification_id: &str, event: &WebhookEvent, event_time: &str) -> String {
    let event_payload = match event {
        WebhookEvent::SampleNotification { user } => Payload {
            user_id: *user,
            game_ids: None,
        },
        WebhookEvent::RightToErasureRequest { user, universes } => Payload {
            user_id: *user,
            game_ids: Some(universes),
        },
    };
    let body = Body {
        notification_id,
        event_type: event.event_type(),
        event_time,
        event_payload,
    };
    // Serializing plain strings and integers cannot fail.
    serde_json::to_string(&body).unwrap_or_default()
}

/// `t=<t>,v1=<base64 HMAC-SHA256(secret, "<t>.<body>")>`, or `t=<t>` without a secret.
pub(crate) fn signature(secret: Option<&str>, timestamp: u64, body: &[u8]) -> String {
    match secret {
        None => format!("t={timestamp}"),
        Some(secret) => {
            // HMAC takes keys of any length, so this never falls back to unsigned.
            let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
                return format!("t={timestamp}");
            };
            mac.update(timestamp.to_string().as_bytes());
            mac.update(b".");
            mac.update(body);
            let tag = mac.finalize().into_bytes();
            format!("t={timestamp},v1={}", STANDARD.encode(tag))
        }
    }
}

/// A random GUID, lowercase, as .NET prints one.
fn guid() -> String {
    let hex = format!("{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..));
    // Version 4 (random), variant 1 (the variant nibble is 8, 9, a or b).
    let variant = ["8", "9", "a", "b"][fastrand::usize(..4)];
    format!(
        "{}-{}-4{}-{variant}{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..32]
    )
}

/// Delivers `event` to `target`, retrying as Roblox does, and returns the finished record
/// (also kept in `state`'s log).
pub(crate) async fn deliver(
    state: &State,
    target: &WebhookConfig,
    event: &WebhookEvent,
) -> WebhookDelivery {
    let log = state.area::<WebhookLog>();
    let notification_id = guid();
    let body = body(&notification_id, event, &clock::now_rfc3339());
    let index = log.start(WebhookDelivery {
        notification_id,
        url: target.url.clone(),
        event_type: event.event_type().to_owned(),
        body: body.clone(),
        attempts: Vec::new(),
        delivered: false,
        finished: false,
    });
    let uri = match target_uri(&target.url) {
        Ok(uri) => uri,
        Err(error) => {
            return log.update(index, |d| {
                d.attempts.push(WebhookAttempt {
                    signature: String::new(),
                    status: None,
                    error: Some(error),
                    elapsed: Duration::ZERO,
                });
                d.finished = true;
            })
        }
    };
    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let body = Bytes::from(body);
    let timeout = Duration::from_millis(target.timeout_ms);
    for attempt in 0..=target.retries {
        if attempt > 0 {
            tokio::time::sleep(Duration::from_millis(target.retry_interval_ms)).await;
        }
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs();
        let signature = signature(target.secret.as_deref(), now, &body);
        let record = send_once(&client, &uri, body.clone(), signature, timeout).await;
        let succeeded = record.succeeded();
        let last = attempt == target.retries;
        let snapshot = log.update(index, |d| {
            d.attempts.push(record);
            d.delivered = succeeded;
            d.finished = succeeded || last;
        });
        if snapshot.finished {
            return snapshot;
        }
    }
    log.update(index, |d| d.finished = true)
}

/// One POST; the answer (head and body) must arrive within `timeout`.
async fn send_once(
    client: &Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>,
    uri: &Uri,
    body: Bytes,
    signature: String,
    timeout: Duration,
) -> WebhookAttempt {
    let started = Instant::now();
    let mut request = Request::new(Full::new(body));
    *request.method_mut() = Method::POST;
    *request.uri_mut() = uri.clone();
    let headers = request.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(
        USER_AGENT,
        HeaderValue::from_static(concat!("oc-emulator/", env!("CARGO_PKG_VERSION"))),
    );
    // A signature is ASCII, so the header is always there.
    if let Ok(value) = HeaderValue::from_str(&signature) {
        headers.insert("roblox-signature", value);
    }
    let exchange = async {
        let response = client.request(request).await.map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        response
            .into_body()
            .collect()
            .await
            .map_err(|e| e.to_string())?;
        Ok::<u16, String>(status)
    };
    let (status, error) = match tokio::time::timeout(timeout, exchange).await {
        Ok(Ok(status)) => (Some(status), None),
        Ok(Err(error)) => (None, Some(error)),
        Err(_) => (
            None,
            Some(format!("no answer within {} ms", timeout.as_millis())),
        ),
    };
    WebhookAttempt {
        signature,
        status,
        error,
        elapsed: started.elapsed(),
    }
}

/// Starts delivering every `send` entry of `webhooks`, in the background.
pub(crate) fn spawn_configured(state: &std::sync::Arc<State>, webhooks: &[WebhookConfig]) {
    for target in webhooks.iter().filter(|w| !w.send.is_empty()) {
        let state = state.clone();
        let target = target.clone();
        tokio::spawn(async move {
            for event in &target.send {
                deliver(&state, &target, event).await;
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_compact_and_in_the_documented_order() {
        let sample = body(
            "n-1",
            &WebhookEvent::SampleNotification { user: 1 },
            "2023-12-30T16:24:24.2118874Z",
        );
        assert_eq!(
            sample,
            r#"{"NotificationId":"n-1","EventType":"SampleNotification","EventTime":"2023-12-30T16:24:24.2118874Z","EventPayload":{"UserId":1}}"#
        );
        let erasure = body(
            "n-2",
            &WebhookEvent::RightToErasureRequest {
                user: 1,
                universes: vec![1234, 2345],
            },
            "2023-12-30T16:24:24.2118874Z",
        );
        assert!(
            erasure.ends_with(r#""EventPayload":{"UserId":1,"GameIds":[1234,2345]}}"#),
            "{erasure}"
        );
    }

    #[test]
    fn signatures_match_a_known_hmac() {
        // Computed independently: base64(HMAC-SHA256(key="key", msg="1.body")).
        assert_eq!(
            signature(Some("key"), 1, b"body"),
            "t=1,v1=kbU3SxU4Qq0FssTquTSbgyGxRwMWW9P7iwNN+4vpiuU="
        );
        assert_eq!(signature(None, 7, b"x"), "t=7");
    }

    #[test]
    fn guids_look_like_guids() {
        let id = guid();
        assert_eq!(id.len(), 36);
        assert_eq!(id.matches('-').count(), 4);
        assert_eq!(&id[14..15], "4");
        assert!("89ab".contains(&id[19..20]), "{id}");
        assert_ne!(id, guid());
    }

    #[test]
    fn only_http_urls_are_accepted() {
        assert!(WebhookConfig::new("http://127.0.0.1:9/hook")
            .validate()
            .is_ok());
        assert!(WebhookConfig::new("https://example.com/hook")
            .validate()
            .is_err());
        assert!(WebhookConfig::new("not a url").validate().is_err());
        assert!(WebhookConfig::new("http://h/")
            .timeout(Duration::ZERO)
            .validate()
            .is_err());
        let shown = format!("{:?}", WebhookConfig::new("http://h/").secret("hunter2"));
        assert!(!shown.contains("hunter2"), "{shown}");
    }
}
