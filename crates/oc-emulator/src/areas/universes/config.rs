//! The universes API's part of the configuration: the settings of universes and places
//! (the universes and places themselves are the world's), and its limits.

use serde::Deserialize;

/// The universes API's limits. In TOML, the `[universes_api]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UniversesApiConfig {
    /// The most server restarts kept for inspection (10,000); older ones are dropped.
    pub max_server_restarts: usize,
}

impl Default for UniversesApiConfig {
    fn default() -> Self {
        UniversesApiConfig {
            max_server_restarts: 10_000,
        }
    }
}

/// A social link of a universe: `{"title":"…","uri":"…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SocialLink {
    /// Its title.
    #[serde(default)]
    pub title: String,
    /// Its URI.
    #[serde(default)]
    pub uri: String,
}

/// The settings of a universe, as Get Universe shows them
/// (<https://create.roblox.com/docs/cloud/reference/features/universes>). Its name and
/// description are its root place's ([`PlaceSettings`]). In TOML, an entry of
/// `[[universe_settings]]`; every field but `universe` is optional.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct UniverseSettings {
    /// The universe (declared in `[[universes]]`).
    pub universe: u64,
    /// `PUBLIC` or `PRIVATE` (`PRIVATE`); read-only through the API.
    #[serde(default = "private")]
    pub visibility: String,
    /// `AGE_RATING_UNSPECIFIED` (the default), `AGE_RATING_ALL`, `AGE_RATING_9_PLUS`,
    /// `AGE_RATING_13_PLUS` or `AGE_RATING_17_PLUS`; read-only through the API.
    #[serde(default = "unspecified_age")]
    pub age_rating: String,
    /// Whether voice chat is on (`false`).
    #[serde(default)]
    pub voice_chat_enabled: bool,
    /// The private server price in Robux; absent: private servers are off.
    #[serde(default)]
    pub private_server_price_robux: Option<u32>,
    /// Whether desktops may join (`true`).
    #[serde(default = "yes")]
    pub desktop_enabled: bool,
    /// Whether phones may join (`true`).
    #[serde(default = "yes")]
    pub mobile_enabled: bool,
    /// Whether tablets may join (`true`).
    #[serde(default = "yes")]
    pub tablet_enabled: bool,
    /// Whether consoles may join (`false`).
    #[serde(default)]
    pub console_enabled: bool,
    /// Whether VR headsets may join (`true`).
    #[serde(default = "yes")]
    pub vr_enabled: bool,
    /// The Facebook link.
    #[serde(default)]
    pub facebook_social_link: Option<SocialLink>,
    /// The Twitter link.
    #[serde(default)]
    pub twitter_social_link: Option<SocialLink>,
    /// The YouTube link.
    #[serde(default)]
    pub youtube_social_link: Option<SocialLink>,
    /// The Twitch link.
    #[serde(default)]
    pub twitch_social_link: Option<SocialLink>,
    /// The Discord link.
    #[serde(default)]
    pub discord_social_link: Option<SocialLink>,
    /// The Roblox group link.
    #[serde(default)]
    pub roblox_group_social_link: Option<SocialLink>,
    /// The Guilded link.
    #[serde(default)]
    pub guilded_social_link: Option<SocialLink>,
}

impl UniverseSettings {
    /// The settings a universe has unless told otherwise (those of a new experience, as
    /// a captured Get Universe shows them).
    pub fn new(universe: u64) -> Self {
        UniverseSettings {
            universe,
            visibility: private(),
            age_rating: unspecified_age(),
            voice_chat_enabled: false,
            private_server_price_robux: None,
            desktop_enabled: true,
            mobile_enabled: true,
            tablet_enabled: true,
            console_enabled: false,
            vr_enabled: true,
            facebook_social_link: None,
            twitter_social_link: None,
            youtube_social_link: None,
            twitch_social_link: None,
            discord_social_link: None,
            roblox_group_social_link: None,
            guilded_social_link: None,
        }
    }
}

/// The settings of a place, as Get Place shows them. In TOML, an entry of
/// `[[place_settings]]`; every field but `universe` and `place` is optional.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PlaceSettings {
    /// The universe of the place.
    pub universe: u64,
    /// The place (declared in that universe's `places`).
    pub place: u64,
    /// Its name (`Place <id>`); the root place's is the universe's.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Its description (empty).
    #[serde(default)]
    pub description: String,
    /// Players per server at most (50).
    #[serde(default = "fifty")]
    pub server_size: u32,
    /// Whether it is open in Team Create: updating it is then 409 `ABORTED`.
    #[serde(default)]
    pub team_create_active: bool,
    /// Whether it was created in game by `AssetService:CreatePlaceAsync()`.
    #[serde(default)]
    pub universe_runtime_creation: bool,
}

impl PlaceSettings {
    /// The settings a place has unless told otherwise.
    pub fn new(universe: u64, place: u64) -> Self {
        PlaceSettings {
            universe,
            place,
            display_name: None,
            description: String::new(),
            server_size: fifty(),
            team_create_active: false,
            universe_runtime_creation: false,
        }
    }

    /// Its name: the configured one, or `Place <id>`.
    pub fn name(&self) -> String {
        self.display_name
            .clone()
            .unwrap_or_else(|| format!("Place {}", self.place))
    }
}

fn private() -> String {
    "PRIVATE".to_owned()
}

fn unspecified_age() -> String {
    "AGE_RATING_UNSPECIFIED".to_owned()
}

fn yes() -> bool {
    true
}

fn fifty() -> u32 {
    50
}
