//! Standard data stores v1 (<https://create.roblox.com/docs/reference/cloud/datastores-api/v1>):
//! list data stores,
//! `GET /datastores/v1/universes/{universeId}/standard-datastores?cursor=&limit=&prefix=`;
//! the entry and version routes are in the submodules.

#![allow(
    clippy::result_large_err,
    reason = "an error answer ends the request; it is built once and never moved far"
)]

mod config;
mod entries;
mod entry;
mod handle;
mod metadata;
mod params;
pub(crate) mod state;
mod v2;
mod versions;

use http::{Method, StatusCode};
use serde_json::json;

pub use config::{DataStoreConfig, DataStoreEntryConfig, DataStoresConfig};
use state::DataStores;

use crate::gateway::auth::Access;
use crate::gateway::cursor;
use crate::gateway::error_bodies::{self, ErrorShape};
use crate::gateway::rate_limit::{Limit, Per};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::{Ctx, Handler, Route};
use crate::gateway::state::State;
use crate::sync::lock;

/// Creates the configured data stores and entries.
pub(crate) fn seed(
    config: &DataStoresConfig,
    stores: &[DataStoreConfig],
    entries: &[DataStoreEntryConfig],
    state: &State,
) {
    let area = DataStores {
        config: config.clone(),
        ..DataStores::default()
    };
    for store in stores {
        area.add_store(&state.world, store.universe, &store.name, state.clock.now());
        if store.deleted {
            area.delete_store(store.universe, &store.name, state.clock.now());
        }
    }
    for entry in entries {
        area.seed_entry(&state.world, entry, state.clock.now());
    }
    state.areas.insert(area);
}

/// The page size when `limit` is absent: the OpenAPI default (the data stores
/// reference).
const DEFAULT_LIMIT: i64 = 1;

/// Reads of every data store route share one window per universe
/// (<https://create.roblox.com/docs/cloud/reference/rate-limits>).
const READS_PER_UNIVERSE: Limit = Limit {
    bucket: "datastores.reads",
    per: Per::Universe,
    per_minute: |c| c.datastores_per_universe_reads,
};

/// The data store routes.
pub(crate) const ROUTES: &[Route] = &[
    LIST,
    entries::LIST_ENTRIES,
    entry::GET,
    entry::SET,
    entry::DELETE,
    entry::INCREMENT,
    versions::LIST_VERSIONS,
    versions::GET_VERSION,
];

/// The data stores v2 routes (they share the v1 routes' state).
pub(crate) use v2::ROUTES as V2_ROUTES;

/// Writes of every data store route share one window per universe
/// (<https://create.roblox.com/docs/cloud/reference/rate-limits>).
const WRITES_PER_UNIVERSE: Limit = Limit {
    bucket: "datastores.writes",
    per: Per::Universe,
    per_minute: |c| c.datastores_per_universe_writes,
};

/// List the standard data stores of a universe.
const LIST: Route = Route {
    name: "datastores.list",
    method: Method::GET,
    path: "/datastores/v1/universes/{universeId}/standard-datastores",
    access: Access::ApiKey {
        scope: "universe-datastores.control:list",
    },
    universe_param: Some("universeId"),
    shape: ErrorShape::ErrorDetails,
    limits: &[
        READS_PER_UNIVERSE,
        Limit {
            bucket: "datastores.list",
            per: Per::Credential,
            per_minute: |c| c.datastores_per_owner,
        },
    ],
    max_body: 64 * 1024,
    handler: Handler::Buffered(list),
};

fn list(ctx: &Ctx<'_>) -> Reply {
    let universe = ctx.universe.unwrap_or_default();
    if !ctx.state.world.has_universe(universe) {
        // A wrong universe gets the same 403 (inferred) as a missing scope.
        return ErrorShape::ErrorDetails
            .forbidden("universe-datastores.control:list", Some(universe));
    }
    // No message text is documented for a bad limit; the code is the one clients
    // match on (inferred).
    let limit = match ctx.query.int("limit") {
        Ok(limit) => limit.unwrap_or(DEFAULT_LIMIT),
        Err(_) => return invalid("InvalidLimit", "Invalid limit."),
    };
    let Ok(limit) = usize::try_from(limit) else {
        return invalid("InvalidLimit", "Invalid limit.");
    };
    if limit == 0 {
        return invalid("InvalidLimit", "Invalid limit.");
    }
    let sent_cursor = ctx.query.non_empty("cursor");
    let after = match sent_cursor.map(cursor::decode) {
        None => None,
        Some(Some(position)) => Some(position),
        Some(None) => return invalid("InvalidCursor", "Invalid cursor."),
    };
    let prefix = ctx.query.get("prefix").unwrap_or_default();
    if ctx.faults.empty_pages {
        return params::empty_page("datastores", after.as_deref());
    }

    let area = ctx.area::<DataStores>();

    let stores = lock(&area.stores);
    let mut matching = stores
        .get(&universe)
        .into_iter()
        .flatten()
        .filter(|(name, _)| name.starts_with(prefix))
        // A data store deleted through v2 is listed by v2 only (with `showDeleted`).
        .filter(|(_, store)| store.expire_time.is_none())
        .filter(|(name, _)| after.as_deref().is_none_or(|after| name.as_str() > after));
    let page: Vec<_> = matching.by_ref().take(limit).collect();
    let more = matching.next().is_some();
    let mut next = match page.last() {
        Some((last, _)) if more => cursor::encode(last),
        // The last page carries `"nextPageCursor":""` (inferred from captured responses).
        _ => String::new(),
    };
    if ctx.faults.repeat_cursor {
        next = match sent_cursor {
            Some(sent) => sent.to_owned(),
            None if next.is_empty() => cursor::encode(""),
            None => next,
        };
    }
    let datastores: Vec<_> = page
        .iter()
        .map(|(name, store)| json!({ "name": name, "createdTime": store.created_time }))
        .collect();
    responses::json(
        StatusCode::OK,
        &json!({ "datastores": datastores, "nextPageCursor": next }),
    )
}

fn invalid(code: &str, message: &str) -> Reply {
    error_bodies::data_store(StatusCode::BAD_REQUEST, code, message)
}
