//! The canonical codes of v2 error bodies (`{"code":"INVALID_ARGUMENT","message":"…"}`)
//! and of failed operations (`{"error":{"code":3,…}}`), as
//! <https://create.roblox.com/docs/cloud/reference/errors> lists them.

use std::fmt;

/// A canonical error code: a v2 error body names it (`"NOT_FOUND"`), a failed operation
/// numbers it (`5`). [`crate::ApiError::rpc_code`] reads it from an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RpcCode {
    /// `CANCELLED` (1): the caller gave up (HTTP 499).
    Cancelled,
    /// `UNKNOWN` (2).
    Unknown,
    /// `INVALID_ARGUMENT` (3): a bad argument, filter or page token (HTTP 400).
    InvalidArgument,
    /// `DEADLINE_EXCEEDED` (4) (HTTP 504).
    DeadlineExceeded,
    /// `NOT_FOUND` (5) (HTTP 404).
    NotFound,
    /// `ALREADY_EXISTS` (6) (HTTP 409).
    AlreadyExists,
    /// `PERMISSION_DENIED` (7): the credential lacks a scope or the resource (HTTP 403).
    PermissionDenied,
    /// `RESOURCE_EXHAUSTED` (8): a rate limit or a quota (HTTP 429).
    ResourceExhausted,
    /// `FAILED_PRECONDITION` (9) (HTTP 400).
    FailedPrecondition,
    /// `ABORTED` (10): a conflict with the resource's state (HTTP 409).
    Aborted,
    /// `OUT_OF_RANGE` (11) (HTTP 400).
    OutOfRange,
    /// `NOT_IMPLEMENTED` or `UNIMPLEMENTED` (12) (HTTP 501).
    Unimplemented,
    /// `INTERNAL` (13) (HTTP 500).
    Internal,
    /// `UNAVAILABLE` (14) (HTTP 503).
    Unavailable,
    /// `DATA_LOSS` (15).
    DataLoss,
    /// `UNAUTHENTICATED` (16) (HTTP 401).
    Unauthenticated,
}

const NAMES: [(RpcCode, &str, i64); 16] = [
    (RpcCode::Cancelled, "CANCELLED", 1),
    (RpcCode::Unknown, "UNKNOWN", 2),
    (RpcCode::InvalidArgument, "INVALID_ARGUMENT", 3),
    (RpcCode::DeadlineExceeded, "DEADLINE_EXCEEDED", 4),
    (RpcCode::NotFound, "NOT_FOUND", 5),
    (RpcCode::AlreadyExists, "ALREADY_EXISTS", 6),
    (RpcCode::PermissionDenied, "PERMISSION_DENIED", 7),
    (RpcCode::ResourceExhausted, "RESOURCE_EXHAUSTED", 8),
    (RpcCode::FailedPrecondition, "FAILED_PRECONDITION", 9),
    (RpcCode::Aborted, "ABORTED", 10),
    (RpcCode::OutOfRange, "OUT_OF_RANGE", 11),
    (RpcCode::Unimplemented, "NOT_IMPLEMENTED", 12),
    (RpcCode::Internal, "INTERNAL", 13),
    (RpcCode::Unavailable, "UNAVAILABLE", 14),
    (RpcCode::DataLoss, "DATA_LOSS", 15),
    (RpcCode::Unauthenticated, "UNAUTHENTICATED", 16),
];

impl RpcCode {
    /// The code named `name` (`"NOT_FOUND"`; any case; `UNIMPLEMENTED` too), or numbered
    /// `name` (`"5"`).
    pub fn parse(name: &str) -> Option<Self> {
        let name = name.trim();
        if let Ok(number) = name.parse::<i64>() {
            return Self::from_number(number);
        }
        if name.eq_ignore_ascii_case("UNIMPLEMENTED") {
            return Some(RpcCode::Unimplemented);
        }
        NAMES
            .iter()
            .find(|(_, known, _)| known.eq_ignore_ascii_case(name))
            .map(|(code, _, _)| *code)
    }

    /// The code numbered `number` (`5` is `NOT_FOUND`).
    pub fn from_number(number: i64) -> Option<Self> {
        NAMES
            .iter()
            .find(|(_, _, known)| *known == number)
            .map(|(code, _, _)| *code)
    }

    /// Its name as Roblox spells it (`"NOT_FOUND"`, `"NOT_IMPLEMENTED"`).
    pub fn name(self) -> &'static str {
        NAMES
            .iter()
            .find(|(code, _, _)| *code == self)
            .map_or("UNKNOWN", |(_, name, _)| name)
    }

    /// Its number (`NOT_FOUND` is 5).
    pub fn number(self) -> i64 {
        NAMES
            .iter()
            .find(|(code, _, _)| *code == self)
            .map_or(2, |(_, _, number)| *number)
    }

    /// The HTTP status the service answers it with.
    pub fn http_status(self) -> http::StatusCode {
        use http::StatusCode as S;
        match self {
            RpcCode::Cancelled => S::from_u16(499).unwrap_or(S::BAD_REQUEST),
            RpcCode::InvalidArgument | RpcCode::FailedPrecondition | RpcCode::OutOfRange => {
                S::BAD_REQUEST
            }
            RpcCode::Unauthenticated => S::UNAUTHORIZED,
            RpcCode::PermissionDenied => S::FORBIDDEN,
            RpcCode::NotFound => S::NOT_FOUND,
            RpcCode::AlreadyExists | RpcCode::Aborted => S::CONFLICT,
            RpcCode::ResourceExhausted => S::TOO_MANY_REQUESTS,
            RpcCode::Unimplemented => S::NOT_IMPLEMENTED,
            RpcCode::Unavailable => S::SERVICE_UNAVAILABLE,
            RpcCode::DeadlineExceeded => S::GATEWAY_TIMEOUT,
            RpcCode::Unknown | RpcCode::Internal | RpcCode::DataLoss => S::INTERNAL_SERVER_ERROR,
        }
    }
}

impl fmt::Display for RpcCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers_round_trip() {
        for (code, name, number) in NAMES {
            assert_eq!(RpcCode::parse(name), Some(code));
            assert_eq!(RpcCode::parse(&name.to_ascii_lowercase()), Some(code));
            assert_eq!(RpcCode::from_number(number), Some(code));
            assert_eq!(RpcCode::parse(&number.to_string()), Some(code));
            assert_eq!((code.name(), code.number()), (name, number));
        }
        assert_eq!(
            RpcCode::parse("UNIMPLEMENTED"),
            Some(RpcCode::Unimplemented)
        );
        assert_eq!(RpcCode::parse("INSUFFICIENT_SCOPE"), None);
        assert_eq!(RpcCode::from_number(0), None);
        assert_eq!(RpcCode::from_number(422), None);
        assert_eq!(RpcCode::Aborted.http_status(), http::StatusCode::CONFLICT);
        assert_eq!(RpcCode::Cancelled.http_status().as_u16(), 499);
    }
}
