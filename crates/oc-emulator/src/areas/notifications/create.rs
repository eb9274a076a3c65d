//! Create User Notification: checks the payload, records the notification and answers
//! its path and id.

use std::collections::BTreeMap;

use http::StatusCode;
use serde_json::{json, Map, Value};

use super::state::{NotificationParameter, NotificationsState, SentNotification};
use super::SCOPE;
use crate::gateway::proto_json::{format_timestamp, int64, message_body};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::Ctx;
use crate::gateway::uuid::random_uuid;
use crate::gateway::v2_codes::{V2Code, V2Error};
use crate::sync::lock;

/// A field under its camelCase name or, as the notifications guide writes them, its
/// snake_case one.
fn field<'a>(message: &'a Map<String, Value>, camel: &str, snake: &str) -> Option<&'a Value> {
    message
        .get(camel)
        .or_else(|| message.get(snake))
        .filter(|v| !v.is_null())
}

fn invalid(message: impl Into<String>) -> V2Error {
    V2Error::invalid_argument(message)
}

/// An object field, absent or `null` being `None`.
fn object<'a>(
    message: &'a Map<String, Value>,
    camel: &str,
    snake: &str,
) -> Result<Option<&'a Map<String, Value>>, V2Error> {
    match field(message, camel, snake) {
        None => Ok(None),
        Some(Value::Object(object)) => Ok(Some(object)),
        Some(_) => Err(invalid(format!("{camel} must be an object."))),
    }
}

/// A string field, absent or `null` being `None`.
fn string(
    message: &Map<String, Value>,
    camel: &str,
    snake: &str,
) -> Result<Option<String>, V2Error> {
    match field(message, camel, snake) {
        None => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(_) => Err(invalid(format!("{camel} must be a string."))),
    }
}

fn parameter(name: &str, value: &Value) -> Result<NotificationParameter, V2Error> {
    let bad = || {
        invalid(format!(
            "The parameter {name:?} must hold exactly one of stringValue and int64Value."
        ))
    };
    let Value::Object(value) = value else {
        return Err(bad());
    };
    match (
        field(value, "stringValue", "string_value"),
        field(value, "int64Value", "int64_value"),
    ) {
        (Some(Value::String(text)), None) => Ok(NotificationParameter::String(text.clone())),
        (None, Some(number)) => int64(number)
            .map(NotificationParameter::Int64)
            .ok_or_else(bad),
        _ => Err(bad()),
    }
}

/// Create User Notification.
pub(super) fn create(ctx: &Ctx<'_>) -> Reply {
    try_create(ctx).unwrap_or_else(|error| error.reply())
}

fn try_create(ctx: &Ctx<'_>) -> Result<Reply, V2Error> {
    let user = ctx
        .param("user_id")
        .and_then(|id| id.parse::<u64>().ok())
        .ok_or_else(|| invalid("Invalid User ID in the request."))?;
    if ctx.state.world.user(user).is_none() {
        return Err(V2Error::new(V2Code::NotFound, "The user does not exist."));
    }
    let body = message_body(&ctx.body)?;
    let universe_path = object(&body, "source", "source")?
        .map(|source| string(source, "universe", "universe"))
        .transpose()?
        .flatten()
        .ok_or_else(|| invalid("source.universe is required."))?;
    let universe = universe_path
        .strip_prefix("universes/")
        .unwrap_or(&universe_path)
        .parse::<u64>()
        .map_err(|_| invalid("source.universe must be universes/{universe_id}."))?;
    if !ctx.state.world.has_universe(universe) {
        // Inferred: the reference does not say how an unknown source is answered.
        return Err(V2Error::new(
            V2Code::NotFound,
            "The universe does not exist.",
        ));
    }
    if !ctx.credential.allows(Some(universe), SCOPE) {
        return Err(V2Error::new(
            V2Code::PermissionDenied,
            format!("The credential lacks {SCOPE} on universe {universe}."),
        ));
    }
    // Unknown top-level fields (the guide's `join_experience` outside `payload`) are
    // ignored, as proto3 JSON parsing does.
    let payload =
        object(&body, "payload", "payload")?.ok_or_else(|| invalid("payload is required."))?;
    match string(payload, "type", "type")?.as_deref() {
        Some("MOMENT") => {}
        _ => return Err(invalid("payload.type must be MOMENT.")),
    }
    let message_id = string(payload, "messageId", "message_id")?
        .filter(|id| !id.is_empty())
        .ok_or_else(|| invalid("payload.messageId is required."))?;
    let mut parameters = BTreeMap::new();
    if let Some(given) = object(payload, "parameters", "parameters")? {
        for (name, value) in given {
            if name.is_empty() {
                return Err(invalid("A parameter name must not be empty."));
            }
            parameters.insert(name.clone(), parameter(name, value)?);
        }
    }
    let join = object(payload, "joinExperience", "join_experience")?;
    let launch_data = join
        .map(|join| string(join, "launchData", "launch_data"))
        .transpose()?
        .flatten();
    let area = ctx.area::<NotificationsState>();
    if let Some(data) = &launch_data {
        if data.len() > area.config.max_launch_data_bytes {
            return Err(invalid(format!(
                "payload.joinExperience.launchData is {} bytes long; the limit is {}.",
                data.len(),
                area.config.max_launch_data_bytes
            )));
        }
    }
    let analytics_category = object(payload, "analyticsData", "analytics_data")?
        .map(|analytics| string(analytics, "category", "category"))
        .transpose()?
        .flatten();
    let now = ctx.state.clock.now_utc();
    let id = random_uuid();
    {
        let mut data = lock(&area.data);
        let day = now.unix_timestamp().div_euclid(24 * 60 * 60);
        if data.day != day {
            data.day = day;
            data.today.clear();
        }
        let limit = area.config.daily_limit_per_user;
        let count = data.today.entry((user, universe)).or_default();
        if limit > 0 && *count >= limit {
            return Err(V2Error::new(
                V2Code::ResourceExhausted,
                "The user has had today's notifications from this experience.",
            ));
        }
        *count += 1;
        data.sent.push_back(SentNotification {
            id: id.clone(),
            user_id: user,
            universe_id: universe,
            message_id,
            parameters,
            launch_data,
            join_experience: join.is_some(),
            analytics_category,
            time: format_timestamp(now),
        });
        while data.sent.len() > area.config.max_notifications.max(1) {
            data.sent.pop_front();
        }
    }
    Ok(responses::json(
        StatusCode::OK,
        &json!({ "path": format!("users/{user}/notifications/{id}"), "id": id }),
    ))
}
