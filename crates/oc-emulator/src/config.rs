//! The emulator's configuration: the world it simulates (universes, places, users, groups,
//! credentials, data stores), its rate limits and the faults it injects.
//!
//! Every type deserializes from TOML ([`Config::from_toml_str`], [`Config::from_file`]) and
//! rejects unknown fields, so a typo fails loudly instead of being ignored. The crate docs
//! show the whole format.

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

use serde::Deserialize;

use crate::areas::assets::AssetsConfig;
use crate::areas::datastores::{DataStoreConfig, DataStoreEntryConfig, DataStoresConfig};
use crate::areas::groups::{
    ForumCategoryConfig, GroupJoinRequestConfig, GroupMemberConfig, GroupRoleConfig, GroupSettings,
    GroupsApiConfig, GroupsSeed,
};
use crate::areas::instances::{InstanceConfig, InstancesConfig};
use crate::areas::inventory::{InventoryConfig, InventoryItemConfig};
use crate::areas::luau_execution::LuauExecutionConfig;
use crate::areas::memory_stores::MemoryStoresConfig;
use crate::areas::messaging::MessagingConfig;
use crate::areas::notifications::NotificationsConfig;
use crate::areas::oauth2::{OAuth2AppConfig, OAuth2Config};
use crate::areas::ordered_datastores::{OrderedDataStoresConfig, OrderedEntryConfig};
use crate::areas::subscriptions::SubscriptionConfig;
use crate::areas::universes::{PlaceSettings, UniverseSettings, UniversesApiConfig};
use crate::areas::user_restrictions::UserRestrictionsConfig;
use crate::areas::users::{AssetQuotaConfig, UserProfileConfig, UsersApiConfig};
use crate::areas::webhooks::WebhookConfig;
use crate::gateway::{EmulatorError, FaultRule, LogLimits, RateLimitConfig, ServerConfig};
use crate::world::{
    ApiKeyConfig, Grant, GroupConfig, OAuthTokenConfig, Owner, UniverseConfig, UniverseSelector,
    UserConfig, DEFAULT_API_KEY, DEFAULT_GROUP_ID, DEFAULT_PLACE_ID, DEFAULT_UNIVERSE_ID,
    DEFAULT_USER_ID,
};

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
    /// Standard data store entries that exist at start (`[[data_store_entries]]`).
    #[serde(default)]
    pub data_store_entries: Vec<DataStoreEntryConfig>,
    /// Ordered data store entries that exist at start (`[[ordered_data_store_entries]]`).
    #[serde(default)]
    pub ordered_data_store_entries: Vec<OrderedEntryConfig>,
    /// The ordered data stores' limits (`[ordered_datastores]`).
    #[serde(default)]
    pub ordered_datastores: OrderedDataStoresConfig,
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
    /// MessagingService behaviour (`[messaging]`).
    #[serde(default)]
    pub messaging: MessagingConfig,
    /// Luau execution's limits and the rules deciding what tasks return
    /// (`[luau_execution]`).
    #[serde(default)]
    pub luau_execution: LuauExecutionConfig,
    /// How much of the request log is kept (`[request_log]`).
    #[serde(default)]
    pub request_log: LogLimits,
    /// The standard data stores' limits (`[datastores]`).
    #[serde(default)]
    pub datastores: DataStoresConfig,
    /// The OAuth 2.0 provider's limits (`[oauth2]`).
    #[serde(default)]
    pub oauth2: OAuth2Config,
    /// The server's own settings (`[server]`).
    #[serde(default)]
    pub server: ServerConfig,
    /// User restrictions: bounds, the log's id form, and the restrictions that exist at
    /// start (`[user_restrictions]`).
    #[serde(default)]
    pub user_restrictions: UserRestrictionsConfig,
    /// Settings of universes (`[[universe_settings]]`); a universe without is a new
    /// experience's defaults.
    #[serde(default)]
    pub universe_settings: Vec<UniverseSettings>,
    /// Settings of places (`[[place_settings]]`).
    #[serde(default)]
    pub place_settings: Vec<PlaceSettings>,
    /// The universes API's limits (`[universes_api]`).
    #[serde(default)]
    pub universes_api: UniversesApiConfig,
    /// Engine instances of places (`[[place_instances]]`), under each place's `DataModel`.
    #[serde(default)]
    pub place_instances: Vec<InstanceConfig>,
    /// The engine instances API's behaviour (`[instances]`).
    #[serde(default)]
    pub instances: InstancesConfig,
    /// Subscriptions to subscription products (`[[subscriptions]]`).
    #[serde(default)]
    pub subscriptions: Vec<SubscriptionConfig>,
    /// The groups API's switches (`[groups_api]`).
    #[serde(default)]
    pub groups_api: GroupsApiConfig,
    /// Settings and shouts of groups (`[[group_settings]]`).
    #[serde(default)]
    pub group_settings: Vec<GroupSettings>,
    /// Roles of groups (`[[group_roles]]`); a group without has a new group's four.
    #[serde(default)]
    pub group_roles: Vec<GroupRoleConfig>,
    /// Members of groups besides their owners (`[[group_members]]`).
    #[serde(default)]
    pub group_members: Vec<GroupMemberConfig>,
    /// Pending requests to join groups (`[[group_join_requests]]`).
    #[serde(default)]
    pub group_join_requests: Vec<GroupJoinRequestConfig>,
    /// Forum categories of groups, with posts and comments (`[[group_forum_categories]]`).
    #[serde(default)]
    pub group_forum_categories: Vec<ForumCategoryConfig>,
    /// Profiles of users (`[[user_profiles]]`); a user without one has the defaults.
    #[serde(default)]
    pub user_profiles: Vec<UserProfileConfig>,
    /// Asset quotas of users (`[[asset_quotas]]`).
    #[serde(default)]
    pub asset_quotas: Vec<AssetQuotaConfig>,
    /// The users API's behaviour (`[users_api]`).
    #[serde(default)]
    pub users_api: UsersApiConfig,
    /// Items of users' inventories (`[[inventory_items]]`).
    #[serde(default)]
    pub inventory_items: Vec<InventoryItemConfig>,
    /// The inventory API's settings (`[inventory]`).
    #[serde(default)]
    pub inventory: InventoryConfig,
    /// The user notifications API's behaviour (`[notifications]`).
    #[serde(default)]
    pub notifications: NotificationsConfig,
    /// Memory stores' quotas, answer forms and seeded items (`[memory_stores]`).
    #[serde(default)]
    pub memory_stores: MemoryStoresConfig,
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
            data_store_entries: Vec::new(),
            ordered_data_store_entries: Vec::new(),
            ordered_datastores: OrderedDataStoresConfig::default(),
            faults: Vec::new(),
            assets: AssetsConfig::default(),
            oauth2_apps: vec![OAuth2AppConfig::default_app()],
            webhooks: Vec::new(),
            messaging: MessagingConfig::default(),
            luau_execution: LuauExecutionConfig::default(),
            request_log: LogLimits::default(),
            server: ServerConfig::default(),
            oauth2: OAuth2Config::default(),
            datastores: DataStoresConfig::default(),
            user_restrictions: UserRestrictionsConfig::default(),
            universe_settings: Vec::new(),
            place_settings: Vec::new(),
            universes_api: UniversesApiConfig::default(),
            place_instances: Vec::new(),
            instances: InstancesConfig::default(),
            subscriptions: Vec::new(),
            groups_api: GroupsApiConfig::default(),
            group_settings: Vec::new(),
            group_roles: Vec::new(),
            group_members: Vec::new(),
            group_join_requests: Vec::new(),
            group_forum_categories: Vec::new(),
            user_profiles: Vec::new(),
            asset_quotas: Vec::new(),
            users_api: UsersApiConfig::default(),
            inventory_items: Vec::new(),
            inventory: InventoryConfig::default(),
            notifications: NotificationsConfig::default(),
            memory_stores: MemoryStoresConfig::default(),
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
            data_store_entries: Vec::new(),
            ordered_data_store_entries: Vec::new(),
            ordered_datastores: OrderedDataStoresConfig::default(),
            faults: Vec::new(),
            assets: AssetsConfig::default(),
            oauth2_apps: Vec::new(),
            webhooks: Vec::new(),
            messaging: MessagingConfig::default(),
            luau_execution: LuauExecutionConfig::default(),
            request_log: LogLimits::default(),
            server: ServerConfig::default(),
            oauth2: OAuth2Config::default(),
            datastores: DataStoresConfig::default(),
            user_restrictions: UserRestrictionsConfig::default(),
            universe_settings: Vec::new(),
            place_settings: Vec::new(),
            universes_api: UniversesApiConfig::default(),
            place_instances: Vec::new(),
            instances: InstancesConfig::default(),
            subscriptions: Vec::new(),
            groups_api: GroupsApiConfig::default(),
            group_settings: Vec::new(),
            group_roles: Vec::new(),
            group_members: Vec::new(),
            group_join_requests: Vec::new(),
            group_forum_categories: Vec::new(),
            user_profiles: Vec::new(),
            asset_quotas: Vec::new(),
            users_api: UsersApiConfig::default(),
            inventory_items: Vec::new(),
            inventory: InventoryConfig::default(),
            notifications: NotificationsConfig::default(),
            memory_stores: MemoryStoresConfig::default(),
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
    /// user or group, and that every fault names one of `route_names` (or `*`) with
    /// sensible numbers. The route names are handed in, so the configuration knows no
    /// route table.
    pub(crate) fn check(&self, route_names: &[&str]) -> Result<(), EmulatorError> {
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
        for entry in &self.data_store_entries {
            if entry.data_store.is_empty() || entry.key.is_empty() {
                return invalid(format!(
                    "a data store entry of universe {} has no data store name or no key",
                    entry.universe
                ));
            }
        }
        for entry in &self.ordered_data_store_entries {
            if entry.data_store.is_empty() || entry.id.is_empty() {
                return invalid(format!(
                    "an ordered data store entry of universe {} has no data store name or no id",
                    entry.universe
                ));
            }
        }
        for asset in &self.assets.existing {
            if !owner_known(&asset.creator) {
                return invalid(format!(
                    "asset {:?} is owned by {}, which is not declared",
                    asset.display_name, asset.creator
                ));
            }
        }
        for restriction in &self.user_restrictions.existing {
            if restriction.universe == 0 || restriction.user == 0 || restriction.place == Some(0) {
                return invalid(format!(
                    "a user restriction of universe {} names a zero id",
                    restriction.universe
                ));
            }
            let places = self
                .universes
                .iter()
                .find(|u| u.id == restriction.universe)
                .map(|u| &u.places);
            if let (Some(place), Some(places)) = (restriction.place, places) {
                if !places.contains(&place) {
                    return invalid(format!(
                        "a user restriction names place {place}, which universe {} does not have",
                        restriction.universe
                    ));
                }
            }
            if restriction
                .duration_secs
                .is_some_and(|secs| secs == 0 || secs > 315_576_000_000)
            {
                return invalid(format!(
                    "the user restriction of user {} lasts outside 1..=315576000000 seconds",
                    restriction.user
                ));
            }
        }
        self.check_universe_settings()?;
        crate::areas::instances::check(&self.place_instances).map_err(EmulatorError::Config)?;
        for subscription in &self.subscriptions {
            if let Some(problem) = subscription.problem() {
                return invalid(format!(
                    "the subscription of user {} to {}: {problem}",
                    subscription.user, subscription.product
                ));
            }
        }
        crate::areas::groups::check(self.groups_seed(), &self.groups)
            .map_err(EmulatorError::Config)?;
        let user_ids: Vec<u64> = users.iter().copied().collect();
        crate::areas::users::check(&user_ids, &self.user_profiles, &self.asset_quotas)
            .map_err(EmulatorError::Config)?;
        crate::areas::inventory::check(&user_ids, &self.inventory, &self.inventory_items)
            .map_err(EmulatorError::Config)?;
        for fault in &self.faults {
            fault.check(route_names)?;
        }
        for webhook in &self.webhooks {
            webhook.validate()?;
        }
        self.server.check()?;
        Ok(())
    }
}

impl Config {
    /// The groups API's part of the configuration, together.
    pub(crate) fn groups_seed(&self) -> GroupsSeed<'_> {
        GroupsSeed {
            api: &self.groups_api,
            settings: &self.group_settings,
            roles: &self.group_roles,
            members: &self.group_members,
            join_requests: &self.group_join_requests,
            forum: &self.group_forum_categories,
        }
    }

    /// Checks that universe and place settings name declared universes and places, once
    /// each, with known enum values.
    fn check_universe_settings(&self) -> Result<(), EmulatorError> {
        let invalid = |message: String| Err(EmulatorError::Config(message));
        unique(
            "universe_settings universe",
            self.universe_settings.iter().map(|s| s.universe),
        )?;
        unique(
            "place_settings place",
            self.place_settings.iter().map(|s| s.place),
        )?;
        let places_of = |universe: u64| {
            self.universes
                .iter()
                .find(|u| u.id == universe)
                .map(|u| u.places.clone())
        };
        for settings in &self.universe_settings {
            if places_of(settings.universe).is_none() {
                return invalid(format!(
                    "universe_settings names universe {}, which is not declared",
                    settings.universe
                ));
            }
            if !["PUBLIC", "PRIVATE"].contains(&settings.visibility.as_str()) {
                return invalid(format!(
                    "universe_settings of universe {}: visibility must be PUBLIC or PRIVATE",
                    settings.universe
                ));
            }
            let ratings = [
                "AGE_RATING_UNSPECIFIED",
                "AGE_RATING_ALL",
                "AGE_RATING_9_PLUS",
                "AGE_RATING_13_PLUS",
                "AGE_RATING_17_PLUS",
            ];
            if !ratings.contains(&settings.age_rating.as_str()) {
                return invalid(format!(
                    "universe_settings of universe {}: age_rating must be one of {}",
                    settings.universe,
                    ratings.join(", ")
                ));
            }
        }
        for settings in &self.place_settings {
            if !places_of(settings.universe).is_some_and(|p| p.contains(&settings.place)) {
                return invalid(format!(
                    "place_settings names place {} of universe {}, which is not declared",
                    settings.place, settings.universe
                ));
            }
            if settings.server_size == 0 {
                return invalid(format!(
                    "place_settings of place {}: server_size must be above 0",
                    settings.place
                ));
            }
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
