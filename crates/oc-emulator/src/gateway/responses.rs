//! Building answers: JSON, text and empty bodies.

use bytes::Bytes;
use http::header::{HeaderValue, CONTENT_TYPE};
use http::{Response, StatusCode};
use http_body_util::Full;

/// An answer of the emulator.
pub(crate) type Reply = Response<Full<Bytes>>;

/// The content type of every JSON answer, as the service sends it.
pub(crate) const JSON: &str = "application/json; charset=utf-8";

/// An answer with `body` and `content_type`.
pub(crate) fn with_body(
    status: StatusCode,
    content_type: &'static str,
    body: impl Into<Bytes>,
) -> Reply {
    let mut reply = Response::new(Full::new(body.into()));
    *reply.status_mut() = status;
    reply
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    reply
}

/// A JSON answer.
pub(crate) fn json(status: StatusCode, value: &serde_json::Value) -> Reply {
    with_body(status, JSON, value.to_string())
}

/// A `text/plain` answer.
pub(crate) fn text(status: StatusCode, text: impl Into<String>) -> Reply {
    with_body(status, "text/plain; charset=utf-8", text.into())
}

/// An answer without a body (and without a content type).
pub(crate) fn empty(status: StatusCode) -> Reply {
    let mut reply = Response::new(Full::new(Bytes::new()));
    *reply.status_mut() = status;
    reply
}

/// The status for a number, 500 when it is not one.
pub(crate) fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}
