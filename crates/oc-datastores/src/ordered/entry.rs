//! One ordered entry: get, set (create, update or upsert), increment, remove.

use std::future::{Future, IntoFuture};
use std::pin::Pin;

use http::Method;
use oc_core::request::{PathSegment, Query};
use oc_core::{Body, Idempotency, InvalidInput};
use serde_json::json;

use super::{build, locate, WireEntry};
use crate::error::{Error, PreconditionFailed};
use crate::handles::OrderedDataStore;

impl OrderedDataStore {
    /// Gets the value of `key`. A missing key is [`oc_core::Error::NotFound`].
    pub fn get(&self, key: impl Into<String>) -> OrderedGet<'_> {
        OrderedGet {
            store: self,
            key: key.into(),
        }
    }

    /// Sets `key` to `value`: an upsert unless [`OrderedSet::exclusive_create`] or
    /// [`OrderedSet::exclusive_update`] says otherwise. Await it for the stored value.
    pub fn set(&self, key: impl Into<String>, value: i64) -> OrderedSet<'_> {
        OrderedSet {
            store: self,
            key: key.into(),
            value,
            exclusive_create: false,
            exclusive_update: false,
        }
    }

    /// Adds `by` to `key`. Await it for the new value; a result out of the valid range is
    /// [`Error::OutOfBounds`].
    pub fn increment(&self, key: impl Into<String>, by: i64) -> OrderedIncrement<'_> {
        OrderedIncrement {
            store: self,
            key: key.into(),
            by,
        }
    }

    /// Deletes `key` (deleting a missing key succeeds, as the service answers).
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

async fn send_entry(
    store: &OrderedDataStore,
    request: http::Request<Body>,
) -> Result<i64, oc_core::Error> {
    let wire: WireEntry = store.experience().client().send_json(request).await?;
    wire.value()
}

/// A get; `.await` it for the value.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct OrderedGet<'a> {
    store: &'a OrderedDataStore,
    key: String,
}

impl OrderedGet<'_> {
    /// Checks the input and builds the request, with no I/O.
    pub fn build_request(&self) -> Result<http::Request<Body>, oc_core::Error> {
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
}

impl<'a> IntoFuture for OrderedGet<'a> {
    type Output = Result<i64, oc_core::Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { send_entry(self.store, self.build_request()?).await })
    }
}

/// A set; `.await` it for the stored value.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct OrderedSet<'a> {
    store: &'a OrderedDataStore,
    key: String,
    value: i64,
    exclusive_create: bool,
    exclusive_update: bool,
}

impl OrderedSet<'_> {
    /// Only create: an existing key is [`Error::PreconditionFailed`].
    pub fn exclusive_create(mut self, exclusive: bool) -> Self {
        self.exclusive_create = exclusive;
        self
    }

    /// Only update: a missing key is [`Error::PreconditionFailed`].
    pub fn exclusive_update(mut self, exclusive: bool) -> Self {
        self.exclusive_update = exclusive;
        self
    }

    /// Checks the input and builds the request, with no I/O.
    pub fn build_request(&self) -> Result<http::Request<Body>, oc_core::Error> {
        let (scope, key) = locate(self.store, &self.key)?;
        let body = Some(json!({ "value": self.value }));
        match (self.exclusive_create, self.exclusive_update) {
            (true, true) => Err(InvalidInput::new(
                "exclusive_update",
                "cannot be used together with exclusive_create",
            )
            .into()),
            (true, false) => {
                let query = Query::new().pair("id", key);
                let request = build(self.store, scope, "", &query, Method::POST, body)?;
                Ok(oc_core::request::non_idempotent(request))
            }
            (false, update_only) => {
                let allow_missing = if update_only { "false" } else { "true" };
                let query = Query::new().pair("allow_missing", allow_missing);
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
}

/// Whether a create failed because the entry exists: 400 "Entry already exists.", once
/// numeric code 3 (wire spec 3).
fn already_exists(error: &oc_core::Error) -> bool {
    error.api_error().is_some_and(|api| {
        api.status() == http::StatusCode::BAD_REQUEST
            && (api
                .message()
                .is_some_and(|m| m.to_ascii_lowercase().contains("already exists"))
                || api.code() == Some("3"))
    })
}

fn precondition(error: oc_core::Error) -> Error {
    match error {
        oc_core::Error::NotFound(api) => Error::PreconditionFailed(Box::new(PreconditionFailed {
            current: None,
            api: *api,
        })),
        oc_core::Error::Api(api) if already_exists(&oc_core::Error::Api(api.clone())) => {
            Error::PreconditionFailed(Box::new(PreconditionFailed {
                current: None,
                api: *api,
            }))
        }
        other => Error::Core(other),
    }
}

impl<'a> IntoFuture for OrderedSet<'a> {
    type Output = Result<i64, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let request = self.build_request()?;
            send_entry(self.store, request).await.map_err(precondition)
        })
    }
}

/// An increment; `.await` it for the new value.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct OrderedIncrement<'a> {
    store: &'a OrderedDataStore,
    key: String,
    by: i64,
}

impl OrderedIncrement<'_> {
    /// Checks the input and builds the request, with no I/O.
    pub fn build_request(&self) -> Result<http::Request<Body>, oc_core::Error> {
        let (scope, key) = locate(self.store, &self.key)?;
        let suffix = format!("{}:increment", entry_suffix(key));
        let body = Some(json!({ "amount": self.by }));
        let request = build(
            self.store,
            scope,
            &suffix,
            &Query::new(),
            Method::POST,
            body,
        )?;
        let mut request = request;
        Idempotency::NonIdempotent.mark(&mut request);
        Ok(request)
    }
}

impl<'a> IntoFuture for OrderedIncrement<'a> {
    type Output = Result<i64, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let request = self.build_request()?;
            send_entry(self.store, request)
                .await
                .map_err(|error| match error {
                    // 409 "Entry value outside of bounds." (wire spec 3).
                    oc_core::Error::Conflict(api) => Error::OutOfBounds(api),
                    other => Error::Core(other),
                })
        })
    }
}

/// A delete; `.await` it to send it.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct OrderedRemove<'a> {
    store: &'a OrderedDataStore,
    key: String,
}

impl OrderedRemove<'_> {
    /// Checks the input and builds the request, with no I/O.
    pub fn build_request(&self) -> Result<http::Request<Body>, oc_core::Error> {
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
}

impl<'a> IntoFuture for OrderedRemove<'a> {
    type Output = Result<(), oc_core::Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let request = self.build_request()?;
            self.store.experience().client().send(request).await?;
            Ok(())
        })
    }
}
