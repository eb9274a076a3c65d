//! The simulated world, built from the configuration: universes, API keys and OAuth tokens.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use crate::auth::Credential;
use crate::config::{Config, Owner};
use crate::oauth2_state::OAuth2Provider;
use crate::state::lock;

/// The ids the handle's accessors return: the first of each in the configuration, `0` (or
/// an empty key) when the configuration has none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Firsts {
    pub api_key: String,
    pub universe: u64,
    pub place: u64,
    pub user: u64,
    pub group: u64,
}

/// Everything the configuration declares that requests are checked against.
#[derive(Debug)]
pub(crate) struct World {
    universes: Mutex<BTreeSet<u64>>,
    api_keys: HashMap<String, Arc<Credential>>,
    oauth_tokens: HashMap<String, Arc<Credential>>,
    firsts: Firsts,
    /// The OAuth 2.0 provider, whose access tokens count after the static ones.
    pub oauth2: OAuth2Provider,
}

impl World {
    /// The world of a (validated) configuration.
    pub fn new(config: &Config) -> Self {
        let api_keys = config
            .api_keys
            .iter()
            .map(|k| {
                let credential = Credential {
                    owner: k.owner,
                    pool: format!("owner:{}", k.owner),
                    grants: k
                        .grants
                        .iter()
                        .map(|g| (g.universe, g.scopes.clone()))
                        .collect(),
                };
                (k.key.clone(), Arc::new(credential))
            })
            .collect();
        let oauth_tokens = config
            .oauth_tokens
            .iter()
            .enumerate()
            .map(|(index, t)| {
                let credential = Credential {
                    owner: Owner::User(t.user),
                    pool: format!("token:{index}"),
                    grants: t.universes.iter().map(|u| (*u, t.scopes.clone())).collect(),
                };
                (t.token.clone(), Arc::new(credential))
            })
            .collect();
        let first_universe = config.universes.first();
        let firsts = Firsts {
            api_key: config
                .api_keys
                .first()
                .map(|k| k.key.clone())
                .unwrap_or_default(),
            universe: first_universe.map_or(0, |u| u.id),
            place: first_universe
                .and_then(|u| u.places.first().copied())
                .unwrap_or(0),
            user: config.users.first().map_or(0, |u| u.id),
            group: config.groups.first().map_or(0, |g| g.id),
        };
        World {
            universes: Mutex::new(config.universes.iter().map(|u| u.id).collect()),
            api_keys,
            oauth_tokens,
            firsts,
            oauth2: OAuth2Provider::new(config),
        }
    }

    /// The ids the handle reports.
    pub fn firsts(&self) -> &Firsts {
        &self.firsts
    }

    /// An API key.
    pub fn api_key(&self, key: &str) -> Option<Arc<Credential>> {
        self.api_keys.get(key).cloned()
    }

    /// An OAuth access token.
    pub fn oauth_token(&self, token: &str) -> Option<Arc<Credential>> {
        self.oauth_tokens
            .get(token)
            .cloned()
            .or_else(|| self.oauth2.credential(token))
    }

    /// Whether the universe exists.
    pub fn has_universe(&self, id: u64) -> bool {
        lock(&self.universes).contains(&id)
    }

    /// Adds a universe, unless it exists.
    pub fn ensure_universe(&self, id: u64) {
        lock(&self.universes).insert(id);
    }
}
