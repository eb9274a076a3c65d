//! [`OAuth2App`]: the registered app, its token calls and id_token verification.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use http::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use http::Method;
use oc_core::{Body, Client, InvalidInput, SecretString};
use serde::Deserialize;

use crate::error::{from_core, Error, IdTokenError};
use crate::id_token::{self, IdTokenClaims, JwksCache, VerifyConfig};
use crate::token::{AccessToken, PartialAccessToken, RefreshToken};
use crate::uri::{AuthorizationUri, Scopes};

/// The default time the OpenID certs (JWKS) are cached.
pub const DEFAULT_CERTS_CACHE: Duration = Duration::from_secs(3600);
/// The default leeway on `exp`, `nbf` and `iat`.
pub const DEFAULT_LEEWAY: Duration = Duration::from_secs(60);
/// The default shortest time between two refetches of the JWKS for an unknown `kid`.
pub const DEFAULT_MIN_REFETCH: Duration = Duration::from_secs(60);

/// How the client proves itself to the token endpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum ClientAuth {
    /// `client_id` and `client_secret` in the form body (`client_secret_post`).
    #[default]
    Form,
    /// `Authorization: Basic base64(id:secret)` (`client_secret_basic`).
    Basic,
}

/// A registered OAuth 2.0 app. Cheap to clone; clones share the JWKS cache.
///
/// ```no_run
/// # async fn demo() -> Result<(), oc_oauth2::Error> {
/// use oc_oauth2::{CodeVerifier, OAuth2App};
/// let client = oc_core::Client::builder().build()?;
/// let app = OAuth2App::builder("840974200211308101", "https://example.com/callback")
///     .client_secret("RBX-...")
///     .build(&client)?;
/// let verifier = CodeVerifier::generate(128)?;
/// let uri = app.authorization_uri("openid profile").code_verifier(&verifier).build()?;
/// // ... the browser comes back to the redirect URI with `code` ...
/// # let code = "";
/// let token = app.exchange_code(code, Some(&verifier), None).await?;
/// println!("{:?}", token.user);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct OAuth2App {
    inner: Arc<Inner>,
}

struct Inner {
    client: Client,
    client_id: String,
    client_secret: Option<SecretString>,
    redirect_uri: String,
    auth: ClientAuth,
    verify: VerifyConfig,
    jwks: JwksCache,
}

impl fmt::Debug for OAuth2App {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuth2App")
            .field("client_id", &self.inner.client_id)
            .field("client_secret", &self.inner.client_secret)
            .field("redirect_uri", &self.inner.redirect_uri)
            .field("auth", &self.inner.auth)
            .finish_non_exhaustive()
    }
}

/// Settings of an [`OAuth2App`].
#[derive(Debug)]
#[must_use]
pub struct OAuth2AppBuilder {
    client_id: String,
    redirect_uri: String,
    client_secret: Option<SecretString>,
    auth: ClientAuth,
    certs_cache: Duration,
    leeway: Duration,
    min_refetch: Duration,
}

impl OAuth2AppBuilder {
    /// The client secret; without one the app is a public client (PKCE only).
    pub fn client_secret(mut self, secret: impl Into<String>) -> Self {
        self.client_secret = Some(SecretString::new(secret));
        self
    }

    /// How the client authenticates (form fields by default).
    pub fn client_auth(mut self, auth: ClientAuth) -> Self {
        self.auth = auth;
        self
    }

    /// How long the OpenID certs are cached (default one hour).
    pub fn certs_cache(mut self, duration: Duration) -> Self {
        self.certs_cache = duration;
        self
    }

    /// The clock skew allowed on `exp`, `nbf` and `iat` (default 60 s).
    pub fn leeway(mut self, leeway: Duration) -> Self {
        self.leeway = leeway;
        self
    }

    /// The shortest time between two JWKS refetches caused by an unknown `kid` (default
    /// 60 s).
    pub fn min_certs_refetch(mut self, interval: Duration) -> Self {
        self.min_refetch = interval;
        self
    }

    /// The app, sending through `client` (its base URL; its credentials are not used).
    pub fn build(self, client: &Client) -> Result<OAuth2App, Error> {
        oc_core::validate::non_empty("client_id", &self.client_id)?;
        oc_core::validate::non_empty("redirect_uri", &self.redirect_uri)?;
        if self
            .client_secret
            .as_ref()
            .is_some_and(|s| s.expose_secret().is_empty())
        {
            return Err(oc_core::Error::from(InvalidInput::new(
                "client_secret",
                "must not be empty (leave it unset for a public client)",
            ))
            .into());
        }
        let issuer = format!("{}/oauth/", client.base_url().trim_end_matches('/'));
        Ok(OAuth2App {
            inner: Arc::new(Inner {
                client: client.without_credentials(),
                verify: VerifyConfig {
                    issuer,
                    audience: self.client_id.clone(),
                    leeway: self.leeway,
                },
                client_id: self.client_id,
                client_secret: self.client_secret,
                redirect_uri: self.redirect_uri,
                auth: self.auth,
                jwks: JwksCache::new(self.certs_cache, self.min_refetch),
            }),
        })
    }
}

/// The token endpoint's answer (wire spec 7.2).
#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    refresh_token: String,
    #[serde(default)]
    expires_in: u64,
    #[serde(default)]
    id_token: Option<String>,
    #[serde(default)]
    scope: String,
}

impl OAuth2App {
    /// Settings for the app with `client_id` and `redirect_uri`.
    pub fn builder(
        client_id: impl Into<String>,
        redirect_uri: impl Into<String>,
    ) -> OAuth2AppBuilder {
        OAuth2AppBuilder {
            client_id: client_id.into(),
            redirect_uri: redirect_uri.into(),
            client_secret: None,
            auth: ClientAuth::Form,
            certs_cache: DEFAULT_CERTS_CACHE,
            leeway: DEFAULT_LEEWAY,
            min_refetch: DEFAULT_MIN_REFETCH,
        }
    }

    /// The client id.
    pub fn client_id(&self) -> &str {
        &self.inner.client_id
    }

    /// The redirect URI.
    pub fn redirect_uri(&self) -> &str {
        &self.inner.redirect_uri
    }

    /// Whether the app is a public client (no secret).
    pub fn is_public(&self) -> bool {
        self.inner.client_secret.is_none()
    }

    /// The issuer id_tokens must name: `<base URL>/oauth/`.
    pub fn issuer(&self) -> &str {
        &self.inner.verify.issuer
    }

    /// The client requests go through (without credentials).
    pub fn client(&self) -> &Client {
        &self.inner.client
    }

    /// The authorization URI to send the browser to, for `scopes` (a list, or a
    /// space-separated string). Add state, nonce, prompt and PKCE on the builder.
    pub fn authorization_uri(&self, scopes: impl Into<Scopes>) -> AuthorizationUri<'_> {
        AuthorizationUri::new(self, scopes.into())
    }

    /// Exchanges an authorization code (with the PKCE verifier, when one was used) for
    /// tokens, and verifies the id_token (against `nonce` when one was sent).
    pub async fn exchange_code(
        &self,
        code: &str,
        verifier: Option<&crate::CodeVerifier>,
        nonce: Option<&str>,
    ) -> Result<AccessToken, Error> {
        oc_core::validate::non_empty("code", code)?;
        let mut form = vec![
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", self.redirect_uri()),
        ];
        if let Some(verifier) = verifier {
            form.push(("code_verifier", verifier.expose_secret()));
        }
        self.grant(&form, nonce).await
    }

    /// Exchanges a refresh token for new tokens. The refresh token is single use: store
    /// the new one from the result.
    pub async fn refresh(&self, refresh_token: &RefreshToken) -> Result<AccessToken, Error> {
        oc_core::validate::non_empty("refresh_token", refresh_token.expose_secret())?;
        let form = [
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token.expose_secret()),
        ];
        self.grant(&form, None).await
    }

    /// Revokes an access or refresh token; the service revokes its pair with it.
    pub async fn revoke_token(&self, token: &str) -> Result<(), Error> {
        oc_core::validate::non_empty("token", token)?;
        let request = self.form_request("/oauth/v1/token/revoke", &[("token", token)])?;
        self.inner
            .client
            .send(request)
            .await
            .map_err(from_core)
            .map(drop)
    }

    /// A token from a bare access-token string (no refresh token, scopes or expiry).
    pub fn from_access_token_string(&self, token: impl Into<String>) -> PartialAccessToken {
        PartialAccessToken::new(self.clone(), oc_core::AccessToken::new(token))
    }

    /// Verifies an id_token: ES256 only, signed by the JWKS key of its `kid`, issuer,
    /// audience (the client id), `exp`/`nbf`/`iat` with the leeway, and `nonce` when given.
    pub async fn verify_id_token(
        &self,
        token: &str,
        nonce: Option<&str>,
    ) -> Result<IdTokenClaims, IdTokenError> {
        id_token::verify(
            &self.inner.jwks,
            &self.inner.client,
            &self.inner.verify,
            token,
            nonce,
        )
        .await
    }

    /// A POST of `fields` plus the client authentication.
    pub(crate) fn form_request(
        &self,
        path: &str,
        fields: &[(&str, &str)],
    ) -> Result<http::Request<Body>, Error> {
        let mut body = form_urlencoded::Serializer::new(String::new());
        for (name, value) in fields {
            body.append_pair(name, value);
        }
        let mut basic = None;
        match (&self.inner.client_secret, self.inner.auth) {
            (Some(secret), ClientAuth::Basic) => {
                let pair = format!("{}:{}", self.inner.client_id, secret.expose_secret());
                let mut value = HeaderValue::from_str(&format!("Basic {}", STANDARD.encode(pair)))
                    .map_err(|_| {
                        oc_core::Error::from(InvalidInput::new(
                            "client_secret",
                            "contains characters not allowed in a header",
                        ))
                    })?;
                value.set_sensitive(true);
                basic = Some(value);
            }
            (secret, _) => {
                body.append_pair("client_id", &self.inner.client_id);
                if let Some(secret) = secret {
                    body.append_pair("client_secret", secret.expose_secret());
                }
            }
        }
        let mut request = oc_core::request::build(Method::POST, path, Body::full(body.finish()))?;
        request.headers_mut().insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded"),
        );
        if let Some(basic) = basic {
            request.headers_mut().insert(AUTHORIZATION, basic);
        }
        Ok(request)
    }

    async fn grant(
        &self,
        fields: &[(&str, &str)],
        nonce: Option<&str>,
    ) -> Result<AccessToken, Error> {
        // A code or refresh token is single use: a repeat after an answer was lost would
        // fail, so the request is never repeated once it may have arrived.
        let request =
            oc_core::request::non_idempotent(self.form_request("/oauth/v1/token", fields)?);
        let response: TokenResponse = self
            .inner
            .client
            .send_json(request)
            .await
            .map_err(from_core)?;
        let scopes: Vec<String> = response
            .scope
            .split(' ')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        let claims = match (&response.id_token, scopes.iter().any(|s| s == "openid")) {
            (Some(token), _) => Some(self.verify_id_token(token, nonce).await?),
            (None, true) => return Err(IdTokenError::Missing.into()),
            (None, false) => None,
        };
        // A subject that is not a user id is an error too, never a missing user.
        let user = claims
            .as_ref()
            .map(crate::UserInfo::from_claims)
            .transpose()?;
        Ok(AccessToken::new(
            PartialAccessToken::new(
                self.clone(),
                oc_core::AccessToken::new(response.access_token),
            ),
            RefreshToken::new(response.refresh_token),
            scopes,
            SystemTime::now() + Duration::from_secs(response.expires_in),
            claims,
            user,
        ))
    }
}
