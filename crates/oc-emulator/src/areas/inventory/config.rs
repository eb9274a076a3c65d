//! The inventory API's part of the configuration: the items in users' inventories and
//! whose inventories are private.

use serde::Deserialize;

use crate::gateway::proto_json::parse_timestamp;

/// The inventory API's settings. In TOML, the `[inventory]` table.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct InventoryConfig {
    /// Users who do not show their inventory to everyone: only an API key of theirs or
    /// an OAuth token they granted, with `user.inventory-item:read`, lists it.
    pub private_users: Vec<u64>,
}

/// What an inventory item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InventoryItemKind {
    /// An asset (a hat, a place, an animation, ...), one copy of it.
    Asset,
    /// A badge.
    Badge,
    /// A game pass.
    GamePass,
    /// A private server.
    PrivateServer,
}

impl InventoryItemKind {
    /// The prefix of the item's id before it is base64-encoded (`USER_ASSET_ID=`, as
    /// decoded ids of the service show; the others by analogy with `GAME_PASS_ID=`).
    pub(crate) fn id_prefix(self) -> &'static str {
        match self {
            InventoryItemKind::Asset => "USER_ASSET_ID",
            InventoryItemKind::Badge => "BADGE_ID",
            InventoryItemKind::GamePass => "GAME_PASS_ID",
            InventoryItemKind::PrivateServer => "PRIVATE_SERVER_ID",
        }
    }
}

/// The collectible details of an asset item (a limited).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CollectibleConfig {
    /// The collectible item's id (a UUID).
    #[serde(default)]
    pub item_id: String,
    /// This copy's id (a UUID).
    #[serde(default)]
    pub instance_id: String,
    /// `AVAILABLE` (the default) or `HOLD`.
    #[serde(default = "available")]
    pub state: String,
    /// Its serial number, for a limited.
    #[serde(default)]
    pub serial_number: Option<i64>,
}

impl CollectibleConfig {
    /// An available collectible copy.
    pub fn new(item_id: impl Into<String>, instance_id: impl Into<String>) -> Self {
        CollectibleConfig {
            item_id: item_id.into(),
            instance_id: instance_id.into(),
            state: available(),
            serial_number: None,
        }
    }
}

/// An item of a user's inventory
/// (<https://create.roblox.com/docs/cloud/reference/features/inventory>). In TOML, an
/// entry of `[[inventory_items]]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct InventoryItemConfig {
    /// The owner.
    pub user: u64,
    /// `asset`, `badge`, `game_pass` or `private_server`.
    pub kind: InventoryItemKind,
    /// The asset, badge, game pass or private server id.
    pub id: u64,
    /// The asset type of an asset (`HAT`, `CLASSIC_TSHIRT`, `PURCHASED_PLACE`, ...).
    #[serde(default)]
    pub asset_type: Option<String>,
    /// The id of this copy of an asset; the next free one when absent.
    #[serde(default)]
    pub instance_id: Option<u64>,
    /// The collectible details of an asset that is a limited.
    #[serde(default)]
    pub collectible: Option<CollectibleConfig>,
    /// When it was added (RFC 3339); absent for none (passes never have one).
    #[serde(default)]
    pub add_time: Option<String>,
}

impl InventoryItemConfig {
    /// A copy of asset `id` of type `asset_type` (`HAT`, ...).
    pub fn asset(user: u64, id: u64, asset_type: impl Into<String>) -> Self {
        InventoryItemConfig {
            asset_type: Some(asset_type.into()),
            ..InventoryItemConfig::other(user, InventoryItemKind::Asset, id)
        }
    }

    /// A badge, game pass or private server.
    pub fn other(user: u64, kind: InventoryItemKind, id: u64) -> Self {
        InventoryItemConfig {
            user,
            kind,
            id,
            asset_type: None,
            instance_id: None,
            collectible: None,
            add_time: None,
        }
    }

    /// The same item with this copy id.
    #[must_use]
    pub fn with_instance_id(mut self, instance_id: u64) -> Self {
        self.instance_id = Some(instance_id);
        self
    }

    /// The same item with these collectible details.
    #[must_use]
    pub fn with_collectible(mut self, collectible: CollectibleConfig) -> Self {
        self.collectible = Some(collectible);
        self
    }

    /// Why the item is not valid, if it is not.
    pub(crate) fn problem(&self) -> Option<String> {
        let is_asset = self.kind == InventoryItemKind::Asset;
        match (&self.asset_type, is_asset) {
            (None, true) => return Some("an asset needs an asset_type".into()),
            (Some(t), true) if !ASSET_TYPES.contains(&t.as_str()) => {
                return Some(format!("asset_type {t:?} is not an inventory asset type"))
            }
            (Some(_), false) => return Some("only assets have an asset_type".into()),
            _ => {}
        }
        if !is_asset && (self.instance_id.is_some() || self.collectible.is_some()) {
            return Some("only assets have an instance_id or collectible details".into());
        }
        if let Some(c) = &self.collectible {
            if !["AVAILABLE", "HOLD"].contains(&c.state.as_str()) {
                return Some(format!(
                    "collectible state {:?} is not AVAILABLE or HOLD",
                    c.state
                ));
            }
        }
        self.add_time
            .as_deref()
            .filter(|t| parse_timestamp(t).is_none())
            .map(|t| format!("add_time {t:?} is not an RFC 3339 time"))
    }
}

/// The inventory asset types
/// (<https://create.roblox.com/docs/cloud/reference/features/inventory>).
pub(crate) const ASSET_TYPES: &[&str] = &[
    "CLASSIC_TSHIRT",
    "AUDIO",
    "HAT",
    "MODEL",
    "CLASSIC_SHIRT",
    "CLASSIC_PANTS",
    "DECAL",
    "CLASSIC_HEAD",
    "FACE",
    "GEAR",
    "ANIMATION",
    "TORSO",
    "RIGHT_ARM",
    "LEFT_ARM",
    "LEFT_LEG",
    "RIGHT_LEG",
    "PACKAGE",
    "PLUGIN",
    "MESH_PART",
    "HAIR_ACCESSORY",
    "FACE_ACCESSORY",
    "NECK_ACCESSORY",
    "SHOULDER_ACCESSORY",
    "FRONT_ACCESSORY",
    "BACK_ACCESSORY",
    "WAIST_ACCESSORY",
    "CLIMB_ANIMATION",
    "DEATH_ANIMATION",
    "FALL_ANIMATION",
    "IDLE_ANIMATION",
    "JUMP_ANIMATION",
    "RUN_ANIMATION",
    "SWIM_ANIMATION",
    "WALK_ANIMATION",
    "POSE_ANIMATION",
    "EMOTE_ANIMATION",
    "VIDEO",
    "TSHIRT_ACCESSORY",
    "SHIRT_ACCESSORY",
    "PANTS_ACCESSORY",
    "JACKET_ACCESSORY",
    "SWEATER_ACCESSORY",
    "SHORTS_ACCESSORY",
    "LEFT_SHOE_ACCESSORY",
    "RIGHT_SHOE_ACCESSORY",
    "DRESS_SKIRT_ACCESSORY",
    "EYEBROW_ACCESSORY",
    "EYELASH_ACCESSORY",
    "MOOD_ANIMATION",
    "DYNAMIC_HEAD",
    "CREATED_PLACE",
    "PURCHASED_PLACE",
];

fn available() -> String {
    "AVAILABLE".to_owned()
}
