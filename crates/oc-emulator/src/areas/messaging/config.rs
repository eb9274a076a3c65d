//! MessagingService's part of the configuration.

use serde::Deserialize;

/// MessagingService's part of the configuration. In TOML, the `[messaging]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MessagingConfig {
    /// The most published messages kept for inspection (100,000); older ones are dropped,
    /// so a long benchmark holds memory flat.
    pub max_published_messages: usize,
}

impl Default for MessagingConfig {
    fn default() -> Self {
        MessagingConfig {
            max_published_messages: 100_000,
        }
    }
}
