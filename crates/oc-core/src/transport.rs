//! The transport: any `tower::Service` that turns an `http::Request` into an
//! `http::Response`. The default is hyper-util's pooled client over hyper-rustls.

use std::sync::Arc;
use std::time::Duration;

use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use rustls::pki_types::CertificateDer;
use tower::util::BoxCloneSyncService;
use tower::{Service, ServiceExt};

use crate::body::Body;
use crate::error::{BoxError, Error, InvalidInput};

/// The type-erased transport every client holds: cheap to clone, `Send + Sync`.
pub type Transport = BoxCloneSyncService<http::Request<Body>, http::Response<Body>, BoxError>;

/// Erases the type of any service usable as a transport.
///
/// Use it to put your own service (a proxy, a recording transport, a
/// `tower::ServiceBuilder` stack over [`default_transport`]) under a client:
///
/// ```
/// use std::time::Duration;
/// use oc_core::transport::{self, TransportConfig};
/// use tower::ServiceBuilder;
/// use tower::limit::ConcurrencyLimitLayer;
///
/// # fn main() -> Result<(), oc_core::Error> {
/// let https = transport::default_transport(&TransportConfig::default())?;
/// let limited = ServiceBuilder::new()
///     .layer(ConcurrencyLimitLayer::new(8))
///     .service(https);
/// let client = oc_core::Client::builder()
///     .api_key("my-key")
///     .transport(transport::boxed(limited))
///     .timeout(Some(Duration::from_secs(60)))
///     .build()?;
/// # let _ = client;
/// # Ok(())
/// # }
/// ```
pub fn boxed<S, B>(service: S) -> Transport
where
    S: Service<http::Request<Body>, Response = http::Response<B>> + Clone + Send + Sync + 'static,
    S::Error: Into<BoxError>,
    S::Future: Send + 'static,
    B: http_body::Body<Data = bytes::Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    BoxCloneSyncService::new(
        service
            .map_response(|response: http::Response<B>| response.map(Body::stream))
            .map_err(Into::into),
    )
}

/// Settings of the default transport.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct TransportConfig {
    /// How long establishing a connection (TCP) may take. `None`: no limit.
    pub connect_timeout: Option<Duration>,
    /// Trusted root certificates. `None`: the webpki roots (Mozilla's list).
    pub root_certificates: Option<Vec<CertificateDer<'static>>>,
    /// Root certificates trusted as well as those.
    pub extra_root_certificates: Vec<CertificateDer<'static>>,
    /// How long an idle pooled connection is kept.
    pub pool_idle_timeout: Duration,
}

impl Default for TransportConfig {
    fn default() -> Self {
        TransportConfig {
            connect_timeout: Some(Duration::from_secs(10)),
            root_certificates: None,
            extra_root_certificates: Vec::new(),
            pool_idle_timeout: Duration::from_secs(90),
        }
    }
}

/// hyper-util's pooled client over hyper-rustls: HTTPS with HTTP/2 or HTTP/1.1 by ALPN,
/// plain `http://` accepted (for the emulator and proxies), keep-alive, TCP_NODELAY.
pub fn default_transport(config: &TransportConfig) -> Result<Transport, Error> {
    Ok(boxed(Pooled(default_client(config)?)))
}

/// The pooled client of [`default_transport`], unboxed (the client calls it directly when
/// the caller adds no layer).
pub(crate) fn default_client(config: &TransportConfig) -> Result<Arc<HyperClient>, Error> {
    let mut http = HttpConnector::new();
    http.enforce_http(false);
    http.set_nodelay(true);
    http.set_connect_timeout(config.connect_timeout);

    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| InvalidInput::new("tls", e.to_string()))?;
    let mut roots = match &config.root_certificates {
        Some(_) => rustls::RootCertStore::empty(),
        None => rustls::RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        },
    };
    let own = config.root_certificates.iter().flatten();
    for certificate in own.chain(&config.extra_root_certificates) {
        roots
            .add(certificate.clone())
            .map_err(|e| InvalidInput::new("root_certificates", e.to_string()))?;
    }
    let tls = builder.with_root_certificates(roots).with_no_client_auth();

    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(tls)
        .https_or_http()
        .enable_http1()
        .enable_http2()
        .wrap_connector(http);
    let client = hyper_util::client::legacy::Client::builder(TokioExecutor::new())
        .pool_idle_timeout(config.pool_idle_timeout)
        .build(https);
    Ok(Arc::new(client))
}

pub(crate) type HyperClient =
    hyper_util::client::legacy::Client<hyper_rustls::HttpsConnector<HttpConnector>, Body>;

/// hyper-util's client behind an `Arc`: a clone (one per request in a tower stack) is one
/// reference count instead of a copy of the pool, connector and TLS handles.
#[derive(Clone)]
struct Pooled(Arc<HyperClient>);

impl Service<http::Request<Body>> for Pooled {
    type Response = http::Response<hyper::body::Incoming>;
    type Error = hyper_util::client::legacy::Error;
    type Future = hyper_util::client::legacy::ResponseFuture;

    fn poll_ready(
        &mut self,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), Self::Error>> {
        // The pool has no capacity limit to wait for.
        std::task::Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<Body>) -> Self::Future {
        self.0.request(request)
    }
}

/// How an attempt failed, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Failure {
    /// No connection could be made: nothing was sent.
    Connect,
    /// The attempt's timeout elapsed.
    Timeout,
    /// The service's answer broke the protocol in a way a retry cannot mend (a response
    /// head over hyper's size limit, or unreadable): the request reached the service.
    Fatal,
    /// Anything else: the request may have been written.
    Other,
}

/// Classifies a transport error by walking its source chain.
pub(crate) fn classify(error: &BoxError) -> Failure {
    if let Some(own) = error.downcast_ref::<Error>() {
        return match own {
            Error::Timeout { .. } => Failure::Timeout,
            Error::Transport { connect: true, .. } => Failure::Connect,
            _ => Failure::Other,
        };
    }
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(error.as_ref());
    while let Some(err) = current {
        if let Some(client) = err.downcast_ref::<hyper_util::client::legacy::Error>() {
            if client.is_connect() {
                return Failure::Connect;
            }
        }
        if let Some(hyper) = err.downcast_ref::<hyper::Error>() {
            // hyper 1 reports a head over its size limit (or otherwise unreadable) as
            // a parse error; the same answer would come again.
            if hyper.is_parse() || hyper.is_parse_status() {
                return Failure::Fatal;
            }
        }
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::ConnectionRefused {
                return Failure::Connect;
            }
        }
        current = err.source();
    }
    Failure::Other
}

/// Turns an error out of the transport stack into the client's error.
pub(crate) fn into_error(error: BoxError, timeout: Option<Duration>) -> Error {
    match error.downcast::<Error>() {
        Ok(own) => *own,
        Err(error) => match classify(&error) {
            Failure::Connect => Error::Transport {
                connect: true,
                source: error,
            },
            Failure::Timeout => Error::Timeout {
                after: timeout.unwrap_or_default(),
            },
            Failure::Other | Failure::Fatal => Error::Transport {
                connect: false,
                source: error,
            },
        },
    }
}
