//! Assets v1 (<https://create.roblox.com/docs/cloud/guides/usage-assets>) and place publishing
//! (<https://create.roblox.com/docs/cloud/guides/usage-place-publishing>).
//!
//! Every upload, update and rollback of an asset makes a version (its number is the
//! revision), listed newest first and rolled back to with `…/versions:rollback`; an
//! archived asset (`:archive`, undone by `:restore`) still reads, with `state`
//! `Archived`, but refuses updates and rollbacks (see `versions.rs` and `lifecycle.rs`).

mod config;
mod form;
mod handle;
mod json;
mod lifecycle;
mod places;
mod read;
mod read_mask;
pub(crate) mod state;
mod types;
mod upload;
mod versions;

use http::Method;

pub use config::{AssetsConfig, ExistingAsset};
use state::AssetsState;
pub use state::{PlaceVersion, StoredAsset};

use crate::gateway::auth::Access;
use crate::gateway::error_bodies::ErrorShape;
use crate::gateway::rate_limit::{Limit, Per};
use crate::gateway::route::{Handler, Route};
use crate::gateway::state::State;

/// The asset and place publishing routes.
pub(crate) const ROUTES: &[Route] = &[
    CREATE,
    UPDATE,
    GET,
    OPERATION,
    PUBLISH_PLACE,
    LIST_VERSIONS,
    GET_VERSION,
    ROLLBACK,
    ARCHIVE,
    RESTORE,
];

/// Sets the area's state up from its configuration.
pub(crate) fn seed(config: &AssetsConfig, state: &State) {
    let area = AssetsState::new(config);
    for asset in &config.existing {
        area.add(asset);
    }
    state.areas.insert(area);
}

/// Create, get and update share one window (120/min per API-key owner or OAuth
/// authorization, and per IP: <https://create.roblox.com/docs/cloud/reference/rate-limits>).
const ASSET_LIMITS: &[Limit] = &[
    Limit {
        bucket: "assets.assets",
        per: Per::Credential,
        per_minute: |c| c.assets_per_owner,
    },
    Limit {
        bucket: "assets.assets",
        per: Per::Ip,
        per_minute: |c| c.assets_per_ip,
    },
];

/// The buffered routes read no body worth the name.
const SMALL_BODY: usize = 64 * 1024;

/// Upload a new asset.
const CREATE: Route = Route {
    name: "assets.create",
    method: Method::POST,
    path: "/assets/v1/assets",
    access: Access::ApiKeyOrOAuth {
        scope: "asset:write",
    },
    universe_param: None,
    shape: ErrorShape::Status,
    limits: ASSET_LIMITS,
    // Unused: the handler streams the body and applies the configured caps.
    max_body: 0,
    handler: Handler::Streaming(upload::create),
};

/// Update an asset's content or metadata.
const UPDATE: Route = Route {
    name: "assets.update",
    method: Method::PATCH,
    path: "/assets/v1/assets/{assetId}",
    access: Access::ApiKeyOrOAuth {
        scope: "asset:write",
    },
    universe_param: None,
    shape: ErrorShape::Status,
    limits: ASSET_LIMITS,
    max_body: 0,
    handler: Handler::Streaming(upload::update),
};

/// Get an asset.
const GET: Route = Route {
    name: "assets.get",
    method: Method::GET,
    path: "/assets/v1/assets/{assetId}",
    access: Access::ApiKeyOrOAuth {
        scope: "asset:read",
    },
    universe_param: None,
    shape: ErrorShape::Status,
    limits: ASSET_LIMITS,
    max_body: SMALL_BODY,
    handler: Handler::Buffered(read::get_asset),
};

/// Poll an upload's operation.
const OPERATION: Route = Route {
    name: "assets.operation",
    method: Method::GET,
    path: "/assets/v1/operations/{operationId}",
    access: Access::ApiKeyOrOAuth {
        scope: "asset:read",
    },
    universe_param: None,
    shape: ErrorShape::Status,
    // 300/min per API-key owner and per OAuth authorization
    // (https://create.roblox.com/docs/cloud/reference/rate-limits).
    limits: &[Limit {
        bucket: "assets.operation",
        per: Per::Credential,
        per_minute: |c| c.assets_operations_per_owner,
    }],
    max_body: SMALL_BODY,
    handler: Handler::Buffered(read::get_operation),
};

/// Publish a place file.
const PUBLISH_PLACE: Route = Route {
    name: "places.publish",
    method: Method::POST,
    path: "/universes/v1/{universeId}/places/{placeId}/versions",
    // Place publishing takes API keys only
    // (https://create.roblox.com/docs/reference/cloud/universes-api/v1).
    access: Access::ApiKey {
        scope: "universe-places:write",
    },
    universe_param: Some("universeId"),
    shape: ErrorShape::Gateway,
    // 30/min per API-key owner and per IP
    // (https://create.roblox.com/docs/cloud/reference/rate-limits).
    limits: &[
        Limit {
            bucket: "places.publish",
            per: Per::Credential,
            per_minute: |c| c.place_publish_per_owner,
        },
        Limit {
            bucket: "places.publish",
            per: Per::Ip,
            per_minute: |c| c.place_publish_per_ip,
        },
    ],
    max_body: 0,
    handler: Handler::Streaming(places::publish),
};

/// Versions, rollback, archive and restore: 100/min per API-key owner or OAuth
/// authorization (<https://create.roblox.com/docs/cloud/reference/rate-limits>).
const LIFECYCLE_LIMITS: &[Limit] = &[Limit {
    bucket: "assets.lifecycle",
    per: Per::Credential,
    per_minute: |c| c.assets_lifecycle_per_owner,
}];

/// A buffered lifecycle route.
const fn lifecycle(
    name: &'static str,
    method: Method,
    path: &'static str,
    scope: &'static str,
    handler: fn(&crate::gateway::route::Ctx<'_>) -> crate::gateway::responses::Reply,
) -> Route {
    Route {
        name,
        method,
        path,
        access: Access::ApiKeyOrOAuth { scope },
        universe_param: None,
        shape: ErrorShape::Status,
        limits: LIFECYCLE_LIMITS,
        max_body: SMALL_BODY,
        handler: Handler::Buffered(handler),
    }
}

/// List an asset's versions, newest first.
const LIST_VERSIONS: Route = lifecycle(
    "assets.versions.list",
    Method::GET,
    "/assets/v1/assets/{assetId}/versions",
    "asset:read",
    versions::list,
);

/// Get one version.
const GET_VERSION: Route = lifecycle(
    "assets.version.get",
    Method::GET,
    "/assets/v1/assets/{assetId}/versions/{versionNumber}",
    "asset:read",
    versions::get,
);

/// Roll back to a version (needs `asset:read` too, checked by the handler).
const ROLLBACK: Route = lifecycle(
    "assets.versions.rollback",
    Method::POST,
    "/assets/v1/assets/{assetId}/versions:rollback",
    "asset:write",
    versions::rollback,
);

/// Archive an asset (needs `asset:read` too, checked by the handler).
const ARCHIVE: Route = lifecycle(
    "assets.archive",
    Method::POST,
    "/assets/v1/assets/{assetId}:archive",
    "asset:write",
    lifecycle::archive,
);

/// Restore an archived asset (needs `asset:read` too, checked by the handler).
const RESTORE: Route = lifecycle(
    "assets.restore",
    Method::POST,
    "/assets/v1/assets/{assetId}:restore",
    "asset:write",
    lifecycle::restore,
);
