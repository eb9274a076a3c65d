//! Tracing of calls (feature `tracing`): one span per call, named `open_cloud.call`, with
//! the API area, the operation, the method, the path, the status, the number of attempts
//! and the duration; the retry layer adds an event per retry with its wait and cause.
//!
//! Never recorded: credentials, tokens, query strings, headers and bodies.

use std::time::Instant;

use bytes::Bytes;
use tracing::field::Empty;
use tracing::Instrument;

use crate::body::Body;
use crate::client::Client;
use crate::direct::Call;
use crate::error::{Error, Result};
use crate::retry::Attempts;

/// Sends a prepared request within a span describing the call.
pub(crate) async fn call(
    client: &Client,
    mut request: http::Request<Body>,
    call: Call<'_>,
    area: &'static str,
    operation: &'static str,
) -> Result<http::Response<Bytes>> {
    let attempts = Attempts::default();
    request.extensions_mut().insert(attempts.clone());
    let span = tracing::info_span!(
        "open_cloud.call",
        area,
        operation,
        method = %request.method(),
        path = request.uri().path(),
        status = Empty,
        attempts = Empty,
        duration_ms = Empty,
        error = Empty,
    );
    let started = Instant::now();
    let result = client
        .round_trip(request, call)
        .instrument(span.clone())
        .await;
    span.record("attempts", attempts.get());
    span.record(
        "duration_ms",
        u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
    );
    match &result {
        Ok(response) => {
            span.record("status", response.status().as_u16());
        }
        Err(error) => {
            if let Some(status) = error.status() {
                span.record("status", status.as_u16());
            }
            span.record("error", kind(error));
        }
    }
    result
}

/// The kind of a failure, without its message (which may quote the service's body).
fn kind(error: &Error) -> &'static str {
    match error {
        Error::InvalidInput(_) => "invalid_input",
        Error::Unauthorized(_) => "unauthorized",
        Error::Forbidden(_) => "forbidden",
        Error::InsufficientScope { .. } => "insufficient_scope",
        Error::NotFound(_) => "not_found",
        Error::PreconditionFailed(_) => "precondition_failed",
        Error::Conflict(_) => "conflict",
        Error::RateLimited { .. } => "rate_limited",
        Error::ServiceUnavailable(_) => "service_unavailable",
        Error::Api(_) => "api",
        Error::Transport { .. } => "transport",
        Error::Timeout { .. } => "timeout",
        Error::Decode { .. } => "decode",
        Error::Pagination(_) => "pagination",
        Error::Area(_) => "area",
    }
}
