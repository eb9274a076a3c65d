//! The [`EmulatorHandle`]'s view of memory stores: seed queue and sorted-map items, read
//! them as they stand, read the memory used, set the population the quotas follow.

use serde_json::Value;
use time::{Duration, OffsetDateTime};

use super::config::{MemoryStoreQueueItemConfig, MemoryStoreScope, MemoryStoreSortedMapItemConfig};
use super::state::{MapWrite, MemoryStores, Quota, SortKey, WriteAt, WriteMode};
use crate::gateway::EmulatorHandle;

/// A queue item as the emulator holds it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct MemoryStoreQueueItemState {
    /// Its id.
    pub id: String,
    /// Its data.
    pub data: Value,
    /// Its priority.
    pub priority: f64,
    /// When it expires.
    pub expire_time: OffsetDateTime,
    /// Whether a read would see it now (no read holds it).
    pub visible: bool,
}

/// A sorted-map item as the emulator holds it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct MemoryStoreSortedMapItemState {
    /// Its key.
    pub key: String,
    /// Its value.
    pub value: Value,
    /// Its numeric sort key.
    pub numeric_sort_key: Option<f64>,
    /// Its string sort key.
    pub string_sort_key: Option<String>,
    /// Its etag.
    pub etag: String,
    /// When it expires.
    pub expire_time: OffsetDateTime,
}

fn ttl(secs: Option<u64>, store: &MemoryStores) -> Duration {
    let secs = secs.unwrap_or(store.config.default_ttl_secs);
    Duration::seconds(i64::try_from(secs).unwrap_or(i64::MAX))
}

/// Adds a configured queue item, beyond the memory quota (dropped when a structure limit
/// refuses it).
pub(crate) fn seed_queue_item(
    store: &MemoryStores,
    item: &MemoryStoreQueueItemConfig,
    now: OffsetDateTime,
) {
    let _ = store.add(
        (item.universe, item.scope),
        &item.queue,
        item.data.clone(),
        item.priority,
        ttl(item.ttl_secs, store),
        WriteAt {
            now,
            quota: Quota::Lifted,
        },
    );
}

/// Writes a configured sorted-map item, beyond the memory quota (dropped when a structure
/// limit refuses it).
pub(crate) fn seed_map_item(
    store: &MemoryStores,
    item: &MemoryStoreSortedMapItemConfig,
    now: OffsetDateTime,
) {
    let sort_key = match (&item.numeric_sort_key, &item.string_sort_key) {
        (Some(number), _) => SortKey::Numeric(*number),
        (None, Some(text)) => SortKey::String(text.clone()),
        (None, None) => SortKey::None,
    };
    let write = MapWrite {
        value: item.value.clone(),
        sort_key,
        ttl: ttl(item.ttl_secs, store),
    };
    let _ = store.map_write(
        (item.universe, item.scope),
        &item.map,
        &item.key,
        write,
        WriteMode::Update {
            allow_missing: true,
        },
        WriteAt {
            now,
            quota: Quota::Lifted,
        },
    );
}

impl EmulatorHandle {
    /// Adds a queue item as of the emulator's current time, creating its universe when
    /// unknown.
    pub fn add_memory_store_queue_item(&self, item: &MemoryStoreQueueItemConfig) {
        let state = self.state();
        state.world.ensure_universe(item.universe);
        seed_queue_item(&state.area::<MemoryStores>(), item, state.clock.now_utc());
    }

    /// Writes a sorted-map item (created or replaced) as of the emulator's current time,
    /// creating its universe when unknown.
    pub fn set_memory_store_sorted_map_item(&self, item: &MemoryStoreSortedMapItemConfig) {
        let state = self.state();
        state.world.ensure_universe(item.universe);
        seed_map_item(&state.area::<MemoryStores>(), item, state.clock.now_utc());
    }

    /// The items of a queue that have not expired, front first.
    pub fn memory_store_queue_items(
        &self,
        universe: u64,
        scope: MemoryStoreScope,
        queue: &str,
    ) -> Vec<MemoryStoreQueueItemState> {
        let state = self.state();
        let now = state.clock.now_utc();
        state
            .area::<MemoryStores>()
            .queue_items((universe, scope), queue, now)
            .into_iter()
            .map(|item| MemoryStoreQueueItemState {
                visible: item.visible_at(now),
                id: item.id,
                data: item.data,
                priority: item.priority,
                expire_time: item.expire,
            })
            .collect()
    }

    /// The items of a sorted map that have not expired, by key.
    pub fn memory_store_sorted_map_items(
        &self,
        universe: u64,
        scope: MemoryStoreScope,
        map: &str,
    ) -> Vec<MemoryStoreSortedMapItemState> {
        let state = self.state();
        let now = state.clock.now_utc();
        state
            .area::<MemoryStores>()
            .map_items((universe, scope), map, now)
            .into_iter()
            .map(|(key, item)| MemoryStoreSortedMapItemState {
                key,
                value: item.value,
                numeric_sort_key: match item.sort_key {
                    SortKey::Numeric(number) => Some(number),
                    _ => None,
                },
                string_sort_key: match &item.sort_key {
                    SortKey::String(text) => Some(text.clone()),
                    _ => None,
                },
                etag: item.etag.to_string(),
                expire_time: item.expire,
            })
            .collect()
    }

    /// The bytes a universe's memory store uses in one scope (what the memory quota
    /// counts), expired items left out.
    pub fn memory_store_usage(&self, universe: u64, scope: MemoryStoreScope) -> u64 {
        let state = self.state();
        state
            .area::<MemoryStores>()
            .usage((universe, scope), state.clock.now_utc())
    }

    /// Sets the users (for the memory quota) and concurrent users (for the request
    /// units) every universe's quotas follow from now on.
    pub fn set_memory_store_population(&self, users: u64, ccu: u64) {
        self.state()
            .area::<MemoryStores>()
            .set_population(users, ccu);
    }
}
