//! The API areas, one folder each: its routes (a declarative table), its state, its part
//! of the configuration and its handle methods. Areas import the gateway and the world,
//! never each other.
//!
//! Adding an area is adding its folder, its `mod` line and its line in [`AREAS`] (and a
//! field of [`Config`] when it has a configuration section).

pub(crate) mod assets;
pub(crate) mod datastores;
pub(crate) mod emulator;
pub(crate) mod groups;
pub(crate) mod instances;
pub(crate) mod inventory;
pub(crate) mod luau_execution;
pub(crate) mod memory_stores;
pub(crate) mod messaging;
pub(crate) mod notifications;
pub(crate) mod oauth2;
pub(crate) mod ordered_datastores;
pub(crate) mod subscriptions;
pub(crate) mod universes;
pub(crate) mod user_restrictions;
pub(crate) mod users;
pub(crate) mod webhooks;

use std::sync::Arc;

use crate::config::Config;
use crate::gateway::route::Route;
use crate::gateway::state::State;

/// One registered area.
pub(crate) struct Area {
    /// Its routes, in matching order.
    pub routes: &'static [Route],
    /// Puts its state in, made from the configuration.
    pub seed: fn(&Config, &State),
    /// Starts its background work once the emulator listens.
    pub start: fn(&Config, &Arc<State>),
}

/// Every area, in matching order: one line each.
#[rustfmt::skip]
pub(crate) const AREAS: &[Area] = &[
    Area { routes: messaging::ROUTES, seed: |c, s| messaging::seed(&c.messaging, s), start: |_, _| {} },
    Area { routes: datastores::ROUTES, seed: |c, s| datastores::seed(&c.datastores, &c.data_stores, &c.data_store_entries, s), start: |_, _| {} },
    Area { routes: datastores::V2_ROUTES, seed: |_, _| {}, start: |_, _| {} },
    Area { routes: ordered_datastores::ROUTES, seed: |c, s| ordered_datastores::seed(&c.ordered_data_store_entries, s), start: |_, _| {} },
    Area { routes: ordered_datastores::V2_ROUTES, seed: |c, s| ordered_datastores::seed_v2(&c.ordered_datastores, s), start: |_, _| {} },
    Area { routes: user_restrictions::ROUTES, seed: |c, s| user_restrictions::seed(&c.user_restrictions, s), start: |_, _| {} },
    Area { routes: universes::ROUTES, seed: |c, s| universes::seed(&c.universes_api, &c.universe_settings, &c.place_settings, s), start: |_, _| {} },
    Area { routes: instances::ROUTES, seed: |c, s| instances::seed(&c.instances, &c.place_instances, s), start: |_, _| {} },
    Area { routes: subscriptions::ROUTES, seed: |c, s| subscriptions::seed(&c.subscriptions, s), start: |_, _| {} },
    Area { routes: groups::ROUTES, seed: |c, s| groups::seed(c.groups_seed(), &c.groups, s), start: |_, _| {} },
    Area { routes: users::ROUTES, seed: |c, s| users::seed(&c.users_api, &c.user_profiles, &c.asset_quotas, s), start: |_, _| {} },
    Area { routes: inventory::ROUTES, seed: |c, s| inventory::seed(&c.inventory, &c.inventory_items, s), start: |_, _| {} },
    Area { routes: notifications::ROUTES, seed: |c, s| notifications::seed(&c.notifications, s), start: |_, _| {} },
    Area { routes: assets::ROUTES, seed: |c, s| assets::seed(&c.assets, s), start: |_, _| {} },
    Area { routes: oauth2::ROUTES, seed: |c, s| oauth2::seed(&c.oauth2_apps, &c.oauth2, s), start: |_, _| {} },
    Area { routes: webhooks::ROUTES, seed: |_, _| {}, start: |c, s| webhooks::start(&c.webhooks, s) },
    Area { routes: luau_execution::ROUTES, seed: |c, s| luau_execution::seed(&c.luau_execution, s), start: |_, _| {} },
    Area { routes: memory_stores::ROUTES, seed: |c, s| memory_stores::seed(&c.memory_stores, s), start: |_, _| {} },
    Area { routes: emulator::ROUTES, seed: |_, _| {}, start: |_, _| {} },
];

/// Every route, in matching order: the table handed to the gateway.
pub(crate) fn route_table() -> Vec<&'static Route> {
    AREAS.iter().flat_map(|area| area.routes.iter()).collect()
}

/// The name of every route, in matching order.
pub(crate) fn route_names() -> Vec<&'static str> {
    route_table().into_iter().map(|r| r.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_names_are_unique() {
        let mut names = route_names();
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count);
    }
}
