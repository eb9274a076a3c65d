//! The simulated world: universes and their places, users, groups, API keys and OAuth
//! tokens. Requests are checked against it; every part of it can be seeded from the
//! configuration and, while the emulator runs, from the handle.

mod config;
mod credential;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex, RwLock};

pub use config::{
    ApiKeyConfig, Grant, GroupConfig, OAuthTokenConfig, Owner, UniverseConfig, UniverseSelector,
    UserConfig, DEFAULT_API_KEY, DEFAULT_GROUP_ID, DEFAULT_PLACE_ID, DEFAULT_UNIVERSE_ID,
    DEFAULT_USER_ID,
};
pub(crate) use credential::{Credential, TokenSource};

use crate::sync::lock;

/// The ids the handle's accessors return: the first of each in the configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Firsts {
    pub api_key: String,
    pub universe: u64,
    pub place: u64,
    pub user: u64,
    pub group: u64,
}

/// What the world is made of at start.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WorldSeed<'a> {
    pub universes: &'a [UniverseConfig],
    pub users: &'a [UserConfig],
    pub groups: &'a [GroupConfig],
    pub api_keys: &'a [ApiKeyConfig],
    pub oauth_tokens: &'a [OAuthTokenConfig],
}

#[derive(Debug, Default)]
struct Directory {
    /// Universes, with their places.
    universes: BTreeMap<u64, Vec<u64>>,
    /// The universe of each place.
    place_universes: HashMap<u64, u64>,
    /// The owner of each universe that has a declared one.
    universe_owners: HashMap<u64, Owner>,
    users: BTreeMap<u64, UserConfig>,
    groups: BTreeMap<u64, GroupConfig>,
    api_keys: HashMap<String, Arc<Credential>>,
    oauth_tokens: HashMap<String, Arc<Credential>>,
}

/// Everything requests are checked against.
#[derive(Debug)]
pub(crate) struct World {
    directory: RwLock<Directory>,
    firsts: Firsts,
    /// Token issuers asked after the static tokens (the OAuth 2.0 provider).
    token_sources: Mutex<Vec<Arc<dyn TokenSource>>>,
}

impl World {
    /// The world of a (validated) configuration.
    pub fn new(seed: WorldSeed<'_>) -> Self {
        let first_universe = seed.universes.first();
        let firsts = Firsts {
            api_key: seed
                .api_keys
                .first()
                .map(|k| k.key.clone())
                .unwrap_or_default(),
            universe: first_universe.map_or(0, |u| u.id),
            place: first_universe
                .and_then(|u| u.places.first().copied())
                .unwrap_or(0),
            user: seed.users.first().map_or(0, |u| u.id),
            group: seed.groups.first().map_or(0, |g| g.id),
        };
        let world = World {
            directory: RwLock::new(Directory::default()),
            firsts,
            token_sources: Mutex::new(Vec::new()),
        };
        for universe in seed.universes {
            world.add_universe(universe);
        }
        for user in seed.users {
            world.add_user(user.clone());
        }
        for group in seed.groups {
            world.add_group(group.clone());
        }
        for key in seed.api_keys {
            world.add_api_key(key);
        }
        for token in seed.oauth_tokens {
            world.add_oauth_token(token);
        }
        world
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Directory> {
        self.directory
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Directory> {
        self.directory
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The ids the handle reports.
    pub fn firsts(&self) -> &Firsts {
        &self.firsts
    }

    /// Adds a universe with its places (its places are added to an existing one).
    pub fn add_universe(&self, universe: &UniverseConfig) {
        let mut directory = self.write();
        directory
            .universe_owners
            .insert(universe.id, universe.owner);
        for place in &universe.places {
            directory.place_universes.insert(*place, universe.id);
        }
        let places = directory.universes.entry(universe.id).or_default();
        for place in &universe.places {
            if !places.contains(place) {
                places.push(*place);
            }
        }
    }

    /// Adds a user, replacing one with the same id.
    pub fn add_user(&self, user: UserConfig) {
        self.write().users.insert(user.id, user);
    }

    /// Adds a group, replacing one with the same id.
    pub fn add_group(&self, group: GroupConfig) {
        self.write().groups.insert(group.id, group);
    }

    /// Adds an API key, replacing one with the same secret.
    pub fn add_api_key(&self, key: &ApiKeyConfig) {
        let credential = Credential {
            owner: key.owner,
            pool: format!("owner:{}", key.owner),
            oauth: false,
            grants: key
                .grants
                .iter()
                .map(|g| (g.universe, g.scopes.clone()))
                .collect(),
        };
        self.write()
            .api_keys
            .insert(key.key.clone(), Arc::new(credential));
    }

    /// Adds a static OAuth access token, replacing one with the same value.
    pub fn add_oauth_token(&self, token: &OAuthTokenConfig) {
        let mut directory = self.write();
        let index = directory.oauth_tokens.len();
        let credential = Credential {
            owner: Owner::User(token.user),
            pool: format!("token:{index}"),
            oauth: true,
            grants: token
                .universes
                .iter()
                .map(|u| (*u, token.scopes.clone()))
                .collect(),
        };
        directory
            .oauth_tokens
            .insert(token.token.clone(), Arc::new(credential));
    }

    /// Adds an issuer of access tokens, asked after the static tokens.
    pub fn add_token_source(&self, source: Arc<dyn TokenSource>) {
        lock(&self.token_sources).push(source);
    }

    /// An API key.
    pub fn api_key(&self, key: &str) -> Option<Arc<Credential>> {
        self.read().api_keys.get(key).cloned()
    }

    /// An OAuth access token: a static one, or one a token source issued.
    pub fn oauth_token(&self, token: &str) -> Option<Arc<Credential>> {
        if let Some(found) = self.read().oauth_tokens.get(token).cloned() {
            return Some(found);
        }
        let sources = lock(&self.token_sources).clone();
        sources.iter().find_map(|source| source.credential(token))
    }

    /// Whether the universe exists.
    pub fn has_universe(&self, id: u64) -> bool {
        self.read().universes.contains_key(&id)
    }

    /// Adds a universe without places, unless it exists.
    pub fn ensure_universe(&self, id: u64) {
        self.write().universes.entry(id).or_default();
    }

    /// The owner of a universe, when it was declared with one.
    pub fn universe_owner(&self, id: u64) -> Option<Owner> {
        self.read().universe_owners.get(&id).copied()
    }

    /// The places of a universe, the start (root) place first; empty when unknown.
    pub fn places_of(&self, universe: u64) -> Vec<u64> {
        self.read()
            .universes
            .get(&universe)
            .cloned()
            .unwrap_or_default()
    }

    /// The universe a place belongs to.
    pub fn universe_of_place(&self, place: u64) -> Option<u64> {
        self.read().place_universes.get(&place).copied()
    }

    /// A user.
    pub fn user(&self, id: u64) -> Option<UserConfig> {
        self.read().users.get(&id).cloned()
    }

    /// The owner of a group.
    pub fn group_owner(&self, group: u64) -> Option<u64> {
        self.read().groups.get(&group).map(|g| g.owner)
    }

    /// The groups `user` owns.
    pub fn groups_of(&self, user: u64) -> Vec<u64> {
        self.read()
            .groups
            .values()
            .filter(|g| g.owner == user)
            .map(|g| g.id)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    }
}
