//! Increment an entry: `POST …/datastore/entries/entry/increment?incrementBy=` (wire
//! spec 2.1). Not idempotent: never retried once the service may have applied it.

use std::future::{Future, IntoFuture};
use std::pin::Pin;

use http::Method;
use oc_core::{Body, Idempotency, InvalidInput};

use super::get::read_value;
use super::set::{precondition, Metadata};
use super::{build, entry_query, EntryInfo};
use crate::error::Error;
use crate::handles::DataStore;

/// How much to add: an integer or a float.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Increment {
    /// An integer.
    Int(i64),
    /// A float (must be finite).
    Float(f64),
}

impl From<i64> for Increment {
    fn from(by: i64) -> Self {
        Increment::Int(by)
    }
}

impl From<i32> for Increment {
    fn from(by: i32) -> Self {
        Increment::Int(by.into())
    }
}

impl From<f64> for Increment {
    fn from(by: f64) -> Self {
        Increment::Float(by)
    }
}

impl DataStore {
    /// Adds `by` to the number stored at `key` (a missing key counts as 0). Await it for
    /// the new value and its [`EntryInfo`].
    pub fn increment(
        &self,
        key: impl Into<String>,
        by: impl Into<Increment>,
    ) -> IncrementEntry<'_> {
        IncrementEntry {
            store: self,
            key: key.into(),
            by: by.into(),
            metadata: Metadata::default(),
        }
    }
}

/// An increment; `.await` it for the new value and its [`EntryInfo`].
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct IncrementEntry<'a> {
    store: &'a DataStore,
    key: String,
    by: Increment,
    metadata: Metadata,
}

impl IncrementEntry<'_> {
    /// The user ids to attach (at most 4); those not given are cleared.
    pub fn user_ids(mut self, ids: impl IntoIterator<Item = u64>) -> Self {
        self.metadata.user_ids = Some(ids.into_iter().collect());
        self
    }

    /// The attributes to attach (under 300 bytes of JSON); those not given are cleared.
    pub fn attributes(mut self, attributes: serde_json::Map<String, serde_json::Value>) -> Self {
        self.metadata.attributes = Some(attributes);
        self
    }

    /// Checks the input and builds the request, with no I/O.
    pub fn build_request(&self) -> Result<http::Request<Body>, oc_core::Error> {
        let by = match self.by {
            Increment::Int(by) => by.to_string(),
            Increment::Float(by) if by.is_finite() => by.to_string(),
            Increment::Float(_) => {
                return Err(InvalidInput::new("by", "must be a finite number").into())
            }
        };
        let query = entry_query(self.store, &self.key)?.pair("incrementBy", by);
        let mut request = build(
            self.store.experience().universe_id(),
            Method::POST,
            "/datastore/entries/entry/increment",
            &query,
            Body::empty(),
        )?;
        self.metadata.apply(&mut request)?;
        Idempotency::NonIdempotent.mark(&mut request);
        Ok(request)
    }
}

impl<'a> IntoFuture for IncrementEntry<'a> {
    type Output = Result<(serde_json::Number, EntryInfo), Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let request = self.build_request()?;
            let client = self.store.experience().client();
            let response = client.send(request).await.map_err(precondition)?;
            read_value(&response)
        })
    }
}
