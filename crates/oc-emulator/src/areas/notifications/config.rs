//! The user notifications API's part of the configuration.

use serde::Deserialize;

/// The user notifications API's behaviour. In TOML, the `[notifications]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NotificationsConfig {
    /// Notifications kept for inspection (100,000); older ones are dropped.
    pub max_notifications: usize,
    /// Notifications a user may get from one experience per UTC day of the emulator's
    /// clock; one more is 429 `RESOURCE_EXHAUSTED`. 0 (the default) turns the throttle
    /// off. The service delivers at most one a day but does not document its answer to
    /// the next one.
    pub daily_limit_per_user: u32,
    /// The longest `launchData`, in bytes (200).
    pub max_launch_data_bytes: usize,
}

impl Default for NotificationsConfig {
    fn default() -> Self {
        NotificationsConfig {
            max_notifications: 100_000,
            daily_limit_per_user: 0,
            max_launch_data_bytes: 200,
        }
    }
}
