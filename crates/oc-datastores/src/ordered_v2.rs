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

mod handle;

use http::StatusCode;
use oc_core::pagination::Paging;
use oc_core::request::Query;
use oc_core::{validate, ApiError, Error, Idempotency, InvalidInput};

pub use handle::OrderedDataStoreV2;

use crate::ordered::sealed::{Api, Operations};
use crate::ordered::OrderedEntry;
use crate::target::Target;

/// A get through the v2 API (see [`crate::OrderedGet`]).
pub type OrderedGet<'a> = crate::ordered::OrderedGet<'a, OrderedDataStoreV2>;
/// A set through the v2 API (see [`crate::OrderedSet`]).
pub type OrderedSet<'a> = crate::ordered::OrderedSet<'a, OrderedDataStoreV2>;
/// An increment through the v2 API (see [`crate::OrderedIncrement`]).
pub type OrderedIncrement<'a> = crate::ordered::OrderedIncrement<'a, OrderedDataStoreV2>;
/// A delete through the v2 API (see [`crate::OrderedRemove`]).
pub type OrderedRemove<'a> = crate::ordered::OrderedRemove<'a, OrderedDataStoreV2>;
/// A list through the v2 API (see [`crate::ListEntries`]).
pub type ListEntries = crate::ordered::ListEntries<OrderedDataStoreV2>;

/// The longest store name, scope or entry id, in characters.
pub const MAX_ID_CHARS: usize = 50;

/// Checks a store name, scope or entry id: 1 to 50 characters, not a dot segment.
fn check_id(field: &'static str, value: &str) -> Result<(), InvalidInput> {
    validate::non_empty(field, value)?;
    validate::max_chars(field, value, MAX_ID_CHARS)?;
    validate::no_dot_segment(field, value)
}

impl Api for OrderedDataStoreV2 {
    const ROOT: &'static str = "/cloud/v2/universes";
    const STORES: &'static str = "ordered-data-stores";
    const OPERATIONS: Operations = Operations {
        get: "get_ordered_entry_v2",
        set: "set_ordered_entry_v2",
        increment: "increment_ordered_entry_v2",
        remove: "remove_ordered_entry_v2",
        list: "list_ordered_entries_v2",
    };
    /// A repeat of an applied delete would answer 404 and hide the success.
    const REMOVE: Idempotency = Idempotency::NonIdempotent;
    const ROUNDS_DOUBLES: bool = true;

    fn target(&self) -> &Target {
        &self.target
    }

    /// The handle's scope, with its name and scope checked. An all-scopes handle is
    /// refused: every v2 path names one scope.
    fn list_scope(&self) -> Result<&str, InvalidInput> {
        let target = &self.target;
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

    fn locate<'k>(&'k self, key: &'k str) -> Result<(&'k str, &'k str), InvalidInput> {
        let scope = self.list_scope()?;
        check_id("key", key)?;
        Ok((scope, key))
    }

    /// Upsert: `allowMissing=true`; update: no parameter.
    fn patch_query(update_only: bool) -> Query {
        if update_only {
            Query::new()
        } else {
            Query::new().pair("allowMissing", "true")
        }
    }

    fn list_query(paging: &Paging<OrderedEntry>, descending: bool) -> Query {
        let order_by = if descending { "value desc" } else { "value" };
        paging.query_v2(Query::new()).pair("orderBy", order_by)
    }

    /// The reference documents a 400 for it; the message says "already exists" (a 409
    /// `ALREADY_EXISTS` is taken too).
    fn already_exists(api: &ApiError) -> bool {
        let says_exists = api
            .message()
            .is_some_and(|m| m.to_ascii_lowercase().contains("already exists"));
        (api.status() == StatusCode::BAD_REQUEST && says_exists)
            || api.code() == Some("ALREADY_EXISTS")
    }

    /// A sum past the range is answered clamped: nothing to refine.
    fn increment_error(_: i64, error: Error) -> Error {
        error
    }
}

#[cfg(test)]
mod offline_tests;
