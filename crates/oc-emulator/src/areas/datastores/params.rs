//! The query parameters every entry route shares: the data store, the scope, the key,
//! `limit` and `cursor`, checked against the documented limits
//! (<https://create.roblox.com/docs/reference/cloud/datastores-api/v1>).

use http::StatusCode;

use super::state::DataStores;
use super::state::EntryPath;
use crate::gateway::cursor;
use crate::gateway::error_bodies::{self, ErrorShape};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::Ctx;

/// Names, scopes and keys are at most this many bytes (the data stores
/// reference).
const MAX_NAME_BYTES: usize = 50;

/// The scope when none is given.
const DEFAULT_SCOPE: &str = "global";

/// A 400 in the data store shape.
pub(super) fn invalid(code: &str, message: &str) -> Reply {
    error_bodies::data_store(StatusCode::BAD_REQUEST, code, message)
}

/// A 404 in the data store shape.
pub(super) fn not_found(code: &str, message: &str) -> Reply {
    error_bodies::data_store(StatusCode::NOT_FOUND, code, message)
}

/// The universe of the path, when it exists; a wrong universe gets the same 403 as a
/// missing scope (inferred).
pub(super) fn universe(ctx: &Ctx<'_>, scope: &str) -> Result<u64, Reply> {
    let universe = ctx.universe.unwrap_or_default();
    if ctx.state.world.has_universe(universe) {
        Ok(universe)
    } else {
        Err(ErrorShape::ErrorDetails.forbidden(scope, Some(universe)))
    }
}

/// A required name-like parameter: present, non-empty, at most 50 bytes.
///
/// The message texts are not documented (inferred); the codes are
/// those of the data stores reference.
fn name(ctx: &Ctx<'_>, param: &str, code: &str, what: &str) -> Result<String, Reply> {
    match ctx.query.get(param) {
        Some(value) if !value.is_empty() && value.len() <= MAX_NAME_BYTES => Ok(value.to_owned()),
        _ => Err(invalid(code, &format!("Invalid {what}."))),
    }
}

/// `datastoreName`.
pub(super) fn store(ctx: &Ctx<'_>) -> Result<String, Reply> {
    name(
        ctx,
        "datastoreName",
        "InvalidDataStoreName",
        "datastore name",
    )
}

/// `scope`, `global` when absent.
pub(super) fn scope(ctx: &Ctx<'_>) -> Result<String, Reply> {
    match ctx.query.get("scope") {
        None => Ok(DEFAULT_SCOPE.to_owned()),
        Some(_) => name(ctx, "scope", "InvalidDataStoreScope", "datastore scope"),
    }
}

/// The entry the query names (`datastoreName`, `scope`, `entryKey`).
pub(super) fn entry_path(ctx: &Ctx<'_>, scope_name: &str) -> Result<EntryPath, Reply> {
    let universe = universe(ctx, scope_name)?;
    let store = store(ctx)?;
    let scope = scope(ctx)?;
    let key = name(ctx, "entryKey", "InvalidEntryKey", "entry key")?;
    // A data store deleted through v2 refuses its entries at once, through either API;
    // the service's error name is `DatastoreDeleted` and its v1 status undocumented
    // (inferred: 404).
    let state = ctx
        .area::<DataStores>()
        .store_state(universe, &store, ctx.state.clock.now());
    if matches!(state, super::v2::stores::StoreState::Deleted(_)) {
        return Err(not_found("DatastoreDeleted", "The data store is deleted."));
    }
    Ok(EntryPath {
        universe,
        store,
        scope,
        key,
    })
}

/// Whether the universe has the data store.
pub(super) fn store_exists(ctx: &Ctx<'_>, universe: u64, store: &str) -> bool {
    ctx.area::<DataStores>().has_store(universe, store)
}

/// `limit`, `default` when absent; zero or negative is invalid (the code is the one
/// clients match on, inferred).
pub(super) fn limit(ctx: &Ctx<'_>, default: usize) -> Result<usize, Reply> {
    match ctx.query.int("limit") {
        Ok(None) => Ok(default),
        Ok(Some(limit)) if limit > 0 => Ok(usize::try_from(limit).unwrap_or(usize::MAX)),
        _ => Err(invalid("InvalidLimit", "Invalid limit.")),
    }
}

/// The position a `cursor` continues after, if one was sent.
pub(super) fn cursor(ctx: &Ctx<'_>) -> Result<Option<String>, Reply> {
    match ctx.query.non_empty("cursor").map(cursor::decode) {
        None => Ok(None),
        // An empty position is the start (a fault's first-page cursor).
        Some(Some(position)) if position.is_empty() => Ok(None),
        Some(Some(position)) => Ok(Some(position)),
        Some(None) => Err(invalid("InvalidCursor", "Invalid cursor.")),
    }
}

/// The `empty_pages` fault's answer: no `items_field` items and a `nextPageCursor` that
/// no other page carried, continuing where the sent cursor did (or at the start).
pub(super) fn empty_page(items_field: &str, after: Option<&str>) -> Reply {
    let next = cursor::encode_fresh(after.unwrap_or_default());
    responses::json(
        StatusCode::OK,
        &serde_json::json!({ items_field: [], "nextPageCursor": next }),
    )
}

/// The `nextPageCursor` of a page: empty at the end (inferred from captured
/// responses), or the sent cursor again when a
/// fault asks for it.
pub(super) fn next_cursor(ctx: &Ctx<'_>, last: Option<&str>, more: bool) -> String {
    let next = match last {
        Some(last) if more => cursor::encode(last),
        _ => String::new(),
    };
    if !ctx.faults.repeat_cursor {
        return next;
    }
    match ctx.query.non_empty("cursor") {
        Some(sent) => sent.to_owned(),
        None if next.is_empty() => cursor::encode(""),
        None => next,
    }
}
