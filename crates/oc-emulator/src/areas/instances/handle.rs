//! The [`EmulatorHandle`]'s view of the engine instances API.

use super::config::InstanceConfig;
use super::state::InstancesState;
use crate::gateway::EmulatorHandle;
use crate::sync::lock;

impl EmulatorHandle {
    /// Adds an instance to its place's tree (or updates the name, class, details and lock
    /// of the one with its id) and returns its id; `None` when its parent does not exist
    /// or its details have a wrong type. The place need not be declared.
    pub fn add_instance(&self, instance: &InstanceConfig) -> Option<String> {
        let area = self.state().area::<InstancesState>();
        let mut trees = lock(&area.trees);
        trees
            .entry((instance.universe, instance.place))
            .or_default()
            .add(instance)
            .ok()
    }

    /// An instance as it is now (`root` names the place's `DataModel`): its id, parent,
    /// name, class, details and lock.
    pub fn instance(&self, universe: u64, place: u64, id: &str) -> Option<InstanceConfig> {
        let area = self.state().area::<InstancesState>();
        let mut trees = lock(&area.trees);
        let tree = trees.entry((universe, place)).or_default();
        let key = tree.resolve(id)?;
        tree.view(universe, place, &key)
    }
}
