//! A stand-in for a browser: GET and POST over HTTP/1.1 (plain or HTTPS), following
//! redirects and keeping cookies per host, so the OAuth2 flow runs without a person
//! clicking. Like the client of `ClientBuilder::from_env`, it trusts the webpki roots and
//! the certificates of the PEM file `RBLX_OPEN_CLOUD_CA_CERTS` names (an emulator started
//! with `--tls`).

use std::collections::HashMap;
use std::sync::Arc;

use bytes::Bytes;
use http::header::{COOKIE, LOCATION, SET_COOKIE};
use http::{Method, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use rblx_open_cloud::{Error, InvalidInput};
use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::CertificateDer;

/// A page the browser ended on.
#[derive(Debug)]
pub struct Page {
    /// The URL of the last response.
    pub url: String,
    /// Its status.
    pub status: StatusCode,
    /// Its body, as text.
    pub body: String,
}

/// The browser: a hyper client with a cookie jar.
pub struct Browser {
    client: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
    cookies: HashMap<String, Vec<(String, String)>>,
}

impl Browser {
    /// A browser with no cookies, trusting the webpki roots and the certificates of
    /// `RBLX_OPEN_CLOUD_CA_CERTS`; fails when that file cannot be read or holds none.
    pub fn new() -> Result<Self, Error> {
        let mut roots = rustls::RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        };
        if let Some(path) = std::env::var_os("RBLX_OPEN_CLOUD_CA_CERTS").filter(|p| !p.is_empty()) {
            let invalid = |why: String| InvalidInput::new("RBLX_OPEN_CLOUD_CA_CERTS", why);
            let pem =
                std::fs::read(&path).map_err(|e| invalid(format!("cannot read {path:?}: {e}")))?;
            let mut added = 0;
            for certificate in CertificateDer::pem_slice_iter(&pem) {
                let certificate = certificate.map_err(|e| invalid(e.to_string()))?;
                roots.add(certificate).map_err(|e| invalid(e.to_string()))?;
                added += 1;
            }
            if added == 0 {
                return Err(invalid(format!("no certificate in {path:?}")).into());
            }
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| InvalidInput::new("tls", e.to_string()))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_http1()
            .build();
        Ok(Browser {
            client: Client::builder(TokioExecutor::new()).build(https),
            cookies: HashMap::new(),
        })
    }

    /// GETs `url`, following redirects.
    pub async fn get(&mut self, url: &str) -> Result<Page, Error> {
        self.visit(Method::GET, url.to_owned(), true).await
    }

    /// GETs `url` without following a redirect; the page's `url` is then the redirect's
    /// target (or `url` when there is none).
    pub async fn get_once(&mut self, url: &str) -> Result<Page, Error> {
        self.visit(Method::GET, url.to_owned(), false).await
    }

    /// POSTs an empty form to `url`, following redirects (with GETs).
    pub async fn post(&mut self, url: &str) -> Result<Page, Error> {
        self.visit(Method::POST, url.to_owned(), true).await
    }

    async fn visit(
        &mut self,
        mut method: Method,
        mut url: String,
        follow: bool,
    ) -> Result<Page, Error> {
        for _ in 0..10 {
            let uri: http::Uri = url
                .parse()
                .map_err(|_| InvalidInput::new("url", format!("{url:?} is not a URL")))?;
            let host = uri
                .authority()
                .map(|a| a.as_str().to_owned())
                .unwrap_or_default();
            let mut request = Request::builder().method(method.clone()).uri(uri.clone());
            if let Some(jar) = self.cookies.get(&host) {
                let cookie: Vec<String> = jar.iter().map(|(n, v)| format!("{n}={v}")).collect();
                request = request.header(COOKIE, cookie.join("; "));
            }
            if method == Method::POST {
                request = request.header("content-type", "application/x-www-form-urlencoded");
            }
            let response = self
                .client
                .request(
                    request
                        .body(Full::new(Bytes::new()))
                        .map_err(|e| InvalidInput::new("request", e.to_string()))?,
                )
                .await
                .map_err(transport)?;
            for value in response.headers().get_all(SET_COOKIE) {
                let pair = value.to_str().unwrap_or_default();
                let pair = pair.split(';').next().unwrap_or_default();
                if let Some((name, value)) = pair.split_once('=') {
                    let jar = self.cookies.entry(host.clone()).or_default();
                    jar.retain(|(n, _)| n != name);
                    jar.push((name.trim().to_owned(), value.trim().to_owned()));
                }
            }
            let status = response.status();
            let location = response
                .headers()
                .get(LOCATION)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            match location {
                Some(location) if status.is_redirection() => {
                    url = if location.starts_with('/') {
                        format!("{}://{host}{location}", uri.scheme_str().unwrap_or("http"))
                    } else {
                        location
                    };
                    method = Method::GET;
                    if !follow {
                        return Ok(Page {
                            url,
                            status,
                            body: String::new(),
                        });
                    }
                }
                _ => {
                    let body = response
                        .into_body()
                        .collect()
                        .await
                        .map_err(transport)?
                        .to_bytes();
                    return Ok(Page {
                        url,
                        status,
                        body: String::from_utf8_lossy(&body).into_owned(),
                    });
                }
            }
        }
        Err(Error::decode("more than 10 redirects", None))
    }
}

/// A failed exchange, as the client reports one.
fn transport(error: impl Into<rblx_open_cloud::core::BoxError>) -> Error {
    Error::Transport {
        connect: false,
        source: error.into(),
    }
}
