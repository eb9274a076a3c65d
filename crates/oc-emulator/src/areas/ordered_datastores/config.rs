//! The ordered data stores' part of the configuration: the entries that exist at start.

use serde::Deserialize;

/// An ordered data store entry that exists at start. In TOML, an entry of
/// `[[ordered_data_store_entries]]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderedEntryConfig {
    /// Its universe.
    pub universe: u64,
    /// Its ordered data store's name.
    pub data_store: String,
    /// Its scope (`global` when absent).
    #[serde(default = "global")]
    pub scope: String,
    /// Its id (the entry name).
    pub id: String,
    /// Its value.
    pub value: i64,
}

impl OrderedEntryConfig {
    /// An entry of `universe`'s ordered data store `data_store` in scope `global`.
    pub fn new(
        universe: u64,
        data_store: impl Into<String>,
        id: impl Into<String>,
        value: i64,
    ) -> Self {
        OrderedEntryConfig {
            universe,
            data_store: data_store.into(),
            scope: global(),
            id: id.into(),
            value,
        }
    }
}

fn global() -> String {
    "global".to_owned()
}

/// The ordered data stores' limits. In TOML, the `[ordered_datastores]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OrderedDataStoresConfig {
    /// The longest entry id the v2 routes take, in characters (50). The v2 reference
    /// allows 1 to 63 characters on create, but the data stores' error table
    /// (<https://create.roblox.com/docs/cloud-services/data-stores/error-codes-and-limits>)
    /// refuses ordered keys over 50: the sources disagree and 50 is followed.
    pub max_entry_id_chars: usize,
    /// The longest store name and scope the v2 routes take, in characters (50).
    pub max_name_chars: usize,
}

impl Default for OrderedDataStoresConfig {
    fn default() -> Self {
        OrderedDataStoresConfig {
            max_entry_id_chars: 50,
            max_name_chars: 50,
        }
    }
}
