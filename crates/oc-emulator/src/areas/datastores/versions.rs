//! The versions of an entry: list them by time range and order, and get one
//! (<https://create.roblox.com/docs/reference/cloud/datastores-api/v1>; the version id format is
//! inferred from decoded examples).

use http::{Method, StatusCode};
use serde_json::json;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::entry::owner;
use super::metadata::{value_reply, version_json};
use super::params::{self, invalid, not_found};
use super::state::ticks;
use super::state::DataStores;
use super::{Limit, Per, READS_PER_UNIVERSE};
use crate::gateway::auth::Access;
use crate::gateway::error_bodies::ErrorShape;
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::{Ctx, Handler, Route};
use crate::sync::lock;

/// The page size when `limit` is absent (OpenAPI default).
const DEFAULT_LIMIT: usize = 16;

/// List the versions of an entry.
pub(super) const LIST_VERSIONS: Route = Route {
    name: "datastores.versions.list",
    method: Method::GET,
    path:
        "/datastores/v1/universes/{universeId}/standard-datastores/datastore/entries/entry/versions",
    access: Access::ApiKey {
        scope: "universe-datastores.versions:list",
    },
    universe_param: Some("universeId"),
    shape: ErrorShape::ErrorDetails,
    limits: &[READS_PER_UNIVERSE, owner!("datastores.versions.list")],
    max_body: 64 * 1024,
    handler: Handler::Buffered(list),
};

/// Get one version of an entry.
pub(super) const GET_VERSION: Route = Route {
    name: "datastores.version.get",
    method: Method::GET,
    path: "/datastores/v1/universes/{universeId}/standard-datastores/datastore/entries/entry/versions/version",
    access: Access::ApiKey {
        scope: "universe-datastores.versions:read",
    },
    universe_param: Some("universeId"),
    shape: ErrorShape::ErrorDetails,
    limits: &[READS_PER_UNIVERSE, owner!("datastores.version.get")],
    max_body: 64 * 1024,
    handler: Handler::Buffered(get),
};

/// An ISO 8601 time as .NET ticks. Clients send RFC 3339, or Python's `isoformat()` of a
/// naive time (no offset), taken as UTC (inferred).
fn parse_time(text: &str) -> Option<u64> {
    let text = text.trim();
    let time = OffsetDateTime::parse(text, &Rfc3339)
        .or_else(|_| OffsetDateTime::parse(&format!("{text}Z"), &Rfc3339))
        .ok()?;
    Some(ticks(time.into()))
}

fn time_param(ctx: &Ctx<'_>, name: &'static str, code: &str) -> Result<Option<u64>, Reply> {
    match ctx.query.non_empty(name) {
        None => Ok(None),
        Some(text) => parse_time(text)
            .map(Some)
            .ok_or_else(|| invalid(code, &format!("Invalid {name}."))),
    }
}

fn list(ctx: &Ctx<'_>) -> Reply {
    match page(ctx) {
        Ok(reply) | Err(reply) => reply,
    }
}

fn page(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let path = params::entry_path(ctx, LIST_VERSIONS.access.scope())?;
    let start = time_param(ctx, "startTime", "InvalidStartTime")?;
    let end = time_param(ctx, "endTime", "InvalidEndTime")?;
    let descending = match ctx.query.non_empty("sortOrder") {
        None => false,
        Some(order) if order.eq_ignore_ascii_case("ascending") => false,
        Some(order) if order.eq_ignore_ascii_case("descending") => true,
        Some(_) => return Err(invalid("InvalidSortOrder", "Invalid sort order.")),
    };
    let limit = params::limit(ctx, DEFAULT_LIMIT)?;
    let after = params::cursor(ctx)?;

    let area = ctx.area::<DataStores>();

    let entries = lock(&area.entries);
    let Some(entry) = entries.get(&path).filter(|e| !e.versions.is_empty()) else {
        return Err(not_found(
            "EntryNotFound",
            "Entry not found in the datastore.",
        ));
    };
    if ctx.faults.empty_pages {
        return Ok(params::empty_page("versions", after.as_deref()));
    }
    let mut versions: Vec<_> = entry
        .versions
        .iter()
        .filter(|v| start.is_none_or(|s| v.ticks >= s) && end.is_none_or(|e| v.ticks <= e))
        .collect();
    if descending {
        versions.reverse();
    }
    let skip = match after {
        None => 0,
        Some(after) => match versions.iter().position(|v| v.id == after) {
            Some(index) => index + 1,
            None => return Err(invalid("InvalidCursor", "Invalid cursor.")),
        },
    };
    let rest = versions.get(skip..).unwrap_or_default();
    let page = rest.get(..limit.min(rest.len())).unwrap_or_default();
    let more = rest.len() > page.len();
    let next = params::next_cursor(ctx, page.last().map(|v| v.id.as_str()), more);
    let items: Vec<_> = page.iter().map(|v| version_json(v)).collect();
    Ok(responses::json(
        StatusCode::OK,
        &json!({ "versions": items, "nextPageCursor": next }),
    ))
}

/// Whether `id` has the documented form `16 hex . 10 hex . 16 hex . 2 hex`
/// (inferred from decoded examples).
fn well_formed(id: &str) -> bool {
    let parts: Vec<&str> = id.split('.').collect();
    parts.len() == 4
        && parts
            .iter()
            .zip([16, 10, 16, 2])
            .all(|(part, len)| part.len() == len && part.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn get(ctx: &Ctx<'_>) -> Reply {
    let path = match params::entry_path(ctx, GET_VERSION.access.scope()) {
        Ok(path) => path,
        Err(reply) => return reply,
    };
    let id = ctx.query.get("versionId").unwrap_or_default();
    if !well_formed(id) {
        return invalid("InvalidVersionId", "Invalid version id.");
    }
    let area = ctx.area::<DataStores>();
    let entries = lock(&area.entries);
    let version = entries
        .get(&path)
        .and_then(|e| e.versions.iter().find(|v| v.id.eq_ignore_ascii_case(id)));
    match version {
        // A tombstone version has no value to give: 404, like a get of a deleted entry
        // (inferred).
        Some(version) => match &version.value {
            Some(value) => value_reply(ctx, StatusCode::OK, version, value.clone()),
            None => not_found("VersionNotFound", "The version is a delete."),
        },
        None => not_found("VersionNotFound", "Version not found."),
    }
}
