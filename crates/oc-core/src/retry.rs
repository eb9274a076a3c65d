//! Retries as a tower layer: exponential backoff with full jitter, `Retry-After` and
//! `x-ratelimit-reset` honoured, caps on attempts and on total time, and no repeat of a
//! non-idempotent request that the service may have applied.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use futures::future::BoxFuture;
use http::StatusCode;
use tower::{Layer, Service, ServiceExt};

use crate::body::Body;
use crate::error::BoxError;
use crate::rate_limit;
use crate::transport::{classify, Failure};

/// Whether sending a request twice has the same effect as sending it once.
///
/// API crates mark increments, creates, uploads and publishes
/// [`Idempotency::NonIdempotent`] in the request's extensions. Such a request is retried
/// only after failures that prove it was not processed: a 429, or a connection that could
/// not be established. Every other failure goes back to the caller, and
/// [`crate::Error::may_have_been_applied`] tells whether it may have taken effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Idempotency {
    /// Safe to repeat (reads, puts of a whole value, deletes). The default.
    #[default]
    Idempotent,
    /// Not safe to repeat once the service may have seen it.
    NonIdempotent,
}

impl Idempotency {
    /// The idempotency a request was marked with (unmarked requests are idempotent).
    pub fn of<B>(request: &http::Request<B>) -> Self {
        request
            .extensions()
            .get::<Idempotency>()
            .copied()
            .unwrap_or_default()
    }

    /// Marks a request.
    pub fn mark<B>(self, request: &mut http::Request<B>) {
        request.extensions_mut().insert(self);
    }
}

/// The attempts of one call, counted by the retry layer when the request carries one in
/// its extensions (the tracing of a call does).
#[derive(Debug, Clone, Default)]
pub struct Attempts(Arc<AtomicU32>);

impl Attempts {
    /// How many attempts were made so far.
    pub fn get(&self) -> u32 {
        self.0.load(Ordering::Relaxed)
    }

    pub(crate) fn count<B>(request: &http::Request<B>) {
        if let Some(attempts) = request.extensions().get::<Attempts>() {
            attempts.0.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// Retry settings. The defaults: 5 attempts, backoff from 250 ms up to 20 s, 60 s in all.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryConfig {
    /// Attempts in all, the first included (1 turns retrying off).
    pub max_attempts: u32,
    /// The backoff ceiling of the first retry; it doubles on each retry.
    pub initial_backoff: Duration,
    /// The largest backoff ceiling.
    pub max_backoff: Duration,
    /// No retry starts when its wait would end later than this after the first attempt
    /// began; the last answer is returned instead.
    pub max_elapsed: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig {
            max_attempts: 5,
            initial_backoff: Duration::from_millis(250),
            max_backoff: Duration::from_secs(20),
            max_elapsed: Duration::from_secs(60),
        }
    }
}

impl RetryConfig {
    /// No retries at all.
    pub fn disabled() -> Self {
        RetryConfig {
            max_attempts: 1,
            ..RetryConfig::default()
        }
    }

    /// Sets [`RetryConfig::max_attempts`].
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Sets the backoff range.
    pub fn with_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max.max(initial);
        self
    }

    /// Sets [`RetryConfig::max_elapsed`].
    pub fn with_max_elapsed(mut self, total: Duration) -> Self {
        self.max_elapsed = total;
        self
    }

    /// The full-jitter backoff before retry number `retry` (1-based): a uniformly random
    /// wait between zero and `min(max_backoff, initial_backoff * 2^(retry-1))`.
    pub fn backoff(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry.saturating_sub(1).min(30));
        let ceiling = self
            .initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff);
        ceiling.mul_f64(fastrand::f64())
    }
}

/// The layer that adds [`Retry`].
#[derive(Debug, Clone, Default)]
pub struct RetryLayer {
    config: Arc<RetryConfig>,
}

impl RetryLayer {
    /// A layer with these settings.
    pub fn new(config: RetryConfig) -> Self {
        RetryLayer {
            config: Arc::new(config),
        }
    }
}

impl<S> Layer<S> for RetryLayer {
    type Service = Retry<S>;

    fn layer(&self, inner: S) -> Retry<S> {
        Retry {
            inner,
            config: Arc::clone(&self.config),
        }
    }
}

/// The retrying service: see [`RetryLayer`].
#[derive(Debug, Clone)]
pub struct Retry<S> {
    inner: S,
    config: Arc<RetryConfig>,
}

/// What to do after an attempt.
pub(crate) enum Verdict {
    Done,
    /// Retry, after the wait the service asked for if it asked for one.
    Again(Option<Duration>),
}

pub(crate) fn verdict(
    result: &Result<http::Response<Body>, BoxError>,
    idempotency: Idempotency,
) -> Verdict {
    let idempotent = idempotency == Idempotency::Idempotent;
    match result {
        Ok(response) => {
            let status = response.status();
            let asked = rate_limit::retry_after(status, response.headers());
            match status {
                StatusCode::TOO_MANY_REQUESTS => Verdict::Again(asked),
                StatusCode::INTERNAL_SERVER_ERROR
                | StatusCode::BAD_GATEWAY
                | StatusCode::SERVICE_UNAVAILABLE
                | StatusCode::GATEWAY_TIMEOUT
                    if idempotent =>
                {
                    Verdict::Again(asked)
                }
                _ => Verdict::Done,
            }
        }
        Err(error) => match classify(error) {
            Failure::Connect => Verdict::Again(None),
            Failure::Timeout | Failure::Other if idempotent => Verdict::Again(None),
            _ => Verdict::Done,
        },
    }
}

impl<S> Service<http::Request<Body>> for Retry<S>
where
    S: Service<http::Request<Body>, Response = http::Response<Body>, Error = BoxError>
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
{
    type Response = http::Response<Body>;
    type Error = BoxError;
    type Future = BoxFuture<'static, Result<http::Response<Body>, BoxError>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<Body>) -> Self::Future {
        // The clone that was driven to readiness serves the first attempt.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let config = Arc::clone(&self.config);
        if config.max_attempts <= 1 || !request.body().is_replayable() {
            // Nothing to retry with: send it as it is, without keeping a copy.
            Attempts::count(&request);
            return Box::pin(inner.call(request));
        }
        Box::pin(async move {
            let started = Instant::now();
            let idempotency = Idempotency::of(&request);
            let (parts, body) = request.into_parts();
            let mut template = Some(body);
            let mut attempt = 1u32;
            let mut first = true;
            loop {
                let (body, replayable) = match template.as_ref().and_then(Body::try_clone) {
                    Some(copy) => (copy, true),
                    None => (template.take().unwrap_or_default(), false),
                };
                let request = http::Request::from_parts(parts.clone(), body);
                Attempts::count(&request);
                let result = if first {
                    first = false;
                    inner.call(request).await
                } else {
                    inner.ready().await?.call(request).await
                };
                let wait = match verdict(&result, idempotency) {
                    Verdict::Again(asked) if replayable && attempt < config.max_attempts => {
                        asked.unwrap_or_else(|| config.backoff(attempt))
                    }
                    _ => return result,
                };
                if started.elapsed().saturating_add(wait) > config.max_elapsed {
                    return result;
                }
                #[cfg(feature = "tracing")]
                tracing::info!(
                    attempt,
                    wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
                    cause = %Cause(&result),
                    "retrying the request"
                );
                tokio::time::sleep(wait).await;
                attempt += 1;
            }
        })
    }
}

/// Why an attempt is retried, for tracing: the status, or the kind of failure (never a
/// body or a header).
#[cfg(feature = "tracing")]
pub(crate) struct Cause<'a>(pub(crate) &'a Result<http::Response<Body>, BoxError>);

#[cfg(feature = "tracing")]
impl std::fmt::Display for Cause<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Ok(response) => write!(f, "status {}", response.status().as_u16()),
            Err(error) => match classify(error) {
                Failure::Connect => f.write_str("could not connect"),
                Failure::Timeout => f.write_str("attempt timed out"),
                Failure::Fatal | Failure::Other => f.write_str("connection failed"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16) -> Result<http::Response<Body>, BoxError> {
        let mut response = http::Response::new(Body::empty());
        *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::IM_A_TEAPOT);
        Ok(response)
    }

    #[test]
    fn idempotent_requests_retry_on_5xx_and_429() {
        for status in [429, 500, 502, 503, 504] {
            assert!(matches!(
                verdict(&answer(status), Idempotency::Idempotent),
                Verdict::Again(_)
            ));
        }
        for status in [200, 400, 401, 403, 404, 409, 412, 501] {
            assert!(matches!(
                verdict(&answer(status), Idempotency::Idempotent),
                Verdict::Done
            ));
        }
    }

    #[test]
    fn non_idempotent_requests_retry_only_when_not_processed() {
        let non = Idempotency::NonIdempotent;
        assert!(matches!(verdict(&answer(429), non), Verdict::Again(_)));
        for status in [500, 502, 503, 504] {
            assert!(matches!(verdict(&answer(status), non), Verdict::Done));
        }
        let lost: Result<_, BoxError> = Err("connection reset".into());
        assert!(matches!(verdict(&lost, non), Verdict::Done));
        assert!(matches!(
            verdict(&lost, Idempotency::Idempotent),
            Verdict::Again(_)
        ));
        let refused: Result<_, BoxError> = Err(Box::new(std::io::Error::from(
            std::io::ErrorKind::ConnectionRefused,
        )));
        assert!(matches!(verdict(&refused, non), Verdict::Again(_)));
        let timeout: Result<_, BoxError> = Err(Box::new(crate::Error::Timeout {
            after: Duration::from_secs(1),
        }));
        assert!(matches!(verdict(&timeout, non), Verdict::Done));
    }

    #[test]
    fn retry_after_is_taken_from_the_answer() {
        let mut response = http::Response::new(Body::empty());
        *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
        response
            .headers_mut()
            .insert("retry-after", http::HeaderValue::from_static("2"));
        match verdict(&Ok(response), Idempotency::NonIdempotent) {
            Verdict::Again(Some(wait)) => assert_eq!(wait, Duration::from_secs(2)),
            _ => panic!("expected a retry after 2 s"),
        }
    }

    #[test]
    fn backoff_is_full_jitter_under_a_doubling_cap() {
        let config =
            RetryConfig::default().with_backoff(Duration::from_millis(100), Duration::from_secs(1));
        for retry in 1..=10 {
            let ceiling =
                Duration::from_millis(100 * 2u64.pow(retry - 1)).min(Duration::from_secs(1));
            for _ in 0..50 {
                assert!(config.backoff(retry) <= ceiling);
            }
        }
        let spread: std::collections::HashSet<_> = (0..20).map(|_| config.backoff(3)).collect();
        assert!(spread.len() > 1, "jitter must vary the wait");
    }
}
