//! Rate limits: fixed one-minute windows per API-key owner (pooled across all of the
//! owner's keys), per OAuth token, per client IP and per universe, with the numbers that
//! <https://create.roblox.com/docs/cloud/reference/rate-limits> publishes, and its
//! `x-ratelimit-*` headers.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use http::{HeaderMap, HeaderValue};
use serde::Deserialize;

use crate::sync::lock;

/// The length of every window.
const WINDOW: Duration = Duration::from_secs(60);

/// Requests per minute for each group of limits. `0` turns that one limit off.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RateLimitConfig {
    /// `false` turns every limit off.
    pub enabled: bool,
    /// Messaging publish, per API-key owner or per OAuth token (5000).
    pub messaging_publish_per_owner: u32,
    /// Messaging publish, per client IP address (10000).
    pub messaging_publish_per_ip: u32,
    /// Standard data store reads (list stores, list entries, get, list versions, get
    /// version), per universe, all read operations together (300).
    pub datastores_per_universe_reads: u32,
    /// Standard data store writes (set, increment, delete), per universe (300).
    pub datastores_per_universe_writes: u32,
    /// Standard data store operations, per API-key owner, each operation counted on its
    /// own (5000).
    pub datastores_per_owner: u32,
    /// Data stores v2 Get Data Store Entry, per universe: the standard read budget that
    /// game servers share, 300 + 40 × CCU (300: no players).
    pub datastores_v2_reads_per_universe: u32,
    /// Data stores v2 Create, Update and Increment Data Store Entry, per universe: the
    /// standard write budget, 300 + 20 × CCU (300).
    pub datastores_v2_writes_per_universe: u32,
    /// Data stores v2 List Data Stores, List Data Store Entries and List Data Store Entry
    /// Revisions, per universe: the standard list budget, 300 + 2 × CCU (300).
    pub datastores_v2_lists_per_universe: u32,
    /// Data stores v2 Delete Data Store Entry, Delete and Undelete Data Store, per
    /// universe: the standard remove budget, 300 + 40 × CCU (300).
    pub datastores_v2_removes_per_universe: u32,
    /// Data stores v2 Snapshot Data Stores, per API-key owner (60).
    pub datastores_v2_snapshots_per_owner: u32,
    /// Ordered data store reads (list, get), per universe (300).
    pub ordered_datastores_per_universe_reads: u32,
    /// Ordered data store writes (create, update, increment, delete), per universe (300).
    pub ordered_datastores_per_universe_writes: u32,
    /// Ordered data store operations, per API-key owner, each operation on its own (500).
    pub ordered_datastores_per_owner: u32,
    /// Asset create, get and update, per API-key owner or OAuth token (120).
    pub assets_per_owner: u32,
    /// Asset create, get and update, per client IP address (120).
    pub assets_per_ip: u32,
    /// Asset operation polls, per API-key owner or OAuth token (300).
    pub assets_operations_per_owner: u32,
    /// Asset version lists and gets, rollbacks, archives and restores together, per
    /// API-key owner or OAuth token (100).
    pub assets_lifecycle_per_owner: u32,
    /// Place publishing, per API-key owner (30).
    pub place_publish_per_owner: u32,
    /// Place publishing, per client IP address (30).
    pub place_publish_per_ip: u32,
    /// User restrictions, each method on its own, per API-key owner (9000: the published
    /// 150 per second, over the one-minute window).
    pub user_restrictions_per_owner: u32,
    /// User restrictions, each method on its own, per OAuth authorization (1800: 30 per
    /// second).
    pub user_restrictions_per_oauth: u32,
    /// User restriction reads (get, list, list logs), each method on its own, per universe
    /// (3000: 50 per second).
    pub user_restrictions_reads_per_universe: u32,
    /// User restriction updates, per universe (600: 10 per second).
    pub user_restrictions_updates_per_universe: u32,
    /// Updates of one user's restrictions in a universe, in any minute (2).
    pub user_restrictions_updates_per_user: u32,
    /// v2 Get and Update Universe, Get and Update Place, per API-key owner or OAuth token,
    /// each method on its own (100).
    pub universes_per_owner: u32,
    /// v2 Restart Universe Servers, per API-key owner or OAuth token (30).
    pub universes_restart_per_owner: u32,
    /// v2 engine instances (get, update, list children, poll an operation), per API-key
    /// owner, each method on its own (45).
    pub instances_per_owner: u32,
    /// v2 Get Subscription, per API-key owner (500).
    pub subscriptions_per_owner: u32,
    /// v2 Get Subscription, per OAuth token (180: the published 3 per second, counted in
    /// the emulator's one-minute windows).
    pub subscriptions_per_oauth_token: u32,
    /// Luau task creation against the latest version, per API-key owner (40).
    pub luau_create_per_owner: u32,
    /// Luau task creation against a given version, per API-key owner (5).
    pub luau_create_version_per_owner: u32,
    /// Luau task gets, per API-key owner (200).
    pub luau_get_per_owner: u32,
    /// Luau task log lists, per API-key owner (45).
    pub luau_logs_per_owner: u32,
    /// Luau binary input creation, per API-key owner (5).
    pub luau_binary_input_per_owner: u32,
    /// v2 Get Group, Get Group Shout and the three forum lists, per API-key owner, each
    /// method on its own (150).
    pub groups_get_per_owner: u32,
    /// The same, per OAuth token (30).
    pub groups_get_per_oauth_token: u32,
    /// v2 group roles, memberships (list and role changes) and join-request list, per
    /// API-key owner, each method on its own (300).
    pub groups_per_owner: u32,
    /// Those and join-request accept and decline, per OAuth token (90).
    pub groups_per_oauth_token: u32,
    /// v2 join-request accept and decline, per API-key owner (100).
    pub groups_join_decisions_per_owner: u32,
    /// v2 Get User, Generate User Thumbnail and its operation, per API-key owner, each
    /// method on its own (1000).
    pub users_per_owner: u32,
    /// The same user methods, per OAuth token (10).
    pub users_per_oauth_token: u32,
    /// v2 List Asset Quotas, per API-key owner or OAuth token (60).
    pub asset_quotas_per_owner: u32,
    /// v2 List Inventory Items, per API-key owner (100).
    pub inventory_per_owner: u32,
    /// v2 List Inventory Items, per OAuth token (20).
    pub inventory_per_oauth_token: u32,
    /// v2 Create User Notification, per API-key owner or OAuth token (240,000: the
    /// published 4,000 per second, counted in the emulator's one-minute windows).
    pub notifications_per_owner: u32,
}

impl Default for RateLimitConfig {
    fn default() -> Self {
        RateLimitConfig {
            enabled: true,
            messaging_publish_per_owner: 5000,
            messaging_publish_per_ip: 10000,
            datastores_per_universe_reads: 300,
            datastores_per_universe_writes: 300,
            datastores_per_owner: 5000,
            datastores_v2_reads_per_universe: 300,
            datastores_v2_writes_per_universe: 300,
            datastores_v2_lists_per_universe: 300,
            datastores_v2_removes_per_universe: 300,
            datastores_v2_snapshots_per_owner: 60,
            ordered_datastores_per_universe_reads: 300,
            ordered_datastores_per_universe_writes: 300,
            ordered_datastores_per_owner: 500,
            assets_per_owner: 120,
            assets_per_ip: 120,
            assets_operations_per_owner: 300,
            assets_lifecycle_per_owner: 100,
            place_publish_per_owner: 30,
            place_publish_per_ip: 30,
            user_restrictions_per_owner: 9000,
            user_restrictions_per_oauth: 1800,
            user_restrictions_reads_per_universe: 3000,
            user_restrictions_updates_per_universe: 600,
            user_restrictions_updates_per_user: 2,
            universes_per_owner: 100,
            universes_restart_per_owner: 30,
            instances_per_owner: 45,
            subscriptions_per_owner: 500,
            subscriptions_per_oauth_token: 180,
            luau_create_per_owner: 40,
            luau_create_version_per_owner: 5,
            luau_get_per_owner: 200,
            luau_logs_per_owner: 45,
            luau_binary_input_per_owner: 5,
            groups_get_per_owner: 150,
            groups_get_per_oauth_token: 30,
            groups_per_owner: 300,
            groups_per_oauth_token: 90,
            groups_join_decisions_per_owner: 100,
            users_per_owner: 1000,
            users_per_oauth_token: 10,
            asset_quotas_per_owner: 60,
            inventory_per_owner: 100,
            inventory_per_oauth_token: 20,
            notifications_per_owner: 240_000,
        }
    }
}

/// What a limit counts requests by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Per {
    /// The API key's owner, or the OAuth token.
    Credential,
    /// The API key's owner; OAuth tokens do not count (a limit published per API-key owner
    /// only).
    ApiKeyOwner,
    /// The OAuth token (one user's authorization of one app); API keys do not count.
    OAuthToken,
    /// The client's IP address.
    Ip,
    /// The universe in the path.
    Universe,
}

/// One limit of a route.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limit {
    /// Requests of every route naming the same bucket share a window.
    pub bucket: &'static str,
    /// What the window is kept per.
    pub per: Per,
    /// The configured requests per minute.
    pub per_minute: fn(&RateLimitConfig) -> u32,
}

/// Who made a request, as the limits see it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Subject<'a> {
    /// The pool of the credential (`owner:user:3000`, `token:0`).
    pub credential: &'a str,
    /// Whether the credential is an OAuth token.
    pub oauth: bool,
    /// The client's address.
    pub ip: IpAddr,
    /// The universe in the path, if any.
    pub universe: Option<u64>,
}

/// The state of one window after a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct WindowState {
    limit: u32,
    remaining: u32,
    reset_secs: u64,
}

/// The windows that applied to one request, for the response headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Quota {
    windows: Vec<WindowState>,
}

impl Quota {
    /// Every limit of a route as exhausted for `reset_secs`, for an injected 429.
    pub fn exhausted(limits: &[Limit], config: &RateLimitConfig, reset_secs: u64) -> Self {
        let windows = limits
            .iter()
            .map(|l| (l.per_minute)(config))
            .filter(|&limit| limit > 0)
            .map(|limit| WindowState {
                limit,
                remaining: 0,
                reset_secs,
            })
            .collect();
        Quota { windows }
    }

    /// Seconds until the most constrained window resets.
    pub fn reset_secs(&self) -> u64 {
        self.binding().map_or(0, |w| w.reset_secs)
    }

    /// The window with the fewest requests left.
    fn binding(&self) -> Option<&WindowState> {
        self.windows
            .iter()
            .min_by_key(|w| (w.remaining, std::cmp::Reverse(w.reset_secs)))
    }

    /// Adds `x-ratelimit-limit` (e.g. `5000, 5000;w=60`), `x-ratelimit-remaining` and
    /// `x-ratelimit-reset`.
    pub fn write_headers(&self, headers: &mut HeaderMap) {
        let Some(binding) = self.binding() else {
            return;
        };
        let mut limit = binding.limit.to_string();
        for window in &self.windows {
            limit.push_str(&format!(", {};w={}", window.limit, WINDOW.as_secs()));
        }
        let values = [
            ("x-ratelimit-limit", limit),
            ("x-ratelimit-remaining", binding.remaining.to_string()),
            ("x-ratelimit-reset", binding.reset_secs.to_string()),
        ];
        for (name, value) in values {
            if let Ok(value) = HeaderValue::from_str(&value) {
                headers.insert(name, value);
            }
        }
    }
}

/// The verdict on one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Within every limit (and counted); the quota is absent when no limit applies.
    Allowed(Option<Quota>),
    /// Over a limit; nothing was counted.
    Exceeded(Quota),
}

/// The fixed-window counters.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    enabled: AtomicBool,
    config: RateLimitConfig,
    windows: Mutex<Windows>,
}

/// The windows, swept of expired ones whenever they outgrow `sweep_at`, so that requests
/// naming ever new universes or addresses keep memory to about a minute's worth.
#[derive(Debug)]
struct Windows {
    map: HashMap<(&'static str, Per, String), Window>,
    sweep_at: usize,
}

/// The size the window map first gets swept at.
const FIRST_SWEEP: usize = 4096;

impl Windows {
    fn sweep_if_large(&mut self, now: Instant) {
        if self.map.len() < self.sweep_at {
            return;
        }
        self.map
            .retain(|_, window| now.duration_since(window.start) < WINDOW);
        self.sweep_at = (self.map.len() * 2).max(FIRST_SWEEP);
    }
}

#[derive(Debug, Clone, Copy)]
struct Window {
    start: Instant,
    count: u32,
}

impl RateLimiter {
    /// Counters for `config`; `enabled` overrides `config.enabled`.
    pub fn new(config: RateLimitConfig, enabled: bool) -> Self {
        RateLimiter {
            enabled: AtomicBool::new(enabled),
            config,
            windows: Mutex::new(Windows {
                map: HashMap::new(),
                sweep_at: FIRST_SWEEP,
            }),
        }
    }

    /// The configured limits.
    pub fn config(&self) -> &RateLimitConfig {
        &self.config
    }

    /// Whether the limits are on (an area that keeps a limit of its own follows it).
    pub fn is_enabled(&self) -> bool {
        self.enabled.load(Ordering::SeqCst)
    }

    /// Turns every limit on or off.
    pub fn set_enabled(&self, enabled: bool) {
        self.enabled.store(enabled, Ordering::SeqCst);
    }

    /// Checks the request against every limit; counts it only if all of them allow it.
    pub fn check(&self, limits: &[Limit], subject: Subject<'_>) -> Decision {
        if !self.enabled.load(Ordering::SeqCst) {
            return Decision::Allowed(None);
        }
        let now = Instant::now();
        let mut guard = lock(&self.windows);
        guard.sweep_if_large(now);
        let windows = &mut guard.map;
        let mut keys = Vec::new();
        let mut states = Vec::new();
        let mut exceeded = Vec::new();
        for limit in limits {
            let per_minute = (limit.per_minute)(&self.config);
            let key = match (limit.per, subject.universe) {
                _ if per_minute == 0 => continue,
                (Per::Credential, _) => subject.credential.to_owned(),
                (Per::ApiKeyOwner, _) if subject.oauth => continue,
                (Per::OAuthToken, _) if !subject.oauth => continue,
                (Per::ApiKeyOwner | Per::OAuthToken, _) => subject.credential.to_owned(),
                (Per::Ip, _) => subject.ip.to_string(),
                (Per::Universe, Some(universe)) => universe.to_string(),
                (Per::Universe, None) => continue,
            };
            let window = windows
                .entry((limit.bucket, limit.per, key.clone()))
                .or_insert(Window {
                    start: now,
                    count: 0,
                });
            if now.duration_since(window.start) >= WINDOW {
                *window = Window {
                    start: now,
                    count: 0,
                };
            }
            let left = WINDOW.saturating_sub(now.duration_since(window.start));
            let reset_secs = (left.as_secs() + u64::from(left.subsec_nanos() > 0)).max(1);
            let state = WindowState {
                limit: per_minute,
                remaining: per_minute.saturating_sub(window.count),
                reset_secs,
            };
            if state.remaining == 0 {
                exceeded.push(state);
            }
            keys.push((limit.bucket, limit.per, key));
            states.push(state);
        }
        if states.is_empty() {
            return Decision::Allowed(None);
        }
        if !exceeded.is_empty() {
            return Decision::Exceeded(Quota { windows: exceeded });
        }
        for (key, state) in keys.into_iter().zip(states.iter_mut()) {
            if let Some(window) = windows.get_mut(&key) {
                window.count = window.count.saturating_add(1);
            }
            state.remaining = state.remaining.saturating_sub(1);
        }
        Decision::Allowed(Some(Quota { windows: states }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expired_windows_are_swept_once_the_map_is_large() {
        let start = Instant::now();
        let mut windows = Windows {
            map: HashMap::new(),
            sweep_at: FIRST_SWEEP,
        };
        for universe in 0..FIRST_SWEEP * 2 {
            let window = Window { start, count: 1 };
            windows
                .map
                .insert(("b", Per::Universe, universe.to_string()), window);
        }
        windows.sweep_if_large(start + Duration::from_secs(1));
        assert_eq!(windows.map.len(), FIRST_SWEEP * 2, "live windows stay");
        assert_eq!(
            windows.sweep_at,
            FIRST_SWEEP * 4,
            "the next sweep waits to double"
        );
        windows.sweep_at = FIRST_SWEEP;
        windows.sweep_if_large(start + WINDOW);
        assert!(windows.map.is_empty(), "expired windows go");
        assert_eq!(windows.sweep_at, FIRST_SWEEP);
    }

    const LIMITS: [Limit; 1] = [Limit {
        bucket: "test",
        per: Per::Credential,
        per_minute: |c| c.messaging_publish_per_owner,
    }];

    fn subject() -> Subject<'static> {
        Subject {
            credential: "owner:user:1",
            oauth: false,
            ip: IpAddr::from([127, 0, 0, 1]),
            universe: None,
        }
    }

    #[test]
    fn counts_then_refuses_without_counting() {
        let config = RateLimitConfig {
            messaging_publish_per_owner: 2,
            ..RateLimitConfig::default()
        };
        let limiter = RateLimiter::new(config, true);
        for remaining in [1, 0] {
            match limiter.check(&LIMITS, subject()) {
                Decision::Allowed(Some(quota)) => {
                    let mut headers = HeaderMap::new();
                    quota.write_headers(&mut headers);
                    assert_eq!(headers["x-ratelimit-limit"], "2, 2;w=60");
                    assert_eq!(
                        headers["x-ratelimit-remaining"],
                        remaining.to_string().as_str()
                    );
                }
                other => panic!("expected allowed, got {other:?}"),
            }
        }
        assert!(matches!(
            limiter.check(&LIMITS, subject()),
            Decision::Exceeded(_)
        ));
        limiter.set_enabled(false);
        assert_eq!(limiter.check(&LIMITS, subject()), Decision::Allowed(None));
    }
}
