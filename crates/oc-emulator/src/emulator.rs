//! Starting an emulator: [`Emulator::start`] for the defaults, [`Emulator::builder`] for
//! everything else.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::areas;
use crate::config::Config;
use crate::gateway::limits::{check_public_url, GatewayLimits};
use crate::gateway::pipeline::Served;
use crate::gateway::server;
use crate::gateway::state::State;
use crate::gateway::tls::Tls;
use crate::gateway::{EmulatorError, EmulatorHandle};
use crate::world::{World, WorldSeed};

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
    public_url: Option<String>,
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

    /// The base URL clients reach the emulator by, when it is behind a proxy or a TLS
    /// terminator (e.g. `https://cloud.example.test`): the OpenID discovery document and
    /// the `iss` of tokens name it. Overrides `[server] public_url`; unset, the emulator
    /// names itself by [`EmulatorHandle::base_url`].
    #[must_use]
    pub fn public_url(mut self, url: impl Into<String>) -> Self {
        self.public_url = Some(url.into());
        self
    }

    /// Validates the configuration, binds the address and starts serving on the current
    /// tokio runtime. The server accepts connections as soon as this returns.
    pub async fn start(self) -> Result<EmulatorHandle, EmulatorError> {
        let config = self.config.unwrap_or_default();
        config.validate()?;
        let public_url = self.public_url.or_else(|| config.server.public_url.clone());
        if let Some(url) = &public_url {
            check_public_url(url)?;
        }
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
        let state = Arc::new(build_state(&config, self.rate_limits));
        let (stop, stopped) = watch::channel(false);
        let acceptor = tls.as_ref().map(|tls| tls.acceptor.clone());
        let served = Arc::new(Served {
            state: state.clone(),
            routes: areas::route_table(),
        });
        let task = tokio::spawn(server::serve(listener, acceptor, served, stopped));
        let handle =
            EmulatorHandle::new(state.clone(), addr, tls, stop, task, public_url.as_deref());
        for area in areas::AREAS {
            (area.start)(&config, &state);
        }
        Ok(handle)
    }
}

/// The state of a validated configuration: the world, the gateway's parts, and every
/// area's state; `rate_limits` overrides `config.rate_limits.enabled` when set.
pub(crate) fn build_state(config: &Config, rate_limits: Option<bool>) -> State {
    let world = World::new(WorldSeed {
        universes: &config.universes,
        users: &config.users,
        groups: &config.groups,
        api_keys: &config.api_keys,
        oauth_tokens: &config.oauth_tokens,
    });
    let state = State::new(
        world,
        config.rate_limits.clone(),
        rate_limits.unwrap_or(config.rate_limits.enabled),
        config.request_log,
        GatewayLimits::from(&config.server),
        &config.faults,
    );
    for area in areas::AREAS {
        (area.seed)(config, &state);
    }
    state
}
