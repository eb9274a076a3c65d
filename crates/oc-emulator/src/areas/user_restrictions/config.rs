//! User restrictions' part of the configuration: the store's bounds, how the log writes
//! ids, and the restrictions that exist at start.

use serde::Deserialize;

/// User restrictions' part of the configuration. In TOML, the `[user_restrictions]`
/// table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UserRestrictionsConfig {
    /// The most log entries kept per universe (10,000); the oldest are dropped.
    pub max_logs_per_universe: usize,
    /// The most restrictions kept in all (1,000,000); restricting one more user answers
    /// 429 `RESOURCE_EXHAUSTED`.
    pub max_restrictions: usize,
    /// How long an idempotency key is remembered, in seconds (86,400); a key first sent
    /// longer ago is refused with 400.
    pub idempotency_key_lifetime_secs: u64,
    /// The most idempotency keys remembered (100,000); the oldest are forgotten.
    pub max_idempotency_keys: usize,
    /// Whether the log writes `place` and `moderator.robloxUser` as bare ids (`"456"`, as
    /// the live service does) or as paths (`"places/456"`, as the reference shows).
    pub log_ids: LogIds,
    /// Restrictions that exist at start (`[[user_restrictions.existing]]`).
    pub existing: Vec<UserRestrictionConfig>,
}

impl Default for UserRestrictionsConfig {
    fn default() -> Self {
        UserRestrictionsConfig {
            max_logs_per_universe: 10_000,
            max_restrictions: 1_000_000,
            idempotency_key_lifetime_secs: 86_400,
            max_idempotency_keys: 100_000,
            log_ids: LogIds::Bare,
            existing: Vec::new(),
        }
    }
}

/// How the log writes the ids of places and moderators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LogIds {
    /// `"456"`: what the live service writes.
    #[default]
    Bare,
    /// `"places/456"`, `"users/156"`: what the reference's examples show.
    Paths,
}

/// A user's restriction, as seeded from the configuration
/// (`[[user_restrictions.existing]]`) or
/// [`EmulatorHandle::set_user_restriction`](crate::EmulatorHandle::set_user_restriction).
///
/// Seeding writes no log entry; the restriction starts at the emulator's current time.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserRestrictionConfig {
    /// The universe.
    pub universe: u64,
    /// The place, for a place's restriction; absent for the universe's.
    #[serde(default)]
    pub place: Option<u64>,
    /// The restricted user.
    pub user: u64,
    /// Whether the user is restricted (`true`).
    #[serde(default = "active")]
    pub active: bool,
    /// The restriction's length in whole seconds; absent is permanent.
    #[serde(default)]
    pub duration_secs: Option<u64>,
    /// The reason shown to the user.
    #[serde(default)]
    pub display_reason: String,
    /// The reason kept for moderators.
    #[serde(default)]
    pub private_reason: String,
    /// Whether alternate accounts are left unrestricted.
    #[serde(default)]
    pub exclude_alt_accounts: bool,
}

fn active() -> bool {
    true
}

impl UserRestrictionConfig {
    /// An active, permanent restriction of `user` from the whole of `universe`, with no
    /// reasons.
    pub fn ban(universe: u64, user: u64) -> Self {
        UserRestrictionConfig {
            universe,
            place: None,
            user,
            active: true,
            duration_secs: None,
            display_reason: String::new(),
            private_reason: String::new(),
            exclude_alt_accounts: false,
        }
    }

    /// The same restriction, from `place` only.
    pub fn in_place(mut self, place: u64) -> Self {
        self.place = Some(place);
        self
    }

    /// The same restriction, lasting `secs` seconds.
    pub fn for_secs(mut self, secs: u64) -> Self {
        self.duration_secs = Some(secs);
        self
    }
}
