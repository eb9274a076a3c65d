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
