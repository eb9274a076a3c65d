//! Ordered data stores v1
//! (<https://create.roblox.com/docs/reference/cloud/datastores-api/ordered-v1>): list,
//! create, get, update, increment and delete entries under
//! `/ordered-data-stores/v1/universes/{universeId}/orderedDataStores/{orderedDataStore}/scopes/{scope}/entries`.
//! Path segments match case-insensitively (`orderedDatastores` too, see [`Route::path`]).

#![allow(
    clippy::result_large_err,
    reason = "an error answer ends the request; it is built once and never moved far"
)]

use std::collections::BTreeMap;

use http::{Method, StatusCode};
use serde_json::{json, Value};

mod config;
mod handle;
mod state;
mod v2;

pub use config::{OrderedDataStoresConfig, OrderedEntryConfig};
use state::{OrderedScope, OrderedStore};
pub(crate) use v2::ROUTES as V2_ROUTES;

use crate::gateway::auth::Access;
use crate::gateway::cursor;
use crate::gateway::error_bodies::{code, ErrorShape};
use crate::gateway::rate_limit::{Limit, Per};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::{Ctx, Handler, Route};
use crate::gateway::state::State;
use crate::sync::lock;

const BASE: &str = "/ordered-data-stores/v1/universes/{universeId}/orderedDataStores/{orderedDataStore}/scopes/{scope}/entries";
const READ: &str = "universe.ordered-data-store.scope.entry:read";
const WRITE: &str = "universe.ordered-data-store.scope.entry:write";
/// Names, scopes and entry ids are at most this many bytes (inferred from the standard
/// data stores' limit; the OpenAPI only says "invalid name").
const MAX_NAME_BYTES: usize = 50;
/// Creates the configured entries (and their universes).
pub(crate) fn seed(entries: &[OrderedEntryConfig], state: &State) {
    let area = OrderedStore::default();
    for entry in entries {
        state.world.ensure_universe(entry.universe);
        area.seed(entry);
    }
    state.areas.insert(area);
}

/// Puts the v2 routes' limits in.
pub(crate) fn seed_v2(config: &OrderedDataStoresConfig, state: &State) {
    state.areas.insert(v2::OrderedV2Settings {
        config: config.clone(),
    });
}

/// The page size when `max_page_size` is absent, and the largest one (the ordered
/// data stores reference).
const DEFAULT_PAGE: i64 = 10;
const MAX_PAGE: i64 = 100;

/// The per-universe budgets, shared by the v1 and v2 routes: the data stores' limits count
/// requests of both versions
/// (<https://create.roblox.com/docs/cloud-services/data-stores/error-codes-and-limits>).
const READS: Limit = Limit {
    bucket: "ordered.reads",
    per: Per::Universe,
    per_minute: |c| c.ordered_datastores_per_universe_reads,
};
const WRITES: Limit = Limit {
    bucket: "ordered.writes",
    per: Per::Universe,
    per_minute: |c| c.ordered_datastores_per_universe_writes,
};

macro_rules! owner {
    ($bucket:literal) => {
        Limit {
            bucket: $bucket,
            per: Per::Credential,
            per_minute: |c| c.ordered_datastores_per_owner,
        }
    };
}

const fn route(
    name: &'static str,
    method: Method,
    path: &'static str,
    scope: &'static str,
    limits: &'static [Limit],
    handler: fn(&Ctx<'_>) -> Reply,
) -> Route {
    Route {
        name,
        method,
        path,
        access: Access::ApiKey { scope },
        universe_param: Some("universeId"),
        shape: ErrorShape::Code,
        limits,
        max_body: 64 * 1024,
        handler: Handler::Buffered(handler),
    }
}

/// The ordered data store routes. Increment comes before the entry routes so that
/// `{entry}:increment` is not taken for an entry id.
pub(crate) const ROUTES: &[Route] = &[
    route("ordered.entries.list", Method::GET, BASE, READ, &[READS, owner!("ordered.entries.list")], list),
    route("ordered.entry.create", Method::POST, BASE, WRITE, &[WRITES, owner!("ordered.entry.create")], create),
    route(
        "ordered.entry.increment",
        Method::POST,
        "/ordered-data-stores/v1/universes/{universeId}/orderedDataStores/{orderedDataStore}/scopes/{scope}/entries/{entry}:increment",
        WRITE,
        &[WRITES, owner!("ordered.entry.increment")],
        increment,
    ),
    route(
        "ordered.entry.get",
        Method::GET,
        "/ordered-data-stores/v1/universes/{universeId}/orderedDataStores/{orderedDataStore}/scopes/{scope}/entries/{entry}",
        READ,
        &[READS, owner!("ordered.entry.get")],
        get,
    ),
    route(
        "ordered.entry.update",
        Method::PATCH,
        "/ordered-data-stores/v1/universes/{universeId}/orderedDataStores/{orderedDataStore}/scopes/{scope}/entries/{entry}",
        WRITE,
        &[WRITES, owner!("ordered.entry.update")],
        update,
    ),
    route(
        "ordered.entry.delete",
        Method::DELETE,
        "/ordered-data-stores/v1/universes/{universeId}/orderedDataStores/{orderedDataStore}/scopes/{scope}/entries/{entry}",
        WRITE,
        &[WRITES, owner!("ordered.entry.delete")],
        delete,
    ),
];

fn invalid(message: &str) -> Reply {
    code(StatusCode::BAD_REQUEST, message)
}

/// The universe, store and scope of the path, checked.
fn scope_of(ctx: &Ctx<'_>, needed: &str) -> Result<OrderedScope, Reply> {
    let universe = ctx.universe.unwrap_or_default();
    if !ctx.state.world.has_universe(universe) {
        return Err(ErrorShape::Code.forbidden(needed, Some(universe)));
    }
    let store = name(
        ctx.param("orderedDataStore"),
        "Invalid ordered data store name.",
    )?;
    let scope = name(ctx.param("scope"), "Invalid scope.")?;
    Ok((universe, store, scope))
}

fn name(value: Option<String>, message: &str) -> Result<String, Reply> {
    match value {
        Some(v) if !v.is_empty() && v.len() <= MAX_NAME_BYTES => Ok(v),
        _ => Err(invalid(message)),
    }
}

/// The entry JSON; `value` is left out when 0, as proto3 JSON does (inferred: clients
/// tolerate a missing value).
fn entry_json(scope: &OrderedScope, id: &str, value: i64) -> Value {
    let path = format!(
        "universes/{}/orderedDataStores/{}/scopes/{}/entries/{id}",
        scope.0, scope.1, scope.2
    );
    let mut entry = json!({ "path": path, "id": id });
    if value != 0 {
        entry["value"] = json!(value);
    }
    entry
}

/// `{"value": <int64>}` or `{"amount": <int64>}`; a number or a numeric string, absent is
/// 0 (proto3 JSON).
fn body_number(ctx: &Ctx<'_>, field: &str) -> Result<i64, Reply> {
    if ctx.body.is_empty() {
        return Ok(0);
    }
    let body: Value = serde_json::from_slice(&ctx.body).map_err(|_| invalid("Invalid body."))?;
    match body.get(field) {
        None | Some(Value::Null) => Ok(0),
        Some(Value::Number(n)) => n.as_i64().ok_or_else(|| invalid("Invalid value.")),
        Some(Value::String(s)) => s.trim().parse().map_err(|_| invalid("Invalid value.")),
        Some(_) => Err(invalid("Invalid value.")),
    }
}

/// Values are whole numbers of at least 0 (inferred from the reference Python client's reading of
/// the
/// bounds error;
/// the engine's ordered data stores store non-negative integers).
fn in_bounds(value: i64) -> bool {
    value >= 0
}

/// A `filter`: `entry >= 10`, `entry <= 50`, or both joined by `&&` (the ordered data
/// stores reference).
fn parse_filter(filter: &str) -> Option<(Option<i64>, Option<i64>)> {
    let (mut min, mut max) = (None, None);
    for part in filter.split("&&") {
        let words: Vec<&str> = part.split_whitespace().collect();
        let [subject, op, number] = words[..] else {
            return None;
        };
        if subject != "entry" {
            return None;
        }
        let number: i64 = number.parse().ok()?;
        match op {
            ">=" if min.is_none() => min = Some(number),
            "<=" if max.is_none() => max = Some(number),
            _ => return None,
        }
    }
    Some((min, max))
}

fn list(ctx: &Ctx<'_>) -> Reply {
    let scope = match scope_of(ctx, READ) {
        Ok(scope) => scope,
        Err(reply) => return reply,
    };
    let size = match ctx.query.int("max_page_size") {
        Ok(None) => DEFAULT_PAGE,
        Ok(Some(size)) if size > 0 => size.min(MAX_PAGE),
        _ => return invalid("Invalid max_page_size."),
    };
    let descending = ctx
        .query
        .get("order_by")
        .is_some_and(|o| o.trim().eq_ignore_ascii_case("desc"));
    let (min, max) = match ctx.query.non_empty("filter").map(parse_filter) {
        None => (None, None),
        Some(Some(bounds)) => bounds,
        Some(None) => return invalid("Invalid filter."),
    };
    let position = match ctx.query.non_empty("page_token").map(cursor::decode) {
        None => None,
        // An empty position is the start (a fault's first-page token).
        Some(Some(position)) if position.is_empty() => None,
        Some(Some(position)) => Some(position),
        Some(None) => return invalid("Invalid page token."),
    };
    let after: Option<(i64, String)> = match &position {
        None => None,
        Some(position) => match serde_json::from_str(position) {
            Ok(after) => Some(after),
            Err(_) => return invalid("Invalid page token."),
        },
    };
    if ctx.faults.empty_pages {
        // No entries and a `nextPageToken` no other page carried.
        let next = cursor::encode_fresh(position.as_deref().unwrap_or_default());
        return responses::json(
            StatusCode::OK,
            &json!({ "entries": [], "nextPageToken": next }),
        );
    }
    let area = ctx.area::<OrderedStore>();
    let ordered = lock(&area.entries);
    let empty = BTreeMap::new();
    let entries = ordered.get(&scope).unwrap_or(&empty);
    let mut sorted: Vec<(i64, &String)> = entries
        .iter()
        .map(|(id, value)| (*value, id))
        .filter(|(value, _)| min.is_none_or(|m| *value >= m) && max.is_none_or(|m| *value <= m))
        .collect();
    sorted.sort();
    if descending {
        sorted.reverse();
    }
    let start = match &after {
        None => 0,
        Some((value, id)) => sorted
            .iter()
            .position(|(v, i)| {
                let key = (*v, i.as_str());
                let at = (*value, id.as_str());
                if descending {
                    key < at
                } else {
                    key > at
                }
            })
            .unwrap_or(sorted.len()),
    };
    let rest = sorted.get(start..).unwrap_or_default();
    let take = usize::try_from(size).unwrap_or(usize::MAX).min(rest.len());
    let page = rest.get(..take).unwrap_or_default();
    let mut next = match page.last() {
        Some((value, id)) if rest.len() > take => {
            cursor::encode(&serde_json::to_string(&(value, id)).unwrap_or_default())
        }
        _ => String::new(),
    };
    if ctx.faults.repeat_cursor {
        if let Some(sent) = ctx.query.non_empty("page_token") {
            next = sent.to_owned();
        }
    }
    let items: Vec<_> = page
        .iter()
        .map(|(value, id)| entry_json(&scope, id, *value))
        .collect();
    let mut body = json!({ "entries": items });
    if !next.is_empty() {
        body["nextPageToken"] = json!(next);
    }
    responses::json(StatusCode::OK, &body)
}

fn entry_id(ctx: &Ctx<'_>) -> Result<String, Reply> {
    name(ctx.param("entry"), "Invalid entry name.")
}

fn create(ctx: &Ctx<'_>) -> Reply {
    let scope = match scope_of(ctx, WRITE) {
        Ok(scope) => scope,
        Err(reply) => return reply,
    };
    let id = match name(
        ctx.query.get("id").map(str::to_owned),
        "Invalid entry name.",
    ) {
        Ok(id) => id,
        Err(reply) => return reply,
    };
    let value = match body_number(ctx, "value") {
        Ok(value) if in_bounds(value) => value,
        Ok(_) => return invalid("Invalid value."),
        Err(reply) => return reply,
    };
    let area = ctx.area::<OrderedStore>();
    let mut ordered = lock(&area.entries);
    let entries = ordered.entry(scope.clone()).or_default();
    if entries.contains_key(&id) {
        // 400 "Entry already exists.", the answer clients match on (inferred).
        return invalid("Entry already exists.");
    }
    entries.insert(id.clone(), value);
    responses::json(StatusCode::OK, &entry_json(&scope, &id, value))
}

fn not_found() -> Reply {
    code(StatusCode::NOT_FOUND, "Entry not found.")
}

fn get(ctx: &Ctx<'_>) -> Reply {
    let (scope, id) = match scope_of(ctx, READ).and_then(|s| Ok((s, entry_id(ctx)?))) {
        Ok(found) => found,
        Err(reply) => return reply,
    };
    let area = ctx.area::<OrderedStore>();
    let ordered = lock(&area.entries);
    match ordered.get(&scope).and_then(|e| e.get(&id)) {
        Some(value) => responses::json(StatusCode::OK, &entry_json(&scope, &id, *value)),
        None => not_found(),
    }
}

fn update(ctx: &Ctx<'_>) -> Reply {
    let (scope, id) = match scope_of(ctx, WRITE).and_then(|s| Ok((s, entry_id(ctx)?))) {
        Ok(found) => found,
        Err(reply) => return reply,
    };
    let allow_missing = match ctx.query.bool("allow_missing") {
        Ok(allow) => allow.unwrap_or(false),
        Err(_) => return invalid("Invalid allow_missing."),
    };
    let value = match body_number(ctx, "value") {
        Ok(value) if in_bounds(value) => value,
        Ok(_) => return invalid("Invalid value."),
        Err(reply) => return reply,
    };
    let area = ctx.area::<OrderedStore>();
    let mut ordered = lock(&area.entries);
    let entries = ordered.entry(scope.clone()).or_default();
    if !allow_missing && !entries.contains_key(&id) {
        return not_found();
    }
    entries.insert(id.clone(), value);
    responses::json(StatusCode::OK, &entry_json(&scope, &id, value))
}

fn increment(ctx: &Ctx<'_>) -> Reply {
    let (scope, id) = match scope_of(ctx, WRITE).and_then(|s| Ok((s, entry_id(ctx)?))) {
        Ok(found) => found,
        Err(reply) => return reply,
    };
    let amount = match body_number(ctx, "amount") {
        Ok(amount) => amount,
        Err(reply) => return reply,
    };
    let area = ctx.area::<OrderedStore>();
    let mut ordered = lock(&area.entries);
    let entries = ordered.entry(scope.clone()).or_default();
    // A missing entry counts as 0 (inferred).
    let old = entries.get(&id).copied().unwrap_or(0);
    match old.checked_add(amount).filter(|v| in_bounds(*v)) {
        Some(new) => {
            entries.insert(id.clone(), new);
            responses::json(StatusCode::OK, &entry_json(&scope, &id, new))
        }
        // 409 "Entry value outside of bounds.", the answer clients match on (inferred).
        None => code(StatusCode::CONFLICT, "Entry value outside of bounds."),
    }
}

fn delete(ctx: &Ctx<'_>) -> Reply {
    let (scope, id) = match scope_of(ctx, WRITE).and_then(|s| Ok((s, entry_id(ctx)?))) {
        Ok(found) => found,
        Err(reply) => return reply,
    };
    let area = ctx.area::<OrderedStore>();
    let mut ordered = lock(&area.entries);
    if let Some(entries) = ordered.get_mut(&scope) {
        entries.remove(&id);
    }
    // 200 whether or not it existed (the ordered data stores reference); the `{}` body
    // is inferred from captured responses.
    responses::json(StatusCode::OK, &json!({}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_in_either_order() {
        assert_eq!(parse_filter("entry >= 10"), Some((Some(10), None)));
        assert_eq!(
            parse_filter("entry <= 50 && entry >= 0"),
            Some((Some(0), Some(50)))
        );
        assert_eq!(
            parse_filter("entry >= 1 && entry <= 2"),
            Some((Some(1), Some(2)))
        );
        assert_eq!(parse_filter("entry > 1"), None);
        assert_eq!(parse_filter("entry >= 1 && entry >= 2"), None);
        assert_eq!(parse_filter("value >= 1"), None);
    }
}
