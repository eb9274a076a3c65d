//! What the subscriptions API keeps: every subscription, by universe, product and user.

use std::collections::HashMap;
use std::sync::Mutex;

use time::OffsetDateTime;

use super::config::SubscriptionConfig;
use crate::gateway::proto_json::{format_timestamp, parse_timestamp};
use crate::sync::lock;

/// A subscription with the times the emulator gave it.
#[derive(Debug, Clone)]
pub(crate) struct StoredSubscription {
    /// As seeded.
    pub config: SubscriptionConfig,
    /// When it was created (the seeded time, or when it was seeded).
    pub create_time: String,
    /// When it was last set.
    pub update_time: String,
}

/// The subscriptions, by universe, product and user.
#[derive(Debug, Default)]
pub(crate) struct Subscriptions {
    /// Every subscription.
    pub all: Mutex<HashMap<(u64, String, u64), StoredSubscription>>,
}

impl Subscriptions {
    /// Sets a subscription (created or replaced) at `now`.
    pub fn set(&self, config: &SubscriptionConfig, now: OffsetDateTime) {
        let now = format_timestamp(now);
        let create_time = config
            .create_time
            .as_deref()
            .and_then(parse_timestamp)
            .map_or_else(|| now.clone(), format_timestamp);
        lock(&self.all).insert(
            (config.universe, config.product.clone(), config.user),
            StoredSubscription {
                config: config.clone(),
                create_time,
                update_time: now,
            },
        );
    }
}
