//! Engine instances through Open Cloud v2
//! (<https://create.roblox.com/docs/cloud/reference/features/engine>,
//! <https://create.roblox.com/docs/cloud/guides/instance>): Get Instance, Update Instance
//! and List Instance Children, each answered with a long-running operation polled at
//! `…/instances/{instance_id}/operations/{operation_id}`. Every place has a tree rooted
//! at a `DataModel` (`root` in paths), seeded from `[[place_instances]]` or the handle.
//! API keys only.

mod config;
mod handle;
mod read;
mod state;
mod tree;
mod update;

use http::Method;

pub use config::{InstanceConfig, InstancesConfig};
use state::InstancesState;

use crate::gateway::auth::Access;
use crate::gateway::error_bodies::ErrorShape;
use crate::gateway::rate_limit::{Limit, Per};
use crate::gateway::responses::Reply;
use crate::gateway::route::{Ctx, Handler, Route};
use crate::gateway::state::State;
use crate::sync::lock;

/// Puts the configured instances in (the configuration was checked: they all fit).
pub(crate) fn seed(config: &InstancesConfig, instances: &[InstanceConfig], state: &State) {
    let area = InstancesState::new(config);
    {
        let mut trees = lock(&area.trees);
        for instance in instances {
            let _ = trees
                .entry((instance.universe, instance.place))
                .or_default()
                .add(instance);
        }
    }
    state.areas.insert(area);
}

/// Why a list of configured instances does not fit together, if it does not: a parent
/// that is not an instance listed before it in the same place, or details of a wrong
/// type.
pub(crate) fn check(instances: &[InstanceConfig]) -> Result<(), String> {
    let mut trees = std::collections::HashMap::new();
    for instance in instances {
        trees
            .entry((instance.universe, instance.place))
            .or_insert_with(tree::Tree::default)
            .add(instance)
            .map_err(|why| format!("place_instances of place {}: {why}", instance.place))?;
    }
    Ok(())
}

const INSTANCE: &str =
    "/cloud/v2/universes/{universe_id}/places/{place_id}/instances/{instance_id}";
const READ: &str = "universe.place.instance:read";
const WRITE: &str = "universe.place.instance:write";

/// A route of this area: API keys only, 45 requests a minute per API-key owner for each
/// method (https://create.roblox.com/docs/cloud/reference/rate-limits).
const fn route(
    name: &'static str,
    method: Method,
    path: &'static str,
    scope: &'static str,
    limits: &'static [Limit],
    handler: fn(&Ctx<'_>) -> Reply,
) -> Route {
    Route {
        name,
        method,
        path,
        access: Access::ApiKey { scope },
        universe_param: Some("universe_id"),
        shape: ErrorShape::V2,
        limits,
        // A script source is at most 200,000 bytes, escaped in JSON.
        max_body: 1024 * 1024,
        handler: Handler::Buffered(handler),
    }
}

macro_rules! owner {
    ($bucket:literal) => {
        &[Limit {
            bucket: $bucket,
            per: Per::Credential,
            per_minute: |c| c.instances_per_owner,
        }]
    };
}

/// The engine instance routes. Polling an operation lists no scope.
#[rustfmt::skip]
pub(crate) const ROUTES: &[Route] = &[
    route("instances.get", Method::GET, INSTANCE, READ, owner!("instances.get"), read::get),
    route("instances.update", Method::PATCH, INSTANCE, WRITE, owner!("instances.update"), update::update),
    route("instances.list_children", Method::GET, "/cloud/v2/universes/{universe_id}/places/{place_id}/instances/{instance_id}:listChildren", READ, owner!("instances.list_children"), read::list_children),
    route("instances.operation", Method::GET, "/cloud/v2/universes/{universe_id}/places/{place_id}/instances/{instance_id}/operations/{operation_id}", "", owner!("instances.operation"), read::operation),
];
