//! The errors of the OAuth 2.0 calls and of id_token verification.

use oc_core::ApiError;
use serde::Deserialize;

/// What went wrong in an OAuth 2.0 call.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The service refused the client or the request (a bad client id or secret, an
    /// unregistered redirect URI, a missing parameter): a 400 with the OAuth `error` code
    /// and the service's `error_description`.
    #[error("the service refused the client or request ({code}): {description}")]
    InvalidClient {
        /// The OAuth `error` value, e.g. `invalid_client`.
        code: String,
        /// The service's `error_description`.
        description: String,
    },
    /// The authorization code (or refresh token) is invalid, expired or already used.
    #[error("invalid grant: {description}")]
    InvalidGrant {
        /// The service's `error_description`.
        description: String,
    },
    /// The access token lacks a scope the call needs (e.g. `openid` for userinfo).
    #[error("the access token lacks the scope {scope}")]
    InsufficientScope {
        /// The scope the service named.
        scope: String,
    },
    /// The access token is invalid, expired or revoked.
    #[error("invalid token: {description}")]
    InvalidToken {
        /// The service's `error_description`.
        description: String,
    },
    /// The id_token failed verification.
    #[error("the id_token is not valid: {0}")]
    IdToken(#[from] IdTokenError),
    /// Anything else: invalid input, transport, other API errors, decoding.
    #[error(transparent)]
    Core(#[from] oc_core::Error),
}

impl Error {
    /// The service's answer, when the error is one.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Error::Core(core) => core.api_error(),
            _ => None,
        }
    }

    /// Whether a write the service may have applied failed (see
    /// [`oc_core::Error::may_have_been_applied`]): only transport failures can be.
    pub fn may_have_been_applied(&self) -> bool {
        matches!(self, Error::Core(core) if core.may_have_been_applied())
    }
}

/// Why an id_token was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IdTokenError {
    /// `openid` was granted but the answer carried no id_token.
    #[error("the token answer has no id_token although openid was granted")]
    Missing,
    /// Not a compact JWS with a JSON header and claims.
    #[error("malformed: {0}")]
    Malformed(String),
    /// The header names an algorithm other than ES256 (`none` and HS256 included).
    #[error("the algorithm {0:?} is not accepted (only ES256 is)")]
    UnsupportedAlgorithm(String),
    /// The header has no `kid`.
    #[error("the header has no kid")]
    MissingKid,
    /// No key of the JWKS has the token's `kid`, even after a refetch.
    #[error("no key with kid {0:?} in the provider's JWKS")]
    UnknownKid(String),
    /// The JWKS could not be fetched or read.
    #[error("the JWKS could not be fetched: {0}")]
    Jwks(String),
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
    /// `iss` is not the provider's issuer.
    #[error("wrong issuer")]
    WrongIssuer,
    /// `aud` is not the client id.
    #[error("wrong audience")]
    WrongAudience,
    /// A nonce was sent and the token carries another one, or none.
    #[error("the nonce does not match the one sent")]
    WrongNonce,
}

/// The OAuth error body: `{"error","error_description","scope"}`.
#[derive(Debug, Default, Deserialize)]
struct OAuthErrorBody {
    #[serde(default)]
    error: String,
    #[serde(default)]
    error_description: String,
    #[serde(default)]
    scope: Option<String>,
}

/// Turns a failed call's error into the OAuth error it stands for.
pub(crate) fn from_core(error: oc_core::Error) -> Error {
    let Some(api) = error.api_error() else {
        return Error::Core(error);
    };
    let Ok(body) = serde_json::from_slice::<OAuthErrorBody>(api.body()) else {
        return Error::Core(error);
    };
    if body.error.is_empty() {
        return Error::Core(error);
    }
    let description = body.error_description;
    match (api.status().as_u16(), body.error.as_str()) {
        (_, "insufficient_scope") => Error::InsufficientScope {
            scope: body.scope.unwrap_or_default(),
        },
        (_, "invalid_grant") => Error::InvalidGrant { description },
        (400, code) => Error::InvalidClient {
            code: code.to_owned(),
            description,
        },
        (401, _) => Error::InvalidToken { description },
        _ => Error::Core(error),
    }
}

impl From<oc_core::InvalidInput> for Error {
    fn from(input: oc_core::InvalidInput) -> Self {
        Error::Core(input.into())
    }
}
