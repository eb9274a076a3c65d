//! What the inventory API keeps: every user's items, in listing order, and whose
//! inventories are private.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Mutex;

use super::config::{InventoryConfig, InventoryItemConfig};
use crate::sync::lock;

/// The first copy id handed to an asset seeded without one.
const FIRST_INSTANCE_ID: u64 = 100_000_000_000;

/// An item's place in its inventory: its kind, then its id (the copy id of an asset).
/// The order is assets, badges, passes, private servers, each by id (inferred: the
/// reference does not document the order).
pub(crate) type ItemKey = (u8, u64);

/// The mutable part.
#[derive(Debug)]
pub(crate) struct InventoryData {
    /// Items by user, then by key.
    pub items: HashMap<u64, BTreeMap<ItemKey, InventoryItemConfig>>,
    /// Users whose inventory is private.
    pub private: BTreeSet<u64>,
    /// The next copy id for an asset seeded without one.
    next_instance: u64,
}

impl Default for InventoryData {
    fn default() -> Self {
        InventoryData {
            items: HashMap::new(),
            private: BTreeSet::new(),
            next_instance: FIRST_INSTANCE_ID,
        }
    }
}

/// The inventory API's state.
#[derive(Debug, Default)]
pub(crate) struct InventoryState {
    /// Items and visibility.
    pub data: Mutex<InventoryData>,
}

/// The key of an item.
pub(crate) fn key_of(item: &InventoryItemConfig) -> ItemKey {
    let id = item.instance_id.unwrap_or(item.id);
    (item.kind as u8, id)
}

impl InventoryState {
    /// The state of a configuration (its items were checked).
    pub fn new(config: &InventoryConfig) -> Self {
        let state = InventoryState::default();
        lock(&state.data).private = config.private_users.iter().copied().collect();
        state
    }

    /// Adds an item (replacing the one with the same key), giving an asset without a
    /// copy id the next free one; returns the item as stored.
    pub fn add(&self, item: &InventoryItemConfig) -> InventoryItemConfig {
        let mut data = lock(&self.data);
        let mut item = item.clone();
        if item.kind == super::config::InventoryItemKind::Asset && item.instance_id.is_none() {
            item.instance_id = Some(data.next_instance);
            data.next_instance += 1;
        }
        if let Some(id) = item.instance_id {
            data.next_instance = data.next_instance.max(id.saturating_add(1));
        }
        data.items
            .entry(item.user)
            .or_default()
            .insert(key_of(&item), item.clone());
        item
    }
}
