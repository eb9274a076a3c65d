//! The typed details of OAuth 2.0 failures, reached with
//! [`oc_core::Error::detail`]: [`OAuthError`] (the service refused a grant, a client or a
//! token) and [`IdTokenError`] (an id_token failed verification).

use std::sync::Arc;

use oc_core::{ApiError, AreaError, ErrorShape};

/// The API area of this crate, as errors and tracing name it.
pub(crate) const AREA: &str = "oauth2";

/// What kind of OAuth error the service answered (its `error` code), as listed in
/// <https://create.roblox.com/docs/cloud/reference/oauth2>.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum OAuthErrorKind {
    /// `invalid_client`: a bad client id or secret.
    InvalidClient,
    /// `invalid_grant`: the authorization code or refresh token is invalid, expired or
    /// already used (or the PKCE verifier does not match).
    InvalidGrant,
    /// `invalid_token`: the access token is invalid, expired or revoked.
    InvalidToken,
    /// `insufficient_scope`: the access token lacks a scope the call needs.
    InsufficientScope,
    /// `invalid_request`: a missing or malformed parameter (an unregistered redirect URI,
    /// say).
    InvalidRequest,
    /// `invalid_scope`: a requested scope is unknown or not allowed for the app.
    InvalidScope,
    /// Any other `error` code; see [`OAuthError::code`].
    Other,
}

impl OAuthErrorKind {
    fn of(code: &str) -> Self {
        match code {
            "invalid_client" => OAuthErrorKind::InvalidClient,
            "invalid_grant" => OAuthErrorKind::InvalidGrant,
            "invalid_token" => OAuthErrorKind::InvalidToken,
            "insufficient_scope" => OAuthErrorKind::InsufficientScope,
            "invalid_request" => OAuthErrorKind::InvalidRequest,
            "invalid_scope" => OAuthErrorKind::InvalidScope,
            _ => OAuthErrorKind::Other,
        }
    }
}

/// The service refused an OAuth call with an OAuth error body
/// (`{"error":"…","error_description":"…"}`). The [`ApiError`] it came from stays
/// available through [`oc_core::Error::api_error`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("OAuth error {code}{}", if description.is_empty() { String::new() } else { format!(": {description}") })]
#[non_exhaustive]
pub struct OAuthError {
    /// What kind of error it is.
    pub kind: OAuthErrorKind,
    /// The service's `error` code, e.g. `invalid_grant`.
    pub code: String,
    /// The service's `error_description` (empty when it gave none).
    pub description: String,
    /// The scope the service said is missing (with [`OAuthErrorKind::InsufficientScope`]).
    pub scope: Option<String>,
}

/// Turns a failed OAuth call's error into an [`OAuthError`] detail when the service
/// answered an OAuth error body; any other error is kept as it is.
pub(crate) fn oauth_error(error: oc_core::Error) -> oc_core::Error {
    let Some(api) = error.api_error() else {
        return error;
    };
    if api.shape() != ErrorShape::OAuth {
        return error;
    }
    let Some(code) = api.code().filter(|c| !c.is_empty()) else {
        return error;
    };
    let detail = OAuthError {
        kind: OAuthErrorKind::of(code),
        code: code.to_owned(),
        description: api.message().unwrap_or_default().to_owned(),
        scope: api.scope().map(str::to_owned),
    };
    let api: ApiError = api.clone();
    AreaError::new(AREA, detail).with_api(api).into()
}

/// Why an id_token was refused.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum IdTokenError {
    /// `openid` was granted but the answer carried no id_token.
    #[error("the token answer has no id_token although openid was granted")]
    Missing,
    /// Not a compact JWS with a JSON header and claims.
    #[error("malformed id_token: {reason}")]
    Malformed {
        /// What is wrong with it.
        reason: &'static str,
        /// The JWT parser's error, when it found the problem.
        #[source]
        source: Option<Arc<dyn std::error::Error + Send + Sync>>,
    },
    /// The header names an algorithm other than ES256 (`none` and HS256 included).
    #[error("the algorithm {0:?} is not accepted (only ES256 is)")]
    UnsupportedAlgorithm(String),
    /// The header has no `kid`.
    #[error("the header has no kid")]
    MissingKid,
    /// No key of the JWKS has the token's `kid`, even after a refetch.
    #[error("no key with kid {0:?} in the provider's JWKS")]
    UnknownKid(String),
    /// The JWKS could not be fetched or read; the fetch's error is the source (an
    /// `Arc<oc_core::Error>`, shared so the detail stays `Clone`).
    #[error("the provider's keys could not be fetched")]
    Jwks(#[source] Arc<oc_core::Error>),
    /// The discovery document naming the issuer could not be fetched or read; the
    /// fetch's error is the source.
    #[error("the provider's discovery document could not be fetched")]
    Discovery(#[source] Arc<oc_core::Error>),
    /// The signature does not verify with the key of its `kid`.
    #[error("the signature does not verify")]
    BadSignature,
    /// `exp` is past (beyond the leeway).
    #[error("expired")]
    Expired,
    /// `nbf` is in the future (beyond the leeway).
    #[error("not yet valid (nbf)")]
    NotYetValid,
    /// `iat` is in the future (beyond the leeway).
    #[error("issued in the future (iat)")]
    IssuedInFuture,
    /// `iss` is not the configured issuer.
    #[error("wrong issuer")]
    WrongIssuer,
    /// `aud` is not the client id.
    #[error("wrong audience")]
    WrongAudience,
    /// A nonce was sent and the token carries another one, or none.
    #[error("the nonce does not match the one sent")]
    WrongNonce,
}

impl From<IdTokenError> for oc_core::Error {
    fn from(error: IdTokenError) -> Self {
        AreaError::new(AREA, error).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn oauth_bodies_become_typed_details_and_keep_the_answer() {
        let api = ApiError::from_parts(
            http::StatusCode::BAD_REQUEST,
            http::HeaderMap::new(),
            r#"{"error":"invalid_grant","error_description":"used"}"#.into(),
        );
        let error = oauth_error(oc_core::Error::from_api(api));
        let detail = error.detail::<OAuthError>();
        assert_eq!(detail.map(|d| d.kind), Some(OAuthErrorKind::InvalidGrant));
        assert_eq!(detail.map(|d| d.description.as_str()), Some("used"));
        assert_eq!(error.status(), Some(http::StatusCode::BAD_REQUEST));
        assert!(!error.may_have_been_applied());

        let gateway = ApiError::from_parts(
            http::StatusCode::NOT_FOUND,
            http::HeaderMap::new(),
            r#"{"errors":[{"code":0,"message":"nope"}]}"#.into(),
        );
        let error = oauth_error(oc_core::Error::from_api(gateway));
        assert!(matches!(error, oc_core::Error::NotFound(_)), "{error:?}");
    }

    #[test]
    fn a_jwks_failure_keeps_its_source() {
        let cause = oc_core::Error::decode("bad JSON", None);
        let error = oc_core::Error::from(IdTokenError::Jwks(Arc::new(cause)));
        let detail = error.detail::<IdTokenError>();
        let source = detail.and_then(|d| d.source()).map(ToString::to_string);
        assert_eq!(
            source.as_deref(),
            Some("could not decode the response: bad JSON")
        );
    }
}
