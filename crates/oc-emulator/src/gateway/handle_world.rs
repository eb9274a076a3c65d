//! The [`EmulatorHandle`]'s seeding of the world while the emulator runs: universes and
//! places, users, groups, API keys and static OAuth tokens. Owners are not checked
//! against the world, as they are in a configuration: a test seeds what it needs.

use crate::gateway::EmulatorHandle;
use crate::world::{ApiKeyConfig, GroupConfig, OAuthTokenConfig, UniverseConfig, UserConfig};

impl EmulatorHandle {
    /// Adds a universe with its places (places are added to an existing universe).
    pub fn add_universe(&self, universe: &UniverseConfig) {
        self.state().world.add_universe(universe);
    }

    /// Adds a user, replacing one with the same id.
    pub fn add_user(&self, user: UserConfig) {
        self.state().world.add_user(user);
    }

    /// Adds a group, replacing one with the same id.
    pub fn add_group(&self, group: GroupConfig) {
        self.state().world.add_group(group);
    }

    /// Adds an API key, replacing one with the same secret.
    pub fn add_api_key(&self, key: &ApiKeyConfig) {
        self.state().world.add_api_key(key);
    }

    /// Adds a static OAuth access token, replacing one with the same value.
    pub fn add_oauth_token(&self, token: &OAuthTokenConfig) {
        self.state().world.add_oauth_token(token);
    }
}
