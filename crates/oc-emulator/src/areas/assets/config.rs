//! Assets' and place publishing's part of the configuration: limits, behaviour, and the
//! assets that exist at start.

use serde::Deserialize;

use crate::world::Owner;

/// The asset and place publishing behaviour. In TOML, the `[assets]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AssetsConfig {
    /// The largest asset file, in bytes, for every type but video (20 MiB).
    pub max_file_bytes: u64,
    /// The largest video file, in bytes (3.75 GB).
    pub max_video_bytes: u64,
    /// The largest place file, in bytes (10 MiB, `x-roblox-size-limit`).
    pub max_place_bytes: u64,
    /// How many polls of an upload's operation answer before it is done: `0` answers the
    /// upload itself done, `2` (the default) answers the first poll pending and the second
    /// done.
    pub polls_until_done: u32,
    /// Names and descriptions containing one of these words (ignoring case) are refused as
    /// moderated.
    pub moderated_words: Vec<String>,
    /// The real price of an upload, in Robux; an upload expecting less is refused.
    pub upload_price: u64,
    /// Places that are open in Team Create: publishing to them answers 409.
    pub team_create_places: Vec<u64>,
    /// The most bytes of a `multipart/form-data` upload before its first boundary
    /// (65,536); a body whose boundary does not come by then is a 400.
    pub max_multipart_preamble_bytes: u64,
    /// The most upload operations kept for polling (10,000); the oldest are dropped (a
    /// poll of one then answers 404).
    pub max_operations: usize,
    /// The most place versions kept for inspection (10,000); the oldest are dropped, the
    /// numbering per place goes on.
    pub max_place_versions: usize,
    /// The most versions kept per asset (1,000); the oldest are dropped (getting one
    /// then answers 404), the numbering goes on. The service's retention is not
    /// documented.
    pub max_versions_per_asset: usize,
    /// Assets that exist at start (`[[assets.existing]]`).
    pub existing: Vec<ExistingAsset>,
}

impl AssetsConfig {
    /// [`max_multipart_preamble_bytes`](Self::max_multipart_preamble_bytes) as a length.
    pub(crate) fn preamble(&self) -> usize {
        usize::try_from(self.max_multipart_preamble_bytes).unwrap_or(usize::MAX)
    }
}

/// An asset that exists at start, or that a test puts in place with
/// [`EmulatorHandle::add_asset`](crate::EmulatorHandle::add_asset). Only its size and a
/// hash of nothing are kept, as for uploads.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExistingAsset {
    /// Its id; the next free one when absent.
    #[serde(default)]
    pub id: Option<u64>,
    /// Its type, PascalCase (`Decal`, `Model`, `Audio`).
    pub asset_type: String,
    /// Its display name.
    pub display_name: String,
    /// Its description.
    #[serde(default)]
    pub description: String,
    /// Who owns it (`{ user = 3000 }` or `{ group = 4000 }`).
    pub creator: Owner,
    /// The content type of its file (`application/octet-stream` when absent).
    #[serde(default)]
    pub content_type: Option<String>,
    /// The size of its file, in bytes.
    #[serde(default)]
    pub size: u64,
}

impl Default for AssetsConfig {
    fn default() -> Self {
        AssetsConfig {
            max_file_bytes: 20 * 1024 * 1024,
            max_video_bytes: 3_750_000_000,
            max_place_bytes: 10 * 1024 * 1024,
            polls_until_done: 2,
            moderated_words: Vec::new(),
            upload_price: 0,
            team_create_places: Vec::new(),
            max_multipart_preamble_bytes: 64 * 1024,
            max_operations: 10_000,
            max_place_versions: 10_000,
            max_versions_per_asset: 1_000,
            existing: Vec::new(),
        }
    }
}
