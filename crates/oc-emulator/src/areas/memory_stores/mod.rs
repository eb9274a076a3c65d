//! Memory stores through Open Cloud v2
//! (<https://create.roblox.com/docs/cloud/reference/features/memory-store>,
//! <https://create.roblox.com/docs/cloud-services/memory-stores>): queues (add, read,
//! discard), sorted maps (list, create, get, update, delete) and the flush of a
//! universe's memory store through a long-running operation. API keys only.
//!
//! * Each universe has LIVE and TEST data; the item methods use LIVE, a flush names
//!   either (`scope`, LIVE by default).
//! * Expirations run on the emulator's clock. A queue serves the highest priority first,
//!   then the order items were added in. A read hides what it returns for its
//!   invisibility window; its read id discards exactly the items it still holds, and is
//!   404 once used, unknown, or past the window (inferred: the service documents no
//!   answer for these).
//! * The live service answers a read with `{"id":…,"data":[…]}` where the reference shows
//!   `{"readId":…,"items":[…]}`: both pairs are written (`strict_read_response` keeps only
//!   the reference's).
//! * Queue adds are also answered at `…/items:add`, and body names in any case
//!   (`Data`, `Ttl`), `value` for `data`, as clients send them. A discard takes its read
//!   id from the body or the query, and a read its window as `invisibilityWindow` or
//!   `invisibilityTimeoutSeconds` (which wins), as clients send them.
//! * Quotas: the memory quota (`64 KB + 1.2 KB × users`), the items and bytes of one
//!   structure, and the request units per minute (`1000 + 120 × CCU`, a read costing one
//!   per item returned) answer 429 `RESOURCE_EXHAUSTED` naming the status
//!   (`TotalMemoryOverLimit`, …); an oversized value or key answers 400. The memory quota
//!   and the request units apply while the emulator's rate limits are on, so that a load
//!   test with them off is not refused for its volume.

#![allow(
    clippy::result_large_err,
    reason = "an error answer ends the request; it is built once and never moved far"
)]

mod config;
mod handle;
mod order;
mod state;
mod wire;

use http::{Method, StatusCode};
use serde_json::{json, Map, Value};
use time::Duration;

pub use config::{
    MemoryStoreErrorKey, MemoryStoreQueueItemConfig, MemoryStoreScope,
    MemoryStoreSortedMapItemConfig, MemoryStoresConfig,
};
pub use handle::{MemoryStoreQueueItemState, MemoryStoreSortedMapItemState};
use order::{descending, order_key, Desc, Filter};
use state::{MapWrite, MemoryStores, Quota, SpaceKey, WriteAt, WriteMode};

use crate::gateway::auth::Access;
use crate::gateway::error_bodies::ErrorShape;
use crate::gateway::field_mask::field;
use crate::gateway::operations::OperationOutcome;
use crate::gateway::page_token::{self, PageRequest, PageSizes};
use crate::gateway::proto_json::{message_body, parse_duration};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::{Ctx, Handler, Route};
use crate::gateway::state::State;
use crate::gateway::v2_codes::{V2Code, V2Error};

/// Sets the area's state up, with the configured items (and their universes).
pub(crate) fn seed(config: &MemoryStoresConfig, state: &State) {
    let store = MemoryStores::new(config);
    let now = state.clock.now_utc();
    for item in &config.queue_items {
        state.world.ensure_universe(item.universe);
        handle::seed_queue_item(&store, item, now);
    }
    for item in &config.sorted_map_items {
        state.world.ensure_universe(item.universe);
        handle::seed_map_item(&store, item, now);
    }
    state.areas.insert(store);
}

const QUEUE_ADD: &str = "memory-store.queue:add";
const QUEUE_DEQUEUE: &str = "memory-store.queue:dequeue";
const QUEUE_DISCARD: &str = "memory-store.queue:discard";
const MAP_READ: &str = "memory-store.sorted-map:read";
const MAP_WRITE: &str = "memory-store.sorted-map:write";
/// The reference names `memory-store:flush`; the API-key guide names
/// `universe.memory-store:flush`. Either is accepted.
const FLUSH: &str = "memory-store:flush|universe.memory-store:flush";

const MAP: &str = "/cloud/v2/universes/{universeId}/memory-store/sorted-maps/{sortedMapId}/items";
const MAP_ITEM: &str =
    "/cloud/v2/universes/{universeId}/memory-store/sorted-maps/{sortedMapId}/items/{itemId}";

/// A route of this area: API keys only, no per-owner limit (the published one is
/// 1,000,000 a minute); the request units are the area's own.
const fn route(
    name: &'static str,
    method: Method,
    path: &'static str,
    scope: &'static str,
    handler: fn(&Ctx<'_>) -> Reply,
) -> Route {
    Route {
        name,
        method,
        path,
        access: Access::ApiKey { scope },
        universe_param: Some("universeId"),
        shape: ErrorShape::V2,
        limits: &[],
        // Values are at most 32 KB by default, escaped in JSON; the handler applies the
        // configured limit.
        max_body: 4 * 1024 * 1024,
        handler: Handler::Buffered(handler),
    }
}

/// The memory-store routes.
#[rustfmt::skip]
pub(crate) const ROUTES: &[Route] = &[
    route("memory_stores.queue.add", Method::POST, "/cloud/v2/universes/{universeId}/memory-store/queues/{queueId}/items", QUEUE_ADD, queue_add),
    route("memory_stores.queue.add_alias", Method::POST, "/cloud/v2/universes/{universeId}/memory-store/queues/{queueId}/items:add", QUEUE_ADD, queue_add),
    route("memory_stores.queue.read", Method::GET, "/cloud/v2/universes/{universeId}/memory-store/queues/{queueId}/items:read", QUEUE_DEQUEUE, queue_read),
    route("memory_stores.queue.discard", Method::POST, "/cloud/v2/universes/{universeId}/memory-store/queues/{queueId}/items:discard", QUEUE_DISCARD, queue_discard),
    route("memory_stores.sorted_map.list", Method::GET, MAP, MAP_READ, map_list),
    route("memory_stores.sorted_map.create", Method::POST, MAP, MAP_WRITE, map_create),
    route("memory_stores.sorted_map.get", Method::GET, MAP_ITEM, MAP_READ, map_get),
    route("memory_stores.sorted_map.update", Method::PATCH, MAP_ITEM, MAP_WRITE, map_update),
    route("memory_stores.sorted_map.delete", Method::DELETE, MAP_ITEM, MAP_WRITE, map_delete),
    route("memory_stores.flush", Method::POST, "/cloud/v2/universes/{universeId}/memory-store:flush", FLUSH, flush),
    route("memory_stores.operation", Method::GET, "/cloud/v2/universes/{universeId}/memory-store/operations/{operationId}", "", operation),
    // The path a flush answered with in a capture of the live service.
    route("memory_stores.operation_captured", Method::GET, "/cloud/v2/universes/{universeId}/operations/{operationId}", "", operation),
];

/// The answer of a handler: JSON, or an error in the configured body shape.
fn answer(ctx: &Ctx<'_>, result: Result<Reply, V2Error>) -> Reply {
    match result {
        Ok(reply) => reply,
        Err(error) => error_reply(&ctx.area::<MemoryStores>(), &error),
    }
}

/// An error body naming its code with `code` (v2) or `error` (configurable: one client
/// reads memory-store errors from `error`).
fn error_reply(store: &MemoryStores, error: &V2Error) -> Reply {
    match store.config.error_key {
        MemoryStoreErrorKey::Code => error.reply(),
        MemoryStoreErrorKey::Error => responses::json(
            error.code.status(),
            &json!({ "error": error.code.name(), "message": error.message }),
        ),
    }
}

fn ok(value: &Value) -> Result<Reply, V2Error> {
    Ok(responses::json(StatusCode::OK, value))
}

/// The universe of the path (which must exist), its LIVE data, and the store, after
/// spending one request unit.
fn live(ctx: &Ctx<'_>) -> Result<(u64, SpaceKey, std::sync::Arc<MemoryStores>), V2Error> {
    let universe = ctx.universe.unwrap_or_default();
    if !ctx.state.world.has_universe(universe) {
        return Err(V2Error::new(
            V2Code::NotFound,
            "The universe does not exist.",
        ));
    }
    let store = ctx.area::<MemoryStores>();
    if ctx.state.limiter.is_enabled() {
        store.spend_units(universe, 1, true, ctx.state.clock.now_utc())?;
    }
    Ok((universe, (universe, MemoryStoreScope::Live), store))
}

/// Now, and the memory quota, which applies while the emulator's rate limits are on.
fn write_at(ctx: &Ctx<'_>) -> WriteAt {
    WriteAt {
        now: ctx.state.clock.now_utc(),
        quota: if ctx.state.limiter.is_enabled() {
            Quota::Enforced
        } else {
            Quota::Lifted
        },
    }
}

/// A name or key of the path, decoded: `+` reads as a space unless turned off
/// (inferred: a client encodes keys with `+` for spaces).
fn name_param(
    ctx: &Ctx<'_>,
    store: &MemoryStores,
    name: &str,
    what: &str,
) -> Result<String, V2Error> {
    let raw = ctx
        .params
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| *v)
        .unwrap_or_default();
    let raw = if store.config.plus_as_space {
        raw.replace('+', "%20")
    } else {
        raw.to_owned()
    };
    let decoded = percent_encoding::percent_decode_str(&raw)
        .decode_utf8()
        .map_err(|_| {
            V2Error::invalid_argument(format!("InvalidRequest: the {what} is not UTF-8."))
        })?
        .into_owned();
    if decoded.is_empty() {
        return Err(V2Error::invalid_argument(format!(
            "InvalidRequest: the {what} is empty."
        )));
    }
    Ok(decoded)
}

fn check_key(key: &str, store: &MemoryStores) -> Result<(), V2Error> {
    if key.is_empty() || key.chars().count() > store.config.max_key_chars {
        return Err(V2Error::invalid_argument(format!(
            "InvalidRequest: the key must be 1 to {} characters.",
            store.config.max_key_chars
        )));
    }
    Ok(())
}

fn queue_add(ctx: &Ctx<'_>) -> Reply {
    answer(
        ctx,
        (|| {
            let (universe, space, store) = live(ctx)?;
            let queue = name_param(ctx, &store, "queueId", "queue")?;
            let body = message_body(&ctx.body)?;
            let data = field(&body, "data")
                .or_else(|| field(&body, "value"))
                .cloned()
                .unwrap_or(Value::Null);
            wire::check_value_size(&data, &store.config)?;
            let priority = match field(&body, "priority") {
                None | Some(Value::Null) => 0.0,
                Some(value) => value.as_f64().filter(|p| p.is_finite()).ok_or_else(|| {
                    V2Error::invalid_argument("InvalidRequest: priority is not a number.")
                })?,
            };
            let ttl = wire::ttl_of(&body, &store.config)?;
            let item = store.add(space, &queue, data, priority, ttl, write_at(ctx))?;
            ok(&wire::queue_item_json(universe, &queue, &item))
        })(),
    )
}

fn queue_read(ctx: &Ctx<'_>) -> Reply {
    answer(
        ctx,
        (|| {
            let (universe, space, store) = live(ctx)?;
            let queue = name_param(ctx, &store, "queueId", "queue")?;
            let count = match ctx.query.int("count") {
                Ok(None) | Ok(Some(0)) => 1,
                Ok(Some(count)) if count > 0 => u64::try_from(count).unwrap_or(u64::MAX),
                _ => {
                    return Err(V2Error::invalid_argument(
                        "InvalidRequest: count is invalid.",
                    ))
                }
            }
            .min(store.config.max_read_count.max(1));
            let all_or_nothing = match (
                ctx.query.bool("allOrNothing"),
                ctx.query.bool("all_or_nothing"),
            ) {
                (Ok(Some(value)), _) | (Ok(None), Ok(Some(value))) => value,
                (Ok(None), Ok(None)) => false,
                _ => {
                    return Err(V2Error::invalid_argument(
                        "InvalidRequest: allOrNothing is not a boolean.",
                    ))
                }
            };
            let window = invisibility_window(ctx, &store)?;
            let now = ctx.state.clock.now_utc();
            let count = usize::try_from(count).unwrap_or(usize::MAX);
            let (read_id, items) = store.read(space, &queue, count, all_or_nothing, window, now)?;
            if ctx.state.limiter.is_enabled() && items.len() > 1 {
                store.spend_units(universe, items.len() as u64 - 1, false, now)?;
            }
            // The reference and the live service disagree on the answer: the reference's
            // `readId` and `items`, then (unless strict) the live `id` and `data`. An empty
            // read is 200 with no read id (inferred: one client also handles 204).
            let mut object = Map::new();
            if let Some(read_id) = &read_id {
                object.insert("readId".into(), json!(read_id));
            }
            object.insert(
                "items".into(),
                Value::Array(
                    items
                        .iter()
                        .map(|item| wire::queue_item_json(universe, &queue, item))
                        .collect(),
                ),
            );
            if !store.config.strict_read_response {
                if let Some(read_id) = &read_id {
                    object.insert("id".into(), json!(read_id));
                }
                object.insert(
                    "data".into(),
                    Value::Array(items.into_iter().map(|item| item.data).collect()),
                );
            }
            ok(&Value::Object(object))
        })(),
    )
}

/// A read's invisibility window: `invisibilityTimeoutSeconds` (what clients send) wins
/// over `invisibilityWindow` (the reference's); whole seconds, more than 0.
fn invisibility_window(ctx: &Ctx<'_>, store: &MemoryStores) -> Result<Duration, V2Error> {
    let invalid = || {
        V2Error::invalid_argument(
            "InvalidRequest: the invisibility window must be a whole number of seconds, more than 0.",
        )
    };
    let seconds = match ctx
        .query
        .non_empty("invisibilityTimeoutSeconds")
        .or_else(|| ctx.query.non_empty("invisibility_timeout_seconds"))
    {
        Some(text) => text.trim().parse::<i64>().map_err(|_| invalid())?,
        None => match ctx
            .query
            .non_empty("invisibilityWindow")
            .or_else(|| ctx.query.non_empty("invisibility_window"))
        {
            Some(text) => {
                let window = parse_duration(text).ok_or_else(invalid)?;
                if window.subsec_nanoseconds() != 0 {
                    return Err(invalid());
                }
                window.whole_seconds()
            }
            None => i64::try_from(store.config.default_invisibility_secs).unwrap_or(30),
        },
    };
    if seconds <= 0 {
        return Err(invalid());
    }
    Ok(Duration::seconds(seconds))
}

fn queue_discard(ctx: &Ctx<'_>) -> Reply {
    answer(
        ctx,
        (|| {
            let (_, space, store) = live(ctx)?;
            let queue = name_param(ctx, &store, "queueId", "queue")?;
            let body = message_body(&ctx.body)?;
            // The reference puts the read id in the body, clients in the query: either.
            // Inferred: an unknown, used or lapsed read id is 404 (undocumented).
            let read_id = field(&body, "readId")
                .and_then(Value::as_str)
                .filter(|id| !id.is_empty())
                .map(str::to_owned)
                .or_else(|| ctx.query.non_empty("readId").map(str::to_owned))
                .or_else(|| ctx.query.non_empty("read_id").map(str::to_owned))
                .ok_or_else(|| V2Error::invalid_argument("InvalidRequest: readId is required."))?;
            store.discard(space, &queue, &read_id, ctx.state.clock.now_utc())?;
            Ok(responses::empty(StatusCode::OK))
        })(),
    )
}

fn map_list(ctx: &Ctx<'_>) -> Reply {
    answer(
        ctx,
        (|| {
            let (universe, space, store) = live(ctx)?;
            let map = name_param(ctx, &store, "sortedMapId", "sorted map")?;
            let desc = descending(
                ctx.query
                    .get("orderBy")
                    .or_else(|| ctx.query.get("order_by")),
            )?;
            let filter = Filter::parse(ctx.query.get("filter").unwrap_or_default())?;
            let sizes = PageSizes {
                default: store.config.default_page_size.max(1),
                max: store.config.max_page_size.max(1),
            };
            let request = PageRequest::from_ctx(ctx, sizes)?;
            let now = ctx.state.clock.now_utc();
            let rows: Vec<_> = store
                .map_items(space, &map, now)
                .into_iter()
                .filter(|(key, item)| filter.keeps(key, &item.sort_key))
                .map(|(key, item)| (order_key(&key, &item.sort_key), key, item))
                .collect();
            let (items, token) = if desc {
                let mut rows: Vec<_> = rows
                    .into_iter()
                    .map(|(k, key, item)| (Desc(k), key, item))
                    .collect();
                rows.sort_by(|a, b| a.0.cmp(&b.0));
                let page = page_token::page(&rows, |(k, _, _)| k.clone(), &request)?;
                (
                    page.items
                        .iter()
                        .map(|(_, key, item)| wire::map_item_json(universe, &map, key, item))
                        .collect::<Vec<_>>(),
                    page.next_page_token,
                )
            } else {
                let mut rows = rows;
                rows.sort_by(|a, b| a.0.cmp(&b.0));
                let page = page_token::page(&rows, |(k, _, _)| k.clone(), &request)?;
                (
                    page.items
                        .iter()
                        .map(|(_, key, item)| wire::map_item_json(universe, &map, key, item))
                        .collect::<Vec<_>>(),
                    page.next_page_token,
                )
            };
            if ctx.state.limiter.is_enabled() && items.len() > 1 {
                store.spend_units(universe, items.len() as u64 - 1, false, now)?;
            }
            let mut object = Map::new();
            object.insert("items".into(), Value::Array(items));
            if !token.is_empty() {
                object.insert("nextPageToken".into(), json!(token));
            }
            ok(&Value::Object(object))
        })(),
    )
}

/// The value, sort key and expiration of a create or update body.
fn map_write_of(body: &Map<String, Value>, store: &MemoryStores) -> Result<MapWrite, V2Error> {
    let value = field(body, "value").cloned().unwrap_or(Value::Null);
    wire::check_value_size(&value, &store.config)?;
    Ok(MapWrite {
        value,
        sort_key: wire::sort_key_of(body, &store.config)?,
        ttl: wire::ttl_of(body, &store.config)?,
    })
}

fn map_create(ctx: &Ctx<'_>) -> Reply {
    answer(
        ctx,
        (|| {
            let (universe, space, store) = live(ctx)?;
            let map = name_param(ctx, &store, "sortedMapId", "sorted map")?;
            let body = message_body(&ctx.body)?;
            // The reference puts the key in `?id=`; clients put it in the body (`Id`), and the
            // live service takes it from there: the query first, then the body.
            let key = ctx
                .query
                .non_empty("id")
                .map(str::to_owned)
                .or_else(|| {
                    field(&body, "id")
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                })
                .ok_or_else(|| {
                    V2Error::invalid_argument("InvalidRequest: the item id is required.")
                })?;
            check_key(&key, &store)?;
            let write = map_write_of(&body, &store)?;
            let item =
                store.map_write(space, &map, &key, write, WriteMode::Create, write_at(ctx))?;
            ok(&wire::map_item_json(universe, &map, &key, &item))
        })(),
    )
}

fn map_get(ctx: &Ctx<'_>) -> Reply {
    answer(
        ctx,
        (|| {
            let (universe, space, store) = live(ctx)?;
            let map = name_param(ctx, &store, "sortedMapId", "sorted map")?;
            let key = name_param(ctx, &store, "itemId", "item id")?;
            let item = store
                .map_get(space, &map, &key, ctx.state.clock.now_utc())
                .ok_or_else(|| {
                    V2Error::new(V2Code::NotFound, "NoItemFound: the item does not exist.")
                })?;
            ok(&wire::map_item_json(universe, &map, &key, &item))
        })(),
    )
}

fn map_update(ctx: &Ctx<'_>) -> Reply {
    answer(
        ctx,
        (|| {
            let (universe, space, store) = live(ctx)?;
            let map = name_param(ctx, &store, "sortedMapId", "sorted map")?;
            let key = name_param(ctx, &store, "itemId", "item id")?;
            check_key(&key, &store)?;
            let allow_missing = match ctx.query.bool("allowMissing") {
                Ok(value) => value.unwrap_or(false),
                Err(_) => {
                    return Err(V2Error::invalid_argument(
                        "InvalidRequest: allowMissing is not a boolean.",
                    ))
                }
            };
            let body = message_body(&ctx.body)?;
            // No update mask: the body replaces the item, and a sort key left out is removed.
            let write = map_write_of(&body, &store)?;
            let item = store.map_write(
                space,
                &map,
                &key,
                write,
                WriteMode::Update { allow_missing },
                write_at(ctx),
            )?;
            ok(&wire::map_item_json(universe, &map, &key, &item))
        })(),
    )
}

fn map_delete(ctx: &Ctx<'_>) -> Reply {
    answer(
        ctx,
        (|| {
            let (_, space, store) = live(ctx)?;
            let map = name_param(ctx, &store, "sortedMapId", "sorted map")?;
            let key = name_param(ctx, &store, "itemId", "item id")?;
            // Inferred: `etag` is not in the reference, but clients send it for a conditional
            // delete; a missing item deletes as done, as the engine's RemoveAsync does.
            store.map_delete(
                space,
                &map,
                &key,
                ctx.query.non_empty("etag"),
                ctx.state.clock.now_utc(),
            )?;
            Ok(responses::empty(StatusCode::OK))
        })(),
    )
}

/// The scope of a flush or its operation: LIVE (the default) or TEST.
fn scope_of(ctx: &Ctx<'_>) -> Result<MemoryStoreScope, V2Error> {
    match ctx.query.non_empty("scope") {
        None => Ok(MemoryStoreScope::Live),
        Some(scope) if scope.eq_ignore_ascii_case("LIVE") => Ok(MemoryStoreScope::Live),
        Some(scope) if scope.eq_ignore_ascii_case("TEST") => Ok(MemoryStoreScope::Test),
        Some(_) => Err(V2Error::invalid_argument(
            "InvalidRequest: scope must be LIVE or TEST.",
        )),
    }
}

fn flush(ctx: &Ctx<'_>) -> Reply {
    answer(
        ctx,
        (|| {
            let (universe, _, store) = live(ctx)?;
            let scope = scope_of(ctx)?;
            store.flush((universe, scope));
            let operation = store.operations.start(
                &format!("cloud/v2/universes/{universe}/memory-store"),
                OperationOutcome::Response {
                    type_url:
                        "type.googleapis.com/roblox.open_cloud.cloud.v2.FlushMemoryStoreResponse",
                    fields: Map::new(),
                },
                ctx.state.clock.now(),
            );
            ok(&operation)
        })(),
    )
}

/// A flush operation, at the documented path or the one a capture shows.
fn operation(ctx: &Ctx<'_>) -> Reply {
    answer(
        ctx,
        (|| {
            let (universe, _, store) = live(ctx)?;
            scope_of(ctx)?;
            let id = ctx.param("operationId").unwrap_or_default();
            let path = format!("cloud/v2/universes/{universe}/memory-store/operations/{id}");
            let operation = store
                .operations
                .poll(&path, ctx.state.clock.now())
                .ok_or_else(|| V2Error::new(V2Code::NotFound, "The operation does not exist."))?;
            ok(&operation)
        })(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_routes_are_v2_and_api_key_only() {
        for route in ROUTES {
            assert!(route.path.starts_with("/cloud/v2/universes/{universeId}"));
            assert!(matches!(route.access, Access::ApiKey { .. }));
        }
    }
}
