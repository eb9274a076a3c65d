//! What the ordered data store routes keep: the entries of every scope.

use std::collections::BTreeMap;
use std::sync::Mutex;

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
