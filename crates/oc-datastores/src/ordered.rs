//! Ordered data stores v1:
//! `/ordered-data-stores/v1/universes/{universeId}/orderedDataStores/{store}/scopes/{scope}/entries`
//! (wire spec 3). Names travel percent-encoded in the path.

mod entry;
mod sort_keys;

use http::Method;
use oc_core::request::{self, PathSegment, Query};
use oc_core::{Body, InvalidInput};
use serde::Deserialize;

pub use entry::{OrderedGet, OrderedIncrement, OrderedRemove, OrderedSet};
pub use sort_keys::{SortKeys, SortOptions};

use crate::handles::OrderedDataStore;

/// An entry of an ordered data store.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct OrderedEntry {
    /// The entry's key.
    pub key: String,
    /// Its scope.
    pub scope: String,
    /// Its value.
    pub value: i64,
}

/// The wire form of an entry.
#[derive(Debug, Deserialize)]
pub(crate) struct WireEntry {
    #[serde(default)]
    id: String,
    /// A number; some answers carry a string, and proto3 JSON leaves out a 0 (wire spec 3).
    #[serde(default)]
    value: Option<serde_json::Value>,
}

impl WireEntry {
    pub(crate) fn value(&self) -> Result<i64, oc_core::Error> {
        let bad =
            || oc_core::Error::decode(format!("bad ordered entry value {:?}", self.value), None);
        match &self.value {
            None | Some(serde_json::Value::Null) => Ok(0),
            Some(serde_json::Value::Number(n)) => n.as_i64().ok_or_else(bad),
            Some(serde_json::Value::String(s)) => s.trim().parse().map_err(|_| bad()),
            Some(_) => Err(bad()),
        }
    }
}

/// Builds a request to `…/scopes/{scope}/entries{suffix}?{query}`.
pub(crate) fn build(
    store: &OrderedDataStore,
    scope: &str,
    suffix: &str,
    query: &Query,
    method: Method,
    body: Option<serde_json::Value>,
) -> Result<http::Request<Body>, oc_core::Error> {
    let path = format!(
        "/ordered-data-stores/v1/universes/{}/orderedDataStores/{}/scopes/{}/entries{suffix}",
        store.experience().universe_id(),
        PathSegment(&store.target.name),
        PathSegment(scope),
    );
    let path = query.with_path(&path);
    match body {
        Some(body) => request::json(method, &path, &body),
        None => request::build(method, &path, Body::empty()),
    }
}

/// The scope and key of `key`, checked.
pub(crate) fn locate<'k>(
    store: &'k OrderedDataStore,
    key: &'k str,
) -> Result<(&'k str, &'k str), InvalidInput> {
    store.target.locate(key)
}
