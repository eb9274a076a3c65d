//! The standard data stores' part of the configuration: the data stores and entries that
//! exist at start.

use serde::Deserialize;

/// A standard data store that exists at start.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataStoreConfig {
    /// Its universe.
    pub universe: u64,
    /// Its name.
    pub name: String,
    /// Whether it starts deleted (data stores v2): it can be undeleted until
    /// `deleted_store_retention_days` after the start, then it is purged.
    #[serde(default)]
    pub deleted: bool,
}

/// A standard data store entry that exists at start (its data store is created too). In
/// TOML, an entry of `[[data_store_entries]]`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataStoreEntryConfig {
    /// Its universe.
    pub universe: u64,
    /// Its data store's name.
    pub data_store: String,
    /// Its scope (`global` when absent).
    #[serde(default = "global")]
    pub scope: String,
    /// Its key.
    pub key: String,
    /// Its value, any JSON (in TOML, any value: `value = { coins = 5 }`).
    pub value: serde_json::Value,
    /// Its attributes, a JSON object (`roblox-entry-attributes`).
    #[serde(default)]
    pub attributes: Option<serde_json::Value>,
    /// Its user ids (`roblox-entry-userids`).
    #[serde(default)]
    pub user_ids: Vec<u64>,
}

impl DataStoreEntryConfig {
    /// An entry of `universe`'s data store `data_store` in scope `global`, without
    /// attributes or user ids.
    pub fn new(
        universe: u64,
        data_store: impl Into<String>,
        key: impl Into<String>,
        value: serde_json::Value,
    ) -> Self {
        DataStoreEntryConfig {
            universe,
            data_store: data_store.into(),
            scope: global(),
            key: key.into(),
            value,
            attributes: None,
            user_ids: Vec::new(),
        }
    }
}

fn global() -> String {
    "global".to_owned()
}

/// The standard data stores' limits. In TOML, the `[datastores]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DataStoresConfig {
    /// The versions kept per entry, newest first (100): older ones are dropped, so a long
    /// benchmark holds memory flat. The service keeps versions for 30 days
    /// (<https://create.roblox.com/docs/cloud-services/data-stores/versioning-listing-and-caching>);
    /// a count stands in for that age (inferred).
    pub max_versions_per_entry: usize,
    /// Data stores v2: how long a deleted data store can be undeleted before it is purged,
    /// in days (30, <https://create.roblox.com/docs/cloud/reference/features/data-stores>).
    pub deleted_store_retention_days: u32,
    /// Data stores v2: whether an update whose body carries an `etag` that is not the
    /// entry's current revision is refused with 409 `ABORTED` (`true`) or applied anyway.
    /// The service documents the `etag` as a freshness check but not its failure, so
    /// this is switchable (inferred).
    pub etag_mismatch_aborts: bool,
    /// Data stores v2: an increment answers its sum clamped to
    /// `[-increment_bound - 1, increment_bound]` (`i64::MAX`) while it stores the exact
    /// sum, the service's documented known issue; its real bound is undocumented.
    pub increment_bound: i64,
}

impl Default for DataStoresConfig {
    fn default() -> Self {
        DataStoresConfig {
            max_versions_per_entry: 100,
            deleted_store_retention_days: 30,
            etag_mismatch_aborts: true,
            increment_bound: i64::MAX,
        }
    }
}
