//! Secret newtypes: values that must never be printed.

use std::fmt;
use std::sync::Arc;

/// The text every secret prints instead of its value.
pub const REDACTED: &str = "[redacted]";

/// A string that is never shown by `Debug` or `Display`.
///
/// Cloning is cheap (the value is shared). Read the value with
/// [`SecretString::expose_secret`], only where it is sent.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretString(Arc<str>);

impl SecretString {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(Arc::from(value.into()))
    }

    /// The secret itself. Call this only to put it on the wire.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl fmt::Display for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

/// Declares a secret type: a newtype over [`SecretString`] whose `Debug` and `Display`
/// print `[redacted]`, built from a `String` or `&str`, read with `expose_secret()`. Every
/// crate of the client declares its secrets with it.
///
/// ```
/// oc_core::secret_type!(
///     /// A webhook secret.
///     pub WebhookSecret
/// );
/// let secret = WebhookSecret::new("hunter2");
/// assert_eq!(format!("{secret:?} {secret}"), "WebhookSecret([redacted]) [redacted]");
/// assert_eq!(secret.expose_secret(), "hunter2");
/// ```
#[macro_export]
macro_rules! secret_type {
    ($(#[$doc:meta])* $vis:vis $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq)]
        $vis struct $name($crate::SecretString);

        impl $name {
            /// Wraps the secret value.
            pub fn new(value: impl Into<String>) -> Self {
                Self($crate::SecretString::new(value))
            }

            /// The secret itself. Call this only to put it on the wire.
            pub fn expose_secret(&self) -> &str {
                self.0.expose_secret()
            }
        }

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_tuple(stringify!($name)).field(&self.0).finish()
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str($crate::secret::REDACTED)
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                Self::new(value)
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self::new(value)
            }
        }
    };
}

crate::secret_type!(
    /// An Open Cloud API key, sent in the `x-api-key` header.
    pub ApiKey
);

crate::secret_type!(
    /// An OAuth2 access token, sent as `Authorization: Bearer <token>`.
    pub AccessToken
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_redacted_in_debug_and_display() {
        let key = ApiKey::new("super-secret-key-123");
        let token = AccessToken::new("eyJhbGciOiJFUzI1NiJ9.secret");
        let plain = SecretString::new("hunter2");
        for shown in [
            format!("{key:?}"),
            format!("{key}"),
            format!("{key:#?}"),
            format!("{token:?}"),
            format!("{token}"),
            format!("{plain:?}"),
            format!("{plain}"),
        ] {
            assert!(shown.contains(REDACTED), "{shown}");
            assert!(!shown.contains("super-secret"), "{shown}");
            assert!(!shown.contains("eyJ"), "{shown}");
            assert!(!shown.contains("hunter2"), "{shown}");
        }
        assert_eq!(key.expose_secret(), "super-secret-key-123");
        assert_eq!(format!("{key:?}"), "ApiKey([redacted])");
    }
}
