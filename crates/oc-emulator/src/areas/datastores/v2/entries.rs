//! The entry writes and the entry list: list, create (`POST …/entries?id=`), update
//! (`PATCH`, with `allowMissing` and an optional `etag`), `:increment` and delete
//! (<https://create.roblox.com/docs/cloud/reference/features/data-stores>).

use bytes::Bytes;
use http::StatusCode;
use serde_json::{json, Value};

use super::body::{self, amount, stored_integer};
use super::stores::{prefix_filter, require_live, show_deleted};
use super::wire::entry_json;
use super::{area, form, scope_param, store_name, universe, Form, Location};
use crate::gateway::page_token::{self, PageRequest, PageSizes};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::Ctx;
use crate::gateway::v2_codes::{V2Code, V2Error};
use crate::sync::lock;

/// List entries: 10 by default, at most 256.
const SIZES: PageSizes = PageSizes {
    default: 10,
    max: 256,
};

fn answer(result: Result<Value, V2Error>) -> Reply {
    match result {
        Ok(value) => responses::json(StatusCode::OK, &value),
        Err(error) => error.reply(),
    }
}

fn entry_missing() -> V2Error {
    V2Error::new(V2Code::NotFound, "The entry does not exist.")
}

/// List the entries of a scope, of every scope (`scopes/-`), or of every scope with ids
/// `scope/key` (the unscoped route); only `path` and `id` are filled, as documented.
pub(super) fn list(ctx: &Ctx<'_>) -> Reply {
    answer((|| {
        let universe = universe(ctx)?;
        let store = store_name(ctx)?;
        let scope = scope_param(ctx, true)?;
        let unscoped = form(ctx) == Form::Unscoped;
        let prefix = prefix_filter(ctx)?;
        let show_deleted = show_deleted(ctx)?;
        let request = PageRequest::from_ctx(ctx, SIZES)?;
        require_live(ctx, universe, &store)?;
        let area = area(ctx);
        let entries = lock(&area.entries);
        let listed: Vec<Location> = entries
            .iter()
            .filter(|(path, _)| path.universe == universe && path.store == store)
            .filter(|(path, _)| scope.as_deref().is_none_or(|s| s == "-" || s == path.scope))
            .filter(|(_, entry)| {
                if show_deleted {
                    entry.latest().is_some()
                } else {
                    entry.current().is_some()
                }
            })
            .map(|(path, _)| Location {
                universe,
                store: store.clone(),
                scope: path.scope.clone(),
                key: path.key.clone(),
                form: if unscoped {
                    Form::UnscopedPair
                } else {
                    Form::Scoped
                },
            })
            .filter(|location| location.id().starts_with(&prefix))
            .collect();
        drop(entries);
        let page = page_token::page(&listed, |l| (l.scope.clone(), l.key.clone()), &request)?;
        let items: Vec<Value> = page
            .items
            .iter()
            .map(|l| json!({ "path": l.path(), "id": l.id() }))
            .collect();
        let mut body = json!({ "dataStoreEntries": items });
        if !page.next_page_token.is_empty() {
            body["nextPageToken"] = Value::String(page.next_page_token);
        }
        Ok(body)
    })())
}

/// The location of an entry route (the whole entry id is the key: writes do not parse
/// `@`, as documented).
fn located(ctx: &Ctx<'_>) -> Result<Location, V2Error> {
    let universe = universe(ctx)?;
    let raw = ctx.param("entryId").unwrap_or_default();
    let location = Location::of(ctx, universe, &raw, false)?;
    require_live(ctx, universe, &location.store)?;
    Ok(location)
}

/// Create an entry; one that exists is 400 `INVALID_ARGUMENT` (documented), a tombstone
/// counts as absent (inferred).
pub(super) fn create(ctx: &Ctx<'_>) -> Reply {
    answer((|| {
        let universe = universe(ctx)?;
        let id = ctx
            .query
            .non_empty("id")
            .ok_or_else(|| V2Error::invalid_argument("The entry id is required."))?
            .to_owned();
        let location = Location::of(ctx, universe, &id, true)?;
        let write = body::parse(&ctx.body)?;
        let value = write
            .value
            .ok_or_else(|| V2Error::invalid_argument("The value is required."))?;
        require_live(ctx, universe, &location.store)?;
        let area = area(ctx);
        // A missing data store is created, as the engine creates it on a first write
        // (inferred).
        area.add_store(
            &ctx.state.world,
            universe,
            &location.store,
            ctx.state.clock.now(),
        );
        let mut entries = lock(&area.entries);
        let entry = entries.entry(location.entry_path()).or_default();
        if entry.current().is_some() {
            return Err(V2Error::invalid_argument("The entry already exists."));
        }
        let version = entry.write(
            ctx.state.clock.now(),
            Some(value.clone()),
            write.attributes,
            write.user_ids,
            area.config.max_versions_per_entry,
        );
        Ok(entry_json(
            &location,
            version,
            serde_json::from_slice(&value).ok(),
        ))
    })())
}

/// Update an entry: the value is required, absent users and attributes are cleared; a
/// missing entry is 404 unless `allowMissing`; an `etag` that is not the current revision
/// is 409 `ABORTED` (switchable, inferred).
pub(super) fn update(ctx: &Ctx<'_>) -> Reply {
    answer((|| {
        let location = located(ctx)?;
        let allow_missing = match ctx.query.bool("allowMissing") {
            Ok(None) => ctx.query.bool("allow_missing"),
            other => other,
        }
        .map_err(|_| V2Error::invalid_argument("Invalid allowMissing."))?
        .unwrap_or(false);
        let write = body::parse(&ctx.body)?;
        let value = write
            .value
            .ok_or_else(|| V2Error::invalid_argument("The value is required."))?;
        let area = area(ctx);
        area.add_store(
            &ctx.state.world,
            location.universe,
            &location.store,
            ctx.state.clock.now(),
        );
        let mut entries = lock(&area.entries);
        let entry = entries.entry(location.entry_path()).or_default();
        let current = entry.current().map(|v| v.id.clone());
        if let Some(etag) = &write.etag {
            if area.config.etag_mismatch_aborts && current.as_deref() != Some(etag.as_str()) {
                return Err(V2Error::new(
                    V2Code::Aborted,
                    "The etag does not match the entry's current revision.",
                ));
            }
        }
        if current.is_none() && !allow_missing {
            return Err(entry_missing());
        }
        let version = entry.write(
            ctx.state.clock.now(),
            Some(value.clone()),
            write.attributes,
            write.user_ids,
            area.config.max_versions_per_entry,
        );
        Ok(entry_json(
            &location,
            version,
            serde_json::from_slice(&value).ok(),
        ))
    })())
}

/// Increment an entry: a missing one starts at the amount; the stored value must hold an
/// integer. The exact sum is stored and the answer clamped (the documented known issue).
pub(super) fn increment(ctx: &Ctx<'_>) -> Reply {
    answer((|| {
        let location = located(ctx)?;
        let write = body::parse(&ctx.body)?;
        let amount = amount(&write.message)?;
        let area = area(ctx);
        area.add_store(
            &ctx.state.world,
            location.universe,
            &location.store,
            ctx.state.clock.now(),
        );
        let mut entries = lock(&area.entries);
        let entry = entries.entry(location.entry_path()).or_default();
        let old = match entry.current().and_then(|v| v.value.as_ref()) {
            None => 0,
            Some(bytes) => stored_integer(bytes)
                .ok_or_else(|| V2Error::invalid_argument("The entry's value is not an integer."))?,
        };
        let sum = old.saturating_add(amount);
        let version = entry.write(
            ctx.state.clock.now(),
            Some(Bytes::from(sum.to_string())),
            write.attributes,
            write.user_ids,
            area.config.max_versions_per_entry,
        );
        let bound = i128::from(area.config.increment_bound);
        let clamped = sum.clamp(-bound - 1, bound);
        let shown = i64::try_from(clamped).map_or(Value::Null, Value::from);
        Ok(entry_json(&location, version, Some(shown)))
    })())
}

/// Delete an entry: a tombstone revision; a missing or deleted entry is 404.
pub(super) fn delete(ctx: &Ctx<'_>) -> Reply {
    answer((|| {
        let location = located(ctx)?;
        let area = area(ctx);
        let mut entries = lock(&area.entries);
        let entry = entries
            .get_mut(&location.entry_path())
            .filter(|e| e.current().is_some())
            .ok_or_else(entry_missing)?;
        entry.write(
            ctx.state.clock.now(),
            None,
            None,
            None,
            area.config.max_versions_per_entry,
        );
        Ok(json!({}))
    })())
}
