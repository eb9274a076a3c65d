//! Starting an emulator: [`Emulator::start`] for the defaults, [`Emulator::builder`] for
//! everything else.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::config::Config;
use crate::handle::EmulatorHandle;
use crate::server;
use crate::state::State;
use crate::tls::Tls;

/// Why the emulator could not start or its configuration could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EmulatorError {
    /// Binding the address failed.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// The configuration is not valid TOML, has an unknown field, or is inconsistent.
    #[error("invalid configuration: {0}")]
    Config(String),
    /// The certificate or the TLS configuration could not be made.
    #[error("TLS setup failed: {0}")]
    Tls(String),
}

/// The entry point: a local, stateful Open Cloud emulator.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), oc_emulator::EmulatorError> {
/// let emulator = oc_emulator::Emulator::start().await?;
/// assert!(emulator.base_url().starts_with("http://127.0.0.1:"));
/// assert_eq!(emulator.universe_id(), 1000);
/// emulator.shutdown().await;
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Emulator;

impl Emulator {
    /// A builder, to set the configuration, the address, TLS or the rate limits.
    pub fn builder() -> EmulatorBuilder {
        EmulatorBuilder::default()
    }

    /// Starts an emulator with the built-in world over plain HTTP on a random port of
    /// 127.0.0.1, on the current tokio runtime.
    pub async fn start() -> Result<EmulatorHandle, EmulatorError> {
        EmulatorBuilder::default().start().await
    }
}

/// Settings of an emulator to start.
#[derive(Debug, Clone, Default)]
pub struct EmulatorBuilder {
    config: Option<Config>,
    addr: Option<SocketAddr>,
    tls: bool,
    rate_limits: Option<bool>,
}

impl EmulatorBuilder {
    /// The world, limits and faults ([`Config::default()`] when not set).
    #[must_use]
    pub fn config(mut self, config: Config) -> Self {
        self.config = Some(config);
        self
    }

    /// The address to listen on (default `127.0.0.1:0`, a random free port).
    #[must_use]
    pub fn addr(mut self, addr: SocketAddr) -> Self {
        self.addr = Some(addr);
        self
    }

    /// Serve HTTPS with a self-signed certificate made at start (default `false`).
    #[must_use]
    pub fn tls(mut self, tls: bool) -> Self {
        self.tls = tls;
        self
    }

    /// `false` turns every rate limit off, whatever the configuration says; `true` turns
    /// them on. Unset, the configuration decides.
    #[must_use]
    pub fn rate_limits(mut self, enabled: bool) -> Self {
        self.rate_limits = Some(enabled);
        self
    }

    /// Validates the configuration, binds the address and starts serving on the current
    /// tokio runtime. The server accepts connections as soon as this returns.
    pub async fn start(self) -> Result<EmulatorHandle, EmulatorError> {
        let config = self.config.unwrap_or_default();
        config.validate()?;
        let tls = if self.tls {
            Some(Tls::generate()?)
        } else {
            None
        };
        let requested = self
            .addr
            .unwrap_or(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)));
        let listener = TcpListener::bind(requested).await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(State::new(&config, self.rate_limits));
        let (stop, stopped) = watch::channel(false);
        let acceptor = tls.as_ref().map(|tls| tls.acceptor.clone());
        let task = tokio::spawn(server::serve(listener, acceptor, state.clone(), stopped));
        crate::webhook_sender::spawn_configured(&state, &config.webhooks);
        Ok(EmulatorHandle::new(state, addr, tls, stop, task))
    }
}
