//! Roblox Open Cloud assets and place publishing: streaming uploads, long-running
//! operations, versions, rollback, archive and restore.
//!
//! ```no_run
//! use std::time::Duration;
//! use oc_assets::{AssetType, Content, CreatorAssetsExt, ExperiencePlacesExt, VersionType};
//!
//! # async fn demo() -> Result<(), oc_core::Error> {
//! let client = oc_core::Client::new("my-api-key")?;
//! // Upload a decal for a user: the file is streamed from disk, never read whole.
//! let content = Content::file("logo.png").await?;
//! let asset = client
//!     .user(1234)
//!     .upload_asset(AssetType::Decal, "Logo", content)
//!     .description("Our logo")
//!     .await?
//!     .wait(Duration::from_secs(60))
//!     .await?;
//! println!("asset {} is {:?}", asset.id, asset.moderation_state);
//!
//! // Publish a place file.
//! let place = Content::file("level.rbxl").await?;
//! let version = client
//!     .experience(5678)
//!     .publish_place(91011, place)
//!     .version_type(VersionType::Published)
//!     .await?;
//! println!("published version {version}");
//! # Ok(()) }
//! ```
//!
//! An existing asset is [`ClientAssetsExt::asset`]: get it with a read mask, list its
//! versions, roll back, archive and restore.
//!
//! ```no_run
//! use futures::TryStreamExt;
//! use oc_assets::ClientAssetsExt;
//!
//! # async fn demo(client: oc_core::Client) -> Result<(), oc_core::Error> {
//! let asset = client.asset(16989283104);
//! let details = asset.get().read_mask(["displayName", "state"]).await?;
//! let versions: Vec<_> = asset.versions().limit(10).try_collect().await?;
//! asset.rollback(versions.last().map_or(1, |v| v.version)).await?;
//! # let _ = details; Ok(()) }
//! ```
//!
//! Inputs are checked before anything is sent: the name is not empty, the description is
//! at most 1000 characters, the content type (explicit, or from the file extension) is one
//! the asset type takes, and the file is within its type's size cap (places: 10 MiB).
//! Uploads, updates and publishes are not idempotent: the client retries them only when
//! the service certainly did not take them (a 429, or no connection), and only when the
//! content can be read again (a file or bytes, not a one-shot stream).
//!
//! Every call returns [`oc_core::Error`]. The service refusing an asset (an invalid file,
//! a moderated name or description, a price above the expected one) is an
//! [`oc_core::Error::Area`] whose detail is an [`AssetRefused`] with its [`RefusalKind`];
//! an operation that failed otherwise has an [`OperationFailed`]; a file that cannot be
//! read has a [`ContentUnreadable`]. Reach them with [`oc_core::Error::detail`]:
//!
//! ```no_run
//! # use oc_assets::{AssetRefused, AssetType, Content, CreatorAssetsExt, RefusalKind};
//! # async fn demo(user: oc_core::User) -> Result<(), oc_core::Error> {
//! let content = Content::file("logo.png").await?;
//! match user.upload_asset(AssetType::Decal, "Logo", content).await {
//!     Ok(operation) => println!("{:?}", operation.wait(std::time::Duration::from_secs(60)).await?),
//!     Err(error) => match error.detail::<AssetRefused>() {
//!         Some(refused) if refused.kind == RefusalKind::ModeratedName => {
//!             eprintln!("choose another name: {}", refused.message)
//!         }
//!         _ => return Err(error),
//!     },
//! }
//! # Ok(()) }
//! ```
//!
//! The client's timeout (`ClientBuilder::timeout`, 30 s by default) covers a whole
//! exchange, upload included: raise it for large files on slow links.

#![forbid(unsafe_code)]

mod archive;
mod asset;
mod content;
mod get;
mod handle;
mod length;
mod multipart;
mod operation;
mod place;
mod refusal;
mod update;
mod upload;
mod versions;

#[cfg(test)]
mod lifecycle_tests;

pub use archive::{ArchiveAsset, RestoreAsset};
pub use asset::{Asset, AssetPreview, AssetState, AssetType, Creator, ModerationState, SocialLink};
pub use content::{
    content_type_for_extension, content_types_for, max_bytes_for, Content, ContentUnreadable,
    EXTENSIONS, MAX_ASSET_BYTES, MAX_VIDEO_BYTES,
};
pub use get::GetAsset;
pub use handle::{AssetHandle, ClientAssetsExt};
pub use oc_core::v2::{Operation, OperationFailed, PollConfig};
pub use operation::{asset_operation, AssetOperation};
pub use place::{ExperiencePlacesExt, PublishPlace, VersionType, MAX_PLACE_BYTES};
pub use refusal::{AssetRefused, RefusalKind};
pub use update::UpdateAsset;
pub use upload::{CreatorAssetsExt, UploadAsset, MAX_DESCRIPTION_CHARS};
pub use versions::{
    AssetVersion, GetAssetVersion, ListAssetVersions, RollbackAsset, MAX_VERSIONS_PAGE,
};
