//! The gateway's own settings: how the emulator names itself and how long a request body
//! may take. In TOML, the `[server]` table.

use std::time::Duration;

use serde::Deserialize;

/// The `[server]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerConfig {
    /// The base URL clients reach the emulator by, when that is not the address it listens
    /// on (behind a proxy or a TLS terminator): the emulator names itself by it in the
    /// OpenID discovery document and the `iss` of its tokens. Unset, it is the listening
    /// URL ([`EmulatorHandle::base_url`](crate::EmulatorHandle::base_url)).
    pub public_url: Option<String>,
    /// How long each 64 KiB of a request body may take to arrive, in milliseconds
    /// (30,000); a slower body is answered 408 and its connection closed. Headers have
    /// hyper's own timeout.
    pub body_read_timeout_ms: u64,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            public_url: None,
            body_read_timeout_ms: 30_000,
        }
    }
}

impl ServerConfig {
    /// Checks that the public URL is an `http://` or `https://` URL without a query.
    pub(crate) fn check(&self) -> Result<(), crate::gateway::EmulatorError> {
        match &self.public_url {
            Some(url) => check_public_url(url),
            None => Ok(()),
        }
    }
}

/// Checks that `url` is an `http://` or `https://` URL with a host and no query or
/// fragment.
pub(crate) fn check_public_url(url: &str) -> Result<(), crate::gateway::EmulatorError> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(rest)
            if !rest.is_empty() && !rest.starts_with('/') && !rest.contains(['?', '#', ' ']) =>
        {
            Ok(())
        }
        _ => Err(crate::gateway::EmulatorError::Config(format!(
            "public URL {url:?} is not an http:// or https:// URL with a host (and no query)"
        ))),
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
