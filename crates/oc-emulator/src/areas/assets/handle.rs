//! The [`EmulatorHandle`]'s view of assets and place publishing.

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
}
