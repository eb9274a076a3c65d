//! The gateway's state, shared by the server and every handle: the world, the request
//! log, the active faults, the rate-limit counters, the address the emulator names itself
//! by, and (opaquely) the state of every API area.

use std::sync::{Arc, Mutex};

use crate::gateway::area_states::AreaStates;
use crate::gateway::clock::Clock;
use crate::gateway::faults::{FaultRule, Faults};
use crate::gateway::limits::GatewayLimits;
use crate::gateway::log::{LogLimits, RequestLog};
use crate::gateway::rate_limit::{RateLimitConfig, RateLimiter};
use crate::sync::lock;
use crate::world::World;

/// Everything the emulator holds.
#[derive(Debug)]
pub(crate) struct State {
    /// Universes, users, groups and credentials.
    pub world: World,
    /// Rate-limit counters.
    pub limiter: RateLimiter,
    /// Active fault rules.
    pub faults: Faults,
    /// Recent requests.
    pub log: RequestLog,
    /// The state of each API area, by type.
    pub areas: AreaStates,
    /// What the pipeline allows every request.
    pub limits: GatewayLimits,
    /// The time the v2 routes see, which tests move forward.
    pub clock: Clock,
    /// The base URL the emulator names itself by (discovery documents, token issuers,
    /// operation paths); set once it listens.
    public_url: Mutex<String>,
}

impl State {
    /// The state of a world; `enabled` turns the rate limits on.
    pub fn new(
        world: World,
        rate_limits: RateLimitConfig,
        enabled: bool,
        log_limits: LogLimits,
        limits: GatewayLimits,
        faults: &[FaultRule],
    ) -> Self {
        let state = State {
            world,
            limiter: RateLimiter::new(rate_limits, enabled),
            faults: Faults::default(),
            log: RequestLog::new(log_limits),
            areas: AreaStates::default(),
            limits,
            clock: Clock::default(),
            public_url: Mutex::new("https://apis.roblox.com".into()),
        };
        for rule in faults {
            state.faults.add(rule.clone());
        }
        state
    }

    /// The state of the area whose state type is `T`.
    pub fn area<T: std::any::Any + Send + Sync + Default>(&self) -> Arc<T> {
        self.areas.get::<T>()
    }

    /// Sets the base URL the emulator names itself by (no trailing slash).
    pub fn set_public_url(&self, url: &str) {
        *lock(&self.public_url) = url.trim_end_matches('/').to_owned();
    }

    /// The base URL the emulator names itself by (no trailing slash).
    pub fn public_url(&self) -> String {
        lock(&self.public_url).clone()
    }
}
