//! What the memory-store routes keep: per universe and scope (LIVE, TEST), its queues and
//! sorted maps; the queue reads that can still discard their items; the request units
//! spent in the current minute; the flush operations.
//!
//! Expired items are removed lazily, when their structure is next touched (and across the
//! universe when the memory quota would otherwise refuse a write).

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::sync::Mutex;
use std::time::Duration as StdDuration;

use serde_json::Value;
use time::{Duration, OffsetDateTime};

use super::config::{MemoryStoreScope, MemoryStoresConfig};
use crate::gateway::operations::{OperationLimits, OperationStore};
use crate::gateway::v2_codes::{V2Code, V2Error};
use crate::sync::lock;

/// A universe's data in one scope.
pub(crate) type SpaceKey = (u64, MemoryStoreScope);

/// A sorted-map item's sort key.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum SortKey {
    /// A number.
    Numeric(f64),
    /// A string.
    String(String),
    /// None.
    None,
}

impl SortKey {
    /// The bytes it counts for in the memory quota (inferred: the service counts keys,
    /// values and sort keys, but not how; a number counts 8).
    fn bytes(&self) -> u64 {
        match self {
            SortKey::Numeric(_) => 8,
            SortKey::String(text) => text.len() as u64,
            SortKey::None => 0,
        }
    }
}

/// A queue item.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct QueueItem {
    /// Its id (32 hex digits).
    pub id: String,
    /// Its data.
    pub data: Value,
    /// Its priority.
    pub priority: f64,
    /// When it expires.
    pub expire: OffsetDateTime,
    /// Until when a read hides it.
    pub hidden_until: Option<OffsetDateTime>,
    /// The read hiding it.
    pub read_id: Option<String>,
    bytes: u64,
}

impl QueueItem {
    /// Whether a read sees it at `now`.
    pub fn visible_at(&self, now: OffsetDateTime) -> bool {
        self.hidden_until.is_none_or(|until| until <= now)
    }
}

/// The order of a queue: priority descending (the bits of a total order, inverted), then
/// the order items were added in.
type QueueKey = (u64, u64);

fn queue_key(priority: f64, seq: u64) -> QueueKey {
    (!order_bits(priority), seq)
}

/// The bits of `value` in an order that is the numbers' order (negative before positive).
pub(crate) fn order_bits(value: f64) -> u64 {
    let bits = value.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

/// A queue: its items in order, and the same by expiry (so that expired items are
/// dropped without a scan).
#[derive(Debug, Default)]
struct Queue {
    items: BTreeMap<QueueKey, QueueItem>,
    expiries: BTreeSet<(OffsetDateTime, QueueKey)>,
    bytes: u64,
}

impl Queue {
    fn insert(&mut self, key: QueueKey, item: QueueItem) {
        self.bytes = self.bytes.saturating_add(item.bytes);
        self.expiries.insert((item.expire, key));
        self.items.insert(key, item);
    }

    fn remove(&mut self, key: &QueueKey) -> Option<QueueItem> {
        let item = self.items.remove(key)?;
        self.expiries.remove(&(item.expire, *key));
        self.bytes = self.bytes.saturating_sub(item.bytes);
        Some(item)
    }
}

/// A sorted-map item.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MapItem {
    /// Its value.
    pub value: Value,
    /// Its sort key.
    pub sort_key: SortKey,
    /// When it expires.
    pub expire: OffsetDateTime,
    /// Its etag: the map's write counter at its last write.
    pub etag: u64,
    bytes: u64,
}

/// A sorted map: its items by key, and the same by expiry.
#[derive(Debug, Default)]
struct SortedMap {
    items: BTreeMap<String, MapItem>,
    expiries: BTreeSet<(OffsetDateTime, String)>,
    bytes: u64,
    etag: u64,
}

impl SortedMap {
    fn insert(&mut self, key: &str, item: MapItem) {
        self.remove(key);
        self.bytes = self.bytes.saturating_add(item.bytes);
        self.expiries.insert((item.expire, key.to_owned()));
        self.items.insert(key.to_owned(), item);
    }

    fn remove(&mut self, key: &str) -> Option<MapItem> {
        let item = self.items.remove(key)?;
        self.expiries.remove(&(item.expire, key.to_owned()));
        self.bytes = self.bytes.saturating_sub(item.bytes);
        Some(item)
    }
}

#[derive(Debug, Default)]
struct Space {
    queues: HashMap<String, Queue>,
    maps: HashMap<String, SortedMap>,
    bytes: u64,
}

impl Space {
    /// Removes the expired items of every structure.
    fn purge(&mut self, now: OffsetDateTime) {
        let mut freed = 0;
        for queue in self.queues.values_mut() {
            freed += purge_queue(queue, now);
        }
        for map in self.maps.values_mut() {
            freed += purge_map(map, now);
        }
        self.bytes = self.bytes.saturating_sub(freed);
    }
}

/// Drops the expired items of a queue; the bytes freed.
fn purge_queue(queue: &mut Queue, now: OffsetDateTime) -> u64 {
    let before = queue.bytes;
    while let Some(&(expire, key)) = queue.expiries.first() {
        if expire > now {
            break;
        }
        if queue.remove(&key).is_none() {
            queue.expiries.pop_first();
        }
    }
    before.saturating_sub(queue.bytes)
}

/// Drops the expired items of a sorted map; the bytes freed.
fn purge_map(map: &mut SortedMap, now: OffsetDateTime) -> u64 {
    let before = map.bytes;
    while let Some((expire, key)) = map.expiries.first().cloned() {
        if expire > now {
            break;
        }
        if map.remove(&key).is_none() {
            map.expiries.pop_first();
        }
    }
    before.saturating_sub(map.bytes)
}

/// A read that may still discard its items.
#[derive(Debug)]
struct Read {
    space: SpaceKey,
    queue: String,
    keys: Vec<QueueKey>,
    expires: OffsetDateTime,
}

#[derive(Debug, Default)]
struct Inner {
    spaces: HashMap<SpaceKey, Space>,
    reads: HashMap<String, Read>,
    read_order: VecDeque<String>,
    next_seq: u64,
    /// Per universe: the minute (Unix seconds / 60) and the units spent in it.
    units: HashMap<u64, (i64, u64)>,
    users: u64,
    ccu: u64,
}

/// What a sorted-map write sets.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MapWrite {
    /// The value.
    pub value: Value,
    /// The sort key.
    pub sort_key: SortKey,
    /// How long it lives.
    pub ttl: Duration,
}

/// Whether a write is held to the memory quota: it is while the emulator's rate limits
/// are on (off, as for a load test, the memory quota and the request units are lifted);
/// seeded items never are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Quota {
    /// Refuse a write that would grow past the quota.
    Enforced,
    /// No memory quota.
    Lifted,
}

/// When a write happens, and whether the memory quota holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WriteAt {
    /// The emulator's time.
    pub now: OffsetDateTime,
    /// Whether the memory quota applies.
    pub quota: Quota,
}

/// How a sorted-map write treats an existing item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WriteMode {
    /// A create: 409 `ALREADY_EXISTS` when the item exists.
    Create,
    /// An update: 404 when the item is missing, unless `allow_missing`.
    Update {
        /// Creates a missing item.
        allow_missing: bool,
    },
}

/// Every memory store of the emulator.
#[derive(Debug)]
pub(crate) struct MemoryStores {
    /// The limits and answer forms.
    pub config: MemoryStoresConfig,
    inner: Mutex<Inner>,
    /// Flush operations.
    pub operations: OperationStore,
}

impl Default for MemoryStores {
    fn default() -> Self {
        MemoryStores::new(&MemoryStoresConfig::default())
    }
}

fn exhausted(status: &str, message: &str) -> V2Error {
    V2Error::new(V2Code::ResourceExhausted, format!("{status}: {message}"))
}

impl MemoryStores {
    /// An empty store.
    pub fn new(config: &MemoryStoresConfig) -> Self {
        MemoryStores {
            config: config.clone(),
            inner: Mutex::new(Inner {
                users: config.users,
                ccu: config.ccu,
                ..Inner::default()
            }),
            operations: OperationStore::new(OperationLimits {
                polls_until_done: config.polls_until_done,
                max_operations: config.max_operations,
                retention: StdDuration::from_secs(config.operation_retention_secs),
            }),
        }
    }

    /// Sets the users and concurrent users the quotas are computed from.
    pub fn set_population(&self, users: u64, ccu: u64) {
        let mut inner = lock(&self.inner);
        inner.users = users;
        inner.ccu = ccu;
    }

    fn memory_quota(&self, inner: &Inner) -> u64 {
        self.config.memory_base_bytes.saturating_add(
            self.config
                .memory_per_user_bytes
                .saturating_mul(inner.users),
        )
    }

    /// Spends `cost` request units of `universe` at `now`. With `refuse`, answers 429
    /// `TotalRequestsOverLimit` (spending nothing) when the minute's units are spent;
    /// without, spends them anyway (what a range read returned beyond its first unit).
    pub fn spend_units(
        &self,
        universe: u64,
        cost: u64,
        refuse: bool,
        now: OffsetDateTime,
    ) -> Result<(), V2Error> {
        if self.config.request_units_base == 0 {
            return Ok(());
        }
        let mut inner = lock(&self.inner);
        let limit = self
            .config
            .request_units_base
            .saturating_add(self.config.request_units_per_ccu.saturating_mul(inner.ccu));
        let minute = now.unix_timestamp().div_euclid(60);
        let entry = inner.units.entry(universe).or_insert((minute, 0));
        if entry.0 != minute {
            *entry = (minute, 0);
        }
        if refuse && entry.1 >= limit {
            return Err(exhausted(
                "TotalRequestsOverLimit",
                "the experience's request units for this minute are spent.",
            ));
        }
        entry.1 = entry.1.saturating_add(cost);
        Ok(())
    }

    /// Refuses a write that grows `space` by `grow` bytes past its quota (after dropping
    /// expired items); writes that shrink or keep the memory used always pass.
    fn check_memory(
        &self,
        inner: &mut Inner,
        key: SpaceKey,
        grow: u64,
        quota: Quota,
        now: OffsetDateTime,
    ) -> Result<(), V2Error> {
        if grow == 0 || quota == Quota::Lifted {
            return Ok(());
        }
        let limit = self.memory_quota(inner);
        let space = inner.spaces.entry(key).or_default();
        if space.bytes.saturating_add(grow) > limit {
            space.purge(now);
            if space.bytes.saturating_add(grow) > limit {
                return Err(exhausted(
                    "TotalMemoryOverLimit",
                    "the experience's memory quota is used up.",
                ));
            }
        }
        Ok(())
    }

    fn check_structure(
        &self,
        items: usize,
        bytes: u64,
        grow: u64,
        adds: bool,
    ) -> Result<(), V2Error> {
        if adds && items >= self.config.max_items_per_structure {
            return Err(exhausted(
                "DataStructureItemsOverLimit",
                "the data structure holds its most items.",
            ));
        }
        if grow > 0 && bytes.saturating_add(grow) > self.config.max_bytes_per_structure {
            return Err(exhausted(
                "DataStructureMemoryOverLimit",
                "the data structure holds its most bytes.",
            ));
        }
        Ok(())
    }

    /// Adds an item to a queue. Its bytes (its data as JSON) count against the structure
    /// and the memory quota.
    pub fn add(
        &self,
        key: SpaceKey,
        queue: &str,
        data: Value,
        priority: f64,
        ttl: Duration,
        at: WriteAt,
    ) -> Result<QueueItem, V2Error> {
        let WriteAt { now, quota } = at;
        let bytes = data.to_string().len() as u64;
        let mut inner = lock(&self.inner);
        {
            let space = inner.spaces.entry(key).or_default();
            let target = space.queues.entry(queue.to_owned()).or_default();
            let freed = purge_queue(target, now);
            space.bytes = space.bytes.saturating_sub(freed);
            let target = space.queues.entry(queue.to_owned()).or_default();
            self.check_structure(target.items.len(), target.bytes, bytes, true)?;
        }
        self.check_memory(&mut inner, key, bytes, quota, now)?;
        inner.next_seq += 1;
        let seq = inner.next_seq;
        // Inferred from a capture: 32 hex digits, `7fffffffffffffff` then a sequence.
        let item = QueueItem {
            id: format!("7fffffffffffffff{seq:016x}"),
            data,
            priority,
            expire: now.saturating_add(ttl),
            hidden_until: None,
            read_id: None,
            bytes,
        };
        let space = inner.spaces.entry(key).or_default();
        space.bytes = space.bytes.saturating_add(bytes);
        let target = space.queues.entry(queue.to_owned()).or_default();
        target.insert(queue_key(priority, seq), item.clone());
        Ok(item)
    }

    /// Reads up to `count` visible items from the front of a queue and hides them for
    /// `window` under a new read id. `None` for the id when nothing was read; 404 when
    /// `all_or_nothing` and fewer than `count` are visible.
    pub fn read(
        &self,
        key: SpaceKey,
        queue: &str,
        count: usize,
        all_or_nothing: bool,
        window: Duration,
        now: OffsetDateTime,
    ) -> Result<(Option<String>, Vec<QueueItem>), V2Error> {
        let mut inner = lock(&self.inner);
        let max_reads = self.config.max_reads.max(1);
        let Some(space) = inner.spaces.get_mut(&key) else {
            return none_or_404(all_or_nothing, count);
        };
        let Some(target) = space.queues.get_mut(queue) else {
            return none_or_404(all_or_nothing, count);
        };
        let freed = purge_queue(target, now);
        space.bytes = space.bytes.saturating_sub(freed);
        let Some(target) = space.queues.get_mut(queue) else {
            return none_or_404(all_or_nothing, count);
        };
        let keys: Vec<QueueKey> = target
            .items
            .iter()
            .filter(|(_, item)| item.visible_at(now))
            .take(count)
            .map(|(k, _)| *k)
            .collect();
        if keys.is_empty() || (all_or_nothing && keys.len() < count) {
            return none_or_404(all_or_nothing, count);
        }
        let read_id = crate::gateway::uuid::random_uuid().replace('-', "");
        let until = now.saturating_add(window);
        let mut items = Vec::with_capacity(keys.len());
        for k in &keys {
            if let Some(item) = target.items.get_mut(k) {
                item.hidden_until = Some(until);
                item.read_id = Some(read_id.clone());
                items.push(item.clone());
            }
        }
        inner.reads.insert(
            read_id.clone(),
            Read {
                space: key,
                queue: queue.to_owned(),
                keys,
                expires: until,
            },
        );
        inner.read_order.push_back(read_id.clone());
        // Forget reads past their window, and the oldest beyond the bound.
        while let Some(oldest) = inner.read_order.front().cloned() {
            let lapsed = inner.reads.get(&oldest).is_none_or(|r| r.expires <= now);
            if !lapsed && inner.read_order.len() <= max_reads {
                break;
            }
            inner.read_order.pop_front();
            inner.reads.remove(&oldest);
        }
        Ok((Some(read_id), items))
    }

    /// Removes the items that read `read_id` of `queue` still holds; 404 for a read
    /// unknown, used, of another queue, or past its window.
    pub fn discard(
        &self,
        key: SpaceKey,
        queue: &str,
        read_id: &str,
        now: OffsetDateTime,
    ) -> Result<usize, V2Error> {
        let mut inner = lock(&self.inner);
        let not_found = || {
            V2Error::new(
                V2Code::NotFound,
                "NoItemFound: the read id is unknown, already used, or past its invisibility window.",
            )
        };
        let usable = inner
            .reads
            .get(read_id)
            .is_some_and(|r| r.space == key && r.queue == queue && r.expires > now);
        if !usable {
            return Err(not_found());
        }
        let read = inner.reads.remove(read_id).ok_or_else(not_found)?;
        inner.read_order.retain(|id| id != read_id);
        let Some(space) = inner.spaces.get_mut(&key) else {
            return Ok(0);
        };
        let Some(target) = space.queues.get_mut(queue) else {
            return Ok(0);
        };
        let mut removed = 0;
        let mut freed = 0;
        for k in &read.keys {
            let held = target.items.get(k).is_some_and(|item| {
                item.read_id.as_deref() == Some(read_id) && !item.visible_at(now)
            });
            if held {
                if let Some(item) = target.remove(k) {
                    freed += item.bytes;
                    removed += 1;
                }
            }
        }
        space.bytes = space.bytes.saturating_sub(freed);
        Ok(removed)
    }

    /// Every item of a queue that has not expired, front first.
    pub fn queue_items(&self, key: SpaceKey, queue: &str, now: OffsetDateTime) -> Vec<QueueItem> {
        let inner = lock(&self.inner);
        inner
            .spaces
            .get(&key)
            .and_then(|s| s.queues.get(queue))
            .map(|q| {
                q.items
                    .values()
                    .filter(|i| i.expire > now)
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every item of a sorted map that has not expired, by key.
    pub fn map_items(
        &self,
        key: SpaceKey,
        map: &str,
        now: OffsetDateTime,
    ) -> Vec<(String, MapItem)> {
        let inner = lock(&self.inner);
        inner
            .spaces
            .get(&key)
            .and_then(|s| s.maps.get(map))
            .map(|m| {
                m.items
                    .iter()
                    .filter(|(_, i)| i.expire > now)
                    .map(|(k, i)| (k.clone(), i.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// One item of a sorted map, unless missing or expired.
    pub fn map_get(
        &self,
        key: SpaceKey,
        map: &str,
        item: &str,
        now: OffsetDateTime,
    ) -> Option<MapItem> {
        let inner = lock(&self.inner);
        inner
            .spaces
            .get(&key)?
            .maps
            .get(map)?
            .items
            .get(item)
            .filter(|i| i.expire > now)
            .cloned()
    }

    /// Writes a sorted-map item, as a create or an update (see [`WriteMode`]).
    pub fn map_write(
        &self,
        key: SpaceKey,
        map: &str,
        item_key: &str,
        write: MapWrite,
        mode: WriteMode,
        at: WriteAt,
    ) -> Result<MapItem, V2Error> {
        let WriteAt { now, quota } = at;
        let (create, allow_missing) = match mode {
            WriteMode::Create => (true, false),
            WriteMode::Update { allow_missing } => (false, allow_missing),
        };
        let bytes =
            item_key.len() as u64 + write.value.to_string().len() as u64 + write.sort_key.bytes();
        let mut inner = lock(&self.inner);
        let old_bytes = {
            let space = inner.spaces.entry(key).or_default();
            let target = space.maps.entry(map.to_owned()).or_default();
            let freed = purge_map(target, now);
            let existing = target.items.get(item_key).map(|i| i.bytes);
            let count = target.items.len();
            let map_bytes = target.bytes;
            space.bytes = space.bytes.saturating_sub(freed);
            match (existing, create) {
                (Some(_), true) => {
                    return Err(V2Error::new(
                        V2Code::AlreadyExists,
                        "The item already exists.",
                    ))
                }
                (None, false) if !allow_missing => {
                    return Err(V2Error::new(
                        V2Code::NotFound,
                        "NoItemFound: the item does not exist.",
                    ))
                }
                _ => {}
            }
            let old = existing.unwrap_or(0);
            self.check_structure(
                count,
                map_bytes,
                bytes.saturating_sub(old),
                existing.is_none(),
            )?;
            old
        };
        self.check_memory(&mut inner, key, bytes.saturating_sub(old_bytes), quota, now)?;
        let space = inner.spaces.entry(key).or_default();
        space.bytes = space.bytes.saturating_sub(old_bytes).saturating_add(bytes);
        let target = space.maps.entry(map.to_owned()).or_default();
        target.etag += 1;
        let item = MapItem {
            value: write.value,
            sort_key: write.sort_key,
            expire: now.saturating_add(write.ttl),
            etag: target.etag,
            bytes,
        };
        target.insert(item_key, item.clone());
        Ok(item)
    }

    /// Deletes a sorted-map item (a missing one too). With `etag`, 409 `ABORTED` unless
    /// it is the item's current etag.
    pub fn map_delete(
        &self,
        key: SpaceKey,
        map: &str,
        item_key: &str,
        etag: Option<&str>,
        now: OffsetDateTime,
    ) -> Result<(), V2Error> {
        let mut inner = lock(&self.inner);
        let Some(space) = inner.spaces.get_mut(&key) else {
            return Ok(());
        };
        let Some(target) = space.maps.get_mut(map) else {
            return Ok(());
        };
        let freed = purge_map(target, now);
        if let (Some(etag), Some(item)) = (etag, target.items.get(item_key)) {
            if etag != item.etag.to_string() {
                space.bytes = space.bytes.saturating_sub(freed);
                return Err(V2Error::new(
                    V2Code::Aborted,
                    "DataUpdateConflict: the etag is not the item's current one.",
                ));
            }
        }
        let removed = target.remove(item_key).map_or(0, |i| i.bytes);
        space.bytes = space.bytes.saturating_sub(freed + removed);
        Ok(())
    }

    /// Removes every queue and sorted map of a universe in one scope (and the reads of
    /// its queues).
    pub fn flush(&self, key: SpaceKey) {
        let mut inner = lock(&self.inner);
        inner.spaces.remove(&key);
        inner.reads.retain(|_, read| read.space != key);
        let Inner {
            reads, read_order, ..
        } = &mut *inner;
        read_order.retain(|id| reads.contains_key(id));
    }

    /// The bytes a universe's data uses in one scope, expired items dropped first.
    pub fn usage(&self, key: SpaceKey, now: OffsetDateTime) -> u64 {
        let mut inner = lock(&self.inner);
        inner.spaces.get_mut(&key).map_or(0, |space| {
            space.purge(now);
            space.bytes
        })
    }
}

fn none_or_404(
    all_or_nothing: bool,
    count: usize,
) -> Result<(Option<String>, Vec<QueueItem>), V2Error> {
    if all_or_nothing && count > 0 {
        return Err(V2Error::new(
            V2Code::NotFound,
            "NoItemFound: fewer items than requested are visible.",
        ));
    }
    Ok((None, Vec::new()))
}
