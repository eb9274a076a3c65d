//! Set an entry: `POST …/datastore/entries/entry` with the JSON value as the body,
//! `content-md5`, and the metadata headers
//! (<https://create.roblox.com/docs/cloud/reference/DataStore>).

use bytes::Bytes;
use http::header::{HeaderValue, CONTENT_TYPE};
use http::Method;
use oc_core::{Body, Client, Endpoint, Error, Idempotency, InvalidInput};
use serde::Serialize;

use super::info::WireVersion;
use super::{build, entry_query, EntryInfo, EntryVersion};
use crate::checksum::{self, content_md5, CONTENT_MD5};
use crate::failures::precondition_failed;
use crate::handles::DataStore;

/// The largest value, in bytes of JSON.
pub const MAX_VALUE_BYTES: usize = 4 * 1024 * 1024;
/// The JSON of the attributes must be shorter than this, in bytes.
pub const MAX_ATTRIBUTES_BYTES: usize = 300;
/// The most user ids an entry carries.
pub const MAX_USER_IDS: usize = 4;

impl DataStore {
    /// Sets `key` to `value` (serialized as JSON). Await it for the new [`EntryVersion`].
    ///
    /// User ids and attributes not given are cleared, as the service does.
    pub fn set<T: Serialize + ?Sized>(&self, key: impl Into<String>, value: &T) -> SetEntry<'_> {
        SetEntry {
            store: self,
            key: key.into(),
            value: serde_json::to_vec(value)
                .map(Bytes::from)
                .map_err(|e| e.to_string()),
            metadata: Metadata::default(),
            exclusive_create: false,
            match_version: None,
        }
    }
}

/// The user ids and attributes of a write.
#[derive(Debug, Default, Clone)]
pub(crate) struct Metadata {
    pub user_ids: Option<Vec<u64>>,
    pub attributes: Option<serde_json::Map<String, serde_json::Value>>,
}

impl Metadata {
    /// Checks the limits and adds the headers.
    pub fn apply(&self, request: &mut http::Request<Body>) -> Result<(), InvalidInput> {
        if let Some(ids) = &self.user_ids {
            if ids.len() > MAX_USER_IDS {
                return Err(InvalidInput::new(
                    "user_ids",
                    format!("{} user ids; the limit is {MAX_USER_IDS}", ids.len()),
                ));
            }
            let text = serde_json::to_string(ids).unwrap_or_else(|_| "[]".to_owned());
            insert(request, "roblox-entry-userids", &text, "user_ids")?;
        }
        if let Some(attributes) = &self.attributes {
            let text = serde_json::to_string(attributes)
                .map_err(|e| InvalidInput::new("attributes", e.to_string()))?;
            if text.len() >= MAX_ATTRIBUTES_BYTES {
                return Err(InvalidInput::new(
                    "attributes",
                    format!(
                        "are {} bytes of JSON; they must be under {MAX_ATTRIBUTES_BYTES}",
                        text.len()
                    ),
                ));
            }
            insert(request, "roblox-entry-attributes", &text, "attributes")?;
        }
        Ok(())
    }
}

fn insert(
    request: &mut http::Request<Body>,
    name: &'static str,
    value: &str,
    field: &'static str,
) -> Result<(), InvalidInput> {
    let value = HeaderValue::from_str(value)
        .map_err(|_| InvalidInput::new(field, "cannot be sent in a header (non-ASCII text)"))?;
    request.headers_mut().insert(name, value);
    Ok(())
}

/// A set of an entry; `.await` it for the new [`EntryVersion`].
///
/// With [`SetEntry::exclusive_create`] or [`SetEntry::match_version`], a key in another
/// state fails with a [`PreconditionFailed`](crate::PreconditionFailed) detail carrying
/// the current value, and the write is never repeated by the retry layer.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct SetEntry<'a> {
    store: &'a DataStore,
    key: String,
    value: Result<Bytes, String>,
    metadata: Metadata,
    exclusive_create: bool,
    match_version: Option<String>,
}

impl SetEntry<'_> {
    /// The user ids to attach (at most 4).
    pub fn user_ids(mut self, ids: impl IntoIterator<Item = u64>) -> Self {
        self.metadata.user_ids = Some(ids.into_iter().collect());
        self
    }

    /// The attributes to attach (under 300 bytes of JSON).
    pub fn attributes(mut self, attributes: serde_json::Map<String, serde_json::Value>) -> Self {
        self.metadata.attributes = Some(attributes);
        self
    }

    /// Only create: fail with a [`PreconditionFailed`](crate::PreconditionFailed) detail
    /// when the key exists.
    pub fn exclusive_create(mut self, exclusive: bool) -> Self {
        self.exclusive_create = exclusive;
        self
    }

    /// Only write when the current version is `version`: otherwise fail with a
    /// [`PreconditionFailed`](crate::PreconditionFailed) detail, which carries the current
    /// value.
    pub fn match_version(mut self, version: impl Into<String>) -> Self {
        self.match_version = Some(version.into());
        self
    }
}

impl Endpoint for SetEntry<'_> {
    type Output = EntryVersion;
    const AREA: &'static str = crate::failures::AREA;
    const OPERATION: &'static str = "set_entry";

    fn client(&self) -> &Client {
        self.store.experience().client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let mut query = entry_query(self.store, &self.key)?;
        let value = match &self.value {
            Ok(value) => value,
            Err(reason) => return Err(InvalidInput::new("value", reason.clone()).into()),
        };
        oc_core::validate::max_bytes("value", value, MAX_VALUE_BYTES)?;
        if self.exclusive_create && self.match_version.is_some() {
            return Err(InvalidInput::new(
                "match_version",
                "cannot be used together with exclusive_create",
            )
            .into());
        }
        if let Some(version) = &self.match_version {
            oc_core::validate::non_empty("match_version", version)?;
            query = query.pair("matchVersion", version);
        }
        if self.exclusive_create {
            query = query.pair("exclusiveCreate", "true");
        }
        let md5 = content_md5(value);
        let mut request = build(
            self.store.experience(),
            Method::POST,
            "/datastore/entries/entry",
            &query,
            Body::full(value.clone()),
        )?;
        self.metadata.apply(&mut request)?;
        let headers = request.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        if let Ok(md5) = HeaderValue::from_str(&md5) {
            headers.insert(CONTENT_MD5, md5);
        }
        Ok(request)
    }

    /// A conditional write may not be repeated once the service may have applied it: a
    /// repeat would fail its own precondition and hide the success.
    fn idempotency(&self) -> Idempotency {
        if self.exclusive_create || self.match_version.is_some() {
            Idempotency::NonIdempotent
        } else {
            Idempotency::Idempotent
        }
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<EntryVersion, Error> {
        let wire: WireVersion = oc_core::response::json(&response)?;
        Ok(wire.into_version(self.store, &self.key))
    }

    fn parse_error(&self, error: Error) -> Error {
        precondition(error)
    }
}

oc_core::endpoint_future!(SetEntry<'a>);

/// Turns a 412 into a [`PreconditionFailed`](crate::PreconditionFailed) detail, reading
/// the current value from the body and its metadata from the headers, which the service
/// sends when the entry exists
/// (<https://create.roblox.com/docs/cloud/reference/DataStore>). A current value whose
/// `content-md5` does not match is left out rather than handed over corrupted.
pub(crate) fn precondition(error: Error) -> Error {
    match error {
        Error::PreconditionFailed(api) => {
            let intact = api
                .headers()
                .get(CONTENT_MD5)
                .is_none_or(|md5| checksum::header_matches(md5.as_bytes(), api.body()));
            let current = if intact && api.headers().contains_key("roblox-entry-version") {
                serde_json::from_slice(api.body())
                    .ok()
                    .zip(EntryInfo::from_headers(api.headers()).ok())
            } else {
                None
            };
            precondition_failed(current, *api)
        }
        other => other,
    }
}
