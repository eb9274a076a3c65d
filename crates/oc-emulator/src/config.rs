//! The emulator's configuration: the world it simulates (universes, places, users, groups,
//! credentials, data stores), its rate limits and the faults it injects.
//!
//! Every type deserializes from TOML ([`Config::from_toml_str`], [`Config::from_file`]) and
//! rejects unknown fields, so a typo fails loudly instead of being ignored. The crate docs
//! show the whole format.

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

use serde::{Deserialize, Deserializer};

use crate::assets_state::AssetsConfig;
use crate::emulator::EmulatorError;
use crate::faults::FaultRule;
use crate::rate_limit::RateLimitConfig;
use crate::routes;
use crate::webhook_sender::WebhookConfig;

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
/// The client id of the built-in world's OAuth2 app (client ids are numeric strings).
pub const DEFAULT_OAUTH2_CLIENT_ID: &str = "7000000000000000001";
/// The client secret of the built-in world's OAuth2 app.
pub const DEFAULT_OAUTH2_CLIENT_SECRET: &str = "RBX-oc-emulator-default-client-secret";
/// The redirect URIs of the built-in world's OAuth2 app; any port is accepted on them, as
/// on every loopback redirect URI registered without a port.
pub const DEFAULT_OAUTH2_REDIRECT_URIS: &[&str] =
    &["http://localhost/callback", "http://127.0.0.1/callback"];

/// Everything the emulator simulates.
///
/// [`Config::default()`] is the built-in world (universe 1000 with place 2000 owned by user
/// 3000, group 4000 owned by user 3000, and the key [`DEFAULT_API_KEY`] allowed everything).
/// A configuration read from TOML **replaces** that world: a section the file leaves out is
/// empty (except `rate_limits`, whose omitted fields keep the published limits).
/// [`Config::empty()`] is that empty world, for building one in code.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Rate limits; on by default with the limits Roblox publishes.
    #[serde(default)]
    pub rate_limits: RateLimitConfig,
    /// Universes (experiences) and their places.
    #[serde(default)]
    pub universes: Vec<UniverseConfig>,
    /// Users.
    #[serde(default)]
    pub users: Vec<UserConfig>,
    /// Groups.
    #[serde(default)]
    pub groups: Vec<GroupConfig>,
    /// API keys (sent as `x-api-key`).
    #[serde(default)]
    pub api_keys: Vec<ApiKeyConfig>,
    /// Static OAuth 2.0 access tokens (sent as `Authorization: Bearer`).
    #[serde(default)]
    pub oauth_tokens: Vec<OAuthTokenConfig>,
    /// Standard data stores that exist at start.
    #[serde(default)]
    pub data_stores: Vec<DataStoreConfig>,
    /// Faults injected from the start.
    #[serde(default)]
    pub faults: Vec<FaultRule>,
    /// Asset and place publishing behaviour (`[assets]`).
    #[serde(default)]
    pub assets: AssetsConfig,
    /// OAuth 2.0 apps registered with the emulator's provider.
    #[serde(default)]
    pub oauth2_apps: Vec<OAuth2AppConfig>,
    /// Webhook receivers, and the notifications sent to them at start.
    #[serde(default)]
    pub webhooks: Vec<WebhookConfig>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            rate_limits: RateLimitConfig::default(),
            universes: vec![UniverseConfig {
                id: DEFAULT_UNIVERSE_ID,
                places: vec![DEFAULT_PLACE_ID],
                owner: Owner::User(DEFAULT_USER_ID),
            }],
            users: vec![UserConfig {
                id: DEFAULT_USER_ID,
                name: "emulator_user".into(),
                display_name: Some("Emulator User".into()),
            }],
            groups: vec![GroupConfig {
                id: DEFAULT_GROUP_ID,
                name: "Emulator Group".into(),
                owner: DEFAULT_USER_ID,
            }],
            api_keys: vec![ApiKeyConfig {
                key: DEFAULT_API_KEY.into(),
                owner: Owner::User(DEFAULT_USER_ID),
                grants: vec![Grant {
                    universe: UniverseSelector::All,
                    scopes: vec!["*".into()],
                }],
            }],
            oauth_tokens: Vec::new(),
            data_stores: Vec::new(),
            faults: Vec::new(),
            assets: AssetsConfig::default(),
            oauth2_apps: vec![OAuth2AppConfig::default_app()],
            webhooks: Vec::new(),
        }
    }
}

impl Config {
    /// A world with nothing in it (and the default rate limits).
    pub fn empty() -> Self {
        Config {
            rate_limits: RateLimitConfig::default(),
            universes: Vec::new(),
            users: Vec::new(),
            groups: Vec::new(),
            api_keys: Vec::new(),
            oauth_tokens: Vec::new(),
            data_stores: Vec::new(),
            faults: Vec::new(),
            assets: AssetsConfig::default(),
            oauth2_apps: Vec::new(),
            webhooks: Vec::new(),
        }
    }

    /// Adds an API key owned by `owner`, allowed `scopes` (`"*"`: every scope) on
    /// `universe`. The first key of a configuration stays the one the handle reports.
    pub fn with_api_key(
        mut self,
        key: impl Into<String>,
        owner: Owner,
        universe: UniverseSelector,
        scopes: &[&str],
    ) -> Self {
        self.api_keys.push(ApiKeyConfig {
            key: key.into(),
            owner,
            grants: vec![Grant {
                universe,
                scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
            }],
        });
        self
    }

    /// Adds a static OAuth2 access token of `user`, allowed `scopes` on `universes`.
    pub fn with_oauth_token(
        mut self,
        token: impl Into<String>,
        user: u64,
        universes: &[UniverseSelector],
        scopes: &[&str],
    ) -> Self {
        self.oauth_tokens.push(OAuthTokenConfig {
            token: token.into(),
            user,
            universes: universes.to_vec(),
            scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
        });
        self
    }

    /// Parses and validates a TOML configuration.
    pub fn from_toml_str(text: &str) -> Result<Self, EmulatorError> {
        let config: Config =
            toml::from_str(text).map_err(|e| EmulatorError::Config(e.to_string()))?;
        config.validate()?;
        Ok(config)
    }

    /// Reads, parses and validates a TOML configuration file.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self, EmulatorError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path)
            .map_err(|e| EmulatorError::Config(format!("cannot read {}: {e}", path.display())))?;
        Config::from_toml_str(&text).map_err(|e| match e {
            EmulatorError::Config(message) => {
                EmulatorError::Config(format!("{}: {message}", path.display()))
            }
            other => other,
        })
    }

    /// Checks that ids and credentials are unique, that every owner refers to a declared
    /// user or group, and that every fault names a known route with sensible numbers.
    pub fn validate(&self) -> Result<(), EmulatorError> {
        let invalid = |message: String| Err(EmulatorError::Config(message));
        let users = unique("user id", self.users.iter().map(|u| u.id))?;
        let groups = unique("group id", self.groups.iter().map(|g| g.id))?;
        unique("universe id", self.universes.iter().map(|u| u.id))?;
        unique(
            "place id",
            self.universes.iter().flat_map(|u| u.places.iter().copied()),
        )?;
        // Secrets are never echoed, even these local ones.
        unique("API key", self.api_keys.iter().map(|k| Secret(&k.key)))?;
        unique(
            "OAuth token",
            self.oauth_tokens.iter().map(|t| Secret(&t.token)),
        )?;
        let owner_known = |owner: &Owner| match owner {
            Owner::User(id) => users.contains(id),
            Owner::Group(id) => groups.contains(id),
        };
        for universe in &self.universes {
            if !owner_known(&universe.owner) {
                return invalid(format!(
                    "universe {} is owned by {}, which is not declared",
                    universe.id, universe.owner
                ));
            }
        }
        for group in &self.groups {
            if !users.contains(&group.owner) {
                return invalid(format!(
                    "group {} is owned by user {}, which is not declared",
                    group.id, group.owner
                ));
            }
        }
        for key in &self.api_keys {
            if key.key.is_empty() {
                return invalid("an API key is empty".into());
            }
            if !owner_known(&key.owner) {
                return invalid(format!(
                    "an API key is owned by {}, which is not declared",
                    key.owner
                ));
            }
        }
        for token in &self.oauth_tokens {
            if token.token.is_empty() {
                return invalid("an OAuth token is empty".into());
            }
            if !users.contains(&token.user) {
                return invalid(format!(
                    "an OAuth token belongs to user {}, which is not declared",
                    token.user
                ));
            }
        }
        unique(
            "OAuth2 client id",
            self.oauth2_apps.iter().map(|a| a.client_id.as_str()),
        )?;
        for app in &self.oauth2_apps {
            if !users.contains(&app.user) {
                return invalid(format!(
                    "OAuth2 app {} consents as user {}, which is not declared",
                    app.client_id, app.user
                ));
            }
        }
        for store in &self.data_stores {
            if store.name.is_empty() {
                return invalid(format!(
                    "a data store of universe {} has no name",
                    store.universe
                ));
            }
        }
        for fault in &self.faults {
            fault.validate()?;
        }
        for webhook in &self.webhooks {
            webhook.validate()?;
        }
        Ok(())
    }
}

/// Fails on the first value seen twice; returns the set of values.
fn unique<T: Ord + fmt::Display>(
    what: &str,
    values: impl Iterator<Item = T>,
) -> Result<BTreeSet<T>, EmulatorError> {
    let mut seen = BTreeSet::new();
    for value in values {
        if seen.contains(&value) {
            return Err(EmulatorError::Config(format!(
                "{what} {value} is declared twice"
            )));
        }
        seen.insert(value);
    }
    Ok(seen)
}

/// A credential in an error message: compared by value, shown as `<redacted>`.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Secret<'a>(&'a str);

impl fmt::Display for Secret<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Checks that `name` is a route name or `*`.
pub(crate) fn check_route_name(name: &str) -> Result<(), EmulatorError> {
    if name == "*" || routes::is_route_name(name) {
        Ok(())
    } else {
        Err(EmulatorError::Config(format!(
            "unknown route {name:?}; known routes: {}",
            routes::route_names().collect::<Vec<_>>().join(", ")
        )))
    }
}

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

/// A standard data store that exists at start.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataStoreConfig {
    /// Its universe.
    pub universe: u64,
    /// Its name.
    pub name: String,
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

/// An OAuth 2.0 app registered with the emulator's provider. The provider consents as
/// `user` to every authorization of the app, for the requested scopes it allows.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OAuth2AppConfig {
    /// The client id (a numeric string on the real service).
    pub client_id: String,
    /// The client secret; absent for a public client, which must use PKCE.
    #[serde(default)]
    pub client_secret: Option<String>,
    /// The registered redirect URIs.
    #[serde(default)]
    pub redirect_uris: Vec<String>,
    /// The scopes the app may request.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// The user who consents.
    pub user: u64,
    /// The universes the user authorizes the app on.
    #[serde(default)]
    pub universes: Vec<u64>,
}

impl OAuth2AppConfig {
    /// The built-in world's app: [`DEFAULT_OAUTH2_CLIENT_ID`], consented by
    /// [`DEFAULT_USER_ID`] on [`DEFAULT_UNIVERSE_ID`], allowed `openid`, `profile`,
    /// messaging publish and assets read and write.
    pub fn default_app() -> Self {
        OAuth2AppConfig {
            client_id: DEFAULT_OAUTH2_CLIENT_ID.into(),
            client_secret: Some(DEFAULT_OAUTH2_CLIENT_SECRET.into()),
            redirect_uris: DEFAULT_OAUTH2_REDIRECT_URIS
                .iter()
                .map(|u| (*u).to_owned())
                .collect(),
            scopes: [
                "openid",
                "profile",
                "universe-messaging-service:publish",
                "asset:read",
                "asset:write",
            ]
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
            user: DEFAULT_USER_ID,
            universes: vec![DEFAULT_UNIVERSE_ID],
        }
    }
}
