//! The [`EmulatorHandle`]'s view of the inventory API.

use super::config::InventoryItemConfig;
use super::state::InventoryState;
use crate::gateway::EmulatorHandle;
use crate::sync::lock;

impl EmulatorHandle {
    /// Adds an item to a user's inventory (replacing the one of the same kind and id, or
    /// of the same copy id for an asset), adding the user when unknown; returns the item
    /// as stored (an asset without a copy id gets the next free one). An asset without a
    /// known asset type, or a time that is not RFC 3339, is refused with the reason.
    pub fn add_inventory_item(
        &self,
        item: &InventoryItemConfig,
    ) -> Result<InventoryItemConfig, String> {
        if let Some(problem) = item.problem() {
            return Err(problem);
        }
        self.state().world.ensure_user(item.user);
        Ok(self.state().area::<InventoryState>().add(item))
    }

    /// A user's inventory items, in the order they are listed.
    pub fn inventory_items(&self, user: u64) -> Vec<InventoryItemConfig> {
        let area = self.state().area::<InventoryState>();
        let data = lock(&area.data);
        data.items
            .get(&user)
            .map(|items| items.values().cloned().collect())
            .unwrap_or_default()
    }

    /// Makes a user's inventory private (only the user's own key or token with
    /// `user.inventory-item:read` lists it) or visible to everyone.
    pub fn set_inventory_private(&self, user: u64, private: bool) {
        let area = self.state().area::<InventoryState>();
        let mut data = lock(&area.data);
        if private {
            data.private.insert(user);
        } else {
            data.private.remove(&user);
        }
    }
}
