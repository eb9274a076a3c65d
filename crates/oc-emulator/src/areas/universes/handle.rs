//! The [`EmulatorHandle`]'s view of the universes API.

use super::config::{PlaceSettings, UniverseSettings};
use super::state::{ServerRestart, UniversesState};
use crate::gateway::EmulatorHandle;
use crate::sync::lock;
use crate::world::{Owner, UniverseConfig};

impl EmulatorHandle {
    /// Sets a universe's settings, creating the universe (owned by the first user) when
    /// unknown.
    pub fn set_universe_settings(&self, settings: &UniverseSettings) {
        let state = self.state();
        state.world.ensure_universe(settings.universe);
        let now = state.clock.now_utc();
        state.area::<UniversesState>().set_universe(settings, now);
    }

    /// A universe's settings as they are now (the defaults when never changed); `None`
    /// for an unknown universe.
    pub fn universe_settings(&self, universe: u64) -> Option<UniverseSettings> {
        let state = self.state();
        if !state.world.has_universe(universe) {
            return None;
        }
        let area = state.area::<UniversesState>();
        let mut data = lock(&area.data);
        Some(
            data.universe(universe, state.clock.now_utc())
                .settings
                .clone(),
        )
    }

    /// Sets a place's settings, adding the place to its universe when it is not part of
    /// it (a universe it creates is owned by the configuration's first user).
    pub fn set_place_settings(&self, settings: &PlaceSettings) {
        let state = self.state();
        if !state
            .world
            .places_of(settings.universe)
            .contains(&settings.place)
        {
            let owner = state
                .world
                .universe_owner(settings.universe)
                .unwrap_or(Owner::User(state.world.firsts().user));
            state.world.add_universe(&UniverseConfig {
                id: settings.universe,
                places: vec![settings.place],
                owner,
            });
        }
        let now = state.clock.now_utc();
        state.area::<UniversesState>().set_place(settings, now);
    }

    /// A place's settings as they are now; `None` when the place is not part of
    /// `universe`.
    pub fn place_settings(&self, universe: u64, place: u64) -> Option<PlaceSettings> {
        let state = self.state();
        if !state.world.places_of(universe).contains(&place) {
            return None;
        }
        let area = state.area::<UniversesState>();
        let mut data = lock(&area.data);
        Some(
            data.place(universe, place, state.clock.now_utc())
                .settings
                .clone(),
        )
    }

    /// The server restarts asked for so far, oldest first (the most recent
    /// `[universes_api] max_server_restarts` of them).
    pub fn server_restarts(&self) -> Vec<ServerRestart> {
        let area = self.state().area::<UniversesState>();
        let data = lock(&area.data);
        data.restarts.iter().cloned().collect()
    }
}
