//! The handles: a queue ([`Queue`]) and a sorted map ([`SortedMap`]) of an experience's
//! memory store, made from an [`Experience`] by [`ExperienceMemoryStoresExt`]. No handle
//! makes a request.

use oc_core::request::PathSegment;
use oc_core::{Experience, InvalidInput};

use crate::flush::FlushMemoryStore;
use crate::limits;

/// Memory-store methods on an [`Experience`].
pub trait ExperienceMemoryStoresExt {
    /// The queue named `name`.
    fn memory_store_queue(&self, name: impl Into<String>) -> Queue;

    /// The sorted map named `name`.
    fn memory_store_sorted_map(&self, name: impl Into<String>) -> SortedMap;

    /// Removes every queue and sorted map of the experience's memory store (its live
    /// data unless [`FlushMemoryStore::scope`] says otherwise), as a long-running
    /// operation. Await the returned request to start it.
    fn flush_memory_store(&self) -> FlushMemoryStore;
}

impl ExperienceMemoryStoresExt for Experience {
    fn memory_store_queue(&self, name: impl Into<String>) -> Queue {
        Queue {
            experience: self.clone(),
            name: name.into(),
        }
    }

    fn memory_store_sorted_map(&self, name: impl Into<String>) -> SortedMap {
        SortedMap {
            experience: self.clone(),
            name: name.into(),
        }
    }

    fn flush_memory_store(&self) -> FlushMemoryStore {
        FlushMemoryStore::new(self.clone())
    }
}

/// A memory-store queue: add items, read them (hiding them for an invisibility window),
/// discard what was read. Cheap to clone; makes no request by itself.
#[derive(Debug, Clone)]
pub struct Queue {
    pub(crate) experience: Experience,
    pub(crate) name: String,
}

impl Queue {
    /// The queue's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The experience the queue belongs to.
    pub fn experience(&self) -> &Experience {
        &self.experience
    }

    /// `/cloud/v2/universes/{u}/memory-store/queues/{name}/items`, once the ids are checked.
    pub(crate) fn items_path(&self) -> Result<String, InvalidInput> {
        items_path(&self.experience, "queue", "queues", &self.name)
    }
}

/// A memory-store sorted map: list its items in order, create, read, update and delete
/// them. Cheap to clone; makes no request by itself.
#[derive(Debug, Clone)]
pub struct SortedMap {
    pub(crate) experience: Experience,
    pub(crate) name: String,
}

impl SortedMap {
    /// The sorted map's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The experience the sorted map belongs to.
    pub fn experience(&self) -> &Experience {
        &self.experience
    }

    /// `/cloud/v2/universes/{u}/memory-store/sorted-maps/{name}/items`, once the ids are
    /// checked.
    pub(crate) fn items_path(&self) -> Result<String, InvalidInput> {
        items_path(&self.experience, "sorted_map", "sorted-maps", &self.name)
    }

    /// The path of the item `key`, once the ids and the key are checked.
    pub(crate) fn item_path(&self, key: &str) -> Result<String, InvalidInput> {
        let items = self.items_path()?;
        limits::key(key)?;
        Ok(format!("{items}/{}", PathSegment(key)))
    }
}

/// `/cloud/v2/universes/{u}/memory-store/{collection}/{name}/items`, once the universe id
/// and the structure's name (reported as `field`) are checked.
fn items_path(
    experience: &Experience,
    field: &'static str,
    collection: &str,
    name: &str,
) -> Result<String, InvalidInput> {
    limits::universe(experience.universe_id())?;
    limits::name(field, name)?;
    Ok(format!(
        "{}/universes/{}/memory-store/{collection}/{}/items",
        oc_core::v2::PREFIX,
        experience.universe_id(),
        PathSegment(name)
    ))
}
