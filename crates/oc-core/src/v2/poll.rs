//! Waiting on something the service finishes later (a long-running operation, a Luau
//! task): poll at once, then with a growing pause, until done or out of time
//! (<https://create.roblox.com/docs/cloud/reference/patterns#long-running-operations>).

use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;

use crate::error::{Error, Result};

/// The shortest pause between two polls, whatever the configuration: a wait never polls
/// in a tight loop.
pub const MIN_INTERVAL: Duration = Duration::from_millis(10);

/// How a wait polls: at once, then after [`first_interval`](PollConfig::first_interval),
/// doubling each time up to [`max_interval`](PollConfig::max_interval). The default
/// starts at one second and stops growing at 30 s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct PollConfig {
    /// The pause after the first poll.
    pub first_interval: Duration,
    /// The longest pause.
    pub max_interval: Duration,
}

impl Default for PollConfig {
    fn default() -> Self {
        PollConfig {
            first_interval: Duration::from_secs(1),
            max_interval: Duration::from_secs(30),
        }
    }
}

impl PollConfig {
    /// Sets the pause after the first poll (at least [`MIN_INTERVAL`]).
    pub fn with_first_interval(mut self, interval: Duration) -> Self {
        self.first_interval = interval.max(MIN_INTERVAL);
        self.max_interval = self.max_interval.max(self.first_interval);
        self
    }

    /// Sets the longest pause (at least the first one).
    pub fn with_max_interval(mut self, interval: Duration) -> Self {
        self.max_interval = interval.max(self.first_interval);
        self
    }
}

/// Calls `poll` until it gives `Some`, for at most `timeout`: at once, then after each
/// pause of `config`. A 429 ([`Error::RateLimited`]) pauses at least its `Retry-After` and
/// polls again; any other error ends the wait. Gives [`Error::Timeout`] when the next poll
/// would start after `timeout` (a 429 then gives the 429 itself).
pub async fn poll_until<T, F, Fut>(timeout: Duration, config: PollConfig, mut poll: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Option<T>>>,
{
    let start = Instant::now();
    let mut interval = config.first_interval.max(MIN_INTERVAL);
    let max_interval = config.max_interval.max(interval);
    loop {
        let pause = match poll().await {
            Ok(Some(done)) => return Ok(done),
            Ok(None) => interval,
            Err(error @ Error::RateLimited { .. }) => {
                let pause = error.retry_after().unwrap_or(interval).max(interval);
                if start.elapsed() + pause > timeout {
                    return Err(error);
                }
                pause
            }
            Err(error) => return Err(error),
        };
        if start.elapsed() + pause > timeout {
            return Err(Error::Timeout { after: timeout });
        }
        tokio::time::sleep(pause).await;
        interval = interval.saturating_mul(2).min(max_interval);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[tokio::test(start_paused = true)]
    async fn polls_back_off_and_stop_when_done_or_out_of_time() {
        let polls = AtomicU32::new(0);
        let started = tokio::time::Instant::now();
        let done = poll_until(Duration::from_secs(60), PollConfig::default(), || async {
            let n = polls.fetch_add(1, Ordering::SeqCst) + 1;
            Ok((n == 4).then_some(n))
        })
        .await;
        assert_eq!(done.ok(), Some(4));
        // At once, then after 1, 2 and 4 s.
        assert_eq!(started.elapsed(), Duration::from_secs(7));

        let polls = AtomicU32::new(0);
        let never = poll_until(Duration::from_secs(10), PollConfig::default(), || async {
            polls.fetch_add(1, Ordering::SeqCst);
            Ok(None::<()>)
        })
        .await;
        assert!(matches!(never, Err(Error::Timeout { .. })));
        // 0, 1, 3, 7 s; the next would be at 15 s.
        assert_eq!(polls.load(Ordering::SeqCst), 4);
    }

    #[tokio::test(start_paused = true)]
    async fn a_zero_interval_is_raised_to_the_minimum() {
        let config = PollConfig::default().with_first_interval(Duration::ZERO);
        assert_eq!(config.first_interval, MIN_INTERVAL);
        let polls = AtomicU32::new(0);
        let started = tokio::time::Instant::now();
        let _ = poll_until(Duration::from_secs(1), config, || async {
            polls.fetch_add(1, Ordering::SeqCst);
            Ok(None::<()>)
        })
        .await;
        assert!(polls.load(Ordering::SeqCst) <= 8);
        assert!(started.elapsed() <= Duration::from_secs(1));
    }

    fn rate_limited(retry_after: &str) -> Error {
        let mut headers = http::HeaderMap::new();
        if let Ok(value) = http::HeaderValue::from_str(retry_after) {
            headers.insert(http::header::RETRY_AFTER, value);
        }
        Error::from_api(crate::ApiError::from_parts(
            http::StatusCode::TOO_MANY_REQUESTS,
            headers,
            bytes::Bytes::new(),
        ))
    }

    #[tokio::test(start_paused = true)]
    async fn a_429_waits_its_retry_after_and_polls_again() {
        let polls = AtomicU32::new(0);
        let started = tokio::time::Instant::now();
        let done = poll_until(Duration::from_secs(60), PollConfig::default(), || async {
            match polls.fetch_add(1, Ordering::SeqCst) {
                0 => Ok(None),
                1 => Err(rate_limited("5")),
                _ => Ok(Some("done")),
            }
        })
        .await;
        assert_eq!(done.ok(), Some("done"));
        // At once, after 1 s, then the 429's 5 s rather than the 2 s of the backoff.
        assert_eq!(started.elapsed(), Duration::from_secs(6));

        // A 429 whose wait runs past the timeout ends the wait with the 429 itself.
        let late = poll_until(Duration::from_secs(3), PollConfig::default(), || async {
            Err::<Option<()>, _>(rate_limited("10"))
        })
        .await;
        assert!(matches!(late, Err(Error::RateLimited { .. })));

        // Any other failure ends the wait at once.
        let polls = AtomicU32::new(0);
        let gone = poll_until(Duration::from_secs(60), PollConfig::default(), || async {
            polls.fetch_add(1, Ordering::SeqCst);
            Err::<Option<()>, _>(Error::from_api(crate::ApiError::from_parts(
                http::StatusCode::NOT_FOUND,
                http::HeaderMap::new(),
                bytes::Bytes::new(),
            )))
        })
        .await;
        assert!(gone.is_err_and(|e| e.is_not_found()));
        assert_eq!(polls.load(Ordering::SeqCst), 1);
    }
}
