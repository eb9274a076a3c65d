//! Assets v1 (<https://create.roblox.com/docs/cloud/guides/usage-assets>) and place publishing
//! (<https://create.roblox.com/docs/cloud/guides/usage-place-publishing>).

mod config;
mod form;
mod handle;
mod json;
mod places;
mod read;
pub(crate) mod state;
mod types;
mod upload;

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
pub(crate) const ROUTES: &[Route] = &[CREATE, UPDATE, GET, OPERATION, PUBLISH_PLACE];

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
