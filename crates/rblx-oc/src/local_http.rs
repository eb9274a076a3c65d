//! Serving one local connection (the OAuth2 redirect, the webhook listener) with hyper:
//! one request per connection, the head and the time bounded.

use std::time::Duration;

use bytes::Bytes;
use http::Response;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::HttpService;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpStream;

/// The most bytes of request line and headers buffered (hyper's smallest allowed buffer
/// is 8 KiB).
pub const MAX_HEAD_BYTES: usize = 16 * 1024;

/// How long a peer has to send its request and read the answer.
pub const CONNECTION_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves one request on `stream` with `service`, then closes. A peer that sends
/// something that is not HTTP/1.1, a head over [`MAX_HEAD_BYTES`] or takes longer than
/// [`CONNECTION_TIMEOUT`] is dropped; that is not an error for the caller.
pub async fn serve_one<S>(stream: TcpStream, service: S)
where
    S: HttpService<Incoming, ResBody = Full<Bytes>>,
    S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let mut builder = http1::Builder::new();
    builder
        .keep_alive(false)
        .max_buf_size(MAX_HEAD_BYTES)
        .timer(TokioTimer::new())
        .header_read_timeout(CONNECTION_TIMEOUT);
    let connection = builder.serve_connection(TokioIo::new(stream), service);
    let _ = tokio::time::timeout(CONNECTION_TIMEOUT, connection).await;
}

/// A plain-text answer.
pub fn text(status: http::StatusCode, body: &'static str) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from_static(body.as_bytes())));
    *response.status_mut() = status;
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}
