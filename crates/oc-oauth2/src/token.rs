//! Tokens: [`AccessToken`] (from an exchange or a refresh) and [`PartialAccessToken`]
//! (a bare access token), with the calls made with them.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::header::{HeaderValue, AUTHORIZATION};
use http::Method;
use oc_core::{Body, Credentials, SecretString};

use crate::app::OAuth2App;
use crate::error::{from_core, Error};
use crate::id_token::IdTokenClaims;
use crate::info::{AccessTokenInfo, IntrospectResponse, Resources, ResourcesResponse, UserInfo};

/// A refresh token; `Debug` and `Display` do not show it.
#[derive(Clone, PartialEq, Eq)]
pub struct RefreshToken(SecretString);

impl RefreshToken {
    /// Wraps a refresh token.
    pub fn new(value: impl Into<String>) -> Self {
        RefreshToken(SecretString::new(value))
    }

    /// The token itself. Call this only to send or store it.
    pub fn expose_secret(&self) -> &str {
        self.0.expose_secret()
    }
}

impl fmt::Debug for RefreshToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("RefreshToken").field(&self.0).finish()
    }
}

impl fmt::Display for RefreshToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// An access token without what the token endpoint says about it: from
/// [`OAuth2App::from_access_token_string`], or [`AccessToken::partial`].
#[derive(Debug, Clone)]
pub struct PartialAccessToken {
    /// The access token.
    pub token: oc_core::AccessToken,
    app: OAuth2App,
}

impl PartialAccessToken {
    pub(crate) fn new(app: OAuth2App, token: oc_core::AccessToken) -> Self {
        PartialAccessToken { token, app }
    }

    /// The app the token belongs to.
    pub fn app(&self) -> &OAuth2App {
        &self.app
    }

    /// A client that sends this token as `Authorization: Bearer`.
    pub fn bearer_client(&self) -> oc_core::Client {
        self.app
            .client()
            .with_credentials(Credentials::Bearer(self.token.clone()))
    }

    /// The user's info (`GET /oauth/v1/userinfo`); needs `openid`, and `profile` for the
    /// names.
    pub async fn fetch_userinfo(&self) -> Result<UserInfo, Error> {
        let mut request =
            oc_core::request::build(Method::GET, "/oauth/v1/userinfo", Body::empty())?;
        let mut value = HeaderValue::from_str(&format!("Bearer {}", self.token.expose_secret()))
            .map_err(|_| {
                oc_core::InvalidInput::new(
                    "access_token",
                    "contains characters not allowed in a header",
                )
            })?;
        value.set_sensitive(true);
        request.headers_mut().insert(AUTHORIZATION, value);
        let response: crate::info::UserInfoResponse = self
            .app
            .client()
            .send_json(request)
            .await
            .map_err(from_core)?;
        response.into_user()
    }

    /// The experiences and creators the user authorized, as handles that send this token.
    pub async fn fetch_resources(&self) -> Result<Resources, Error> {
        let request = self.app.form_request(
            "/oauth/v1/token/resources",
            &[("token", self.token.expose_secret())],
        )?;
        let response: ResourcesResponse = self
            .app
            .client()
            .send_json(request)
            .await
            .map_err(from_core)?;
        Ok(response.into_resources(&self.bearer_client()))
    }

    /// What the service says about the token (introspection).
    pub async fn fetch_token_info(&self) -> Result<AccessTokenInfo, Error> {
        introspect(&self.app, self.token.expose_secret()).await
    }

    /// Revokes the token and its refresh token.
    pub async fn revoke(&self) -> Result<(), Error> {
        self.app.revoke_token(self.token.expose_secret()).await
    }
}

/// Introspects any token of the app.
pub(crate) async fn introspect(app: &OAuth2App, token: &str) -> Result<AccessTokenInfo, Error> {
    let request = app.form_request("/oauth/v1/token/introspect", &[("token", token)])?;
    let response: IntrospectResponse = app.client().send_json(request).await.map_err(from_core)?;
    Ok(response.into_info())
}

/// The tokens of an exchange or a refresh.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct AccessToken {
    /// The access token, with the app.
    pub partial: PartialAccessToken,
    /// The refresh token; single use, store the newest.
    pub refresh_token: RefreshToken,
    /// The granted scopes.
    pub scopes: Vec<String>,
    /// When the access token expires: the time of the answer plus `expires_in` seconds.
    pub expires_at: SystemTime,
    /// The verified id_token claims, when `openid` was granted.
    pub id_token: Option<IdTokenClaims>,
    /// The user, from the id_token claims.
    pub user: Option<UserInfo>,
}

impl AccessToken {
    pub(crate) fn new(
        partial: PartialAccessToken,
        refresh_token: RefreshToken,
        scopes: Vec<String>,
        expires_at: SystemTime,
        id_token: Option<IdTokenClaims>,
        user: Option<UserInfo>,
    ) -> Self {
        AccessToken {
            partial,
            refresh_token,
            scopes,
            expires_at,
            id_token,
            user,
        }
    }

    /// The access token.
    pub fn token(&self) -> &oc_core::AccessToken {
        &self.partial.token
    }

    /// The access token without the rest.
    pub fn partial(&self) -> &PartialAccessToken {
        &self.partial
    }

    /// Whether the access token has expired.
    pub fn is_expired(&self) -> bool {
        SystemTime::now() >= self.expires_at
    }

    /// See [`PartialAccessToken::fetch_userinfo`].
    pub async fn fetch_userinfo(&self) -> Result<UserInfo, Error> {
        self.partial.fetch_userinfo().await
    }

    /// See [`PartialAccessToken::fetch_resources`].
    pub async fn fetch_resources(&self) -> Result<Resources, Error> {
        self.partial.fetch_resources().await
    }

    /// See [`PartialAccessToken::fetch_token_info`].
    pub async fn fetch_token_info(&self) -> Result<AccessTokenInfo, Error> {
        self.partial.fetch_token_info().await
    }

    /// Revokes the access token (and its pair).
    pub async fn revoke(&self) -> Result<(), Error> {
        self.partial.revoke().await
    }

    /// Revokes the refresh token (and its pair).
    pub async fn revoke_refresh_token(&self) -> Result<(), Error> {
        self.partial
            .app
            .revoke_token(self.refresh_token.expose_secret())
            .await
    }

    /// New tokens from the refresh token (which is then used up).
    pub async fn refresh(&self) -> Result<AccessToken, Error> {
        self.partial.app.refresh(&self.refresh_token).await
    }
}

/// Unix seconds as a time.
pub(crate) fn from_unix(secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(secs)
}
