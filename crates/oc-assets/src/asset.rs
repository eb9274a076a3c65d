//! What the service answers about an asset: [`Asset`], its [`AssetType`], its
//! [`Creator`], its [`ModerationState`] and its [`AssetState`].

use std::fmt;

use oc_core::time::OffsetDateTime;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// An asset type the upload API takes.
///
/// The service spells types two ways (`Decal` and `ASSET_TYPE_DECAL`); both parse. A type
/// this crate does not know parses as [`AssetType::Other`] with the service's spelling.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AssetType {
    /// An animation (`.rbxm`, `.rbxmx`).
    Animation,
    /// Audio (`.mp3`, `.ogg`, `.wav`, `.flac`).
    Audio,
    /// A decal (`.png`, `.jpeg`, `.bmp`, `.tga`).
    Decal,
    /// An image (`.png`, `.jpeg`, `.bmp`, `.tga`).
    Image,
    /// A mesh (`model/x-file-mesh-data`).
    Mesh,
    /// A model (`.fbx`, `.gltf`, `.glb`, `.rbxm`, `.rbxmx`).
    Model,
    /// A video (`.mp4`, `.mov`).
    Video,
    /// A type this crate does not know, as the service spelled it.
    Other(String),
}

/// Every known type with its PascalCase name.
const NAMES: &[(AssetType, &str)] = &[
    (AssetType::Animation, "Animation"),
    (AssetType::Audio, "Audio"),
    (AssetType::Decal, "Decal"),
    (AssetType::Image, "Image"),
    (AssetType::Mesh, "Mesh"),
    (AssetType::Model, "Model"),
    (AssetType::Video, "Video"),
];

impl AssetType {
    /// The name the upload request uses (`Decal`).
    pub fn as_str(&self) -> &str {
        match self {
            AssetType::Other(name) => name,
            known => NAMES
                .iter()
                .find(|(t, _)| t == known)
                .map_or("", |(_, name)| name),
        }
    }

    /// Parses either spelling (`Decal`, `ASSET_TYPE_DECAL`), ignoring case.
    pub fn parse(text: &str) -> AssetType {
        let bare = strip_prefix_ignore_case(text, "ASSET_TYPE_").unwrap_or(text);
        NAMES
            .iter()
            .find(|(_, name)| name.eq_ignore_ascii_case(bare))
            .map_or_else(|| AssetType::Other(text.to_owned()), |(t, _)| t.clone())
    }
}

impl fmt::Display for AssetType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where an asset stands in moderation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ModerationState {
    /// Being reviewed.
    Reviewing,
    /// Refused.
    Rejected,
    /// Accepted.
    Approved,
    /// A state this crate does not know, as the service spelled it.
    Other(String),
}

impl ModerationState {
    /// Parses either spelling (`Approved`, `MODERATION_STATE_APPROVED`), ignoring case.
    pub fn parse(text: &str) -> ModerationState {
        let bare = strip_prefix_ignore_case(text, "MODERATION_STATE_").unwrap_or(text);
        if bare.eq_ignore_ascii_case("Reviewing") {
            ModerationState::Reviewing
        } else if bare.eq_ignore_ascii_case("Rejected") {
            ModerationState::Rejected
        } else if bare.eq_ignore_ascii_case("Approved") {
            ModerationState::Approved
        } else {
            ModerationState::Other(text.to_owned())
        }
    }
}

/// Whether an asset is in use or archived.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AssetState {
    /// In use.
    Active,
    /// Archived: gone from the website and from experiences until restored.
    Archived,
    /// A state this crate does not know (`Unspecified` among them), as the service
    /// spelled it.
    Other(String),
}

impl AssetState {
    /// Parses either spelling (`Archived`, `STATE_ARCHIVED`, `ASSET_STATE_ARCHIVED`),
    /// ignoring case: the service answers PascalCase, its guide prints the upper-case
    /// form for its other enums.
    pub fn parse(text: &str) -> AssetState {
        let bare = strip_prefix_ignore_case(text, "ASSET_STATE_")
            .or_else(|| strip_prefix_ignore_case(text, "STATE_"))
            .unwrap_or(text);
        if bare.eq_ignore_ascii_case("Active") {
            AssetState::Active
        } else if bare.eq_ignore_ascii_case("Archived") {
            AssetState::Archived
        } else {
            AssetState::Other(text.to_owned())
        }
    }
}

/// A preview of an asset: another asset (an image) and its alternative text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AssetPreview {
    /// The preview image, as `assets/{id}`.
    pub asset: String,
    /// Its alternative text.
    pub alt_text: String,
}

/// A social link of an asset.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SocialLink {
    /// Which one, as the field is named (`twitchSocialLink`, `discordSocialLink`, …).
    pub kind: String,
    /// Its title, when it has one.
    pub title: Option<String>,
    /// Where it leads.
    pub uri: String,
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// Who owns an asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Creator {
    /// A user, by id.
    User(u64),
    /// A group, by id.
    Group(u64),
}

impl Creator {
    /// The `creator` object of a request: ids as strings, as the service writes them.
    pub(crate) fn to_json(self) -> Value {
        match self {
            Creator::User(id) => serde_json::json!({ "userId": id.to_string() }),
            Creator::Group(id) => serde_json::json!({ "groupId": id.to_string() }),
        }
    }
}

/// An uploaded asset.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Asset {
    /// The asset id.
    pub id: u64,
    /// Its display name.
    pub name: String,
    /// Its description.
    pub description: String,
    /// Who owns it, when the answer says.
    pub creator: Option<Creator>,
    /// The revision id, when the answer has one.
    pub revision_id: Option<String>,
    /// When the revision was made.
    pub revision_time: Option<OffsetDateTime>,
    /// Its type.
    pub asset_type: AssetType,
    /// Its moderation state, when the answer has one.
    pub moderation_state: Option<ModerationState>,
    /// Whether it is active or archived, when the answer says (a read mask may leave it
    /// out).
    pub state: Option<AssetState>,
    /// Its icon (`assets/{id}` of an image), when it has one and the answer says.
    pub icon: Option<String>,
    /// Its previews, when the read mask asked for them.
    pub previews: Vec<AssetPreview>,
    /// Its social links (at most three), when the read mask asked for them.
    pub social_links: Vec<SocialLink>,
}

/// The wire form: ids may be strings or numbers (the documented `Asset` writes them as
/// strings, <https://create.roblox.com/docs/cloud/reference/features/assets>).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawAsset {
    #[serde(default, deserialize_with = "id_opt")]
    asset_id: Option<u64>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    asset_type: Option<String>,
    #[serde(default)]
    creation_context: Option<RawContext>,
    #[serde(default, deserialize_with = "text_opt")]
    revision_id: Option<String>,
    #[serde(default, with = "oc_core::time::serde::rfc3339::option")]
    revision_create_time: Option<OffsetDateTime>,
    #[serde(default)]
    moderation_result: Option<RawModeration>,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    icon: Option<String>,
    #[serde(default)]
    previews: Option<Vec<RawPreview>>,
    /// Every other field: the social links are `*SocialLink` fields.
    #[serde(flatten)]
    rest: serde_json::Map<String, Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawPreview {
    #[serde(default)]
    asset: String,
    #[serde(default)]
    alt_text: String,
}

#[derive(Deserialize)]
struct RawSocialLink {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    uri: String,
}

#[derive(Deserialize)]
struct RawContext {
    #[serde(default)]
    creator: Option<RawCreator>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawCreator {
    #[serde(default, deserialize_with = "id_opt")]
    user_id: Option<u64>,
    #[serde(default, deserialize_with = "id_opt")]
    group_id: Option<u64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawModeration {
    #[serde(default)]
    moderation_state: Option<String>,
}

/// An id written as a number or a string of digits.
fn id_opt<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    match Option::<Value>::deserialize(deserializer)? {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_u64()
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("{n} is not an id"))),
        Some(Value::String(s)) => s
            .parse()
            .map(Some)
            .map_err(|_| serde::de::Error::custom(format!("{s:?} is not an id"))),
        Some(other) => Err(serde::de::Error::custom(format!("{other} is not an id"))),
    }
}

/// A value written as a number or a string, kept as text.
fn text_opt<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    match Option::<Value>::deserialize(deserializer)? {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Ok(Some(other.to_string())),
    }
}

impl<'de> Deserialize<'de> for Asset {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = RawAsset::deserialize(deserializer)?;
        // `assetId`, else the id in `path` (`assets/123`).
        let id = match raw.asset_id {
            Some(id) => id,
            None => raw
                .path
                .as_deref()
                .and_then(|p| p.strip_prefix("assets/"))
                .and_then(|id| id.parse().ok())
                .ok_or_else(|| serde::de::Error::custom("the asset has no id"))?,
        };
        let creator = raw.creation_context.and_then(|c| c.creator).and_then(|c| {
            match (c.user_id, c.group_id) {
                (Some(user), _) => Some(Creator::User(user)),
                (None, Some(group)) => Some(Creator::Group(group)),
                (None, None) => None,
            }
        });
        Ok(Asset {
            id,
            name: raw.display_name,
            description: raw.description,
            creator,
            revision_id: raw.revision_id,
            revision_time: raw.revision_create_time,
            asset_type: raw
                .asset_type
                .as_deref()
                .map_or_else(|| AssetType::Other(String::new()), AssetType::parse),
            moderation_state: raw
                .moderation_result
                .and_then(|m| m.moderation_state)
                .map(|s| ModerationState::parse(&s)),
            state: raw
                .state
                .filter(|s| !s.is_empty())
                .map(|s| AssetState::parse(&s)),
            icon: raw.icon.filter(|i| !i.is_empty()),
            previews: raw
                .previews
                .unwrap_or_default()
                .into_iter()
                .map(|p| AssetPreview {
                    asset: p.asset,
                    alt_text: p.alt_text,
                })
                .collect(),
            social_links: raw
                .rest
                .into_iter()
                .filter(|(name, _)| name.ends_with("SocialLink"))
                .filter_map(|(kind, value)| {
                    let link = RawSocialLink::deserialize(value).ok()?;
                    Some(SocialLink {
                        kind,
                        title: link.title.filter(|t| !t.is_empty()),
                        uri: link.uri,
                    })
                })
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_spellings_and_both_id_forms_parse() -> Result<(), serde_json::Error> {
        let official = r#"{"@type":"type.googleapis.com/roblox.open_cloud.assets.v1.Asset","path":"assets/2205400862","revisionId":"1",
  "revisionCreateTime":"2023-03-02T22:27:04.062164400Z","assetId":"2205400862","displayName":"Name","description":"This is a description",
  "assetType":"ASSET_TYPE_DECAL","creationContext":{"creator":{"userId":"11112938575"}},"moderationResult":{"moderationState":"MODERATION_STATE_APPROVED"}}"#;
        let asset: Asset = serde_json::from_str(official)?;
        assert_eq!(asset.id, 2_205_400_862);
        assert_eq!(asset.asset_type, AssetType::Decal);
        assert_eq!(asset.creator, Some(Creator::User(11_112_938_575)));
        assert_eq!(asset.moderation_state, Some(ModerationState::Approved));
        assert_eq!(asset.revision_id.as_deref(), Some("1"));
        let time = asset
            .revision_time
            .map(|t| (t.unix_timestamp(), t.nanosecond()));
        assert_eq!(time, Some((1_677_796_024, 62_164_400)));

        let captured = r#"{"path":"assets/5","assetId":5,"displayName":"M","assetType":"Model",
  "creationContext":{"creator":{"groupId":77}},"moderationResult":{"moderationState":"Reviewing"},"revisionId":2}"#;
        let asset: Asset = serde_json::from_str(captured)?;
        assert_eq!(asset.id, 5);
        assert_eq!(asset.asset_type, AssetType::Model);
        assert_eq!(asset.creator, Some(Creator::Group(77)));
        assert_eq!(asset.moderation_state, Some(ModerationState::Reviewing));
        assert_eq!(asset.revision_id.as_deref(), Some("2"));

        let by_path: Asset = serde_json::from_str(r#"{"path":"assets/9","assetType":"Hat"}"#)?;
        assert_eq!(by_path.id, 9);
        assert_eq!(by_path.asset_type, AssetType::Other("Hat".into()));
        assert_eq!(by_path.revision_time, None);
        let bad_time = r#"{"assetId":"1","revisionCreateTime":"yesterday"}"#;
        assert!(serde_json::from_str::<Asset>(bad_time).is_err());
        assert!(serde_json::from_str::<Asset>(r#"{"assetId":"x1"}"#).is_err());
        Ok(())
    }

    #[test]
    fn state_icon_previews_and_social_links_parse() -> Result<(), serde_json::Error> {
        let full = r#"{"path":"assets/7","state":"Archived","icon":"assets/8",
  "previews":[{"asset":"assets/9","altText":"front"}],
  "twitchSocialLink":{"title":"Live","uri":"https://twitch.tv/x"},"githubSocialLink":{"uri":"https://github.com/x"}}"#;
        let asset: Asset = serde_json::from_str(full)?;
        assert_eq!(asset.state, Some(AssetState::Archived));
        assert_eq!(asset.icon.as_deref(), Some("assets/8"));
        assert_eq!(asset.previews.len(), 1);
        assert_eq!(asset.previews[0].alt_text, "front");
        let mut kinds: Vec<_> = asset.social_links.iter().map(|l| l.kind.as_str()).collect();
        kinds.sort_unstable();
        assert_eq!(kinds, ["githubSocialLink", "twitchSocialLink"]);
        assert_eq!(AssetState::parse("STATE_ACTIVE"), AssetState::Active);
        assert_eq!(
            AssetState::parse("ASSET_STATE_ARCHIVED"),
            AssetState::Archived
        );
        assert_eq!(
            AssetState::parse("Unspecified"),
            AssetState::Other("Unspecified".into())
        );
        let bare: Asset = serde_json::from_str(r#"{"assetId":"1"}"#)?;
        assert_eq!((bare.state, bare.previews.len()), (None, 0));
        Ok(())
    }

    #[test]
    fn type_names_round_trip() {
        for (t, name) in NAMES {
            assert_eq!(t.as_str(), *name);
            assert_eq!(&AssetType::parse(name), t);
            assert_eq!(
                &AssetType::parse(&format!("ASSET_TYPE_{}", name.to_uppercase())),
                t
            );
        }
        assert_eq!(
            ModerationState::parse("MODERATION_STATE_REJECTED"),
            ModerationState::Rejected
        );
    }
}
