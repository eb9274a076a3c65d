//! The webhook sender's part of the configuration: the receivers, the notifications to
//! send them, and the timeouts and retries of delivery.

use std::fmt;
use std::time::Duration;

use http::Uri;
use serde::Deserialize;

use crate::gateway::EmulatorError;

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
pub(super) fn target_uri(url: &str) -> Result<Uri, String> {
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
