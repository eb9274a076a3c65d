//! The workload and its faults, drawn from the seed: what each operation does and which
//! fault rule is put in place just before it. Nothing here depends on timing.

use oc_emulator::{DropMode, FaultRule};

/// Standard data store keys that sets and reads share.
pub const SET_KEYS: usize = 24;
/// Counters of each kind (standard and ordered) that increments share.
pub const COUNTERS: usize = 4;
/// Increments one counter takes per round at most: increment `j` of a round adds `3^j`,
/// so the counter's value, read in base 3, says how often each one was applied (a digit
/// of 2 is an increment applied twice). `3^30` still fits an `i64` with room for carries.
pub const SLOTS_PER_COUNTER: usize = 30;

/// What an operation does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// `DataStore::set` of a value no other operation writes.
    Set,
    /// `DataStore::get`, compared with what the ledger allows.
    Read,
    /// `DataStore::increment` of a counter.
    Increment,
    /// `OrderedDataStore::increment` of a counter.
    OrderedIncrement,
    /// `publish_message` of a payload no other operation sends.
    Publish,
    /// `upload_asset` of a small PNG under a name no other operation uses.
    Upload,
}

impl Kind {
    /// Every kind, in report order.
    pub const ALL: [Kind; 6] = [
        Kind::Set,
        Kind::Read,
        Kind::Increment,
        Kind::OrderedIncrement,
        Kind::Publish,
        Kind::Upload,
    ];

    /// How the report names it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Set => "datastore set",
            Kind::Read => "datastore read",
            Kind::Increment => "datastore increment",
            Kind::OrderedIncrement => "ordered increment",
            Kind::Publish => "message publish",
            Kind::Upload => "asset upload",
        }
    }

    /// The emulator's route for it, which its fault rules name.
    pub fn route(self) -> &'static str {
        match self {
            Kind::Set => "datastores.entry.set",
            Kind::Read => "datastores.entry.get",
            Kind::Increment => "datastores.entry.increment",
            Kind::OrderedIncrement => "ordered.entry.increment",
            Kind::Publish => "messaging.publish",
            Kind::Upload => "assets.create",
        }
    }

    /// Draws a kind: sets 25%, reads 20%, increments 15% each, publishes 15%, uploads 10%.
    fn draw(rng: &mut fastrand::Rng) -> Kind {
        match rng.u32(0..100) {
            0..=24 => Kind::Set,
            25..=44 => Kind::Read,
            45..=59 => Kind::Increment,
            60..=74 => Kind::OrderedIncrement,
            75..=89 => Kind::Publish,
            _ => Kind::Upload,
        }
    }
}

/// A fault put in place just before an operation. Each is a rule with `times`, so it hits
/// the next requests of its route (a leftover hits the next operation of that route), and
/// every rule still active is cleared before a round is verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// 429 with `Retry-After: 1` (the emulator's least) on every route, for the next
    /// `times` requests: a storm that can span operations. Rare, as each 429 costs the
    /// client a second of waiting.
    Storm {
        /// Requests it answers.
        times: u32,
    },
    /// A 5xx on the operation's route; with `Retry-After: 0` when `retry_after`.
    ServerError {
        /// 500, 502, 503 or 504.
        status: u16,
        /// Requests it answers.
        times: u32,
        /// Whether it carries `Retry-After: 0`.
        retry_after: bool,
    },
    /// The connection closed without an answer, before or after the request is applied.
    Drop {
        /// When.
        mode: DropMode,
        /// Requests it drops.
        times: u32,
    },
    /// A small delay, far below the client's timeout (a timed-out request the emulator
    /// still applies later would make the verdict depend on timing).
    Latency {
        /// Milliseconds.
        ms: u64,
    },
    /// A `content-md5` that does not match (reads and standard increments only).
    CorruptMd5,
}

impl Fault {
    /// How the report names it.
    pub fn name(self) -> &'static str {
        match self {
            Fault::Storm { .. } => "429 storm (Retry-After: 1)",
            Fault::ServerError { .. } => "5xx",
            Fault::Drop {
                mode: DropMode::BeforeApply,
                ..
            } => "drop before apply",
            Fault::Drop {
                mode: DropMode::AfterApply,
                ..
            } => "drop after apply",
            Fault::Latency { .. } => "latency",
            Fault::CorruptMd5 => "corrupt content-md5",
        }
    }

    /// The rule that puts it in place for an operation of `kind`.
    pub fn rule(self, kind: Kind) -> FaultRule {
        let mut rule = FaultRule {
            route: kind.route().into(),
            times: Some(1),
            ..FaultRule::default()
        };
        match self {
            Fault::Storm { times } => {
                rule.route = "*".into();
                rule.status = Some(429);
                rule.retry_after_secs = Some(1);
                rule.times = Some(times);
            }
            Fault::ServerError {
                status,
                times,
                retry_after,
            } => {
                rule.status = Some(status);
                rule.times = Some(times);
                rule.retry_after_secs = retry_after.then_some(0);
            }
            Fault::Drop { mode, times } => {
                rule.drop = Some(mode);
                rule.times = Some(times);
            }
            Fault::Latency { ms } => rule.latency_ms = Some(ms),
            Fault::CorruptMd5 => rule.corrupt_md5 = true,
        }
        rule
    }

    /// Draws the fault of an operation of `kind`, if any (about one operation in four).
    fn draw(rng: &mut fastrand::Rng, kind: Kind) -> Option<Fault> {
        let roll = rng.u32(0..1000);
        Some(match roll {
            // 0.4%: a storm of 1 to 3 answers.
            0..=3 => Fault::Storm {
                times: rng.u32(1..=3),
            },
            // 8%: a 5xx, up to 4 times (a 4th beats the client's 4 attempts).
            4..=83 => Fault::ServerError {
                status: [500, 502, 503, 504][rng.usize(0..4)],
                times: rng.u32(1..=4),
                retry_after: rng.bool(),
            },
            // 5% each: a connection dropped before or after the request is applied.
            84..=133 => Fault::Drop {
                mode: DropMode::BeforeApply,
                times: rng.u32(1..=2),
            },
            134..=183 => Fault::Drop {
                mode: DropMode::AfterApply,
                times: rng.u32(1..=2),
            },
            // 2%: 1 to 10 ms of latency.
            184..=203 => Fault::Latency {
                ms: rng.u64(1..=10),
            },
            // 2% of the operations that read a checksum.
            204..=223 if matches!(kind, Kind::Read | Kind::Increment) => Fault::CorruptMd5,
            _ => return None,
        })
    }
}

/// One operation of the workload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Op {
    /// Its place in the whole run, from 0; it makes its values unique.
    pub index: u64,
    /// What it does.
    pub kind: Kind,
    /// The set key (sets and reads) or the counter (increments) it touches.
    pub target: usize,
    /// The fault put in place before it.
    pub fault: Option<Fault>,
}

/// Draws the operations of one round, `first` being the index of its first. Counters take
/// at most [`SLOTS_PER_COUNTER`] increments a round; an increment that finds every
/// counter of its kind full is drawn as a read instead.
pub fn round(rng: &mut fastrand::Rng, first: u64, len: u64) -> Vec<Op> {
    let mut used = [[0usize; COUNTERS]; 2];
    (first..first + len)
        .map(|index| {
            let mut kind = Kind::draw(rng);
            let target = match kind {
                Kind::Increment | Kind::OrderedIncrement => {
                    let slots = &mut used[usize::from(kind == Kind::OrderedIncrement)];
                    let start = rng.usize(0..COUNTERS);
                    match (0..COUNTERS)
                        .map(|i| (start + i) % COUNTERS)
                        .find(|&c| slots[c] < SLOTS_PER_COUNTER)
                    {
                        Some(counter) => {
                            slots[counter] += 1;
                            counter
                        }
                        None => {
                            kind = Kind::Read;
                            rng.usize(0..SET_KEYS)
                        }
                    }
                }
                Kind::Set | Kind::Read => rng.usize(0..SET_KEYS),
                Kind::Publish | Kind::Upload => 0,
            };
            let fault = Fault::draw(rng, kind);
            Op {
                index,
                kind,
                target,
                fault,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_draws_the_same_round() {
        let a = round(&mut fastrand::Rng::with_seed(7), 0, 500);
        let b = round(&mut fastrand::Rng::with_seed(7), 0, 500);
        assert_eq!(a, b);
        assert_ne!(a, round(&mut fastrand::Rng::with_seed(8), 0, 500));
    }

    #[test]
    fn counters_never_take_more_slots_than_the_encoding_holds() {
        let ops = round(&mut fastrand::Rng::with_seed(1), 0, 5000);
        for kind in [Kind::Increment, Kind::OrderedIncrement] {
            for counter in 0..COUNTERS {
                let taken = ops
                    .iter()
                    .filter(|op| op.kind == kind && op.target == counter)
                    .count();
                assert!(taken <= SLOTS_PER_COUNTER, "{kind:?} {counter}: {taken}");
            }
        }
    }

    #[test]
    fn a_storm_spans_routes_and_other_faults_stay_on_theirs() {
        let storm = Fault::Storm { times: 3 }.rule(Kind::Set);
        assert_eq!((storm.route.as_str(), storm.status), ("*", Some(429)));
        let drop = Fault::Drop {
            mode: DropMode::AfterApply,
            times: 1,
        }
        .rule(Kind::Publish);
        assert_eq!(drop.route, "messaging.publish");
        assert_eq!(drop.drop, Some(DropMode::AfterApply));
    }
}
