//! The standard data stores' part of the configuration.

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
