//! id_token verification: ES256 only, against the provider's JWKS, the configured issuer,
//! the client id as audience, the times with a leeway, and the nonce
//! (<https://create.roblox.com/docs/cloud/auth/oauth2-overview>).

use std::collections::HashSet;
use std::sync::Arc;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use oc_core::time::OffsetDateTime;
use oc_core::{EndpointFuture, Error, SecretString};
use serde::Deserialize;
use subtle::ConstantTimeEq;

use crate::app::OAuth2App;
use crate::error::IdTokenError;

/// The claims of a verified id_token.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct IdTokenClaims {
    /// The user id, as a string.
    pub sub: String,
    /// The display name (with `profile`).
    #[serde(default)]
    pub name: Option<String>,
    /// The user name (with `profile`).
    #[serde(default)]
    pub nickname: Option<String>,
    /// The user name (with `profile`).
    #[serde(default)]
    pub preferred_username: Option<String>,
    /// When the account was made (with `profile`).
    #[serde(default, with = "time::serde::timestamp::option")]
    pub created_at: Option<OffsetDateTime>,
    /// The profile page (with `profile`).
    #[serde(default)]
    pub profile: Option<String>,
    /// The avatar picture, when present.
    #[serde(default)]
    pub picture: Option<String>,
    /// The nonce of the authorization request, echoed.
    #[serde(default)]
    pub nonce: Option<String>,
    /// The token id.
    #[serde(default)]
    pub jti: Option<String>,
    /// The issuer.
    pub iss: String,
    /// Expiry.
    #[serde(with = "time::serde::timestamp")]
    pub exp: OffsetDateTime,
    /// Issue time.
    #[serde(with = "time::serde::timestamp")]
    pub iat: OffsetDateTime,
    /// Not before.
    #[serde(default, with = "time::serde::timestamp::option")]
    pub nbf: Option<OffsetDateTime>,
}

/// Verifies an id_token; see [`OAuth2App::verify_id_token`]. Send it with
/// [`VerifyIdToken::send`].
#[derive(Debug)]
#[must_use = "a verification does nothing until it is sent and awaited"]
pub struct VerifyIdToken<'a> {
    app: &'a OAuth2App,
    /// Not shown by `Debug`: it describes the user.
    id_token: SecretString,
    nonce: Option<String>,
}

impl<'a> VerifyIdToken<'a> {
    pub(crate) fn new(app: &'a OAuth2App, id_token: String) -> Self {
        VerifyIdToken {
            app,
            id_token: SecretString::new(id_token),
            nonce: None,
        }
    }

    /// The nonce sent in the authorization request, which the token must carry. Without
    /// one the token's nonce is not looked at.
    pub fn nonce(mut self, nonce: impl Into<String>) -> Self {
        self.nonce = Some(nonce.into());
        self
    }

    /// Verifies the token: it may fetch the discovery document (once, when the issuer
    /// comes from it) and the JWKS (when not cached). A refusal is an
    /// [`Error::Area`](oc_core::Error::Area) with an [`IdTokenError`] detail.
    ///
    /// Awaiting the builder calls this.
    pub fn send(self) -> EndpointFuture<'a, IdTokenClaims> {
        EndpointFuture::from_future(async move {
            verify(
                self.app,
                self.id_token.expose_secret(),
                self.nonce.as_deref(),
            )
            .await
            .map_err(Error::from)
        })
    }
}

oc_core::endpoint_future!(call VerifyIdToken<'a> => send -> IdTokenClaims);

#[derive(Deserialize)]
struct RawHeader {
    #[serde(default)]
    alg: String,
    #[serde(default)]
    kid: Option<String>,
}

/// Verifies an id_token and returns its claims.
pub(crate) async fn verify(
    app: &OAuth2App,
    token: &str,
    nonce: Option<&str>,
) -> Result<IdTokenClaims, IdTokenError> {
    let kid = key_id(token)?;
    let issuer = app.expected_issuer().await?;
    let key = app.jwks().key(app.client(), &kid).await?;
    let expected = Expected {
        issuer: &issuer,
        audience: app.client_id(),
        leeway_secs: app.leeway().as_secs(),
        nonce,
    };
    check(&key, &expected, token)
}

/// Reads the token's header, before anything is fetched or checked: the algorithm must be
/// ES256, and the answer is the `kid` naming the key that signed it.
pub(crate) fn key_id(token: &str) -> Result<String, IdTokenError> {
    let header = token
        .split('.')
        .next()
        .and_then(|h| URL_SAFE_NO_PAD.decode(h).ok())
        .and_then(|h| serde_json::from_slice::<RawHeader>(&h).ok())
        .ok_or(IdTokenError::Malformed {
            reason: "the header is not base64url JSON",
            source: None,
        })?;
    if header.alg != "ES256" {
        return Err(IdTokenError::UnsupportedAlgorithm(header.alg));
    }
    header.kid.ok_or(IdTokenError::MissingKid)
}

/// What a token must say.
pub(crate) struct Expected<'a> {
    pub issuer: &'a str,
    pub audience: &'a str,
    pub leeway_secs: u64,
    pub nonce: Option<&'a str>,
}

/// The checks once the key is known: signature, issuer, audience, times, nonce.
pub(crate) fn check(
    key: &DecodingKey,
    expected: &Expected<'_>,
    token: &str,
) -> Result<IdTokenClaims, IdTokenError> {
    let mut validation = Validation::new(Algorithm::ES256);
    validation.leeway = expected.leeway_secs;
    validation.validate_nbf = true;
    validation.set_issuer(&[expected.issuer]);
    validation.set_audience(&[expected.audience]);
    validation.required_spec_claims = HashSet::from(["exp".into(), "iss".into(), "aud".into()]);
    let data =
        jsonwebtoken::decode::<IdTokenClaims>(token, key, &validation).map_err(|e| {
            match e.kind() {
                ErrorKind::InvalidSignature => IdTokenError::BadSignature,
                ErrorKind::ExpiredSignature => IdTokenError::Expired,
                ErrorKind::ImmatureSignature => IdTokenError::NotYetValid,
                ErrorKind::InvalidIssuer => IdTokenError::WrongIssuer,
                ErrorKind::InvalidAudience => IdTokenError::WrongAudience,
                ErrorKind::InvalidAlgorithm => IdTokenError::UnsupportedAlgorithm("ES256".into()),
                _ => IdTokenError::Malformed {
                    reason: "the token could not be decoded",
                    source: Some(Arc::new(e)),
                },
            }
        })?;
    let claims = data.claims;
    // A leeway too large to add to the current time accepts any `iat`.
    let latest = OffsetDateTime::now_utc().checked_add(time::Duration::seconds(
        i64::try_from(expected.leeway_secs).unwrap_or(i64::MAX),
    ));
    if latest.is_some_and(|latest| claims.iat > latest) {
        return Err(IdTokenError::IssuedInFuture);
    }
    if let Some(nonce) = expected.nonce {
        let matches = claims
            .nonce
            .as_deref()
            .is_some_and(|got| bool::from(got.as_bytes().ct_eq(nonce.as_bytes())));
        if !matches {
            return Err(IdTokenError::WrongNonce);
        }
    }
    Ok(claims)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::app;

    #[test]
    fn malformed_and_unsigned_tokens_are_refused_before_any_fetch() -> Result<(), Error> {
        let app = app(true)?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .map_err(|e| Error::decode("runtime", Some(Box::new(e) as _)))?;
        let none = format!(
            "{}.{}.",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"none","kid":"k"}"#),
            URL_SAFE_NO_PAD.encode("{}")
        );
        let no_kid = format!("{}.e30.sig", URL_SAFE_NO_PAD.encode(r#"{"alg":"ES256"}"#));
        for (token, expected) in [
            ("not a jwt", "malformed"),
            (none.as_str(), "none"),
            (no_kid.as_str(), "kid"),
        ] {
            // The app's base URL is unreachable: nothing is fetched for these.
            let error = runtime.block_on(app.verify_id_token(token).send()).err();
            let detail = error.as_ref().and_then(|e| e.detail::<IdTokenError>());
            let shown = detail.map(ToString::to_string).unwrap_or_default();
            assert!(shown.contains(expected), "{shown}");
        }
        Ok(())
    }
}
