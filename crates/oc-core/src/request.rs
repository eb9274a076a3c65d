//! Building requests with no I/O: percent-encoded paths, query strings, JSON bodies.

use std::fmt;

use http::header::{HeaderValue, CONTENT_TYPE};
use http::Method;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;

use crate::body::Body;
use crate::error::{Error, InvalidInput};
use crate::retry::Idempotency;

/// Everything but RFC 3986's unreserved characters (`A-Z a-z 0-9 - . _ ~`) is encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A path segment, percent-encoded when displayed: `/` , `%`, `?`, `#`, spaces and
/// non-ASCII characters cannot escape their segment.
///
/// ```
/// use oc_core::request::PathSegment;
/// assert_eq!(PathSegment("a b/c%?#é").to_string(), "a%20b%2Fc%25%3F%23%C3%A9");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct PathSegment<'a>(pub &'a str);

impl fmt::Display for PathSegment<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&utf8_percent_encode(self.0, SEGMENT), f)
    }
}

/// A query string (`application/x-www-form-urlencoded`), built pair by pair.
///
/// ```
/// use oc_core::request::Query;
/// let q = Query::new().pair("prefix", "a&b c").pair_opt("cursor", None::<&str>);
/// assert_eq!(q.to_string(), "prefix=a%26b+c");
/// ```
#[derive(Debug, Clone, Default)]
pub struct Query(String);

impl Query {
    /// An empty query.
    pub fn new() -> Self {
        Query::default()
    }

    /// An empty query with room for `bytes` bytes of text, so that adding pairs that fit
    /// does not reallocate.
    pub fn with_capacity(bytes: usize) -> Self {
        Query(String::with_capacity(bytes))
    }

    /// Appends `key=value`.
    pub fn pair(mut self, key: &str, value: impl AsRef<str>) -> Self {
        let value = value.as_ref();
        // Room for the pair as it is when nothing needs encoding, the usual case.
        self.0.reserve(key.len() + value.len() + 2);
        if form_safe(key) && form_safe(value) {
            // What the serializer would write, without its per-byte encoding pass.
            if !self.0.is_empty() {
                self.0.push('&');
            }
            self.0.push_str(key);
            self.0.push('=');
            self.0.push_str(value);
        } else {
            form_urlencoded::Serializer::for_suffix(&mut self.0, 0).append_pair(key, value);
        }
        self
    }

    /// Appends `key=value` when there is a value.
    pub fn pair_opt(self, key: &str, value: Option<impl AsRef<str>>) -> Self {
        match value {
            Some(value) => self.pair(key, value),
            None => self,
        }
    }

    /// `true` when no pair was added.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The encoded text (`a=1&b=2`), without a leading `?`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `path?query`, or just `path` when the query is empty.
    pub fn with_path(&self, path: &str) -> String {
        let mut text = String::with_capacity(path.len() + 1 + self.0.len());
        text.push_str(path);
        if !self.is_empty() {
            text.push('?');
            text.push_str(&self.0);
        }
        text
    }
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether `text` is written as it is in a form-encoded query: only the bytes
/// `application/x-www-form-urlencoded` leaves alone (`A-Z a-z 0-9 * - . _`).
fn form_safe(text: &str) -> bool {
    text.bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'*' | b'-' | b'.' | b'_'))
}

/// Builds a request to `path_and_query` (relative to the client's base URL): a `&str`,
/// or a `String` the request then keeps without copying it.
pub fn build<P>(method: Method, path_and_query: P, body: Body) -> Result<http::Request<Body>, Error>
where
    http::Uri: TryFrom<P, Error = http::uri::InvalidUri>,
{
    let uri = http::Uri::try_from(path_and_query)
        .map_err(|e| InvalidInput::new("path", e.to_string()))?;
    let mut request = http::Request::new(body);
    *request.method_mut() = method;
    *request.uri_mut() = uri;
    Ok(request)
}

/// Builds a request with `value` serialized as its JSON body.
pub fn json<P, T: Serialize + ?Sized>(
    method: Method,
    path_and_query: P,
    value: &T,
) -> Result<http::Request<Body>, Error>
where
    http::Uri: TryFrom<P, Error = http::uri::InvalidUri>,
{
    let bytes = serde_json::to_vec(value).map_err(|e| InvalidInput::new("body", e.to_string()))?;
    let mut request = build(method, path_and_query, Body::full(bytes))?;
    request
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Ok(request)
}

/// Marks a request non-idempotent (see [`Idempotency`]).
pub fn non_idempotent<B>(mut request: http::Request<B>) -> http::Request<B> {
    Idempotency::NonIdempotent.mark(&mut request);
    request
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_encode_everything_reserved() {
        let all = "sp ace/slash%pct&amp#hash?q+plus=eq ünï 日本";
        let encoded = PathSegment(all).to_string();
        assert!(
            encoded
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-._~%".contains(c)),
            "{encoded}"
        );
        let decoded = percent_encoding::percent_decode_str(&encoded)
            .decode_utf8()
            .map(|c| c.into_owned());
        assert_eq!(decoded.ok().as_deref(), Some(all));
        assert_eq!(PathSegment("safe-._~Az09").to_string(), "safe-._~Az09");
    }

    #[test]
    fn query_values_round_trip() {
        let q = Query::new().pair("a", "x y&z=1#?+%").pair("b", "é");
        let parsed: Vec<(String, String)> = form_urlencoded::parse(q.to_string().as_bytes())
            .into_owned()
            .collect();
        assert_eq!(
            parsed,
            [("a".into(), "x y&z=1#?+%".into()), ("b".into(), "é".into())]
        );
        assert_eq!(Query::new().with_path("/p"), "/p");
        assert_eq!(Query::new().pair("k", "v").with_path("/p"), "/p?k=v");
        let sized = Query::with_capacity(64).pair("a", "b").pair("c", "d e");
        assert_eq!(sized.as_str(), "a=b&c=d+e");
        // The plain path writes what the serializer writes.
        for value in ["Plain-._*09", "", "with space", "a~b", "é", "a/b"] {
            let ours = Query::new().pair("k", "v").pair("key", value);
            let mut theirs = String::new();
            form_urlencoded::Serializer::new(&mut theirs)
                .append_pair("k", "v")
                .append_pair("key", value);
            assert_eq!(ours.as_str(), theirs, "{value:?}");
        }
    }

    #[test]
    fn json_requests_carry_content_type_and_body() -> Result<(), Error> {
        let request = non_idempotent(json(
            Method::POST,
            "/x",
            &serde_json::json!({"message": "hi"}),
        )?);
        assert_eq!(request.headers()[CONTENT_TYPE], "application/json");
        assert_eq!(request.body().as_bytes(), Some(&br#"{"message":"hi"}"#[..]));
        assert_eq!(Idempotency::of(&request), Idempotency::NonIdempotent);
        Ok(())
    }
}
