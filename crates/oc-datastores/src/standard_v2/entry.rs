//! What the service says about entries and their revisions: `DataStoreEntry`
//! (<https://create.roblox.com/docs/cloud/reference/features/data-stores>).

use oc_core::v2::timestamp;
use serde::Deserialize;
use time::OffsetDateTime;

use crate::handles::DataStoreV2;

oc_core::wire_enum! {
    /// The state of an entry revision.
    EntryState { Active = "ACTIVE", Deleted = "DELETED", }
}

/// An entry at one revision, as v2 answers it. The fields both APIs have keep the names
/// of the v1 [`EntryInfo`](crate::EntryInfo) (`version`, `created`, `updated`,
/// `user_ids`, `attributes`), so code written against either reads the same.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct DataStoreEntry {
    /// The key.
    pub key: String,
    /// Its scope.
    pub scope: String,
    /// The revision id (`revisionId`), the same id as the v1 version.
    pub version: String,
    /// The `etag`: send it back with
    /// [`SetEntry::match_version`](crate::standard_v2::SetEntry::match_version) to write
    /// only over this revision. The service answers the revision id here.
    pub etag: String,
    /// When the entry was created (`createTime`).
    pub created: OffsetDateTime,
    /// When this revision was written (`revisionCreateTime`).
    pub updated: OffsetDateTime,
    /// `ACTIVE`, or `DELETED` for a delete's revision read by its id.
    pub state: EntryState,
    /// The value (`null` on a deleted revision).
    pub value: serde_json::Value,
    /// The user ids attached (`users`, sent as `users/{id}`).
    pub user_ids: Vec<u64>,
    /// The attributes attached.
    pub attributes: serde_json::Map<String, serde_json::Value>,
}

/// A revision of an entry, as the list of revisions answers it (no value: fetch it with
/// [`EntryRevision::get_value`]). The fields keep the names of the v1
/// [`EntryVersion`](crate::EntryVersion).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct EntryRevision {
    /// The revision id.
    pub version: String,
    /// The `etag`.
    pub etag: String,
    /// Whether this revision is a delete.
    pub deleted: bool,
    /// Its state.
    pub state: EntryState,
    /// When this revision was written (`revisionCreateTime`).
    pub created: OffsetDateTime,
    /// When the entry was created (`createTime`).
    pub object_created: OffsetDateTime,
    pub(crate) store: DataStoreV2,
    pub(crate) key: String,
}

impl EntryRevision {
    /// The key (as given to the handle; `"scope/key"` on an all-scopes handle).
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Fetches this revision's value.
    pub fn get_value(&self) -> super::GetEntry<'_, serde_json::Value> {
        self.store.get_version(&self.key, &self.version)
    }
}

/// The wire form of an entry (every field optional: revision listings fill a few).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireEntry {
    #[serde(default)]
    pub path: String,
    #[serde(default)]
    pub id: String,
    #[serde(default, with = "timestamp::option")]
    create_time: Option<OffsetDateTime>,
    #[serde(default)]
    revision_id: String,
    #[serde(default, with = "timestamp::option")]
    revision_create_time: Option<OffsetDateTime>,
    #[serde(default)]
    state: Option<EntryState>,
    #[serde(default)]
    etag: Option<String>,
    #[serde(default)]
    value: Option<serde_json::Value>,
    #[serde(default)]
    users: Vec<String>,
    #[serde(default)]
    attributes: Option<serde_json::Map<String, serde_json::Value>>,
}

/// A user id from `users/{id}` (or a bare id).
fn user_id(user: &str) -> Result<u64, oc_core::Error> {
    user.rsplit('/')
        .next()
        .and_then(|id| id.parse().ok())
        .ok_or_else(|| oc_core::Error::decode(format!("bad user {user:?}"), None))
}

fn required(field: &str, time: Option<OffsetDateTime>) -> Result<OffsetDateTime, oc_core::Error> {
    time.ok_or_else(|| oc_core::Error::decode(format!("no {field}"), None))
}

impl WireEntry {
    /// The entry of `scope`/`key`.
    pub(crate) fn into_entry(
        self,
        scope: &str,
        key: &str,
    ) -> Result<DataStoreEntry, oc_core::Error> {
        let created = required("createTime", self.create_time)?;
        let updated = self.revision_create_time.unwrap_or(created);
        let etag = self.etag.unwrap_or_else(|| self.revision_id.clone());
        Ok(DataStoreEntry {
            key: key.to_owned(),
            scope: scope.to_owned(),
            user_ids: self
                .users
                .iter()
                .map(|u| user_id(u))
                .collect::<Result<_, _>>()?,
            version: self.revision_id,
            etag,
            created,
            updated,
            state: self.state.unwrap_or(EntryState::Active),
            value: self.value.unwrap_or(serde_json::Value::Null),
            attributes: self.attributes.unwrap_or_default(),
        })
    }

    /// The revision of a listing, of `key` as given to `store`.
    pub(crate) fn into_revision(
        self,
        store: &DataStoreV2,
        key: &str,
    ) -> Result<EntryRevision, oc_core::Error> {
        let object_created = required("createTime", self.create_time)?;
        let created = required("revisionCreateTime", self.revision_create_time)?;
        let state = self.state.unwrap_or(EntryState::Active);
        Ok(EntryRevision {
            etag: self.etag.unwrap_or_else(|| self.revision_id.clone()),
            version: self.revision_id,
            deleted: state == EntryState::Deleted,
            state,
            created,
            object_created,
            store: store.clone(),
            key: key.to_owned(),
        })
    }
}
