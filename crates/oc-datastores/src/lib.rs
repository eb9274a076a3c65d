//! Roblox Open Cloud data stores: standard data stores (JSON values with versions and
//! metadata) and ordered data stores (integer values, listed sorted).
//!
//! ```no_run
//! use futures::TryStreamExt;
//! use oc_datastores::ExperienceDataStoresExt;
//!
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let client = oc_core::Client::new("my-api-key")?;
//! let experience = client.experience(1234);
//! let coins = experience.data_store("coins");
//! let version = coins.set("user_1", &50).user_ids([1]).await?;
//! let (value, info) = coins.get_as::<u32>("user_1").await?;
//! assert_eq!((value, info.version), (50, version.version));
//! let keys: Vec<_> = coins.list_keys().prefix("user_").try_collect().await?;
//! coins.remove("user_1").await?;
//!
//! let points = experience.ordered_data_store("points");
//! points.set("user_1", 10).await?;
//! let top: Vec<_> = points.sort_keys().descending().limit(10).try_collect().await?;
//! # Ok(()) }
//! ```
//!
//! Names, scopes and keys are checked before anything is sent (non-empty, at most 50
//! bytes), and so are values (at most 4 MiB of JSON), attributes (under 300 bytes of
//! JSON) and user ids (at most 4). Writes send `content-md5`; reads check the one the
//! service sends and fail with [`Error::ChecksumMismatch`] rather than return a corrupted
//! value. Increments and creates are never retried once the service may have applied them.

mod checksum;
mod error;
mod handles;
mod listing;
mod names;
pub mod ordered;
pub mod standard;
mod target;

#[cfg(test)]
mod request_tests;

pub use error::{Error, PreconditionFailed};
pub use handles::{DataStore, ExperienceDataStoresExt, OrderedDataStore};
pub use listing::{ItemStream, Listing, Paged};
pub use names::MAX_NAME_BYTES;
pub use ordered::{OrderedEntry, SortKeys};
pub use standard::{
    DataStoreInfo, EntryInfo, EntryVersion, Increment, KeyItem, ListDataStores, ListKeys,
    ListVersions,
};
pub use target::DEFAULT_SCOPE;
