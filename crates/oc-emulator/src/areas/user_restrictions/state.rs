//! What the user-restriction routes keep: each level's restrictions (a universe, or one
//! of its places), a bounded log per universe, the idempotency keys of recent updates,
//! and the recent updates of each user (for the two-per-minute limit).

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::Mutex;

use serde_json::Value;
use time::{Duration, OffsetDateTime};

use super::config::{LogIds, UserRestrictionsConfig};
use crate::sync::lock;

/// A universe, or one of its places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Level {
    /// The universe.
    pub universe: u64,
    /// The place, for a place's restrictions.
    pub place: Option<u64>,
}

/// One user's restriction at one level, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Record {
    /// The order users were first restricted in at this level (lists follow it).
    pub seq: u64,
    /// Whether the restriction was written active.
    pub active: bool,
    /// When it was last written active.
    pub start_time: Option<OffsetDateTime>,
    /// How long it lasts; `None` is permanent.
    pub duration: Option<Duration>,
    /// The reason kept for moderators.
    pub private_reason: String,
    /// The reason shown to the user.
    pub display_reason: String,
    /// Whether alternate accounts are left unrestricted.
    pub exclude_alt_accounts: bool,
    /// When it was last written.
    pub update_time: Option<OffsetDateTime>,
}

impl Record {
    /// Whether the restriction holds at `now`: written active, and its duration (if any)
    /// not yet over. Expiry is computed when asked, never stored; an end beyond the last
    /// representable time (a 10,000-year ban) never comes.
    pub fn active_at(&self, now: OffsetDateTime) -> bool {
        self.active
            && match (self.start_time, self.duration) {
                (Some(start), Some(duration)) => {
                    start.checked_add(duration).is_none_or(|end| end > now)
                }
                _ => true,
            }
    }
}

/// The fields of a write (an update or a seed).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Write {
    /// Whether the user is restricted.
    pub active: bool,
    /// How long; `None` is permanent.
    pub duration: Option<Duration>,
    /// The reason kept for moderators.
    pub private_reason: String,
    /// The reason shown to the user.
    pub display_reason: String,
    /// Whether alternate accounts are left unrestricted.
    pub exclude_alt_accounts: bool,
}

/// Who made a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Moderator {
    /// A Roblox user (the API key's owner, or the OAuth token's user).
    User(u64),
}

/// One change, as the log keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LogEntry {
    /// The order of changes in the universe.
    pub seq: u64,
    /// The user whose restriction changed.
    pub user: u64,
    /// The place, for a place's restriction.
    pub place: Option<u64>,
    /// Who made it.
    pub moderator: Moderator,
    /// When.
    pub create_time: OffsetDateTime,
    /// What was written.
    pub write: Write,
    /// The start time written.
    pub start_time: Option<OffsetDateTime>,
}

/// An update answered once, for a repeat with the same idempotency key.
#[derive(Debug, Clone)]
pub(crate) struct Remembered {
    /// The request it answered (mask and body), to refuse a reuse with another request.
    pub fingerprint: String,
    /// The answer.
    pub answer: Value,
    /// When it was answered.
    pub at: OffsetDateTime,
}

/// An idempotency key: the restriction it was sent for, and the key.
pub(crate) type KeyId = (Level, u64, String);

/// Every user restriction of the emulator.
#[derive(Debug)]
pub(crate) struct Restrictions {
    /// The bounds and the log's id form.
    pub config: UserRestrictionsConfig,
    inner: Mutex<Inner>,
}

impl Default for Restrictions {
    fn default() -> Self {
        Restrictions::new(&UserRestrictionsConfig::default())
    }
}

#[derive(Debug, Default)]
struct Inner {
    levels: HashMap<Level, BTreeMap<u64, Record>>,
    count: usize,
    next_seq: u64,
    logs: HashMap<u64, VecDeque<LogEntry>>,
    keys: HashMap<KeyId, Remembered>,
    key_order: VecDeque<KeyId>,
    updates: HashMap<(u64, u64), VecDeque<OffsetDateTime>>,
}

/// Why a write was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refused {
    /// `max_restrictions` is reached.
    Full,
}

impl Restrictions {
    /// An empty store bounded by `config`.
    pub fn new(config: &UserRestrictionsConfig) -> Self {
        Restrictions {
            config: UserRestrictionsConfig {
                existing: Vec::new(),
                ..config.clone()
            },
            inner: Mutex::new(Inner::default()),
        }
    }

    /// How the log writes ids.
    pub fn log_ids(&self) -> LogIds {
        self.config.log_ids
    }

    /// The record of `user` at `level`, if it was ever written.
    pub fn record(&self, level: Level, user: u64) -> Option<Record> {
        lock(&self.inner)
            .levels
            .get(&level)
            .and_then(|records| records.get(&user))
            .cloned()
    }

    /// The records of `level`, first restricted first.
    pub fn records(&self, level: Level) -> Vec<(u64, Record)> {
        let inner = lock(&self.inner);
        let mut records: Vec<(u64, Record)> = inner
            .levels
            .get(&level)
            .map(|records| records.iter().map(|(u, r)| (*u, r.clone())).collect())
            .unwrap_or_default();
        records.sort_by_key(|(_, record)| record.seq);
        records
    }

    /// Writes `user`'s restriction at `level` at `now`, and logs it when `moderator` is
    /// given (a seed is not logged).
    pub fn write(
        &self,
        level: Level,
        user: u64,
        write: Write,
        now: OffsetDateTime,
        moderator: Option<Moderator>,
    ) -> Result<Record, Refused> {
        let mut inner = lock(&self.inner);
        let inner = &mut *inner;
        let exists = inner
            .levels
            .get(&level)
            .is_some_and(|records| records.contains_key(&user));
        if !exists && inner.count >= self.config.max_restrictions {
            return Err(Refused::Full);
        }
        inner.next_seq += 1;
        let seq = inner.next_seq;
        let records = inner.levels.entry(level).or_default();
        let previous = records.get(&user).cloned();
        let start_time = if write.active {
            Some(now)
        } else {
            previous.as_ref().and_then(|p| p.start_time)
        };
        let record = Record {
            seq: previous.as_ref().map_or(seq, |p| p.seq),
            active: write.active,
            start_time,
            duration: write.duration,
            private_reason: write.private_reason.clone(),
            display_reason: write.display_reason.clone(),
            exclude_alt_accounts: write.exclude_alt_accounts,
            update_time: Some(now),
        };
        records.insert(user, record.clone());
        if previous.is_none() {
            inner.count += 1;
        }
        if let Some(moderator) = moderator {
            let log = inner.logs.entry(level.universe).or_default();
            log.push_back(LogEntry {
                seq,
                user,
                place: level.place,
                moderator,
                create_time: now,
                write,
                start_time: record.start_time.filter(|_| record.active),
            });
            while log.len() > self.config.max_logs_per_universe {
                log.pop_front();
            }
        }
        Ok(record)
    }

    /// The log of `universe`, newest first.
    pub fn logs(&self, universe: u64) -> Vec<LogEntry> {
        lock(&self.inner)
            .logs
            .get(&universe)
            .map(|log| log.iter().rev().cloned().collect())
            .unwrap_or_default()
    }

    /// The remembered answer to `key`, unless it is older than the key lifetime at `now`.
    pub fn remembered(&self, key: &KeyId, now: OffsetDateTime) -> Option<Remembered> {
        let mut inner = lock(&self.inner);
        let remembered = inner.keys.get(key)?.clone();
        if now - remembered.at > self.key_lifetime() {
            inner.keys.remove(key);
            return None;
        }
        Some(remembered)
    }

    /// Remembers the answer to `key`, forgetting the oldest keys beyond the bound.
    pub fn remember(&self, key: KeyId, remembered: Remembered) {
        let mut inner = lock(&self.inner);
        if inner.keys.insert(key.clone(), remembered).is_none() {
            inner.key_order.push_back(key);
        }
        while inner.keys.len() > self.config.max_idempotency_keys {
            match inner.key_order.pop_front() {
                Some(oldest) => {
                    inner.keys.remove(&oldest);
                }
                None => break,
            }
        }
        // Keys removed when they expired leave their place in the order behind.
        if inner.key_order.len() > inner.keys.len().saturating_mul(2) + 64 {
            let Inner {
                keys, key_order, ..
            } = &mut *inner;
            key_order.retain(|k| keys.contains_key(k));
        }
    }

    /// How long idempotency keys are remembered.
    pub fn key_lifetime(&self) -> Duration {
        Duration::seconds(
            i64::try_from(self.config.idempotency_key_lifetime_secs).unwrap_or(i64::MAX),
        )
    }

    /// Counts an update of `user` in `universe` at `now` against `per_minute` updates
    /// in any minute; when over, nothing is counted and the wait until one is allowed is
    /// returned.
    pub fn count_update(
        &self,
        universe: u64,
        user: u64,
        per_minute: u32,
        now: OffsetDateTime,
    ) -> Result<(), Duration> {
        let minute = Duration::minutes(1);
        let mut inner = lock(&self.inner);
        if inner.updates.len() > 4096 {
            inner
                .updates
                .retain(|_, times| times.back().is_some_and(|t| now - *t < minute));
        }
        let times = inner.updates.entry((universe, user)).or_default();
        while times.front().is_some_and(|t| now - *t >= minute) {
            times.pop_front();
        }
        if times.len() >= per_minute as usize {
            let wait = times.front().map_or(minute, |first| *first + minute - now);
            return Err(wait);
        }
        times.push_back(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(1_700_000_000 + secs)
            .unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }

    const LEVEL: Level = Level {
        universe: 1,
        place: None,
    };

    #[test]
    fn a_ban_expires_after_its_duration_and_a_rewrite_restarts_it() {
        let store = Restrictions::default();
        let ban = Write {
            active: true,
            duration: Some(Duration::seconds(60)),
            ..Write::default()
        };
        let record = store.write(LEVEL, 7, ban.clone(), at(0), None);
        assert!(record.as_ref().is_ok_and(|r| r.active_at(at(59))));
        assert!(record.as_ref().is_ok_and(|r| !r.active_at(at(60))));
        let again = store.write(LEVEL, 7, ban, at(100), None);
        assert!(again.as_ref().is_ok_and(|r| r.active_at(at(159))));
        assert_eq!(again.map(|r| r.seq).ok(), record.map(|r| r.seq).ok());
        assert!(store.logs(1).is_empty(), "seeds are not logged");
        let forever = Write {
            active: true,
            duration: Some(Duration::seconds(315_576_000_000)),
            ..Write::default()
        };
        let record = store.write(LEVEL, 8, forever, at(0), None);
        assert!(record.is_ok_and(|r| r.active_at(at(1_000_000_000))));
    }

    #[test]
    fn the_log_and_the_keys_are_bounded() {
        let store = Restrictions::new(&UserRestrictionsConfig {
            max_logs_per_universe: 3,
            max_idempotency_keys: 2,
            max_restrictions: 4,
            ..UserRestrictionsConfig::default()
        });
        for user in 1..=4 {
            let written = store.write(
                LEVEL,
                user,
                Write::default(),
                at(0),
                Some(Moderator::User(9)),
            );
            assert!(written.is_ok());
        }
        let users: Vec<u64> = store.logs(1).iter().map(|l| l.user).collect();
        assert_eq!(users, [4, 3, 2], "newest first, oldest dropped");
        assert_eq!(
            store.write(LEVEL, 5, Write::default(), at(0), None),
            Err(Refused::Full)
        );
        assert!(store.write(LEVEL, 4, Write::default(), at(0), None).is_ok());
        for key in ["a", "b", "c"] {
            store.remember(
                (LEVEL, 1, key.into()),
                Remembered {
                    fingerprint: String::new(),
                    answer: Value::Null,
                    at: at(0),
                },
            );
        }
        assert!(store.remembered(&(LEVEL, 1, "a".into()), at(0)).is_none());
        assert!(store.remembered(&(LEVEL, 1, "c".into()), at(0)).is_some());
        assert!(store
            .remembered(&(LEVEL, 1, "c".into()), at(86_401))
            .is_none());
    }

    #[test]
    fn two_updates_of_a_user_per_minute() {
        let store = Restrictions::default();
        assert!(store.count_update(1, 7, 2, at(0)).is_ok());
        assert!(store.count_update(1, 7, 2, at(10)).is_ok());
        assert_eq!(
            store.count_update(1, 7, 2, at(20)),
            Err(Duration::seconds(40))
        );
        assert!(store.count_update(1, 8, 2, at(20)).is_ok());
        assert!(store.count_update(1, 7, 2, at(60)).is_ok());
    }
}
