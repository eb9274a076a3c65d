//! [`EmulatorHandle`]: the running emulator, to point a client at and to inspect or steer.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, Mutex};

use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::gateway::faults::FaultRule;
use crate::gateway::log::RequestRecord;
use crate::gateway::state::State;
use crate::gateway::tls::Tls;
use crate::sync::lock;

/// A running emulator. Clones share it; it stops when [`shutdown`](Self::shutdown) is
/// called or when the last clone is dropped.
#[derive(Clone)]
pub struct EmulatorHandle {
    inner: Arc<Inner>,
}

struct Inner {
    state: Arc<State>,
    addr: SocketAddr,
    tls: Option<Tls>,
    stop: watch::Sender<bool>,
    task: Mutex<Option<JoinHandle<()>>>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

impl fmt::Debug for EmulatorHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EmulatorHandle")
            .field("base_url", &self.base_url())
            .finish_non_exhaustive()
    }
}

impl EmulatorHandle {
    pub(crate) fn new(
        state: Arc<State>,
        addr: SocketAddr,
        tls: Option<Tls>,
        stop: watch::Sender<bool>,
        task: JoinHandle<()>,
        public_url: Option<&str>,
    ) -> Self {
        let inner = Inner {
            state,
            addr,
            tls,
            stop,
            task: Mutex::new(Some(task)),
        };
        let handle = EmulatorHandle {
            inner: Arc::new(inner),
        };
        handle
            .state()
            .set_public_url(public_url.unwrap_or(&handle.base_url()));
        handle
    }

    /// The shared state.
    pub(crate) fn state(&self) -> &State {
        &self.inner.state
    }

    /// The URL to give a client: `http://127.0.0.1:PORT`, or `https://localhost:PORT` with
    /// TLS (the certificate is valid for `localhost` and `127.0.0.1`). An unspecified
    /// listening address (`0.0.0.0`, `::`) is reported as loopback.
    pub fn base_url(&self) -> String {
        let addr = self.connect_addr();
        if self.inner.tls.is_some() {
            format!("https://localhost:{}", addr.port())
        } else {
            format!("http://{addr}")
        }
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.inner.addr
    }

    /// The listening address with an unspecified IP replaced by loopback.
    fn connect_addr(&self) -> SocketAddr {
        let mut addr = self.inner.addr;
        match addr.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => addr.set_ip(Ipv4Addr::LOCALHOST.into()),
            IpAddr::V6(ip) if ip.is_unspecified() => addr.set_ip(Ipv6Addr::LOCALHOST.into()),
            _ => {}
        }
        addr
    }

    /// The first API key of the configuration (with the defaults, one allowed everything);
    /// empty when the configuration has none.
    pub fn api_key(&self) -> String {
        self.inner.state.world.firsts().api_key.clone()
    }

    /// The URL the emulator names itself by (discovery document, token issuer, operation
    /// paths): the configured public URL, or [`base_url`](Self::base_url).
    pub fn public_url(&self) -> String {
        self.inner.state.public_url()
    }

    /// The first universe of the configuration (`1000` by default; `0` if none).
    pub fn universe_id(&self) -> u64 {
        self.inner.state.world.firsts().universe
    }

    /// The first place of the first universe (`2000` by default; `0` if none).
    pub fn place_id(&self) -> u64 {
        self.inner.state.world.firsts().place
    }

    /// The first user of the configuration (`3000` by default; `0` if none).
    pub fn user_id(&self) -> u64 {
        self.inner.state.world.firsts().user
    }

    /// The first group of the configuration (`4000` by default; `0` if none).
    pub fn group_id(&self) -> u64 {
        self.inner.state.world.firsts().group
    }

    /// The self-signed certificate (DER), when serving HTTPS.
    pub fn tls_certificate_der(&self) -> Option<Vec<u8>> {
        self.inner
            .tls
            .as_ref()
            .map(|tls| tls.certificate_der.clone())
    }

    /// The self-signed certificate (PEM), when serving HTTPS.
    pub fn tls_certificate_pem(&self) -> Option<String> {
        self.inner
            .tls
            .as_ref()
            .map(|tls| tls.certificate_pem.clone())
    }

    /// Every request that reached the server since the start (or the last
    /// [`clear_requests`](Self::clear_requests)), in arrival order; a long run keeps the
    /// most recent within `[request_log]`'s limits ([`LogLimits`](crate::LogLimits)).
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.inner.state.log.records()
    }

    /// Empties the request log.
    pub fn clear_requests(&self) {
        self.inner.state.log.clear();
    }

    /// Adds a fault rule, after those already active. A rule naming an unknown route never
    /// applies ([`FaultRule::validate`] tells).
    pub fn inject_fault(&self, rule: FaultRule) {
        self.inner.state.faults.add(rule);
    }

    /// Removes every fault rule, including those of the configuration.
    pub fn clear_faults(&self) {
        self.inner.state.faults.clear();
    }

    /// Moves the emulator's clock forward by `by`, as if that much time had passed: the
    /// times the v2 routes write and the expiry of what they keep (long-running
    /// operations) follow it, so a test reaches an expiry without waiting. The clock never
    /// goes back.
    pub fn advance_clock(&self, by: std::time::Duration) {
        self.inner.state.clock.advance(by);
    }

    /// Turns every rate limit on or off.
    pub fn set_rate_limits_enabled(&self, enabled: bool) {
        self.inner.state.limiter.set_enabled(enabled);
    }

    /// Stops accepting connections, closes the open ones and waits for the server task
    /// to end. Every clone of the handle sees the server stopped.
    pub async fn shutdown(&self) {
        let _ = self.inner.stop.send(true);
        let task = lock(&self.inner.task).take();
        if let Some(task) = task {
            let _ = task.await;
        }
    }
}
