//! MessagingService v1 (<https://create.roblox.com/docs/cloud/guides/usage-messaging>):
//! `POST /messaging-service/v1/universes/{universeId}/topics/{topic}` with
//! `{"message":"…"}`; 200 with an empty body. The v2 `:publishMessage` of the universes
//! API records into the same log.

mod config;
mod handle;
mod publish_message;
mod state;

use http::header::CONTENT_TYPE;
use http::{HeaderMap, Method, StatusCode};
use serde_json::{json, Value};

pub use config::MessagingConfig;
use state::Messages;
pub use state::PublishedMessage;

use crate::gateway::auth::Access;
use crate::gateway::control::CONTROL;
use crate::gateway::error_bodies::{self, ErrorShape};
use crate::gateway::rate_limit::{Limit, Per};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::{Ctx, Handler, Route};
use crate::gateway::state::State;

/// Sets the area's state up.
pub(crate) fn seed(config: &MessagingConfig, state: &State) {
    state.areas.insert(Messages::new(config));
}

/// The longest message, in characters (not bytes).
const MAX_MESSAGE_CHARS: usize = 1024;
/// The longest topic, in characters.
const MAX_TOPIC_CHARS: usize = 80;

/// The messaging routes.
pub(crate) const ROUTES: &[Route] = &[PUBLISH, publish_message::PUBLISH_MESSAGE, MESSAGES];

/// Publish a message.
const PUBLISH: Route = Route {
    name: "messaging.publish",
    method: Method::POST,
    path: "/messaging-service/v1/universes/{universeId}/topics/{topic}",
    access: Access::ApiKeyOrOAuth {
        scope: "universe-messaging-service:publish",
    },
    universe_param: Some("universeId"),
    shape: ErrorShape::Gateway,
    // 5000/min per API-key owner (and per OAuth authorization), 10000/min per IP
    // (https://create.roblox.com/docs/cloud/reference/rate-limits).
    limits: &[
        Limit {
            bucket: "messaging.publish",
            per: Per::Credential,
            per_minute: |c| c.messaging_publish_per_owner,
        },
        Limit {
            bucket: "messaging.publish",
            per: Per::Ip,
            per_minute: |c| c.messaging_publish_per_ip,
        },
    ],
    max_body: 64 * 1024,
    handler: Handler::Buffered(publish),
};

/// The messages published so far: an **emulator-only extension that Roblox does not
/// have** (see [`crate::gateway::control`]).
const MESSAGES: Route = Route {
    name: "emulator.messaging.messages",
    method: Method::GET,
    path: "/_emulator/v1/messaging/messages",
    access: CONTROL,
    universe_param: None,
    shape: ErrorShape::Gateway,
    limits: &[],
    max_body: 0,
    handler: Handler::Buffered(messages),
};

fn messages(ctx: &Ctx<'_>) -> Reply {
    let messages: Vec<Value> = ctx
        .area::<Messages>()
        .all()
        .into_iter()
        .map(|m| json!({"universeId": m.universe_id, "topic": m.topic, "message": m.message}))
        .collect();
    responses::json(StatusCode::OK, &json!({ "messages": messages }))
}

fn publish(ctx: &Ctx<'_>) -> Reply {
    if !is_json(ctx.headers) {
        // ASP.NET refuses a body it has no input formatter for with a 415 ProblemDetails
        // before the action runs (inferred; the OpenAPI lists the accepted types).
        return error_bodies::problem_details(StatusCode::UNSUPPORTED_MEDIA_TYPE, None);
    }
    let message = match parse_body(&ctx.body) {
        Ok(message) => message,
        Err(errors) => return error_bodies::problem_details(StatusCode::BAD_REQUEST, Some(errors)),
    };
    if message.chars().count() > MAX_MESSAGE_CHARS {
        // The text body a real oversized message got (inferred from a captured response).
        return responses::text(
            StatusCode::BAD_REQUEST,
            "requestMessage cannot be longer than 1024 characters. (Parameter 'requestMessage')",
        );
    }
    // The answers to an empty or over-long topic are not documented (inferred): these
    // follow the form of the message error above.
    let Some(topic) = ctx.param("topic") else {
        return responses::text(
            StatusCode::BAD_REQUEST,
            "topic is not valid UTF-8. (Parameter 'topic')",
        );
    };
    if topic.is_empty() {
        return responses::text(
            StatusCode::BAD_REQUEST,
            "topic cannot be empty. (Parameter 'topic')",
        );
    }
    if topic.chars().count() > MAX_TOPIC_CHARS {
        return responses::text(
            StatusCode::BAD_REQUEST,
            "topic cannot be longer than 80 characters. (Parameter 'topic')",
        );
    }
    let universe_id = ctx.universe.unwrap_or_default();
    if !ctx.state.world.has_universe(universe_id) {
        // Not documented; a 404 in the gateway shape is inferred.
        return error_bodies::gateway(StatusCode::NOT_FOUND, "The universe does not exist.");
    }
    ctx.area::<Messages>().push(PublishedMessage {
        universe_id,
        topic,
        message,
    });
    responses::empty(StatusCode::OK)
}

/// Whether the content type is one the OpenAPI lists: `application/json`,
/// `application/json-patch+json`, `text/json` or `application/*+json`, with any parameters.
fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let essence = value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match essence.split_once('/') {
        Some(("application", "json")) | Some(("text", "json")) => true,
        Some(("application", subtype)) => {
            subtype.len() > "+json".len() && subtype.ends_with("+json")
        }
        _ => false,
    }
}

/// The message of a `PublishRequest` (`{"message": string}`, no other property), or the
/// ASP.NET validation errors (inferred wording).
fn parse_body(body: &[u8]) -> Result<String, Value> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(json!({ "": ["A non-empty request body is required."] }));
    }
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| json!({ "$": [format!("The JSON value is not valid: {e}.")] }))?;
    let Value::Object(object) = value else {
        return Err(json!({ "$": ["The JSON value could not be converted to PublishRequest."] }));
    };
    if let Some(extra) = object.keys().find(|k| *k != "message") {
        return Err(json!({ format!("$.{extra}"): [format!(
            "The JSON property '{extra}' could not be mapped to any .NET member contained in type 'PublishRequest'."
        )] }));
    }
    match object.get("message") {
        Some(Value::String(message)) => Ok(message.clone()),
        Some(_) => {
            Err(json!({ "$.message": ["The JSON value could not be converted to System.String."] }))
        }
        None => Err(json!({ "message": ["The message field is required."] })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn with_type(content_type: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
        headers
    }

    #[test]
    fn json_content_types_are_accepted() {
        for accepted in [
            "application/json",
            "application/json; charset=utf-8",
            "Application/JSON",
            "text/json",
            "application/json-patch+json",
            "application/merge-patch+json",
        ] {
            assert!(is_json(&with_type(accepted)), "{accepted}");
        }
        for refused in [
            "text/plain",
            "application/x-www-form-urlencoded",
            "application/+json",
            "json",
        ] {
            assert!(!is_json(&with_type(refused)), "{refused}");
        }
        assert!(!is_json(&HeaderMap::new()));
    }

    #[test]
    fn the_body_is_exactly_one_string_message() {
        assert_eq!(parse_body(br#"{"message":"hi"}"#), Ok("hi".to_owned()));
        for bad in [
            &br#"{"message":"hi","x":1}"#[..],
            br#"{"message":1}"#,
            b"{}",
            b"[]",
            b"{",
            b"",
        ] {
            assert!(parse_body(bad).is_err(), "{}", String::from_utf8_lossy(bad));
        }
    }
}
