//! The [`EmulatorHandle`]'s view of user restrictions: seed one, read one as the service
//! would answer it now, read a universe's log.

use std::time::Duration;

use time::OffsetDateTime;

use super::config::UserRestrictionConfig;
use super::state::{Level, Moderator, Restrictions, Write};
use crate::gateway::EmulatorHandle;
use crate::world::{Owner, UniverseConfig, World};

/// A user's restriction as the emulator holds it, read at the emulator's current time.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UserRestrictionState {
    /// Whether it holds now (written active and not expired; a place's own restriction
    /// only, not the universe's it may inherit).
    pub active: bool,
    /// Whether it was written active (an expired ban keeps `true` here).
    pub written_active: bool,
    /// When it was last written active.
    pub start_time: Option<OffsetDateTime>,
    /// Its length; `None` is permanent.
    pub duration: Option<Duration>,
    /// The reason shown to the user.
    pub display_reason: String,
    /// The reason kept for moderators.
    pub private_reason: String,
    /// Whether alternate accounts are left unrestricted.
    pub exclude_alt_accounts: bool,
    /// When it was last written.
    pub update_time: Option<OffsetDateTime>,
}

/// One change in a universe's restriction log.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UserRestrictionLogRecord {
    /// The user whose restriction changed.
    pub user: u64,
    /// The place, for a place's restriction.
    pub place: Option<u64>,
    /// The user who made the change (the credential's user).
    pub moderator: u64,
    /// When it was made.
    pub create_time: OffsetDateTime,
    /// Whether it restricted the user.
    pub active: bool,
    /// Its length; `None` is permanent.
    pub duration: Option<Duration>,
    /// The reason shown to the user.
    pub display_reason: String,
    /// The reason kept for moderators.
    pub private_reason: String,
}

fn std_duration(duration: time::Duration) -> Duration {
    Duration::try_from(duration).unwrap_or_default()
}

/// Writes a configured restriction into `store` at `now`, unlogged.
pub(crate) fn seed_one(store: &Restrictions, seed: &UserRestrictionConfig, now: OffsetDateTime) {
    let write = Write {
        active: seed.active,
        duration: seed
            .duration_secs
            .map(|secs| time::Duration::seconds(i64::try_from(secs).unwrap_or(i64::MAX))),
        private_reason: seed.private_reason.clone(),
        display_reason: seed.display_reason.clone(),
        exclude_alt_accounts: seed.exclude_alt_accounts,
    };
    let level = Level {
        universe: seed.universe,
        place: seed.place,
    };
    // A seed beyond `max_restrictions` is dropped, as a request would be refused.
    let _ = store.write(level, seed.user, write, now, None);
}

/// Makes the universe of a seeded restriction exist, with its place when it names one
/// that no universe has.
pub(crate) fn ensure_level(world: &World, seed: &UserRestrictionConfig) {
    match seed.place {
        Some(place) if world.universe_of_place(place).is_none() => {
            world.add_universe(&UniverseConfig {
                id: seed.universe,
                places: vec![place],
                owner: Owner::User(world.firsts().user),
            });
        }
        _ => world.ensure_universe(seed.universe),
    }
}

impl EmulatorHandle {
    /// Sets a user's restriction (created or replaced) as of the emulator's current time,
    /// creating its universe when unknown (and adding a seeded place to it). No log entry
    /// is written.
    pub fn set_user_restriction(&self, restriction: &UserRestrictionConfig) {
        let state = self.state();
        ensure_level(&state.world, restriction);
        let now = state.clock.now_utc();
        seed_one(&state.area::<Restrictions>(), restriction, now);
    }

    /// User `user`'s restriction in `universe` (or its place `place`) as it stands now,
    /// or `None` when it was never written.
    pub fn user_restriction(
        &self,
        universe: u64,
        place: Option<u64>,
        user: u64,
    ) -> Option<UserRestrictionState> {
        let state = self.state();
        let now = state.clock.now_utc();
        let record = state
            .area::<Restrictions>()
            .record(Level { universe, place }, user)?;
        Some(UserRestrictionState {
            active: record.active_at(now),
            written_active: record.active,
            start_time: record.start_time,
            duration: record.duration.map(std_duration),
            display_reason: record.display_reason,
            private_reason: record.private_reason,
            exclude_alt_accounts: record.exclude_alt_accounts,
            update_time: record.update_time,
        })
    }

    /// The restriction log of `universe` (its places' changes included), newest first: the
    /// most recent `[user_restrictions] max_logs_per_universe` changes.
    pub fn user_restriction_logs(&self, universe: u64) -> Vec<UserRestrictionLogRecord> {
        self.state()
            .area::<Restrictions>()
            .logs(universe)
            .into_iter()
            .map(|entry| {
                let Moderator::User(moderator) = entry.moderator;
                UserRestrictionLogRecord {
                    user: entry.user,
                    place: entry.place,
                    moderator,
                    create_time: entry.create_time,
                    active: entry.write.active,
                    duration: entry.write.duration.map(std_duration),
                    display_reason: entry.write.display_reason,
                    private_reason: entry.write.private_reason,
                }
            })
            .collect()
    }
}
