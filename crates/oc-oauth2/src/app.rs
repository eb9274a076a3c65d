//! [`OAuth2App`]: the registered app, its settings, and the requests made in its name.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use http::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use http::Method;
use oc_core::{Body, Client, Error, InvalidInput, SecretString};

use crate::discovery::FetchDiscovery;
use crate::error::IdTokenError;
use crate::grant::{ExchangeCode, RefreshTokens};
use crate::id_token::VerifyIdToken;
use crate::introspect::Introspect;
use crate::jwks::{FetchCerts, JwksCache};
use crate::revoke::RevokeToken;
use crate::token::{AuthorizationCode, PartialAccessToken, RefreshToken};
use crate::uri::{AuthorizationUri, Scopes};

/// The default time the OpenID certs (JWKS) are cached.
pub const DEFAULT_CERTS_CACHE: Duration = Duration::from_secs(3600);
/// The default leeway on `exp`, `nbf` and `iat`.
pub const DEFAULT_LEEWAY: Duration = Duration::from_secs(60);
/// The default shortest time between two refetches of the JWKS for an unknown `kid`.
pub const DEFAULT_MIN_REFETCH: Duration = Duration::from_secs(60);
/// The issuer Roblox's id_tokens name (the `issuer` of
/// <https://apis.roblox.com/oauth/.well-known/openid-configuration>).
pub const DEFAULT_ISSUER: &str = "https://apis.roblox.com/oauth/";

oc_core::secret_type!(
    /// An OAuth 2.0 client secret; `Debug` and `Display` do not show it.
    pub ClientSecret
);

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

/// Where the issuer that id_tokens must name comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum IssuerSource {
    /// A fixed issuer: [`DEFAULT_ISSUER`] or the one set with
    /// [`OAuth2AppBuilder::issuer`].
    Fixed(String),
    /// The `issuer` of the discovery document, fetched once.
    Discovery,
}

/// A registered OAuth 2.0 app. Cheap to clone; clones share the JWKS cache.
///
/// ```no_run
/// # async fn demo() -> Result<(), oc_core::Error> {
/// use oc_oauth2::{CodeVerifier, OAuth2App};
/// let client = oc_core::Client::builder().build()?;
/// let app = OAuth2App::builder("840974200211308101", "https://example.com/callback")
///     .client_secret("RBX-...")
///     .build(&client)?;
/// let verifier = CodeVerifier::generate(128)?;
/// let uri = app.authorization_uri("openid profile").code_verifier(&verifier).build()?;
/// // ... the browser comes back to the redirect URI with `code` ...
/// # let code = "";
/// let tokens = app.exchange_code(code).code_verifier(&verifier).await?;
/// println!("{:?}", tokens.user);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct OAuth2App {
    inner: Arc<Inner>,
}

struct Inner {
    client: Client,
    client_id: String,
    client_secret: Option<ClientSecret>,
    redirect_uri: String,
    auth: ClientAuth,
    issuer: IssuerSource,
    discovered_issuer: Mutex<Option<String>>,
    leeway: Duration,
    jwks: JwksCache,
}

impl fmt::Debug for OAuth2App {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuth2App")
            .field("client_id", &self.inner.client_id)
            .field("client_secret", &self.inner.client_secret)
            .field("redirect_uri", &self.inner.redirect_uri)
            .field("auth", &self.inner.auth)
            .field("issuer", &self.inner.issuer)
            .finish_non_exhaustive()
    }
}

/// Settings of an [`OAuth2App`].
#[derive(Debug)]
#[must_use]
pub struct OAuth2AppBuilder {
    client_id: String,
    redirect_uri: String,
    client_secret: Option<ClientSecret>,
    auth: ClientAuth,
    issuer: IssuerSource,
    certs_cache: Duration,
    leeway: Duration,
    min_refetch: Duration,
}

impl OAuth2AppBuilder {
    /// The client secret; without one the app is a public client (PKCE only).
    pub fn client_secret(mut self, secret: impl Into<ClientSecret>) -> Self {
        self.client_secret = Some(secret.into());
        self
    }

    /// How the client authenticates (form fields by default).
    pub fn client_auth(mut self, auth: ClientAuth) -> Self {
        self.auth = auth;
        self
    }

    /// The issuer id_tokens must name (default [`DEFAULT_ISSUER`]), whatever the client's
    /// base URL: set it when the provider is reached through a proxy, or is an emulator
    /// with a public URL of its own.
    pub fn issuer(mut self, issuer: impl Into<String>) -> Self {
        self.issuer = IssuerSource::Fixed(issuer.into());
        self
    }

    /// Takes the issuer id_tokens must name from the provider's discovery document
    /// (`GET /oauth/.well-known/openid-configuration` on the client's base URL), fetched
    /// at the first verification and kept for the app's life. Trust the base URL as much
    /// as the issuer it names.
    pub fn issuer_from_discovery(mut self) -> Self {
        self.issuer = IssuerSource::Discovery;
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

    /// The app, sending through `client` (its base URL and stack; its credentials are
    /// not used).
    pub fn build(self, client: &Client) -> Result<OAuth2App, Error> {
        oc_core::validate::non_empty("client_id", &self.client_id)?;
        oc_core::validate::non_empty("redirect_uri", &self.redirect_uri)?;
        if self
            .client_secret
            .as_ref()
            .is_some_and(|s| s.expose_secret().is_empty())
        {
            return Err(InvalidInput::new(
                "client_secret",
                "must not be empty (leave it unset for a public client)",
            )
            .into());
        }
        if let IssuerSource::Fixed(issuer) = &self.issuer {
            oc_core::validate::non_empty("issuer", issuer)?;
        }
        Ok(OAuth2App {
            inner: Arc::new(Inner {
                client: client.without_credentials(),
                client_id: self.client_id,
                client_secret: self.client_secret,
                redirect_uri: self.redirect_uri,
                auth: self.auth,
                issuer: self.issuer,
                discovered_issuer: Mutex::new(None),
                leeway: self.leeway,
                jwks: JwksCache::new(self.certs_cache, self.min_refetch),
            }),
        })
    }
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
            issuer: IssuerSource::Fixed(DEFAULT_ISSUER.to_owned()),
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

    /// The issuer id_tokens must name: the configured one, or the discovered one once
    /// fetched (`None` before that).
    pub fn issuer(&self) -> Option<String> {
        match &self.inner.issuer {
            IssuerSource::Fixed(issuer) => Some(issuer.clone()),
            IssuerSource::Discovery => lock(&self.inner.discovered_issuer).clone(),
        }
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

    /// Exchanges an authorization code for tokens; add the PKCE verifier and the nonce on
    /// the builder, then `.await` it.
    pub fn exchange_code(&self, code: impl Into<AuthorizationCode>) -> ExchangeCode<'_> {
        ExchangeCode::new(self, code.into())
    }

    /// Exchanges a refresh token for new tokens. The refresh token is single use: store
    /// the new one from the result.
    pub fn refresh(
        &self,
        refresh_token: &RefreshToken,
    ) -> oc_core::EndpointFuture<'_, crate::TokenSet> {
        RefreshTokens::new(self, refresh_token.clone()).send()
    }

    /// Revokes an access or refresh token; the service revokes its pair with it.
    pub fn revoke_token(&self, token: impl Into<String>) -> RevokeToken<'_> {
        RevokeToken::new(self, SecretString::new(token))
    }

    /// What the service says about an access or refresh token (introspection).
    pub fn introspect(&self, token: impl Into<String>) -> Introspect<'_> {
        Introspect::new(self, SecretString::new(token))
    }

    /// The provider's discovery document.
    pub fn fetch_discovery(&self) -> FetchDiscovery<'_> {
        FetchDiscovery::new(self.client())
    }

    /// The provider's signing keys (JWKS), fetched now (verification uses its own cache).
    pub fn fetch_certs(&self) -> FetchCerts<'_> {
        FetchCerts::new(self.client())
    }

    /// A token from a bare access-token string (no refresh token, scopes or expiry).
    pub fn from_access_token_string(&self, token: impl Into<String>) -> PartialAccessToken {
        PartialAccessToken::new(self.clone(), oc_core::AccessToken::new(token))
    }

    /// Verifies an id_token: ES256 only, signed by the JWKS key of its `kid`, issuer,
    /// audience (the client id), `exp`/`nbf`/`iat` with the leeway, and the nonce when one
    /// is set on the builder.
    pub fn verify_id_token(&self, id_token: impl Into<String>) -> VerifyIdToken<'_> {
        VerifyIdToken::new(self, id_token.into())
    }

    pub(crate) fn leeway(&self) -> Duration {
        self.inner.leeway
    }

    pub(crate) fn jwks(&self) -> &JwksCache {
        &self.inner.jwks
    }

    /// The issuer to check, fetching the discovery document the first time when the
    /// issuer comes from it.
    pub(crate) async fn expected_issuer(&self) -> Result<String, IdTokenError> {
        if let Some(issuer) = self.issuer() {
            return Ok(issuer);
        }
        let document = FetchDiscovery::new(self.client())
            .await
            .map_err(|e| IdTokenError::Discovery(Arc::new(e)))?;
        if document.issuer.is_empty() {
            let empty = Error::decode("the discovery document names an empty issuer", None);
            return Err(IdTokenError::Discovery(Arc::new(empty)));
        }
        *lock(&self.inner.discovered_issuer) = Some(document.issuer.clone());
        Ok(document.issuer)
    }

    /// A POST of `fields` to `path`, with the client authentication.
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
                        InvalidInput::new(
                            "client_secret",
                            "contains characters not allowed in a header",
                        )
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
}

pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
