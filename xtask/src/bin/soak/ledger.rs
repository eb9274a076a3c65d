//! The ledger: every operation's outcome, what each key and counter may hold because of
//! them, and the checks of the emulator's state against it. Pure: no I/O.

use std::collections::BTreeMap;

use crate::plan::{Kind, SLOTS_PER_COUNTER};

/// How an operation ended, as the client reported it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// It succeeded.
    Acknowledged,
    /// It failed and `certainly_not_applied()`: it must be absent.
    NotApplied,
    /// It failed and `may_have_been_applied()`: it may be present, at most once.
    MayHaveBeenApplied,
}

impl Outcome {
    /// Every outcome, in report order.
    pub const ALL: [Outcome; 3] = [
        Outcome::Acknowledged,
        Outcome::NotApplied,
        Outcome::MayHaveBeenApplied,
    ];

    /// The outcome of a failed call.
    pub fn of(error: &oc_core::Error) -> Outcome {
        if error.may_have_been_applied() {
            Outcome::MayHaveBeenApplied
        } else {
            Outcome::NotApplied
        }
    }
}

/// What one standard data store key may hold: the value of its last acknowledged set
/// (or of a read), and the sets since that may have been applied, in order. Values are
/// unique per set, so a value names the set that wrote it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KeyModel {
    /// The value known to be there (`None`: no value).
    pub known: Option<String>,
    /// Later sets that may have been applied, oldest first.
    pub maybe: Vec<String>,
}

impl KeyModel {
    /// Records a set of `value` that ended with `outcome`.
    pub fn set(&mut self, value: &str, outcome: Outcome) {
        match outcome {
            Outcome::Acknowledged => {
                self.known = Some(value.to_owned());
                self.maybe.clear();
            }
            Outcome::MayHaveBeenApplied => self.maybe.push(value.to_owned()),
            Outcome::NotApplied => {}
        }
    }

    /// Checks a value read from the key (`None`: not found) and learns from it: the sets
    /// up to the one that wrote it are settled. `Err` describes a violation.
    pub fn observe(&mut self, read: Option<&str>) -> Result<(), String> {
        if read == self.known.as_deref() {
            self.maybe.clear();
            return Ok(());
        }
        let position = read.and_then(|r| self.maybe.iter().position(|m| m == r));
        match position {
            Some(at) => {
                self.known = read.map(str::to_owned);
                self.maybe.drain(..=at);
                Ok(())
            }
            None => {
                let expected = match &self.known {
                    Some(value) => format!("{value:?}"),
                    None => "no value".to_owned(),
                };
                let found = match read {
                    Some(value) => format!("{value:?}"),
                    None => "no value".to_owned(),
                };
                let result = Err(format!(
                    "found {found}, expected {expected}{}",
                    if self.maybe.is_empty() {
                        String::new()
                    } else {
                        format!(" or one of {:?} (may have been applied)", self.maybe)
                    }
                ));
                // Resynchronise, so one violation is reported once.
                self.known = read.map(str::to_owned);
                self.maybe.clear();
                result
            }
        }
    }
}

/// The increments one counter took in a round, in order: increment `j` added `3^j`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CounterRound {
    /// Each increment's operation index and outcome.
    pub slots: Vec<(u64, Outcome)>,
}

impl CounterRound {
    /// The amount the next increment adds.
    pub fn next_amount(&self) -> i64 {
        pow3(self.slots.len())
    }

    /// Checks the counter's value at the end of the round (it was 0 at its start): in base
    /// 3, digit `j` is how often increment `j` was applied. An acknowledged increment must
    /// be there once, one certainly not applied not at all, one that may have been applied
    /// at most once. Returns a description of each violation.
    pub fn check(&self, value: i64) -> Vec<String> {
        let mut problems = Vec::new();
        if value < 0 {
            return vec![format!("the counter is {value}, below its start of 0")];
        }
        let mut rest = value;
        for (slot, (op, outcome)) in self.slots.iter().enumerate() {
            let applied = rest % 3;
            rest /= 3;
            let allowed = match outcome {
                Outcome::Acknowledged => applied == 1,
                Outcome::NotApplied => applied == 0,
                Outcome::MayHaveBeenApplied => applied <= 1,
            };
            if !allowed {
                problems.push(format!(
                    "increment of op {op} (+{}, {outcome:?}) was applied {applied} times",
                    pow3(slot)
                ));
            }
        }
        if rest != 0 {
            problems.push(format!(
                "the counter is {value}: {} more than its {} increments can add",
                rest * pow3(self.slots.len()),
                self.slots.len()
            ));
        }
        problems
    }
}

fn pow3(exponent: usize) -> i64 {
    debug_assert!(exponent <= SLOTS_PER_COUNTER);
    (0..exponent).fold(1i64, |acc, _| acc.saturating_mul(3))
}

/// A write whose presence is counted in the emulator's state (a message, an asset).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Write {
    /// The operation's index.
    pub op: u64,
    /// The unique payload or name it carried.
    pub marker: String,
    /// How it ended.
    pub outcome: Outcome,
}

/// Checks how often each write is present against its outcome; `what` names the kind in
/// the descriptions.
pub fn check_presence(
    writes: &[Write],
    present: &BTreeMap<String, usize>,
    what: &str,
) -> Vec<String> {
    writes
        .iter()
        .filter_map(|write| {
            let count = present.get(&write.marker).copied().unwrap_or(0);
            let allowed = match write.outcome {
                Outcome::Acknowledged => count == 1,
                Outcome::NotApplied => count == 0,
                Outcome::MayHaveBeenApplied => count <= 1,
            };
            (!allowed).then(|| {
                format!(
                    "{what} of op {} ({:?}) is present {count} times",
                    write.op, write.outcome
                )
            })
        })
        .collect()
}

/// Outcomes counted per kind of operation.
#[derive(Debug, Default)]
pub struct Tally {
    counts: BTreeMap<(Kind, Outcome), u64>,
}

impl Tally {
    /// Counts one.
    pub fn add(&mut self, kind: Kind, outcome: Outcome) {
        *self.counts.entry((kind, outcome)).or_default() += 1;
    }

    /// How many operations of `kind` ended with `outcome`.
    pub fn get(&self, kind: Kind, outcome: Outcome) -> u64 {
        self.counts.get(&(kind, outcome)).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_holds_its_last_acknowledged_value_or_a_later_maybe() {
        let mut key = KeyModel::default();
        assert!(key.observe(None).is_ok());
        key.set("a", Outcome::Acknowledged);
        key.set("b", Outcome::NotApplied);
        key.set("c", Outcome::MayHaveBeenApplied);
        key.set("d", Outcome::MayHaveBeenApplied);
        assert!(key.clone().observe(Some("a")).is_ok());
        assert!(key.clone().observe(Some("d")).is_ok());
        assert!(
            key.clone().observe(Some("b")).is_err(),
            "not applied, yet there"
        );
        assert!(
            key.clone().observe(None).is_err(),
            "an acknowledged write lost"
        );
        key.observe(Some("c")).ok();
        assert_eq!(key.known.as_deref(), Some("c"));
        assert_eq!(key.maybe, ["d"]);
    }

    #[test]
    fn a_counter_in_base_three_tells_each_increment_apart() {
        let round = CounterRound {
            slots: vec![
                (10, Outcome::Acknowledged),
                (11, Outcome::MayHaveBeenApplied),
                (12, Outcome::NotApplied),
                (13, Outcome::MayHaveBeenApplied),
            ],
        };
        assert_eq!(round.next_amount(), 81);
        assert!(round.check(1).is_empty());
        assert!(round.check(1 + 3 + 27).is_empty());
        assert_eq!(round.check(0).len(), 1, "acknowledged but lost");
        assert_eq!(round.check(2).len(), 1, "applied twice");
        assert_eq!(round.check(1 + 9).len(), 1, "not applied, yet there");
        assert_eq!(round.check(1 + 6).len(), 1, "a maybe applied twice");
        assert_eq!(round.check(1 + 81).len(), 1, "more than the increments add");
        assert_eq!(round.check(-1).len(), 1);
    }

    #[test]
    fn presence_follows_the_outcome() {
        let write = |op, outcome| Write {
            op,
            marker: format!("m{op}"),
            outcome,
        };
        let writes = [
            write(1, Outcome::Acknowledged),
            write(2, Outcome::NotApplied),
            write(3, Outcome::MayHaveBeenApplied),
        ];
        let present: BTreeMap<String, usize> = [("m1".to_owned(), 1), ("m3".to_owned(), 1)].into();
        assert!(check_presence(&writes, &present, "message").is_empty());
        let twice: BTreeMap<String, usize> = [("m1".to_owned(), 2), ("m2".to_owned(), 1)].into();
        assert_eq!(check_presence(&writes, &twice, "message").len(), 2);
    }
}
