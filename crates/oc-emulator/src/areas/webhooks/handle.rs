//! The [`EmulatorHandle`]'s view of the webhook sender.

use super::config::{WebhookConfig, WebhookEvent};
use super::log::{WebhookDelivery, WebhookLog};
use super::sender;
use crate::gateway::EmulatorHandle;

impl EmulatorHandle {
    /// Delivers `event` to `target` as Roblox would: signed, retried on a non-2xx or a
    /// slow answer, with one `NotificationId` throughout. Returns when it is delivered or
    /// out of retries; [`webhook_deliveries`](Self::webhook_deliveries) shows it too.
    pub async fn send_webhook(
        &self,
        target: &WebhookConfig,
        event: WebhookEvent,
    ) -> WebhookDelivery {
        sender::deliver(self.state(), target, &event).await
    }

    /// Every webhook delivery so far (from [`send_webhook`](Self::send_webhook) or the
    /// configuration's `[[webhooks]]`), in the order they started, with their attempts.
    pub fn webhook_deliveries(&self) -> Vec<WebhookDelivery> {
        self.state().area::<WebhookLog>().deliveries()
    }
}
