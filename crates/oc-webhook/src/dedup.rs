//! Dropping repeated deliveries: Roblox retries a delivery it thinks failed, with the
//! same `NotificationId`.

use std::collections::{HashSet, VecDeque};
use std::sync::{Mutex, PoisonError};

/// Decides whether a notification id was seen before.
///
/// The [`Dispatcher`](crate::Dispatcher) calls [`claim`](Self::claim) before running a
/// handler and [`release`](Self::release) when the handler failed, so that Roblox's
/// retry of a failed delivery is handled again rather than dropped. Implement it over a
/// shared store (a database, Redis) when several processes receive the same webhook.
pub trait Deduplicate: Send + Sync {
    /// Records `notification_id`; `false` when it was already recorded (a duplicate).
    fn claim(&self, notification_id: &str) -> bool;

    /// Forgets `notification_id`, after a failed handling.
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
    ids: HashSet<String>,
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
}

impl Default for RecentIds {
    /// Remembers 10,000 ids.
    fn default() -> Self {
        RecentIds::new(10_000)
    }
}

impl Deduplicate for RecentIds {
    fn claim(&self, notification_id: &str) -> bool {
        let mut recent = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        if recent.ids.contains(notification_id) {
            return false;
        }
        while recent.order.len() >= self.capacity {
            if let Some(oldest) = recent.order.pop_front() {
                recent.ids.remove(&oldest);
            }
        }
        recent.ids.insert(notification_id.to_owned());
        recent.order.push_back(notification_id.to_owned());
        true
    }

    fn release(&self, notification_id: &str) {
        let mut recent = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        if recent.ids.remove(notification_id) {
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
        assert!(recent.claim("a"));
        assert!(!recent.claim("a"));
        recent.release("a");
        assert!(recent.claim("a"));
        assert!(recent.claim("b"));
        assert!(recent.claim("c"));
        // "a" was the oldest of three with room for two.
        assert!(recent.claim("a"));
        assert!(!recent.claim("c"));
    }
}
