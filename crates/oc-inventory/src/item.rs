//! What the service answers about an inventory item: [`InventoryItem`], its
//! [`InventoryItemDetails`], and the asset types of assets.

use oc_core::time::OffsetDateTime;
use serde::Deserialize;

use oc_core::wire_enum;

wire_enum! {
    /// The type of an asset in an inventory.
    InventoryAssetType {
        Unspecified = "INVENTORY_ITEM_ASSET_TYPE_UNSPECIFIED",
        ClassicTshirt = "CLASSIC_TSHIRT",
        Audio = "AUDIO",
        Hat = "HAT",
        Model = "MODEL",
        ClassicShirt = "CLASSIC_SHIRT",
        ClassicPants = "CLASSIC_PANTS",
        Decal = "DECAL",
        ClassicHead = "CLASSIC_HEAD",
        Face = "FACE",
        Gear = "GEAR",
        Animation = "ANIMATION",
        Torso = "TORSO",
        RightArm = "RIGHT_ARM",
        LeftArm = "LEFT_ARM",
        LeftLeg = "LEFT_LEG",
        RightLeg = "RIGHT_LEG",
        Package = "PACKAGE",
        Plugin = "PLUGIN",
        MeshPart = "MESH_PART",
        HairAccessory = "HAIR_ACCESSORY",
        FaceAccessory = "FACE_ACCESSORY",
        NeckAccessory = "NECK_ACCESSORY",
        ShoulderAccessory = "SHOULDER_ACCESSORY",
        FrontAccessory = "FRONT_ACCESSORY",
        BackAccessory = "BACK_ACCESSORY",
        WaistAccessory = "WAIST_ACCESSORY",
        ClimbAnimation = "CLIMB_ANIMATION",
        DeathAnimation = "DEATH_ANIMATION",
        FallAnimation = "FALL_ANIMATION",
        IdleAnimation = "IDLE_ANIMATION",
        JumpAnimation = "JUMP_ANIMATION",
        RunAnimation = "RUN_ANIMATION",
        SwimAnimation = "SWIM_ANIMATION",
        WalkAnimation = "WALK_ANIMATION",
        PoseAnimation = "POSE_ANIMATION",
        EmoteAnimation = "EMOTE_ANIMATION",
        Video = "VIDEO",
        TshirtAccessory = "TSHIRT_ACCESSORY",
        ShirtAccessory = "SHIRT_ACCESSORY",
        PantsAccessory = "PANTS_ACCESSORY",
        JacketAccessory = "JACKET_ACCESSORY",
        SweaterAccessory = "SWEATER_ACCESSORY",
        ShortsAccessory = "SHORTS_ACCESSORY",
        LeftShoeAccessory = "LEFT_SHOE_ACCESSORY",
        RightShoeAccessory = "RIGHT_SHOE_ACCESSORY",
        DressSkirtAccessory = "DRESS_SKIRT_ACCESSORY",
        EyebrowAccessory = "EYEBROW_ACCESSORY",
        EyelashAccessory = "EYELASH_ACCESSORY",
        MoodAnimation = "MOOD_ANIMATION",
        DynamicHead = "DYNAMIC_HEAD",
        CreatedPlace = "CREATED_PLACE",
        PurchasedPlace = "PURCHASED_PLACE",
    }
}

wire_enum! {
    /// Whether a collectible copy may be resold or traded.
    CollectibleState {
        Unspecified = "COLLECTIBLE_ITEM_INSTANCE_STATE_UNSPECIFIED",
        Available = "AVAILABLE",
        Hold = "HOLD",
    }
}

/// The details of a collectible (limited) copy of an asset.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CollectibleDetails {
    /// The collectible item's id.
    #[serde(default)]
    pub item_id: String,
    /// This copy's id.
    #[serde(default)]
    pub instance_id: String,
    /// Whether it may be resold or traded.
    #[serde(default = "unspecified_state")]
    pub instance_state: CollectibleState,
    /// Its serial number, for a limited.
    #[serde(default, with = "optional_int64")]
    pub serial_number: Option<i64>,
}

fn unspecified_state() -> CollectibleState {
    CollectibleState::Unspecified
}

/// An optional int64 given as a number or a decimal string.
mod optional_int64 {
    use serde::{Deserialize, Deserializer};

    #[derive(Deserialize)]
    struct Wrapped(#[serde(with = "oc_core::v2::ids::int64")] i64);

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<i64>, D::Error> {
        Ok(Option::<Wrapped>::deserialize(deserializer)?.map(|w| w.0))
    }
}

/// A copy of an asset in an inventory.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AssetDetails {
    /// The asset.
    pub asset_id: u64,
    /// Its type.
    pub asset_type: InventoryAssetType,
    /// This copy's id.
    pub instance_id: u64,
    /// The collectible details, when the asset is a collectible.
    pub collectible: Option<CollectibleDetails>,
}

/// What an inventory item is.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InventoryItemDetails {
    /// A copy of an asset.
    Asset(AssetDetails),
    /// A badge.
    Badge {
        /// The badge.
        badge_id: u64,
    },
    /// A game pass.
    GamePass {
        /// The game pass.
        game_pass_id: u64,
    },
    /// A private server.
    PrivateServer {
        /// The private server.
        private_server_id: u64,
    },
    /// A kind of item this crate does not know.
    Unknown,
}

/// An item of a user's inventory.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct InventoryItem {
    /// Its resource path (`users/{user_id}/inventory-items/{id}`).
    pub path: String,
    /// What it is.
    pub details: InventoryItemDetails,
    /// When it was added (never for game passes).
    pub add_time: Option<OffsetDateTime>,
}

impl InventoryItem {
    /// Its id: the last segment of its path (opaque).
    pub fn id(&self) -> &str {
        oc_core::v2::ids::last_segment(&self.path)
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireAsset {
    #[serde(with = "oc_core::v2::ids::int64")]
    asset_id: u64,
    #[serde(default = "unspecified_type")]
    inventory_item_asset_type: InventoryAssetType,
    #[serde(default, with = "oc_core::v2::ids::int64")]
    instance_id: u64,
    #[serde(default)]
    collectible_details: Option<CollectibleDetails>,
}

fn unspecified_type() -> InventoryAssetType {
    InventoryAssetType::Unspecified
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireBadge {
    #[serde(with = "oc_core::v2::ids::int64")]
    badge_id: u64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireGamePass {
    #[serde(with = "oc_core::v2::ids::int64")]
    game_pass_id: u64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WirePrivateServer {
    #[serde(with = "oc_core::v2::ids::int64")]
    private_server_id: u64,
}

/// An item as the service writes it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireItem {
    #[serde(default)]
    path: String,
    #[serde(default)]
    asset_details: Option<WireAsset>,
    #[serde(default)]
    badge_details: Option<WireBadge>,
    #[serde(default)]
    game_pass_details: Option<WireGamePass>,
    #[serde(default)]
    private_server_details: Option<WirePrivateServer>,
    #[serde(default, with = "oc_core::v2::timestamp::option")]
    add_time: Option<OffsetDateTime>,
}

impl WireItem {
    /// The item; exactly one kind of details is expected (the first present is taken).
    pub(crate) fn into_item(self) -> InventoryItem {
        let details = if let Some(asset) = self.asset_details {
            InventoryItemDetails::Asset(AssetDetails {
                asset_id: asset.asset_id,
                asset_type: asset.inventory_item_asset_type,
                instance_id: asset.instance_id,
                collectible: asset.collectible_details,
            })
        } else if let Some(badge) = self.badge_details {
            InventoryItemDetails::Badge {
                badge_id: badge.badge_id,
            }
        } else if let Some(pass) = self.game_pass_details {
            InventoryItemDetails::GamePass {
                game_pass_id: pass.game_pass_id,
            }
        } else if let Some(server) = self.private_server_details {
            InventoryItemDetails::PrivateServer {
                private_server_id: server.private_server_id,
            }
        } else {
            InventoryItemDetails::Unknown
        };
        InventoryItem {
            path: self.path,
            details,
            add_time: self.add_time,
        }
    }
}
