//! What the ordered data store routes keep: the entries of every scope.

use std::collections::BTreeMap;
use std::sync::Mutex;

use super::config::OrderedEntryConfig;
use crate::sync::lock;

/// Where an ordered entry lives: universe, store, scope.
pub(crate) type OrderedScope = (u64, String, String);

/// Every ordered entry of the emulator, by scope then entry id.
pub(crate) type OrderedEntries = BTreeMap<OrderedScope, BTreeMap<String, i64>>;

/// The ordered data stores.
#[derive(Debug, Default)]
pub(crate) struct OrderedStore {
    /// Every entry, by scope then entry id.
    pub entries: Mutex<OrderedEntries>,
}

impl OrderedStore {
    /// Sets an entry, creating or replacing it.
    pub fn seed(&self, entry: &OrderedEntryConfig) {
        let scope = (
            entry.universe,
            entry.data_store.clone(),
            entry.scope.clone(),
        );
        lock(&self.entries)
            .entry(scope)
            .or_default()
            .insert(entry.id.clone(), entry.value);
    }
}
