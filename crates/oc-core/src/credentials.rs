//! Credentials: how a request proves who sends it.

use http::header::{HeaderName, HeaderValue, AUTHORIZATION};
use http::HeaderMap;

use crate::error::{Error, InvalidInput};
use crate::secret::{AccessToken, ApiKey};

/// The header an API key travels in.
pub const API_KEY_HEADER: &str = "x-api-key";

/// What a client authenticates with.
///
/// An API key goes in `x-api-key`; an OAuth2 access token goes in
/// `Authorization: Bearer`. `Debug` never shows the secret.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Credentials {
    /// An Open Cloud API key.
    ApiKey(ApiKey),
    /// An OAuth2 access token.
    Bearer(AccessToken),
}

impl Credentials {
    /// Writes the credential header into `headers`, replacing any earlier one.
    ///
    /// Fails (before anything is sent) when the secret holds characters that cannot
    /// travel in a header; the error does not show the secret.
    pub fn apply(&self, headers: &mut HeaderMap) -> Result<(), Error> {
        let (name, value) = self.header()?;
        headers.insert(name, value);
        Ok(())
    }

    /// The header this credential travels in, its value marked sensitive.
    pub fn header(&self) -> Result<(HeaderName, HeaderValue), InvalidInput> {
        let (name, value, field) = match self {
            Credentials::ApiKey(key) => (
                HeaderName::from_static(API_KEY_HEADER),
                HeaderValue::from_str(key.expose_secret()),
                "api_key",
            ),
            Credentials::Bearer(token) => (
                AUTHORIZATION,
                HeaderValue::from_str(&format!("Bearer {}", token.expose_secret())),
                "access_token",
            ),
        };
        let mut value = value.map_err(|_| {
            InvalidInput::new(
                field,
                "contains characters that are not allowed in an HTTP header",
            )
        })?;
        value.set_sensitive(true);
        Ok((name, value))
    }
}

impl From<ApiKey> for Credentials {
    fn from(key: ApiKey) -> Self {
        Credentials::ApiKey(key)
    }
}

impl From<AccessToken> for Credentials {
    fn from(token: AccessToken) -> Self {
        Credentials::Bearer(token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_key_goes_in_x_api_key_and_token_in_authorization() -> Result<(), Error> {
        let mut headers = HeaderMap::new();
        Credentials::from(ApiKey::new("k1")).apply(&mut headers)?;
        assert_eq!(headers[API_KEY_HEADER], "k1");
        assert!(headers[API_KEY_HEADER].is_sensitive());

        let mut headers = HeaderMap::new();
        Credentials::from(AccessToken::new("t1")).apply(&mut headers)?;
        assert_eq!(headers[AUTHORIZATION], "Bearer t1");
        assert!(!headers.contains_key(API_KEY_HEADER));
        Ok(())
    }

    #[test]
    fn a_key_with_a_newline_is_invalid_input_that_hides_the_key() {
        let mut headers = HeaderMap::new();
        let err = Credentials::from(ApiKey::new("secret\nvalue"))
            .apply(&mut headers)
            .err();
        let shown = format!(
            "{err:?} {}",
            err.as_ref().map(ToString::to_string).unwrap_or_default()
        );
        assert!(matches!(err, Some(Error::InvalidInput(_))));
        assert!(!shown.contains("secret"), "{shown}");
    }
}
