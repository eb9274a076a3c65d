//! The JSON of user restrictions: the `UserRestriction` resource (with the inheritance of
//! a universe's restriction by its places and the expiry of timed bans), the
//! `UserRestrictionLog` items, and the restriction a PATCH body writes.

use serde_json::{json, Map, Value};
use time::{Duration, OffsetDateTime};

use super::config::LogIds;
use super::state::{Level, LogEntry, Moderator, Record, Write};
use crate::gateway::field_mask::field;
use crate::gateway::proto_json::{format_duration, format_timestamp, parse_duration};
use crate::gateway::v2_codes::V2Error;

/// The longest reason shown to the user, in characters.
const MAX_DISPLAY_REASON_CHARS: usize = 400;
/// The longest private reason, in characters.
const MAX_PRIVATE_REASON_CHARS: usize = 1_000;
/// The longest restriction, in seconds.
const MAX_DURATION_SECS: i64 = 315_576_000_000;

/// `universes/U[/places/P]/user-restrictions/N`.
pub(crate) fn path(level: Level, user: u64) -> String {
    match level.place {
        Some(place) => format!(
            "universes/{}/places/{place}/user-restrictions/{user}",
            level.universe
        ),
        None => format!("universes/{}/user-restrictions/{user}", level.universe),
    }
}

/// What a restriction reads as at `now`: its own record, or the universe's when that one
/// holds and the place's does not.
pub(crate) struct View<'a> {
    /// The level asked for.
    pub level: Level,
    /// The user.
    pub user: u64,
    /// The record at that level, if any.
    pub own: Option<&'a Record>,
    /// The universe's record, for a place's restriction.
    pub universe: Option<&'a Record>,
}

impl View<'_> {
    /// The `UserRestriction` JSON at `now`.
    pub fn to_json(&self, now: OffsetDateTime) -> Value {
        let own_active = self.own.is_some_and(|r| r.active_at(now));
        let inherited = self.level.place.is_some()
            && !own_active
            && self.universe.is_some_and(|r| r.active_at(now));
        let shown = if inherited { self.universe } else { self.own };
        let mut restriction = match shown {
            Some(record) => record_json(record, record.active_at(now)),
            None => json!({
                "active": false,
                "privateReason": "",
                "displayReason": "",
                "excludeAltAccounts": false,
            }),
        };
        if let Value::Object(object) = &mut restriction {
            object.insert("inherited".into(), Value::Bool(inherited));
        }
        let mut resource = json!({
            "path": path(self.level, self.user),
            "user": format!("users/{}", self.user),
            "gameJoinRestriction": restriction,
        });
        if let (Some(time), Value::Object(object)) =
            (self.own.and_then(|r| r.update_time), &mut resource)
        {
            object.insert("updateTime".into(), Value::String(format_timestamp(time)));
        }
        resource
    }
}

fn record_json(record: &Record, active: bool) -> Value {
    let mut object = Map::new();
    object.insert("active".into(), Value::Bool(active));
    if let Some(start) = record.start_time {
        object.insert("startTime".into(), Value::String(format_timestamp(start)));
    }
    if let Some(duration) = record.duration {
        object.insert("duration".into(), Value::String(format_duration(duration)));
    }
    object.insert(
        "privateReason".into(),
        Value::String(record.private_reason.clone()),
    );
    object.insert(
        "displayReason".into(),
        Value::String(record.display_reason.clone()),
    );
    object.insert(
        "excludeAltAccounts".into(),
        Value::Bool(record.exclude_alt_accounts),
    );
    Value::Object(object)
}

/// The `UserRestrictionLog` JSON of a change, with ids in `form`.
pub(crate) fn log_json(entry: &LogEntry, form: LogIds) -> Value {
    let id = |prefix: &str, id: u64| match form {
        LogIds::Bare => id.to_string(),
        LogIds::Paths => format!("{prefix}/{id}"),
    };
    let Moderator::User(moderator) = entry.moderator;
    let mut object = Map::new();
    object.insert("user".into(), json!(format!("users/{}", entry.user)));
    object.insert(
        "place".into(),
        json!(entry.place.map(|p| id("places", p)).unwrap_or_default()),
    );
    object.insert(
        "moderator".into(),
        json!({ "robloxUser": id("users", moderator) }),
    );
    object.insert(
        "createTime".into(),
        json!(format_timestamp(entry.create_time)),
    );
    object.insert("active".into(), json!(entry.write.active));
    if let Some(start) = entry.start_time {
        object.insert("startTime".into(), json!(format_timestamp(start)));
    }
    if let Some(duration) = entry.write.duration {
        object.insert("duration".into(), json!(format_duration(duration)));
    }
    object.insert("privateReason".into(), json!(entry.write.private_reason));
    object.insert("displayReason".into(), json!(entry.write.display_reason));
    object.insert(
        "excludeAltAccounts".into(),
        json!(entry.write.exclude_alt_accounts),
    );
    Value::Object(object)
}

fn invalid(message: &str) -> V2Error {
    V2Error::invalid_argument(message)
}

/// The restriction a `gameJoinRestriction` object writes: missing fields take their
/// defaults (the object replaces the whole restriction), the read-only `startTime` and
/// `inherited` are ignored, and the documented limits are checked.
pub(crate) fn write_of(restriction: Option<&Value>) -> Result<Write, V2Error> {
    let object = match restriction {
        None | Some(Value::Null) => return Ok(Write::default()),
        Some(Value::Object(object)) => object,
        Some(_) => return Err(invalid("gameJoinRestriction must be an object.")),
    };
    let boolean = |name: &str| match field(object, name) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(invalid(&format!("{name} must be a boolean."))),
    };
    let text = |name: &str, max: usize| match field(object, name) {
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::String(s)) if s.chars().count() <= max => Ok(s.clone()),
        Some(Value::String(_)) => Err(invalid(&format!(
            "{name} must be at most {max} characters long."
        ))),
        Some(_) => Err(invalid(&format!("{name} must be a string."))),
    };
    let duration = match field(object, "duration") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(checked_duration(s)?),
        Some(_) => return Err(invalid("duration must be a string such as \"3600s\".")),
    };
    Ok(Write {
        active: boolean("active")?,
        duration,
        private_reason: text("privateReason", MAX_PRIVATE_REASON_CHARS)?,
        display_reason: text("displayReason", MAX_DISPLAY_REASON_CHARS)?,
        exclude_alt_accounts: boolean("excludeAltAccounts")?,
    })
}

/// A restriction's duration: whole seconds from 1 to 315,576,000,000.
fn checked_duration(text: &str) -> Result<Duration, V2Error> {
    let duration =
        parse_duration(text).ok_or_else(|| invalid(&format!("Invalid duration {text:?}.")))?;
    if duration.subsec_nanoseconds() != 0
        || duration.whole_seconds() < 1
        || duration.whole_seconds() > MAX_DURATION_SECS
    {
        return Err(invalid(
            "duration must be a whole number of seconds from 1s to 315576000000s.",
        ));
    }
    Ok(duration)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replace_the_whole_restriction_and_check_limits() {
        let write = write_of(Some(&json!({
            "active": true, "duration": "60s", "displayReason": "d",
            "startTime": "2020-01-01T00:00:00Z", "inherited": true
        })));
        assert_eq!(
            write,
            Ok(Write {
                active: true,
                duration: Some(Duration::seconds(60)),
                display_reason: "d".into(),
                ..Write::default()
            })
        );
        assert_eq!(write_of(None), Ok(Write::default()));
        assert!(
            write_of(Some(&json!({"private_reason": "p"}))).is_ok_and(|w| w.private_reason == "p")
        );
        for bad in [
            json!({"duration": "0s"}),
            json!({"duration": "1.5s"}),
            json!({"duration": "315576000001s"}),
            json!({"duration": 60}),
            json!({"active": "yes"}),
            json!({"displayReason": "x".repeat(401)}),
            json!({"privateReason": "x".repeat(1001)}),
            json!([]),
        ] {
            assert!(write_of(Some(&bad)).is_err(), "{bad}");
        }
        assert!(write_of(Some(&json!({"displayReason": "é".repeat(400)}))).is_ok());
    }
}
