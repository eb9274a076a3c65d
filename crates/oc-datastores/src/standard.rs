//! Standard data stores v1: `/datastores/v1/universes/{universeId}/standard-datastores`
//! (wire spec 2). Every identifier travels in the query string.

mod get;
mod increment;
mod info;
mod list_keys;
mod list_stores;
mod remove;
mod set;
mod versions;

use http::Method;
use oc_core::request::{self, Query};
use oc_core::{Body, InvalidInput};

use crate::handles::DataStore;

pub use get::{GetEntry, GetVersion};
pub use increment::{Increment, IncrementEntry};
pub use info::{DataStoreInfo, EntryInfo, EntryVersion, KeyItem};
pub use list_keys::{KeysOptions, ListKeys};
pub use list_stores::{ListDataStores, StoresOptions};
pub use remove::RemoveEntry;
pub use set::{SetEntry, MAX_ATTRIBUTES_BYTES, MAX_USER_IDS, MAX_VALUE_BYTES};
pub use versions::{ListVersions, VersionsOptions};

/// The largest page asked for (no maximum is documented, wire spec 11).
pub(crate) const MAX_PAGE: usize = 100;

/// `/datastores/v1/universes/{id}/standard-datastores{suffix}?{query}`.
pub(crate) fn build(
    store_universe: u64,
    method: Method,
    suffix: &str,
    query: &Query,
    body: Body,
) -> Result<http::Request<Body>, oc_core::Error> {
    let path = format!("/datastores/v1/universes/{store_universe}/standard-datastores{suffix}");
    request::build(method, &query.with_path(&path), body)
}

/// The query naming one entry: `datastoreName`, `scope`, `entryKey`.
pub(crate) fn entry_query(store: &DataStore, key: &str) -> Result<Query, InvalidInput> {
    let (scope, key) = store.target.locate(key)?;
    Ok(Query::new()
        .pair("datastoreName", &store.target.name)
        .pair("scope", scope)
        .pair("entryKey", key))
}
