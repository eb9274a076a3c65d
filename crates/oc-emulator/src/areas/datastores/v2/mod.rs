//! Standard data stores v2
//! (<https://create.roblox.com/docs/cloud/reference/features/data-stores>): data stores
//! under `/cloud/v2/universes/{universeId}/data-stores` (list, delete, `:undelete`,
//! `:snapshot`) and their entries, with or without a `scopes/{scopeId}` segment (list,
//! create, get, update, `:increment`, delete, `:listRevisions`).
//!
//! The v2 routes share their state with the v1 routes: an entry written through one reads
//! back through the other, a revision id is the v1 version id, and the `etag` is the
//! revision id (as every captured entry shows; inferred). Times follow the emulator's
//! clock, which tests move forward.
//!
//! * Unscoped entry routes: the list covers every scope with ids `scope/key`; on a
//!   single-entry route an unescaped `/` in the entry segment splits `scope/key` and no
//!   slash means scope `global` (inferred from the documented `id.startsWith("global/…")`
//!   filter and a captured listing).
//! * GET alone parses the `@` suffix of an entry id (`key@{revisionId}`, `key@latest`,
//!   `key@latest:{time}`); writes take the whole id as the key, as documented.
//! * A deleted data store answers 404 to its entry routes until it is undeleted; after
//!   `expireTime` it is purged the next time it is looked at.
//! * Deleting an entry writes a tombstone revision; an increment stores the exact sum and
//!   answers it clamped (the documented known issue).
//! * Each method counts against its universe's budget (read, write, list or remove), the
//!   one Roblox shares with game servers; snapshots are limited per API-key owner.

mod body;
mod entries;
mod reads;
pub(super) mod stores;
mod wire;

use http::Method;

use super::state::{DataStores, EntryPath};
use crate::gateway::auth::Access;
use crate::gateway::error_bodies::ErrorShape;
use crate::gateway::rate_limit::{Limit, Per};
use crate::gateway::route::{Ctx, Handler, Route};
use crate::gateway::v2_codes::{V2Code, V2Error};

/// Entry bodies carry a value of up to 4 MiB of JSON, plus users and attributes.
const MAX_BODY: usize = 4 * 1024 * 1024 + 64 * 1024;

/// The budgets of the data store methods: per universe, shared by every caller (game
/// servers too on Roblox:
/// <https://create.roblox.com/docs/cloud-services/data-stores/error-codes-and-limits>).
macro_rules! budget {
    ($bucket:literal, $per:ident, $field:ident) => {
        &[Limit {
            bucket: $bucket,
            per: Per::$per,
            per_minute: |c| c.$field,
        }]
    };
}

const READS: &[Limit] = budget!(
    "datastores.v2.reads",
    Universe,
    datastores_v2_reads_per_universe
);
const WRITES: &[Limit] = budget!(
    "datastores.v2.writes",
    Universe,
    datastores_v2_writes_per_universe
);
const LISTS: &[Limit] = budget!(
    "datastores.v2.lists",
    Universe,
    datastores_v2_lists_per_universe
);
const REMOVES: &[Limit] = budget!(
    "datastores.v2.removes",
    Universe,
    datastores_v2_removes_per_universe
);
const SNAPSHOTS: &[Limit] = budget!(
    "datastores.v2.snapshot",
    ApiKeyOwner,
    datastores_v2_snapshots_per_owner
);

const fn route(
    name: &'static str,
    method: Method,
    path: &'static str,
    scope: &'static str,
    limits: &'static [Limit],
    handler: fn(&Ctx<'_>) -> crate::gateway::responses::Reply,
) -> Route {
    Route {
        name,
        method,
        path,
        // Every data store method takes an API key only (the OpenAPI security schemes).
        access: Access::ApiKey { scope },
        universe_param: Some("universeId"),
        shape: ErrorShape::V2,
        limits,
        max_body: MAX_BODY,
        handler: Handler::Buffered(handler),
    }
}

const LIST: &str = "universe-datastores.objects:list";
const CREATE: &str = "universe-datastores.objects:create";
const READ: &str = "universe-datastores.objects:read";
const UPDATE: &str = "universe-datastores.objects:update";
const DELETE: &str = "universe-datastores.objects:delete";
const REVISIONS: &str = "universe-datastores.versions:list";

/// The data stores v2 routes, each counted in its budget (read, write, list, remove).
/// Increment lists `objects:create` and `objects:update`; the
/// emulator asks for `update`, as its v1 increment does (inferred: the v1 reference marks
/// the pair conditional).
#[rustfmt::skip]
pub(crate) const ROUTES: &[Route] = &[
    route("datastores.v2.list", Method::GET, "/cloud/v2/universes/{universeId}/data-stores", "universe-datastores.control:list", LISTS, stores::list),
    route("datastores.v2.snapshot", Method::POST, "/cloud/v2/universes/{universeId}/data-stores:snapshot", "universe-datastores.control:snapshot", SNAPSHOTS, stores::snapshot),
    route("datastores.v2.delete", Method::DELETE, "/cloud/v2/universes/{universeId}/data-stores/{dataStoreId}", "universe-datastores.control:delete", REMOVES, stores::delete),
    route("datastores.v2.undelete", Method::POST, "/cloud/v2/universes/{universeId}/data-stores/{dataStoreId}:undelete", "universe-datastores.control:delete", REMOVES, stores::undelete),
    route("datastores.v2.entries.list", Method::GET, "/cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/entries", LIST, LISTS, entries::list),
    route("datastores.v2.entry.create", Method::POST, "/cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/entries", CREATE, WRITES, entries::create),
    route("datastores.v2.entry.get", Method::GET, "/cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/entries/{entryId}", READ, READS, reads::get),
    route("datastores.v2.entry.update", Method::PATCH, "/cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/entries/{entryId}", UPDATE, WRITES, entries::update),
    route("datastores.v2.entry.delete", Method::DELETE, "/cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/entries/{entryId}", DELETE, REMOVES, entries::delete),
    route("datastores.v2.entry.increment", Method::POST, "/cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/entries/{entryId}:increment", UPDATE, WRITES, entries::increment),
    route("datastores.v2.entry.revisions", Method::GET, "/cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/entries/{entryId}:listRevisions", REVISIONS, LISTS, reads::list_revisions),
    route("datastores.v2.pair.entry.get", Method::GET, "/cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/entries/{pairScopeId}/{entryId}", READ, READS, reads::get),
    route("datastores.v2.pair.entry.update", Method::PATCH, "/cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/entries/{pairScopeId}/{entryId}", UPDATE, WRITES, entries::update),
    route("datastores.v2.pair.entry.delete", Method::DELETE, "/cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/entries/{pairScopeId}/{entryId}", DELETE, REMOVES, entries::delete),
    route("datastores.v2.pair.entry.increment", Method::POST, "/cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/entries/{pairScopeId}/{entryId}:increment", UPDATE, WRITES, entries::increment),
    route("datastores.v2.pair.entry.revisions", Method::GET, "/cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/entries/{pairScopeId}/{entryId}:listRevisions", REVISIONS, LISTS, reads::list_revisions),
    route("datastores.v2.scope.entries.list", Method::GET, "/cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/scopes/{scopeId}/entries", LIST, LISTS, entries::list),
    route("datastores.v2.scope.entry.create", Method::POST, "/cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/scopes/{scopeId}/entries", CREATE, WRITES, entries::create),
    route("datastores.v2.scope.entry.get", Method::GET, "/cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/scopes/{scopeId}/entries/{entryId}", READ, READS, reads::get),
    route("datastores.v2.scope.entry.update", Method::PATCH, "/cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/scopes/{scopeId}/entries/{entryId}", UPDATE, WRITES, entries::update),
    route("datastores.v2.scope.entry.delete", Method::DELETE, "/cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/scopes/{scopeId}/entries/{entryId}", DELETE, REMOVES, entries::delete),
    route("datastores.v2.scope.entry.increment", Method::POST, "/cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/scopes/{scopeId}/entries/{entryId}:increment", UPDATE, WRITES, entries::increment),
    route("datastores.v2.scope.entry.revisions", Method::GET, "/cloud/v2/universes/{universeId}/data-stores/{dataStoreId}/scopes/{scopeId}/entries/{entryId}:listRevisions", REVISIONS, LISTS, reads::list_revisions),
];

/// The longest data store name, scope or key, in characters (the data store limits page,
/// <https://create.roblox.com/docs/cloud-services/data-stores/error-codes-and-limits>).
const MAX_NAME_CHARS: usize = 50;

/// The scope of unscoped entry routes.
const GLOBAL: &str = "global";

/// How an entry was addressed, which decides the `path` and `id` it is answered with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Form {
    /// `…/scopes/{scope}/entries/{key}`.
    Scoped,
    /// `…/entries/{key}`: scope `global`.
    Unscoped,
    /// `…/entries/{scope}/{key}`.
    UnscopedPair,
}

/// The universe of the path, which must exist.
fn universe(ctx: &Ctx<'_>) -> Result<u64, V2Error> {
    let universe = ctx.universe.unwrap_or_default();
    if ctx.state.world.has_universe(universe) {
        Ok(universe)
    } else {
        Err(V2Error::new(
            V2Code::NotFound,
            "The universe does not exist.",
        ))
    }
}

/// Checks a name, scope or key: 1 to 50 characters.
fn check_name(what: &str, value: &str) -> Result<(), V2Error> {
    let chars = value.chars().count();
    if chars == 0 || chars > MAX_NAME_CHARS {
        return Err(V2Error::invalid_argument(format!(
            "The {what} must be 1 to {MAX_NAME_CHARS} characters."
        )));
    }
    Ok(())
}

/// The data store of the path, checked.
fn store_name(ctx: &Ctx<'_>) -> Result<String, V2Error> {
    let name = ctx
        .param("dataStoreId")
        .ok_or_else(|| V2Error::invalid_argument("Invalid data store id."))?;
    check_name("data store name", &name)?;
    Ok(name)
}

/// The scope segment of a scoped route (`-` only when `wildcard`), if the route has one.
fn scope_param(ctx: &Ctx<'_>, wildcard: bool) -> Result<Option<String>, V2Error> {
    let Some(scope) = ctx.param("scopeId") else {
        return Ok(None);
    };
    if scope == "-" && !wildcard {
        return Err(V2Error::invalid_argument(
            "The scope '-' is only allowed when listing entries.",
        ));
    }
    if scope != "-" {
        check_name("scope", &scope)?;
    }
    Ok(Some(scope))
}

/// The form of the route: scoped, unscoped, or unscoped with `scope/key` segments.
fn form(ctx: &Ctx<'_>) -> Form {
    let has = |param: &str| ctx.params.iter().any(|(name, _)| *name == param);
    if has("scopeId") {
        Form::Scoped
    } else if has("pairScopeId") {
        Form::UnscopedPair
    } else {
        Form::Unscoped
    }
}

/// Where an entry lives, and how it was addressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Location {
    pub universe: u64,
    pub store: String,
    pub scope: String,
    pub key: String,
    pub form: Form,
}

impl Location {
    /// The entry of the path, with `raw_key` its key (the entry segment, or create's
    /// `id`), scoped by the route form; names are checked. With `split`, an unscoped
    /// `scope/key` splits at its first `/` (create's `id` on the unscoped route,
    /// following the ids the unscoped list answers; inferred).
    fn of(ctx: &Ctx<'_>, universe: u64, raw_key: &str, split: bool) -> Result<Location, V2Error> {
        let store = store_name(ctx)?;
        let form = form(ctx);
        let (scope, key, form) = match form {
            Form::Scoped => (
                scope_param(ctx, false)?.unwrap_or_else(|| GLOBAL.to_owned()),
                raw_key.to_owned(),
                form,
            ),
            Form::UnscopedPair => (
                ctx.param("pairScopeId").unwrap_or_default(),
                raw_key.to_owned(),
                form,
            ),
            Form::Unscoped => match raw_key.split_once('/') {
                Some((scope, key)) if split => {
                    (scope.to_owned(), key.to_owned(), Form::UnscopedPair)
                }
                _ => (GLOBAL.to_owned(), raw_key.to_owned(), form),
            },
        };
        check_name("scope", &scope)?;
        check_name("entry id", &key)?;
        Ok(Location {
            universe,
            store,
            scope,
            key,
            form,
        })
    }

    /// The state's path of the entry.
    pub fn entry_path(&self) -> EntryPath {
        EntryPath {
            universe: self.universe,
            store: self.store.clone(),
            scope: self.scope.clone(),
            key: self.key.clone(),
        }
    }
}

/// The area's state.
fn area(ctx: &Ctx<'_>) -> std::sync::Arc<DataStores> {
    ctx.area::<DataStores>()
}
