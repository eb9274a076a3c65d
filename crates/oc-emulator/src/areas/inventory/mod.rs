//! Inventories through Open Cloud v2
//! (<https://create.roblox.com/docs/cloud/reference/features/inventory>): List Inventory
//! Items, with the `field=value;…` filter, v2 page tokens bound to it, and the visibility
//! rules (a private inventory, private servers and purchased places need the owner's own
//! key or token with `user.inventory-item:read`). The items are seeded from
//! `[[inventory_items]]` or the handle.

mod config;
mod filter;
mod handle;
mod list;
mod state;

use http::Method;

pub use config::{CollectibleConfig, InventoryConfig, InventoryItemConfig, InventoryItemKind};
use state::InventoryState;

use crate::gateway::auth::Access;
use crate::gateway::error_bodies::ErrorShape;
use crate::gateway::rate_limit::{Limit, Per};
use crate::gateway::route::{Handler, Route};
use crate::gateway::state::State;

/// Puts the configured items in (the configuration was checked).
pub(crate) fn seed(config: &InventoryConfig, items: &[InventoryItemConfig], state: &State) {
    let area = InventoryState::new(config);
    for item in items {
        area.add(item);
    }
    state.areas.insert(area);
}

/// Why configured items are not valid, if they are not: an unknown user or a bad value.
pub(crate) fn check(
    users: &[u64],
    config: &InventoryConfig,
    items: &[InventoryItemConfig],
) -> Result<(), String> {
    for user in &config.private_users {
        if !users.contains(user) {
            return Err(format!(
                "inventory private_users names user {user}, which is not declared"
            ));
        }
    }
    for item in items {
        if !users.contains(&item.user) {
            return Err(format!(
                "inventory_items names user {}, which is not declared",
                item.user
            ));
        }
        if let Some(problem) = item.problem() {
            return Err(format!(
                "an inventory item of user {} (id {}): {problem}",
                item.user, item.id
            ));
        }
    }
    Ok(())
}

/// The inventory route. Its scope only opens private inventories, so none is required;
/// 100 a minute per API-key owner and 20 per OAuth authorization
/// (https://create.roblox.com/docs/cloud/reference/rate-limits).
pub(crate) const ROUTES: &[Route] = &[Route {
    name: "inventory.list",
    method: Method::GET,
    path: "/cloud/v2/users/{user_id}/inventory-items",
    access: Access::ApiKeyOrOAuth { scope: "" },
    universe_param: None,
    shape: ErrorShape::V2,
    limits: &[
        Limit {
            bucket: "inventory.list",
            per: Per::ApiKeyOwner,
            per_minute: |c| c.inventory_per_owner,
        },
        Limit {
            bucket: "inventory.list",
            per: Per::OAuthToken,
            per_minute: |c| c.inventory_per_oauth_token,
        },
    ],
    max_body: 0,
    handler: Handler::Buffered(list::list),
}];
