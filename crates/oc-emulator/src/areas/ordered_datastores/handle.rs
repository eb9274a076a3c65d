//! The [`EmulatorHandle`]'s view of ordered data stores.

use super::config::OrderedEntryConfig;
use super::state::OrderedStore;
use crate::gateway::EmulatorHandle;

impl EmulatorHandle {
    /// Sets an ordered data store entry (created or replaced), creating its universe when
    /// unknown.
    pub fn set_ordered_entry(&self, entry: &OrderedEntryConfig) {
        let state = self.state();
        state.world.ensure_universe(entry.universe);
        state.area::<OrderedStore>().seed(entry);
    }
}
