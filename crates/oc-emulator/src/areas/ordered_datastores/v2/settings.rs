//! What only the v2 routes keep: their limits, and the unclamped sums of increments that
//! went past the `i64` range.

use std::collections::BTreeMap;
use std::sync::Mutex;

use super::super::config::OrderedDataStoresConfig;
use super::super::state::OrderedScope;
use crate::sync::lock;

/// The v2 routes' limits.
#[derive(Debug, Default)]
pub(crate) struct OrderedV2Settings {
    /// The `[ordered_datastores]` table.
    pub config: OrderedDataStoresConfig,
}

/// The sums of increments past the `i64` range, by scope and entry id. The reference's
/// known issue: "the returned value will be clamped to the valid range, but the backend
/// may persist the original value". The stored value (what gets and lists read) is the
/// clamped one; the sum here counts for the next increment while the stored value is
/// still its clamp (any other write forgets it).
#[derive(Debug, Default)]
pub(crate) struct Unclamped {
    sums: Mutex<BTreeMap<(OrderedScope, String), i128>>,
}

/// `sum` clamped to the `i64` range.
fn clamp(sum: i128) -> i64 {
    i64::try_from(sum).unwrap_or(if sum < 0 { i64::MIN } else { i64::MAX })
}

impl Unclamped {
    /// Adds `amount` to the entry whose stored value is `stored` (`None`: missing, 0), and
    /// returns the clamped result to store and answer.
    pub fn add(&self, scope: &OrderedScope, id: &str, stored: Option<i64>, amount: i64) -> i64 {
        let key = (scope.clone(), id.to_owned());
        let mut sums = lock(&self.sums);
        let stored = stored.unwrap_or(0);
        let current = match sums.get(&key) {
            Some(sum) if clamp(*sum) == stored => *sum,
            _ => i128::from(stored),
        };
        let sum = current.saturating_add(i128::from(amount));
        let clamped = clamp(sum);
        if i128::from(clamped) == sum {
            sums.remove(&key);
        } else {
            sums.insert(key, sum);
        }
        clamped
    }

    /// Forgets the entry's unclamped sum (it was written or deleted).
    pub fn forget(&self, scope: &OrderedScope, id: &str) {
        lock(&self.sums).remove(&(scope.clone(), id.to_owned()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overflow_answers_the_clamp_and_keeps_the_sum() {
        let sums = Unclamped::default();
        let scope: OrderedScope = (1, "s".into(), "global".into());
        assert_eq!(sums.add(&scope, "a", Some(i64::MAX - 1), 5), i64::MAX);
        // The persisted sum is MAX + 4: going back down by 10 lands below MAX.
        assert_eq!(sums.add(&scope, "a", Some(i64::MAX), -10), i64::MAX - 6);
        assert_eq!(sums.add(&scope, "b", None, i64::MIN), i64::MIN);
        assert_eq!(sums.add(&scope, "b", Some(i64::MIN), -1), i64::MIN);
        // A write in between (the stored value is no longer the clamp) starts afresh.
        assert_eq!(sums.add(&scope, "b", Some(3), 1), 4);
    }
}
