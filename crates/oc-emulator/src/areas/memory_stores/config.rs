//! Memory stores' part of the configuration: the quotas and limits of
//! <https://create.roblox.com/docs/cloud-services/memory-stores>, how answers are written,
//! and the queue items and sorted-map items that exist at start.

use serde::Deserialize;
use serde_json::Value;

/// Memory stores' part of the configuration. In TOML, the `[memory_stores]` table.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MemoryStoresConfig {
    /// The experience's users, for the memory quota (0).
    pub users: u64,
    /// The experience's concurrent users, for the request units (0).
    pub ccu: u64,
    /// The memory quota's base, in bytes (65,536: 64 KB).
    pub memory_base_bytes: u64,
    /// The memory quota added per user, in bytes (1,229: 1.2 KB).
    pub memory_per_user_bytes: u64,
    /// Request units per minute, base (1,000); 0 turns the request-unit limit off.
    pub request_units_base: u64,
    /// Request units per minute added per concurrent user (120).
    pub request_units_per_ccu: u64,
    /// Items one queue or sorted map holds at most (1,000,000).
    pub max_items_per_structure: usize,
    /// Bytes one queue or sorted map holds at most, keys included (104,857,600: 100 MB).
    pub max_bytes_per_structure: u64,
    /// The largest value or queue item, serialised, in bytes (32,768: 32 KB).
    pub max_value_bytes: usize,
    /// The longest sorted-map key, in characters (128).
    pub max_key_chars: usize,
    /// The longest sort key, in characters (128).
    pub max_sort_key_chars: usize,
    /// The longest expiration, in seconds (3,888,000: 45 days).
    pub max_ttl_secs: u64,
    /// The expiration of an item sent without one, in seconds (3,888,000).
    pub default_ttl_secs: u64,
    /// The most items one queue read returns (200); larger counts are coerced.
    pub max_read_count: u64,
    /// The invisibility window of a read that names none, in seconds (30).
    pub default_invisibility_secs: u64,
    /// The most queue reads remembered for discarding (100,000); the oldest are forgotten.
    pub max_reads: usize,
    /// The sorted-map list's default page size (1).
    pub default_page_size: usize,
    /// The sorted-map list's largest page size (100); larger sizes are coerced.
    pub max_page_size: usize,
    /// `true` (the default) reads `+` in a key or structure name of a path as a space.
    pub plus_as_space: bool,
    /// `true` answers a queue read with only `readId` and `items`, as the reference
    /// shows; `false` (the default) also writes `id` and `data`, as the live service does.
    pub strict_read_response: bool,
    /// The key error bodies name their code with: `"code"` (the default) or `"error"`.
    pub error_key: MemoryStoreErrorKey,
    /// Polls of a flush operation before it answers done (0: done at once).
    pub polls_until_done: u32,
    /// Flush operations kept for polling (10,000); the oldest are dropped.
    pub max_operations: usize,
    /// How long a flush operation can be polled, in seconds (86,400).
    pub operation_retention_secs: u64,
    /// Queue items that exist at start (`[[memory_stores.queue_items]]`).
    pub queue_items: Vec<MemoryStoreQueueItemConfig>,
    /// Sorted-map items that exist at start (`[[memory_stores.sorted_map_items]]`).
    pub sorted_map_items: Vec<MemoryStoreSortedMapItemConfig>,
}

impl Default for MemoryStoresConfig {
    fn default() -> Self {
        MemoryStoresConfig {
            users: 0,
            ccu: 0,
            memory_base_bytes: 64 * 1024,
            memory_per_user_bytes: 1_229,
            request_units_base: 1_000,
            request_units_per_ccu: 120,
            max_items_per_structure: 1_000_000,
            max_bytes_per_structure: 100 * 1024 * 1024,
            max_value_bytes: 32 * 1024,
            max_key_chars: 128,
            max_sort_key_chars: 128,
            max_ttl_secs: 3_888_000,
            default_ttl_secs: 3_888_000,
            max_read_count: 200,
            default_invisibility_secs: 30,
            max_reads: 100_000,
            default_page_size: 1,
            max_page_size: 100,
            plus_as_space: true,
            strict_read_response: false,
            error_key: MemoryStoreErrorKey::Code,
            polls_until_done: 0,
            max_operations: 10_000,
            operation_retention_secs: 86_400,
            queue_items: Vec::new(),
            sorted_map_items: Vec::new(),
        }
    }
}

impl MemoryStoresConfig {
    /// Generous limits: a memory quota and request units no load test reaches.
    pub fn unlimited() -> Self {
        MemoryStoresConfig {
            memory_base_bytes: u64::MAX / 4,
            request_units_base: 0,
            ..MemoryStoresConfig::default()
        }
    }
}

/// The key an error body names its code with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemoryStoreErrorKey {
    /// `{"code":"NOT_FOUND","message":"…"}`, the v2 error body.
    #[default]
    Code,
    /// `{"error":"NOT_FOUND","message":"…"}`, the shape one client reads from memory stores.
    Error,
}

/// Which memory-store data: the live experience's or Studio's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum MemoryStoreScope {
    /// The live experience's data (what the item methods use).
    #[default]
    Live,
    /// Studio's data.
    Test,
}

/// A queue item, as seeded from the configuration (`[[memory_stores.queue_items]]`) or
/// [`EmulatorHandle::add_memory_store_queue_item`](crate::EmulatorHandle::add_memory_store_queue_item).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemoryStoreQueueItemConfig {
    /// The universe.
    pub universe: u64,
    /// The queue.
    pub queue: String,
    /// The item's data (any JSON value).
    pub data: Value,
    /// Its priority (0); higher is nearer the front.
    #[serde(default)]
    pub priority: f64,
    /// Its expiration in seconds (the default expiration).
    #[serde(default)]
    pub ttl_secs: Option<u64>,
    /// Live or Studio data (LIVE).
    #[serde(default)]
    pub scope: MemoryStoreScope,
}

/// A sorted-map item, as seeded from the configuration
/// (`[[memory_stores.sorted_map_items]]`) or
/// [`EmulatorHandle::set_memory_store_sorted_map_item`](crate::EmulatorHandle::set_memory_store_sorted_map_item).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemoryStoreSortedMapItemConfig {
    /// The universe.
    pub universe: u64,
    /// The sorted map.
    pub map: String,
    /// The item's key.
    pub key: String,
    /// Its value (any JSON value).
    pub value: Value,
    /// A numeric sort key.
    #[serde(default)]
    pub numeric_sort_key: Option<f64>,
    /// A string sort key (ignored when there is a numeric one).
    #[serde(default)]
    pub string_sort_key: Option<String>,
    /// Its expiration in seconds (the default expiration).
    #[serde(default)]
    pub ttl_secs: Option<u64>,
    /// Live or Studio data (LIVE).
    #[serde(default)]
    pub scope: MemoryStoreScope,
}
