//! Ordered data stores v2:
//! `/cloud/v2/universes/{universeId}/ordered-data-stores/{store}/scopes/{scope}/entries`
//! (<https://create.roblox.com/docs/cloud/reference/OrderedDataStoreEntry>).
//!
//! [`OrderedDataStoreV2`] has the methods, builders and results of the v1
//! [`OrderedDataStore`](crate::OrderedDataStore), so moving to v2 is changing
//! `ordered_data_store(..)` to `ordered_data_store_v2(..)`. What differs:
//!
//! - **Removing a missing entry is [`oc_core::Error::NotFound`]** (v1 answers 200 either
//!   way). Removes are therefore not repeated once the service may have applied them: a
//!   repeat would answer 404 and hide the success.
//! - The scope is part of every path: an [`all_scopes`](OrderedDataStoreV2::all_scopes)
//!   handle is refused with an [`oc_core::InvalidInput`] (field `scope`) before sending.
//! - Store names, scopes and entry ids are counted in characters (1 to 50; the service's
//!   reference allows ids of 63 characters for a create, but its server refuses ordered
//!   keys over 50, so 50 is checked); `.` and `..` are refused (path segments).
//! - Values are any `i64`, negative ones too. An increment past the `i64` range answers
//!   the value clamped to the range (a known issue the service documents) instead of v1's
//!   [`OutOfBounds`](crate::OutOfBounds).
//! - Creates, increments and removes are [`Idempotency::NonIdempotent`](oc_core::Idempotency).

mod entry;
mod handle;
mod list_entries;

use http::Method;
use oc_core::request::{self, PathSegment, Query};
use oc_core::validate;
use oc_core::{Body, InvalidInput};
use serde::Deserialize;

pub use entry::{OrderedGet, OrderedIncrement, OrderedRemove, OrderedSet};
pub use handle::OrderedDataStoreV2;
pub use list_entries::ListEntries;

use crate::ordered::OrderedEntry;

/// The longest store name, scope or entry id, in characters.
pub const MAX_ID_CHARS: usize = 50;

/// The wire form of an entry: `path`, `id` and `value`, a double "always rounded to the
/// nearest integer" (proto3 JSON may send a number, a decimal string, or leave a 0 out).
#[derive(Debug, Deserialize)]
pub(crate) struct WireEntry {
    #[serde(default)]
    id: String,
    #[serde(default)]
    value: Option<serde_json::Value>,
}

impl WireEntry {
    pub(crate) fn value(&self) -> Result<i64, oc_core::Error> {
        let bad =
            || oc_core::Error::decode(format!("bad ordered entry value {:?}", self.value), None);
        match &self.value {
            None | Some(serde_json::Value::Null) => Ok(0),
            Some(serde_json::Value::Number(n)) => match n.as_i64() {
                Some(v) => Ok(v),
                None => n.as_f64().and_then(round_to_i64).ok_or_else(bad),
            },
            Some(serde_json::Value::String(s)) => {
                let s = s.trim();
                match s.parse::<i64>() {
                    Ok(v) => Ok(v),
                    Err(_) => s.parse::<f64>().ok().and_then(round_to_i64).ok_or_else(bad),
                }
            }
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

/// A double as the nearest `i64` (half away from zero), clamped to the range; `None`
/// when it is not a number.
fn round_to_i64(value: f64) -> Option<i64> {
    if !value.is_finite() {
        return None;
    }
    // `as` saturates at the ends of the range.
    #[allow(
        clippy::cast_possible_truncation,
        reason = "rounded first; the conversion saturates"
    )]
    Some(value.round() as i64)
}

/// Checks a store name, scope or entry id: 1 to 50 characters, not a dot segment.
fn check_id(field: &'static str, value: &str) -> Result<(), InvalidInput> {
    validate::non_empty(field, value)?;
    validate::max_chars(field, value, MAX_ID_CHARS)?;
    validate::no_dot_segment(field, value)
}

/// The handle's scope, with its name and scope checked. An all-scopes handle is refused:
/// every v2 path names one scope.
pub(crate) fn scope_of(store: &OrderedDataStoreV2) -> Result<&str, InvalidInput> {
    let target = &store.target;
    check_id("name", &target.name)?;
    if target.all_scopes {
        return Err(InvalidInput::new(
            "scope",
            "ordered data stores v2 address one scope per request; this handle covers all scopes",
        ));
    }
    let scope = target.scope().unwrap_or(crate::DEFAULT_SCOPE);
    check_id("scope", scope)?;
    Ok(scope)
}

/// The scope and the checked entry id.
pub(crate) fn locate<'k>(
    store: &'k OrderedDataStoreV2,
    key: &'k str,
) -> Result<(&'k str, &'k str), InvalidInput> {
    let scope = scope_of(store)?;
    check_id("key", key)?;
    Ok((scope, key))
}

/// Builds a request to `…/scopes/{scope}/entries{suffix}?{query}`.
pub(crate) fn build(
    store: &OrderedDataStoreV2,
    scope: &str,
    suffix: &str,
    query: &Query,
    method: Method,
    body: Option<serde_json::Value>,
) -> Result<http::Request<Body>, oc_core::Error> {
    let path = format!(
        "/cloud/v2/universes/{}/ordered-data-stores/{}/scopes/{}/entries{suffix}",
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

#[cfg(test)]
mod offline_tests;
