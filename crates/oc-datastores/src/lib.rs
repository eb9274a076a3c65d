//! Roblox Open Cloud data stores: standard data stores (JSON values with versions and
//! metadata) and ordered data stores (integer values, listed sorted).
//!
//! ```no_run
//! use futures::TryStreamExt;
//! use oc_datastores::ExperienceDataStoresExt;
//!
//! # async fn demo() -> Result<(), oc_core::Error> {
//! let client = oc_core::Client::new("my-api-key")?;
//! let experience = client.experience(1234);
//! let coins = experience.data_store("coins");
//! let version = coins.set("user_1", &50).user_ids([1]).await?;
//! let (value, info) = coins.get_as::<u32>("user_1").await?;
//! assert_eq!((value, info.version), (50, version.version));
//! let keys: Vec<_> = coins.list_keys().prefix("user_").limit(10).try_collect().await?;
//! coins.remove("user_1").await?;
//!
//! let points = experience.ordered_data_store("points");
//! points.set("user_1", 10).await?;
//! let top: Vec<_> = points.list_entries().descending().limit(10).try_collect().await?;
//! # Ok(()) }
//! ```
//!
//! Ordered data stores are also reached through Cloud v2 with
//! [`ExperienceDataStoresExt::ordered_data_store_v2`]: the same methods and builders, so
//! moving is changing the constructor (see [`ordered_v2`] for the few differences, such as
//! removing a missing entry being [`oc_core::Error::NotFound`]).
//! # v1 or v2: which to pick
//!
//! Standard data stores have two APIs over the same data: an entry written through one
//! reads back through the other, and a v2 revision id is the v1 version id.
//! [`ExperienceDataStoresExt::data_store`] makes a v1 [`DataStore`];
//! [`ExperienceDataStoresExt::data_store_v2`] makes a [`DataStoreV2`] with the same
//! methods and builders for what both offer, so switching is one line:
//!
//! ```no_run
//! # use oc_datastores::ExperienceDataStoresExt;
//! # async fn demo(experience: oc_core::Experience) -> Result<(), oc_core::Error> {
//! let coins = experience.data_store_v2("coins"); // was: experience.data_store("coins")
//! let written = coins.set("user_1", &50).user_ids([1]).await?;
//! let (value, info) = coins.get_as::<u32>("user_1").await?;
//! assert_eq!((value, info.version), (50, written.version));
//! # Ok(()) }
//! ```
//!
//! Prefer v2 for new code
//! (<https://create.roblox.com/docs/cloud/reference/features/data-stores>):
//! - every entry carries a revision and an `etag`: [`DataStoreEntry`] has the full
//!   metadata in one JSON answer, and `match_version(etag)` writes only over what was
//!   read;
//! - reads at a point in time ([`DataStoreV2::get_at`]);
//! - a deleted data store can be undeleted for 30 days ([`DataStoreV2::delete_store`],
//!   [`DataStoreV2::undelete_store`]), and [`ExperienceDataStoresExt::snapshot_data_stores`]
//!   keeps a backup of everything current;
//! - its requests count against the experience's data store budget, the one game
//!   servers use (<https://create.roblox.com/docs/cloud-services/data-stores/error-codes-and-limits>),
//!   rather than the separate per-universe limits of v1.
//!
//! Keep v1 where you rely on what only it has: `content-md5` checksums on values both
//! ways ([`ChecksumMismatch`]), a failed precondition that carries the current value
//! ([`PreconditionFailed::current`]; v2 answers only an error), versions listed oldest
//! first, fractional increments, and ordered data stores v1.
//!
//! # Errors
//!
//! Every call returns [`oc_core::Error`]. The failures particular to data stores are typed
//! details inside it, reached with [`oc_core::Error::detail`]:
//! - [`PreconditionFailed`]: an exclusive create of a key that exists, a version that does
//!   not match, an ordered create of an existing entry or update of a missing one. For
//!   standard data stores v1 it carries the current value and its [`EntryInfo`]; for v2
//!   (a 409 `ABORTED` on a stale etag, or the 400 of a create of a key that exists) the
//!   service's answer is in [`oc_core::Error::api_error`];
//! - [`ChecksumMismatch`]: the `content-md5` of an answer does not match its value, which
//!   is not returned;
//! - [`OutOfBounds`]: an ordered increment would leave the valid range.
//!
//! The service's answer stays available ([`oc_core::Error::status`],
//! [`oc_core::Error::api_error`]), and [`oc_core::Error::may_have_been_applied`] says
//! whether a write may have happened.
//!
//! A compare-and-set loop writes only over the version it read, and goes again from the
//! current value a failed precondition carries:
//!
//! ```no_run
//! use oc_datastores::{DataStore, PreconditionFailed};
//!
//! /// Adds `coins` to the number at `key`, whatever other writers do meanwhile.
//! async fn add_coins(store: &DataStore, key: &str, coins: u64) -> Result<u64, oc_core::Error> {
//!     let mut current = match store.get_as::<u64>(key).await {
//!         Ok((value, info)) => Some((value, info.version)),
//!         Err(e) if e.is_not_found() => None,
//!         Err(e) => return Err(e),
//!     };
//!     loop {
//!         let total = current.as_ref().map_or(0, |(value, _)| *value) + coins;
//!         let write = store.set(key, &total);
//!         let write = match &current {
//!             Some((_, version)) => write.match_version(version),
//!             None => write.exclusive_create(true),
//!         };
//!         match write.await {
//!             Ok(_) => return Ok(total),
//!             Err(e) => match e.detail::<PreconditionFailed>() {
//!                 // Another writer got there first: go again from what it left.
//!                 Some(failed) => {
//!                     current = match &failed.current {
//!                         Some((value, info)) => Some((
//!                             serde_json::from_value(value.clone()).map_err(|parse| {
//!                                 oc_core::Error::decode("not a number", Some(Box::new(parse) as _))
//!                             })?,
//!                             info.version.clone(),
//!                         )),
//!                         None => None,
//!                     };
//!                 }
//!                 None => return Err(e),
//!             },
//!         }
//!     }
//! }
//! ```
//!
//! # Checks
//!
//! Names, scopes and keys are checked before anything is sent (non-empty, at most 50
//! bytes; for ordered data stores, whose names travel in the URL path, not `.` or `..`),
//! and so are values (at most 4 MiB of JSON), attributes (under 300 bytes of JSON) and
//! user ids (at most 4). Writes send `content-md5`; reads check the one the service sends
//! and fail with [`ChecksumMismatch`] rather than return a corrupted value. Increments
//! and creates are never retried once the service may have applied them.
//!
//! Times are [`time::OffsetDateTime`]s.

mod checksum;
mod failures;
mod handles;
mod names;
pub mod ordered;
pub mod ordered_v2;
pub mod standard;
pub mod standard_v2;
mod target;

#[cfg(test)]
mod parse_tests;
#[cfg(test)]
mod request_tests;

pub use failures::{ChecksumMismatch, OutOfBounds, PreconditionFailed};
pub use handles::{DataStore, DataStoreV2, ExperienceDataStoresExt, OrderedDataStore};
pub use names::MAX_NAME_BYTES;
pub use ordered::{
    ListEntries, OrderedEntry, OrderedGet, OrderedIncrement, OrderedRemove, OrderedSet,
};
pub use ordered_v2::OrderedDataStoreV2;
pub use standard::{
    DataStoreInfo, EntryInfo, EntryVersion, GetEntry, GetVersion, Increment, IncrementEntry,
    KeyItem, ListDataStores, ListKeys, ListVersions, RemoveEntry, SetEntry,
};
pub use standard_v2::{DataStoreEntry, DataStoreV2Info, EntryRevision, EntryState};
pub use target::DEFAULT_SCOPE;

/// The README's example compiles.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
