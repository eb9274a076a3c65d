//! Standard data stores v2: `/cloud/v2/universes/{universeId}/data-stores`
//! (<https://create.roblox.com/docs/cloud/reference/features/data-stores>).
//!
//! [`DataStoreV2`] offers the same methods and builders as the v1
//! [`DataStore`](crate::DataStore) for the operations both have (`get`, `get_as`,
//! `get_version`, `set` with `user_ids`/`attributes`/`exclusive_create`/`match_version`,
//! `increment`, `remove`, `list_keys`, `list_versions`), plus what only v2 has: reads at
//! a point in time, explicit `create`/`update`, and the data store methods (list with
//! deleted stores, delete, undelete, snapshot).
//!
//! Entries are always addressed with an explicit `scopes/{scope}` segment, which is
//! unambiguous. Store names, scopes and keys travel in path segments: a `.` or `..` is
//! refused before sending, and `/ ? # %` in a key are percent-encoded.

mod entry;
mod get;
mod increment;
mod list_keys;
mod remove;
mod revisions;
mod stores;
mod write;

use std::fmt::Write as _;

use oc_core::request::PathSegment;
use oc_core::validate;
use oc_core::{Experience, InvalidInput};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::handles::DataStoreV2;

pub use entry::{DataStoreEntry, EntryRevision, EntryState};
pub use get::GetEntry;
pub use increment::IncrementEntry;
pub use list_keys::ListKeys;
pub use remove::RemoveEntry;
pub use revisions::ListRevisions;
pub use stores::{
    DataStoreState, DataStoreV2Info, DeleteDataStore, ListDataStores, Snapshot, SnapshotDataStores,
    UndeleteDataStore,
};
pub use write::SetEntry;

/// The longest data store name, scope or key, in characters
/// (<https://create.roblox.com/docs/cloud-services/data-stores/error-codes-and-limits>).
pub const MAX_NAME_CHARS: usize = 50;
/// The largest value, in bytes of JSON.
pub const MAX_VALUE_BYTES: usize = 4 * 1024 * 1024;
/// The longest attributes, in characters of JSON.
pub const MAX_ATTRIBUTES_CHARS: usize = 300;
/// The most users an entry carries.
pub const MAX_USERS: usize = 4;

/// What an entry id escapes: everything but the unreserved characters and the
/// sub-delimiters, `:` and `@` that a path segment allows as they are, so `/ ? # %`
/// cannot leave the segment and `@` keeps its meaning in the revision grammar.
const ENTRY_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@');

/// Checks a store name, scope or key: 1 to 50 characters, not `.` or `..`.
pub(crate) fn check_name(field: &'static str, value: &str) -> Result<(), InvalidInput> {
    validate::non_empty(field, value)?;
    validate::max_chars(field, value, MAX_NAME_CHARS)?;
    validate::no_dot_segment(field, value)
}

/// `/cloud/v2/universes/{u}/data-stores`.
pub(crate) fn stores_path(experience: &Experience) -> String {
    format!(
        "{}/universes/{}/data-stores",
        oc_core::v2::PREFIX,
        experience.universe_id()
    )
}

/// `/cloud/v2/universes/{u}/data-stores/{name}`.
pub(crate) fn store_path(store: &DataStoreV2) -> Result<String, InvalidInput> {
    check_name("name", &store.target.name)?;
    let mut path = stores_path(store.experience());
    let _ = write!(path, "/{}", PathSegment(&store.target.name));
    Ok(path)
}

/// `…/data-stores/{name}/scopes/{scope}/entries` (`scope` may be `-` when listing).
pub(crate) fn entries_path(store: &DataStoreV2, scope: &str) -> Result<String, InvalidInput> {
    let mut path = store_path(store)?;
    let _ = write!(path, "/scopes/{}/entries", PathSegment(scope));
    Ok(path)
}

impl DataStoreV2 {
    /// The scope and key of `key`: on an all-scopes handle `key` is `"scope/key"`.
    pub(crate) fn locate<'k>(&'k self, key: &'k str) -> Result<(&'k str, &'k str), InvalidInput> {
        check_name("name", &self.target.name)?;
        if self.target.all_scopes && self.target.scope.is_some() {
            return Err(InvalidInput::new(
                "scope",
                "a scope cannot be chosen on an all-scopes handle",
            ));
        }
        let (scope, key) = match self.target.scope() {
            Some(scope) => (scope, key),
            None => key.split_once('/').ok_or_else(|| {
                InvalidInput::new(
                    "key",
                    "on an all-scopes handle a key is written \"scope/key\"",
                )
            })?,
        };
        check_name("scope", scope)?;
        check_name("key", key)?;
        Ok((scope, key))
    }

    /// `…/scopes/{scope}/entries/{key}{suffix}`, the key percent-encoded; `suffix` is
    /// appended as it is (`@latest`, `:increment`).
    pub(crate) fn entry_path(&self, key: &str, suffix: &str) -> Result<String, InvalidInput> {
        let (scope, key) = self.locate(key)?;
        let mut path = entries_path(self, scope)?;
        let _ = write!(path, "/{}{suffix}", utf8_percent_encode(key, ENTRY_SEGMENT));
        Ok(path)
    }

    /// The collection of entries listed: the handle's scope, or `-` on an all-scopes
    /// handle.
    pub(crate) fn list_path(&self) -> Result<String, InvalidInput> {
        check_name("name", &self.target.name)?;
        if self.target.all_scopes && self.target.scope.is_some() {
            return Err(InvalidInput::new(
                "scope",
                "a scope cannot be chosen on an all-scopes handle",
            ));
        }
        match self.target.scope() {
            Some(scope) => {
                check_name("scope", scope)?;
                entries_path(self, scope)
            }
            None => entries_path(self, "-"),
        }
    }
}

#[cfg(test)]
mod request_tests;
