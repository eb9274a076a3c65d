//! The client: base URL, credentials, user agent, timeouts and the transport stack.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue, AUTHORIZATION, USER_AGENT};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::base_url::Base;
use crate::body::Body;
use crate::builder::ClientBuilder;
use crate::credentials::{Credentials, API_KEY_HEADER};
use crate::direct::{Call, Conn, Direct};
use crate::endpoint::Endpoint;
use crate::error::{Error, InvalidInput, Result};
use crate::handles::{Experience, Group, User};
use crate::pagination::PagerConfig;
use crate::retry::Idempotency;
use crate::secret::ApiKey;
use crate::transport::{self, Transport};

/// [`API_KEY_HEADER`], parsed once.
const API_KEY: HeaderName = HeaderName::from_static(API_KEY_HEADER);

/// The service's address.
pub const DEFAULT_BASE_URL: &str = "https://apis.roblox.com";

/// The user agent every request sends: the facade crate's name and version.
pub const DEFAULT_USER_AGENT: &str = concat!("rblx-open-cloud/", env!("CARGO_PKG_VERSION"));

pub(crate) struct Shared {
    pub(crate) base: Base,
    pub(crate) user_agent: HeaderValue,
    /// The timeout of one attempt.
    pub(crate) timeout: Option<Duration>,
    /// The deadline of a whole call, every attempt and wait included.
    pub(crate) call_timeout: Option<Duration>,
    pub(crate) pager: PagerConfig,
    pub(crate) stack: Stack,
}

/// What a call goes through.
pub(crate) enum Stack {
    /// No layer of the caller's: retries and deadlines inline over the transport.
    Direct(Direct),
    /// The caller's layers around and inside the retry layer, as tower services.
    Layered(Transport),
}

/// The Open Cloud client: cheap to clone (two reference counts), `Send + Sync`.
///
/// Request builders of the API crates run through [`Client::execute`], which builds the
/// request with no I/O, adds the base URL, the credentials and the user agent, runs it
/// through the stack (the caller's outer layers, retries, the caller's per-attempt layers,
/// the attempt deadline, the transport) within one overall deadline, and parses the answer.
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
    auth: Arc<Auth>,
}

/// The credentials and their header, built once (an invalid one fails each request).
pub(crate) struct Auth {
    credentials: Option<Credentials>,
    header: Option<std::result::Result<(HeaderName, HeaderValue), InvalidInput>>,
}

impl Auth {
    pub(crate) fn new(credentials: Option<Credentials>) -> Arc<Auth> {
        Arc::new(Auth {
            header: credentials.as_ref().map(Credentials::header),
            credentials,
        })
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.shared.base.text)
            .field("credentials", &self.auth.credentials)
            .field("timeout", &self.shared.timeout)
            .field("call_timeout", &self.shared.call_timeout)
            .finish_non_exhaustive()
    }
}

impl Client {
    pub(crate) fn from_parts(shared: Shared, credentials: Option<Credentials>) -> Client {
        Client {
            shared: Arc::new(shared),
            auth: Auth::new(credentials),
        }
    }

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
        Client {
            shared: Arc::clone(&self.shared),
            auth: Auth::new(Some(credentials.into())),
        }
    }

    /// The same client with no credentials (for endpoints that take none).
    pub fn without_credentials(&self) -> Client {
        Client {
            shared: Arc::clone(&self.shared),
            auth: Auth::new(None),
        }
    }

    /// The credentials requests are sent with.
    pub fn credentials(&self) -> Option<&Credentials> {
        self.auth.credentials.as_ref()
    }

    /// The base URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.shared.base.text
    }

    /// The pager's bounds (see [`crate::pagination`]).
    pub fn pager_config(&self) -> &PagerConfig {
        &self.shared.pager
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
    ///
    /// Credentials are added only to a request for the base URL's origin: an absolute URL
    /// on another scheme, host or port is sent without them.
    pub fn prepare(&self, mut request: http::Request<Body>) -> Result<http::Request<Body>> {
        let same_origin = self.shared.base.same_origin(request.uri());
        let uri = std::mem::take(request.uri_mut());
        *request.uri_mut() = self.shared.base.join(uri)?;
        let headers = request.headers_mut();
        // An endpoint's request has a header or two: one look at each beats a lookup of
        // each name.
        let (mut has_agent, mut has_credentials) = (false, false);
        for name in headers.keys() {
            has_agent |= *name == USER_AGENT;
            has_credentials |= *name == API_KEY || *name == AUTHORIZATION;
        }
        if !has_agent {
            headers.insert(USER_AGENT, self.shared.user_agent.clone());
        }
        if let (true, false, Some(auth)) = (same_origin, has_credentials, &self.auth.header) {
            let (name, value) = auth.clone()?;
            headers.insert(name, value);
        }
        Ok(request)
    }

    /// Runs an endpoint: builds its request, sends it and parses the answer. Request
    /// builders call this when awaited.
    pub async fn execute<E: Endpoint + ?Sized>(&self, endpoint: &E) -> Result<E::Output> {
        // The caller's layers and transport may read the idempotency from the request's
        // extensions; without them it is handed over directly, and the request carries no
        // extension map.
        let direct = matches!(
            &self.shared.stack,
            Stack::Direct(Direct {
                conn: Conn::Hyper(_),
                ..
            })
        );
        let request = self.request_of(endpoint, !direct)?;
        // A retry builds the request again instead of copying it on every call.
        let rebuild = || self.request_of(endpoint, !direct);
        let call = Call {
            rebuild: Some(&rebuild),
            idempotency: direct.then(|| endpoint.idempotency()),
        };
        let response = self
            .send_as(request, call, E::AREA, E::OPERATION)
            .await
            .map_err(|error| endpoint.parse_error(error))?;
        endpoint.parse(response)
    }

    /// The prepared request of `endpoint`, marked with its idempotency when `mark`.
    fn request_of<E: Endpoint + ?Sized>(
        &self,
        endpoint: &E,
        mark: bool,
    ) -> Result<http::Request<Body>> {
        let mut request = endpoint.build_request()?;
        if mark && endpoint.idempotency() == Idempotency::NonIdempotent {
            Idempotency::NonIdempotent.mark(&mut request);
        }
        self.prepare(request)
    }

    /// Sends a request and returns the whole success answer; a non-success answer becomes
    /// the matching [`Error`]. Prefer an API crate's request builders; this is for
    /// requests they do not cover.
    pub async fn send(&self, request: http::Request<Body>) -> Result<http::Response<Bytes>> {
        let request = self.prepare(request)?;
        self.send_as(request, Call::default(), "raw", "send").await
    }

    /// Sends a prepared request. A plain function returning the round trip's future, not
    /// an `async fn` around it: no layer of state is added to every call's future.
    fn send_as<'s>(
        &'s self,
        request: http::Request<Body>,
        call: Call<'s>,
        area: &'static str,
        operation: &'static str,
    ) -> impl std::future::Future<Output = Result<http::Response<Bytes>>> + Send + 's {
        #[cfg(feature = "tracing")]
        {
            crate::trace::call(self, request, call, area, operation)
        }
        #[cfg(not(feature = "tracing"))]
        {
            let _ = (area, operation);
            self.round_trip(request, call)
        }
    }

    /// Sends a prepared request through the caller's layers within the call's deadline.
    async fn layered(
        &self,
        stack: &Transport,
        request: http::Request<Body>,
    ) -> Result<(http::response::Parts, Bytes)> {
        let timeout = self.shared.timeout;
        let exchange = async {
            let response = stack
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
            Ok::<_, Error>((parts, bytes))
        };
        match self.shared.call_timeout {
            Some(after) => tokio::time::timeout(after, exchange)
                .await
                .map_err(|_| Error::Timeout { after })?,
            None => exchange.await,
        }
    }

    /// Sends a prepared request through the stack within the call's deadline.
    pub(crate) async fn round_trip(
        &self,
        request: http::Request<Body>,
        call: Call<'_>,
    ) -> Result<http::Response<Bytes>> {
        let timeout = self.shared.timeout;
        let (parts, bytes) = match &self.shared.stack {
            Stack::Direct(direct) => {
                let response = direct
                    .send(request, call)
                    .await?
                    .map_err(|e| transport::into_error(e, timeout))?;
                let (parts, body) = response.into_parts();
                // The body was read into memory already.
                (parts, body.into_bytes().unwrap_or_default())
            }
            Stack::Layered(stack) => self.layered(stack, request).await?,
        };
        if parts.status.is_success() {
            Ok(http::Response::from_parts(parts, bytes))
        } else {
            crate::offline::answer(parts.status, parts.headers, bytes)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::AccessToken;

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
    async fn credentials_never_go_to_another_origin() -> Result<()> {
        let client = Client::builder()
            .base_url("https://apis.roblox.com")
            .api_key("k")
            .build()?;
        for other in [
            "https://evil.example/steal",
            "http://apis.roblox.com/x",
            "https://apis.roblox.com:8443/x",
        ] {
            let prepared = client.prepare(request(other)?)?;
            assert_eq!(prepared.uri(), other);
            assert!(!prepared.headers().contains_key(API_KEY_HEADER), "{other}");
            assert!(!prepared.headers().contains_key(AUTHORIZATION), "{other}");
        }
        let same = client.prepare(request("https://apis.roblox.com/x")?)?;
        assert_eq!(same.headers()[API_KEY_HEADER], "k");
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
