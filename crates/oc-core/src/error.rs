//! The one error type every crate of the client returns.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use http::StatusCode;

pub use crate::api_error::{ApiError, ErrorShape};

/// A boxed error, as transports and tower layers return them.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// The result type of the client.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong with an Open Cloud call.
///
/// The variants say what happened; the helpers answer what a caller needs to decide next:
/// [`Error::is_retryable`], [`Error::retry_after`], [`Error::is_not_found`] and, for writes,
/// [`Error::may_have_been_applied`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input was refused before anything was sent.
    #[error("invalid input: {0}")]
    InvalidInput(#[from] InvalidInput),

    /// 401: the credential is missing, wrong or expired.
    #[error("unauthorized: {0}")]
    Unauthorized(Box<ApiError>),

    /// 403: the credential is valid but not allowed to do this.
    #[error("forbidden: {0}")]
    Forbidden(Box<ApiError>),

    /// The credential lacks a scope; `scope` is the one the service named, if it did.
    #[error("insufficient scope{}: {api}", scope.as_deref().map(|s| format!(" (needs {s})")).unwrap_or_default())]
    InsufficientScope {
        /// The scope the service asked for.
        scope: Option<String>,
        /// What the service answered.
        api: Box<ApiError>,
    },

    /// 404: the resource does not exist.
    #[error("not found: {0}")]
    NotFound(Box<ApiError>),

    /// 412: a precondition (exclusive create, matching version, ...) failed.
    ///
    /// The service's body and headers are kept in the [`ApiError`] (for data stores they
    /// hold the current value and its metadata).
    #[error("precondition failed: {0}")]
    PreconditionFailed(Box<ApiError>),

    /// 409: the request conflicts with the resource's state.
    #[error("conflict: {0}")]
    Conflict(Box<ApiError>),

    /// 429: too many requests. `retry_after` is the wait the service asked for.
    #[error("rate limited{}: {api}", retry_after.map(|d| format!(" (retry after {} s)", d.as_secs_f64())).unwrap_or_default())]
    RateLimited {
        /// The wait the service asked for (`Retry-After`, else `x-ratelimit-reset`).
        retry_after: Option<Duration>,
        /// What the service answered.
        api: Box<ApiError>,
    },

    /// 500, 502, 503 or 504: the service failed or is unavailable.
    #[error("service unavailable: {0}")]
    ServiceUnavailable(Box<ApiError>),

    /// Any other non-success answer.
    #[error("API error: {0}")]
    Api(Box<ApiError>),

    /// The request could not be exchanged with the service.
    #[error("transport error{}", if *.connect { " (could not connect)" } else { "" })]
    Transport {
        /// `true` when no connection could be established, so nothing was sent.
        connect: bool,
        /// The underlying error.
        #[source]
        source: BoxError,
    },

    /// No complete answer arrived within the request timeout.
    #[error("timed out after {} s", .after.as_secs_f64())]
    Timeout {
        /// The timeout that elapsed.
        after: Duration,
    },

    /// The service answered success, but the answer could not be understood.
    #[error("could not decode the response: {message}")]
    Decode {
        /// What could not be decoded.
        message: String,
        /// The parser's error, if any.
        #[source]
        source: Option<BoxError>,
    },

    /// A list stopped because the service paged in a way that would never end: see
    /// [`PaginationError`].
    #[error(transparent)]
    Pagination(#[from] PaginationError),

    /// A failure that one API area describes with a type of its own: a data store
    /// precondition carrying the current value, a checksum mismatch, a moderated asset
    /// name, an id_token from the wrong issuer, an OAuth2 grant that was refused, ...
    ///
    /// Reach the area's type with [`Error::detail`]; the service's answer, when there was
    /// one, stays available through [`Error::api_error`] and [`Error::status`].
    #[error(transparent)]
    Area(Box<AreaError>),
}

/// Why a list was stopped before its end.
///
/// The pager bounds its work against a service (or something between it and the client)
/// that pages forever: see [`crate::pagination::PagerConfig`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PaginationError {
    /// The service answered a cursor (or page token) it had already given.
    #[error("the service repeated the page cursor {cursor:?}; stopping instead of looping")]
    RepeatedCursor {
        /// The cursor that came back a second time.
        cursor: String,
    },
    /// The service answered this many empty pages in a row, each with a further cursor.
    #[error("the service answered {pages} empty pages in a row; stopping")]
    EmptyPages {
        /// How many empty pages came in a row.
        pages: u32,
    },
    /// A list with an item limit used up its budget of requests (the limit plus the
    /// allowed run of empty pages) before reaching the limit.
    #[error("the list sent {requests} requests without reaching its limit; stopping")]
    TooManyPages {
        /// How many page requests were sent.
        requests: u32,
    },
}

/// A failure particular to one API area: the area's own error type, the service's answer
/// it came from (if any), and whether the request may have been applied.
///
/// API crates build it with [`AreaError::new`]; callers reach the typed detail with
/// [`Error::detail`] or [`AreaError::detail`].
pub struct AreaError {
    area: &'static str,
    api: Option<ApiError>,
    applied: bool,
    detail: Box<dyn std::error::Error + Send + Sync + 'static>,
}

impl AreaError {
    /// An area's failure: `area` is the API area (`"datastores"`, `"assets"`, ...),
    /// `detail` the area's own error value. It was not applied unless
    /// [`AreaError::may_have_been_applied`] says otherwise.
    pub fn new(area: &'static str, detail: impl std::error::Error + Send + Sync + 'static) -> Self {
        AreaError {
            area,
            api: None,
            applied: false,
            detail: Box::new(detail),
        }
    }

    /// Keeps the service's answer the failure was read from.
    pub fn with_api(mut self, api: ApiError) -> Self {
        self.api = Some(api);
        self
    }

    /// Marks whether the request may have been applied (a checksum mismatch on a write's
    /// answer, say).
    pub fn applied(mut self, applied: bool) -> Self {
        self.applied = applied;
        self
    }

    /// The API area.
    pub fn area(&self) -> &'static str {
        self.area
    }

    /// The service's answer, when the failure came from one.
    pub fn api_error(&self) -> Option<&ApiError> {
        self.api.as_ref()
    }

    /// The area's error value, if it is a `T`.
    pub fn detail<T: std::error::Error + 'static>(&self) -> Option<&T> {
        self.detail.downcast_ref::<T>()
    }

    /// `true` when the request may have been applied.
    pub fn may_have_been_applied(&self) -> bool {
        self.applied
    }
}

impl fmt::Debug for AreaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AreaError")
            .field("area", &self.area)
            .field("detail", &self.detail)
            .field("api", &self.api)
            .finish()
    }
}

impl fmt::Display for AreaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.area, self.detail)
    }
}

impl std::error::Error for AreaError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.detail.source()
    }
}

impl From<AreaError> for Error {
    fn from(error: AreaError) -> Self {
        Error::Area(Box::new(error))
    }
}

impl Error {
    /// Builds a [`Error::Decode`].
    pub fn decode(message: impl Into<String>, source: impl Into<Option<BoxError>>) -> Self {
        Error::Decode {
            message: message.into(),
            source: source.into(),
        }
    }

    /// Maps a non-success answer to its variant.
    pub fn from_api(api: ApiError) -> Self {
        let api = Box::new(api);
        let status = api.status();
        match status {
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN if api.is_insufficient_scope() => {
                Error::InsufficientScope {
                    scope: api.scope().map(str::to_owned),
                    api,
                }
            }
            StatusCode::UNAUTHORIZED => Error::Unauthorized(api),
            StatusCode::FORBIDDEN => Error::Forbidden(api),
            StatusCode::NOT_FOUND => Error::NotFound(api),
            StatusCode::CONFLICT => Error::Conflict(api),
            StatusCode::PRECONDITION_FAILED => Error::PreconditionFailed(api),
            StatusCode::TOO_MANY_REQUESTS => Error::RateLimited {
                retry_after: api.retry_after(),
                api,
            },
            StatusCode::INTERNAL_SERVER_ERROR
            | StatusCode::BAD_GATEWAY
            | StatusCode::SERVICE_UNAVAILABLE
            | StatusCode::GATEWAY_TIMEOUT => Error::ServiceUnavailable(api),
            _ => Error::Api(api),
        }
    }

    /// The typed detail of an area's failure (see [`Error::Area`]), if this is one and
    /// its detail is a `T`.
    ///
    /// ```
    /// # #[derive(Debug, thiserror::Error)] #[error("moderated")] struct Moderated;
    /// let error = oc_core::Error::from(oc_core::AreaError::new("assets", Moderated));
    /// assert!(error.detail::<Moderated>().is_some());
    /// ```
    pub fn detail<T: std::error::Error + 'static>(&self) -> Option<&T> {
        match self {
            Error::Area(area) => area.detail(),
            _ => None,
        }
    }

    /// The service's answer, for every variant that has one.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Error::Area(area) => area.api_error(),
            Error::Unauthorized(api)
            | Error::Forbidden(api)
            | Error::InsufficientScope { api, .. }
            | Error::NotFound(api)
            | Error::PreconditionFailed(api)
            | Error::Conflict(api)
            | Error::RateLimited { api, .. }
            | Error::ServiceUnavailable(api)
            | Error::Api(api) => Some(api),
            _ => None,
        }
    }

    /// The HTTP status of the service's answer, if there was one.
    pub fn status(&self) -> Option<StatusCode> {
        self.api_error().map(ApiError::status)
    }

    /// `true` for a 404 (also when an area gave it a type of its own).
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(StatusCode::NOT_FOUND)
    }

    /// `true` when the same request may succeed later: rate limits, 5xx, timeouts and
    /// transport failures.
    ///
    /// Whether it is *safe* to send again is another question for writes: see
    /// [`Error::may_have_been_applied`]. The client's retry layer has already retried
    /// what was safe to retry before this error reached you.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Error::RateLimited { .. }
                | Error::ServiceUnavailable(_)
                | Error::Timeout { .. }
                | Error::Transport { .. }
        )
    }

    /// The wait the service asked for before the next attempt (on a 429).
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::RateLimited { retry_after, .. } => *retry_after,
            other => other.api_error().and_then(ApiError::retry_after),
        }
    }

    /// `true` when the service may have carried out the request even though it failed:
    /// a timeout, a connection lost after the request was written, a 5xx, or a success
    /// answer that could not be decoded.
    ///
    /// `false` means it was certainly not applied: invalid input, a 4xx (429 included), or
    /// a connection that could not be established. Before repeating a write that is not
    /// idempotent (an increment, a create, an upload), check the service's state when this
    /// is `true`.
    pub fn may_have_been_applied(&self) -> bool {
        match self {
            Error::Timeout { .. } | Error::Decode { .. } => true,
            Error::Transport { connect, .. } => !connect,
            Error::InvalidInput(_) | Error::Pagination(_) => false,
            Error::Area(area) => area.may_have_been_applied(),
            other => other
                .status()
                .is_some_and(|status| status.is_server_error()),
        }
    }

    /// The opposite of [`Error::may_have_been_applied`].
    pub fn certainly_not_applied(&self) -> bool {
        !self.may_have_been_applied()
    }
}

/// Input refused before anything was sent: which field, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidInput {
    field: Cow<'static, str>,
    reason: String,
}

impl InvalidInput {
    /// Describes a refused input.
    pub fn new(field: impl Into<Cow<'static, str>>, reason: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            reason: reason.into(),
        }
    }

    /// The name of the refused field or argument.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// Why it was refused.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.reason)
    }
}

impl std::error::Error for InvalidInput {}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;
    use http::HeaderMap;

    fn api(status: u16, body: &str) -> ApiError {
        ApiError::from_parts(
            StatusCode::from_u16(status).unwrap_or(StatusCode::IM_A_TEAPOT),
            HeaderMap::new(),
            Bytes::from(body.to_owned()),
        )
    }

    #[test]
    fn statuses_map_to_their_variants() {
        assert!(matches!(
            Error::from_api(api(401, "")),
            Error::Unauthorized(_)
        ));
        assert!(matches!(Error::from_api(api(403, "")), Error::Forbidden(_)));
        assert!(Error::from_api(api(404, "")).is_not_found());
        assert!(matches!(Error::from_api(api(409, "")), Error::Conflict(_)));
        assert!(matches!(
            Error::from_api(api(412, "")),
            Error::PreconditionFailed(_)
        ));
        assert!(matches!(
            Error::from_api(api(429, "")),
            Error::RateLimited { .. }
        ));
        assert!(matches!(
            Error::from_api(api(503, "")),
            Error::ServiceUnavailable(_)
        ));
        assert!(matches!(Error::from_api(api(501, "")), Error::Api(_)));
        assert!(matches!(Error::from_api(api(400, "")), Error::Api(_)));
    }

    #[test]
    fn insufficient_scope_is_recognised_in_every_spelling() {
        let ds = r#"{"error":"INSUFFICIENT_SCOPE","message":"The api key does not have sufficient scope to perform this operation.","errorDetails":[{"errorDetailType":"DatastoreErrorInfo","datastoreErrorCode":"Forbidden"}]}"#;
        assert!(matches!(
            Error::from_api(api(403, ds)),
            Error::InsufficientScope { scope: None, .. }
        ));
        let oauth =
            r#"{"error":"insufficient_scope","error_description":"needs more","scope":"openid"}"#;
        match Error::from_api(api(401, oauth)) {
            Error::InsufficientScope { scope, .. } => assert_eq!(scope.as_deref(), Some("openid")),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn applied_or_not() {
        assert!(!Error::from_api(api(400, "")).may_have_been_applied());
        assert!(!Error::from_api(api(429, "")).may_have_been_applied());
        assert!(Error::from_api(api(500, "")).may_have_been_applied());
        assert!(Error::from_api(api(503, "")).may_have_been_applied());
        assert!(Error::Timeout {
            after: Duration::from_secs(1)
        }
        .may_have_been_applied());
        let lost = Error::Transport {
            connect: false,
            source: "reset".into(),
        };
        assert!(lost.may_have_been_applied());
        let refused = Error::Transport {
            connect: true,
            source: "refused".into(),
        };
        assert!(refused.certainly_not_applied());
        assert!(Error::from(InvalidInput::new("topic", "empty")).certainly_not_applied());
    }

    #[test]
    fn retryable_and_retry_after() {
        let mut headers = HeaderMap::new();
        headers.insert("retry-after", http::HeaderValue::from_static("7"));
        let limited = Error::from_api(ApiError::from_parts(
            StatusCode::TOO_MANY_REQUESTS,
            headers,
            Bytes::new(),
        ));
        assert!(limited.is_retryable());
        assert_eq!(limited.retry_after(), Some(Duration::from_secs(7)));
        assert!(limited.to_string().contains("retry after 7 s"));
        assert!(!Error::from_api(api(404, "")).is_retryable());
    }
}
