//! Reading the service's rate-limit headers: `Retry-After` and `x-ratelimit-*`
//! (<https://create.roblox.com/docs/cloud/reference/rate-limits>).

use std::time::{Duration, SystemTime};

use http::{HeaderMap, StatusCode};

/// `x-ratelimit-limit`: the quota, possibly listing several windows.
pub const LIMIT_HEADER: &str = "x-ratelimit-limit";
/// `x-ratelimit-remaining`: requests left in the window.
pub const REMAINING_HEADER: &str = "x-ratelimit-remaining";
/// `x-ratelimit-reset`: seconds until the window resets.
pub const RESET_HEADER: &str = "x-ratelimit-reset";

/// The rate-limit state an answer reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RateLimit {
    /// The first number of `x-ratelimit-limit`.
    pub limit: Option<u64>,
    /// `x-ratelimit-remaining`.
    pub remaining: Option<u64>,
    /// `x-ratelimit-reset`, as a duration.
    pub reset: Option<Duration>,
}

impl RateLimit {
    /// Reads the `x-ratelimit-*` headers; absent or malformed ones are `None`.
    pub fn from_headers(headers: &HeaderMap) -> Self {
        RateLimit {
            limit: first_number(headers, LIMIT_HEADER),
            remaining: first_number(headers, REMAINING_HEADER),
            reset: first_number(headers, RESET_HEADER).map(Duration::from_secs),
        }
    }
}

fn first_number(headers: &HeaderMap, name: &str) -> Option<u64> {
    let text = headers.get(name)?.to_str().ok()?;
    let first = text.split([',', ';']).next()?.trim();
    first.parse().ok()
}

/// The wait an answer asks for: `Retry-After` (seconds or an HTTP date) when present,
/// otherwise, on a 429 only, `x-ratelimit-reset`.
pub fn retry_after(status: StatusCode, headers: &HeaderMap) -> Option<Duration> {
    if let Some(value) = headers
        .get(http::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
    {
        let value = value.trim();
        if let Ok(seconds) = value.parse::<u64>() {
            return Some(Duration::from_secs(seconds));
        }
        if let Ok(seconds) = value.parse::<f64>() {
            if seconds.is_finite() && seconds >= 0.0 {
                return Some(Duration::from_secs_f64(seconds.min(1e9)));
            }
        }
        if let Ok(when) = httpdate::parse_http_date(value) {
            return Some(
                when.duration_since(SystemTime::now())
                    .unwrap_or(Duration::ZERO),
            );
        }
    }
    if status == StatusCode::TOO_MANY_REQUESTS {
        return RateLimit::from_headers(headers).reset;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn reads_the_real_429_headers() {
        let h = headers(&[
            ("x-ratelimit-limit", "100, 100;w=86400, 100;w=86400"),
            ("x-ratelimit-remaining", "86"),
            ("x-ratelimit-reset", "56442"),
        ]);
        let rl = RateLimit::from_headers(&h);
        assert_eq!(rl.limit, Some(100));
        assert_eq!(rl.remaining, Some(86));
        assert_eq!(rl.reset, Some(Duration::from_secs(56442)));
        assert_eq!(
            retry_after(StatusCode::TOO_MANY_REQUESTS, &h),
            Some(Duration::from_secs(56442))
        );
        assert_eq!(retry_after(StatusCode::SERVICE_UNAVAILABLE, &h), None);
    }

    #[test]
    fn retry_after_wins_and_accepts_dates() {
        let h = headers(&[("retry-after", "3"), ("x-ratelimit-reset", "60")]);
        assert_eq!(
            retry_after(StatusCode::TOO_MANY_REQUESTS, &h),
            Some(Duration::from_secs(3))
        );
        let h = headers(&[("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT")]);
        assert_eq!(
            retry_after(StatusCode::SERVICE_UNAVAILABLE, &h),
            Some(Duration::ZERO)
        );
        let h = headers(&[("retry-after", "soon")]);
        assert_eq!(retry_after(StatusCode::SERVICE_UNAVAILABLE, &h), None);
    }
}
