//! One standard entry: get, set, delete and increment, at
//! `/datastores/v1/universes/{universeId}/standard-datastores/datastore/entries/entry`
//! (<https://create.roblox.com/docs/reference/cloud/datastores-api/v1>).

use bytes::Bytes;
use http::{Method, StatusCode};

use super::metadata::{self, value_reply, version_json};
use super::params::{self, invalid, not_found};
use super::state::DataStores;
use super::state::EntryPath;
use super::{Limit, Per, READS_PER_UNIVERSE, WRITES_PER_UNIVERSE};
use crate::gateway::auth::Access;
use crate::gateway::error_bodies::ErrorShape;
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::{Ctx, Handler, Route};
use crate::sync::lock;

const PATH: &str =
    "/datastores/v1/universes/{universeId}/standard-datastores/datastore/entries/entry";
/// Values are at most 4 MiB (<https://create.roblox.com/docs/reference/cloud/datastores-api/v1>);
/// a larger body gets 400 ContentTooBig.
const MAX_VALUE_BYTES: usize = 4 * 1024 * 1024;

const fn route(
    name: &'static str,
    method: Method,
    path: &'static str,
    scope: &'static str,
    limits: &'static [Limit],
    max_body: usize,
    handler: fn(&Ctx<'_>) -> Reply,
) -> Route {
    Route {
        name,
        method,
        path,
        access: Access::ApiKey { scope },
        universe_param: Some("universeId"),
        shape: ErrorShape::ErrorDetails,
        limits,
        max_body,
        handler: Handler::Buffered(handler),
    }
}

/// Each operation has its own per-owner window
/// (<https://create.roblox.com/docs/cloud/reference/rate-limits>).
macro_rules! owner {
    ($bucket:literal) => {
        Limit {
            bucket: $bucket,
            per: Per::Credential,
            per_minute: |c| c.datastores_per_owner,
        }
    };
}
pub(super) use owner;

/// Get an entry.
pub(super) const GET: Route = route(
    "datastores.entry.get",
    Method::GET,
    PATH,
    "universe-datastores.objects:read",
    &[READS_PER_UNIVERSE, owner!("datastores.entry.get")],
    64 * 1024,
    get,
);

/// Set an entry. The OpenAPI lists both `objects:create` and `objects:update`; the
/// emulator asks for `create` (inferred).
pub(super) const SET: Route = route(
    "datastores.entry.set",
    Method::POST,
    PATH,
    "universe-datastores.objects:create",
    &[WRITES_PER_UNIVERSE, owner!("datastores.entry.set")],
    MAX_VALUE_BYTES,
    set,
);

/// Delete an entry.
pub(super) const DELETE: Route = route(
    "datastores.entry.delete",
    Method::DELETE,
    PATH,
    "universe-datastores.objects:delete",
    &[WRITES_PER_UNIVERSE, owner!("datastores.entry.delete")],
    64 * 1024,
    delete,
);

/// Increment an entry.
pub(super) const INCREMENT: Route = route(
    "datastores.entry.increment",
    Method::POST,
    "/datastores/v1/universes/{universeId}/standard-datastores/datastore/entries/entry/increment",
    "universe-datastores.objects:update",
    &[WRITES_PER_UNIVERSE, owner!("datastores.entry.increment")],
    64 * 1024,
    increment,
);

fn entry_not_found() -> Reply {
    not_found("EntryNotFound", "Entry not found in the datastore.")
}

/// 404 DatastoreNotFound when the store does not exist, else EntryNotFound.
fn missing(ctx: &Ctx<'_>, path: &EntryPath) -> Reply {
    if params::store_exists(ctx, path.universe, &path.store) {
        entry_not_found()
    } else {
        not_found("DatastoreNotFound", "Datastore not found.")
    }
}

fn get(ctx: &Ctx<'_>) -> Reply {
    let path = match params::entry_path(ctx, GET.access.scope()) {
        Ok(path) => path,
        Err(reply) => return reply,
    };
    let area = ctx.area::<DataStores>();
    let entries = lock(&area.entries);
    // A tombstone is 404, following the reference's description (its examples disagree;
    // inferred).
    match entries.get(&path).and_then(|e| e.current()) {
        Some(version) => {
            let body = version.value.clone().unwrap_or_default();
            value_reply(ctx, StatusCode::OK, version, body)
        }
        None => {
            drop(entries);
            missing(ctx, &path)
        }
    }
}

fn set(ctx: &Ctx<'_>) -> Reply {
    let path = match params::entry_path(ctx, SET.access.scope()) {
        Ok(path) => path,
        Err(reply) => return reply,
    };
    let exclusive = match ctx.query.bool("exclusiveCreate") {
        Ok(value) => value.unwrap_or(false),
        Err(_) => return invalid("InvalidArgument", "Invalid exclusiveCreate."),
    };
    let match_version = ctx.query.non_empty("matchVersion");
    if exclusive && match_version.is_some() {
        return invalid(
            "ExclusiveCreateAndMatchVersionCannotBeSet",
            "Exclusive create and match version cannot both be set.",
        );
    }
    if let Err(reply) = metadata::check_md5(ctx) {
        return reply;
    }
    if serde_json::from_slice::<serde_json::Value>(&ctx.body).is_err() {
        return invalid("ContentNotJson", "Content is not valid JSON.");
    }
    let (attributes, user_ids) = match (
        metadata::attributes(ctx.headers),
        metadata::user_ids(ctx.headers),
    ) {
        (Ok(a), Ok(u)) => (a, u),
        (Err(reply), _) | (_, Err(reply)) => return reply,
    };
    ctx.area::<DataStores>().add_store(
        &ctx.state.world,
        path.universe,
        &path.store,
        ctx.state.clock.now(),
    );
    let area = ctx.area::<DataStores>();
    let mut entries = lock(&area.entries);
    let entry = entries.entry(path).or_default();
    let current = entry.current();
    let failed = match (exclusive, match_version) {
        (true, _) => current.is_some(),
        (false, Some(wanted)) => current.is_none_or(|v| v.id != wanted),
        (false, None) => false,
    };
    if failed {
        // The body is the current value and the headers its
        // metadata. With no current value there is nothing to send but an error body
        // (inferred).
        return match current {
            Some(version) => {
                let body = version.value.clone().unwrap_or_default();
                value_reply(ctx, StatusCode::PRECONDITION_FAILED, version, body)
            }
            None => crate::gateway::error_bodies::data_store(
                StatusCode::PRECONDITION_FAILED,
                "PreconditionFailed",
                "The entry does not exist.",
            ),
        };
    }
    let version = entry.write(
        ctx.state.clock.now(),
        Some(ctx.body.clone()),
        attributes,
        user_ids,
        area.config.max_versions_per_entry,
    );
    responses::json(StatusCode::OK, &version_json(version))
}

fn delete(ctx: &Ctx<'_>) -> Reply {
    let path = match params::entry_path(ctx, DELETE.access.scope()) {
        Ok(path) => path,
        Err(reply) => return reply,
    };
    let area = ctx.area::<DataStores>();
    let mut entries = lock(&area.entries);
    match entries.get_mut(&path) {
        Some(entry) if entry.current().is_some() => {
            entry.write(
                ctx.state.clock.now(),
                None,
                None,
                None,
                area.config.max_versions_per_entry,
            );
            responses::empty(StatusCode::NO_CONTENT)
        }
        _ => {
            drop(entries);
            missing(ctx, &path)
        }
    }
}

/// A JSON number as an integer when it is one.
#[derive(Debug, Clone, Copy)]
enum Number {
    Int(i64),
    Float(f64),
}

impl Number {
    fn parse(text: &str) -> Option<Number> {
        let text = text.trim();
        if let Ok(int) = text.parse() {
            return Some(Number::Int(int));
        }
        text.parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .map(Number::Float)
    }

    fn as_f64(self) -> f64 {
        match self {
            Number::Int(i) => i as f64,
            Number::Float(f) => f,
        }
    }
}

fn increment(ctx: &Ctx<'_>) -> Reply {
    let path = match params::entry_path(ctx, INCREMENT.access.scope()) {
        Ok(path) => path,
        Err(reply) => return reply,
    };
    // The OpenAPI types `incrementBy` as int64; whether fractions are accepted is not
    // documented. The emulator accepts them, as the engine's data stores
    // store doubles.
    let by = match ctx.query.non_empty("incrementBy") {
        None => Number::Int(1),
        Some(text) => match Number::parse(text) {
            Some(by) => by,
            None => return invalid("InvalidArgument", "Invalid incrementBy."),
        },
    };
    let (attributes, user_ids) = match (
        metadata::attributes(ctx.headers),
        metadata::user_ids(ctx.headers),
    ) {
        (Ok(a), Ok(u)) => (a, u),
        (Err(reply), _) | (_, Err(reply)) => return reply,
    };
    ctx.area::<DataStores>().add_store(
        &ctx.state.world,
        path.universe,
        &path.store,
        ctx.state.clock.now(),
    );
    let area = ctx.area::<DataStores>();
    let mut entries = lock(&area.entries);
    let entry = entries.entry(path).or_default();
    let old = match entry.current().and_then(|v| v.value.as_ref()) {
        None => Number::Int(0),
        Some(bytes) => match std::str::from_utf8(bytes).ok().and_then(Number::parse) {
            Some(old) => old,
            None => return invalid("ExistingValueNotNumeric", "Existing value is not numeric."),
        },
    };
    let new = match (old, by) {
        (Number::Int(a), Number::Int(b)) => match a.checked_add(b) {
            Some(sum) => sum.to_string(),
            None if b > 0 => {
                return invalid("IncrementValueTooLarge", "Increment value too large.")
            }
            None => return invalid("IncrementValueTooSmall", "Increment value too small."),
        },
        (a, b) => match serde_json::Number::from_f64(a.as_f64() + b.as_f64()) {
            Some(sum) => sum.to_string(),
            None => return invalid("IncrementValueTooLarge", "Increment value too large."),
        },
    };
    let body = Bytes::from(new);
    let version = entry.write(
        ctx.state.clock.now(),
        Some(body.clone()),
        attributes,
        user_ids,
        area.config.max_versions_per_entry,
    );
    value_reply(ctx, StatusCode::OK, version, body)
}
