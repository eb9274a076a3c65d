//! MessagingService through Open Cloud v2
//! (<https://create.roblox.com/docs/cloud/reference/features/universes>):
//! `POST /cloud/v2/universes/{universe_id}:publishMessage` with
//! `{"topic":"…","message":"…"}`; 200 with an empty body. It records into the same log as
//! the v1 publish.

use http::{Method, StatusCode};
use serde_json::Value;

use super::state::{Messages, PublishedMessage};
use super::{MAX_MESSAGE_CHARS, MAX_TOPIC_CHARS};
use crate::gateway::auth::Access;
use crate::gateway::error_bodies::ErrorShape;
use crate::gateway::field_mask::field;
use crate::gateway::rate_limit::{Limit, Per};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::{Ctx, Handler, Route};
use crate::gateway::v2_codes::{V2Code, V2Error};

/// Publish a message (v2).
pub(super) const PUBLISH_MESSAGE: Route = Route {
    name: "messaging.publish_message",
    method: Method::POST,
    path: "/cloud/v2/universes/{universe_id}:publishMessage",
    access: Access::ApiKeyOrOAuth {
        scope: "universe-messaging-service:publish",
    },
    universe_param: Some("universe_id"),
    shape: ErrorShape::V2,
    // 5000/min per API-key owner and per OAuth authorization, counted apart from the v1
    // publish (https://create.roblox.com/docs/cloud/reference/rate-limits).
    limits: &[Limit {
        bucket: "messaging.publish_message",
        per: Per::Credential,
        per_minute: |c| c.messaging_publish_per_owner,
    }],
    max_body: 64 * 1024,
    handler: Handler::Buffered(publish_message),
};

fn invalid(message: &str) -> Reply {
    V2Code::InvalidArgument.reply(message)
}

/// A required string field of the body.
fn text(body: &serde_json::Map<String, Value>, name: &str) -> Result<String, V2Error> {
    match field(body, name) {
        Some(Value::String(text)) => Ok(text.clone()),
        Some(_) => Err(V2Error::invalid_argument(format!(
            "{name} must be a string."
        ))),
        None => Err(V2Error::invalid_argument(format!("{name} is required."))),
    }
}

fn publish_message(ctx: &Ctx<'_>) -> Reply {
    let body = match serde_json::from_slice::<Value>(&ctx.body) {
        Ok(Value::Object(body)) => body,
        _ => return invalid("The request body must be a PublishUniverseMessageRequest object."),
    };
    let (topic, message) = match (text(&body, "topic"), text(&body, "message")) {
        (Ok(topic), Ok(message)) => (topic, message),
        (Err(error), _) | (_, Err(error)) => return error.reply(),
    };
    // The limits of https://create.roblox.com/docs/cloud/guides/usage-messaging; the
    // message texts are inferred.
    if topic.is_empty() {
        return invalid("topic cannot be empty.");
    }
    if topic.chars().count() > MAX_TOPIC_CHARS {
        return invalid("topic cannot be longer than 80 characters.");
    }
    if message.chars().count() > MAX_MESSAGE_CHARS {
        return invalid("message cannot be longer than 1024 characters.");
    }
    let universe_id = ctx.universe.unwrap_or_default();
    if !ctx.state.world.has_universe(universe_id) {
        return V2Code::NotFound.reply("The universe does not exist.");
    }
    ctx.area::<Messages>().push(PublishedMessage {
        universe_id,
        topic,
        message,
    });
    responses::empty(StatusCode::OK)
}
