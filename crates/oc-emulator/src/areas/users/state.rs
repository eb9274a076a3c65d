//! What the users API keeps: the profiles and asset quotas it was seeded with, when it
//! started (the creation time of a user without one), and the thumbnail operations.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::time::Duration;

use time::OffsetDateTime;

use super::config::{AssetQuotaConfig, UserProfileConfig, UsersApiConfig};
use crate::gateway::operations::{OperationLimits, OperationStore};
use crate::sync::lock;

/// The users API's state.
#[derive(Debug)]
pub(crate) struct UsersState {
    /// Profiles, by user; a user without one has [`UserProfileConfig::new`]'s.
    pub profiles: Mutex<HashMap<u64, UserProfileConfig>>,
    /// Asset quotas, by user, then by quota id.
    pub quotas: Mutex<HashMap<u64, BTreeMap<String, AssetQuotaConfig>>>,
    /// The thumbnail operations.
    pub thumbnails: OperationStore,
    /// When the area was seeded: the creation time of users seeded without one.
    pub started: OffsetDateTime,
}

impl Default for UsersState {
    fn default() -> Self {
        UsersState::new(&UsersApiConfig::default(), OffsetDateTime::UNIX_EPOCH)
    }
}

impl UsersState {
    /// An empty state.
    pub fn new(config: &UsersApiConfig, started: OffsetDateTime) -> Self {
        UsersState {
            profiles: Mutex::new(HashMap::new()),
            quotas: Mutex::new(HashMap::new()),
            thumbnails: OperationStore::new(OperationLimits {
                polls_until_done: config.thumbnail_polls_until_done,
                max_operations: config.max_operations,
                retention: Duration::from_secs(config.operation_retention_secs),
            }),
            started,
        }
    }

    /// Sets a profile (created or replaced).
    pub fn set_profile(&self, profile: &UserProfileConfig) {
        lock(&self.profiles).insert(profile.user, profile.clone());
    }

    /// A user's profile: the one set, or the defaults.
    pub fn profile(&self, user: u64) -> UserProfileConfig {
        lock(&self.profiles)
            .get(&user)
            .cloned()
            .unwrap_or_else(|| UserProfileConfig::new(user))
    }

    /// Sets an asset quota (replacing the one of the same type, asset type and period).
    pub fn set_quota(&self, quota: &AssetQuotaConfig) {
        lock(&self.quotas)
            .entry(quota.user)
            .or_default()
            .insert(quota.id(), quota.clone());
    }
}
