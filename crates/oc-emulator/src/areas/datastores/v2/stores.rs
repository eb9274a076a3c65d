//! The data store methods: list (`GET …/data-stores`), delete (`DELETE …/{ds}`),
//! `:undelete` and `:snapshot`
//! (<https://create.roblox.com/docs/cloud/reference/features/data-stores>).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::StatusCode;
use serde_json::{json, Value};

use super::super::state::DataStores;
use super::wire::{store_json, timestamp};
use super::{area, store_name, universe};
use crate::gateway::page_token::{self, PageRequest, PageSizes};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::Ctx;
use crate::gateway::v2_codes::{V2Code, V2Error};
use crate::sync::lock;

/// List data stores: 10 by default, at most 100.
const SIZES: PageSizes = PageSizes {
    default: 10,
    max: 100,
};

/// A data store's state at some instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StoreState {
    /// No such store (or purged).
    Missing,
    /// Readable and writable.
    Active,
    /// Deleted, undeletable until the time.
    Deleted(SystemTime),
}

impl DataStores {
    /// The state of a store at `now`; a store deleted longer ago than its retention is
    /// purged with its entries first.
    pub(crate) fn store_state(&self, universe: u64, name: &str, now: SystemTime) -> StoreState {
        let state = {
            let mut stores = lock(&self.stores);
            let Some(store) = stores.get(&universe).and_then(|s| s.get(name)) else {
                return StoreState::Missing;
            };
            match store.expire_time {
                None => return StoreState::Active,
                Some(expire) if now < expire => return StoreState::Deleted(expire),
                Some(_) => {
                    if let Some(universe_stores) = stores.get_mut(&universe) {
                        universe_stores.remove(name);
                    }
                    StoreState::Missing
                }
            }
        };
        lock(&self.entries).retain(|path, _| !(path.universe == universe && path.store == name));
        state
    }

    /// Marks a store deleted until `now` plus the retention; `false` when it is missing.
    pub(crate) fn delete_store(&self, universe: u64, name: &str, now: SystemTime) -> bool {
        let retention =
            Duration::from_secs(u64::from(self.config.deleted_store_retention_days) * 86_400);
        let mut stores = lock(&self.stores);
        match stores.get_mut(&universe).and_then(|s| s.get_mut(name)) {
            Some(store) => {
                if store.expire_time.is_none() {
                    store.expire_time = Some(now.checked_add(retention).unwrap_or(now));
                }
                true
            }
            None => false,
        }
    }
}

/// 404 when the store is deleted, as its entry methods answer (the service's error name
/// is `DatastoreDeleted`; its status is undocumented: inferred).
pub(super) fn require_live(ctx: &Ctx<'_>, universe: u64, name: &str) -> Result<bool, V2Error> {
    match area(ctx).store_state(universe, name, ctx.state.clock.now()) {
        StoreState::Deleted(_) => Err(V2Error::new(V2Code::NotFound, "The data store is deleted.")),
        StoreState::Active => Ok(true),
        StoreState::Missing => Ok(false),
    }
}

/// The prefix of an `id.startsWith("…")` filter (either quote style); 400 for anything
/// else, the only grammar these lists document.
pub(super) fn prefix_filter(ctx: &Ctx<'_>) -> Result<String, V2Error> {
    let Some(filter) = ctx.query.non_empty("filter") else {
        return Ok(String::new());
    };
    let invalid = || V2Error::invalid_argument("The provided filter is invalid.");
    let inner = filter
        .trim()
        .strip_prefix("id.startsWith(")
        .and_then(|rest| rest.strip_suffix(')'))
        .ok_or_else(invalid)?
        .trim();
    let quote = inner
        .chars()
        .next()
        .filter(|c| *c == '"' || *c == '\'')
        .ok_or_else(invalid)?;
    let body = inner
        .strip_prefix(quote)
        .and_then(|rest| rest.strip_suffix(quote))
        .ok_or_else(invalid)?;
    let mut prefix = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => prefix.push(chars.next().ok_or_else(invalid)?),
            c if c == quote => return Err(invalid()),
            c => prefix.push(c),
        }
    }
    Ok(prefix)
}

/// `showDeleted`, in either spelling.
pub(super) fn show_deleted(ctx: &Ctx<'_>) -> Result<bool, V2Error> {
    let value = match ctx.query.bool("showDeleted") {
        Ok(None) => ctx.query.bool("show_deleted"),
        other => other,
    };
    value
        .map(Option::unwrap_or_default)
        .map_err(|_| V2Error::invalid_argument("Invalid showDeleted."))
}

fn answer(result: Result<Value, V2Error>) -> Reply {
    match result {
        Ok(value) => responses::json(StatusCode::OK, &value),
        Err(error) => error.reply(),
    }
}

/// List the data stores of a universe, by name.
pub(super) fn list(ctx: &Ctx<'_>) -> Reply {
    answer((|| {
        let universe = universe(ctx)?;
        let prefix = prefix_filter(ctx)?;
        let show_deleted = show_deleted(ctx)?;
        let request = PageRequest::from_ctx(ctx, SIZES)?;
        let area = area(ctx);
        let now = ctx.state.clock.now();
        let names: Vec<String> = lock(&area.stores)
            .get(&universe)
            .map(|stores| {
                stores
                    .keys()
                    .filter(|n| n.starts_with(&prefix))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        let mut listed = Vec::with_capacity(names.len());
        for name in names {
            let state = area.store_state(universe, &name, now);
            let shown = match state {
                StoreState::Missing => false,
                StoreState::Active => true,
                StoreState::Deleted(_) => show_deleted,
            };
            if shown {
                listed.push(name);
            }
        }
        let page = page_token::page(&listed, Clone::clone, &request)?;
        let stores = lock(&area.stores);
        let items: Vec<Value> = page
            .items
            .iter()
            .filter_map(|name| {
                let store = stores.get(&universe)?.get(name)?;
                Some(store_json(
                    universe,
                    name,
                    &store.created_time,
                    store.expire_time,
                ))
            })
            .collect();
        let mut body = json!({ "dataStores": items });
        // The last page has no `nextPageToken` (a captured listing).
        if !page.next_page_token.is_empty() {
            body["nextPageToken"] = Value::String(page.next_page_token);
        }
        Ok(body)
    })())
}

/// The resource of one store.
fn one(ctx: &Ctx<'_>, universe: u64, name: &str) -> Result<Value, V2Error> {
    let area = area(ctx);
    let stores = lock(&area.stores);
    let store = stores
        .get(&universe)
        .and_then(|s| s.get(name))
        .ok_or_else(|| V2Error::new(V2Code::NotFound, "The data store does not exist."))?;
    Ok(store_json(
        universe,
        name,
        &store.created_time,
        store.expire_time,
    ))
}

/// Delete a data store: `DELETED` until `expireTime`; a deleted one is answered as it is.
pub(super) fn delete(ctx: &Ctx<'_>) -> Reply {
    answer((|| {
        let universe = universe(ctx)?;
        let name = store_name(ctx)?;
        let area = area(ctx);
        let now = ctx.state.clock.now();
        if area.store_state(universe, &name, now) == StoreState::Missing {
            return Err(V2Error::new(
                V2Code::NotFound,
                "The data store does not exist.",
            ));
        }
        area.delete_store(universe, &name, now);
        one(ctx, universe, &name)
    })())
}

/// Undelete a data store before its `expireTime`; an active one is answered as it is
/// (undocumented; inferred), a purged one is 404.
pub(super) fn undelete(ctx: &Ctx<'_>) -> Reply {
    answer((|| {
        let universe = universe(ctx)?;
        let name = store_name(ctx)?;
        let area = area(ctx);
        if area.store_state(universe, &name, ctx.state.clock.now()) == StoreState::Missing {
            return Err(V2Error::new(
                V2Code::NotFound,
                "The data store does not exist.",
            ));
        }
        if let Some(store) = lock(&area.stores)
            .get_mut(&universe)
            .and_then(|s| s.get_mut(&name))
        {
            store.expire_time = None;
        }
        one(ctx, universe, &name)
    })())
}

/// The UTC day of a time.
fn day(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs()
        / 86_400
}

/// Snapshot a universe's data stores: once per UTC day on the emulator's clock; later
/// calls that day answer `newSnapshotTaken: false` with the earlier time.
pub(super) fn snapshot(ctx: &Ctx<'_>) -> Reply {
    answer((|| {
        let universe = universe(ctx)?;
        crate::gateway::proto_json::message_body(&ctx.body)?;
        let now = ctx.state.clock.now();
        let area = area(ctx);
        let mut snapshots = lock(&area.snapshots);
        let (taken, time) = match snapshots.get(&universe) {
            Some(last) if day(*last) == day(now) => (false, *last),
            _ => {
                snapshots.insert(universe, now);
                (true, now)
            }
        };
        Ok(json!({ "newSnapshotTaken": taken, "latestSnapshotTime": timestamp(time) }))
    })())
}
