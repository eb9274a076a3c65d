//! [`ClientBuilder`]: everything a [`Client`] is configured with.

use std::fmt;
use std::time::Duration;

use http::header::HeaderValue;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use tower::util::BoxCloneSyncService;
use tower::{Layer, Service, ServiceExt};

use crate::base_url::Base;
use crate::body::Body;
use crate::client::{Client, Shared, Stack, DEFAULT_BASE_URL, DEFAULT_USER_AGENT};
use crate::credentials::Credentials;
use crate::deadline::Deadline;
use crate::direct::{Conn, Direct};
use crate::error::{BoxError, InvalidInput, Result};
use crate::pagination::PagerConfig;
use crate::retry::{RetryConfig, RetryLayer};
use crate::secret::{AccessToken, ApiKey};
use crate::transport::{self, Transport, TransportConfig};

/// Environment variable read by [`ClientBuilder::from_env`] for an API key.
pub const ENV_API_KEY: &str = "RBLX_OPEN_CLOUD_API_KEY";
/// Environment variable read by [`ClientBuilder::from_env`] for an OAuth2 access token.
pub const ENV_ACCESS_TOKEN: &str = "RBLX_OPEN_CLOUD_ACCESS_TOKEN";
/// Environment variable read by [`ClientBuilder::from_env`] for the base URL.
pub const ENV_BASE_URL: &str = "RBLX_OPEN_CLOUD_BASE_URL";
/// Environment variable read by [`ClientBuilder::from_env`]: a PEM file of extra root
/// certificates to trust (an emulator started with `--tls`, a TLS-terminating proxy).
pub const ENV_CA_CERTS: &str = "RBLX_OPEN_CLOUD_CA_CERTS";

/// A layer added by the caller, applied when the client is built.
type Wrap = Box<dyn FnOnce(Transport) -> Transport + Send>;

/// Configures a [`Client`].
///
/// The stack a request goes through, outermost first: the overall call deadline, the
/// layers added with [`ClientBuilder::layer`], the retry layer, the layers added with
/// [`ClientBuilder::attempt_layer`], the per-attempt deadline, the transport.
#[must_use]
pub struct ClientBuilder {
    base_url: String,
    credentials: Option<Credentials>,
    user_agent: Option<String>,
    timeout: Option<Duration>,
    call_timeout: Option<Option<Duration>>,
    transport_config: TransportConfig,
    retry: RetryConfig,
    pager: PagerConfig,
    transport: Option<Transport>,
    outer: Vec<Wrap>,
    per_attempt: Vec<Wrap>,
    max_response_bytes: usize,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("credentials", &self.credentials)
            .field("timeout", &self.timeout)
            .field("call_timeout", &self.call_timeout)
            .field("retry", &self.retry)
            .field("pager", &self.pager)
            .field("custom_transport", &self.transport.is_some())
            .field("layers", &self.outer.len())
            .field("attempt_layers", &self.per_attempt.len())
            .finish_non_exhaustive()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            base_url: DEFAULT_BASE_URL.to_owned(),
            credentials: None,
            user_agent: None,
            timeout: Some(Duration::from_secs(30)),
            call_timeout: None,
            transport_config: TransportConfig::default(),
            retry: RetryConfig::default(),
            pager: PagerConfig::default(),
            transport: None,
            outer: Vec::new(),
            per_attempt: Vec::new(),
            max_response_bytes: 16 * 1024 * 1024,
        }
    }
}

fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

impl ClientBuilder {
    /// A builder that takes its settings from the environment:
    /// `RBLX_OPEN_CLOUD_BASE_URL`; `RBLX_OPEN_CLOUD_API_KEY` or
    /// `RBLX_OPEN_CLOUD_ACCESS_TOKEN`; `RBLX_OPEN_CLOUD_CA_CERTS` (a PEM file of extra root
    /// certificates). Unset variables leave the defaults.
    ///
    /// Both credentials set is an error naming both variables, not a silent preference;
    /// so is a certificate file that cannot be read.
    pub fn from_env() -> Result<ClientBuilder> {
        let mut builder = ClientBuilder::default();
        if let Some(base) = env_var(ENV_BASE_URL) {
            builder = builder.base_url(base);
        }
        match (env_var(ENV_API_KEY), env_var(ENV_ACCESS_TOKEN)) {
            (Some(_), Some(_)) => {
                return Err(InvalidInput::new(
                    "credentials",
                    format!("both {ENV_API_KEY} and {ENV_ACCESS_TOKEN} are set; set only one"),
                )
                .into())
            }
            (Some(key), None) => builder = builder.api_key(key),
            (None, Some(token)) => builder = builder.access_token(token),
            (None, None) => {}
        }
        if let Some(path) = env_var(ENV_CA_CERTS) {
            let pem = std::fs::read(&path).map_err(|e| {
                InvalidInput::new(ENV_CA_CERTS, format!("cannot read {path:?}: {e}"))
            })?;
            builder = builder.extra_root_certificates_pem(&pem)?;
        }
        Ok(builder)
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

    /// The deadline of a whole call: every attempt, every wait between them and the last
    /// answer (`None`: none). The default is the longer of the retry's
    /// [`RetryConfig::max_elapsed`] (60 s) and the attempt [`timeout`](Self::timeout). A
    /// call past it fails with [`crate::Error::Timeout`].
    pub fn call_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.call_timeout = Some(timeout);
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

    /// Trusts these root certificates (DER) as well as the others. Default transport only.
    pub fn extra_root_certificates(
        mut self,
        certificates: impl IntoIterator<Item = Vec<u8>>,
    ) -> Self {
        self.transport_config
            .extra_root_certificates
            .extend(certificates.into_iter().map(CertificateDer::from));
        self
    }

    /// Trusts the certificates of a PEM document as well as the others (the emulator's
    /// `--tls` certificate, say). Fails on a document with no certificate.
    pub fn extra_root_certificates_pem(self, pem: &[u8]) -> Result<Self> {
        let certificates = CertificateDer::pem_slice_iter(pem)
            .map(|c| c.map(|c| c.to_vec()))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| InvalidInput::new("root_certificates", e.to_string()))?;
        if certificates.is_empty() {
            return Err(InvalidInput::new("root_certificates", "no certificate in the PEM").into());
        }
        Ok(self.extra_root_certificates(certificates))
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

    /// The pager's bounds (see [`crate::pagination`]).
    pub fn pager(mut self, pager: PagerConfig) -> Self {
        self.pager = pager;
        self
    }

    /// The largest answer body accepted (default 16 MiB). A larger success answer is a
    /// decode error; a larger error answer keeps its status.
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_response_bytes = bytes;
        self
    }

    /// Sends through this service instead of the default hyper-util client. Build it with
    /// [`transport::boxed`]; it may be a `tower::ServiceBuilder` stack over
    /// [`transport::default_transport`]. Retry and timeout still wrap it.
    pub fn transport(mut self, transport: Transport) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Adds a tower layer around the retry layer: it sees each call once, however many
    /// attempts it takes. The first layer added is the outermost.
    ///
    /// ```
    /// use tower::limit::ConcurrencyLimitLayer;
    /// # fn main() -> Result<(), oc_core::Error> {
    /// let client = oc_core::Client::builder()
    ///     .api_key("my-key")
    ///     // at most 8 calls at once, each with all its retries
    ///     .layer(ConcurrencyLimitLayer::new(8))
    ///     // at most 4 attempts on the wire at once
    ///     .attempt_layer(ConcurrencyLimitLayer::new(4))
    ///     .build()?;
    /// # let _ = client; Ok(()) }
    /// ```
    pub fn layer(mut self, layer: impl StackLayer) -> Self {
        self.outer.push(Box::new(move |inner| layer.wrap(inner)));
        self
    }

    /// Adds a tower layer inside the retry layer: it sees every attempt (a rate limit on
    /// requests sent, a recording of each attempt). The first layer added is the
    /// outermost of these.
    pub fn attempt_layer(mut self, layer: impl StackLayer) -> Self {
        self.per_attempt
            .push(Box::new(move |inner| layer.wrap(inner)));
        self
    }

    /// Builds the client. Fails on an invalid base URL, user agent or TLS setting.
    pub fn build(self) -> Result<Client> {
        let base = Base::parse(&self.base_url)?;
        let user_agent =
            HeaderValue::from_str(self.user_agent.as_deref().unwrap_or(DEFAULT_USER_AGENT))
                .map_err(|e| InvalidInput::new("user_agent", e.to_string()))?;
        let call_timeout = self.call_timeout.unwrap_or_else(|| {
            let attempt = self.timeout.unwrap_or_default();
            Some(self.retry.max_elapsed.max(attempt))
        });
        let stack = if self.outer.is_empty() && self.per_attempt.is_empty() {
            // No layer of the caller's: retries and deadlines run inline (see
            // `crate::direct`), over the transport itself.
            let conn = match self.transport {
                Some(transport) => Conn::Service(transport),
                None => Conn::Hyper(transport::default_client(&self.transport_config)?),
            };
            Stack::Direct(Direct {
                conn,
                retry: self.retry,
                timeout: self.timeout,
                call_timeout,
                max_response_bytes: self.max_response_bytes,
            })
        } else {
            let transport = match self.transport {
                Some(transport) => transport,
                None => transport::default_transport(&self.transport_config)?,
            };
            let mut stack: Transport = BoxCloneSyncService::new(Deadline::new(
                transport,
                self.timeout,
                self.max_response_bytes,
            ));
            for wrap in self.per_attempt.into_iter().rev() {
                stack = wrap(stack);
            }
            stack = BoxCloneSyncService::new(RetryLayer::new(self.retry).layer(stack));
            for wrap in self.outer.into_iter().rev() {
                stack = wrap(stack);
            }
            Stack::Layered(stack)
        };
        let shared = Shared {
            base,
            user_agent,
            timeout: self.timeout,
            call_timeout,
            pager: self.pager,
            stack,
        };
        Ok(Client::from_parts(shared, self.credentials))
    }
}

/// A tower layer the client can stack over its transport: any `Layer<Transport>` whose
/// service answers the transport's requests. Implemented for every such layer; see
/// [`ClientBuilder::layer`] and [`ClientBuilder::attempt_layer`].
pub trait StackLayer: Send + 'static {
    /// Wraps `inner` and erases the result's type.
    fn wrap(self, inner: Transport) -> Transport;
}

impl<L> StackLayer for L
where
    L: Layer<Transport> + Send + 'static,
    L::Service: Service<http::Request<Body>, Response = http::Response<Body>>
        + Clone
        + Send
        + Sync
        + 'static,
    <L::Service as Service<http::Request<Body>>>::Error: Into<BoxError>,
    <L::Service as Service<http::Request<Body>>>::Future: Send + 'static,
{
    fn wrap(self, inner: Transport) -> Transport {
        BoxCloneSyncService::new(self.layer(inner).map_err(Into::into))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_without_a_certificate_is_refused() {
        let result = ClientBuilder::default().extra_root_certificates_pem(b"not a pem");
        assert!(matches!(result, Err(crate::Error::InvalidInput(_))));
    }
}
