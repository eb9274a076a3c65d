//! One ordered entry: get, set (create, update or upsert), increment, remove, through
//! either API (<https://create.roblox.com/docs/cloud/reference/OrderedDataStore>,
//! <https://create.roblox.com/docs/cloud/reference/OrderedDataStoreEntry>).

use bytes::Bytes;
use http::Method;
use oc_core::request::Query;
use oc_core::{Body, Client, Endpoint, Error, Idempotency, InvalidInput};
use serde_json::json;

use super::api::{build, entry_request, entry_suffix, OrderedApi};
use super::wire::WireEntry;
use crate::failures::{precondition_failed, AREA};
use crate::handles::OrderedDataStore;

/// The value of an entry answer.
fn entry_value<S: OrderedApi>(response: &http::Response<Bytes>) -> Result<i64, Error> {
    oc_core::response::json::<WireEntry>(response)?.value(S::ROUNDS_DOUBLES)
}

/// A get; `.await` it for the value. A missing key is [`oc_core::Error::NotFound`].
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct OrderedGet<'a, S = OrderedDataStore> {
    store: &'a S,
    key: String,
}

impl<'a, S: OrderedApi> OrderedGet<'a, S> {
    pub(crate) fn new(store: &'a S, key: String) -> Self {
        OrderedGet { store, key }
    }
}

impl<S: OrderedApi> Endpoint for OrderedGet<'_, S> {
    type Output = i64;
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = S::OPERATIONS.get;

    fn client(&self) -> &Client {
        self.store.target().experience.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        entry_request(self.store, &self.key, "", &Query::new(), Method::GET, None)
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<i64, Error> {
        entry_value::<S>(&response)
    }
}

oc_core::endpoint_future!(<S> OrderedGet<'a, S> where S: OrderedApi);

/// A set; `.await` it for the stored value: an upsert unless
/// [`exclusive_create`](Self::exclusive_create) or
/// [`exclusive_update`](Self::exclusive_update) says otherwise.
///
/// An exclusive create of an existing key, or an exclusive update of a missing one, fails
/// with a [`PreconditionFailed`](crate::PreconditionFailed) detail (with no current
/// value: the service sends none).
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct OrderedSet<'a, S = OrderedDataStore> {
    store: &'a S,
    key: String,
    value: i64,
    exclusive_create: bool,
    exclusive_update: bool,
}

impl<'a, S: OrderedApi> OrderedSet<'a, S> {
    pub(crate) fn new(store: &'a S, key: String, value: i64) -> Self {
        OrderedSet {
            store,
            key,
            value,
            exclusive_create: false,
            exclusive_update: false,
        }
    }

    /// Only create (`POST …/entries?id=`): an existing key is a
    /// [`PreconditionFailed`](crate::PreconditionFailed) detail. Not repeated once the
    /// service may have applied it.
    pub fn exclusive_create(mut self, exclusive: bool) -> Self {
        self.exclusive_create = exclusive;
        self
    }

    /// Only update (v1 `allow_missing=false`, v2 without `allowMissing`): a missing key is
    /// a [`PreconditionFailed`](crate::PreconditionFailed) detail.
    pub fn exclusive_update(mut self, exclusive: bool) -> Self {
        self.exclusive_update = exclusive;
        self
    }
}

impl<S: OrderedApi> Endpoint for OrderedSet<'_, S> {
    type Output = i64;
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = S::OPERATIONS.set;

    fn client(&self) -> &Client {
        self.store.target().experience.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let (scope, key) = self.store.locate(&self.key)?;
        let (suffix, query, method) = match (self.exclusive_create, self.exclusive_update) {
            (true, true) => {
                return Err(InvalidInput::new(
                    "exclusive_update",
                    "cannot be used together with exclusive_create",
                )
                .into())
            }
            // Create: `POST …/entries?id={key}`.
            (true, false) => (String::new(), Query::new().pair("id", key), Method::POST),
            // Update or upsert: `PATCH …/entries/{key}`.
            (false, update_only) => (
                entry_suffix(key),
                S::patch_query(update_only),
                Method::PATCH,
            ),
        };
        let body = Some(json!({ "value": self.value }));
        build(self.store, scope, &suffix, &query, method, body)
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
        entry_value::<S>(&response)
    }

    fn parse_error(&self, error: Error) -> Error {
        match error {
            Error::NotFound(api) if self.exclusive_update => precondition_failed(None, *api),
            Error::Api(api) if self.exclusive_create && S::already_exists(&api) => {
                precondition_failed(None, *api)
            }
            other => other,
        }
    }
}

oc_core::endpoint_future!(<S> OrderedSet<'a, S> where S: OrderedApi);

/// An increment; `.await` it for the new value. Never repeated once the service may have
/// applied it. A sum out of the valid range is an [`OutOfBounds`](crate::OutOfBounds)
/// detail through v1, and is answered clamped to the `i64` range through v2.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct OrderedIncrement<'a, S = OrderedDataStore> {
    store: &'a S,
    key: String,
    by: i64,
}

impl<'a, S: OrderedApi> OrderedIncrement<'a, S> {
    pub(crate) fn new(store: &'a S, key: String, by: i64) -> Self {
        OrderedIncrement { store, key, by }
    }
}

impl<S: OrderedApi> Endpoint for OrderedIncrement<'_, S> {
    type Output = i64;
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = S::OPERATIONS.increment;

    fn client(&self) -> &Client {
        self.store.target().experience.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let body = Some(json!({ "amount": self.by }));
        let query = Query::new();
        entry_request(
            self.store,
            &self.key,
            ":increment",
            &query,
            Method::POST,
            body,
        )
    }

    fn idempotency(&self) -> Idempotency {
        Idempotency::NonIdempotent
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<i64, Error> {
        entry_value::<S>(&response)
    }

    fn parse_error(&self, error: Error) -> Error {
        S::increment_error(self.by, error)
    }
}

oc_core::endpoint_future!(<S> OrderedIncrement<'a, S> where S: OrderedApi);

/// A delete; `.await` it to send it. Through v1 deleting a missing key succeeds (as the
/// service answers); through v2 it is [`oc_core::Error::NotFound`], and the delete is not
/// repeated once the service may have applied it: the repeat would answer 404.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct OrderedRemove<'a, S = OrderedDataStore> {
    store: &'a S,
    key: String,
}

impl<'a, S: OrderedApi> OrderedRemove<'a, S> {
    pub(crate) fn new(store: &'a S, key: String) -> Self {
        OrderedRemove { store, key }
    }
}

impl<S: OrderedApi> Endpoint for OrderedRemove<'_, S> {
    type Output = ();
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = S::OPERATIONS.remove;

    fn client(&self) -> &Client {
        self.store.target().experience.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        entry_request(
            self.store,
            &self.key,
            "",
            &Query::new(),
            Method::DELETE,
            None,
        )
    }

    fn idempotency(&self) -> Idempotency {
        S::REMOVE
    }

    fn parse(&self, _: http::Response<Bytes>) -> Result<(), Error> {
        Ok(())
    }
}

oc_core::endpoint_future!(<S> OrderedRemove<'a, S> where S: OrderedApi);
