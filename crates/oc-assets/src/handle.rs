//! [`AssetHandle`], one existing asset, made by [`ClientAssetsExt::asset`]: get it, list
//! and get its versions, roll it back, archive and restore it
//! (<https://create.roblox.com/docs/cloud/reference/features/assets>).

use oc_core::{Client, InvalidInput};

use crate::archive::{ArchiveAsset, RestoreAsset};
use crate::get::GetAsset;
use crate::versions::{GetAssetVersion, ListAssetVersions, RollbackAsset};

/// Asset methods on a [`Client`]. No method here makes a request.
pub trait ClientAssetsExt {
    /// The existing asset `asset_id`.
    fn asset(&self, asset_id: u64) -> AssetHandle;
}

impl ClientAssetsExt for Client {
    fn asset(&self, asset_id: u64) -> AssetHandle {
        AssetHandle {
            client: self.clone(),
            id: asset_id,
        }
    }
}

/// One existing asset. Cheap to clone; makes no request by itself.
#[derive(Debug, Clone)]
pub struct AssetHandle {
    pub(crate) client: Client,
    pub(crate) id: u64,
}

impl AssetHandle {
    /// The asset id.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The client requests go through.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Gets the asset. Without [`GetAsset::read_mask`] the service answers only part of
    /// its metadata.
    pub fn get(&self) -> GetAsset<'_> {
        GetAsset::new(self)
    }

    /// Lists the asset's versions, newest first, as a `Stream` (50 a page at most).
    pub fn versions(&self) -> ListAssetVersions {
        ListAssetVersions::new(self.clone())
    }

    /// Gets version `version` (numbered from 1).
    pub fn version(&self, version: u64) -> GetAssetVersion<'_> {
        GetAssetVersion::new(self, version)
    }

    /// Makes version `version`'s content current again. Sent once: see
    /// [`RollbackAsset`].
    pub fn rollback(&self, version: u64) -> RollbackAsset<'_> {
        RollbackAsset::new(self, version)
    }

    /// Archives the asset: it leaves the website and experiences until restored.
    pub fn archive(&self) -> ArchiveAsset<'_> {
        ArchiveAsset::new(self)
    }

    /// Restores an archived asset.
    pub fn restore(&self) -> RestoreAsset<'_> {
        RestoreAsset::new(self)
    }

    /// `/assets/v1/assets/{id}`, with the id checked (ids start at 1).
    pub(crate) fn path(&self) -> Result<String, InvalidInput> {
        if self.id == 0 {
            return Err(InvalidInput::new("asset_id", "asset ids start at 1"));
        }
        Ok(format!("/assets/v1/assets/{}", self.id))
    }
}
