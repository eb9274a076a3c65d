//! The OAuth 2.0 code exchange and id_token verification through a logging proxy in front
//! of an emulator whose public URL is the proxy's: the client only knows the proxy, the
//! id_token names the proxy as its issuer, and the proxy's log shows every request went
//! through it.
//!
//! The proxy is a TCP relay written here (tokio's `net` and `io-util`, enabled through
//! the emulator dev-dependency) that records the HTTP/1.1 request lines it forwards.

mod common;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use common::{consent, param};
use oc_emulator::{Emulator, EmulatorHandle, DEFAULT_USER_ID};
use oc_oauth2::{CodeVerifier, IdTokenError, OAuth2App, OAuth2AppBuilder};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The longest request line the proxy records; longer lines are cut (bounded memory).
const MAX_LINE: usize = 8 * 1024;

/// A logging TCP proxy: forwards every connection to `upstream` and records the request
/// lines (`GET /path HTTP/1.1`) it sees going up.
struct LoggingProxy {
    addr: SocketAddr,
    log: Arc<Mutex<Vec<String>>>,
}

impl LoggingProxy {
    /// Serves `listener`, forwarding to `upstream`, until the test ends.
    fn start(listener: TcpListener, upstream: SocketAddr) -> LoggingProxy {
        let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
        let log = Arc::new(Mutex::new(Vec::new()));
        let lines = log.clone();
        tokio::spawn(async move {
            while let Ok((downstream, _)) = listener.accept().await {
                let lines = lines.clone();
                tokio::spawn(async move {
                    if let Ok(up) = TcpStream::connect(upstream).await {
                        relay(downstream, up, lines).await;
                    }
                });
            }
        });
        LoggingProxy { addr, log }
    }

    /// The proxy's base URL.
    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The request lines recorded so far.
    fn requests(&self) -> Vec<String> {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }
}

/// Copies both ways; records request lines from the client's side.
async fn relay(downstream: TcpStream, upstream: TcpStream, log: Arc<Mutex<Vec<String>>>) {
    let (mut down_read, mut down_write) = downstream.into_split();
    let (mut up_read, mut up_write) = upstream.into_split();
    let up = async move {
        let mut buffer = [0u8; 16 * 1024];
        let mut reader = RequestReader::default();
        loop {
            let n = match down_read.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            for &byte in &buffer[..n] {
                if let Some(line) = reader.push(byte) {
                    if let Ok(mut log) = log.lock() {
                        log.push(line);
                    }
                }
            }
            if up_write.write_all(&buffer[..n]).await.is_err() {
                break;
            }
        }
        let _ = up_write.shutdown().await;
    };
    let down = async move {
        let _ = tokio::io::copy(&mut up_read, &mut down_write).await;
        let _ = down_write.shutdown().await;
    };
    tokio::join!(up, down);
}

/// Follows HTTP/1.1 requests on one connection, byte by byte: the request line, the
/// headers, and a body of `content-length` bytes (the requests of these tests have no
/// chunked bodies).
#[derive(Default)]
struct RequestReader {
    /// The line being read (at most [`MAX_LINE`] bytes kept).
    line: Vec<u8>,
    /// Whether the request line was read and headers follow.
    in_headers: bool,
    /// The content length of the current request.
    content_length: usize,
    /// Body bytes still to skip.
    body_left: usize,
}

impl RequestReader {
    /// Takes one byte; returns a request line when one ends.
    fn push(&mut self, byte: u8) -> Option<String> {
        if self.body_left > 0 {
            self.body_left -= 1;
            return None;
        }
        if byte != b'\n' {
            if self.line.len() < MAX_LINE {
                self.line.push(byte);
            }
            return None;
        }
        let line = String::from_utf8_lossy(&self.line)
            .trim_end_matches('\r')
            .to_owned();
        self.line.clear();
        if !self.in_headers {
            if line.is_empty() {
                return None;
            }
            self.in_headers = true;
            self.content_length = 0;
            return Some(line);
        }
        if line.is_empty() {
            self.in_headers = false;
            self.body_left = self.content_length;
            return None;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                self.content_length = value.trim().parse().unwrap_or(0);
            }
        }
        None
    }
}

/// A proxy in front of an emulator; the emulator's public URL is the proxy's when
/// `public` is set.
async fn proxied_emulator(public: bool) -> (EmulatorHandle, LoggingProxy) {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let proxy_url = format!(
        "http://{}",
        listener.local_addr().unwrap_or_else(|e| panic!("{e}"))
    );
    let mut builder = Emulator::builder().rate_limits(false);
    if public {
        builder = builder.public_url(proxy_url);
    }
    let emulator = builder.start().await.unwrap_or_else(|e| panic!("{e}"));
    let proxy = LoggingProxy::start(listener, emulator.addr());
    (emulator, proxy)
}

/// The built-in app on a client that knows only the proxy.
fn app_builder(emulator: &EmulatorHandle) -> OAuth2AppBuilder {
    OAuth2App::builder(
        emulator.oauth2_client_id(),
        emulator.oauth2_redirect_uri().unwrap_or_default(),
    )
    .client_secret(emulator.oauth2_client_secret().unwrap_or_default())
}

fn proxy_client(proxy: &LoggingProxy) -> oc_core::Client {
    oc_core::Client::builder()
        .base_url(proxy.url())
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Consents through the proxy and exchanges the code (verifying the id_token).
async fn exchange(app: &OAuth2App) -> Result<oc_oauth2::TokenSet, oc_core::Error> {
    let verifier = CodeVerifier::generate(128).unwrap_or_else(|e| panic!("{e}"));
    let uri = app
        .authorization_uri("openid profile")
        .nonce("proxied-nonce")
        .code_verifier(&verifier)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let code = param(&consent(&uri).await, "code").unwrap_or_default();
    app.exchange_code(code)
        .code_verifier(&verifier)
        .nonce("proxied-nonce")
        .send()
        .await
}

/// Checks the tokens and that the proxy saw the flow's requests.
fn check(tokens: &oc_oauth2::TokenSet, proxy: &LoggingProxy, emulator: &EmulatorHandle) {
    let issuer = format!("{}/oauth/", proxy.url());
    assert_eq!(emulator.oauth2_issuer(), issuer);
    let claims = tokens
        .id_token
        .as_ref()
        .unwrap_or_else(|| panic!("an id_token"));
    assert_eq!(claims.iss, issuer);
    assert_eq!(claims.nonce.as_deref(), Some("proxied-nonce"));
    assert_eq!(tokens.user.as_ref().map(|u| u.id), Some(DEFAULT_USER_ID));

    let seen = proxy.requests();
    for expected in [
        "GET /oauth/v1/authorize?",
        "POST /oauth/v1/token HTTP/1.",
        "GET /oauth/v1/certs HTTP/1.",
    ] {
        assert!(
            seen.iter().any(|line| line.starts_with(expected)),
            "{expected:?} did not go through the proxy: {seen:?}"
        );
    }
    // Everything the emulator answered came through the proxy.
    assert_eq!(emulator.requests().len(), seen.len(), "{seen:?}");
}

#[tokio::test]
async fn the_exchange_passes_through_a_proxy_with_the_issuer_from_discovery() {
    let (emulator, proxy) = proxied_emulator(true).await;
    let app = app_builder(&emulator)
        .issuer_from_discovery()
        .build(&proxy_client(&proxy))
        .unwrap_or_else(|e| panic!("{e}"));
    let tokens = exchange(&app).await.unwrap_or_else(|e| panic!("{e:?}"));
    check(&tokens, &proxy, &emulator);
    assert_eq!(app.issuer(), Some(format!("{}/oauth/", proxy.url())));
    assert!(proxy
        .requests()
        .iter()
        .any(|line| line.starts_with("GET /oauth/.well-known/openid-configuration HTTP/1.")));
}

#[tokio::test]
async fn the_exchange_passes_through_a_proxy_with_an_explicit_issuer() {
    let (emulator, proxy) = proxied_emulator(true).await;
    let app = app_builder(&emulator)
        .issuer(format!("{}/oauth/", proxy.url()))
        .build(&proxy_client(&proxy))
        .unwrap_or_else(|e| panic!("{e}"));
    let tokens = exchange(&app).await.unwrap_or_else(|e| panic!("{e:?}"));
    check(&tokens, &proxy, &emulator);
}

#[tokio::test]
async fn without_a_public_url_the_proxy_is_not_the_issuer() {
    // What the public URL fixes: the emulator names itself, not the proxy.
    let (emulator, proxy) = proxied_emulator(false).await;
    let app = app_builder(&emulator)
        .issuer(format!("{}/oauth/", proxy.url()))
        .build(&proxy_client(&proxy))
        .unwrap_or_else(|e| panic!("{e}"));
    let error = exchange(&app)
        .await
        .err()
        .unwrap_or_else(|| panic!("an error"));
    assert!(
        matches!(
            common::id_token_error(&error),
            Some(IdTokenError::WrongIssuer)
        ),
        "{error:?}"
    );
}
