//! The [`EmulatorHandle`]'s view of standard data stores.

use super::state::DataStores;
use crate::gateway::EmulatorHandle;

impl EmulatorHandle {
    /// Creates a standard data store (dated now) for the list endpoint; an existing one is
    /// kept. An unknown universe is created too.
    pub fn add_data_store(&self, universe_id: u64, name: &str) {
        let state = self.state();
        state
            .area::<DataStores>()
            .add_store(&state.world, universe_id, name);
    }
}
