//! What the service says about stores, keys, entries and versions, parsed from headers
//! and JSON (<https://create.roblox.com/docs/cloud/reference/DataStore>).

use std::borrow::Cow;

use http::{HeaderMap, HeaderValue};
use oc_core::response::timestamp;
use serde::Deserialize;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::handles::DataStore;

/// Formats a time as RFC 3339 for a query.
pub(crate) fn format_time(time: OffsetDateTime) -> Result<String, oc_core::InvalidInput> {
    time.format(&Rfc3339)
        .map_err(|e| oc_core::InvalidInput::new("time", e.to_string()))
}

/// The metadata of an entry's version, from the `roblox-entry-*` headers.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct EntryInfo {
    /// The version id.
    pub version: String,
    /// When the entry was created.
    pub created: OffsetDateTime,
    /// When this version was written.
    pub updated: OffsetDateTime,
    /// The user ids attached to the entry.
    pub user_ids: Vec<u64>,
    /// The attributes attached to the entry.
    pub attributes: serde_json::Map<String, serde_json::Value>,
}

/// The metadata headers of a value answer, as `HeaderName::as_str` spells them.
const VERSION: &str = "roblox-entry-version";
const CREATED: &str = "roblox-entry-created-time";
const UPDATED: &str = "roblox-entry-version-created-time";
const USER_IDS: &str = "roblox-entry-userids";
const ATTRIBUTES: &str = "roblox-entry-attributes";

/// The text of a header, trimmed; borrowed unless it is not UTF-8 (then its invalid bytes
/// are replaced).
fn header_text(value: Option<&HeaderValue>) -> Option<Cow<'_, str>> {
    let bytes = value?.as_bytes();
    Some(match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text.trim()),
        Err(_) => Cow::Owned(String::from_utf8_lossy(bytes).trim().to_owned()),
    })
}

fn required<'h>(
    value: Option<&'h HeaderValue>,
    name: &str,
) -> Result<Cow<'h, str>, oc_core::Error> {
    header_text(value).ok_or_else(|| oc_core::Error::decode(format!("no {name} header"), None))
}

/// The metadata headers of a value answer (the first of each name), found in one walk
/// over the dozen headers an answer has: cheaper than five lookups by name.
#[derive(Default)]
struct MetadataHeaders<'h> {
    version: Option<&'h HeaderValue>,
    created: Option<&'h HeaderValue>,
    updated: Option<&'h HeaderValue>,
    user_ids: Option<&'h HeaderValue>,
    attributes: Option<&'h HeaderValue>,
}

impl<'h> MetadataHeaders<'h> {
    fn of(headers: &'h HeaderMap) -> Self {
        let mut found = MetadataHeaders::default();
        for (name, value) in headers {
            let slot = match name.as_str() {
                VERSION => &mut found.version,
                CREATED => &mut found.created,
                UPDATED => &mut found.updated,
                USER_IDS => &mut found.user_ids,
                ATTRIBUTES => &mut found.attributes,
                _ => continue,
            };
            slot.get_or_insert(value);
        }
        found
    }
}

impl EntryInfo {
    /// Reads the metadata headers of a value answer.
    pub(crate) fn from_headers(headers: &HeaderMap) -> Result<Self, oc_core::Error> {
        let found = MetadataHeaders::of(headers);
        let user_ids = match header_text(found.user_ids).filter(|t| !t.is_empty()) {
            None => Vec::new(),
            Some(text) => parse_user_ids(&text)
                .ok_or_else(|| oc_core::Error::decode(format!("bad {USER_IDS} {text:?}"), None))?,
        };
        let attributes = match header_text(found.attributes).filter(|t| !t.is_empty()) {
            None => serde_json::Map::new(),
            // No attributes, the usual case: nothing to parse.
            Some(text) if *text == *"{}" => serde_json::Map::new(),
            Some(text) => serde_json::from_str(&text).map_err(|e| {
                oc_core::Error::decode(format!("bad {ATTRIBUTES}"), Some(Box::new(e) as _))
            })?,
        };
        let version = required(found.version, VERSION)?.into_owned();
        let created_text = required(found.created, CREATED)?;
        let updated_text = required(found.updated, UPDATED)?;
        let created = timestamp(CREATED, &created_text)?;
        // A first version was written when the entry was created: one parse serves both.
        let updated = if updated_text == created_text {
            created
        } else {
            timestamp(UPDATED, &updated_text)?
        };
        Ok(EntryInfo {
            version,
            created,
            updated,
            user_ids,
            attributes,
        })
    }
}

/// `[1, 2]`, or the comma-separated `1,2` the documentation also shows.
fn parse_user_ids(text: &str) -> Option<Vec<u64>> {
    let inner = text
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(text);
    inner
        .split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| part.parse().ok())
        .collect()
}

/// A version of an entry, as set and list versions return it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct EntryVersion {
    /// The version id.
    pub version: String,
    /// Whether this version is a delete.
    pub deleted: bool,
    /// The length of the stored JSON, in bytes.
    pub content_length: u64,
    /// When this version was written.
    pub created: OffsetDateTime,
    /// When the entry was created.
    pub object_created: OffsetDateTime,
    pub(crate) store: DataStore,
    pub(crate) key: String,
}

/// The wire form of a version.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireVersion {
    version: String,
    #[serde(default)]
    deleted: bool,
    #[serde(default)]
    content_length: u64,
    #[serde(with = "time::serde::rfc3339")]
    created_time: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    object_created_time: OffsetDateTime,
}

impl WireVersion {
    pub(crate) fn into_version(self, store: &DataStore, key: &str) -> EntryVersion {
        EntryVersion {
            created: self.created_time,
            object_created: self.object_created_time,
            version: self.version,
            deleted: self.deleted,
            content_length: self.content_length,
            store: store.clone(),
            key: key.to_owned(),
        }
    }
}

impl EntryVersion {
    /// The key (as given to the handle; `"scope/key"` on an all-scopes handle).
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Fetches this version's value.
    pub fn get_value(&self) -> super::GetVersion<'_, serde_json::Value> {
        self.store.get_version(&self.key, &self.version)
    }
}

/// A key of a data store.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct KeyItem {
    /// Its scope.
    #[serde(default)]
    pub scope: String,
    /// The key.
    pub key: String,
}

/// A standard data store of an experience.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DataStoreInfo {
    /// Its name.
    pub name: String,
    /// When it was created.
    #[serde(rename = "createdTime", with = "time::serde::rfc3339")]
    pub created: OffsetDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_parse_like_the_documented_example() -> Result<(), oc_core::Error> {
        let mut headers = HeaderMap::new();
        for (name, value) in [
            (
                "roblox-entry-version",
                "08D9E6A3F2188CFF.0000000001.08D9E6A3F2188CFF.01",
            ),
            (
                "roblox-entry-created-time",
                "2022-02-02T23:30:06.5388799+00:00",
            ),
            (
                "roblox-entry-version-created-time",
                "2022-02-02T23:30:06.5388799+00:00",
            ),
            (
                "roblox-entry-attributes",
                "{ \"myAttribute\": \"myValue\" }",
            ),
            ("roblox-entry-userids", "[1, 2, 3]"),
        ] {
            headers.insert(name, http::HeaderValue::from_static(value));
        }
        let info = EntryInfo::from_headers(&headers)?;
        assert_eq!(
            info.version,
            "08D9E6A3F2188CFF.0000000001.08D9E6A3F2188CFF.01"
        );
        assert_eq!(info.user_ids, [1, 2, 3]);
        assert_eq!(info.attributes["myAttribute"], "myValue");
        assert_eq!(info.created.unix_timestamp(), 1_643_844_606);
        assert_eq!(info.updated.nanosecond(), 538_879_900);
        headers.remove("roblox-entry-userids");
        headers.insert(
            "roblox-entry-attributes",
            http::HeaderValue::from_static(""),
        );
        let bare = EntryInfo::from_headers(&headers)?;
        assert!(bare.user_ids.is_empty() && bare.attributes.is_empty());
        headers.insert(
            "roblox-entry-attributes",
            http::HeaderValue::from_static(" {} "),
        );
        headers.insert(
            "roblox-entry-version-created-time",
            http::HeaderValue::from_static("2023-12-30T16:24:24.2118874Z"),
        );
        let later = EntryInfo::from_headers(&headers)?;
        assert!(later.attributes.is_empty());
        assert_eq!(later.updated.unix_timestamp(), 1_703_953_464);
        assert_eq!(later.created, info.created);
        headers.insert(
            "roblox-entry-attributes",
            http::HeaderValue::from_static("{not json"),
        );
        assert!(matches!(
            EntryInfo::from_headers(&headers),
            Err(oc_core::Error::Decode { .. })
        ));
        headers.insert(
            "roblox-entry-attributes",
            http::HeaderValue::from_static(""),
        );
        assert_eq!(parse_user_ids("1, 2"), Some(vec![1, 2]));
        headers.insert(
            "roblox-entry-created-time",
            http::HeaderValue::from_static("yesterday"),
        );
        assert!(matches!(
            EntryInfo::from_headers(&headers),
            Err(oc_core::Error::Decode { .. })
        ));
        Ok(())
    }
}
