//! Dropping repeated deliveries: Roblox retries a delivery it thinks failed, with the
//! same `NotificationId`.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, PoisonError};

/// What a [`Deduplicate`] hook knows of a notification id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Claim {
    /// Not seen before (or released after a failure): handle it.
    First,
    /// Another delivery of it is being handled right now: answered 409, so that Roblox
    /// tries again later, when the first one is over.
    InProgress,
    /// Already handled: answered 204 without running a handler.
    Done,
}

/// Decides whether a notification id was seen before.
///
/// The [`Dispatcher`](crate::Dispatcher) calls [`claim`](Self::claim) before running a
/// handler, then [`complete`](Self::complete) when the handler succeeded or
/// [`release`](Self::release) when it failed, ran out of time or was cancelled (the
/// connection closed), so that Roblox's retry of a failed delivery is handled again
/// rather than dropped. Implement it over a shared store (a database, Redis) when several
/// processes receive the same webhook.
pub trait Deduplicate: Send + Sync {
    /// Records `notification_id` as being handled, unless it is already known.
    fn claim(&self, notification_id: &str) -> Claim;

    /// Records that `notification_id` was handled.
    fn complete(&self, notification_id: &str);

    /// Forgets `notification_id`, after a failed or cancelled handling.
    fn release(&self, notification_id: &str);
}

/// Remembers the most recent `capacity` notification ids, in memory.
#[derive(Debug)]
pub struct RecentIds {
    capacity: usize,
    inner: Mutex<Recent>,
}

#[derive(Debug, Default)]
struct Recent {
    /// Id → handled (`true`) or in progress (`false`).
    ids: HashMap<String, bool>,
    order: VecDeque<String>,
}

impl RecentIds {
    /// Remembers up to `capacity` ids (at least one); the oldest is forgotten first.
    pub fn new(capacity: usize) -> Self {
        RecentIds {
            capacity: capacity.max(1),
            inner: Mutex::new(Recent::default()),
        }
    }

    fn recent(&self) -> std::sync::MutexGuard<'_, Recent> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Default for RecentIds {
    /// Remembers 10,000 ids.
    fn default() -> Self {
        RecentIds::new(10_000)
    }
}

impl Deduplicate for RecentIds {
    fn claim(&self, notification_id: &str) -> Claim {
        let mut recent = self.recent();
        match recent.ids.get(notification_id) {
            Some(true) => return Claim::Done,
            Some(false) => return Claim::InProgress,
            None => {}
        }
        while recent.order.len() >= self.capacity {
            if let Some(oldest) = recent.order.pop_front() {
                recent.ids.remove(&oldest);
            }
        }
        recent.ids.insert(notification_id.to_owned(), false);
        recent.order.push_back(notification_id.to_owned());
        Claim::First
    }

    fn complete(&self, notification_id: &str) {
        if let Some(done) = self.recent().ids.get_mut(notification_id) {
            *done = true;
        }
    }

    fn release(&self, notification_id: &str) {
        let mut recent = self.recent();
        if recent.ids.remove(notification_id).is_some() {
            recent.order.retain(|id| id != notification_id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_claimed_once_until_released_or_forgotten() {
        let recent = RecentIds::new(2);
        assert_eq!(recent.claim("a"), Claim::First);
        assert_eq!(recent.claim("a"), Claim::InProgress);
        recent.release("a");
        assert_eq!(recent.claim("a"), Claim::First);
        recent.complete("a");
        assert_eq!(recent.claim("a"), Claim::Done);
        assert_eq!(recent.claim("b"), Claim::First);
        assert_eq!(recent.claim("c"), Claim::First);
        // "a" was the oldest of three with room for two.
        assert_eq!(recent.claim("a"), Claim::First);
        assert_eq!(recent.claim("c"), Claim::InProgress);
    }
}
