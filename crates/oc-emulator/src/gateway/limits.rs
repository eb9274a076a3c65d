//! The gateway's own settings: how the emulator names itself and how long a request body
//! may take. In TOML, the `[server]` table.

use std::time::Duration;

use serde::Deserialize;

/// The `[server]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerConfig {
    /// How long each 64 KiB of a request body may take to arrive, in milliseconds
    /// (30,000); a slower body is answered 408 and its connection closed. Headers have
    /// hyper's own timeout.
    pub body_read_timeout_ms: u64,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            body_read_timeout_ms: 30_000,
        }
    }
}

/// The settings the pipeline applies to every request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct GatewayLimits {
    /// The time each [`BYTES_PER_TIMEOUT`](crate::gateway::body::BYTES_PER_TIMEOUT)
    /// bytes of a body may take.
    pub body_read_timeout: Duration,
}

impl From<&ServerConfig> for GatewayLimits {
    fn from(config: &ServerConfig) -> Self {
        GatewayLimits {
            body_read_timeout: Duration::from_millis(config.body_read_timeout_ms.max(1)),
        }
    }
}
