//! The error codes of the v2 APIs (<https://create.roblox.com/docs/cloud/reference/errors>):
//! their names, HTTP statuses and `google.rpc.Code` numbers, and the v2 error body
//! `{"code":"INVALID_ARGUMENT","message":"…"}`.

use http::StatusCode;
use serde_json::json;

use crate::gateway::responses::{self, Reply};

/// A v2 error code. The name is what the body's `code` says; the number is what an
/// Operation's `error.code` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum V2Code {
    /// 400: a bad argument, filter, page token or field mask.
    InvalidArgument,
    /// 400 (the google.rpc mapping; Roblox lists no use).
    FailedPrecondition,
    /// 400 (the google.rpc mapping).
    #[allow(dead_code, reason = "part of the documented table")]
    OutOfRange,
    /// 401 (normally the gateway's own body instead).
    #[allow(dead_code, reason = "part of the documented table")]
    Unauthenticated,
    /// 403: the credential lacks a scope or the resource.
    PermissionDenied,
    /// 404: no such resource.
    NotFound,
    /// 409: the resource exists already (memory-store sorted-map create).
    #[allow(dead_code, reason = "for the create methods of later areas")]
    AlreadyExists,
    /// 409: a conflict, e.g. updating a place open in Team Create.
    Aborted,
    /// 429: a rate limit or a quota.
    ResourceExhausted,
    /// 499: the client gave up.
    Cancelled,
    /// 500.
    Internal,
    /// 501 (Roblox's spelling of `UNIMPLEMENTED`).
    NotImplemented,
    /// 503.
    Unavailable,
    /// 504 (the google.rpc mapping).
    DeadlineExceeded,
}

impl V2Code {
    /// The name the body's `code` carries.
    pub fn name(self) -> &'static str {
        match self {
            V2Code::InvalidArgument => "INVALID_ARGUMENT",
            V2Code::FailedPrecondition => "FAILED_PRECONDITION",
            V2Code::OutOfRange => "OUT_OF_RANGE",
            V2Code::Unauthenticated => "UNAUTHENTICATED",
            V2Code::PermissionDenied => "PERMISSION_DENIED",
            V2Code::NotFound => "NOT_FOUND",
            V2Code::AlreadyExists => "ALREADY_EXISTS",
            V2Code::Aborted => "ABORTED",
            V2Code::ResourceExhausted => "RESOURCE_EXHAUSTED",
            V2Code::Cancelled => "CANCELLED",
            V2Code::Internal => "INTERNAL",
            V2Code::NotImplemented => "NOT_IMPLEMENTED",
            V2Code::Unavailable => "UNAVAILABLE",
            V2Code::DeadlineExceeded => "DEADLINE_EXCEEDED",
        }
    }

    /// The HTTP status it is answered with.
    pub fn status(self) -> StatusCode {
        let code = match self {
            V2Code::InvalidArgument | V2Code::FailedPrecondition | V2Code::OutOfRange => 400,
            V2Code::Unauthenticated => 401,
            V2Code::PermissionDenied => 403,
            V2Code::NotFound => 404,
            V2Code::AlreadyExists | V2Code::Aborted => 409,
            V2Code::ResourceExhausted => 429,
            V2Code::Cancelled => 499,
            V2Code::Internal => 500,
            V2Code::NotImplemented => 501,
            V2Code::Unavailable => 503,
            V2Code::DeadlineExceeded => 504,
        };
        responses::status(code)
    }

    /// The `google.rpc.Code` number, for an Operation's `error.code`.
    pub fn rpc_number(self) -> i32 {
        match self {
            V2Code::Cancelled => 1,
            V2Code::InvalidArgument => 3,
            V2Code::DeadlineExceeded => 4,
            V2Code::NotFound => 5,
            V2Code::AlreadyExists => 6,
            V2Code::PermissionDenied => 7,
            V2Code::ResourceExhausted => 8,
            V2Code::FailedPrecondition => 9,
            V2Code::Aborted => 10,
            V2Code::OutOfRange => 11,
            V2Code::NotImplemented => 12,
            V2Code::Internal => 13,
            V2Code::Unavailable => 14,
            V2Code::Unauthenticated => 16,
        }
    }

    /// The code of an HTTP status: 409 is `ABORTED` (a conflict; a method that means
    /// `ALREADY_EXISTS` names it), anything unlisted `INTERNAL`.
    pub fn of_status(status: StatusCode) -> Self {
        match status.as_u16() {
            400 | 411 | 413 | 415 => V2Code::InvalidArgument,
            401 => V2Code::Unauthenticated,
            403 => V2Code::PermissionDenied,
            404 => V2Code::NotFound,
            409 => V2Code::Aborted,
            429 => V2Code::ResourceExhausted,
            499 => V2Code::Cancelled,
            501 => V2Code::NotImplemented,
            503 => V2Code::Unavailable,
            504 => V2Code::DeadlineExceeded,
            _ => V2Code::Internal,
        }
    }

    /// The v2 error answer: this code's status and `{"code":"<name>","message":"…"}`.
    pub fn reply(self, message: &str) -> Reply {
        v2_error(self.status(), self, message)
    }
}

/// A v2 error not yet answered: what the shared v2 helpers (page tokens, field masks)
/// fail with. It becomes the answer with [`V2Error::reply`], or `?` in a function that
/// returns `Result<_, Reply>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct V2Error {
    /// The code.
    pub code: V2Code,
    /// The message.
    pub message: String,
}

impl V2Error {
    /// A `code` error saying `message`.
    pub fn new(code: V2Code, message: impl Into<String>) -> Self {
        V2Error {
            code,
            message: message.into(),
        }
    }

    /// An `INVALID_ARGUMENT` error saying `message`.
    pub fn invalid_argument(message: impl Into<String>) -> Self {
        V2Error::new(V2Code::InvalidArgument, message)
    }

    /// The answer.
    pub fn reply(&self) -> Reply {
        self.code.reply(&self.message)
    }
}

impl From<V2Error> for Reply {
    fn from(error: V2Error) -> Self {
        error.reply()
    }
}

/// A v2 error body with an explicit status (an injected fault keeps its own status).
pub(crate) fn v2_error(status: StatusCode, code: V2Code, message: &str) -> Reply {
    responses::json(status, &json!({ "code": code.name(), "message": message }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_map_to_statuses_and_back() {
        for code in [
            V2Code::InvalidArgument,
            V2Code::PermissionDenied,
            V2Code::NotFound,
            V2Code::Aborted,
            V2Code::ResourceExhausted,
            V2Code::Cancelled,
            V2Code::Internal,
            V2Code::NotImplemented,
            V2Code::Unavailable,
            V2Code::DeadlineExceeded,
            V2Code::Unauthenticated,
        ] {
            assert_eq!(V2Code::of_status(code.status()), code, "{}", code.name());
        }
        assert_eq!(V2Code::AlreadyExists.status().as_u16(), 409);
        assert_eq!(V2Code::NotFound.rpc_number(), 5);
        assert_eq!(V2Code::InvalidArgument.rpc_number(), 3);
    }
}
