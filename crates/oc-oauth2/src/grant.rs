//! `POST /oauth/v1/token`: the authorization code and refresh token grants, and the
//! verification of the id_token they return
//! (<https://create.roblox.com/docs/cloud/reference/oauth2>).

use bytes::Bytes;
use oc_core::time::OffsetDateTime;
use oc_core::{Body, Client, Endpoint, EndpointFuture, Error, Idempotency, SecretString};
use serde::Deserialize;

use crate::app::OAuth2App;
use crate::error::{oauth_error, IdTokenError, AREA};
use crate::pkce::CodeVerifier;
use crate::token::{AuthorizationCode, PartialAccessToken, RefreshToken, TokenSet};
use crate::userinfo::UserInfo;

/// What is exchanged for tokens.
#[derive(Debug, Clone)]
enum Grant {
    Code {
        code: AuthorizationCode,
        verifier: Option<CodeVerifier>,
    },
    Refresh(RefreshToken),
}

/// The token request itself: one POST, parsed into the token endpoint's answer. The
/// grants ([`ExchangeCode`], [`OAuth2App::refresh`]) send it, then verify the id_token.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub(crate) struct TokenGrant<'a> {
    app: &'a OAuth2App,
    grant: Grant,
}

/// The token endpoint's answer.
#[derive(Debug)]
pub(crate) struct GrantAnswer {
    access_token: oc_core::AccessToken,
    refresh_token: RefreshToken,
    expires_at: OffsetDateTime,
    id_token: Option<SecretString>,
    scopes: Vec<String>,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    refresh_token: String,
    #[serde(default)]
    expires_in: u32,
    #[serde(default)]
    id_token: Option<String>,
    #[serde(default)]
    scope: String,
}

impl Endpoint for TokenGrant<'_> {
    type Output = GrantAnswer;
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = "token";

    fn client(&self) -> &Client {
        self.app.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        match &self.grant {
            Grant::Code { code, verifier } => {
                oc_core::validate::non_empty("code", code.expose_secret())?;
                let mut form = vec![
                    ("grant_type", "authorization_code"),
                    ("code", code.expose_secret()),
                    ("redirect_uri", self.app.redirect_uri()),
                ];
                if let Some(verifier) = verifier {
                    form.push(("code_verifier", verifier.expose_secret()));
                }
                self.app.form_request("/oauth/v1/token", &form)
            }
            Grant::Refresh(token) => {
                oc_core::validate::non_empty("refresh_token", token.expose_secret())?;
                let form = [
                    ("grant_type", "refresh_token"),
                    ("refresh_token", token.expose_secret()),
                ];
                self.app.form_request("/oauth/v1/token", &form)
            }
        }
    }

    // A code or refresh token is single use: a repeat after an answer was lost would fail,
    // so the request is never repeated once it may have arrived.
    fn idempotency(&self) -> Idempotency {
        Idempotency::NonIdempotent
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<GrantAnswer, Error> {
        let received = OffsetDateTime::now_utc();
        let answer: TokenResponse = oc_core::response::json(&response)?;
        Ok(GrantAnswer {
            access_token: oc_core::AccessToken::new(answer.access_token),
            refresh_token: RefreshToken::new(answer.refresh_token),
            expires_at: received + time::Duration::seconds(i64::from(answer.expires_in)),
            id_token: answer.id_token.map(SecretString::new),
            scopes: answer
                .scope
                .split(' ')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
        })
    }

    fn parse_error(&self, error: Error) -> Error {
        oauth_error(error)
    }
}

oc_core::endpoint_future!(TokenGrant<'a>);

/// Verifies the answer's id_token (against `nonce` when one was sent) and makes the
/// token set.
async fn finish(
    app: &OAuth2App,
    answer: GrantAnswer,
    nonce: Option<&str>,
) -> Result<TokenSet, Error> {
    let openid = answer.scopes.iter().any(|s| s == "openid");
    let claims = match (&answer.id_token, openid) {
        (Some(token), _) => Some(crate::id_token::verify(app, token.expose_secret(), nonce).await?),
        (None, true) => return Err(IdTokenError::Missing.into()),
        (None, false) => None,
    };
    // A subject that is not a user id is an error too, never a missing user.
    let user = claims.as_ref().map(UserInfo::from_claims).transpose()?;
    Ok(TokenSet {
        partial: PartialAccessToken::new(app.clone(), answer.access_token),
        refresh_token: answer.refresh_token,
        scopes: answer.scopes,
        expires_at: answer.expires_at,
        id_token: claims,
        user,
    })
}

/// Exchanges an authorization code for tokens; see [`OAuth2App::exchange_code`]. Send
/// it with [`ExchangeCode::send`].
#[derive(Debug)]
#[must_use = "an exchange does nothing until it is sent and awaited"]
pub struct ExchangeCode<'a> {
    app: &'a OAuth2App,
    code: AuthorizationCode,
    verifier: Option<CodeVerifier>,
    nonce: Option<String>,
}

impl<'a> ExchangeCode<'a> {
    pub(crate) fn new(app: &'a OAuth2App, code: AuthorizationCode) -> Self {
        ExchangeCode {
            app,
            code,
            verifier: None,
            nonce: None,
        }
    }

    /// The PKCE verifier whose challenge the authorization URI carried.
    pub fn code_verifier(mut self, verifier: &CodeVerifier) -> Self {
        self.verifier = Some(verifier.clone());
        self
    }

    /// The nonce the authorization URI carried, which the id_token must echo.
    pub fn nonce(mut self, nonce: impl Into<String>) -> Self {
        self.nonce = Some(nonce.into());
        self
    }

    pub(crate) fn grant(&self) -> TokenGrant<'a> {
        TokenGrant {
            app: self.app,
            grant: Grant::Code {
                code: self.code.clone(),
                verifier: self.verifier.clone(),
            },
        }
    }

    /// Sends the exchange, then verifies the id_token (fetching the JWKS when it is not
    /// cached). A refused grant is an [`OAuthError`](crate::OAuthError) detail; an
    /// id_token that fails verification an [`IdTokenError`] detail.
    ///
    /// Awaiting the builder calls this.
    pub fn send(self) -> EndpointFuture<'a, TokenSet> {
        EndpointFuture::from_future(async move {
            let answer = self.grant().await?;
            finish(self.app, answer, self.nonce.as_deref()).await
        })
    }
}

oc_core::endpoint_future!(call ExchangeCode<'a> => send -> TokenSet);

/// Exchanges a refresh token for new tokens; see [`OAuth2App::refresh`].
#[derive(Debug)]
pub(crate) struct RefreshTokens<'a> {
    app: &'a OAuth2App,
    refresh_token: RefreshToken,
}

impl<'a> RefreshTokens<'a> {
    pub(crate) fn new(app: &'a OAuth2App, refresh_token: RefreshToken) -> Self {
        RefreshTokens { app, refresh_token }
    }

    pub(crate) fn grant(&self) -> TokenGrant<'a> {
        TokenGrant {
            app: self.app,
            grant: Grant::Refresh(self.refresh_token.clone()),
        }
    }

    pub(crate) fn send(self) -> EndpointFuture<'a, TokenSet> {
        EndpointFuture::from_future(async move {
            let answer = self.grant().await?;
            finish(self.app, answer, None).await
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::{app, form, pairs};
    use crate::{OAuthError, OAuthErrorKind};
    use oc_core::offline;

    const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    #[test]
    fn the_code_exchange_sends_the_form_once_and_hides_its_secrets() -> Result<(), Error> {
        let app = app(true)?;
        let verifier = CodeVerifier::new(VERIFIER)?;
        let exchange = app
            .exchange_code("the-code")
            .code_verifier(&verifier)
            .nonce("n1");
        let grant = exchange.grant();
        let request = offline::request(&grant)?;
        assert_eq!(request.method(), http::Method::POST);
        assert_eq!(request.uri(), "/oauth/v1/token");
        assert_eq!(
            form(&request),
            pairs(&[
                ("grant_type", "authorization_code"),
                ("code", "the-code"),
                ("redirect_uri", "http://localhost:8080/cb?x=1"),
                ("code_verifier", VERIFIER),
                ("client_id", "123"),
                ("client_secret", "s3cret"),
            ])
        );
        assert_eq!(Idempotency::of(&request), Idempotency::NonIdempotent);
        let shown = format!("{exchange:?} {grant:?} {request:?}");
        for secret in ["the-code", "s3cret", VERIFIER] {
            assert!(!shown.contains(secret), "{shown}");
        }
        let empty = offline::request(&app.exchange_code("").grant());
        assert!(matches!(empty, Err(Error::InvalidInput(ref i)) if i.field() == "code"));
        Ok(())
    }

    #[test]
    fn the_refresh_grant_sends_the_refresh_token() -> Result<(), Error> {
        let app = app(false)?;
        let refresh = RefreshTokens::new(&app, RefreshToken::new("RT.1"));
        let request = offline::request(&refresh.grant())?;
        assert_eq!(
            form(&request),
            pairs(&[
                ("grant_type", "refresh_token"),
                ("refresh_token", "RT.1"),
                ("client_id", "123"),
            ])
        );
        assert!(!format!("{refresh:?} {request:?}").contains("RT.1"));
        let empty = RefreshTokens::new(&app, RefreshToken::new(""));
        assert!(offline::request(&empty.grant()).is_err());
        Ok(())
    }

    #[test]
    fn answers_parse_and_refusals_are_oauth_errors() -> Result<(), Error> {
        let app = app(true)?;
        let grant = app.exchange_code("c").grant();
        let before = OffsetDateTime::now_utc();
        let answer = offline::respond(
            &grant,
            200,
            &[],
            r#"{"access_token":"AT.1","refresh_token":"RT.1","token_type":"Bearer",
                "expires_in":899,"scope":"openid profile"}"#,
        )?;
        assert_eq!(answer.access_token.expose_secret(), "AT.1");
        assert_eq!(answer.refresh_token.expose_secret(), "RT.1");
        assert_eq!(answer.scopes, ["openid", "profile"]);
        let lifetime = answer.expires_at - before;
        assert!(lifetime >= time::Duration::seconds(899));
        assert!(lifetime < time::Duration::seconds(900));
        let refused = offline::respond(
            &grant,
            401,
            &[],
            r#"{"error":"invalid_grant","error_description":"The code was already used."}"#,
        )
        .err();
        let detail = refused.as_ref().and_then(|e| e.detail::<OAuthError>());
        assert_eq!(detail.map(|d| d.kind), Some(OAuthErrorKind::InvalidGrant));
        assert_eq!(
            detail.map(|d| d.description.as_str()),
            Some("The code was already used.")
        );
        assert_eq!(
            refused.as_ref().and_then(Error::status),
            Some(http::StatusCode::UNAUTHORIZED)
        );
        assert!(refused.is_some_and(|e| !e.may_have_been_applied()));
        Ok(())
    }
}
