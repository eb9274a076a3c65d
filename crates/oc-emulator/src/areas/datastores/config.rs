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
}

impl Default for DataStoresConfig {
    fn default() -> Self {
        DataStoresConfig {
            max_versions_per_entry: 100,
        }
    }
}
