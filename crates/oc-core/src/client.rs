//! The client: base URL, credentials, user agent, timeouts and the transport stack.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue, AUTHORIZATION, USER_AGENT};
use http::uri::{PathAndQuery, Uri};
use http_body_util::BodyExt;
use rustls::pki_types::CertificateDer;
use serde::de::DeserializeOwned;
use tower::util::BoxCloneSyncService;
use tower::ServiceExt;

use crate::body::Body;
use crate::credentials::{Credentials, API_KEY_HEADER};
use crate::deadline::Deadline;
use crate::error::{ApiError, Error, InvalidInput, Result};
use crate::handles::{Experience, Group, User};
use crate::retry::{RetryConfig, RetryLayer};
use crate::secret::{AccessToken, ApiKey};
use crate::transport::{self, Transport, TransportConfig};
use tower::Layer;

/// The service's address.
pub const DEFAULT_BASE_URL: &str = "https://apis.roblox.com";

/// The user agent every request sends: the facade crate's name and version.
pub const DEFAULT_USER_AGENT: &str = concat!("rblx-open-cloud/", env!("CARGO_PKG_VERSION"));

/// Environment variable read by [`ClientBuilder::from_env`] for an API key.
pub const ENV_API_KEY: &str = "RBLX_OPEN_CLOUD_API_KEY";
/// Environment variable read by [`ClientBuilder::from_env`] for an OAuth2 access token.
pub const ENV_ACCESS_TOKEN: &str = "RBLX_OPEN_CLOUD_ACCESS_TOKEN";
/// Environment variable read by [`ClientBuilder::from_env`] for the base URL.
pub const ENV_BASE_URL: &str = "RBLX_OPEN_CLOUD_BASE_URL";

struct Shared {
    base: Base,
    user_agent: HeaderValue,
    timeout: Option<Duration>,
    stack: Transport,
}

#[derive(Debug, Clone)]
struct Base {
    text: String,
    scheme: http::uri::Scheme,
    authority: http::uri::Authority,
    /// Path prefix without a trailing slash (empty for the host root).
    prefix: String,
}

impl Base {
    fn parse(text: &str) -> Result<Base, InvalidInput> {
        let invalid = |why: &str| InvalidInput::new("base_url", format!("{text:?} {why}"));
        let uri: Uri = text.parse().map_err(|_| invalid("is not a URL"))?;
        let scheme = uri
            .scheme()
            .cloned()
            .ok_or_else(|| invalid("has no scheme"))?;
        if scheme != http::uri::Scheme::HTTP && scheme != http::uri::Scheme::HTTPS {
            return Err(invalid("must be http or https"));
        }
        let authority = uri
            .authority()
            .cloned()
            .ok_or_else(|| invalid("has no host"))?;
        if uri.query().is_some() {
            return Err(invalid("must not have a query"));
        }
        Ok(Base {
            text: text.trim_end_matches('/').to_owned(),
            scheme,
            authority,
            prefix: uri.path().trim_end_matches('/').to_owned(),
        })
    }

    fn join(&self, uri: &Uri) -> Result<Uri, Error> {
        if uri.scheme().is_some() {
            return Ok(uri.clone());
        }
        let path_and_query = uri.path_and_query().map_or("/", PathAndQuery::as_str);
        let joined: PathAndQuery = format!("{}{}", self.prefix, path_and_query)
            .parse()
            .map_err(|e: http::uri::InvalidUri| InvalidInput::new("path", e.to_string()))?;
        Uri::builder()
            .scheme(self.scheme.clone())
            .authority(self.authority.clone())
            .path_and_query(joined)
            .build()
            .map_err(|e| InvalidInput::new("path", e.to_string()).into())
    }
}

/// The Open Cloud client: cheap to clone (an `Arc` and the credentials), `Send + Sync`.
///
/// Requests are built by the API crates with no I/O and sent with [`Client::send`], which
/// adds the base URL, the credentials and the user agent, and runs them through the
/// transport stack (retry, then the per-attempt deadline, then the transport).
///
/// ```no_run
/// # async fn demo() -> Result<(), oc_core::Error> {
/// let client = oc_core::Client::builder().api_key("my-api-key").build()?;
/// let experience = client.experience(1234);
/// # let _ = experience; Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    shared: Arc<Shared>,
    credentials: Option<Credentials>,
    /// The credential's header, built once (an invalid one fails each request).
    auth: Option<AuthHeader>,
}

type AuthHeader = std::result::Result<(HeaderName, HeaderValue), InvalidInput>;

fn auth_header(credentials: Option<&Credentials>) -> Option<AuthHeader> {
    credentials.map(Credentials::header)
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.shared.base.text)
            .field("credentials", &self.credentials)
            .field("timeout", &self.shared.timeout)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A builder with the defaults: `https://apis.roblox.com`, no credentials, 10 s to
    /// connect, 30 s per attempt, retries on.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client with the defaults and an API key.
    pub fn new(api_key: impl Into<ApiKey>) -> Result<Client> {
        Client::builder().api_key(api_key).build()
    }

    /// The same client (same transport and connection pool) with other credentials.
    pub fn with_credentials(&self, credentials: impl Into<Credentials>) -> Client {
        let credentials = credentials.into();
        Client {
            shared: Arc::clone(&self.shared),
            auth: auth_header(Some(&credentials)),
            credentials: Some(credentials),
        }
    }

    /// The same client with no credentials (for endpoints that take none).
    pub fn without_credentials(&self) -> Client {
        Client {
            shared: Arc::clone(&self.shared),
            credentials: None,
            auth: None,
        }
    }

    /// The credentials requests are sent with.
    pub fn credentials(&self) -> Option<&Credentials> {
        self.credentials.as_ref()
    }

    /// The base URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.shared.base.text
    }

    /// A handle on an experience (universe). No request is made.
    pub fn experience(&self, universe_id: u64) -> Experience {
        Experience::new(universe_id, self.clone())
    }

    /// A handle on a user. No request is made.
    pub fn user(&self, user_id: u64) -> User {
        User::new(user_id, self.clone())
    }

    /// A handle on a group. No request is made.
    pub fn group(&self, group_id: u64) -> Group {
        Group::new(group_id, self.clone())
    }

    /// Completes a request built by an API crate: absolute URL, credentials (unless the
    /// request carries its own), user agent. No I/O.
    pub fn prepare(&self, mut request: http::Request<Body>) -> Result<http::Request<Body>> {
        *request.uri_mut() = self.shared.base.join(request.uri())?;
        let headers = request.headers_mut();
        if !headers.contains_key(USER_AGENT) {
            headers.insert(USER_AGENT, self.shared.user_agent.clone());
        }
        if let Some(auth) = &self.auth {
            if !headers.contains_key(API_KEY_HEADER) && !headers.contains_key(AUTHORIZATION) {
                let (name, value) = auth.clone()?;
                headers.insert(name, value);
            }
        }
        Ok(request)
    }

    /// Sends a request and returns the whole success answer; a non-success answer becomes
    /// the matching [`Error`].
    pub async fn send(&self, request: http::Request<Body>) -> Result<http::Response<Bytes>> {
        let request = self.prepare(request)?;
        let timeout = self.shared.timeout;
        let response = self
            .shared
            .stack
            .clone()
            .oneshot(request)
            .await
            .map_err(|e| transport::into_error(e, timeout))?;
        let (parts, body) = response.into_parts();
        // The deadline layer has read the body into memory already.
        let bytes = match body.into_bytes() {
            Ok(bytes) => bytes,
            Err(body) => body
                .collect()
                .await
                .map_err(|e| transport::into_error(e, timeout))?
                .to_bytes(),
        };
        if parts.status.is_success() {
            Ok(http::Response::from_parts(parts, bytes))
        } else {
            Err(Error::from_api(ApiError::from_parts(
                parts.status,
                parts.headers,
                bytes,
            )))
        }
    }

    /// Sends a request and parses the success body as JSON.
    pub async fn send_json<T: DeserializeOwned>(&self, request: http::Request<Body>) -> Result<T> {
        let response = self.send(request).await?;
        serde_json::from_slice(response.body()).map_err(|e| {
            Error::decode(
                format!("the {} answer is not the expected JSON", response.status()),
                Some(Box::new(e) as _),
            )
        })
    }
}

/// Configures a [`Client`].
#[derive(Debug)]
#[must_use]
pub struct ClientBuilder {
    base_url: String,
    credentials: Option<Credentials>,
    user_agent: Option<String>,
    timeout: Option<Duration>,
    transport_config: TransportConfig,
    retry: RetryConfig,
    transport: Option<TransportOverride>,
    max_response_bytes: usize,
}

struct TransportOverride(Transport);

impl fmt::Debug for TransportOverride {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("custom transport")
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            base_url: DEFAULT_BASE_URL.to_owned(),
            credentials: None,
            user_agent: None,
            timeout: Some(Duration::from_secs(30)),
            transport_config: TransportConfig::default(),
            retry: RetryConfig::default(),
            transport: None,
            max_response_bytes: 16 * 1024 * 1024,
        }
    }
}

impl ClientBuilder {
    /// A builder that takes the base URL and credentials from the environment:
    /// `RBLX_OPEN_CLOUD_BASE_URL`, and `RBLX_OPEN_CLOUD_API_KEY` or
    /// `RBLX_OPEN_CLOUD_ACCESS_TOKEN`. Unset variables leave the defaults.
    pub fn from_env() -> ClientBuilder {
        let mut builder = ClientBuilder::default();
        let var = |name| std::env::var(name).ok().filter(|v: &String| !v.is_empty());
        if let Some(base) = var(ENV_BASE_URL) {
            builder = builder.base_url(base);
        }
        if let Some(token) = var(ENV_ACCESS_TOKEN) {
            builder = builder.access_token(token);
        }
        if let Some(key) = var(ENV_API_KEY) {
            builder = builder.api_key(key);
        }
        builder
    }

    /// The service's address; change it to run against the emulator or a proxy.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// Authenticates with an API key (`x-api-key`).
    pub fn api_key(mut self, key: impl Into<ApiKey>) -> Self {
        self.credentials = Some(Credentials::ApiKey(key.into()));
        self
    }

    /// Authenticates with an OAuth2 access token (`Authorization: Bearer`).
    pub fn access_token(mut self, token: impl Into<AccessToken>) -> Self {
        self.credentials = Some(Credentials::Bearer(token.into()));
        self
    }

    /// Sets the credentials.
    pub fn credentials(mut self, credentials: impl Into<Credentials>) -> Self {
        self.credentials = Some(credentials.into());
        self
    }

    /// Replaces the user agent (default `rblx-open-cloud/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// The timeout of one attempt, answer body included (default 30 s; `None`: none).
    pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    /// How long connecting may take (default 10 s; `None`: no limit). Default transport
    /// only.
    pub fn connect_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.transport_config.connect_timeout = timeout;
        self
    }

    /// Trusts only these root certificates (DER) instead of the webpki roots. Default
    /// transport only.
    pub fn root_certificates(mut self, certificates: impl IntoIterator<Item = Vec<u8>>) -> Self {
        self.transport_config.root_certificates =
            Some(certificates.into_iter().map(CertificateDer::from).collect());
        self
    }

    /// Retry settings (retries are on by default).
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self
    }

    /// Turns retries off.
    pub fn no_retry(self) -> Self {
        self.retry(RetryConfig::disabled())
    }

    /// The largest answer body accepted (default 16 MiB).
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_response_bytes = bytes;
        self
    }

    /// Sends through this service instead of the default hyper-util client. Build it with
    /// [`transport::boxed`]; it may be a `tower::ServiceBuilder` stack over
    /// [`transport::default_transport`]. Retry and timeout still wrap it.
    pub fn transport(mut self, transport: Transport) -> Self {
        self.transport = Some(TransportOverride(transport));
        self
    }

    /// Builds the client. Fails on an invalid base URL, user agent or TLS setting.
    pub fn build(self) -> Result<Client> {
        let base = Base::parse(&self.base_url)?;
        let user_agent =
            HeaderValue::from_str(self.user_agent.as_deref().unwrap_or(DEFAULT_USER_AGENT))
                .map_err(|e| InvalidInput::new("user_agent", e.to_string()))?;
        let transport = match self.transport {
            Some(TransportOverride(transport)) => transport,
            None => transport::default_transport(&self.transport_config)?,
        };
        let deadline = Deadline::new(transport, self.timeout, self.max_response_bytes);
        let stack = BoxCloneSyncService::new(RetryLayer::new(self.retry).layer(deadline));
        Ok(Client {
            shared: Arc::new(Shared {
                base,
                user_agent,
                timeout: self.timeout,
                stack,
            }),
            auth: auth_header(self.credentials.as_ref()),
            credentials: self.credentials,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(path: &str) -> Result<http::Request<Body>> {
        crate::request::build(http::Method::GET, path, Body::empty())
    }

    #[tokio::test]
    async fn prepare_joins_the_base_and_adds_headers() -> Result<()> {
        let client = Client::builder()
            .base_url("http://127.0.0.1:9/prefix/")
            .api_key("k")
            .build()?;
        let prepared = client.prepare(request("/a/b?c=d")?)?;
        assert_eq!(prepared.uri(), "http://127.0.0.1:9/prefix/a/b?c=d");
        assert_eq!(prepared.headers()[USER_AGENT], DEFAULT_USER_AGENT);
        assert_eq!(prepared.headers()[API_KEY_HEADER], "k");
        assert!(DEFAULT_USER_AGENT.starts_with("rblx-open-cloud/"));

        let bearer = client.with_credentials(AccessToken::new("t"));
        let prepared = bearer.prepare(request("/x")?)?;
        assert_eq!(prepared.headers()[AUTHORIZATION], "Bearer t");
        assert!(!prepared.headers().contains_key(API_KEY_HEADER));
        Ok(())
    }

    #[tokio::test]
    async fn bad_base_urls_are_invalid_input() {
        for base in ["ftp://x", "not a url", "/relative", "http://h/?q=1"] {
            let result = Client::builder().base_url(base).build();
            assert!(matches!(result, Err(Error::InvalidInput(_))), "{base}");
        }
    }

    #[tokio::test]
    async fn debug_shows_no_secret() -> Result<()> {
        let client = Client::builder().api_key("very-secret-key").build()?;
        let shown = format!("{client:?}");
        assert!(!shown.contains("very-secret-key"), "{shown}");
        assert!(shown.contains("[redacted]"), "{shown}");
        Ok(())
    }
}
