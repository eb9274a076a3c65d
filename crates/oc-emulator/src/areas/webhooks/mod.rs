//! Roblox's side of webhooks: the emulator delivers notifications to a receiver, signed
//! and retried as Roblox does
//! (<https://create.roblox.com/docs/cloud/webhooks/webhook-notifications>).
//! The area serves no Roblox route; it only sends (its one route is the emulator-only
//! control route that sends on request).

mod config;
mod control;
mod handle;
mod log;
pub(crate) mod sender;

use std::sync::Arc;

pub use config::{
    WebhookConfig, WebhookEvent, DEFAULT_WEBHOOK_RETRIES, DEFAULT_WEBHOOK_RETRY_INTERVAL,
    DEFAULT_WEBHOOK_TIMEOUT,
};
pub use log::{WebhookAttempt, WebhookDelivery};

pub(crate) use control::parse_send_request;

use crate::gateway::route::Route;
use crate::gateway::state::State;

/// The area serves no Roblox route, only its control route (an emulator-only extension).
pub(crate) const ROUTES: &[Route] = &[control::SEND];

/// Starts delivering the configured notifications, once the emulator listens.
pub(crate) fn start(webhooks: &[WebhookConfig], state: &Arc<State>) {
    sender::spawn_configured(state, webhooks);
}
