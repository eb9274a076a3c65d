//! Error bodies, in the shapes of
//! <https://create.roblox.com/docs/cloud/reference/errors>. Which shape an answer takes
//! depends on the API (and on the layer: the gateway answers authentication failures the
//! same way for every API).

use http::header::{HeaderValue, RETRY_AFTER};
use http::StatusCode;
use serde_json::json;

use crate::gateway::rate_limit::Quota;
use crate::gateway::responses::{self, Reply};
use crate::gateway::v2_codes::{v2_error, V2Code};

/// The shape of a route's error bodies, as
/// <https://create.roblox.com/docs/cloud/reference/errors> lists them. Routes name their
/// shape; the gateway knows shapes, not APIs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ErrorShape {
    /// The gateway body `{"errors":[{"code":0,"message":"…"}]}` for authentication,
    /// permission and quota errors, ASP.NET ProblemDetails for invalid requests
    /// (MessagingService v1; place publishing, whose bodies are not documented and whose
    /// `{"message"}` clients read, inferred).
    Gateway,
    /// `{"error","message","errorDetails":[DatastoreErrorInfo]}` (standard data stores v1).
    ErrorDetails,
    /// `{"code":"INVALID_ARGUMENT","message":"…"}` (ordered data stores v1).
    Code,
    /// The gateway body for authentication and quota errors, the `Status` body
    /// `{"code":<http status>,"message":"…"}` for the rest (Assets v1,
    /// <https://create.roblox.com/docs/reference/cloud/assets/v1>).
    Status,
    /// The v2 body `{"code":"PERMISSION_DENIED","message":"…"}` for everything but
    /// authentication, which keeps the gateway body
    /// (<https://create.roblox.com/docs/cloud/reference/errors>).
    V2,
}

impl ErrorShape {
    /// The key or token lacks `scope` on the universe.
    pub fn forbidden(self, scope: &str, universe: Option<u64>) -> Reply {
        match self {
            ErrorShape::Status => status(
                StatusCode::FORBIDDEN,
                &format!("The credential does not have the scope {scope}."),
            ),
            // The real 403 body of the messaging gateway is not documented;
            // the gateway shape with a readable message is inferred.
            ErrorShape::Gateway => {
                let on = universe
                    .map(|u| format!(" on universe {u}"))
                    .unwrap_or_default();
                gateway(
                    StatusCode::FORBIDDEN,
                    &format!("The credential does not have the scope {scope}{on}."),
                )
            }
            // The same body for a missing scope and a wrong universe (inferred from captured
            // error bodies).
            ErrorShape::ErrorDetails => data_store(
                StatusCode::FORBIDDEN,
                "Forbidden",
                "The api key does not have sufficient scope to perform this operation.",
            ),
            // Only the status is documented for ordered data stores
            // (https://create.roblox.com/docs/reference/cloud/datastores-api/ordered-v1); the
            // text follows the standard data stores' (inferred).
            ErrorShape::Code => code(
                StatusCode::FORBIDDEN,
                "The api key does not have sufficient scope to perform this operation.",
            ),
            // The v2 message texts are not documented (inferred).
            ErrorShape::V2 => {
                let on = universe
                    .map(|u| format!(" on universe {u}"))
                    .unwrap_or_default();
                let message = if scope.is_empty() {
                    format!("The credential has no access{on}.")
                } else {
                    let scope = scope.replace('|', " or ");
                    format!("The credential does not have the scope {scope}{on}.")
                };
                V2Code::PermissionDenied.reply(&message)
            }
        }
    }

    /// Over a rate limit: 429 with `Retry-After` and the `x-ratelimit-*` headers.
    ///
    /// A captured 429 from apis.roblox.com had no `Retry-After` (inferred); the emulator
    /// sends it anyway, as the official rate-limit guide tells clients to look for it.
    pub fn too_many_requests(self, quota: &Quota, retry_after_secs: u64) -> Reply {
        // The message texts are not documented; these are inferred.
        let mut reply = match self {
            ErrorShape::Gateway | ErrorShape::Status => {
                gateway(StatusCode::TOO_MANY_REQUESTS, "Too many requests.")
            }
            ErrorShape::ErrorDetails => data_store(
                StatusCode::TOO_MANY_REQUESTS,
                "TooManyRequests",
                "Too many requests.",
            ),
            ErrorShape::Code => code(StatusCode::TOO_MANY_REQUESTS, "Too many requests."),
            ErrorShape::V2 => V2Code::ResourceExhausted.reply("Too many requests."),
        };
        quota.write_headers(reply.headers_mut());
        reply
            .headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from(retry_after_secs.max(1)));
        reply
    }

    /// An injected error status, with a body of this shape.
    pub fn injected(self, status: StatusCode) -> Reply {
        let message = status.canonical_reason().unwrap_or("Injected fault");
        match self {
            ErrorShape::Gateway => gateway(status, message),
            ErrorShape::Status => self::status(status, message),
            ErrorShape::ErrorDetails => {
                let detail = match status.as_u16() {
                    403 => "Forbidden",
                    404 => "DatastoreNotFound",
                    429 => "TooManyRequests",
                    _ => "Unknown",
                };
                data_store(status, detail, message)
            }
            ErrorShape::Code => code(status, message),
            ErrorShape::V2 => v2_error(status, V2Code::of_status(status), message),
        }
    }

    /// The universe id in the path is not a number.
    pub fn invalid_universe(self, raw: &str) -> Reply {
        match self {
            // ASP.NET model binding rejects a non-numeric route value (the errors
            // page's ProblemDetails shape).
            ErrorShape::Gateway | ErrorShape::Status => problem_details(
                StatusCode::BAD_REQUEST,
                Some(json!({ "universeId": [format!("The value '{raw}' is not valid.")] })),
            ),
            // The message text is not documented (inferred); the code is the
            // one clients match on.
            ErrorShape::ErrorDetails => data_store(
                StatusCode::BAD_REQUEST,
                "InvalidUniverseId",
                "Invalid universe id.",
            ),
            ErrorShape::Code => code(StatusCode::BAD_REQUEST, "Invalid universe id."),
            ErrorShape::V2 => V2Code::InvalidArgument.reply("Invalid universe id."),
        }
    }

    /// The body is larger than the route accepts.
    pub fn payload_too_large(self) -> Reply {
        match self {
            ErrorShape::Gateway => gateway(StatusCode::PAYLOAD_TOO_LARGE, "Payload Too Large"),
            // Assets document no 413: a body over the cap is a file that failed to parse.
            ErrorShape::Status => status(
                StatusCode::BAD_REQUEST,
                "Invalid argument. Failed to parse the request or the file.",
            ),
            // ContentTooBig is an INVALID_ARGUMENT (400) code
            // (https://create.roblox.com/docs/reference/cloud/datastores-api/v1).
            ErrorShape::ErrorDetails => data_store(
                StatusCode::BAD_REQUEST,
                "ContentTooBig",
                "Content is too big.",
            ),
            ErrorShape::Code => code(StatusCode::PAYLOAD_TOO_LARGE, "Content is too big."),
            // The v2 answer to an oversized body is not documented; INVALID_ARGUMENT (400),
            // the code of a request the service cannot read, is inferred.
            ErrorShape::V2 => V2Code::InvalidArgument.reply("The request body is too large."),
        }
    }
}

/// Shape 1, the gateway: `{"errors":[{"code":0,"message":"…"}]}`.
pub(crate) fn gateway(status: StatusCode, message: &str) -> Reply {
    responses::json(
        status,
        &json!({ "errors": [{ "code": 0, "message": message }] }),
    )
}

/// Shape 2, standard data stores: `{"error":"INVALID_ARGUMENT","message":"…",
/// "errorDetails":[{"errorDetailType":"DatastoreErrorInfo","datastoreErrorCode":"…"}]}`.
pub(crate) fn data_store(status: StatusCode, datastore_error_code: &str, message: &str) -> Reply {
    responses::json(
        status,
        &json!({
            "error": canonical_code(status),
            "message": message,
            "errorDetails": [{
                "errorDetailType": "DatastoreErrorInfo",
                "datastoreErrorCode": datastore_error_code,
            }],
        }),
    )
}

/// Shape 3, ordered data stores: `{"code":"INVALID_ARGUMENT","message":"…"}`.
pub(crate) fn code(status: StatusCode, message: &str) -> Reply {
    responses::json(
        status,
        &json!({ "code": canonical_code(status), "message": message }),
    )
}

/// Shape 5, the Assets `Status`: `{"code":<http status>,"message":"…"}`.
pub(crate) fn status(status: StatusCode, message: &str) -> Reply {
    responses::json(
        status,
        &json!({ "code": status.as_u16(), "message": message }),
    )
}

/// Shape 4, ASP.NET ProblemDetails, with the per-field `errors` of a validation failure.
pub(crate) fn problem_details(status: StatusCode, errors: Option<serde_json::Value>) -> Reply {
    let (section, title) = match status.as_u16() {
        400 => ("15.5.1", "One or more validation errors occurred."),
        415 => ("15.5.16", "Unsupported Media Type"),
        _ => ("15.6.1", status.canonical_reason().unwrap_or("Error")),
    };
    let mut body = json!({
        "type": format!("https://tools.ietf.org/html/rfc9110#section-{section}"),
        "title": title,
        "status": status.as_u16(),
        "extensions": { "traceId": trace_id() },
    });
    if let (Some(errors), Some(object)) = (errors, body.as_object_mut()) {
        object.insert("errors".into(), errors);
    }
    responses::with_body(
        status,
        "application/problem+json; charset=utf-8",
        body.to_string(),
    )
}

/// A W3C trace id like ASP.NET writes: `00-<32 hex>-<16 hex>-00`.
fn trace_id() -> String {
    format!(
        "00-{:032x}-{:016x}-00",
        fastrand::u128(..),
        fastrand::u64(..)
    )
}

/// The high-level `error` value for a status
/// (<https://create.roblox.com/docs/cloud/reference/errors>).
pub(crate) fn canonical_code(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 | 413 | 415 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "INSUFFICIENT_SCOPE",
        404 => "NOT_FOUND",
        409 => "ABORTED",
        412 => "FAILED_PRECONDITION",
        429 => "RESOURCE_EXHAUSTED",
        499 => "CANCELLED",
        501 => "NOT_IMPLEMENTED",
        503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        _ => "INTERNAL",
    }
}
