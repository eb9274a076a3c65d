//! What every route of the control surface shares. The control surface is an
//! **emulator-only extension that Roblox does not have**: it lets a program that sees the
//! emulator only through its URL (a separately started `oc-emulator`) do what the
//! [`EmulatorHandle`](crate::EmulatorHandle) does in process. Its routes live under
//! [`CONTROL_PREFIX`], are named `emulator.*`, need an API key holding
//! [`CONTROL_SCOPE`] (the built-in key holds every scope), have no rate limit, and `*`
//! fault rules leave them alone. Each area declares its own control routes.

use crate::gateway::auth::Access;

/// The path prefix of every control route (no Roblox path starts with it).
pub const CONTROL_PREFIX: &str = "/_emulator/v1";

/// The scope an API key needs for the control routes.
pub const CONTROL_SCOPE: &str = "emulator:control";

/// The access of every control route.
pub(crate) const CONTROL: Access = Access::ApiKey {
    scope: CONTROL_SCOPE,
};

/// The largest body a control route reads.
pub(crate) const MAX_CONTROL_BODY: usize = 64 * 1024;

/// The name prefix of every control route.
pub(crate) const CONTROL_ROUTE_PREFIX: &str = "emulator.";
