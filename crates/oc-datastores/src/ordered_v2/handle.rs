//! [`OrderedDataStoreV2`], the handle of an ordered data store reached through the v2
//! API.

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

    /// The same store across every scope. The v2 API has no all-scopes routes, so every
    /// request of such a handle is refused with an [`oc_core::InvalidInput`] (field
    /// `scope`) before anything is sent; the method exists so that code written for v1
    /// compiles.
    pub fn all_scopes(mut self) -> Self {
        self.target.all_scopes = true;
        self
    }
}
