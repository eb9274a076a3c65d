//! [`Webhook`]: verifies deliveries and parses them.

use std::time::Duration;

use time::OffsetDateTime;

use crate::notification::{Notification, ParseError};
use crate::secret::{InvalidWebhookSecret, WebhookSecret};
use crate::signature::{SignatureError, SignatureHeader};

/// How old (or how far in the future) a signature timestamp may be by default: the
/// "10-minute window" Roblox's documentation suggests.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(600);

/// A webhook receiver's settings: the secrets deliveries are signed with and how much
/// clock skew to accept.
///
/// ```
/// use std::time::Duration;
/// use oc_webhook::{InvalidWebhookSecret, Webhook};
///
/// # fn main() -> Result<(), InvalidWebhookSecret> {
/// let webhook = Webhook::new("current-secret")?
///     .with_secret("previous-secret")? // accepted too, while rotating secrets
///     .tolerance(Duration::from_secs(300));
/// # let _ = webhook;
/// # Ok(())
/// # }
/// ```
///
/// An empty secret is refused (anyone could sign with it):
///
/// ```
/// use oc_webhook::{InvalidWebhookSecret, Webhook};
///
/// assert_eq!(Webhook::new("").err(), Some(InvalidWebhookSecret::Empty));
/// ```
#[derive(Debug, Clone)]
pub struct Webhook {
    secrets: Vec<WebhookSecret>,
    tolerance: Duration,
    verify: bool,
}

/// Why a delivery was refused.
#[derive(Debug)]
#[non_exhaustive]
pub enum RejectReason {
    /// The signature is missing, malformed, stale or wrong (answered 401).
    Signature(SignatureError),
    /// The body is not a notification (answered 400).
    Body(ParseError),
}

impl std::fmt::Display for RejectReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RejectReason::Signature(e) => e.fmt(f),
            RejectReason::Body(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for RejectReason {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RejectReason::Signature(e) => Some(e),
            RejectReason::Body(e) => Some(e),
        }
    }
}

impl Webhook {
    /// A receiver checking signatures made with `secret`: a [`WebhookSecret`], a `String`
    /// or a `&str`.
    ///
    /// Refuses an empty or all-whitespace secret ([`InvalidWebhookSecret::Empty`]).
    pub fn new<S>(secret: S) -> Result<Self, InvalidWebhookSecret>
    where
        S: TryInto<WebhookSecret>,
        InvalidWebhookSecret: From<S::Error>,
    {
        Ok(Webhook {
            secrets: vec![secret.try_into()?],
            tolerance: DEFAULT_TOLERANCE,
            verify: true,
        })
    }

    /// A receiver that accepts any delivery, signed or not, from anyone.
    ///
    /// Only for a webhook configured on Roblox without a secret (then Roblox sends just
    /// `t=<timestamp>`), on an endpoint nobody else can reach. Anyone who knows the URL can
    /// otherwise send it forged notifications, right-to-erasure requests included.
    pub fn insecure_without_signature_verification() -> Self {
        Webhook {
            secrets: Vec::new(),
            tolerance: DEFAULT_TOLERANCE,
            verify: false,
        }
    }

    /// Accepts signatures made with `secret` as well (for rotating secrets).
    ///
    /// Refuses an empty or all-whitespace secret, as [`new`](Self::new) does.
    pub fn with_secret<S>(mut self, secret: S) -> Result<Self, InvalidWebhookSecret>
    where
        S: TryInto<WebhookSecret>,
        InvalidWebhookSecret: From<S::Error>,
    {
        self.secrets.push(secret.try_into()?);
        self.verify = true;
        Ok(self)
    }

    /// How far a signature timestamp may be from now, in the past or the future
    /// (default [`DEFAULT_TOLERANCE`], 600 s).
    #[must_use]
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Whether signatures are checked (`false` only from
    /// [`insecure_without_signature_verification`](Self::insecure_without_signature_verification)).
    pub fn verifies_signatures(&self) -> bool {
        self.verify
    }

    /// Checks the `roblox-signature` header value against `body`, now.
    pub fn verify(&self, header: Option<&[u8]>, body: &[u8]) -> Result<(), SignatureError> {
        self.verify_at(header, body, OffsetDateTime::now_utc())
    }

    /// Checks the header against `body` as if the time were `now`.
    pub fn verify_at(
        &self,
        header: Option<&[u8]>,
        body: &[u8],
        now: OffsetDateTime,
    ) -> Result<(), SignatureError> {
        if !self.verify {
            return Ok(());
        }
        let header = header.ok_or(SignatureError::Missing)?;
        let header = std::str::from_utf8(header)
            .map_err(|_| SignatureError::Malformed("the header is not text"))?;
        let parsed = SignatureHeader::parse(header)?;
        // Before 1970 counts as 1970: a signature's timestamp is never negative.
        let now = u64::try_from(now.unix_timestamp()).unwrap_or(0);
        let tolerance = self.tolerance.as_secs();
        if parsed.timestamp() < now && now - parsed.timestamp() > tolerance {
            return Err(SignatureError::Expired {
                age: Duration::from_secs(now - parsed.timestamp()),
            });
        }
        if parsed.timestamp() > now && parsed.timestamp() - now > tolerance {
            return Err(SignatureError::FromTheFuture {
                ahead: Duration::from_secs(parsed.timestamp() - now),
            });
        }
        if parsed.signature_count() == 0 {
            return Err(SignatureError::Unsigned);
        }
        if parsed.matches(&self.secrets, body) {
            Ok(())
        } else {
            Err(SignatureError::Mismatch)
        }
    }

    /// Verifies the signature, then parses the body.
    pub fn verify_and_parse(
        &self,
        header: Option<&[u8]>,
        body: &[u8],
    ) -> Result<Notification, RejectReason> {
        self.verify(header, body).map_err(RejectReason::Signature)?;
        Notification::parse(body).map_err(RejectReason::Body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signature::sign;

    #[test]
    fn without_verification_anything_passes() {
        let webhook = Webhook::insecure_without_signature_verification();
        assert!(!webhook.verifies_signatures());
        assert_eq!(webhook.verify(None, b"x"), Ok(()));
        assert!(webhook.with_secret("s").unwrap().verifies_signatures());
    }

    #[test]
    fn an_empty_secret_is_refused() {
        assert_eq!(Webhook::new("").err(), Some(InvalidWebhookSecret::Empty));
        assert_eq!(
            Webhook::new(String::from(" ")).err(),
            Some(InvalidWebhookSecret::Empty)
        );
        let webhook = Webhook::new("s").unwrap();
        assert_eq!(
            webhook.with_secret("").err(),
            Some(InvalidWebhookSecret::Empty)
        );
    }

    #[test]
    fn the_tolerance_applies_both_ways() {
        let secret = WebhookSecret::new("s").unwrap();
        let webhook = Webhook::new(secret.clone())
            .unwrap()
            .tolerance(Duration::from_secs(10));
        let now = OffsetDateTime::from_unix_timestamp(1_000).unwrap();
        for (t, ok) in [(990, true), (989, false), (1_010, true), (1_011, false)] {
            let header = sign(&secret, t, b"b");
            assert_eq!(
                webhook
                    .verify_at(Some(header.as_bytes()), b"b", now)
                    .is_ok(),
                ok,
                "{t}"
            );
        }
    }
}
