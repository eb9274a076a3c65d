//! The [`EmulatorHandle`]'s view of standard data stores.

use super::config::DataStoreEntryConfig;
use super::state::DataStores;
use crate::gateway::EmulatorHandle;

impl EmulatorHandle {
    /// Creates a standard data store (dated now) for the list endpoint; an existing one is
    /// kept. An unknown universe is created too.
    pub fn add_data_store(&self, universe_id: u64, name: &str) {
        let state = self.state();
        state
            .area::<DataStores>()
            .add_store(&state.world, universe_id, name, state.clock.now());
    }

    /// Writes a standard data store entry (a new version, as a set does), creating its
    /// data store and universe when unknown.
    pub fn set_data_store_entry(&self, entry: &DataStoreEntryConfig) {
        let state = self.state();
        state
            .area::<DataStores>()
            .seed_entry(&state.world, entry, state.clock.now());
    }

    /// Deletes a standard data store as data stores v2 does: `DELETED` until the
    /// retention (`deleted_store_retention_days`) has passed on the emulator's clock, then
    /// purged. Returns `false` when the store does not exist.
    pub fn delete_data_store(&self, universe_id: u64, name: &str) -> bool {
        let state = self.state();
        state
            .area::<DataStores>()
            .delete_store(universe_id, name, state.clock.now())
    }
}
