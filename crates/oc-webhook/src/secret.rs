//! [`WebhookSecret`]: the shared secret Roblox signs deliveries with.

use std::convert::Infallible;
use std::fmt;

use hmac::{Hmac, Mac};
use oc_core::secret::REDACTED;
use oc_core::SecretString;
use sha2::Sha256;

/// HMAC-SHA256, the MAC of `roblox-signature`'s `v1`.
pub(crate) type HmacSha256 = Hmac<Sha256>;

/// A webhook secret, as entered on the Creator Hub. Never shown by `Debug` or `Display`.
///
/// The HMAC key schedule is computed once, when the secret is made, so verifying a
/// delivery costs only the hashing of its body.
#[derive(Clone)]
pub struct WebhookSecret {
    value: SecretString,
    keyed: HmacSha256,
}

impl WebhookSecret {
    /// Wraps a secret value; an empty (or all-whitespace) secret is refused, since anyone
    /// could sign deliveries with it.
    ///
    /// ```
    /// use oc_webhook::{InvalidWebhookSecret, WebhookSecret};
    ///
    /// assert!(WebhookSecret::new("my-webhook-secret").is_ok());
    /// assert_eq!(WebhookSecret::new("").err(), Some(InvalidWebhookSecret::Empty));
    /// ```
    pub fn new(value: impl Into<String>) -> Result<Self, InvalidWebhookSecret> {
        let value = value.into();
        if value.trim().is_empty() {
            return Err(InvalidWebhookSecret::Empty);
        }
        let value = SecretString::new(value);
        // HMAC accepts keys of every length, so this cannot fail.
        let keyed = <HmacSha256 as Mac>::new_from_slice(value.expose_secret().as_bytes())
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        Ok(WebhookSecret { value, keyed })
    }

    /// The secret itself.
    pub fn expose_secret(&self) -> &str {
        self.value.expose_secret()
    }

    /// The HMAC-SHA256 of `"<timestamp>.<body>"` under this secret.
    pub(crate) fn mac(&self, timestamp: &str, body: &[u8]) -> [u8; 32] {
        let mut mac = self.keyed.clone();
        mac.update(timestamp.as_bytes());
        mac.update(b".");
        mac.update(body);
        mac.finalize().into_bytes().into()
    }
}

impl fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("WebhookSecret").field(&REDACTED).finish()
    }
}

impl fmt::Display for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl PartialEq for WebhookSecret {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl Eq for WebhookSecret {}

impl TryFrom<String> for WebhookSecret {
    type Error = InvalidWebhookSecret;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        WebhookSecret::new(value)
    }
}

impl TryFrom<&str> for WebhookSecret {
    type Error = InvalidWebhookSecret;

    fn try_from(value: &str) -> Result<Self, Self::Error> {
        WebhookSecret::new(value)
    }
}

impl TryFrom<&String> for WebhookSecret {
    type Error = InvalidWebhookSecret;

    fn try_from(value: &String) -> Result<Self, Self::Error> {
        WebhookSecret::new(value.as_str())
    }
}

/// Why a webhook secret was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum InvalidWebhookSecret {
    /// The secret is empty or only whitespace: anyone could sign deliveries with it. A
    /// webhook configured on Roblox without a secret takes
    /// [`Webhook::insecure_without_signature_verification`](crate::Webhook::insecure_without_signature_verification).
    Empty,
}

impl fmt::Display for InvalidWebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InvalidWebhookSecret::Empty => {
                f.write_str("the webhook secret is empty: anyone could sign deliveries with it")
            }
        }
    }
}

impl std::error::Error for InvalidWebhookSecret {}

/// A [`WebhookSecret`] given as such is already valid: lets
/// [`Webhook::new`](crate::Webhook::new) take a secret or a string alike.
impl From<Infallible> for InvalidWebhookSecret {
    fn from(never: Infallible) -> Self {
        match never {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_is_never_shown() {
        let secret = WebhookSecret::new("hunter2-webhook").unwrap();
        for shown in [
            format!("{secret:?}"),
            format!("{secret:#?}"),
            format!("{secret}"),
        ] {
            assert!(!shown.contains("hunter2"), "{shown}");
            assert!(shown.contains(REDACTED), "{shown}");
        }
        assert_eq!(secret.expose_secret(), "hunter2-webhook");
    }

    #[test]
    fn an_empty_or_blank_secret_is_refused() {
        for empty in ["", " ", "\t\r\n"] {
            assert_eq!(
                WebhookSecret::new(empty).err(),
                Some(InvalidWebhookSecret::Empty),
                "{empty:?}"
            );
            assert!(WebhookSecret::try_from(empty).is_err(), "{empty:?}");
            assert!(
                WebhookSecret::try_from(empty.to_owned()).is_err(),
                "{empty:?}"
            );
        }
        // Spaces inside a secret are its own business.
        assert!(WebhookSecret::new(" a b ").is_ok());
        assert!(InvalidWebhookSecret::Empty.to_string().contains("empty"));
    }
}
