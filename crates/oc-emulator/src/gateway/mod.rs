//! The gateway: what every request goes through whatever its API. It accepts connections
//! (plain or TLS), logs each request, matches it against the route table the areas hand
//! it, authenticates it and checks its scope against the world, counts it against the rate
//! limits, applies injected faults, and then calls the route's handler. It also holds the
//! helpers every area answers with (error bodies, JSON replies, cursors, query parameters,
//! the clock) and the [`EmulatorHandle`]'s API-independent methods.
//!
//! The v2 conventions (<https://create.roblox.com/docs/cloud/reference/patterns>) live
//! here too, for every v2 area to share: the v2 error codes and body ([`v2_codes`]),
//! page tokens bound to their query ([`page_token`]), field masks and the update they
//! steer ([`field_mask`]), long-running operations ([`operations`]), proto3 JSON values
//! (int64, durations, timestamps: [`proto_json`]) and custom-method routes
//! (`{resource}:verb`, [`route`]).
//!
//! The gateway imports no area: areas import it.

pub(crate) mod area_states;
pub(crate) mod auth;
pub(crate) mod body;
pub(crate) mod clock;
pub(crate) mod control;
pub(crate) mod cursor;
pub(crate) mod error_bodies;
pub(crate) mod faults;
pub(crate) mod field_mask;
pub(crate) mod handle;
mod handle_world;
pub(crate) mod limits;
pub(crate) mod log;
pub(crate) mod operations;
pub(crate) mod page_token;
pub(crate) mod pipeline;
pub(crate) mod proto_json;
pub(crate) mod query;
pub(crate) mod rate_limit;
pub(crate) mod responses;
pub(crate) mod route;
pub(crate) mod server;
pub(crate) mod startup_error;
pub(crate) mod state;
pub(crate) mod tls;
pub(crate) mod uuid;
pub(crate) mod v2_codes;

pub use control::{CONTROL_PREFIX, CONTROL_SCOPE};
pub use faults::{DropMode, FaultRule};
pub use handle::EmulatorHandle;
pub use limits::ServerConfig;
pub use log::{LogLimits, RequestRecord};
pub use rate_limit::RateLimitConfig;
pub use startup_error::EmulatorError;
