//! [`OrderedDataStoreV2`], the handle of an ordered data store reached through the v2
//! API, and the requests it makes.

use oc_core::Experience;

use crate::target::Target;

/// An ordered data store (integer values, listed sorted) reached through the v2 API.
/// Cheap to clone; makes no request by itself. Its methods are those of the v1
/// [`OrderedDataStore`](crate::OrderedDataStore); see [the module](crate::ordered_v2) for
/// what differs.
#[derive(Debug, Clone)]
pub struct OrderedDataStoreV2 {
    pub(crate) target: Target,
}

impl OrderedDataStoreV2 {
    pub(crate) fn new(experience: &Experience, name: String) -> Self {
        OrderedDataStoreV2 {
            target: Target::new(experience, name),
        }
    }
}

crate::ordered::ordered_methods!(
    OrderedDataStoreV2,
    set: "Sets `key` to `value`: an upsert (`PATCH …?allowMissing=true`) unless \
          [`OrderedSet::exclusive_create`](crate::OrderedSet::exclusive_create) or \
          [`OrderedSet::exclusive_update`](crate::OrderedSet::exclusive_update) says \
          otherwise. Await it for the stored value.",
    increment: "Adds `by` to `key` (a missing key counts as 0). Await it for the new value; \
                a sum past the `i64` range is answered clamped to it.",
    remove: "Deletes `key`. Unlike v1, a missing key is [`oc_core::Error::NotFound`].",
    list_entries: "Lists the scope's entries sorted by value, highest first (as v1 does). \
                   An all-scopes handle gets an invalid-input error.",
);
