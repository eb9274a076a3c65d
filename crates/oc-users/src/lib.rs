//! Roblox users through Open Cloud v2
//! (<https://create.roblox.com/docs/cloud/reference/features/users>): a user's profile,
//! avatar thumbnails (a long-running operation) and the user's asset quotas.
//!
//! ```no_run
//! use futures::TryStreamExt;
//! use oc_users::{ThumbnailFormat, ThumbnailSize, UserProfileExt};
//! use std::time::Duration;
//!
//! # async fn demo() -> Result<(), oc_core::Error> {
//! let client = oc_core::Client::new("my-api-key")?;
//! let user = client.user(45348281);
//! let profile = user.profile().await?;
//! println!("{} ({})", profile.display_name, profile.name);
//! let thumbnail = user
//!     .thumbnail()
//!     .size(ThumbnailSize::Px150)
//!     .format(ThumbnailFormat::Jpeg)
//!     .await?
//!     .wait(Duration::from_secs(30))
//!     .await?;
//! println!("{}", thumbnail.image_uri);
//! let quotas: Vec<_> = user.asset_quotas().try_collect().await?;
//! # let _ = quotas; Ok(()) }
//! ```
//!
//! Roblox's reference puts users, groups, inventories, notifications and subscriptions in
//! one "Users and groups" family, with a page of its own for each. This crate holds the
//! user resource itself (Get User, Generate User Thumbnail, List Asset Quotas, all under
//! `/cloud/v2/users/{id}`); inventories (`rblx-oc-inventory`) and notifications
//! (`rblx-oc-notifications`) are crates of their own, as their reference pages are.

mod profile;
mod quotas;
mod thumbnail;
mod user_ext;
mod user_id;

pub use profile::{GetUser, SocialNetworkProfiles, SocialVisibility, UserProfile};
pub use quotas::{AssetQuota, ListAssetQuotas, QuotaAssetType, QuotaPeriod, QuotaType};
pub use thumbnail::{
    GenerateThumbnail, ThumbnailFormat, ThumbnailOperation, ThumbnailShape, ThumbnailSize,
    UserThumbnail,
};
pub use user_ext::UserProfileExt;
