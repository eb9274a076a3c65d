//! A non-success answer of the service, parsed from whichever of its error body shapes
//! the endpoint uses.

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use serde_json::Value;

use crate::rate_limit::retry_after;
use crate::v2::RpcCode;

/// Which error body shape the service used: each API family answers errors in its own
/// shape (<https://create.roblox.com/docs/cloud/reference/errors>).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorShape {
    /// The gateway's `{"errors":[{"code":0,"message":"…"}]}`.
    Gateway,
    /// Standard data stores: `{"error":"…","message":"…","errorDetails":[…]}`.
    Error,
    /// Every Cloud v2 API and ordered data stores v1: `{"code":"INVALID_ARGUMENT",
    /// "message":"…","details":[…]}` (see [`ApiError::rpc_code`]).
    Code,
    /// ASP.NET ProblemDetails: `{"errors":{"field":["…"]},"title":"…","status":400}`.
    ProblemDetails,
    /// Assets `Status`: `{"code":<int>,"message":"…","details":[…]}`.
    Status,
    /// OAuth2: `{"error":"…","error_description":"…"}`.
    OAuth,
    /// A plain-text body.
    Text,
    /// No body at all.
    Empty,
    /// A body in no known shape; see [`ApiError::raw_body`].
    Unrecognized,
}

/// What the service answered to a failed request: status, Roblox's error code and
/// message, the detail code, and the raw body and headers.
#[derive(Clone)]
pub struct ApiError {
    status: StatusCode,
    shape: ErrorShape,
    code: Option<String>,
    message: Option<String>,
    detail: Option<String>,
    scope: Option<String>,
    headers: HeaderMap,
    body: Bytes,
}

impl ApiError {
    /// Parses an answer. Never fails: an unknown body is kept raw.
    pub fn from_parts(status: StatusCode, headers: HeaderMap, body: Bytes) -> Self {
        let mut error = ApiError {
            status,
            shape: ErrorShape::Empty,
            code: None,
            message: None,
            detail: None,
            scope: None,
            headers,
            body,
        };
        error.parse_body();
        error
    }

    fn parse_body(&mut self) {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            self.shape = ErrorShape::Empty;
            return;
        }
        match serde_json::from_slice::<Value>(&self.body) {
            Ok(Value::Object(map)) => self.parse_object(&map),
            Ok(Value::String(text)) => {
                self.shape = ErrorShape::Text;
                self.message = Some(text);
            }
            Ok(_) => self.shape = ErrorShape::Unrecognized,
            Err(_) => match std::str::from_utf8(&self.body) {
                Ok(text) => {
                    self.shape = ErrorShape::Text;
                    self.message = Some(text.trim().to_owned());
                }
                Err(_) => self.shape = ErrorShape::Unrecognized,
            },
        }
    }

    fn parse_object(&mut self, map: &serde_json::Map<String, Value>) {
        let text = |key: &str| map.get(key).and_then(Value::as_str).map(str::to_owned);
        self.message = text("message");
        match (map.get("errors"), map.get("error"), map.get("code")) {
            (Some(Value::Array(errors)), _, _) => {
                self.shape = ErrorShape::Gateway;
                if let Some(first) = errors.first() {
                    self.code = first.get("code").and_then(scalar_text);
                    self.message = first
                        .get("message")
                        .and_then(Value::as_str)
                        .map(str::to_owned);
                }
            }
            (Some(Value::Object(fields)), _, _) => {
                self.shape = ErrorShape::ProblemDetails;
                self.message = text("title");
                self.detail = fields.iter().find_map(|(field, problems)| {
                    let first = problems.as_array()?.first()?.as_str()?;
                    Some(format!("{field}: {first}"))
                });
            }
            (_, Some(Value::String(error)), _)
                if map.contains_key("error_description") || !map.contains_key("message") =>
            {
                self.shape = ErrorShape::OAuth;
                self.code = Some(error.clone());
                self.message = text("error_description");
                self.scope = text("scope");
            }
            (_, Some(Value::String(error)), _) => {
                self.shape = ErrorShape::Error;
                self.code = Some(error.clone());
                self.detail =
                    map.get("errorDetails")
                        .and_then(Value::as_array)
                        .and_then(|details| {
                            details.iter().find_map(|d| {
                                d.get("datastoreErrorCode")
                                    .and_then(Value::as_str)
                                    .map(str::to_owned)
                            })
                        });
            }
            (_, _, Some(Value::String(code))) => {
                self.shape = ErrorShape::Code;
                self.code = Some(code.clone());
            }
            (_, _, Some(code @ Value::Number(_))) => {
                // Assets answer the HTTP status as an integer code; ordered data stores
                // once answered numeric gRPC codes (3, 10) in the same field.
                self.shape = if map.contains_key("details")
                    || code.as_u64() == Some(u64::from(self.status.as_u16()))
                {
                    ErrorShape::Status
                } else {
                    ErrorShape::Code
                };
                self.code = scalar_text(code);
                self.detail = map
                    .get("details")
                    .and_then(Value::as_array)
                    .and_then(|details| {
                        details
                            .iter()
                            .find_map(|d| d.get("@type").and_then(Value::as_str).map(str::to_owned))
                    });
            }
            _ if self.message.is_some() => self.shape = ErrorShape::Code,
            _ => self.shape = ErrorShape::Unrecognized,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Which body shape the service used.
    pub fn shape(&self) -> ErrorShape {
        self.shape
    }

    /// Roblox's error code: `INVALID_ARGUMENT`, `NOT_FOUND`, `insufficient_scope`, a
    /// gateway code such as `0`, or an integer code as text.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The canonical code the body names (`"NOT_FOUND"` in a v2 body, `"ABORTED"` in a
    /// data store one), when it names one: how a v2 failure is told apart beyond its status.
    pub fn rpc_code(&self) -> Option<RpcCode> {
        self.code.as_deref().and_then(RpcCode::parse)
    }

    /// The service's message.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The detail code: a data store's `datastoreErrorCode` (e.g. `EntryNotFound`), the
    /// first field error of a ProblemDetails body, or the `@type` of an assets detail.
    pub fn detail(&self) -> Option<&str> {
        self.detail.as_deref()
    }

    /// The scope the service said is missing (OAuth2 bodies name it).
    pub fn scope(&self) -> Option<&str> {
        self.scope.as_deref()
    }

    /// The answer's headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The answer's body, whatever its shape.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// The body, when it could not be parsed into any known shape.
    pub fn raw_body(&self) -> Option<&Bytes> {
        matches!(self.shape, ErrorShape::Unrecognized | ErrorShape::Text).then_some(&self.body)
    }

    /// The wait the service asked for: `Retry-After`, or `x-ratelimit-reset` on a 429.
    pub fn retry_after(&self) -> Option<Duration> {
        retry_after(self.status, &self.headers)
    }

    /// `true` when the service said the credential lacks a scope.
    pub fn is_insufficient_scope(&self) -> bool {
        [self.code.as_deref(), self.detail.as_deref()]
            .into_iter()
            .flatten()
            .any(|code| {
                code.eq_ignore_ascii_case("insufficient_scope") || code == "InsufficientScope"
            })
    }
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("shape", &self.shape)
            .field("code", &self.code)
            .field("message", &self.message)
            .field("detail", &self.detail)
            .field("scope", &self.scope)
            .field("body_len", &self.body.len())
            .finish_non_exhaustive()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status.as_u16())?;
        if let Some(code) = &self.code {
            write!(f, " {code}")?;
        }
        if let Some(detail) = &self.detail {
            write!(f, " ({detail})")?;
        }
        match (&self.message, self.shape) {
            (Some(message), _) => write!(f, ": {}", shorten(message)),
            (None, ErrorShape::Unrecognized) => {
                write!(f, ": {}", shorten(&String::from_utf8_lossy(&self.body)))
            }
            _ => Ok(()),
        }
    }
}

fn shorten(text: &str) -> String {
    const MAX: usize = 300;
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(status: u16, body: &str) -> ApiError {
        ApiError::from_parts(
            StatusCode::from_u16(status).unwrap_or(StatusCode::IM_A_TEAPOT),
            HeaderMap::new(),
            Bytes::from(body.to_owned()),
        )
    }

    #[test]
    fn gateway_shape() {
        let e = parse(
            401,
            r#"{"errors":[{"code":0,"message":"Invalid API Key"}]}"#,
        );
        assert_eq!(e.shape(), ErrorShape::Gateway);
        assert_eq!(e.code(), Some("0"));
        assert_eq!(e.message(), Some("Invalid API Key"));
        assert!(e.raw_body().is_none());
    }

    #[test]
    fn data_store_error_shape() {
        let e = parse(
            400,
            r#"{"error":"INVALID_ARGUMENT","message":"Invalid cursor.","errorDetails":[{"errorDetailType":"DatastoreErrorInfo","datastoreErrorCode":"InvalidCursor"}]}"#,
        );
        assert_eq!(e.shape(), ErrorShape::Error);
        assert_eq!(e.code(), Some("INVALID_ARGUMENT"));
        assert_eq!(e.message(), Some("Invalid cursor."));
        assert_eq!(e.detail(), Some("InvalidCursor"));
        assert_eq!(
            e.to_string(),
            "HTTP 400 INVALID_ARGUMENT (InvalidCursor): Invalid cursor."
        );
    }

    #[test]
    fn ordered_code_shape_string_and_numeric() {
        let e = parse(
            400,
            r#"{"code":"INVALID_ARGUMENT","message":"Entry already exists."}"#,
        );
        assert_eq!(e.shape(), ErrorShape::Code);
        assert_eq!(e.code(), Some("INVALID_ARGUMENT"));
        assert_eq!(e.message(), Some("Entry already exists."));
        let old = parse(
            409,
            r#"{"code":10,"message":"Entry value outside of bounds."}"#,
        );
        assert_eq!(old.shape(), ErrorShape::Code);
        assert_eq!(old.code(), Some("10"));
    }

    #[test]
    fn problem_details_shape() {
        let e = parse(
            400,
            r#"{"errors":{"assetId":["The value 'a' is not valid."]},"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more validation errors occurred.","status":400,"extensions":{"traceId":"00-1-2-00"}}"#,
        );
        assert_eq!(e.shape(), ErrorShape::ProblemDetails);
        assert_eq!(e.message(), Some("One or more validation errors occurred."));
        assert_eq!(e.detail(), Some("assetId: The value 'a' is not valid."));
    }

    #[test]
    fn assets_status_shape() {
        let e = parse(400, r#"{"code":400,"message":"\"InvalidImage\""}"#);
        assert_eq!(e.shape(), ErrorShape::Status);
        assert_eq!(e.code(), Some("400"));
        assert_eq!(e.message(), Some("\"InvalidImage\""));
        let with_details = parse(
            500,
            r#"{"code":13,"message":"boom","details":[{"@type":"type.googleapis.com/x"}]}"#,
        );
        assert_eq!(with_details.shape(), ErrorShape::Status);
        assert_eq!(with_details.detail(), Some("type.googleapis.com/x"));
    }

    #[test]
    fn oauth_shape() {
        let e = parse(
            400,
            r#"{"error":"invalid_client","error_description":"Invalid client."}"#,
        );
        assert_eq!(e.shape(), ErrorShape::OAuth);
        assert_eq!(e.code(), Some("invalid_client"));
        assert_eq!(e.message(), Some("Invalid client."));
    }

    #[test]
    fn text_empty_and_unknown_bodies_are_kept() {
        let text = parse(
            400,
            "requestMessage cannot be longer than 1024 characters. (Parameter 'requestMessage')",
        );
        assert_eq!(text.shape(), ErrorShape::Text);
        assert!(text.raw_body().is_some());
        assert!(text
            .message()
            .is_some_and(|m| m.starts_with("requestMessage")));
        assert_eq!(parse(503, "").shape(), ErrorShape::Empty);
        let odd = parse(500, "[1,2,3]");
        assert_eq!(odd.shape(), ErrorShape::Unrecognized);
        assert_eq!(odd.raw_body().map(|b| b.as_ref()), Some(&b"[1,2,3]"[..]));
        assert!(odd.to_string().contains("[1,2,3]"));
        let binary = ApiError::from_parts(
            StatusCode::BAD_GATEWAY,
            HeaderMap::new(),
            Bytes::from_static(&[0xff, 0xfe]),
        );
        assert_eq!(binary.shape(), ErrorShape::Unrecognized);
    }
}
