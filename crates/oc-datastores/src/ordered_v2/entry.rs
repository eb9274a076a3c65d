//! One ordered entry through the v2 API: get, set (create, update or upsert), increment,
//! remove (<https://create.roblox.com/docs/cloud/reference/OrderedDataStoreEntry>).

use bytes::Bytes;
use http::{Method, StatusCode};
use oc_core::request::{PathSegment, Query};
use oc_core::{Body, Client, Endpoint, Error, Idempotency, InvalidInput};
use serde_json::json;

use super::{build, locate, OrderedDataStoreV2, WireEntry};
use crate::failures::{precondition_failed, AREA};

impl OrderedDataStoreV2 {
    /// Gets the value of `key`. A missing key is [`oc_core::Error::NotFound`].
    pub fn get(&self, key: impl Into<String>) -> OrderedGet<'_> {
        OrderedGet {
            store: self,
            key: key.into(),
        }
    }

    /// Sets `key` to `value`: an upsert (`PATCH …?allowMissing=true`) unless
    /// [`OrderedSet::exclusive_create`] or [`OrderedSet::exclusive_update`] says otherwise.
    /// Await it for the stored value.
    pub fn set(&self, key: impl Into<String>, value: i64) -> OrderedSet<'_> {
        OrderedSet {
            store: self,
            key: key.into(),
            value,
            exclusive_create: false,
            exclusive_update: false,
        }
    }

    /// Adds `by` to `key` (a missing key counts as 0). Await it for the new value; a sum
    /// past the `i64` range is answered clamped to it.
    pub fn increment(&self, key: impl Into<String>, by: i64) -> OrderedIncrement<'_> {
        OrderedIncrement {
            store: self,
            key: key.into(),
            by,
        }
    }

    /// Deletes `key`. Unlike v1, a missing key is [`oc_core::Error::NotFound`].
    pub fn remove(&self, key: impl Into<String>) -> OrderedRemove<'_> {
        OrderedRemove {
            store: self,
            key: key.into(),
        }
    }
}

/// `/entries/{key}`.
fn entry_suffix(key: &str) -> String {
    format!("/{}", PathSegment(key))
}

/// The value of an entry answer.
fn entry_value(response: &http::Response<Bytes>) -> Result<i64, Error> {
    oc_core::response::json::<WireEntry>(response)?.value()
}

/// A get; `.await` it for the value.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct OrderedGet<'a> {
    store: &'a OrderedDataStoreV2,
    key: String,
}

impl Endpoint for OrderedGet<'_> {
    type Output = i64;
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = "get_ordered_entry_v2";

    fn client(&self) -> &Client {
        self.store.experience().client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let (scope, key) = locate(self.store, &self.key)?;
        build(
            self.store,
            scope,
            &entry_suffix(key),
            &Query::new(),
            Method::GET,
            None,
        )
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<i64, Error> {
        entry_value(&response)
    }
}

oc_core::endpoint_future!(OrderedGet<'a>);

/// A set; `.await` it for the stored value.
///
/// An exclusive create of an existing key, or an exclusive update of a missing one, fails
/// with a [`PreconditionFailed`](crate::PreconditionFailed) detail (with no current
/// value: the service sends none).
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct OrderedSet<'a> {
    store: &'a OrderedDataStoreV2,
    key: String,
    value: i64,
    exclusive_create: bool,
    exclusive_update: bool,
}

impl OrderedSet<'_> {
    /// Only create (`POST …/entries?id=`): an existing key is a
    /// [`PreconditionFailed`](crate::PreconditionFailed) detail. Not repeated once the
    /// service may have applied it.
    pub fn exclusive_create(mut self, exclusive: bool) -> Self {
        self.exclusive_create = exclusive;
        self
    }

    /// Only update (`PATCH` without `allowMissing`): a missing key is a
    /// [`PreconditionFailed`](crate::PreconditionFailed) detail.
    pub fn exclusive_update(mut self, exclusive: bool) -> Self {
        self.exclusive_update = exclusive;
        self
    }
}

impl Endpoint for OrderedSet<'_> {
    type Output = i64;
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = "set_ordered_entry_v2";

    fn client(&self) -> &Client {
        self.store.experience().client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let (scope, key) = locate(self.store, &self.key)?;
        let body = Some(json!({ "value": self.value }));
        match (self.exclusive_create, self.exclusive_update) {
            (true, true) => Err(InvalidInput::new(
                "exclusive_update",
                "cannot be used together with exclusive_create",
            )
            .into()),
            // Create: `POST …/entries?id={key}`.
            (true, false) => {
                let query = Query::new().pair("id", key);
                build(self.store, scope, "", &query, Method::POST, body)
            }
            // Upsert: `PATCH …/entries/{key}?allowMissing=true`; update: no parameter.
            (false, update_only) => {
                let query = if update_only {
                    Query::new()
                } else {
                    Query::new().pair("allowMissing", "true")
                };
                build(
                    self.store,
                    scope,
                    &entry_suffix(key),
                    &query,
                    Method::PATCH,
                    body,
                )
            }
        }
    }

    /// A create is not repeated: a repeat would fail as "already exists" and hide the
    /// success.
    fn idempotency(&self) -> Idempotency {
        if self.exclusive_create {
            Idempotency::NonIdempotent
        } else {
            Idempotency::Idempotent
        }
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<i64, Error> {
        entry_value(&response)
    }

    fn parse_error(&self, error: Error) -> Error {
        match error {
            Error::NotFound(api) if self.exclusive_update => precondition_failed(None, *api),
            Error::Api(api) if self.exclusive_create && already_exists(&api) => {
                precondition_failed(None, *api)
            }
            other => other,
        }
    }
}

oc_core::endpoint_future!(OrderedSet<'a>);

/// Whether a create failed because the entry exists: the reference documents a 400 for
/// it; the message says "already exists" (a 409 `ALREADY_EXISTS` is taken too).
fn already_exists(api: &oc_core::ApiError) -> bool {
    let says_exists = api
        .message()
        .is_some_and(|m| m.to_ascii_lowercase().contains("already exists"));
    (api.status() == StatusCode::BAD_REQUEST && says_exists) || api.code() == Some("ALREADY_EXISTS")
}

/// An increment; `.await` it for the new value. Never repeated once the service may have
/// applied it.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct OrderedIncrement<'a> {
    store: &'a OrderedDataStoreV2,
    key: String,
    by: i64,
}

impl Endpoint for OrderedIncrement<'_> {
    type Output = i64;
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = "increment_ordered_entry_v2";

    fn client(&self) -> &Client {
        self.store.experience().client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let (scope, key) = locate(self.store, &self.key)?;
        let suffix = format!("{}:increment", entry_suffix(key));
        let body = Some(json!({ "amount": self.by }));
        build(
            self.store,
            scope,
            &suffix,
            &Query::new(),
            Method::POST,
            body,
        )
    }

    fn idempotency(&self) -> Idempotency {
        Idempotency::NonIdempotent
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<i64, Error> {
        entry_value(&response)
    }
}

oc_core::endpoint_future!(OrderedIncrement<'a>);

/// A delete; `.await` it to send it. A missing key is [`oc_core::Error::NotFound`]. Not
/// repeated once the service may have applied it: the repeat would answer 404.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct OrderedRemove<'a> {
    store: &'a OrderedDataStoreV2,
    key: String,
}

impl Endpoint for OrderedRemove<'_> {
    type Output = ();
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = "remove_ordered_entry_v2";

    fn client(&self) -> &Client {
        self.store.experience().client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let (scope, key) = locate(self.store, &self.key)?;
        build(
            self.store,
            scope,
            &entry_suffix(key),
            &Query::new(),
            Method::DELETE,
            None,
        )
    }

    fn idempotency(&self) -> Idempotency {
        Idempotency::NonIdempotent
    }

    fn parse(&self, _: http::Response<Bytes>) -> Result<(), Error> {
        Ok(())
    }
}

oc_core::endpoint_future!(OrderedRemove<'a>);
