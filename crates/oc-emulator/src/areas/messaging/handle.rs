//! The [`EmulatorHandle`]'s view of MessagingService.

use super::state::{Messages, PublishedMessage};
use crate::gateway::EmulatorHandle;

impl EmulatorHandle {
    /// The messages published so far, in order (the most recent
    /// `[messaging] max_published_messages` of them).
    pub fn published_messages(&self) -> Vec<PublishedMessage> {
        self.state().area::<Messages>().all()
    }
}
