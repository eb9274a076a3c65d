//! What the messaging routes keep: the most recent published messages, in a bounded
//! buffer.

use std::collections::VecDeque;
use std::sync::Mutex;

use super::config::MessagingConfig;
use crate::sync::lock;

/// A message published through `messaging.publish` (v1) or
/// `messaging.publish_message` (v2).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PublishedMessage {
    /// The universe it was published to.
    pub universe_id: u64,
    /// The topic, percent-decoded from the path.
    pub topic: String,
    /// The message, as sent.
    pub message: String,
}

/// The most recent published messages, oldest first.
#[derive(Debug, Default)]
pub(crate) struct Messages {
    capacity: usize,
    messages: Mutex<VecDeque<PublishedMessage>>,
}

impl Messages {
    /// An empty buffer keeping at most `capacity` messages.
    pub fn new(config: &MessagingConfig) -> Self {
        Messages {
            capacity: config.max_published_messages,
            messages: Mutex::new(VecDeque::new()),
        }
    }

    /// Keeps a message, dropping the oldest beyond the capacity.
    pub fn push(&self, message: PublishedMessage) {
        let mut messages = lock(&self.messages);
        messages.push_back(message);
        while messages.len() > self.capacity {
            messages.pop_front();
        }
    }

    /// A copy of the kept messages, oldest first.
    pub fn all(&self) -> Vec<PublishedMessage> {
        lock(&self.messages).iter().cloned().collect()
    }
}
