//! The world's part of the configuration: universes, places, users, groups and
//! credentials, and the ids of the built-in world.

use std::fmt;

use serde::{Deserialize, Deserializer};

/// The API key of the built-in world: owned by [`DEFAULT_USER_ID`], allowed every scope on
/// every universe. The emulator only listens locally, so a fixed key is harmless.
pub const DEFAULT_API_KEY: &str = "oc-emulator-default-api-key";
/// The universe of the built-in world.
pub const DEFAULT_UNIVERSE_ID: u64 = 1000;
/// The place of the built-in world, part of [`DEFAULT_UNIVERSE_ID`].
pub const DEFAULT_PLACE_ID: u64 = 2000;
/// The user of the built-in world, owner of the universe, the group and the key.
pub const DEFAULT_USER_ID: u64 = 3000;
/// The group of the built-in world, owned by [`DEFAULT_USER_ID`].
pub const DEFAULT_GROUP_ID: u64 = 4000;

/// Who owns a universe or an API key. In TOML: `{ user = 3000 }` or `{ group = 4000 }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Owner {
    /// A user, by id.
    User(u64),
    /// A group, by id.
    Group(u64),
}

impl fmt::Display for Owner {
    /// `user:3000` or `group:4000`, the form [`RequestRecord::credential_owner`] uses.
    ///
    /// [`RequestRecord::credential_owner`]: crate::RequestRecord::credential_owner
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Owner::User(id) => write!(f, "user:{id}"),
            Owner::Group(id) => write!(f, "group:{id}"),
        }
    }
}

/// A universe (experience).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UniverseConfig {
    /// The universe id.
    pub id: u64,
    /// Its places; the first is the start place.
    #[serde(default)]
    pub places: Vec<u64>,
    /// Its owner.
    pub owner: Owner,
}

/// A user.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserConfig {
    /// The user id.
    pub id: u64,
    /// The user name.
    pub name: String,
    /// The display name; the user name when absent.
    #[serde(default)]
    pub display_name: Option<String>,
}

/// A group.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupConfig {
    /// The group id.
    pub id: u64,
    /// The group name.
    pub name: String,
    /// The user who owns the group.
    pub owner: u64,
}

/// An API key.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiKeyConfig {
    /// The secret sent in `x-api-key`.
    pub key: String,
    /// Its owner; rate limits are pooled per owner across all of the owner's keys.
    pub owner: Owner,
    /// What the key may do. A key without grants authenticates but may do nothing.
    #[serde(default)]
    pub grants: Vec<Grant>,
}

/// Scopes an API key holds on some universes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grant {
    /// The universe the scopes apply to, or `"*"` for every universe.
    pub universe: UniverseSelector,
    /// Scope names such as `universe-messaging-service:publish`; `"*"` is every scope and
    /// `"universe-datastores.objects:*"` every operation of one scope.
    #[serde(default)]
    pub scopes: Vec<String>,
}

/// A static OAuth 2.0 access token, sent as `Authorization: Bearer <token>`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OAuthTokenConfig {
    /// The access token.
    pub token: String,
    /// The user who authorized it.
    pub user: u64,
    /// The universes it was granted (`"*"` for all).
    #[serde(default)]
    pub universes: Vec<UniverseSelector>,
    /// Its scopes, with the same wildcards as [`Grant::scopes`].
    #[serde(default)]
    pub scopes: Vec<String>,
}

/// One universe or all of them. In TOML: a number, or `"*"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UniverseSelector {
    /// Every universe.
    All,
    /// One universe, by id.
    Id(u64),
}

impl UniverseSelector {
    /// Whether the selector covers `universe`.
    pub fn matches(&self, universe: u64) -> bool {
        match self {
            UniverseSelector::All => true,
            UniverseSelector::Id(id) => *id == universe,
        }
    }
}

impl<'de> Deserialize<'de> for UniverseSelector {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Id(u64),
            Text(String),
        }
        match Raw::deserialize(deserializer)? {
            Raw::Id(id) => Ok(UniverseSelector::Id(id)),
            Raw::Text(text) if text == "*" => Ok(UniverseSelector::All),
            Raw::Text(text) => text.parse().map(UniverseSelector::Id).map_err(|_| {
                serde::de::Error::custom(format!("expected a universe id or \"*\", found {text:?}"))
            }),
        }
    }
}
