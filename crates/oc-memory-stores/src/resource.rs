//! The resources of memory stores as the service writes them: `MemoryStoreQueueItem` and
//! `MemoryStoreSortedMapItem`
//! (<https://create.roblox.com/docs/cloud/reference/features/memory-store>).

use oc_core::v2::{self, ids};
use oc_core::Error;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;
use time::OffsetDateTime;

/// A queue item, as an add answers it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct QueueItem {
    /// The item's id (the last segment of its path when the service names none).
    pub id: String,
    /// Its data.
    pub data: Value,
    /// Its priority: higher is nearer the front.
    pub priority: f64,
    /// When it expires, if the service says.
    pub expire_time: Option<OffsetDateTime>,
}

/// `MemoryStoreQueueItem` on the wire.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireQueueItem {
    #[serde(default)]
    path: String,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    data: Value,
    #[serde(default)]
    priority: Option<f64>,
    #[serde(default, with = "v2::timestamp::option")]
    expire_time: Option<OffsetDateTime>,
}

impl WireQueueItem {
    /// The item's data, taken out.
    pub(crate) fn into_data(self) -> Value {
        self.data
    }
}

impl From<WireQueueItem> for QueueItem {
    fn from(wire: WireQueueItem) -> Self {
        QueueItem {
            id: wire
                .id
                .filter(|id| !id.is_empty())
                .unwrap_or_else(|| ids::last_segment(&wire.path).to_owned()),
            data: wire.data,
            priority: wire.priority.unwrap_or(0.0),
            expire_time: wire.expire_time,
        }
    }
}

/// A sorted-map item's sort key: items with a numeric one come first (by number), then
/// those with a string one (by string), then those without; ties go by key
/// (<https://create.roblox.com/docs/cloud-services/memory-stores/sorted-map>).
#[derive(Debug, Clone, Default, PartialEq)]
pub enum SortKey {
    /// A numeric sort key.
    Numeric(f64),
    /// A string sort key (at most [`MAX_SORT_KEY_CHARS`](crate::MAX_SORT_KEY_CHARS)
    /// characters).
    String(String),
    /// No sort key.
    #[default]
    None,
}

impl From<f64> for SortKey {
    fn from(number: f64) -> Self {
        SortKey::Numeric(number)
    }
}

impl From<i32> for SortKey {
    fn from(number: i32) -> Self {
        SortKey::Numeric(f64::from(number))
    }
}

impl From<&str> for SortKey {
    fn from(text: &str) -> Self {
        SortKey::String(text.to_owned())
    }
}

impl From<String> for SortKey {
    fn from(text: String) -> Self {
        SortKey::String(text)
    }
}

/// An item of a sorted map, its value read as a `T` (JSON by default).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SortedMapItem<T = Value> {
    /// The item's key.
    pub key: String,
    /// Its value.
    pub value: T,
    /// Its etag, for a conditional delete.
    pub etag: String,
    /// When it expires, if the service says.
    pub expire_time: Option<OffsetDateTime>,
    /// Its sort key.
    pub sort_key: SortKey,
}

impl SortedMapItem<Value> {
    /// The value read as a `T`.
    pub fn value_as<T: DeserializeOwned>(&self) -> Result<T, Error> {
        serde_json::from_value(self.value.clone()).map_err(|e| {
            Error::decode(
                "the sorted-map item's value is not the expected type",
                Some(Box::new(e) as _),
            )
        })
    }
}

/// `MemoryStoreSortedMapItem` on the wire. The `path` is ignored: the live service
/// sometimes cuts it short or spells it differently, and `id` names the item.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireMapItem {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    value: Value,
    #[serde(default)]
    etag: Option<String>,
    #[serde(default, with = "v2::timestamp::option")]
    expire_time: Option<OffsetDateTime>,
    #[serde(default)]
    numeric_sort_key: Option<f64>,
    #[serde(default)]
    string_sort_key: Option<String>,
}

impl WireMapItem {
    /// The item, its value read as a `T`; `key` names it when the answer does not.
    pub(crate) fn into_item<T: DeserializeOwned>(
        self,
        key: Option<&str>,
    ) -> Result<SortedMapItem<T>, Error> {
        let key = match (self.id.filter(|id| !id.is_empty()), key) {
            (Some(id), _) => id,
            (None, Some(key)) => key.to_owned(),
            (None, None) => return Err(Error::decode("a sorted-map item names no id", None)),
        };
        let value = serde_json::from_value(self.value).map_err(|e| {
            Error::decode(
                "the sorted-map item's value is not the expected type",
                Some(Box::new(e) as _),
            )
        })?;
        let sort_key = match (self.numeric_sort_key, self.string_sort_key) {
            (Some(number), _) => SortKey::Numeric(number),
            (None, Some(text)) => SortKey::String(text),
            (None, None) => SortKey::None,
        };
        Ok(SortedMapItem {
            key,
            value,
            etag: self.etag.unwrap_or_default(),
            expire_time: self.expire_time,
            sort_key,
        })
    }
}
