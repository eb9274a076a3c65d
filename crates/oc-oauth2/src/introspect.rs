//! `POST /oauth/v1/token/introspect`: what the service says about a token
//! (<https://create.roblox.com/docs/cloud/reference/oauth2>).

use bytes::Bytes;
use oc_core::time::OffsetDateTime;
use oc_core::{Body, Client, Endpoint, Error, SecretString};
use serde::Deserialize;

use crate::app::OAuth2App;
use crate::error::{oauth_error, AREA};

/// What introspection tells about a token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AccessTokenInfo {
    /// Whether the token is live.
    pub active: bool,
    /// The token id (`jti`).
    pub id: Option<String>,
    /// The app's client id.
    pub client_id: Option<String>,
    /// The user who authorized it.
    pub user_id: Option<u64>,
    /// Its scopes.
    pub scopes: Vec<String>,
    /// When it expires.
    pub expires_at: Option<OffsetDateTime>,
    /// When it was issued.
    pub issued_at: Option<OffsetDateTime>,
}

#[derive(Debug, Deserialize)]
struct IntrospectResponse {
    #[serde(default)]
    active: bool,
    #[serde(default)]
    jti: Option<String>,
    #[serde(default)]
    client_id: Option<String>,
    #[serde(default)]
    sub: Option<String>,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default, with = "time::serde::timestamp::option")]
    exp: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::timestamp::option")]
    iat: Option<OffsetDateTime>,
}

/// Introspects a token; see [`OAuth2App::introspect`].
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct Introspect<'a> {
    app: &'a OAuth2App,
    token: SecretString,
}

impl<'a> Introspect<'a> {
    pub(crate) fn new(app: &'a OAuth2App, token: SecretString) -> Self {
        Introspect { app, token }
    }
}

impl Endpoint for Introspect<'_> {
    type Output = AccessTokenInfo;
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = "introspect";

    fn client(&self) -> &Client {
        self.app.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        oc_core::validate::non_empty("token", self.token.expose_secret())?;
        self.app.form_request(
            "/oauth/v1/token/introspect",
            &[("token", self.token.expose_secret())],
        )
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<AccessTokenInfo, Error> {
        let answer: IntrospectResponse = oc_core::response::json(&response)?;
        Ok(AccessTokenInfo {
            active: answer.active,
            id: answer.jti,
            client_id: answer.client_id,
            user_id: answer.sub.and_then(|s| s.parse().ok()),
            scopes: answer
                .scope
                .unwrap_or_default()
                .split(' ')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            expires_at: answer.exp,
            issued_at: answer.iat,
        })
    }

    fn parse_error(&self, error: Error) -> Error {
        oauth_error(error)
    }
}

oc_core::endpoint_future!(Introspect<'a>);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::{app, form, pairs};
    use oc_core::offline;

    #[test]
    fn builds_the_form_and_parses_the_documented_example() -> Result<(), Error> {
        let app = app(true)?;
        let introspect = app.introspect("AT.abc");
        let request = offline::request(&introspect)?;
        assert_eq!(request.uri(), "/oauth/v1/token/introspect");
        assert_eq!(form(&request)[..1], pairs(&[("token", "AT.abc")]));
        assert!(!format!("{introspect:?}").contains("AT.abc"));
        let body = r#"{"active":true,"jti":"RT.2GcjvTduKzk6QY9tjTfm","iss":"https://apis.roblox.com/oauth/","token_type":"Bearer","client_id":"840974200211308101",
 "aud":"4239311013248676173","sub":"1516563360","scope":"universe-messaging-service:publish","exp":1676394509,"iat":1660842510}"#;
        let info = offline::respond(&introspect, 200, &[], body)?;
        assert!(info.active);
        assert_eq!(info.user_id, Some(1_516_563_360));
        assert_eq!(info.scopes, ["universe-messaging-service:publish"]);
        assert_eq!(
            info.expires_at.map(OffsetDateTime::unix_timestamp),
            Some(1_676_394_509)
        );
        let inactive = offline::respond(&introspect, 200, &[], r#"{"active":false}"#)?;
        assert!(!inactive.active);
        Ok(())
    }
}
