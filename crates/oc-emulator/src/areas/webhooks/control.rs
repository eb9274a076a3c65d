//! The sender's control route: an **emulator-only extension that Roblox does not have**
//! (see [`crate::gateway::control`]). A program that reaches the emulator only by URL has
//! it deliver a notification to a receiver, as
//! [`EmulatorHandle::send_webhook`](crate::EmulatorHandle::send_webhook) does.

use http::{Method, StatusCode};
use http_body_util::{BodyExt, Limited};
use serde::Deserialize;
use serde_json::json;

use super::config::{WebhookConfig, WebhookEvent};
use super::sender;
use crate::gateway::body::RequestBody;
use crate::gateway::control::{CONTROL, MAX_CONTROL_BODY};
use crate::gateway::error_bodies::{self, ErrorShape};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::{Ctx, Handler, Route, StreamReply};

/// Delivers one notification and answers with the delivery and its attempts, once it is
/// delivered or out of retries. The body: `{"target": {"url": …, "secret": …, "retries":
/// …, "timeout_ms": …, "retry_interval_ms": …}, "event": {"event": "SampleNotification",
/// "user": 3000}}` (the fields of a `[[webhooks]]` entry and of its `send` list).
pub(super) const SEND: Route = Route {
    name: "emulator.webhooks.send",
    method: Method::POST,
    path: "/_emulator/v1/webhooks/send",
    access: CONTROL,
    universe_param: None,
    shape: ErrorShape::Gateway,
    limits: &[],
    max_body: MAX_CONTROL_BODY,
    // Streaming only to await the delivery; the body is small and read whole.
    handler: Handler::Streaming(send),
};

/// The most retries a control request may ask for.
const MAX_RETRIES: u32 = 10;
/// The longest timeout or retry interval a control request may ask for, in milliseconds.
const MAX_WAIT_MS: u64 = 60_000;

/// The body of a send request.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SendRequest {
    target: WebhookConfig,
    event: WebhookEvent,
}

/// Parses and checks a send request's body; the answer to a bad one.
// A refusal is the answer itself; it is built once per request, so its size is no cost.
#[allow(clippy::result_large_err)]
pub(crate) fn parse_send_request(bytes: &[u8]) -> Result<SendRequest, Reply> {
    let request: SendRequest = serde_json::from_slice(bytes).map_err(|e| {
        error_bodies::gateway(
            StatusCode::BAD_REQUEST,
            &format!("not a webhook send request: {e}"),
        )
    })?;
    if let Err(e) = request.target.validate() {
        return Err(error_bodies::gateway(
            StatusCode::BAD_REQUEST,
            &e.to_string(),
        ));
    }
    let target = &request.target;
    if target.retries > MAX_RETRIES
        || target.timeout_ms > MAX_WAIT_MS
        || target.retry_interval_ms > MAX_WAIT_MS
    {
        // Bounded so that one request cannot hold a delivery open for hours.
        return Err(error_bodies::gateway(
            StatusCode::BAD_REQUEST,
            &format!(
                "at most {MAX_RETRIES} retries, and timeout_ms and retry_interval_ms of at \
                 most {MAX_WAIT_MS}"
            ),
        ));
    }
    Ok(request)
}

fn send(ctx: Ctx<'_>, body: RequestBody) -> StreamReply<'_> {
    Box::pin(async move {
        let bytes = match Limited::new(body, MAX_CONTROL_BODY).collect().await {
            Ok(collected) => collected.to_bytes(),
            Err(_) => {
                return error_bodies::gateway(
                    StatusCode::BAD_REQUEST,
                    "The body could not be read or is too large.",
                )
            }
        };
        let request = match parse_send_request(&bytes) {
            Ok(request) => request,
            Err(reply) => return reply,
        };
        let delivery = sender::deliver(ctx.state, &request.target, &request.event).await;
        let attempts: Vec<_> = delivery
            .attempts
            .iter()
            .map(|a| {
                json!({
                    "signature": a.signature,
                    "status": a.status,
                    "error": a.error,
                    "elapsedMs": a.elapsed.as_millis() as u64,
                })
            })
            .collect();
        responses::json(
            StatusCode::OK,
            &json!({
                "notificationId": delivery.notification_id,
                "url": delivery.url,
                "eventType": delivery.event_type,
                "delivered": delivery.delivered,
                "attempts": attempts,
            }),
        )
    })
}
