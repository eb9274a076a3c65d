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

use std::fmt;
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
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use crate::gateway::clock;
use crate::gateway::state::State;
use crate::gateway::EmulatorError;
use crate::sync::lock;

/// How long a receiver has to answer before the attempt counts as failed (Roblox: 5 s).
pub const DEFAULT_WEBHOOK_TIMEOUT: Duration = Duration::from_secs(5);
/// How many times a failed delivery is retried (Roblox: 5).
pub const DEFAULT_WEBHOOK_RETRIES: u32 = 5;
/// The pause between attempts (not documented by Roblox).
pub const DEFAULT_WEBHOOK_RETRY_INTERVAL: Duration = Duration::from_secs(1);

/// A notification the emulator can send. In TOML: `{ event = "SampleNotification", user
/// = 3000 }` or `{ event = "RightToErasureRequest", user = 3000, universes = [1000] }`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "event", deny_unknown_fields)]
pub enum WebhookEvent {
    /// The Creator Hub's test notification, from `user`.
    SampleNotification {
        /// The `UserId` of the payload.
        user: u64,
    },
    /// A right-to-erasure request for `user`'s data in `universes`.
    RightToErasureRequest {
        /// The `UserId` of the payload.
        user: u64,
        /// The `GameIds` of the payload (universe ids).
        #[serde(default)]
        universes: Vec<u64>,
    },
}

impl WebhookEvent {
    /// The `EventType` it is sent as.
    pub fn event_type(&self) -> &'static str {
        match self {
            WebhookEvent::SampleNotification { .. } => "SampleNotification",
            WebhookEvent::RightToErasureRequest { .. } => "RightToErasureRequest",
        }
    }
}

/// A webhook receiver: where to deliver and how. In TOML, a `[[webhooks]]` entry whose
/// `send` list is delivered once the emulator listens.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookConfig {
    /// The receiver's URL (`http://` only).
    pub url: String,
    /// The secret to sign with; without one the header is just `t=<timestamp>`.
    #[serde(default)]
    pub secret: Option<String>,
    /// How long the receiver has to answer, in milliseconds (default 5000).
    #[serde(default = "default_timeout_ms")]
    pub timeout_ms: u64,
    /// Retries after a failed attempt (default 5).
    #[serde(default = "default_retries")]
    pub retries: u32,
    /// The pause between attempts, in milliseconds (default 1000).
    #[serde(default = "default_retry_interval_ms")]
    pub retry_interval_ms: u64,
    /// Notifications delivered, one after the other, when the emulator starts.
    #[serde(default)]
    pub send: Vec<WebhookEvent>,
}

fn default_timeout_ms() -> u64 {
    DEFAULT_WEBHOOK_TIMEOUT.as_millis() as u64
}

fn default_retries() -> u32 {
    DEFAULT_WEBHOOK_RETRIES
}

fn default_retry_interval_ms() -> u64 {
    DEFAULT_WEBHOOK_RETRY_INTERVAL.as_millis() as u64
}

impl fmt::Debug for WebhookConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookConfig")
            .field("url", &self.url)
            .field("secret", &self.secret.as_ref().map(|_| "<redacted>"))
            .field("timeout_ms", &self.timeout_ms)
            .field("retries", &self.retries)
            .field("retry_interval_ms", &self.retry_interval_ms)
            .field("send", &self.send)
            .finish()
    }
}

impl WebhookConfig {
    /// A receiver at `url`, unsigned, with Roblox's timeout and retries.
    pub fn new(url: impl Into<String>) -> Self {
        WebhookConfig {
            url: url.into(),
            secret: None,
            timeout_ms: default_timeout_ms(),
            retries: DEFAULT_WEBHOOK_RETRIES,
            retry_interval_ms: default_retry_interval_ms(),
            send: Vec::new(),
        }
    }

    /// Signs deliveries with `secret`.
    #[must_use]
    pub fn secret(mut self, secret: impl Into<String>) -> Self {
        self.secret = Some(secret.into());
        self
    }

    /// How long the receiver has to answer (default 5 s).
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout_ms = timeout.as_millis().try_into().unwrap_or(u64::MAX);
        self
    }

    /// Retries after a failed attempt (default 5).
    #[must_use]
    pub fn retries(mut self, retries: u32) -> Self {
        self.retries = retries;
        self
    }

    /// The pause between attempts (default 1 s).
    #[must_use]
    pub fn retry_interval(mut self, interval: Duration) -> Self {
        self.retry_interval_ms = interval.as_millis().try_into().unwrap_or(u64::MAX);
        self
    }

    /// Checks the URL (an `http://` URL with a host) and the timeout.
    pub fn validate(&self) -> Result<(), EmulatorError> {
        target_uri(&self.url).map_err(EmulatorError::Config)?;
        if self.timeout_ms == 0 {
            return Err(EmulatorError::Config(format!(
                "webhook {}: timeout_ms must be positive",
                self.url
            )));
        }
        Ok(())
    }
}

/// The URL as a URI, if the sender can reach it.
fn target_uri(url: &str) -> Result<Uri, String> {
    let uri: Uri = url
        .parse()
        .map_err(|e| format!("webhook URL {url:?} is not a URL: {e}"))?;
    if uri.scheme_str() != Some("http") || uri.host().is_none() {
        return Err(format!(
            "webhook URL {url:?}: the emulator delivers to http://HOST[:PORT]/PATH URLs only"
        ));
    }
    Ok(uri)
}

/// One attempt at delivering a notification.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct WebhookAttempt {
    /// The `roblox-signature` header sent.
    pub signature: String,
    /// The receiver's status, if it answered in time.
    pub status: Option<u16>,
    /// Why the attempt failed without a status (timeout, connection refused, ...).
    pub error: Option<String>,
    /// From sending the request to the end of the answer (or the failure).
    pub elapsed: Duration,
}

impl WebhookAttempt {
    /// Whether the receiver answered 2xx in time.
    pub fn succeeded(&self) -> bool {
        self.status.is_some_and(|s| (200..300).contains(&s))
    }
}

/// A notification and every attempt at delivering it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct WebhookDelivery {
    /// The `NotificationId`, the same on every attempt.
    pub notification_id: String,
    /// The receiver.
    pub url: String,
    /// The `EventType`.
    pub event_type: String,
    /// The body, exactly as sent (and signed).
    pub body: String,
    /// The attempts so far, in order.
    pub attempts: Vec<WebhookAttempt>,
    /// Whether an attempt succeeded.
    pub delivered: bool,
    /// Whether the sender is done (delivered, or out of retries).
    pub finished: bool,
}

/// The deliveries made so far.
#[derive(Debug, Default)]
pub(crate) struct WebhookLog {
    deliveries: std::sync::Mutex<Vec<WebhookDelivery>>,
}

impl WebhookLog {
    /// Every delivery, in the order they started.
    pub(crate) fn deliveries(&self) -> Vec<WebhookDelivery> {
        lock(&self.deliveries).clone()
    }

    fn start(&self, delivery: WebhookDelivery) -> usize {
        let mut deliveries = lock(&self.deliveries);
        deliveries.push(delivery);
        deliveries.len() - 1
    }

    fn update(&self, index: usize, change: impl FnOnce(&mut WebhookDelivery)) -> WebhookDelivery {
        let mut deliveries = lock(&self.deliveries);
        match deliveries.get_mut(index) {
            Some(delivery) => {
                change(delivery);
                delivery.clone()
            }
            // Deliveries are never removed; a missing one has nothing to report.
            None => WebhookDelivery {
                notification_id: String::new(),
                url: String::new(),
                event_type: String::new(),
                body: String::new(),
                attempts: Vec::new(),
                delivered: false,
                finished: true,
            },
        }
    }
}

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
