//! Ordered data stores v2
//! (<https://create.roblox.com/docs/cloud/reference/OrderedDataStoreEntry>): list, create,
//! get, update, increment and delete entries under
//! `/cloud/v2/universes/{universeId}/ordered-data-stores/{orderedDataStore}/scopes/{scope}/entries`.
//!
//! The entries are the v1 routes' own ([`OrderedStore`]): a value written through one
//! version reads back through the other. What v2 does differently:
//!
//! * v2 error bodies (`{"code":"INVALID_ARGUMENT","message":…}`), API keys only;
//! * a create of an existing entry is 400 `INVALID_ARGUMENT` (as documented), a delete of
//!   a missing one 404 (v1 answers 200);
//! * values are any `i64` (v1 takes none below 0); a fractional `value` is rounded half
//!   away from zero (the reference says "rounded to the nearest integer"; the rounding
//!   mode is inferred), a fractional `amount` is refused;
//! * an increment past the `i64` range answers the value clamped to it, and the unclamped
//!   sum is kept for the next increment, as the reference's known issue describes ("the
//!   backend may persist the original value"); gets and lists read the clamped value;
//! * lists sort by value (`orderBy=value`, the default, or `value desc`), equal values by
//!   entry id ascending (inferred), page with v2 page tokens bound to the other
//!   parameters, and take the `filter` `entry >= N && entry <= N`;
//! * names, scopes and ids are counted in characters, at most 50 each
//!   (`[ordered_datastores]`).

#![allow(
    clippy::result_large_err,
    reason = "an error answer ends the request; it is built once and never moved far"
)]

mod filter;
mod settings;
mod value;

use http::{Method, StatusCode};
use serde_json::{json, Value};

pub(super) use settings::{OrderedV2Settings, Unclamped};
use value::Fraction;

use super::state::{OrderedScope, OrderedStore};
use super::{route, READ, READS, WRITE, WRITES};
use crate::gateway::error_bodies::ErrorShape;
use crate::gateway::page_token::{self, PageRequest, PageSizes};
use crate::gateway::rate_limit::{Limit, Per};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::{Ctx, Route};
use crate::gateway::v2_codes::{V2Code, V2Error};
use crate::sync::lock;

/// 10 entries a page by default, at most 100.
const SIZES: PageSizes = PageSizes {
    default: 10,
    max: 100,
};

macro_rules! limits {
    ($universe:ident, $bucket:literal) => {
        &[
            $universe,
            Limit {
                bucket: $bucket,
                per: Per::Credential,
                per_minute: |c| c.ordered_datastores_per_owner,
            },
        ]
    };
}

const BASE: &str =
    "/cloud/v2/universes/{universeId}/ordered-data-stores/{orderedDataStore}/scopes/{scope}/entries";
const ENTRY: &str = "/cloud/v2/universes/{universeId}/ordered-data-stores/{orderedDataStore}/scopes/{scope}/entries/{entry}";

/// A route of the v1 table's form that answers v2 error bodies.
const fn v2(mut route: Route) -> Route {
    route.shape = ErrorShape::V2;
    route
}

/// The v2 routes. Increment comes before the entry routes so that `{entry}:increment` is
/// not taken for an entry id.
#[rustfmt::skip]
pub(crate) const ROUTES: &[Route] = &[
    v2(route("ordered_v2.entries.list", Method::GET, BASE, READ, limits!(READS, "ordered_v2.entries.list"), list)),
    v2(route("ordered_v2.entry.create", Method::POST, BASE, WRITE, limits!(WRITES, "ordered_v2.entry.create"), create)),
    v2(route("ordered_v2.entry.increment", Method::POST, "/cloud/v2/universes/{universeId}/ordered-data-stores/{orderedDataStore}/scopes/{scope}/entries/{entry}:increment", WRITE, limits!(WRITES, "ordered_v2.entry.increment"), increment)),
    v2(route("ordered_v2.entry.get", Method::GET, ENTRY, READ, limits!(READS, "ordered_v2.entry.get"), get)),
    v2(route("ordered_v2.entry.update", Method::PATCH, ENTRY, WRITE, limits!(WRITES, "ordered_v2.entry.update"), update)),
    v2(route("ordered_v2.entry.delete", Method::DELETE, ENTRY, WRITE, limits!(WRITES, "ordered_v2.entry.delete"), delete)),
];

fn answer(result: Result<Value, V2Error>) -> Reply {
    match result {
        Ok(value) => responses::json(StatusCode::OK, &value),
        Err(error) => error.reply(),
    }
}

/// A name, scope or id: 1 to `max` characters.
fn checked(value: Option<String>, max: usize, what: &str) -> Result<String, V2Error> {
    match value {
        Some(v) if !v.is_empty() && v.chars().count() <= max => Ok(v),
        _ => Err(V2Error::invalid_argument(format!("Invalid {what}."))),
    }
}

/// The universe (which the key must reach), store and scope of the path, checked.
fn scope_of(ctx: &Ctx<'_>, needed: &str) -> Result<OrderedScope, Reply> {
    let universe = ctx.universe.unwrap_or_default();
    if !ctx.state.world.has_universe(universe) {
        return Err(ErrorShape::V2.forbidden(needed, Some(universe)));
    }
    let settings = ctx.area::<OrderedV2Settings>();
    let max = settings.config.max_name_chars;
    let store = checked(
        ctx.param("orderedDataStore"),
        max,
        "ordered data store name",
    )?;
    let scope = checked(ctx.param("scope"), max, "scope")?;
    Ok((universe, store, scope))
}

fn entry_id(ctx: &Ctx<'_>, id: Option<String>) -> Result<String, V2Error> {
    let max = ctx.area::<OrderedV2Settings>().config.max_entry_id_chars;
    checked(id, max, "entry ID")
}

/// The entry resource: `value` is always sent, 0 too (a oneof member).
fn entry_json(scope: &OrderedScope, id: &str, value: i64) -> Value {
    let path = format!(
        "universes/{}/ordered-data-stores/{}/scopes/{}/entries/{id}",
        scope.0, scope.1, scope.2
    );
    json!({ "path": path, "value": value, "id": id })
}

fn not_found() -> V2Error {
    V2Error::new(V2Code::NotFound, "Entry not found.")
}

fn list(ctx: &Ctx<'_>) -> Reply {
    let scope = match scope_of(ctx, READ) {
        Ok(scope) => scope,
        Err(reply) => return reply,
    };
    answer((|| {
        let descending = filter::parse_order_by(ctx.query.get("orderBy"))
            .ok_or_else(|| V2Error::invalid_argument("The provided orderBy is invalid."))?;
        let (min, max) = match ctx.query.non_empty("filter") {
            None => (None, None),
            Some(text) => filter::parse_filter(text)
                .ok_or_else(|| V2Error::invalid_argument("The provided filter is invalid."))?,
        };
        let request = PageRequest::from_ctx(ctx, SIZES)?;
        let area = ctx.area::<OrderedStore>();
        let entries = lock(&area.entries);
        // Sorted ascending by the page key: (value, id), or (!value, id) to have the
        // highest value first while equal values stay in id order.
        let mut sorted: Vec<((i64, &str), i64)> = entries
            .get(&scope)
            .into_iter()
            .flatten()
            .filter(|(_, value)| {
                min.is_none_or(|m| **value >= m) && max.is_none_or(|m| **value <= m)
            })
            .map(|(id, value)| {
                let order = if descending { !*value } else { *value };
                ((order, id.as_str()), *value)
            })
            .collect();
        sorted.sort_unstable();
        let page = page_token::page(
            &sorted,
            |((order, id), _)| (*order, (*id).to_owned()),
            &request,
        )?;
        let items: Vec<Value> = page
            .items
            .iter()
            .map(|((_, id), value)| entry_json(&scope, id, *value))
            .collect();
        let mut body = json!({ "orderedDataStoreEntries": items });
        if !page.next_page_token.is_empty() {
            body["nextPageToken"] = json!(page.next_page_token);
        }
        Ok(body)
    })())
}

fn create(ctx: &Ctx<'_>) -> Reply {
    let scope = match scope_of(ctx, WRITE) {
        Ok(scope) => scope,
        Err(reply) => return reply,
    };
    answer((|| {
        let id = entry_id(ctx, ctx.query.get("id").map(str::to_owned))?;
        let value = value::body_number(&ctx.body, "value", Fraction::Round)?;
        let area = ctx.area::<OrderedStore>();
        let mut ordered = lock(&area.entries);
        let entries = ordered.entry(scope.clone()).or_default();
        if entries.contains_key(&id) {
            // Documented: "Returns a 400 Bad Request if the entry exists."
            return Err(V2Error::invalid_argument("Entry already exists."));
        }
        entries.insert(id.clone(), value);
        ctx.area::<Unclamped>().forget(&scope, &id);
        Ok(entry_json(&scope, &id, value))
    })())
}

fn get(ctx: &Ctx<'_>) -> Reply {
    let scope = match scope_of(ctx, READ) {
        Ok(scope) => scope,
        Err(reply) => return reply,
    };
    answer((|| {
        let id = entry_id(ctx, ctx.param("entry"))?;
        let area = ctx.area::<OrderedStore>();
        let ordered = lock(&area.entries);
        match ordered.get(&scope).and_then(|e| e.get(&id)) {
            Some(value) => Ok(entry_json(&scope, &id, *value)),
            None => Err(not_found()),
        }
    })())
}

fn update(ctx: &Ctx<'_>) -> Reply {
    let scope = match scope_of(ctx, WRITE) {
        Ok(scope) => scope,
        Err(reply) => return reply,
    };
    answer((|| {
        let id = entry_id(ctx, ctx.param("entry"))?;
        // `allowMissing`, or `allow_missing` as the v1 routes spell it.
        let allow_missing = match ctx.query.bool("allowMissing") {
            Ok(None) => ctx.query.bool("allow_missing"),
            other => other,
        }
        .map_err(|_| V2Error::invalid_argument("Invalid allowMissing."))?
        .unwrap_or(false);
        let value = value::body_number(&ctx.body, "value", Fraction::Round)?;
        let area = ctx.area::<OrderedStore>();
        let mut ordered = lock(&area.entries);
        let entries = ordered.entry(scope.clone()).or_default();
        if !allow_missing && !entries.contains_key(&id) {
            // Inferred: an update of a missing entry without allowMissing is 404.
            return Err(not_found());
        }
        entries.insert(id.clone(), value);
        ctx.area::<Unclamped>().forget(&scope, &id);
        Ok(entry_json(&scope, &id, value))
    })())
}

fn increment(ctx: &Ctx<'_>) -> Reply {
    let scope = match scope_of(ctx, WRITE) {
        Ok(scope) => scope,
        Err(reply) => return reply,
    };
    answer((|| {
        let id = entry_id(ctx, ctx.param("entry"))?;
        let amount = value::body_number(&ctx.body, "amount", Fraction::Refuse)?;
        let area = ctx.area::<OrderedStore>();
        let mut ordered = lock(&area.entries);
        let entries = ordered.entry(scope.clone()).or_default();
        // Documented: a missing entry is created with the amount.
        let stored = entries.get(&id).copied();
        let clamped = ctx.area::<Unclamped>().add(&scope, &id, stored, amount);
        entries.insert(id.clone(), clamped);
        Ok(entry_json(&scope, &id, clamped))
    })())
}

fn delete(ctx: &Ctx<'_>) -> Reply {
    let scope = match scope_of(ctx, WRITE) {
        Ok(scope) => scope,
        Err(reply) => return reply,
    };
    answer((|| {
        let id = entry_id(ctx, ctx.param("entry"))?;
        let area = ctx.area::<OrderedStore>();
        let mut ordered = lock(&area.entries);
        // Documented: 404 when the entry does not exist (v1 answers 200). A hard delete.
        match ordered.get_mut(&scope).and_then(|e| e.remove(&id)) {
            Some(_) => {
                ctx.area::<Unclamped>().forget(&scope, &id);
                // The `{}` body is inferred from captured answers.
                Ok(json!({}))
            }
            None => Err(not_found()),
        }
    })())
}
