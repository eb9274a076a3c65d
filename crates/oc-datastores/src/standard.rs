//! Standard data stores v1: `/datastores/v1/universes/{universeId}/standard-datastores`
//! (<https://create.roblox.com/docs/cloud/reference/DataStore>).
//!
//! Every identifier (store name, scope, key) travels form-encoded in the query string, never
//! in a path segment, so a `.` or `..` is sent as it is and cannot change the path: no
//! dot-segment refusal is needed here.

mod get;
mod increment;
mod info;
mod list_keys;
mod list_stores;
mod remove;
mod set;
mod versions;

use std::fmt::Write as _;

use http::Method;
use oc_core::request::{self, Query};
use oc_core::{Body, Experience, InvalidInput};

use crate::handles::DataStore;

pub use get::{GetEntry, GetVersion};
pub use increment::{Increment, IncrementEntry};
pub use info::{DataStoreInfo, EntryInfo, EntryVersion, KeyItem};
pub use list_keys::ListKeys;
pub use list_stores::ListDataStores;
pub use remove::RemoveEntry;
pub use set::{SetEntry, MAX_ATTRIBUTES_BYTES, MAX_USER_IDS, MAX_VALUE_BYTES};
pub use versions::ListVersions;

/// The largest page asked for (the service documents no maximum for `limit`).
pub(crate) const MAX_PAGE: usize = 100;

/// `/datastores/v1/universes/{id}/standard-datastores{suffix}?{query}`.
pub(crate) fn build(
    experience: &Experience,
    method: Method,
    suffix: &str,
    query: &Query,
    body: Body,
) -> Result<http::Request<Body>, oc_core::Error> {
    let mut path = String::with_capacity(64 + suffix.len() + query.as_str().len());
    let _ = write!(
        path,
        "/datastores/v1/universes/{}/standard-datastores{suffix}",
        experience.universe_id()
    );
    if !query.is_empty() {
        path.push('?');
        path.push_str(query.as_str());
    }
    request::build(method, path, body)
}

/// The query naming one entry: `datastoreName`, `scope`, `entryKey` (query values, so
/// safe as they are: see the module documentation).
pub(crate) fn entry_query(store: &DataStore, key: &str) -> Result<Query, InvalidInput> {
    let (scope, key) = store.target.locate(key)?;
    // Sized for the three pairs (and a version or precondition a caller may add).
    let room = 80 + store.target.name.len() + scope.len() + key.len();
    Ok(Query::with_capacity(room)
        .pair("datastoreName", &store.target.name)
        .pair("scope", scope)
        .pair("entryKey", key))
}
