//! Roblox Open Cloud OAuth 2.0 and OpenID Connect: authorization, tokens and id_token
//! verification (<https://create.roblox.com/docs/cloud/reference/oauth2>).
//!
//! - [`OAuth2App`]: the app (client id, secret or public PKCE client, redirect URI, the
//!   issuer its id_tokens name), the [authorization URI](OAuth2App::authorization_uri),
//!   [code exchange](OAuth2App::exchange_code), [refresh](OAuth2App::refresh),
//!   [revocation](OAuth2App::revoke_token) and [introspection](OAuth2App::introspect);
//! - [`CodeVerifier`] (PKCE S256) and [`AuthState`] (the `state` parameter, checked in
//!   constant time);
//! - [`TokenSet`] and [`PartialAccessToken`]: [userinfo](PartialAccessToken::userinfo),
//!   [`Resources`] (the experiences, users and groups the user authorized, as handles
//!   that send the Bearer token), introspection ([`AccessTokenInfo`]) and revocation;
//! - id_tokens are verified (ES256 only, against the provider's JWKS, the configured
//!   issuer, audience, times with a leeway, nonce); a failure is an error with an
//!   [`IdTokenError`] detail, never a missing user.
//!
//! Every call returns [`oc_core::Error`]. A refusal the service words as an OAuth error
//! (`invalid_grant`, `invalid_client`, `invalid_token`, `insufficient_scope`, ...) has an
//! [`OAuthError`] detail: `error.detail::<OAuthError>()`.
//!
//! ```no_run
//! use oc_oauth2::{AuthState, CodeVerifier, OAuth2App};
//!
//! # async fn demo(code: &str, returned_state: &str) -> Result<(), oc_core::Error> {
//! let client = oc_core::Client::builder().build()?;
//! let app = OAuth2App::builder("840974200211308101", "http://localhost:8080/callback")
//!     .client_secret("RBX-...")
//!     .build(&client)?;
//! let verifier = CodeVerifier::generate(128)?;
//! let state = AuthState::generate()?;
//! let uri = app
//!     .authorization_uri(["openid", "profile"])
//!     .state(state.expose_secret())
//!     .code_verifier(&verifier)
//!     .build()?;
//! // Send the browser to `uri`; the redirect brings `code` and `state` back.
//! assert!(state.verify(returned_state));
//! let tokens = app.exchange_code(code).code_verifier(&verifier).await?;
//! let user = tokens.userinfo().await?;
//! println!("hello, {:?}", user.display_name);
//! # Ok(()) }
//! ```

#![forbid(unsafe_code)]

mod app;
mod discovery;
mod error;
#[doc(hidden)]
pub mod fuzzing;
mod grant;
mod id_token;
mod introspect;
mod jwks;
mod pkce;
mod resources;
mod revoke;
mod token;
mod uri;
mod userinfo;

pub use app::{
    ClientAuth, ClientSecret, OAuth2App, OAuth2AppBuilder, DEFAULT_CERTS_CACHE, DEFAULT_ISSUER,
    DEFAULT_LEEWAY, DEFAULT_MIN_REFETCH,
};
pub use discovery::{DiscoveryDocument, FetchDiscovery};
pub use error::{IdTokenError, OAuthError, OAuthErrorKind};
pub use grant::ExchangeCode;
pub use id_token::{IdTokenClaims, VerifyIdToken};
pub use introspect::{AccessTokenInfo, Introspect};
pub use jwks::{FetchCerts, Jwk, Jwks};
pub use pkce::{challenge_s256, AuthState, CodeVerifier, MAX_VERIFIER_LEN, MIN_VERIFIER_LEN};
pub use resources::{FetchResources, Resources};
pub use revoke::RevokeToken;
pub use token::{AuthorizationCode, PartialAccessToken, RefreshToken, TokenSet};
pub use uri::{AuthorizationUri, Prompt, ResponseType, Scopes};
pub use userinfo::{GetUserInfo, UserInfo};

/// Fixtures shared by the unit tests.
#[cfg(test)]
pub(crate) mod tests {
    use oc_core::{Body, Error};

    /// An app on `https://apis.example.com`, client id `123`, with the secret `s3cret` or
    /// public.
    pub fn app(secret: bool) -> Result<crate::OAuth2App, Error> {
        let client = oc_core::Client::builder()
            .base_url("https://apis.example.com")
            .build()?;
        let builder = crate::OAuth2App::builder("123", "http://localhost:8080/cb?x=1");
        let builder = if secret {
            builder.client_secret("s3cret")
        } else {
            builder
        };
        builder.build(&client)
    }

    /// The form fields of a request body.
    pub fn form(request: &http::Request<Body>) -> Vec<(String, String)> {
        let body = request.body().as_bytes().unwrap_or_default();
        form_urlencoded::parse(body).into_owned().collect()
    }

    /// Owned pairs, to compare with [`form`].
    pub fn pairs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }
}
