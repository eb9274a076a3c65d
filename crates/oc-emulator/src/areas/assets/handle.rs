//! The [`EmulatorHandle`]'s view of assets and place publishing.

use super::config::ExistingAsset;
use super::state::{AssetsState, PlaceVersion, StoredAsset};
use crate::gateway::EmulatorHandle;

impl EmulatorHandle {
    /// Every asset uploaded so far, by id.
    pub fn assets(&self) -> Vec<StoredAsset> {
        self.state().area::<AssetsState>().assets()
    }

    /// Every place version published so far, in order.
    pub fn place_versions(&self) -> Vec<PlaceVersion> {
        self.state().area::<AssetsState>().place_versions()
    }

    /// Puts an asset in place, as if uploaded and done (revision 1), and returns it; an
    /// asset with the same id is replaced. Its creator is not checked against the world.
    pub fn add_asset(&self, asset: &ExistingAsset) -> StoredAsset {
        self.state().area::<AssetsState>().add(asset)
    }
}
