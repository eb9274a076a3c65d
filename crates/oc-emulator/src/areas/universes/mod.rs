//! Universes and places through Open Cloud v2
//! (<https://create.roblox.com/docs/cloud/reference/features/universes>,
//! <https://create.roblox.com/docs/cloud/reference/features/places>): Get and Update
//! Universe, Restart Universe Servers, Get and Update Place. The universes and places are
//! the world's; their settings are this area's state. (The v2 `:publishMessage` of a
//! universe is the messaging area's, to share its log.)

mod config;
mod handle;
mod place;
mod restart;
mod state;
mod universe;

use http::Method;

pub use config::{PlaceSettings, SocialLink, UniverseSettings, UniversesApiConfig};
pub use state::ServerRestart;
use state::UniversesState;

use crate::gateway::auth::Access;
use crate::gateway::error_bodies::ErrorShape;
use crate::gateway::rate_limit::{Limit, Per, RateLimitConfig};
use crate::gateway::responses::Reply;
use crate::gateway::route::{Ctx, Handler, Route};
use crate::gateway::state::State;

/// Puts the configured settings in.
pub(crate) fn seed(
    config: &UniversesApiConfig,
    universes: &[UniverseSettings],
    places: &[PlaceSettings],
    state: &State,
) {
    let area = UniversesState::new(config);
    let now = state.clock.now_utc();
    for settings in universes {
        area.set_universe(settings, now);
    }
    for settings in places {
        area.set_place(settings, now);
    }
    state.areas.insert(area);
}

const UNIVERSE: &str = "/cloud/v2/universes/{universe_id}";
const PLACE: &str = "/cloud/v2/universes/{universe_id}/places/{place_id}";

/// A v2 route of this area. Every method takes an API key or an OAuth token; the limits
/// are per API-key owner and per OAuth authorization, the same number for both
/// (https://create.roblox.com/docs/cloud/reference/rate-limits).
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
        access: Access::ApiKeyOrOAuth { scope },
        universe_param: Some("universe_id"),
        shape: ErrorShape::V2,
        limits,
        max_body: 64 * 1024,
        handler: Handler::Buffered(handler),
    }
}

/// One method's own limit.
const fn per_owner(bucket: &'static str, per_minute: fn(&RateLimitConfig) -> u32) -> Limit {
    Limit {
        bucket,
        per: Per::Credential,
        per_minute,
    }
}

/// The universes routes. Get Universe and Get Place list no scope: any access to the
/// universe is enough.
#[rustfmt::skip]
pub(crate) const ROUTES: &[Route] = &[
    route("universes.get", Method::GET, UNIVERSE, "", &[per_owner("universes.get", |c| c.universes_per_owner)], universe::get),
    route("universes.update", Method::PATCH, UNIVERSE, "universe:write", &[per_owner("universes.update", |c| c.universes_per_owner)], universe::update),
    route("universes.restart_servers", Method::POST, "/cloud/v2/universes/{universe_id}:restartServers", "universe:write", &[per_owner("universes.restart_servers", |c| c.universes_restart_per_owner)], restart::restart_servers),
    route("universes.place.get", Method::GET, PLACE, "", &[per_owner("universes.place.get", |c| c.universes_per_owner)], place::get),
    route("universes.place.update", Method::PATCH, PLACE, "universe.place:write", &[per_owner("universes.place.update", |c| c.universes_per_owner)], place::update),
];
