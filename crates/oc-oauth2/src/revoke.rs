//! `POST /oauth/v1/token/revoke`: revokes an access or refresh token and its pair
//! (<https://create.roblox.com/docs/cloud/reference/oauth2>).

use bytes::Bytes;
use oc_core::{Body, Client, Endpoint, Error, SecretString};

use crate::app::OAuth2App;
use crate::error::{oauth_error, AREA};

/// Revokes a token; see [`OAuth2App::revoke_token`]. Revoking twice is harmless, so the
/// request may be repeated.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct RevokeToken<'a> {
    app: &'a OAuth2App,
    token: SecretString,
}

impl<'a> RevokeToken<'a> {
    pub(crate) fn new(app: &'a OAuth2App, token: SecretString) -> Self {
        RevokeToken { app, token }
    }
}

impl Endpoint for RevokeToken<'_> {
    type Output = ();
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = "revoke_token";

    fn client(&self) -> &Client {
        self.app.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        oc_core::validate::non_empty("token", self.token.expose_secret())?;
        self.app.form_request(
            "/oauth/v1/token/revoke",
            &[("token", self.token.expose_secret())],
        )
    }

    fn parse(&self, _: http::Response<Bytes>) -> Result<(), Error> {
        Ok(())
    }

    fn parse_error(&self, error: Error) -> Error {
        oauth_error(error)
    }
}

oc_core::endpoint_future!(RevokeToken<'a>);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::{app, form, pairs};
    use crate::OAuthError;
    use oc_core::{offline, Idempotency};

    #[test]
    fn builds_the_form_and_maps_oauth_errors() -> Result<(), Error> {
        let app = app(true)?;
        let revoke = app.revoke_token("tok-123");
        let request = offline::request(&revoke)?;
        assert_eq!(request.method(), http::Method::POST);
        assert_eq!(request.uri(), "/oauth/v1/token/revoke");
        assert_eq!(
            request.headers()[http::header::CONTENT_TYPE],
            "application/x-www-form-urlencoded"
        );
        assert_eq!(
            form(&request),
            pairs(&[
                ("token", "tok-123"),
                ("client_id", "123"),
                ("client_secret", "s3cret")
            ])
        );
        assert_eq!(Idempotency::of(&request), Idempotency::Idempotent);
        let shown = format!("{revoke:?} {request:?}");
        assert!(
            !shown.contains("tok-123") && !shown.contains("s3cret"),
            "{shown}"
        );
        offline::respond(&revoke, 200, &[], "")?;
        let refused = offline::respond(
            &revoke,
            400,
            &[],
            r#"{"error":"invalid_client","error_description":"Invalid client secret."}"#,
        );
        let error = refused.err();
        let detail = error.as_ref().and_then(|e| e.detail::<OAuthError>());
        assert_eq!(detail.map(|d| d.code.as_str()), Some("invalid_client"));
        let empty = offline::request(&app.revoke_token(""));
        assert!(matches!(empty, Err(Error::InvalidInput(ref i)) if i.field() == "token"));
        Ok(())
    }
}
