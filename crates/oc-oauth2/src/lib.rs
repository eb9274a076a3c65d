//! Roblox Open Cloud OAuth 2.0 and OpenID Connect: authorization, tokens and id_token
//! verification.
//!
//! - [`OAuth2App`]: the app (client id, secret or public PKCE client, redirect URI), the
//!   [authorization URI](OAuth2App::authorization_uri), [code exchange](OAuth2App::exchange_code),
//!   [refresh](OAuth2App::refresh) and [revocation](OAuth2App::revoke_token);
//! - [`CodeVerifier`] (PKCE S256) and [`AuthState`] (the `state` parameter, checked in
//!   constant time);
//! - [`AccessToken`] and [`PartialAccessToken`]: userinfo, [`Resources`] (the experiences,
//!   users and groups the user authorized, as handles that send the Bearer token),
//!   introspection ([`AccessTokenInfo`]) and revocation;
//! - id_tokens are verified (ES256 only, against the provider's JWKS, issuer, audience,
//!   times with a leeway, nonce); a failure is an [`Error::IdToken`], never a missing user.
//!
//! ```no_run
//! use oc_oauth2::{AuthState, CodeVerifier, OAuth2App};
//!
//! # async fn demo(code: &str, returned_state: &str) -> Result<(), oc_oauth2::Error> {
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
//! let token = app.exchange_code(code, Some(&verifier), None).await?;
//! let user = token.fetch_userinfo().await?;
//! println!("hello, {:?}", user.display_name);
//! # Ok(()) }
//! ```

#![forbid(unsafe_code)]

mod app;
mod error;
mod id_token;
mod info;
mod pkce;
mod token;
mod uri;

pub use app::{
    ClientAuth, OAuth2App, OAuth2AppBuilder, DEFAULT_CERTS_CACHE, DEFAULT_LEEWAY,
    DEFAULT_MIN_REFETCH,
};
pub use error::{Error, IdTokenError};
pub use id_token::IdTokenClaims;
pub use info::{AccessTokenInfo, Resources, UserInfo};
pub use pkce::{challenge_s256, AuthState, CodeVerifier, MAX_VERIFIER_LEN, MIN_VERIFIER_LEN};
pub use token::{AccessToken, PartialAccessToken, RefreshToken};
pub use uri::{AuthorizationUri, Prompt, ResponseType, Scopes};
