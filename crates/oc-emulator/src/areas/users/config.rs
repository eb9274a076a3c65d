//! The users API's part of the configuration: the profiles of users (the users themselves
//! are the world's), their asset quotas, and how thumbnail operations behave.

use serde::Deserialize;

use crate::gateway::proto_json::parse_timestamp;

/// The users API's behaviour. In TOML, the `[users_api]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UsersApiConfig {
    /// Polls until a thumbnail operation is done (0: the answer that starts it is done, as
    /// the captured answers are and as the reference recommends).
    pub thumbnail_polls_until_done: u32,
    /// Thumbnail operations kept for polling (10,000); beyond it the oldest is dropped.
    pub max_operations: usize,
    /// How long a thumbnail operation is kept, in seconds of the emulator's clock
    /// (86,400).
    pub operation_retention_secs: u64,
}

impl Default for UsersApiConfig {
    fn default() -> Self {
        UsersApiConfig {
            thumbnail_polls_until_done: 0,
            max_operations: 10_000,
            operation_retention_secs: 24 * 60 * 60,
        }
    }
}

/// The profile of a user, as Get User shows it
/// (<https://create.roblox.com/docs/cloud/reference/features/users>); the name and display
/// name are the world's. In TOML, an entry of `[[user_profiles]]`; every field but `user`
/// is optional.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct UserProfileConfig {
    /// The user (declared in `[[users]]`).
    pub user: u64,
    /// What the user wrote about themselves (empty).
    #[serde(default)]
    pub about: String,
    /// The locale (`en_us`, as captured answers spell it).
    #[serde(default = "en_us")]
    pub locale: String,
    /// Whether the user has Premium (`false`).
    #[serde(default)]
    pub premium: bool,
    /// Whether the user is identity-verified (`false`); shown only with the scope
    /// `user.advanced:read`.
    #[serde(default)]
    pub id_verified: bool,
    /// When the account was created (RFC 3339); when the emulator started if absent.
    #[serde(default)]
    pub create_time: Option<String>,
    /// The Facebook profile URI (shown, like every social field, only with the scope
    /// `user.social:read`).
    #[serde(default)]
    pub facebook: String,
    /// The Twitter profile URI.
    #[serde(default)]
    pub twitter: String,
    /// The YouTube profile URI.
    #[serde(default)]
    pub youtube: String,
    /// The Twitch profile URI.
    #[serde(default)]
    pub twitch: String,
    /// The Guilded profile URI.
    #[serde(default)]
    pub guilded: String,
    /// Who may see the social profiles: `NO_ONE` (the default), `FRIENDS`,
    /// `FRIENDS_AND_FOLLOWING`, `FRIENDS_FOLLOWING_AND_FOLLOWERS` or `EVERYONE`.
    #[serde(default = "no_one")]
    pub social_visibility: String,
}

impl UserProfileConfig {
    /// The profile a user has unless told otherwise.
    pub fn new(user: u64) -> Self {
        UserProfileConfig {
            user,
            about: String::new(),
            locale: en_us(),
            premium: false,
            id_verified: false,
            create_time: None,
            facebook: String::new(),
            twitter: String::new(),
            youtube: String::new(),
            twitch: String::new(),
            guilded: String::new(),
            social_visibility: no_one(),
        }
    }

    /// Why the profile is not valid, if it is not.
    pub(crate) fn problem(&self) -> Option<String> {
        one_of("social_visibility", &self.social_visibility, VISIBILITIES).or_else(|| {
            self.create_time
                .as_deref()
                .filter(|t| parse_timestamp(t).is_none())
                .map(|t| format!("create_time {t:?} is not an RFC 3339 time"))
        })
    }
}

/// An asset quota of a user, as List Asset Quotas shows it. In TOML, an entry of
/// `[[asset_quotas]]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AssetQuotaConfig {
    /// The user (declared in `[[users]]`).
    pub user: u64,
    /// `RATE_LIMIT_UPLOAD` (the default) or `RATE_LIMIT_CREATOR_STORE_DISTRIBUTE`.
    #[serde(default = "upload")]
    pub quota_type: String,
    /// The asset type (`AUDIO`, `DECAL`, `MODEL`, …).
    pub asset_type: String,
    /// The current usage (0).
    #[serde(default)]
    pub usage: i64,
    /// The capacity.
    pub capacity: i64,
    /// `MONTH` (the default) or `DAY`.
    #[serde(default = "month")]
    pub period: String,
    /// When the usage resets (RFC 3339); absent if unset.
    #[serde(default)]
    pub usage_reset_time: Option<String>,
}

impl AssetQuotaConfig {
    /// An upload quota of `capacity` assets of `asset_type` a month, unused.
    pub fn new(user: u64, asset_type: impl Into<String>, capacity: i64) -> Self {
        AssetQuotaConfig {
            user,
            quota_type: upload(),
            asset_type: asset_type.into(),
            usage: 0,
            capacity,
            period: month(),
            usage_reset_time: None,
        }
    }

    /// The quota's id in its path: its type, asset type and period, kebab-cased
    /// (`rate-limit-upload-audio-month`; the service's ids are not documented).
    pub(crate) fn id(&self) -> String {
        format!("{}-{}-{}", self.quota_type, self.asset_type, self.period)
            .to_ascii_lowercase()
            .replace('_', "-")
    }

    /// Why the quota is not valid, if it is not.
    pub(crate) fn problem(&self) -> Option<String> {
        one_of("quota_type", &self.quota_type, QUOTA_TYPES)
            .or_else(|| one_of("asset_type", &self.asset_type, QUOTA_ASSET_TYPES))
            .or_else(|| one_of("period", &self.period, &["MONTH", "DAY"]))
            .or_else(|| {
                (self.usage < 0 || self.capacity < 0)
                    .then(|| "usage and capacity must not be negative".to_owned())
            })
            .or_else(|| {
                self.usage_reset_time
                    .as_deref()
                    .filter(|t| parse_timestamp(t).is_none())
                    .map(|t| format!("usage_reset_time {t:?} is not an RFC 3339 time"))
            })
    }
}

fn one_of(what: &str, value: &str, allowed: &[&str]) -> Option<String> {
    (!allowed.contains(&value))
        .then(|| format!("{what} {value:?} is not one of {}", allowed.join(", ")))
}

/// The visibilities of social profiles.
const VISIBILITIES: &[&str] = &[
    "NO_ONE",
    "FRIENDS",
    "FRIENDS_AND_FOLLOWING",
    "FRIENDS_FOLLOWING_AND_FOLLOWERS",
    "EVERYONE",
];

/// The quota types.
pub(crate) const QUOTA_TYPES: &[&str] =
    &["RATE_LIMIT_UPLOAD", "RATE_LIMIT_CREATOR_STORE_DISTRIBUTE"];

/// The asset types a quota is for
/// (<https://create.roblox.com/docs/cloud/reference/features/users>).
pub(crate) const QUOTA_ASSET_TYPES: &[&str] = &[
    "IMAGE",
    "TSHIRT",
    "AUDIO",
    "MESH",
    "LUA",
    "HAT",
    "PLACE",
    "MODEL",
    "SHIRT",
    "PANTS",
    "DECAL",
    "HEAD",
    "FACE",
    "GEAR",
    "ANIMATION",
    "TORSO",
    "RIGHT_ARM",
    "LEFT_ARM",
    "LEFT_LEG",
    "RIGHT_LEG",
    "YOUTUBE_VIDEO",
    "APP",
    "CODE",
    "PLUGIN",
    "SOLID_MODEL",
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
    "LOCALIZATION_TABLE_MANIFEST",
    "LOCALIZATION_TABLE_TRANSLATION",
    "EMOTE_ANIMATION",
    "VIDEO",
    "TEXTURE_PACK",
    "TSHIRT_ACCESSORY",
    "SHIRT_ACCESSORY",
    "PANTS_ACCESSORY",
    "JACKET_ACCESSORY",
    "SWEATER_ACCESSORY",
    "SHORTS_ACCESSORY",
    "LEFT_SHOE_ACCESSORY",
    "RIGHT_SHOE_ACCESSORY",
    "DRESS_SKIRT_ACCESSORY",
    "FONT_FAMILY",
    "FONT_FACE",
    "MESH_HIDDEN_SURFACE_REMOVAL",
    "EYEBROW_ACCESSORY",
    "EYELASH_ACCESSORY",
    "MOOD_ANIMATION",
    "DYNAMIC_HEAD",
    "CODE_SNIPPET",
    "ADS_VIDEO",
];

fn en_us() -> String {
    "en_us".to_owned()
}

fn no_one() -> String {
    "NO_ONE".to_owned()
}

fn upload() -> String {
    "RATE_LIMIT_UPLOAD".to_owned()
}

fn month() -> String {
    "MONTH".to_owned()
}
