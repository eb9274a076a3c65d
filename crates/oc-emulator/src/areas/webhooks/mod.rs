//! Roblox's side of webhooks: the emulator delivers notifications to a receiver, signed
//! and retried as Roblox does
//! (<https://create.roblox.com/docs/cloud/webhooks/webhook-notifications>).
//! The area serves no route; it only sends.

mod config;
mod handle;
mod log;
pub(crate) mod sender;

use std::sync::Arc;

pub use config::{
    WebhookConfig, WebhookEvent, DEFAULT_WEBHOOK_RETRIES, DEFAULT_WEBHOOK_RETRY_INTERVAL,
    DEFAULT_WEBHOOK_TIMEOUT,
};
pub use log::{WebhookAttempt, WebhookDelivery};

use crate::gateway::route::Route;
use crate::gateway::state::State;

/// The area serves no route.
pub(crate) const ROUTES: &[Route] = &[];

/// Starts delivering the configured notifications, once the emulator listens.
pub(crate) fn start(webhooks: &[WebhookConfig], state: &Arc<State>) {
    sender::spawn_configured(state, webhooks);
}
