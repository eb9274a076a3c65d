//! The exit codes of `rblx-oc`, one place for all of them.

use rblx_open_cloud::Error;

/// The command did what it was asked.
pub const SUCCESS: u8 = 0;
/// Any other failure (a 5xx, a transport failure, a Luau task that failed, ...).
pub const OTHER: u8 = 1;
/// Invalid input, refused before anything was sent (clap's usage errors are 2 too).
pub const INVALID_INPUT: u8 = 2;
/// The resource does not exist (404).
pub const NOT_FOUND: u8 = 3;
/// The credential is missing, wrong, expired or not allowed (401, 403).
pub const UNAUTHORIZED: u8 = 4;
/// Still rate limited (429) after the retries.
pub const RATE_LIMITED: u8 = 5;
/// A write failed in a way that it may have been applied: check before repeating it.
pub const MAY_HAVE_BEEN_APPLIED: u8 = 6;

/// The table printed at the end of `--help`.
pub const HELP_FOOTER: &str = "\
Exit codes:
  0  success
  1  other failure (5xx, network, a Luau task that failed)
  2  invalid input, nothing was sent (also usage errors)
  3  not found (404)
  4  unauthorized or forbidden (401, 403)
  5  rate limited after the retries (429)
  6  a write that may have been applied (a lost connection, a timeout): check before repeating

Credentials: --api-key-file FILE, else RBLX_OPEN_CLOUD_API_KEY or RBLX_OPEN_CLOUD_ACCESS_TOKEN.
Base URL: --base-url, else RBLX_OPEN_CLOUD_BASE_URL. Extra CA: --ca-cert, else RBLX_OPEN_CLOUD_CA_CERTS.";

/// The exit code of a failed call; `write` says whether the command changes something, in
/// which case a failure that may have been applied comes before every other reading.
pub fn for_error(error: &Error, write: bool) -> u8 {
    if write && error.may_have_been_applied() {
        return MAY_HAVE_BEEN_APPLIED;
    }
    if matches!(error, Error::InvalidInput(_)) {
        return INVALID_INPUT;
    }
    match error {
        Error::Unauthorized(_) | Error::Forbidden(_) | Error::InsufficientScope { .. } => {
            return UNAUTHORIZED
        }
        Error::RateLimited { .. } => return RATE_LIMITED,
        _ => {}
    }
    match error.status().map(|s| s.as_u16()) {
        Some(404) => NOT_FOUND,
        Some(401 | 403) => UNAUTHORIZED,
        Some(429) => RATE_LIMITED,
        _ => OTHER,
    }
}

/// A short name of the failure, for `--json` errors.
pub fn kind(code: u8) -> &'static str {
    match code {
        INVALID_INPUT => "invalid_input",
        NOT_FOUND => "not_found",
        UNAUTHORIZED => "unauthorized",
        RATE_LIMITED => "rate_limited",
        MAY_HAVE_BEEN_APPLIED => "may_have_been_applied",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;
    use http::{HeaderMap, StatusCode};
    use rblx_open_cloud::{ApiError, InvalidInput};

    fn api(status: u16) -> Error {
        Error::from_api(ApiError::from_parts(
            StatusCode::from_u16(status).unwrap(),
            HeaderMap::new(),
            Bytes::from_static(b"{\"code\":\"X\",\"message\":\"m\"}"),
        ))
    }

    #[test]
    fn each_failure_has_its_code() {
        let invalid = Error::from(InvalidInput::new("key", "too long"));
        assert_eq!(for_error(&invalid, true), INVALID_INPUT);
        assert_eq!(for_error(&api(404), false), NOT_FOUND);
        assert_eq!(for_error(&api(401), false), UNAUTHORIZED);
        assert_eq!(for_error(&api(403), true), UNAUTHORIZED);
        assert_eq!(for_error(&api(429), true), RATE_LIMITED);
        assert_eq!(for_error(&api(400), false), OTHER);
    }

    #[test]
    fn a_write_that_may_have_been_applied_is_6_before_anything_else() {
        assert_eq!(for_error(&api(503), true), MAY_HAVE_BEEN_APPLIED);
        assert_eq!(for_error(&api(503), false), OTHER, "a read is not 6");
        let timeout = Error::Timeout {
            after: std::time::Duration::from_secs(1),
        };
        assert_eq!(for_error(&timeout, true), MAY_HAVE_BEEN_APPLIED);
    }

    #[test]
    fn kinds_name_the_codes() {
        assert_eq!(kind(MAY_HAVE_BEEN_APPLIED), "may_have_been_applied");
        assert_eq!(kind(OTHER), "other");
    }
}
