//! The record of webhook deliveries: every notification sent and its attempts.

use std::time::Duration;

use crate::sync::lock;

/// One attempt at delivering a notification.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct WebhookAttempt {
    /// The `roblox-signature` header sent.
    pub signature: String,
    /// The receiver's status, if it answered in time.
    pub status: Option<u16>,
    /// Why the attempt failed without a status (timeout, connection refused, ...).
    pub error: Option<String>,
    /// From sending the request to the end of the answer (or the failure).
    pub elapsed: Duration,
}

impl WebhookAttempt {
    /// Whether the receiver answered 2xx in time.
    pub fn succeeded(&self) -> bool {
        self.status.is_some_and(|s| (200..300).contains(&s))
    }
}

/// A notification and every attempt at delivering it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct WebhookDelivery {
    /// The `NotificationId`, the same on every attempt.
    pub notification_id: String,
    /// The receiver.
    pub url: String,
    /// The `EventType`.
    pub event_type: String,
    /// The body, exactly as sent (and signed).
    pub body: String,
    /// The attempts so far, in order.
    pub attempts: Vec<WebhookAttempt>,
    /// Whether an attempt succeeded.
    pub delivered: bool,
    /// Whether the sender is done (delivered, or out of retries).
    pub finished: bool,
}

/// The deliveries made so far.
#[derive(Debug, Default)]
pub(crate) struct WebhookLog {
    deliveries: std::sync::Mutex<Vec<WebhookDelivery>>,
}

impl WebhookLog {
    /// Every delivery, in the order they started.
    pub(crate) fn deliveries(&self) -> Vec<WebhookDelivery> {
        lock(&self.deliveries).clone()
    }

    pub(super) fn start(&self, delivery: WebhookDelivery) -> usize {
        let mut deliveries = lock(&self.deliveries);
        deliveries.push(delivery);
        deliveries.len() - 1
    }

    pub(super) fn update(
        &self,
        index: usize,
        change: impl FnOnce(&mut WebhookDelivery),
    ) -> WebhookDelivery {
        let mut deliveries = lock(&self.deliveries);
        match deliveries.get_mut(index) {
            Some(delivery) => {
                change(delivery);
                delivery.clone()
            }
            // Deliveries are never removed; a missing one has nothing to report.
            None => WebhookDelivery {
                notification_id: String::new(),
                url: String::new(),
                event_type: String::new(),
                body: String::new(),
                attempts: Vec::new(),
                delivered: false,
                finished: true,
            },
        }
    }
}
