//! The universe resource (<https://create.roblox.com/docs/cloud/reference/Universe>) and
//! its calls: get, update, restart servers, publish a message.

mod get;
mod publish;
mod restart;
mod update;

pub use get::GetUniverse;
pub use publish::{PublishUniverseMessage, MAX_MESSAGE_CHARS, MAX_TOPIC_CHARS};
pub use restart::{RestartServers, MAX_BLEED_OFF_MINUTES, MIN_BLEED_OFF_MINUTES};
pub use update::UpdateUniverse;

use oc_core::time::OffsetDateTime;
use oc_core::v2::ids;
use serde::{Deserialize, Serialize};

use crate::absent::{non_empty, or_default};

/// Whether a universe is public (read-only through this API).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum Visibility {
    /// Not given.
    #[default]
    #[serde(rename = "VISIBILITY_UNSPECIFIED")]
    Unspecified,
    /// Anyone can join.
    Public,
    /// Only those allowed can join.
    Private,
    /// A value this crate does not know yet.
    #[serde(other)]
    Unknown,
}

/// A universe's age rating (read-only through this API).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[non_exhaustive]
pub enum AgeRating {
    /// Not set.
    #[default]
    #[serde(rename = "AGE_RATING_UNSPECIFIED")]
    Unspecified,
    /// Suitable for everyone.
    #[serde(rename = "AGE_RATING_ALL")]
    All,
    /// Ages 9 and up.
    #[serde(rename = "AGE_RATING_9_PLUS")]
    NinePlus,
    /// Ages 13 and up.
    #[serde(rename = "AGE_RATING_13_PLUS")]
    ThirteenPlus,
    /// Ages 17 and up.
    #[serde(rename = "AGE_RATING_17_PLUS")]
    SeventeenPlus,
    /// A value this crate does not know yet.
    #[serde(other)]
    Unknown,
}

/// Who owns a universe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UniverseOwner {
    /// A user (`users/{id}`).
    User(u64),
    /// A group (`groups/{id}`).
    Group(u64),
    /// The answer named no owner.
    Unknown,
}

/// A social link shown on the experience's page.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SocialLink {
    /// The link's title.
    #[serde(default, deserialize_with = "or_default")]
    pub title: String,
    /// The link's address.
    #[serde(default, deserialize_with = "or_default")]
    pub uri: String,
}

impl SocialLink {
    /// A link with this title and address.
    pub fn new(title: impl Into<String>, uri: impl Into<String>) -> Self {
        SocialLink {
            title: title.into(),
            uri: uri.into(),
        }
    }
}

/// Where a social link points; each is a field of its own on the universe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SocialPlatform {
    /// `facebookSocialLink`.
    Facebook,
    /// `twitterSocialLink`.
    Twitter,
    /// `youtubeSocialLink`.
    Youtube,
    /// `twitchSocialLink`.
    Twitch,
    /// `discordSocialLink`.
    Discord,
    /// `robloxGroupSocialLink`.
    RobloxGroup,
    /// `guildedSocialLink`.
    Guilded,
}

impl SocialPlatform {
    /// Every platform.
    pub const ALL: [SocialPlatform; 7] = [
        SocialPlatform::Facebook,
        SocialPlatform::Twitter,
        SocialPlatform::Youtube,
        SocialPlatform::Twitch,
        SocialPlatform::Discord,
        SocialPlatform::RobloxGroup,
        SocialPlatform::Guilded,
    ];

    /// The universe field holding the link (`facebookSocialLink`).
    pub fn field(self) -> &'static str {
        match self {
            SocialPlatform::Facebook => "facebookSocialLink",
            SocialPlatform::Twitter => "twitterSocialLink",
            SocialPlatform::Youtube => "youtubeSocialLink",
            SocialPlatform::Twitch => "twitchSocialLink",
            SocialPlatform::Discord => "discordSocialLink",
            SocialPlatform::RobloxGroup => "robloxGroupSocialLink",
            SocialPlatform::Guilded => "guildedSocialLink",
        }
    }
}

/// A universe (an experience): its settings as the service answers them.
///
/// Fields the service may leave unset are `Option`s: a device flag or voice chat that is
/// `None` was not given; [`private_server_price_robux`](Universe::private_server_price_robux)
/// `None` means private servers are off.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "WireUniverse")]
#[non_exhaustive]
pub struct Universe {
    /// The resource path (`universes/123`).
    pub path: String,
    /// The universe id.
    pub id: u64,
    /// When the universe was created.
    pub create_time: Option<OffsetDateTime>,
    /// When the universe was last updated.
    pub update_time: Option<OffsetDateTime>,
    /// The name: the root place's name (change it there).
    pub display_name: String,
    /// The description: the root place's description (change it there).
    pub description: String,
    /// The owner.
    pub owner: UniverseOwner,
    /// Public or private.
    pub visibility: Visibility,
    /// The age rating.
    pub age_rating: AgeRating,
    /// Whether voice chat is on (a change does not reach servers already running).
    pub voice_chat_enabled: Option<bool>,
    /// The price of a private server in Robux; `None` when private servers are off.
    pub private_server_price_robux: Option<u32>,
    /// Whether players may join from a desktop.
    pub desktop_enabled: Option<bool>,
    /// Whether players may join from a phone.
    pub mobile_enabled: Option<bool>,
    /// Whether players may join from a tablet.
    pub tablet_enabled: Option<bool>,
    /// Whether players may join from a console.
    pub console_enabled: Option<bool>,
    /// Whether players may join in VR.
    pub vr_enabled: Option<bool>,
    /// The root place's id, when the answer names it.
    pub root_place_id: Option<u64>,
    /// The Facebook link.
    pub facebook_social_link: Option<SocialLink>,
    /// The Twitter link.
    pub twitter_social_link: Option<SocialLink>,
    /// The YouTube link.
    pub youtube_social_link: Option<SocialLink>,
    /// The Twitch link.
    pub twitch_social_link: Option<SocialLink>,
    /// The Discord link.
    pub discord_social_link: Option<SocialLink>,
    /// The Roblox group link.
    pub roblox_group_social_link: Option<SocialLink>,
    /// The Guilded link.
    pub guilded_social_link: Option<SocialLink>,
}

impl Universe {
    /// The social link of `platform`, if set.
    pub fn social_link(&self, platform: SocialPlatform) -> Option<&SocialLink> {
        match platform {
            SocialPlatform::Facebook => self.facebook_social_link.as_ref(),
            SocialPlatform::Twitter => self.twitter_social_link.as_ref(),
            SocialPlatform::Youtube => self.youtube_social_link.as_ref(),
            SocialPlatform::Twitch => self.twitch_social_link.as_ref(),
            SocialPlatform::Discord => self.discord_social_link.as_ref(),
            SocialPlatform::RobloxGroup => self.roblox_group_social_link.as_ref(),
            SocialPlatform::Guilded => self.guilded_social_link.as_ref(),
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireUniverse {
    #[serde(default, deserialize_with = "or_default")]
    path: String,
    #[serde(default, with = "oc_core::v2::timestamp::option")]
    create_time: Option<OffsetDateTime>,
    #[serde(default, with = "oc_core::v2::timestamp::option")]
    update_time: Option<OffsetDateTime>,
    #[serde(default, deserialize_with = "or_default")]
    display_name: String,
    #[serde(default, deserialize_with = "or_default")]
    description: String,
    #[serde(default)]
    user: Option<String>,
    #[serde(default)]
    group: Option<String>,
    #[serde(default, deserialize_with = "or_default")]
    visibility: Visibility,
    #[serde(default, deserialize_with = "or_default")]
    age_rating: AgeRating,
    #[serde(default)]
    voice_chat_enabled: Option<bool>,
    #[serde(default)]
    private_server_price_robux: Option<OptionalInt>,
    #[serde(default)]
    desktop_enabled: Option<bool>,
    #[serde(default)]
    mobile_enabled: Option<bool>,
    #[serde(default)]
    tablet_enabled: Option<bool>,
    #[serde(default)]
    console_enabled: Option<bool>,
    #[serde(default)]
    vr_enabled: Option<bool>,
    #[serde(default)]
    root_place: Option<String>,
    #[serde(default)]
    facebook_social_link: Option<SocialLink>,
    #[serde(default)]
    twitter_social_link: Option<SocialLink>,
    #[serde(default)]
    youtube_social_link: Option<SocialLink>,
    #[serde(default)]
    twitch_social_link: Option<SocialLink>,
    #[serde(default)]
    discord_social_link: Option<SocialLink>,
    #[serde(default)]
    roblox_group_social_link: Option<SocialLink>,
    #[serde(default)]
    guilded_social_link: Option<SocialLink>,
}

/// An int32 written as a number or a decimal string.
#[derive(Deserialize)]
struct OptionalInt(#[serde(with = "oc_core::v2::ids::int64")] u32);

/// The id at the end of a reference (`users/1`, `universes/1/places/2`), `None` when the
/// reference is empty, an error when it does not end in a number.
pub(crate) fn reference_id(field: &str, reference: Option<String>) -> Result<Option<u64>, String> {
    match non_empty(reference) {
        None => Ok(None),
        Some(text) => ids::from_path(field, &text)
            .map(Some)
            .map_err(|e| e.to_string()),
    }
}

impl TryFrom<WireUniverse> for Universe {
    type Error = String;

    fn try_from(wire: WireUniverse) -> Result<Self, String> {
        let id = ids::from_path("universe path", &wire.path).map_err(|e| e.to_string())?;
        let owner = match (
            reference_id("user", wire.user)?,
            reference_id("group", wire.group)?,
        ) {
            (Some(user), _) => UniverseOwner::User(user),
            (None, Some(group)) => UniverseOwner::Group(group),
            (None, None) => UniverseOwner::Unknown,
        };
        Ok(Universe {
            id,
            path: wire.path,
            create_time: wire.create_time,
            update_time: wire.update_time,
            display_name: wire.display_name,
            description: wire.description,
            owner,
            visibility: wire.visibility,
            age_rating: wire.age_rating,
            voice_chat_enabled: wire.voice_chat_enabled,
            private_server_price_robux: wire.private_server_price_robux.map(|p| p.0),
            desktop_enabled: wire.desktop_enabled,
            mobile_enabled: wire.mobile_enabled,
            tablet_enabled: wire.tablet_enabled,
            console_enabled: wire.console_enabled,
            vr_enabled: wire.vr_enabled,
            root_place_id: reference_id("rootPlace", wire.root_place)?,
            facebook_social_link: wire.facebook_social_link,
            twitter_social_link: wire.twitter_social_link,
            youtube_social_link: wire.youtube_social_link,
            twitch_social_link: wire.twitch_social_link,
            discord_social_link: wire.discord_social_link,
            roblox_group_social_link: wire.roblox_group_social_link,
            guilded_social_link: wire.guilded_social_link,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_captured_answer_parses_with_unset_fields_absent() -> Result<(), serde_json::Error> {
        let universe: Universe = serde_json::from_str(
            r#"{"path":"universes/5795192361","createTime":"2024-03-25T10:42:46.360Z",
            "updateTime":"2024-03-25T10:42:46.360Z","displayName":"MightyPart's Place Number: 201",
            "description":"","user":"users/45348281","visibility":"PRIVATE",
            "voiceChatEnabled":false,"ageRating":"AGE_RATING_UNSPECIFIED","desktopEnabled":true,
            "mobileEnabled":true,"tabletEnabled":true,"consoleEnabled":false,"vrEnabled":true}"#,
        )?;
        assert_eq!(universe.id, 5_795_192_361);
        assert_eq!(universe.owner, UniverseOwner::User(45_348_281));
        assert_eq!(universe.visibility, Visibility::Private);
        assert_eq!(universe.age_rating, AgeRating::Unspecified);
        assert_eq!(universe.voice_chat_enabled, Some(false));
        assert_eq!(universe.console_enabled, Some(false));
        assert_eq!(universe.private_server_price_robux, None);
        assert_eq!(universe.root_place_id, None);
        assert_eq!(
            universe.create_time.map(OffsetDateTime::unix_timestamp),
            Some(1_711_363_366)
        );
        assert!(SocialPlatform::ALL
            .iter()
            .all(|p| universe.social_link(*p).is_none()));
        Ok(())
    }

    #[test]
    fn every_field_parses_and_new_enum_values_do_not_fail() -> Result<(), serde_json::Error> {
        let universe: Universe = serde_json::from_str(
            r#"{"path":"universes/123","group":"groups/9","visibility":"SOMETHING_NEW",
            "ageRating":"AGE_RATING_13_PLUS","privateServerPriceRobux":"25",
            "rootPlace":"universes/123/places/456","user":null,"description":null,
            "discordSocialLink":{"title":"Chat","uri":"https://discord.gg/x"},
            "guildedSocialLink":{"uri":"https://guilded.gg/x"}}"#,
        )?;
        assert_eq!(universe.owner, UniverseOwner::Group(9));
        assert_eq!(universe.visibility, Visibility::Unknown);
        assert_eq!(universe.age_rating, AgeRating::ThirteenPlus);
        assert_eq!(universe.private_server_price_robux, Some(25));
        assert_eq!(universe.root_place_id, Some(456));
        assert_eq!(universe.description, "");
        assert_eq!(
            universe.social_link(SocialPlatform::Discord),
            Some(&SocialLink::new("Chat", "https://discord.gg/x"))
        );
        assert_eq!(
            universe
                .social_link(SocialPlatform::Guilded)
                .map(|l| l.title.as_str()),
            Some("")
        );
        let minimal: Universe = serde_json::from_str(r#"{"path":"universes/1"}"#)?;
        assert_eq!(minimal.owner, UniverseOwner::Unknown);
        assert!(serde_json::from_str::<Universe>(r#"{"path":"universes/x"}"#).is_err());
        assert!(
            serde_json::from_str::<Universe>(r#"{"path":"universes/1","user":"users/x"}"#).is_err()
        );
        Ok(())
    }
}
