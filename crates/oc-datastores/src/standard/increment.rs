//! Increment an entry: `POST …/datastore/entries/entry/increment?incrementBy=`
//! (<https://create.roblox.com/docs/cloud/reference/DataStore>). Not idempotent: never
//! retried once the service may have applied it.

use bytes::Bytes;
use http::Method;
use oc_core::{Body, Client, Endpoint, Error, Idempotency, InvalidInput};

use super::get::read_value;
use super::set::{precondition, Metadata};
use super::{build, entry_query, EntryInfo};
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
///
/// A `content-md5` that does not match the answer is a
/// [`ChecksumMismatch`](crate::ChecksumMismatch) detail, and the increment may have been
/// applied ([`oc_core::Error::may_have_been_applied`]).
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
}

impl Endpoint for IncrementEntry<'_> {
    type Output = (serde_json::Number, EntryInfo);
    const AREA: &'static str = crate::failures::AREA;
    const OPERATION: &'static str = "increment_entry";

    fn client(&self) -> &Client {
        self.store.experience().client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let by = match self.by {
            Increment::Int(by) => by.to_string(),
            Increment::Float(by) if by.is_finite() => by.to_string(),
            Increment::Float(_) => {
                return Err(InvalidInput::new("by", "must be a finite number").into())
            }
        };
        let query = entry_query(self.store, &self.key)?.pair("incrementBy", by);
        let mut request = build(
            self.store.experience(),
            Method::POST,
            "/datastore/entries/entry/increment",
            &query,
            Body::empty(),
        )?;
        self.metadata.apply(&mut request)?;
        Ok(request)
    }

    fn idempotency(&self) -> Idempotency {
        Idempotency::NonIdempotent
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Self::Output, Error> {
        read_value(&response, true)
    }

    fn parse_error(&self, error: Error) -> Error {
        precondition(error)
    }
}

oc_core::endpoint_future!(IncrementEntry<'a>);
