//! Roblox inventories through Open Cloud v2
//! (<https://create.roblox.com/docs/cloud/reference/features/inventory>,
//! <https://create.roblox.com/docs/cloud/guides/inventory>): the items a user owns
//! (copies of assets, badges, game passes, private servers), as a `Stream`, with every
//! documented filter as a typed builder method.
//!
//! ```no_run
//! use futures::TryStreamExt;
//! use oc_inventory::{InventoryAssetType, UserInventoryExt};
//!
//! # async fn demo() -> Result<(), oc_core::Error> {
//! let client = oc_core::Client::new("my-api-key")?;
//! // Does user 45348281 own game pass 12527?
//! let owned: Vec<_> = client.user(45348281).inventory().game_pass_ids([12527]).try_collect().await?;
//! println!("owns it: {}", !owned.is_empty());
//! // Their hats and their badges.
//! let items: Vec<_> = client
//!     .user(45348281)
//!     .inventory()
//!     .asset_types([InventoryAssetType::Hat])
//!     .badges(true)
//!     .try_collect()
//!     .await?;
//! # let _ = items; Ok(()) }
//! ```
//!
//! The filter is checked before anything is sent: type filters and id filters cannot be
//! combined, only-collectibles needs asset types, id lists are non-empty and positive.
//! Lists stop on an empty page token, never on an empty page (the last page of an
//! inventory whose size is a multiple of the page size is empty).

mod filter;
mod item;
mod list;

pub use item::{
    AssetDetails, CollectibleDetails, CollectibleState, InventoryAssetType, InventoryItem,
    InventoryItemDetails,
};
pub use list::{ListInventoryItems, UserInventoryExt};
