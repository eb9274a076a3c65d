//! Tokens: [`TokenSet`] (from an exchange or a refresh) and [`PartialAccessToken`] (a
//! bare access token), with the requests made with them.

use oc_core::time::OffsetDateTime;
use oc_core::{Client, EndpointFuture, SecretString};

use crate::app::OAuth2App;
use crate::id_token::IdTokenClaims;
use crate::introspect::Introspect;
use crate::resources::FetchResources;
use crate::revoke::RevokeToken;
use crate::userinfo::GetUserInfo;
use crate::userinfo::UserInfo;

oc_core::secret_type!(
    /// A refresh token; `Debug` and `Display` do not show it.
    pub RefreshToken
);

oc_core::secret_type!(
    /// An authorization code from the redirect; `Debug` and `Display` do not show it.
    pub AuthorizationCode
);

/// An access token without what the token endpoint says about it: from
/// [`OAuth2App::from_access_token_string`], or [`TokenSet::partial`].
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

    /// A client that sends this token as `Authorization: Bearer` (through the app's
    /// client: same base URL, stack and connection pool).
    pub fn bearer_client(&self) -> Client {
        self.app.client().with_credentials(self.token.clone())
    }

    /// The user's info (`GET /oauth/v1/userinfo`); needs `openid`, and `profile` for the
    /// names.
    pub fn userinfo(&self) -> GetUserInfo {
        GetUserInfo::new(self.bearer_client())
    }

    /// The experiences and creators the user authorized, as handles that send this token.
    pub fn fetch_resources(&self) -> FetchResources<'_> {
        FetchResources::new(self)
    }

    /// What the service says about the token (introspection).
    pub fn introspect(&self) -> Introspect<'_> {
        Introspect::new(&self.app, SecretString::new(self.token.expose_secret()))
    }

    /// Revokes the token and its refresh token.
    pub fn revoke(&self) -> RevokeToken<'_> {
        RevokeToken::new(&self.app, SecretString::new(self.token.expose_secret()))
    }
}

/// The tokens of an exchange or a refresh.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct TokenSet {
    /// The access token, with the app.
    pub partial: PartialAccessToken,
    /// The refresh token; single use, store the newest.
    pub refresh_token: RefreshToken,
    /// The granted scopes.
    pub scopes: Vec<String>,
    /// When the access token expires: the time of the answer plus `expires_in` seconds.
    pub expires_at: OffsetDateTime,
    /// The verified id_token claims, when `openid` was granted.
    pub id_token: Option<IdTokenClaims>,
    /// The user, from the id_token claims.
    pub user: Option<UserInfo>,
}

impl TokenSet {
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
        OffsetDateTime::now_utc() >= self.expires_at
    }

    /// See [`PartialAccessToken::userinfo`].
    pub fn userinfo(&self) -> GetUserInfo {
        self.partial.userinfo()
    }

    /// See [`PartialAccessToken::fetch_resources`].
    pub fn fetch_resources(&self) -> FetchResources<'_> {
        self.partial.fetch_resources()
    }

    /// See [`PartialAccessToken::introspect`].
    pub fn introspect(&self) -> Introspect<'_> {
        self.partial.introspect()
    }

    /// Revokes the access token (and its pair).
    pub fn revoke(&self) -> RevokeToken<'_> {
        self.partial.revoke()
    }

    /// Revokes the refresh token (and its pair).
    pub fn revoke_refresh_token(&self) -> RevokeToken<'_> {
        RevokeToken::new(
            &self.partial.app,
            SecretString::new(self.refresh_token.expose_secret()),
        )
    }

    /// New tokens from the refresh token (which is then used up).
    pub fn refresh(&self) -> EndpointFuture<'_, TokenSet> {
        self.partial.app.refresh(&self.refresh_token)
    }
}
