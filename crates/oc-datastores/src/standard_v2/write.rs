//! Write an entry: create (`POST …/entries?id={key}`) or update (`PATCH …/entries/{key}`,
//! with `allowMissing=true` to create a missing key, and the `etag` to write only over
//! a known revision), with the body `{"value":…,"users":[…],"attributes":{…}}`
//! (<https://create.roblox.com/docs/cloud/reference/features/data-stores>).

use bytes::{BufMut, Bytes, BytesMut};
use http::header::{HeaderValue, CONTENT_TYPE};
use http::Method;
use oc_core::request::Query;
use oc_core::v2::RpcCode;
use oc_core::{request, Body, Client, Endpoint, Error, Idempotency, InvalidInput};
use serde::Serialize;

use super::entry::{DataStoreEntry, WireEntry};
use super::{MAX_ATTRIBUTES_CHARS, MAX_USERS, MAX_VALUE_BYTES};
use crate::failures::precondition_failed;
use crate::handles::DataStoreV2;

/// What a write does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Update, creating a missing key (`allowMissing=true`): what `set` does.
    Upsert,
    /// Create only.
    Create,
    /// Update only: a missing key is not found.
    Update,
}

impl DataStoreV2 {
    /// Sets `key` to `value` (serialized as JSON), creating the key when missing. Await
    /// it for the new [`DataStoreEntry`].
    ///
    /// Users and attributes not given are cleared, as the service does.
    pub fn set<T: Serialize + ?Sized>(&self, key: impl Into<String>, value: &T) -> SetEntry<'_> {
        self.write(key.into(), value, Mode::Upsert)
    }

    /// Creates `key` with `value`: a key that exists fails with a
    /// [`PreconditionFailed`](crate::PreconditionFailed) detail. The same as
    /// `set(..).exclusive_create(true)`.
    pub fn create<T: Serialize + ?Sized>(&self, key: impl Into<String>, value: &T) -> SetEntry<'_> {
        self.write(key.into(), value, Mode::Create)
    }

    /// Updates `key` to `value`: a missing key is [`oc_core::Error::NotFound`] unless
    /// [`SetEntry::allow_missing`] is chosen.
    pub fn update<T: Serialize + ?Sized>(&self, key: impl Into<String>, value: &T) -> SetEntry<'_> {
        self.write(key.into(), value, Mode::Update)
    }

    fn write<T: Serialize + ?Sized>(&self, key: String, value: &T, mode: Mode) -> SetEntry<'_> {
        SetEntry {
            store: self,
            key,
            value: serde_json::to_vec(value)
                .map(Bytes::from)
                .map_err(|e| e.to_string()),
            user_ids: None,
            attributes: None,
            mode,
            etag: None,
        }
    }
}

/// A write of an entry; `.await` it for the new [`DataStoreEntry`].
///
/// With [`SetEntry::exclusive_create`] or [`SetEntry::match_version`], a key in another
/// state fails with a [`PreconditionFailed`](crate::PreconditionFailed) detail (the
/// service's answer is in [`oc_core::Error::api_error`]), and the write is never
/// repeated by the retry layer.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct SetEntry<'a> {
    store: &'a DataStoreV2,
    key: String,
    value: Result<Bytes, String>,
    user_ids: Option<Vec<u64>>,
    attributes: Option<serde_json::Map<String, serde_json::Value>>,
    mode: Mode,
    etag: Option<String>,
}

impl SetEntry<'_> {
    /// The user ids to attach (at most 4).
    pub fn user_ids(mut self, ids: impl IntoIterator<Item = u64>) -> Self {
        self.user_ids = Some(ids.into_iter().collect());
        self
    }

    /// The attributes to attach (at most 300 characters of JSON).
    pub fn attributes(mut self, attributes: serde_json::Map<String, serde_json::Value>) -> Self {
        self.attributes = Some(attributes);
        self
    }

    /// Only create (v2 Create): fail with a [`PreconditionFailed`](crate::PreconditionFailed)
    /// detail when the key exists. `false` goes back to a plain set.
    pub fn exclusive_create(mut self, exclusive: bool) -> Self {
        self.mode = match (exclusive, self.mode) {
            (true, _) => Mode::Create,
            (false, Mode::Create) => Mode::Upsert,
            (false, mode) => mode,
        };
        self
    }

    /// Only write over the revision whose `etag` is `etag` (the revision id, as v1's
    /// version): otherwise fail with a [`PreconditionFailed`](crate::PreconditionFailed)
    /// detail. A missing key fails too.
    pub fn match_version(mut self, etag: impl Into<String>) -> Self {
        self.etag = Some(etag.into());
        if self.mode == Mode::Upsert {
            self.mode = Mode::Update;
        }
        self
    }

    /// On an update, create the key when it is missing (`allowMissing`).
    pub fn allow_missing(mut self, allow: bool) -> Self {
        self.mode = match (allow, self.mode) {
            (true, Mode::Update) => Mode::Upsert,
            (false, Mode::Upsert) => Mode::Update,
            (_, mode) => mode,
        };
        self
    }

    /// The JSON body: the value as it was serialized, users and attributes, the etag.
    fn body(&self) -> Result<Bytes, Error> {
        let value = match &self.value {
            Ok(value) => value,
            Err(reason) => return Err(InvalidInput::new("value", reason.clone()).into()),
        };
        oc_core::validate::max_bytes("value", value, MAX_VALUE_BYTES)?;
        let metadata = metadata_json(self.user_ids.as_deref(), self.attributes.as_ref())?;
        let etag = match &self.etag {
            None => String::new(),
            Some(etag) => {
                oc_core::validate::non_empty("match_version", etag)?;
                format!(
                    ",\"etag\":{}",
                    serde_json::to_string(etag).unwrap_or_default()
                )
            }
        };
        let mut body = BytesMut::with_capacity(value.len() + metadata.len() + etag.len() + 16);
        body.put_slice(b"{\"value\":");
        body.put_slice(value);
        body.put_slice(metadata.as_bytes());
        body.put_slice(etag.as_bytes());
        body.put_u8(b'}');
        Ok(body.freeze())
    }
}

/// `,"users":[…],"attributes":{…}` for the fields given, checked against the limits.
pub(crate) fn metadata_json(
    user_ids: Option<&[u64]>,
    attributes: Option<&serde_json::Map<String, serde_json::Value>>,
) -> Result<String, InvalidInput> {
    let mut json = String::new();
    if let Some(ids) = user_ids {
        if ids.len() > MAX_USERS {
            return Err(InvalidInput::new(
                "user_ids",
                format!("{} user ids; the limit is {MAX_USERS}", ids.len()),
            ));
        }
        let users: Vec<String> = ids.iter().map(|id| format!("\"users/{id}\"")).collect();
        json.push_str(",\"users\":[");
        json.push_str(&users.join(","));
        json.push(']');
    }
    if let Some(attributes) = attributes {
        let text = serde_json::to_string(attributes)
            .map_err(|e| InvalidInput::new("attributes", e.to_string()))?;
        let chars = text.chars().count();
        if chars > MAX_ATTRIBUTES_CHARS {
            return Err(InvalidInput::new(
                "attributes",
                format!("are {chars} characters of JSON; the limit is {MAX_ATTRIBUTES_CHARS}"),
            ));
        }
        json.push_str(",\"attributes\":");
        json.push_str(&text);
    }
    Ok(json)
}

/// Turns the service's refusals of a precondition into a
/// [`PreconditionFailed`](crate::PreconditionFailed) detail carrying its answer: 409
/// `ABORTED` (an etag that does not match), 412, and on a create the 400 that says the
/// entry already exists (documented: not 409).
pub(crate) fn precondition(error: Error, create: bool) -> Error {
    let failed = match &error {
        Error::PreconditionFailed(_) => true,
        Error::Conflict(api) => api.rpc_code().is_none_or(|code| code == RpcCode::Aborted),
        Error::Api(api) if create => {
            api.status() == http::StatusCode::BAD_REQUEST
                && api
                    .message()
                    .is_some_and(|m| m.to_ascii_lowercase().contains("already exists"))
        }
        _ => false,
    };
    match error {
        Error::PreconditionFailed(api) | Error::Conflict(api) | Error::Api(api) if failed => {
            precondition_failed(None, *api)
        }
        other => other,
    }
}

impl Endpoint for SetEntry<'_> {
    type Output = DataStoreEntry;
    const AREA: &'static str = crate::failures::AREA;
    const OPERATION: &'static str = "set_entry_v2";

    fn client(&self) -> &Client {
        self.store.experience().client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        if self.mode == Mode::Create && self.etag.is_some() {
            return Err(InvalidInput::new(
                "match_version",
                "cannot be used together with exclusive_create",
            )
            .into());
        }
        let (method, path) = match self.mode {
            Mode::Create => {
                let (scope, key) = self.store.locate(&self.key)?;
                let collection = super::entries_path(self.store, scope)?;
                (
                    Method::POST,
                    Query::new().pair("id", key).with_path(&collection),
                )
            }
            Mode::Upsert => (
                Method::PATCH,
                Query::new()
                    .pair("allowMissing", "true")
                    .with_path(&self.store.entry_path(&self.key, "")?),
            ),
            Mode::Update => (Method::PATCH, self.store.entry_path(&self.key, "")?),
        };
        let mut request = request::build(method, &path, Body::full(self.body()?))?;
        request
            .headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        Ok(request)
    }

    /// A create or a conditional write may not be repeated once the service may have
    /// applied it: a repeat would fail its own precondition and hide the success.
    fn idempotency(&self) -> Idempotency {
        if self.mode == Mode::Create || self.etag.is_some() {
            Idempotency::NonIdempotent
        } else {
            Idempotency::Idempotent
        }
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<DataStoreEntry, Error> {
        let wire: WireEntry = oc_core::response::json(&response)?;
        let (scope, key) = self.store.locate(&self.key)?;
        wire.into_entry(scope, key)
    }

    fn parse_error(&self, error: Error) -> Error {
        precondition(error, self.mode == Mode::Create)
    }
}

oc_core::endpoint_future!(SetEntry<'a>);
