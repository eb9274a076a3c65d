//! HTTPS: a self-signed certificate made at start (valid for `localhost` and `127.0.0.1`)
//! and a rustls server configuration on the ring provider that offers HTTP/2 and
//! HTTP/1.1 through ALPN.

use std::sync::Arc;

use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::TlsAcceptor;

use crate::gateway::EmulatorError;

/// The names the certificate is valid for.
const SUBJECT_ALT_NAMES: [&str; 2] = ["localhost", "127.0.0.1"];

/// A generated certificate and the acceptor that serves it.
#[derive(Clone)]
pub(crate) struct Tls {
    /// The certificate, DER.
    pub certificate_der: Vec<u8>,
    /// The certificate, PEM.
    pub certificate_pem: String,
    /// Accepts TLS connections with it.
    pub acceptor: TlsAcceptor,
}

impl std::fmt::Debug for Tls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tls").finish_non_exhaustive()
    }
}

impl Tls {
    /// Makes a fresh certificate and key.
    pub fn generate() -> Result<Self, EmulatorError> {
        let names: Vec<String> = SUBJECT_ALT_NAMES.iter().map(|n| (*n).to_owned()).collect();
        let certified = rcgen::generate_simple_self_signed(names)
            .map_err(|e| EmulatorError::Tls(format!("cannot generate a certificate: {e}")))?;
        let certificate_der = certified.cert.der().to_vec();
        let certificate_pem = certified.cert.pem();
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
            certified.signing_key.serialize_der(),
        ));
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| EmulatorError::Tls(e.to_string()))?
            .with_no_client_auth()
            .with_single_cert(vec![CertificateDer::from(certificate_der.clone())], key)
            .map_err(|e| EmulatorError::Tls(e.to_string()))?;
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        Ok(Tls {
            certificate_der,
            certificate_pem,
            acceptor: TlsAcceptor::from(Arc::new(config)),
        })
    }
}
