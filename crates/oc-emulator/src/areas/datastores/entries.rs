//! List the keys of a data store, in one scope or all of them:
//! `GET /datastores/v1/universes/{universeId}/standard-datastores/datastore/entries`
//! (<https://create.roblox.com/docs/reference/cloud/datastores-api/v1>).

use http::{Method, StatusCode};
use serde_json::json;

use super::entry::owner;
use super::params::{self, invalid};
use super::state::DataStores;
use super::{Limit, Per, READS_PER_UNIVERSE};
use crate::gateway::auth::Access;
use crate::gateway::error_bodies::ErrorShape;
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::{Ctx, Handler, Route};
use crate::sync::lock;

/// The page size when `limit` is absent (OpenAPI default).
const DEFAULT_LIMIT: usize = 16;

/// List entries.
pub(super) const LIST_ENTRIES: Route = Route {
    name: "datastores.entries.list",
    method: Method::GET,
    path: "/datastores/v1/universes/{universeId}/standard-datastores/datastore/entries",
    access: Access::ApiKey {
        scope: "universe-datastores.objects:list",
    },
    universe_param: Some("universeId"),
    shape: ErrorShape::ErrorDetails,
    limits: &[READS_PER_UNIVERSE, owner!("datastores.entries.list")],
    max_body: 64 * 1024,
    handler: Handler::Buffered(list),
};

fn list(ctx: &Ctx<'_>) -> Reply {
    match page(ctx) {
        Ok(reply) | Err(reply) => reply,
    }
}

fn page(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let universe = params::universe(ctx, LIST_ENTRIES.access.scope())?;
    let store = params::store(ctx)?;
    let all_scopes = ctx
        .query
        .bool("allScopes")
        .map_err(|_| invalid("InvalidArgument", "Invalid allScopes."))?
        .unwrap_or(false);
    // A scope together with all scopes is an error (the data stores reference).
    if all_scopes && ctx.query.non_empty("scope").is_some() {
        return Err(invalid(
            "InvalidDataStoreScope",
            "Scope cannot be set when AllScopes is true.",
        ));
    }
    let scope = params::scope(ctx)?;
    let limit = params::limit(ctx, DEFAULT_LIMIT)?;
    let after = params::cursor(ctx)?;
    let prefix = ctx.query.get("prefix").unwrap_or_default();
    if ctx.faults.empty_pages {
        return Ok(params::empty_page("keys", after.as_deref()));
    }

    let area = ctx.area::<DataStores>();

    let entries = lock(&area.entries);
    // Keys come in (scope, key) order. With all scopes the prefix applies to
    // `scope/key`, the form keys take on an all-scopes handle (inferred: not documented).
    let mut matching = entries
        .iter()
        .filter(|(path, entry)| {
            path.universe == universe && path.store == store && !entry.versions.is_empty()
        })
        .filter(|(path, _)| all_scopes || path.scope == scope)
        .map(|(path, _)| {
            let position = serde_json::to_string(&[&path.scope, &path.key]).unwrap_or_default();
            (path, position)
        })
        .filter(|(path, _)| {
            if all_scopes {
                format!("{}/{}", path.scope, path.key).starts_with(prefix)
            } else {
                path.key.starts_with(prefix)
            }
        })
        .filter(|(_, position)| {
            after
                .as_deref()
                .is_none_or(|after| position.as_str() > after)
        });
    let page: Vec<_> = matching.by_ref().take(limit).collect();
    let more = matching.next().is_some();
    let next = params::next_cursor(ctx, page.last().map(|(_, p)| p.as_str()), more);
    let keys: Vec<_> = page
        .iter()
        .map(|(path, _)| json!({ "scope": path.scope, "key": path.key }))
        .collect();
    Ok(responses::json(
        StatusCode::OK,
        &json!({ "keys": keys, "nextPageCursor": next }),
    ))
}
