//! The emulator's state, shared by the server and every handle: the world, the stored
//! data, the request log, the active faults and the rate-limit counters.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::assets_state::AssetsState;
use crate::clock;
use crate::config::Config;
use crate::faults::Faults;
use crate::log::RequestLog;
use crate::rate_limit::RateLimiter;
use crate::webhook_sender::WebhookLog;
use crate::world::World;

/// A message published through `messaging.publish`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PublishedMessage {
    /// The universe it was published to.
    pub universe_id: u64,
    /// The topic, percent-decoded from the path.
    pub topic: String,
    /// The message, as sent.
    pub message: String,
}

/// A standard data store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DataStore {
    /// When it was created, formatted as the service does.
    pub created_time: String,
}

/// Everything the emulator holds.
#[derive(Debug)]
pub(crate) struct State {
    /// Universes and credentials.
    pub world: World,
    /// Rate-limit counters.
    pub limiter: RateLimiter,
    /// Active fault rules.
    pub faults: Faults,
    /// Every request.
    pub log: RequestLog,
    /// Published messages, in order.
    pub messages: Mutex<Vec<PublishedMessage>>,
    /// Standard data stores per universe, by name.
    pub data_stores: Mutex<BTreeMap<u64, BTreeMap<String, DataStore>>>,
    /// Standard data store entries with their versions.
    pub entries: Mutex<crate::datastore_state::Entries>,
    /// Ordered data store entries.
    pub ordered: Mutex<crate::datastore_state::OrderedEntries>,
    /// Assets, operations and place versions.
    pub assets: AssetsState,
    /// Webhook deliveries sent, in order.
    pub webhooks: WebhookLog,
}

impl State {
    /// The state of a (validated) configuration; `rate_limits` overrides
    /// `config.rate_limits.enabled` when set.
    pub fn new(config: &Config, rate_limits: Option<bool>) -> Self {
        let enabled = rate_limits.unwrap_or(config.rate_limits.enabled);
        let state = State {
            world: World::new(config),
            limiter: RateLimiter::new(config.rate_limits.clone(), enabled),
            faults: Faults::default(),
            log: RequestLog::default(),
            messages: Mutex::new(Vec::new()),
            data_stores: Mutex::new(BTreeMap::new()),
            entries: Mutex::new(BTreeMap::new()),
            ordered: Mutex::new(BTreeMap::new()),
            assets: AssetsState::new(config),
            webhooks: WebhookLog::default(),
        };
        for rule in &config.faults {
            state.faults.add(rule.clone());
        }
        for store in &config.data_stores {
            state.add_data_store(store.universe, &store.name);
        }
        state
    }

    /// Creates a standard data store (and its universe, if unknown); keeps an existing one.
    pub fn add_data_store(&self, universe: u64, name: &str) {
        self.world.ensure_universe(universe);
        lock(&self.data_stores)
            .entry(universe)
            .or_default()
            .entry(name.to_owned())
            .or_insert_with(|| DataStore {
                created_time: clock::now_rfc3339(),
            });
    }
}

/// Locks a mutex, going on with the data of a thread that panicked while holding it: every
/// critical section here leaves the data consistent.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
