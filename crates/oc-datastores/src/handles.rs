//! The handles: [`DataStore`] and [`OrderedDataStore`], and the extension trait that makes
//! them from an [`Experience`].

use oc_core::Experience;

use crate::ordered_v2::OrderedDataStoreV2;
use crate::standard::ListDataStores;
use crate::target::Target;

/// Data store methods on an [`Experience`]. No method here makes a request.
pub trait ExperienceDataStoresExt {
    /// A standard data store, in scope `global` unless [`DataStore::with_scope`] or
    /// [`DataStore::all_scopes`] says otherwise.
    fn data_store(&self, name: impl Into<String>) -> DataStore;

    /// An ordered data store, in scope `global` unless [`OrderedDataStore::with_scope`] or
    /// [`OrderedDataStore::all_scopes`] says otherwise.
    fn ordered_data_store(&self, name: impl Into<String>) -> OrderedDataStore;

    /// An ordered data store reached through the v2 API, in scope `global` unless
    /// [`OrderedDataStoreV2::with_scope`] says otherwise. Same methods as
    /// [`ordered_data_store`](Self::ordered_data_store); see [`crate::ordered_v2`].
    fn ordered_data_store_v2(&self, name: impl Into<String>) -> OrderedDataStoreV2;

    /// Lists the experience's standard data stores, as a `Stream`.
    fn list_data_stores(&self) -> ListDataStores;

    /// A standard data store through data stores v2, in scope `global` unless
    /// [`DataStoreV2::with_scope`] or [`DataStoreV2::all_scopes`] says otherwise. It has
    /// the same methods as [`DataStore`] for what both offer.
    fn data_store_v2(&self, name: impl Into<String>) -> DataStoreV2;

    /// Lists the experience's standard data stores through v2 (deleted ones on
    /// request), as a `Stream`.
    fn list_data_stores_v2(&self) -> crate::standard_v2::ListDataStores;

    /// Snapshots every standard data store of the experience (at most once per UTC
    /// day).
    fn snapshot_data_stores(&self) -> crate::standard_v2::SnapshotDataStores;
}

impl ExperienceDataStoresExt for Experience {
    fn data_store(&self, name: impl Into<String>) -> DataStore {
        DataStore {
            target: Target::new(self, name.into()),
        }
    }

    fn ordered_data_store(&self, name: impl Into<String>) -> OrderedDataStore {
        OrderedDataStore {
            target: Target::new(self, name.into()),
        }
    }

    fn ordered_data_store_v2(&self, name: impl Into<String>) -> OrderedDataStoreV2 {
        OrderedDataStoreV2::new(self, name.into())
    }

    fn list_data_stores(&self) -> ListDataStores {
        ListDataStores::of(self.clone())
    }

    fn data_store_v2(&self, name: impl Into<String>) -> DataStoreV2 {
        DataStoreV2 {
            target: Target::new(self, name.into()),
        }
    }

    fn list_data_stores_v2(&self) -> crate::standard_v2::ListDataStores {
        crate::standard_v2::ListDataStores::of(self.clone())
    }

    fn snapshot_data_stores(&self) -> crate::standard_v2::SnapshotDataStores {
        crate::standard_v2::SnapshotDataStores::of(self.clone())
    }
}

macro_rules! scoped_handle {
    ($handle:ident) => {
        scoped_handle!(
            $handle,
            "The same store across every scope: keys are written `\"scope/key\"`. \
             Choosing a scope as well is refused when a request is made."
        );
    };
    ($handle:ident, $all_scopes:expr) => {
        impl $handle {
            /// The store's name.
            pub fn name(&self) -> &str {
                &self.target.name
            }

            /// The scope requests use; `None` on an all-scopes handle.
            pub fn scope(&self) -> Option<&str> {
                self.target.scope()
            }

            /// The experience the store belongs to.
            pub fn experience(&self) -> &Experience {
                &self.target.experience
            }

            /// The same store in scope `scope`.
            pub fn with_scope(mut self, scope: impl Into<String>) -> Self {
                self.target.scope = Some(scope.into());
                self
            }

            #[doc = $all_scopes]
            pub fn all_scopes(mut self) -> Self {
                self.target.all_scopes = true;
                self
            }
        }
    };
}

/// A standard data store. Cheap to clone; makes no request by itself.
#[derive(Debug, Clone)]
pub struct DataStore {
    pub(crate) target: Target,
}

/// An ordered data store (integer values, listed sorted). Cheap to clone; makes no request
/// by itself.
#[derive(Debug, Clone)]
pub struct OrderedDataStore {
    pub(crate) target: Target,
}

/// A standard data store through data stores v2: the same methods as [`DataStore`] for
/// what both offer, so a program switches by changing the constructor. Cheap to clone;
/// makes no request by itself.
#[derive(Debug, Clone)]
pub struct DataStoreV2 {
    pub(crate) target: Target,
}

scoped_handle!(DataStore);
scoped_handle!(DataStoreV2);
scoped_handle!(OrderedDataStore);
scoped_handle!(
    OrderedDataStoreV2,
    "The same store across every scope. The v2 API has no all-scopes routes, so every \
     request of such a handle is refused with an [`oc_core::InvalidInput`] (field \
     `scope`) before anything is sent; the method exists so that code written for v1 \
     compiles."
);
