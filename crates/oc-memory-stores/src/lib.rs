//! Memory stores: queues and sorted maps an experience shares between its servers and
//! Open Cloud, and the flush of the whole store
//! (<https://create.roblox.com/docs/cloud/reference/features/memory-store>,
//! <https://create.roblox.com/docs/cloud-services/memory-stores>).
//!
//! ```no_run
//! use std::time::Duration;
//!
//! use futures::TryStreamExt;
//! use oc_memory_stores::ExperienceMemoryStoresExt;
//!
//! # async fn demo() -> Result<(), oc_core::Error> {
//! let client = oc_core::Client::new("my-api-key")?;
//! let experience = client.experience(1234);
//!
//! // A queue: add, read (hidden from other readers for a minute), discard what was done.
//! let queue = experience.memory_store_queue("matchmaking");
//! queue.add(&serde_json::json!({"player": 156})).priority(1.0).await?;
//! let batch = queue.read(10).invisibility_window(Duration::from_secs(60)).await?;
//! if let Some(read_id) = &batch.read_id {
//!     queue.discard(read_id).await?;
//! }
//!
//! // A sorted map: items in order of their sort key.
//! let board = experience.memory_store_sorted_map("leaderboard");
//! board.create("player-156", &3).sort_key(3.0).expiration(Duration::from_secs(3600)).await?;
//! let top: Vec<_> = board.list().descending().limit(10).try_collect().await?;
//! let mine = board.get_as::<u32>("player-156").await?;
//! board.delete("player-156").etag(mine.etag).await?;
//!
//! // Everything gone, live data only.
//! experience.flush_memory_store().await?.wait(Duration::from_secs(60)).await?;
//! # let _ = top; Ok(()) }
//! ```
//!
//! Every input is checked before anything is sent: names are not empty, a key is 1 to
//! [`MAX_KEY_CHARS`] characters, a string sort key at most [`MAX_SORT_KEY_CHARS`], a value
//! at most [`MAX_VALUE_BYTES`] as JSON, an expiration whole seconds up to
//! [`MAX_EXPIRATION_SECONDS`], a read count 1 to [`MAX_READ_COUNT`] and an invisibility
//! window whole seconds of at least 1 s.
//!
//! Memory stores have quotas of their own (memory `64 KB + 1.2 KB × users`, request units
//! `1000 + 120 × concurrent users` a minute, a read or list costing one per item): a
//! quota answers [`RateLimited`](oc_core::Error::RateLimited) (429 `RESOURCE_EXHAUSTED`,
//! its message naming the limit, e.g. `TotalMemoryOverLimit`).
//!
//! Queue adds and sorted-map creates are not idempotent and never repeated once the
//! service may have applied them; a failure says whether it
//! [may have been applied](oc_core::Error::may_have_been_applied).
//!
//! The handles: [`Queue`] and [`SortedMap`], made from an [`oc_core::Experience`] by
//! [`ExperienceMemoryStoresExt`], which also flushes ([`FlushMemoryStore`]).

#![forbid(unsafe_code)]

mod failures;
mod flush;
mod handles;
mod item;
mod limits;
mod list;
mod queue;
mod resource;

pub use failures::{EtagMismatch, ItemAlreadyExists};
pub use flush::{FlushMemoryStore, FlushScope, Flushed};
pub use handles::{ExperienceMemoryStoresExt, Queue, SortedMap};
pub use item::{CreateSortedMapItem, DeleteSortedMapItem, GetSortedMapItem, UpdateSortedMapItem};
pub use limits::{
    MAX_EXPIRATION_SECONDS, MAX_KEY_CHARS, MAX_PAGE_SIZE, MAX_READ_COUNT, MAX_SORT_KEY_CHARS,
    MAX_VALUE_BYTES,
};
pub use list::{ListSortedMapItems, SortKeyBound};
pub use queue::{AddQueueItem, DiscardQueueItems, QueueRead, ReadQueueItems};
pub use resource::{QueueItem, SortKey, SortedMapItem};

/// The API area, as tracing reports it.
const AREA: &str = "memory_stores";

#[cfg(test)]
mod request_tests;
