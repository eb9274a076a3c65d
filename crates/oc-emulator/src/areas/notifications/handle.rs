//! The [`EmulatorHandle`]'s view of the user notifications API.

use super::state::{NotificationsState, SentNotification};
use crate::gateway::EmulatorHandle;
use crate::sync::lock;

impl EmulatorHandle {
    /// The user notifications created so far, oldest first (the most recent
    /// `[notifications] max_notifications` of them).
    pub fn user_notifications(&self) -> Vec<SentNotification> {
        let area = self.state().area::<NotificationsState>();
        let data = lock(&area.data);
        data.sent.iter().cloned().collect()
    }
}
