//! The shape every client target's input is read as: an HTTP answer written as text.
//!
//! ```text
//! STATUS
//! name: value
//! name: value
//!
//! body
//! ```
//!
//! The first line is the status (200 when it is not a number); each following line up to
//! the first empty one is a header (a line without `:` is left out); the rest, possibly
//! empty, is the body. Every byte sequence is some answer.

use md5::{Digest, Md5};

/// What a header value `@md5` stands for: the base64 MD5 of the body, so that a data
/// store answer gets past its checksum check and on to the parsers behind it.
pub const BODY_MD5: &str = "@md5";

/// An answer read from fuzz input; headers are raw bytes, as on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer<'a> {
    /// The status line's number (200 when it is not a number).
    pub status: u16,
    /// The header lines, split at their first `:`, the value trimmed of spaces.
    pub headers: Vec<(&'a [u8], &'a [u8])>,
    /// The body.
    pub body: &'a [u8],
}

impl<'a> Answer<'a> {
    /// Reads `data` (see the module documentation).
    pub fn parse(data: &'a [u8]) -> Self {
        let (status_line, mut rest) = split_line(data);
        let status = std::str::from_utf8(status_line)
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(200);
        let mut headers = Vec::new();
        loop {
            if rest.is_empty() {
                break;
            }
            let (line, after) = split_line(rest);
            rest = after;
            if line.is_empty() || line == b"\r" {
                break;
            }
            if let Some(colon) = line.iter().position(|&b| b == b':') {
                let name = &line[..colon];
                let value = trim(&line[colon + 1..]);
                headers.push((name, value));
            }
        }
        Answer {
            status,
            headers,
            body: rest,
        }
    }

    /// The headers as text (lines that are not UTF-8 are left out), with [`BODY_MD5`]
    /// replaced by the body's checksum: what `oc_core::offline::respond` takes.
    pub fn text_headers(&self, md5: &'a str) -> Vec<(&'a str, &'a str)> {
        self.headers
            .iter()
            .filter_map(|(name, value)| {
                let name = std::str::from_utf8(name).ok()?;
                let value = std::str::from_utf8(value).ok()?;
                Some((name, if value == BODY_MD5 { md5 } else { value }))
            })
            .collect()
    }
}

/// The base64 MD5 of `body`, as `content-md5` carries it.
pub fn content_md5(body: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(Md5::digest(body))
}

fn split_line(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == b'\n') {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[]),
    }
}

fn trim(mut value: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = value {
        value = rest;
    }
    while let [rest @ .., b' ' | b'\t' | b'\r'] = value {
        value = rest;
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_status_headers_and_body() {
        let answer = Answer::parse(b"429\nretry-after: 2 \nno colon\nx:y\n\n{\"a\":1}\n");
        assert_eq!(answer.status, 429);
        assert_eq!(
            answer.headers,
            [(&b"retry-after"[..], &b"2"[..]), (&b"x"[..], &b"y"[..])]
        );
        assert_eq!(answer.body, b"{\"a\":1}\n");
        let bare = Answer::parse(b"nope");
        assert_eq!(
            (bare.status, bare.headers.len(), bare.body),
            (200, 0, &b""[..])
        );
    }

    #[test]
    fn the_md5_placeholder_is_the_body_checksum() {
        let answer = Answer::parse(b"200\ncontent-md5: @md5\n\n{\"gold\":6}");
        let md5 = content_md5(answer.body);
        assert_eq!(md5, "22EJjPE7IyhnBZ9cxHuTfg==");
        assert_eq!(answer.text_headers(&md5), [("content-md5", md5.as_str())]);
    }
}
