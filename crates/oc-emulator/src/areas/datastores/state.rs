//! What the standard data store routes keep: the data stores, and the entries with their
//! versions (tombstones included).

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use bytes::Bytes;

use super::config::{DataStoreEntryConfig, DataStoresConfig};
use crate::gateway::clock;
use crate::sync::lock;
use crate::world::World;

/// A standard data store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DataStore {
    /// When it was created, formatted as the service does.
    pub created_time: String,
    /// While deleted (data stores v2): when it is purged for good.
    pub expire_time: Option<SystemTime>,
}

/// The standard data stores and their entries.
#[derive(Debug, Default)]
pub(crate) struct DataStores {
    /// The area's configuration.
    pub config: DataStoresConfig,
    /// Standard data stores per universe, by name.
    pub stores: Mutex<BTreeMap<u64, BTreeMap<String, DataStore>>>,
    /// Standard data store entries with their versions.
    pub entries: Mutex<Entries>,
    /// The last snapshot of each universe's data stores (data stores v2).
    pub snapshots: Mutex<BTreeMap<u64, SystemTime>>,
}

impl DataStores {
    /// Creates a standard data store dated `now` (and its universe, if unknown); keeps an
    /// existing one.
    pub fn add_store(&self, world: &World, universe: u64, name: &str, now: SystemTime) {
        world.ensure_universe(universe);
        lock(&self.stores)
            .entry(universe)
            .or_default()
            .entry(name.to_owned())
            .or_insert_with(|| DataStore {
                created_time: clock::rfc3339(now),
                expire_time: None,
            });
    }

    /// Writes a new version of an entry (creating its data store), as a set does.
    pub fn seed_entry(&self, world: &World, seed: &DataStoreEntryConfig, now: SystemTime) {
        self.add_store(world, seed.universe, &seed.data_store, now);
        let path = EntryPath {
            universe: seed.universe,
            store: seed.data_store.clone(),
            scope: seed.scope.clone(),
            key: seed.key.clone(),
        };
        let value = Bytes::from(seed.value.to_string());
        let attributes = seed.attributes.as_ref().map(ToString::to_string);
        let user_ids = serde_json::to_string(&seed.user_ids).ok();
        lock(&self.entries).entry(path).or_default().write(
            now,
            Some(value),
            attributes,
            user_ids,
            self.config.max_versions_per_entry,
        );
    }

    /// Whether the universe has the data store.
    pub fn has_store(&self, universe: u64, name: &str) -> bool {
        lock(&self.stores)
            .get(&universe)
            .is_some_and(|stores| stores.contains_key(name))
    }
}

/// .NET `DateTime` ticks (100 ns since 0001-01-01 UTC) at the Unix epoch.
const EPOCH_TICKS: u64 = 621_355_968_000_000_000;

/// The .NET ticks of `time`.
pub(crate) fn ticks(time: SystemTime) -> u64 {
    let since = time.duration_since(UNIX_EPOCH).unwrap_or_default();
    EPOCH_TICKS + u64::try_from(since.as_nanos() / 100).unwrap_or(u64::MAX - EPOCH_TICKS)
}

/// The time of .NET `ticks`.
pub(crate) fn time_of_ticks(ticks: u64) -> SystemTime {
    let hundreds = ticks.saturating_sub(EPOCH_TICKS);
    UNIX_EPOCH + std::time::Duration::from_nanos(hundreds.saturating_mul(100))
}

/// Where a standard entry lives.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct EntryPath {
    /// The universe.
    pub universe: u64,
    /// The data store name.
    pub store: String,
    /// The scope.
    pub scope: String,
    /// The entry key.
    pub key: String,
}

/// One version of a standard entry.
#[derive(Debug, Clone)]
pub(crate) struct Version {
    /// `{objectCreatedTicks:016X}.{revision:010X}.{versionCreatedTicks:016X}.01` (inferred
    /// from decoded examples; the meaning of the `.01` suffix is unknown, it is constant in
    /// captures).
    pub id: String,
    /// When the version was written, in ticks.
    pub ticks: u64,
    /// When the entry (this life of it) was first written, in ticks.
    pub object_ticks: u64,
    /// The stored JSON; `None` for a tombstone.
    pub value: Option<Bytes>,
    /// `roblox-entry-attributes`, as stored.
    pub attributes: Option<String>,
    /// `roblox-entry-userids`, normalized to a JSON array.
    pub user_ids: Option<String>,
}

impl Version {
    /// Whether this version is a delete.
    pub fn deleted(&self) -> bool {
        self.value.is_none()
    }
}

/// A standard entry: every version, oldest first.
#[derive(Debug, Default)]
pub(crate) struct Entry {
    /// The versions, oldest first.
    pub versions: Vec<Version>,
    revision: u64,
}

impl Entry {
    /// The latest version, tombstone or not.
    pub fn latest(&self) -> Option<&Version> {
        self.versions.last()
    }

    /// The latest version when it is not a tombstone.
    pub fn current(&self) -> Option<&Version> {
        self.latest().filter(|v| !v.deleted())
    }

    /// Appends a version written at `now` (the emulator's clock; a tombstone when `value`
    /// is `None`), drops the oldest beyond
    /// `keep` (at least the new one is kept), and returns the new one.
    ///
    /// Every write mints a new version id, as captured responses show (inferred).
    pub fn write(
        &mut self,
        now: SystemTime,
        value: Option<Bytes>,
        attributes: Option<String>,
        user_ids: Option<String>,
        keep: usize,
    ) -> &Version {
        let now = ticks(now);
        let ticks = self.latest().map_or(now, |last| now.max(last.ticks + 1));
        let object_ticks = self.current().map_or(ticks, |v| v.object_ticks);
        self.revision += 1;
        let id = format!("{object_ticks:016X}.{:010X}.{ticks:016X}.01", self.revision);
        self.versions.push(Version {
            id,
            ticks,
            object_ticks,
            value,
            attributes,
            user_ids,
        });
        let excess = self.versions.len().saturating_sub(keep.max(1));
        self.versions.drain(..excess);
        let last = self.versions.len() - 1;
        &self.versions[last]
    }
}

/// Every standard entry of the emulator.
pub(crate) type Entries = BTreeMap<EntryPath, Entry>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_ids_follow_the_documented_format() {
        let mut entry = Entry::default();
        let first = entry
            .write(
                SystemTime::now(),
                Some(Bytes::from_static(b"1")),
                None,
                None,
                2,
            )
            .clone();
        let second = entry
            .write(
                SystemTime::now(),
                Some(Bytes::from_static(b"2")),
                None,
                None,
                2,
            )
            .clone();
        let parts: Vec<&str> = second.id.split('.').collect();
        assert_eq!(parts.len(), 4);
        assert_eq!(
            (parts[0].len(), parts[1].len(), parts[2].len()),
            (16, 10, 16)
        );
        assert_eq!(parts[1], "0000000002");
        assert_eq!(parts[3], "01");
        assert_eq!(first.object_ticks, second.object_ticks);
        assert!(second.ticks > first.ticks);
        entry.write(SystemTime::now(), None, None, None, 2);
        assert_eq!(entry.versions.len(), 2, "the oldest version is dropped");
        assert!(entry.current().is_none());
        let reborn = entry.write(
            SystemTime::now(),
            Some(Bytes::from_static(b"3")),
            None,
            None,
            2,
        );
        assert!(reborn.object_ticks > first.object_ticks);
        // 2022-02-02T23:30:06.5388799Z is 08D9E6A3F2188CFF (a decoded example).
        assert_eq!(
            format!("{:016X}", ticks(time_of_ticks(0x08D9_E6A3_F218_8CFF))),
            "08D9E6A3F2188CFF"
        );
    }
}
