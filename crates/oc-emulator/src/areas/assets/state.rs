//! What the asset and place publishing routes keep: their configuration, the assets, the
//! long-running operations and the place versions.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::Mutex;

use super::config::{AssetsConfig, ExistingAsset};
use crate::sync::lock;
use crate::world::{Owner, World};

/// An asset as the emulator stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StoredAsset {
    /// The asset id.
    pub id: u64,
    /// Its type, PascalCase (`Decal`, `Model`).
    pub asset_type: String,
    /// Its display name.
    pub display_name: String,
    /// Its description.
    pub description: String,
    /// Who owns it.
    pub creator: Owner,
    /// Its revision, from 1.
    pub revision: u64,
    /// When the revision was made (RFC 3339).
    pub revision_time: String,
    /// The content type of its latest file.
    pub content_type: String,
    /// The size of its latest file, in bytes.
    pub size: u64,
    /// An FNV-1a hash of its latest file (the bytes themselves are not kept).
    pub checksum: u64,
    /// Whether it is archived (`state` `Archived`): updates and rollbacks are refused
    /// until it is restored.
    pub archived: bool,
}

/// One version of an asset: the content it had at that revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AssetVersionRecord {
    /// The version number, equal to the asset's revision when it was made.
    pub number: u64,
    /// Who owned the asset.
    pub creator: Owner,
    /// The content type of the file.
    pub content_type: String,
    /// The file size, in bytes.
    pub size: u64,
    /// The FNV-1a hash of the file.
    pub checksum: u64,
}

/// A place version made by publishing.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PlaceVersion {
    /// The universe published to.
    pub universe_id: u64,
    /// The place.
    pub place_id: u64,
    /// The version number, from 1 per place.
    pub version: u64,
    /// `Saved` or `Published`.
    pub version_type: String,
    /// The content type sent.
    pub content_type: String,
    /// The file size, in bytes.
    pub size: u64,
    /// An FNV-1a hash of the file.
    pub checksum: u64,
}

/// A long-running operation of an upload or update.
#[derive(Debug, Clone)]
pub(crate) struct Operation {
    /// The asset it makes or changes.
    pub asset_id: u64,
    /// Polls answered so far.
    pub polls: u32,
}

/// The mutable part.
#[derive(Debug, Default)]
pub(crate) struct AssetsData {
    /// The next asset id.
    pub next_asset_id: u64,
    /// Assets by id.
    pub assets: BTreeMap<u64, StoredAsset>,
    /// Operations by id.
    pub operations: HashMap<String, Operation>,
    /// Operation ids, oldest first, to drop the oldest beyond the cap.
    pub operation_order: VecDeque<String>,
    /// The most recent place versions, in order.
    pub place_versions: VecDeque<PlaceVersion>,
    /// The last version number of each place (kept when its versions are dropped).
    pub place_version_numbers: HashMap<u64, u64>,
    /// The versions of each asset, oldest first.
    pub asset_versions: HashMap<u64, VecDeque<AssetVersionRecord>>,
}

impl AssetsData {
    /// Records an operation, dropping the oldest beyond `max`.
    pub fn add_operation(&mut self, id: String, operation: Operation, max: usize) {
        self.operations.insert(id.clone(), operation);
        self.operation_order.push_back(id);
        while self.operation_order.len() > max.max(1) {
            if let Some(oldest) = self.operation_order.pop_front() {
                self.operations.remove(&oldest);
            }
        }
    }

    /// Records `asset`'s current content as its version `asset.revision` (every upload,
    /// update and rollback makes one), dropping the oldest beyond `max`.
    pub fn record_version(&mut self, asset: &StoredAsset, max: usize) {
        let versions = self.asset_versions.entry(asset.id).or_default();
        versions.push_back(AssetVersionRecord {
            number: asset.revision,
            creator: asset.creator,
            content_type: asset.content_type.clone(),
            size: asset.size,
            checksum: asset.checksum,
        });
        while versions.len() > max.max(1) {
            versions.pop_front();
        }
    }

    /// Records a new version of `place_id` (numbered from 1 per place) and returns its
    /// number, dropping the oldest record beyond `max`.
    pub fn add_place_version(&mut self, mut version: PlaceVersion, max: usize) -> u64 {
        let number = self
            .place_version_numbers
            .entry(version.place_id)
            .or_insert(0);
        *number += 1;
        version.version = *number;
        let number = *number;
        self.place_versions.push_back(version);
        while self.place_versions.len() > max.max(1) {
            self.place_versions.pop_front();
        }
        number
    }
}

/// The configuration and the data.
#[derive(Debug)]
pub(crate) struct AssetsState {
    /// The configuration.
    pub config: AssetsConfig,
    /// Assets, operations, place versions.
    pub data: Mutex<AssetsData>,
}

impl Default for AssetsState {
    fn default() -> Self {
        AssetsState::new(&AssetsConfig::default())
    }
}

impl AssetsState {
    /// The state of a configuration.
    pub fn new(config: &AssetsConfig) -> Self {
        AssetsState {
            config: config.clone(),
            data: Mutex::new(AssetsData {
                next_asset_id: 10_000_000,
                ..AssetsData::default()
            }),
        }
    }

    /// Whether a credential of `owner` may act for `creator`: itself, or a group it owns.
    pub fn may_act_for(world: &World, owner: Owner, creator: Owner) -> bool {
        match (owner, creator) {
            (a, b) if a == b => true,
            (Owner::User(user), Owner::Group(group)) => world.group_owner(group) == Some(user),
            _ => false,
        }
    }

    /// Puts an asset in place (replacing one with its id) at revision 1, and returns it.
    pub fn add(&self, seed: &ExistingAsset) -> StoredAsset {
        let mut data = lock(&self.data);
        let id = seed.id.unwrap_or(data.next_asset_id);
        data.next_asset_id = data.next_asset_id.max(id.saturating_add(1));
        let asset = StoredAsset {
            id,
            asset_type: seed.asset_type.clone(),
            display_name: seed.display_name.clone(),
            description: seed.description.clone(),
            creator: seed.creator,
            revision: 1,
            revision_time: crate::gateway::clock::now_rfc3339(),
            content_type: seed
                .content_type
                .clone()
                .unwrap_or_else(|| "application/octet-stream".into()),
            size: seed.size,
            checksum: Fnv::default().finish(),
            archived: false,
        };
        data.assets.insert(id, asset.clone());
        data.asset_versions.remove(&id);
        data.record_version(&asset, self.config.max_versions_per_asset);
        asset
    }

    /// A copy of every asset.
    pub fn assets(&self) -> Vec<StoredAsset> {
        lock(&self.data).assets.values().cloned().collect()
    }

    /// A copy of every place version.
    pub fn place_versions(&self) -> Vec<PlaceVersion> {
        lock(&self.data).place_versions.iter().cloned().collect()
    }
}

/// A running FNV-1a 64-bit hash, to tell stored files apart without keeping them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    /// Adds bytes.
    pub fn update(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// The hash so far.
    pub fn finish(self) -> u64 {
        self.0
    }
}
