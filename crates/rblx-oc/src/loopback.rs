//! A minimal HTTP/1.1 reader and writer for the local receivers (the OAuth2 redirect, the
//! webhook listener): one request per connection, every size bounded.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The most bytes of request line and headers read.
pub const MAX_HEAD_BYTES: usize = 16 * 1024;

/// One request, read whole.
#[derive(Debug)]
pub struct Request {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path and query.
    pub target: String,
    /// The headers, names lowercased.
    pub headers: Vec<(String, String)>,
    /// The body (`Content-Length` bytes).
    pub body: Vec<u8>,
}

impl Request {
    /// The first header named `name` (lowercase).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The query parameters of the target.
    pub fn query(&self) -> Vec<(String, String)> {
        let query = self.target.split_once('?').map_or("", |(_, q)| q);
        form_urlencoded::parse(query.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }

    /// The path of the target, without the query.
    pub fn path(&self) -> &str {
        self.target.split_once('?').map_or(&self.target, |(p, _)| p)
    }
}

/// How long a peer has to send its whole request.
pub const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Reads one request; `None` when the peer sent something that is not one, too much, or
/// not within [`READ_TIMEOUT`].
pub async fn read_request(stream: &mut TcpStream, max_body: usize) -> Option<Request> {
    tokio::time::timeout(READ_TIMEOUT, read_whole(stream, max_body))
        .await
        .ok()
        .flatten()
}

async fn read_whole(stream: &mut TcpStream, max_body: usize) -> Option<Request> {
    let mut buffer = Vec::with_capacity(1024);
    let head_end = loop {
        if let Some(end) = find(&buffer, b"\r\n\r\n") {
            break end;
        }
        if buffer.len() > MAX_HEAD_BYTES {
            return None;
        }
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = std::str::from_utf8(&buffer[..head_end]).ok()?;
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_owned();
    let target = request_line.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .map_or(Some(0), |(_, v)| v.parse().ok())?;
    if length > max_body {
        return None;
    }
    let mut body = buffer[head_end + 4..].to_vec();
    while body.len() < length {
        let mut chunk = [0u8; 8192];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    body.truncate(length);
    Some(Request {
        method,
        target,
        headers,
        body,
    })
}

/// Answers `status` with a text body and closes.
pub async fn respond(stream: &mut TcpStream, status: u16, reason: &str, body: &str) {
    let answer = format!(
        "HTTP/1.1 {status} {reason}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(answer.as_bytes()).await;
    let _ = stream.shutdown().await;
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::net::TcpListener;

    async fn exchange(raw: &'static [u8], max_body: usize) -> Option<Request> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
        let addr = listener.local_addr().unwrap();
        let client = tokio::spawn(async move {
            let mut stream = TcpStream::connect(addr).await.unwrap();
            stream.write_all(raw).await.unwrap();
            // The peer's end of the request: a reader waiting for more sees it end.
            stream.shutdown().await.unwrap();
            let mut answer = Vec::new();
            let _ = stream.read_to_end(&mut answer).await;
        });
        let (mut stream, _) = listener.accept().await.unwrap();
        let request = read_request(&mut stream, max_body).await;
        respond(&mut stream, 200, "OK", "ok").await;
        client.await.unwrap();
        request
    }

    #[tokio::test]
    async fn a_request_is_read_whole() {
        let request = exchange(
            b"POST /hook?code=a%20b&state=s HTTP/1.1\r\nRoblox-Signature: t=1,v1=x\r\ncontent-length: 4\r\n\r\nbody",
            16,
        )
        .await
        .unwrap();
        assert_eq!(request.method, "POST");
        assert_eq!(request.path(), "/hook");
        assert_eq!(request.header("roblox-signature"), Some("t=1,v1=x"));
        assert_eq!(request.body, b"body");
        assert!(request.query().contains(&("code".into(), "a b".into())));
    }

    #[tokio::test]
    async fn oversized_or_broken_requests_are_refused() {
        assert!(
            exchange(b"POST / HTTP/1.1\r\ncontent-length: 99\r\n\r\n", 16)
                .await
                .is_none()
        );
        assert!(
            exchange(b"POST / HTTP/1.1\r\ncontent-length: x\r\n\r\n", 16)
                .await
                .is_none()
        );
        assert!(
            exchange(b"GET / HTTP/1.1\r\n", 16).await.is_none(),
            "the peer closed early"
        );
    }
}
