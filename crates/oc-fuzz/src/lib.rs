//! The fuzz targets of the client crates: each a function over arbitrary bytes that must
//! never panic, shared by the cargo-fuzz targets in `fuzz/` (libFuzzer, nightly) and the
//! stable driver `examples/fuzz_stable_client.rs` (random mutations, no coverage guidance).
//! `cargo xtask fuzz TARGET` runs either; see [`TARGETS`]. The stable driver itself is
//! [`driver`], shared with the emulator's targets (`examples/fuzz_stable_emulator.rs`).
//!
//! Each target goes through the entry point the client itself uses on the service's
//! bytes:
//! - [`api_error`]: `oc_core::ApiError::from_parts` and `oc_core::Error::from_api`, the
//!   parse of every failed answer (status, headers, body);
//! - [`rate_limit`]: `oc_core::rate_limit`, the `Retry-After` and `x-ratelimit-*` reads;
//! - [`endpoints`]: `oc_core::offline::respond` on an endpoint of each area picked by the
//!   first byte: the success-body parses, the pages of the lists, the data store entry
//!   headers, the error mapping of each area;
//! - [`id_token`]: the id_token's header read (before any fetch) and its claims checks
//!   (once signed by a key the target holds, so the signature check passes).
//!
//! Inputs other than the id_token's are answers written as text (see [`answer`]).
//! Not published: it exists for the fuzzers and CI.

pub mod answer;
mod core_targets;
pub mod driver;
mod endpoints;
mod id_token;

pub use core_targets::{api_error, rate_limit};
pub use endpoints::{endpoints, ENDPOINTS};
pub use id_token::id_token;

/// A fuzz target: its name (as `cargo xtask fuzz` and the cargo-fuzz binary name it) and
/// its body.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    /// The name.
    pub name: &'static str,
    /// The body: must not panic, whatever the input.
    pub run: fn(&[u8]),
}

/// Every client target.
pub const TARGETS: &[Target] = &[
    Target {
        name: "api_error",
        run: api_error,
    },
    Target {
        name: "rate_limit",
        run: rate_limit,
    },
    Target {
        name: "endpoints",
        run: endpoints,
    },
    Target {
        name: "id_token",
        run: id_token,
    },
];

/// Whether every target has what it needs (a client, an OAuth2 app, a signing key):
/// without them some targets would run nothing, so a driver checks this first.
pub fn ready() -> bool {
    endpoints::ready() && id_token::ready()
}

/// The target named `name`.
pub fn target(name: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.name == name)
}

/// Looks at an error the way a caller does: every accessor, its text, its sources.
fn inspect(error: &oc_core::Error) {
    use std::fmt::Write as _;
    let mut sink = String::new();
    let _ = write!(sink, "{error} {error:?}");
    let _ = (
        error.is_retryable(),
        error.retry_after(),
        error.may_have_been_applied(),
        error.is_not_found(),
        error.status(),
    );
    if let Some(api) = error.api_error() {
        let _ = (
            api.shape(),
            api.code(),
            api.message(),
            api.detail(),
            api.scope(),
            api.retry_after(),
            api.is_insufficient_scope(),
            api.raw_body(),
        );
    }
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let _ = write!(sink, "{cause}");
        source = cause.source();
    }
}
