//! The targets over oc-core's own parsers.

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use oc_core::rate_limit::{retry_after, RateLimit};
use oc_core::{ApiError, Error};

use crate::answer::Answer;

/// The headers as a client receives them: lines whose name or value is not valid on the
/// wire are left out (the HTTP parser would have refused them).
fn header_map(answer: &Answer<'_>) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in &answer.headers {
        if let (Ok(name), Ok(value)) =
            (HeaderName::from_bytes(name), HeaderValue::from_bytes(value))
        {
            map.append(name, value);
        }
    }
    map
}

/// A status the client can receive: the answer's, else 500.
fn status(answer: &Answer<'_>) -> StatusCode {
    StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The parse of a failed answer: `ApiError::from_parts`, then `Error::from_api`, then
/// every accessor. The input is an answer (see [`crate::answer`]).
pub fn api_error(data: &[u8]) {
    let answer = Answer::parse(data);
    let api = ApiError::from_parts(
        status(&answer),
        header_map(&answer),
        Bytes::copy_from_slice(answer.body),
    );
    crate::inspect(&Error::from_api(api));
}

/// The rate-limit reads: `RateLimit::from_headers` and `rate_limit::retry_after`. The
/// input is an answer (see [`crate::answer`]); its body is not read.
pub fn rate_limit(data: &[u8]) {
    let answer = Answer::parse(data);
    let headers = header_map(&answer);
    let _ = RateLimit::from_headers(&headers);
    let _ = retry_after(status(&answer), &headers);
    let _ = retry_after(StatusCode::TOO_MANY_REQUESTS, &headers);
}
