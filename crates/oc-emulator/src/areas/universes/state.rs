//! What the universes API keeps: the settings of every universe and place it has been
//! asked about or seeded with, their times, and the server restarts asked for.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use time::OffsetDateTime;

use super::config::{PlaceSettings, UniverseSettings, UniversesApiConfig};
use crate::sync::lock;

/// A restart of a universe's servers asked for through `:restartServers`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServerRestart {
    /// The universe.
    pub universe_id: u64,
    /// The places to restart; empty for every active place.
    pub place_ids: Vec<u64>,
    /// Restart servers on every version, not only those behind the latest.
    pub close_all_versions: bool,
    /// Stop matchmaking and shut the servers down after the bleed-off time.
    pub bleed_off_servers: bool,
    /// The bleed-off time in minutes, when bleeding off.
    pub bleed_off_duration_minutes: Option<i32>,
    /// When it was asked for (RFC 3339, the emulator's clock).
    pub time: String,
}

/// Settings with their times.
#[derive(Debug, Clone)]
pub(crate) struct Record<T> {
    /// The settings.
    pub settings: T,
    /// When the emulator first held them.
    pub create_time: OffsetDateTime,
    /// When they last changed.
    pub update_time: OffsetDateTime,
}

impl<T> Record<T> {
    fn new(settings: T, now: OffsetDateTime) -> Self {
        Record {
            settings,
            create_time: now,
            update_time: now,
        }
    }
}

/// The mutable part.
#[derive(Debug, Default)]
pub(crate) struct UniversesData {
    /// Universe settings, by universe.
    pub universes: HashMap<u64, Record<UniverseSettings>>,
    /// Place settings, by place.
    pub places: HashMap<u64, Record<PlaceSettings>>,
    /// The most recent restarts, oldest first.
    pub restarts: VecDeque<ServerRestart>,
}

impl UniversesData {
    /// The record of a universe, made with the default settings when there is none.
    pub fn universe(
        &mut self,
        universe: u64,
        now: OffsetDateTime,
    ) -> &mut Record<UniverseSettings> {
        self.universes
            .entry(universe)
            .or_insert_with(|| Record::new(UniverseSettings::new(universe), now))
    }

    /// The record of a place, made with the default settings when there is none.
    pub fn place(
        &mut self,
        universe: u64,
        place: u64,
        now: OffsetDateTime,
    ) -> &mut Record<PlaceSettings> {
        self.places
            .entry(place)
            .or_insert_with(|| Record::new(PlaceSettings::new(universe, place), now))
    }
}

/// The universes API's state.
#[derive(Debug, Default)]
pub(crate) struct UniversesState {
    /// The limits.
    pub config: UniversesApiConfig,
    /// Settings and restarts.
    pub data: Mutex<UniversesData>,
}

impl UniversesState {
    /// An empty state.
    pub fn new(config: &UniversesApiConfig) -> Self {
        UniversesState {
            config: config.clone(),
            data: Mutex::new(UniversesData::default()),
        }
    }

    /// Sets a universe's settings (keeping its creation time).
    pub fn set_universe(&self, settings: &UniverseSettings, now: OffsetDateTime) {
        let mut data = lock(&self.data);
        let record = data.universe(settings.universe, now);
        record.settings = settings.clone();
        record.update_time = now;
    }

    /// Sets a place's settings (keeping its creation time).
    pub fn set_place(&self, settings: &PlaceSettings, now: OffsetDateTime) {
        let mut data = lock(&self.data);
        let record = data.place(settings.universe, settings.place, now);
        record.settings = settings.clone();
        record.update_time = now;
    }

    /// Records a restart, dropping the oldest beyond the configured number.
    pub fn record_restart(&self, restart: ServerRestart) {
        let mut data = lock(&self.data);
        data.restarts.push_back(restart);
        while data.restarts.len() > self.config.max_server_restarts {
            data.restarts.pop_front();
        }
    }
}
