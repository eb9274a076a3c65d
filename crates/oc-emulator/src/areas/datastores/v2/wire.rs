//! The JSON of data stores v2: `DataStore` and `DataStoreEntry` resources, built from the
//! state the v1 routes share.

use std::time::SystemTime;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde_json::{json, Map, Value};

use super::super::state::{time_of_ticks, Version};
use super::{Form, Location};
use crate::gateway::proto_json::format_timestamp;

/// What an entry id escapes in a `path`: the characters that would end or split its
/// segment (`/ ? # %`), spaces and controls.
const ENTRY_SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'/')
    .add(b'?')
    .add(b'#')
    .add(b'%')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// `text` escaped for a path segment.
pub(super) fn segment(text: &str) -> String {
    utf8_percent_encode(text, ENTRY_SEGMENT).to_string()
}

/// A time as v2 writes it.
pub(super) fn timestamp(time: SystemTime) -> String {
    format_timestamp(time::OffsetDateTime::from(time))
}

/// `universes/{u}/data-stores/{ds}`.
pub(super) fn store_path(universe: u64, store: &str) -> String {
    format!("universes/{universe}/data-stores/{}", segment(store))
}

/// A `DataStore` resource.
pub(super) fn store_json(
    universe: u64,
    name: &str,
    created_time: &str,
    expire_time: Option<SystemTime>,
) -> Value {
    let mut store = json!({
        "path": store_path(universe, name),
        "id": name,
        "createTime": created_time,
        "state": if expire_time.is_some() { "DELETED" } else { "ACTIVE" },
    });
    if let (Some(expire), Some(object)) = (expire_time, store.as_object_mut()) {
        object.insert("expireTime".into(), Value::String(timestamp(expire)));
    }
    store
}

impl Location {
    /// The entry's `id` as its form answers it: `scope/key` on the unscoped pair form.
    pub fn id(&self) -> String {
        match self.form {
            Form::UnscopedPair => format!("{}/{}", self.scope, self.key),
            Form::Scoped | Form::Unscoped => self.key.clone(),
        }
    }

    /// The entry's `path`, in the form it was addressed in.
    pub fn path(&self) -> String {
        let store = store_path(self.universe, &self.store);
        match self.form {
            Form::Scoped => format!(
                "{store}/scopes/{}/entries/{}",
                segment(&self.scope),
                segment(&self.key)
            ),
            Form::UnscopedPair => format!(
                "{store}/entries/{}/{}",
                segment(&self.scope),
                segment(&self.key)
            ),
            Form::Unscoped => format!("{store}/entries/{}", segment(&self.key)),
        }
    }
}

/// The `users` of a version: `users/{id}` for each stored user id.
fn users(version: &Version) -> Vec<Value> {
    version
        .user_ids
        .as_deref()
        .and_then(|text| serde_json::from_str::<Vec<u64>>(text).ok())
        .unwrap_or_default()
        .into_iter()
        .map(|id| Value::String(format!("users/{id}")))
        .collect()
}

/// The `attributes` of a version (`{}` when it has none).
fn attributes(version: &Version) -> Value {
    version
        .attributes
        .as_deref()
        .and_then(|text| serde_json::from_str::<Map<String, Value>>(text).ok())
        .map_or_else(|| Value::Object(Map::new()), Value::Object)
}

/// The value of a version, parsed.
pub(super) fn value(version: &Version) -> Option<Value> {
    version
        .value
        .as_ref()
        .and_then(|bytes| serde_json::from_slice(bytes).ok())
}

/// A full `DataStoreEntry`: metadata, value (absent on a tombstone), users, attributes.
pub(super) fn entry_json(location: &Location, version: &Version, value: Option<Value>) -> Value {
    let mut entry = revision_fields(location, version, false);
    if let Some(object) = entry.as_object_mut() {
        if let Some(value) = value {
            object.insert("value".into(), value);
        }
        object.insert("users".into(), Value::Array(users(version)));
        object.insert("attributes".into(), attributes(version));
    }
    entry
}

/// The metadata fields of an entry revision; with `suffixed`, `path` and `id` end in
/// `@{revisionId}`, as revision listings answer them.
pub(super) fn revision_fields(location: &Location, version: &Version, suffixed: bool) -> Value {
    let suffix = if suffixed {
        format!("@{}", version.id)
    } else {
        String::new()
    };
    json!({
        "path": format!("{}{suffix}", location.path()),
        "id": format!("{}{suffix}", location.id()),
        "createTime": timestamp(time_of_ticks(version.object_ticks)),
        "revisionId": version.id,
        "revisionCreateTime": timestamp(time_of_ticks(version.ticks)),
        "state": if version.deleted() { "DELETED" } else { "ACTIVE" },
        "etag": version.id,
    })
}
