//! `GET /oauth/v1/userinfo` and [`UserInfo`], the user an id_token or userinfo describes
//! (<https://create.roblox.com/docs/cloud/reference/oauth2>).

use bytes::Bytes;
use http::Method;
use oc_core::time::OffsetDateTime;
use oc_core::{Body, Client, Endpoint, Error};
use serde::Deserialize;

use crate::error::{oauth_error, AREA};
use crate::id_token::IdTokenClaims;

/// A Roblox user as OpenID Connect describes them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UserInfo {
    /// The user id.
    pub id: u64,
    /// The user name (with `profile`).
    pub username: Option<String>,
    /// The display name (with `profile`).
    pub display_name: Option<String>,
    /// When the account was made (with `profile`).
    pub created_at: Option<OffsetDateTime>,
    /// The profile page (with `profile`).
    pub profile_uri: Option<String>,
    /// The avatar headshot, when there is one.
    pub picture: Option<String>,
}

fn user_id(sub: &str) -> Result<u64, Error> {
    sub.parse().map_err(|e| {
        Error::decode(
            format!("the subject {sub:?} is not a user id"),
            Some(Box::new(e) as _),
        )
    })
}

impl UserInfo {
    /// The user an id_token describes; a subject that is not a user id is an
    /// [`Error::Decode`].
    pub fn from_claims(claims: &IdTokenClaims) -> Result<UserInfo, Error> {
        Ok(UserInfo {
            id: user_id(&claims.sub)?,
            username: claims
                .preferred_username
                .clone()
                .or_else(|| claims.nickname.clone()),
            display_name: claims.name.clone(),
            created_at: claims.created_at,
            profile_uri: claims.profile.clone(),
            picture: claims.picture.clone(),
        })
    }
}

/// The userinfo answer.
#[derive(Debug, Deserialize)]
struct UserInfoResponse {
    sub: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    nickname: Option<String>,
    #[serde(default)]
    preferred_username: Option<String>,
    #[serde(default, with = "time::serde::timestamp::option")]
    created_at: Option<OffsetDateTime>,
    #[serde(default)]
    profile: Option<String>,
    #[serde(default)]
    picture: Option<String>,
}

/// Fetches the user's info with the access token as a Bearer credential; see
/// [`PartialAccessToken::userinfo`](crate::PartialAccessToken::userinfo).
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetUserInfo {
    /// The app's client with the token as its credentials.
    bearer: Client,
}

impl GetUserInfo {
    pub(crate) fn new(bearer: Client) -> Self {
        GetUserInfo { bearer }
    }
}

impl Endpoint for GetUserInfo {
    type Output = UserInfo;
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = "userinfo";

    fn client(&self) -> &Client {
        &self.bearer
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        oc_core::request::build(Method::GET, "/oauth/v1/userinfo", Body::empty())
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<UserInfo, Error> {
        let answer: UserInfoResponse = oc_core::response::json(&response)?;
        Ok(UserInfo {
            id: user_id(&answer.sub)?,
            username: answer.preferred_username.or(answer.nickname),
            display_name: answer.name,
            created_at: answer.created_at,
            profile_uri: answer.profile,
            picture: answer.picture,
        })
    }

    fn parse_error(&self, error: Error) -> Error {
        oauth_error(error)
    }
}

oc_core::endpoint_future!(static GetUserInfo);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::app;
    use crate::{OAuthError, OAuthErrorKind};
    use oc_core::offline;

    #[test]
    fn sends_the_bearer_token_and_parses_the_user() -> Result<(), Error> {
        let app = app(true)?;
        let token = app.from_access_token_string("AT.secret");
        let get = token.userinfo();
        let request = offline::request(&get)?;
        assert_eq!(request.method(), Method::GET);
        assert_eq!(request.uri(), "/oauth/v1/userinfo");
        // The Bearer header is added by the client (oc_core's `Credentials::Bearer`).
        let prepared = get.client().prepare(request)?;
        assert_eq!(
            prepared.headers()[http::header::AUTHORIZATION],
            "Bearer AT.secret"
        );
        assert!(!format!("{get:?}").contains("AT.secret"));
        let body = r#"{"sub":"3000","name":"Emulator User","nickname":"emulator_user",
            "preferred_username":"emulator_user","created_at":1700000000,
            "profile":"https://www.roblox.com/users/3000/profile"}"#;
        let user = offline::respond(&get, 200, &[], body)?;
        assert_eq!(user.id, 3000);
        assert_eq!(user.username.as_deref(), Some("emulator_user"));
        assert_eq!(
            user.created_at.map(OffsetDateTime::unix_timestamp),
            Some(1_700_000_000)
        );
        let not_a_user = offline::respond(&get, 200, &[], r#"{"sub":"group:1"}"#);
        assert!(matches!(not_a_user, Err(Error::Decode { .. })));
        let refused = offline::respond(
            &get,
            403,
            &[],
            r#"{"error":"insufficient_scope","error_description":"needs openid","scope":"openid"}"#,
        )
        .err();
        let detail = refused.as_ref().and_then(|e| e.detail::<OAuthError>());
        assert_eq!(
            detail.map(|d| d.kind),
            Some(OAuthErrorKind::InsufficientScope)
        );
        assert_eq!(detail.and_then(|d| d.scope.as_deref()), Some("openid"));
        assert_eq!(
            refused.and_then(|e| e.status()),
            Some(http::StatusCode::FORBIDDEN)
        );
        Ok(())
    }
}
