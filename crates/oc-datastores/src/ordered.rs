//! Ordered data stores v1:
//! `/ordered-data-stores/v1/universes/{universeId}/orderedDataStores/{store}/scopes/{scope}/entries`
//! (<https://create.roblox.com/docs/cloud/reference/OrderedDataStore>).
//!
//! The store name, the scope and the entry id travel percent-encoded in path segments, so
//! a `.` or `..` among them is refused before sending (URL normalisation would remove it
//! or climb a level).
//!
//! The builders serve the v2 API too ([`crate::ordered_v2`]): they are generic over the
//! handle they go through ([`OrderedApi`]), v1's [`OrderedDataStore`] by default.

mod api;
mod entry;
mod list_entries;
mod wire;

use http::StatusCode;
use oc_core::pagination::Paging;
use oc_core::request::Query;
use oc_core::validate::no_dot_segment;
use oc_core::{AreaError, Error, Idempotency, InvalidInput};

pub use api::OrderedApi;
pub use entry::{OrderedGet, OrderedIncrement, OrderedRemove, OrderedSet};
pub use list_entries::ListEntries;

use crate::failures::{OutOfBounds, AREA};
use crate::handles::OrderedDataStore;
use crate::target::Target;
pub(crate) use api::sealed;
use sealed::{Api, Operations};

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

/// The request methods of an ordered data store handle, with the docs of those that say
/// something particular to the handle's API.
macro_rules! ordered_methods {
    (
        $handle:ident,
        set: $set:expr,
        increment: $increment:expr,
        remove: $remove:expr,
        list_entries: $list_entries:expr $(,)?
    ) => {
        impl $handle {
            /// Gets the value of `key`. A missing key is [`oc_core::Error::NotFound`].
            pub fn get(&self, key: impl Into<String>) -> $crate::ordered::OrderedGet<'_, Self> {
                $crate::ordered::OrderedGet::new(self, key.into())
            }

            #[doc = $set]
            pub fn set(
                &self,
                key: impl Into<String>,
                value: i64,
            ) -> $crate::ordered::OrderedSet<'_, Self> {
                $crate::ordered::OrderedSet::new(self, key.into(), value)
            }

            #[doc = $increment]
            pub fn increment(
                &self,
                key: impl Into<String>,
                by: i64,
            ) -> $crate::ordered::OrderedIncrement<'_, Self> {
                $crate::ordered::OrderedIncrement::new(self, key.into(), by)
            }

            #[doc = $remove]
            pub fn remove(
                &self,
                key: impl Into<String>,
            ) -> $crate::ordered::OrderedRemove<'_, Self> {
                $crate::ordered::OrderedRemove::new(self, key.into())
            }

            #[doc = $list_entries]
            pub fn list_entries(&self) -> $crate::ordered::ListEntries<Self> {
                $crate::ordered::ListEntries::new(self.clone())
            }
        }
    };
}
pub(crate) use ordered_methods;

ordered_methods!(
    OrderedDataStore,
    set: "Sets `key` to `value`: an upsert unless [`OrderedSet::exclusive_create`] or \
          [`OrderedSet::exclusive_update`] says otherwise. Await it for the stored value.",
    increment: "Adds `by` to `key`. Await it for the new value; a result out of the valid \
                range is an [`OutOfBounds`] detail.",
    remove: "Deletes `key` (deleting a missing key succeeds, as the service answers).",
    list_entries: "Lists the scope's entries sorted by value, highest first. Needs a scope: \
                   an all-scopes handle gets an invalid-input error.",
);

impl Api for OrderedDataStore {
    const ROOT: &'static str = "/ordered-data-stores/v1/universes";
    const STORES: &'static str = "orderedDataStores";
    const OPERATIONS: Operations = Operations {
        get: "get_ordered_entry",
        set: "set_ordered_entry",
        increment: "increment_ordered_entry",
        remove: "remove_ordered_entry",
        list: "list_ordered_entries",
    };
    /// Deleting a missing entry succeeds, so a repeat is harmless.
    const REMOVE: Idempotency = Idempotency::Idempotent;
    const ROUNDS_DOUBLES: bool = false;

    fn target(&self) -> &Target {
        &self.target
    }

    /// The handle's own scope (an all-scopes handle has none), checked.
    fn list_scope(&self) -> Result<&str, InvalidInput> {
        let target = &self.target;
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

    /// None of name, scope or key may be a dot segment.
    fn locate<'k>(&'k self, key: &'k str) -> Result<(&'k str, &'k str), InvalidInput> {
        let (scope, key) = self.target.locate(key)?;
        no_dot_segment("name", &self.target.name)?;
        no_dot_segment("scope", scope)?;
        no_dot_segment("key", key)?;
        Ok((scope, key))
    }

    fn patch_query(update_only: bool) -> Query {
        let allow_missing = if update_only { "false" } else { "true" };
        Query::new().pair("allow_missing", allow_missing)
    }

    fn list_query(paging: &Paging<OrderedEntry>, descending: bool) -> Query {
        paging
            .query(Query::new(), "max_page_size", "page_token")
            .pair_opt("order_by", descending.then_some("desc"))
    }

    /// 400 "Entry already exists." (once the numeric gRPC code 3, `INVALID_ARGUMENT`,
    /// with that message).
    fn already_exists(api: &oc_core::ApiError) -> bool {
        api.status() == StatusCode::BAD_REQUEST
            && (api
                .message()
                .is_some_and(|m| m.to_ascii_lowercase().contains("already exists"))
                || api.code() == Some("3"))
    }

    /// 409 "Entry value outside of bounds." is an [`OutOfBounds`] detail.
    fn increment_error(by: i64, error: Error) -> Error {
        match error {
            Error::Conflict(api) => AreaError::new(AREA, OutOfBounds { amount: by })
                .with_api(*api)
                .applied(false)
                .into(),
            other => other,
        }
    }
}
