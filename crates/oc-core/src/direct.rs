//! The stack of a client without layers of the caller's: the retries and the deadlines
//! run inline in the call's own future, over the transport, with no boxed service or
//! future per layer and one timer at a time.
//!
//! It behaves as the layered stack does ([`crate::retry::Retry`] over the per-attempt
//! deadline, within the call's deadline): the same verdicts, waits, caps, size limit and
//! errors. The call's deadline is folded into each attempt's timer and each wait's, so a
//! call holds one timer instead of two.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures::FutureExt;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use tokio::time::Instant;
use tower::ServiceExt;

use crate::body::Body;
use crate::error::{BoxError, Error};
use crate::retry::{verdict, Attempts, Idempotency, RetryConfig, Verdict};
use crate::transport::{HyperClient, Transport};

/// Where attempts go.
#[derive(Clone)]
pub(crate) enum Conn {
    /// The default transport, called directly.
    Hyper(Arc<HyperClient>),
    /// A transport of the caller's.
    Service(Transport),
}

/// Retries and deadlines, inline.
#[derive(Clone)]
pub(crate) struct Direct {
    pub(crate) conn: Conn,
    pub(crate) retry: RetryConfig,
    pub(crate) timeout: Option<Duration>,
    pub(crate) call_timeout: Option<Duration>,
    pub(crate) max_response_bytes: usize,
}

/// How far off an attempt's timer is set when neither the attempt nor the call has a
/// deadline: about thirty years.
const NO_DEADLINE: Duration = Duration::from_secs(30 * 365 * 24 * 60 * 60);

/// How a call ended early: its own deadline passed.
struct CallTimedOut;

/// Builds a call's request again, for a retry: an endpoint's request is rebuilt from its
/// inputs (no I/O) rather than copied up front on every call in case a retry needs it.
pub(crate) type Rebuild<'a> = dyn Fn() -> Result<http::Request<Body>, Error> + Send + Sync + 'a;

/// What a call passes beside its request.
#[derive(Clone, Copy, Default)]
pub(crate) struct Call<'a> {
    /// Builds the request again for a retry (an endpoint's call); `None`: a copy of the
    /// request is kept for retries.
    pub(crate) rebuild: Option<&'a Rebuild<'a>>,
    /// The request's idempotency, when it is not marked in its extensions (an endpoint's
    /// call through this stack: no layer of the caller's reads the mark).
    pub(crate) idempotency: Option<Idempotency>,
}

/// The requests of a call's attempts after the first.
enum Source<'a> {
    /// None: the first attempt is the only one.
    Once,
    /// Rebuilt by the endpoint, with the first request's attempt counter.
    Rebuild(&'a Rebuild<'a>, Option<Attempts>),
    /// Copied from the first request's head and a copy of its body (boxed: raw requests
    /// only, and the enum stays small).
    Template(Box<(http::request::Parts, Option<Body>)>),
}

impl Source<'_> {
    /// The next attempt's request and whether it could be made again (`None`: none can
    /// be made, the last answer stands).
    fn next(&mut self) -> Option<(http::Request<Body>, bool)> {
        match self {
            Source::Once => None,
            Source::Rebuild(rebuild, attempts) => {
                let mut request = rebuild().ok()?;
                if let Some(attempts) = attempts {
                    request.extensions_mut().insert(attempts.clone());
                }
                let replayable = request.body().is_replayable();
                Some((request, replayable))
            }
            Source::Template(template) => {
                let (parts, template) = &mut **template;
                let (body, replayable) = match template.as_ref().and_then(Body::try_clone) {
                    Some(copy) => (copy, true),
                    None => (template.take()?, false),
                };
                Some((http::Request::from_parts(parts.clone(), body), replayable))
            }
        }
    }
}

impl Direct {
    /// Sends `request` with the retries, the attempt timeout and the call's deadline; the
    /// answer's body is in memory.
    ///
    /// A retry's request comes from `rebuild` when there is one, else from a copy of the
    /// first request kept for it.
    pub(crate) async fn send(
        &self,
        request: http::Request<Body>,
        call: Call<'_>,
    ) -> Result<Result<http::Response<Body>, BoxError>, Error> {
        let now = Instant::now();
        let call_deadline = self.call_timeout.map(|after| now + after);
        let timed_out = |_: CallTimedOut| Error::Timeout {
            after: self.call_timeout.unwrap_or_default(),
        };
        let started = now.into_std();
        let (mut request, mut replayable, mut source) =
            if self.retry.max_attempts <= 1 || !request.body().is_replayable() {
                // Nothing to retry with: send it as it is, without keeping a copy.
                (request, false, Source::Once)
            } else {
                match call.rebuild {
                    // The first request is sent as it is; a retry rebuilds its own.
                    Some(rebuild) => {
                        let attempts = request.extensions().get::<Attempts>().cloned();
                        (request, true, Source::Rebuild(rebuild, attempts))
                    }
                    None => {
                        let (parts, body) = request.into_parts();
                        let mut source = Source::Template(Box::new((parts, Some(body))));
                        match source.next() {
                            Some((request, replayable)) => (request, replayable, source),
                            // Not reached: a template always yields its first request.
                            None => return Err(Error::decode("no request to send", None)),
                        }
                    }
                }
            };
        let idempotency = call
            .idempotency
            .unwrap_or_else(|| Idempotency::of(&request));
        let mut attempt = 1u32;
        let mut attempt_start = now;
        loop {
            Attempts::count(&request);
            let result = self
                .attempt(request, attempt_start, call_deadline)
                .await
                .map_err(timed_out)?;
            let wait = match verdict(&result, idempotency) {
                Verdict::Again(asked) if replayable && attempt < self.retry.max_attempts => {
                    asked.unwrap_or_else(|| self.retry.backoff(attempt))
                }
                _ => return Ok(result),
            };
            if started.elapsed().saturating_add(wait) > self.retry.max_elapsed {
                return Ok(result);
            }
            #[cfg(feature = "tracing")]
            tracing::info!(
                attempt,
                wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
                cause = %crate::retry::Cause(&result),
                "retrying the request"
            );
            let wake = Instant::now() + wait;
            match call_deadline {
                Some(deadline) if deadline <= wake => {
                    tokio::time::sleep_until(deadline).await;
                    return Err(timed_out(CallTimedOut));
                }
                _ => tokio::time::sleep_until(wake).await,
            }
            (request, replayable) = match source.next() {
                Some(next) => next,
                None => return Ok(result),
            };
            attempt += 1;
            attempt_start = Instant::now();
        }
    }

    /// One attempt, begun at `start`, within its timeout and the call's deadline,
    /// whichever comes first.
    ///
    /// A plain function returning a combinator rather than an `async fn`: every call's
    /// future holds this one, and a layer of `async` state would add the request's copy
    /// and a move of the whole on each call.
    fn attempt(
        &self,
        request: http::Request<Body>,
        start: Instant,
        call_deadline: Option<Instant>,
    ) -> impl Future<Output = Result<Result<http::Response<Body>, BoxError>, CallTimedOut>> + Send + '_
    {
        let attempt_deadline = self.timeout.map(|after| start + after);
        let deadline = match (attempt_deadline, call_deadline) {
            (Some(attempt), Some(call)) => attempt.min(call),
            (Some(deadline), None) | (None, Some(deadline)) => deadline,
            // No deadline at all (not the default): a timer that never fires in practice.
            (None, None) => start + NO_DEADLINE,
        };
        let call_first = call_deadline.is_some_and(|call| call <= deadline);
        let timeout = self.timeout.unwrap_or_default();
        tokio::time::timeout_at(deadline, self.exchange(request)).map(move |result| match result {
            Ok(result) => Ok(result),
            Err(_) if call_first => Err(CallTimedOut),
            Err(_) => Ok(Err(BoxError::from(Error::Timeout { after: timeout }))),
        })
    }

    /// The exchange of one attempt: the answer with its body read into memory.
    async fn exchange(
        &self,
        request: http::Request<Body>,
    ) -> Result<http::Response<Body>, BoxError> {
        let max = self.max_response_bytes;
        match &self.conn {
            Conn::Hyper(client) => {
                let (parts, body) = client.request(request).await?.into_parts();
                let bytes = read_limited(&parts, body, max).await?;
                Ok(http::Response::from_parts(parts, Body::full(bytes)))
            }
            Conn::Service(transport) => {
                let (parts, body) = transport.clone().oneshot(request).await?.into_parts();
                let bytes = read_limited(&parts, body, max).await?;
                Ok(http::Response::from_parts(parts, Body::full(bytes)))
            }
        }
    }
}

/// Reads a body of at most `max` bytes. A larger success answer is a decode error; a
/// larger error answer keeps its status and loses its body.
pub(crate) async fn read_limited<B>(
    parts: &http::response::Parts,
    body: B,
    max: usize,
) -> Result<Bytes, BoxError>
where
    B: http_body::Body<Data = Bytes>,
    B::Error: Into<BoxError>,
{
    match Limited::new(body, max).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        // An error answer keeps its status: its body is dropped, not the error.
        Err(e) if e.is::<LengthLimitError>() && !parts.status.is_success() => Ok(Bytes::new()),
        Err(e) if e.is::<LengthLimitError>() => Err(BoxError::from(Error::decode(
            format!("the response body is larger than {max} bytes"),
            Some(e),
        ))),
        Err(e) => Err(e),
    }
}
