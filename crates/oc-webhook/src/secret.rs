//! [`WebhookSecret`]: the shared secret Roblox signs deliveries with.

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
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        let value = SecretString::new(value);
        // HMAC accepts keys of every length, so this cannot fail.
        let keyed = <HmacSha256 as Mac>::new_from_slice(value.expose_secret().as_bytes())
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        WebhookSecret { value, keyed }
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

impl From<String> for WebhookSecret {
    fn from(value: String) -> Self {
        WebhookSecret::new(value)
    }
}

impl From<&str> for WebhookSecret {
    fn from(value: &str) -> Self {
        WebhookSecret::new(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_is_never_shown() {
        let secret = WebhookSecret::new("hunter2-webhook");
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
}
