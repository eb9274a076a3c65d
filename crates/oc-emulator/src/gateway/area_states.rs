//! The state of every API area, held by the gateway without knowing its types: each area
//! puts its own state in at start and takes it out by type.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

type Erased = Arc<dyn Any + Send + Sync>;

/// One state per type; an area's state is created on first use when the area did not
/// put one in, so a lookup never fails.
#[derive(Debug, Default)]
pub(crate) struct AreaStates {
    states: RwLock<HashMap<TypeId, Erased>>,
}

impl AreaStates {
    /// Puts an area's state in, replacing one of the same type.
    pub fn insert<T: Any + Send + Sync>(&self, state: T) {
        self.insert_arc(Arc::new(state));
    }

    /// Puts an area's state in, already shared (e.g. with the world as a token source).
    pub fn insert_arc<T: Any + Send + Sync>(&self, state: Arc<T>) {
        let mut states = self
            .states
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        states.insert(TypeId::of::<T>(), state);
    }

    /// The state of type `T`: the one put in, or a default one made now.
    pub fn get<T: Any + Send + Sync + Default>(&self) -> Arc<T> {
        let found = self
            .states
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&TypeId::of::<T>())
            .cloned();
        if let Some(state) = found.and_then(|s| s.downcast::<T>().ok()) {
            return state;
        }
        let mut states = self
            .states
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let entry = states
            .entry(TypeId::of::<T>())
            .or_insert_with(|| Arc::new(T::default()));
        match entry.clone().downcast::<T>() {
            Ok(state) => state,
            // Unreachable: the map is keyed by the type; a fresh state keeps going.
            Err(_) => Arc::new(T::default()),
        }
    }
}
