//! Ordered data stores v1:
//! `/ordered-data-stores/v1/universes/{universeId}/orderedDataStores/{store}/scopes/{scope}/entries`
//! (<https://create.roblox.com/docs/cloud/reference/OrderedDataStore>).
//!
//! The store name, the scope and the entry id travel percent-encoded in path segments, so
//! a `.` or `..` among them is refused before sending (URL normalisation would remove it
//! or climb a level).

mod entry;
mod list_entries;

use http::Method;
use oc_core::request::{self, PathSegment, Query};
use oc_core::validate::no_dot_segment;
use oc_core::{Body, InvalidInput};
use serde::Deserialize;

pub use entry::{OrderedGet, OrderedIncrement, OrderedRemove, OrderedSet};
pub use list_entries::ListEntries;

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
    /// An int64, which proto3 JSON may write as a string and leaves out when it is 0.
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

    pub(crate) fn into_entry(self, scope: &str) -> Result<OrderedEntry, oc_core::Error> {
        Ok(OrderedEntry {
            value: self.value()?,
            key: self.id,
            scope: scope.to_owned(),
        })
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

/// The scope of a list: the handle's own (an all-scopes handle has none), checked.
pub(crate) fn scope_of(store: &OrderedDataStore) -> Result<&str, InvalidInput> {
    let target = &store.target;
    target.check()?;
    let scope = target.scope().ok_or_else(|| {
        InvalidInput::new(
            "scope",
            "listing needs one scope; this handle covers all scopes",
        )
    })?;
    crate::names::check("scope", scope)?;
    no_dot_segment("name", &target.name)?;
    no_dot_segment("scope", scope)?;
    Ok(scope)
}

/// The scope and key of `key`, checked; none of name, scope or key may be a dot segment.
pub(crate) fn locate<'k>(
    store: &'k OrderedDataStore,
    key: &'k str,
) -> Result<(&'k str, &'k str), InvalidInput> {
    let (scope, key) = store.target.locate(key)?;
    no_dot_segment("name", &store.target.name)?;
    no_dot_segment("scope", scope)?;
    no_dot_segment("key", key)?;
    Ok((scope, key))
}
