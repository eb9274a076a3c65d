//! `soak [--ops N] [--seed S]`: a mixed workload through the client against an in-process
//! emulator with random faults on, then invariants checked against the emulator's state.
//! Run by `cargo xtask soak`; exits non-zero on any violation or on memory that keeps
//! growing.
//!
//! The operations run one at a time, in rounds of [`ROUND`]. Before each, the fault the
//! seed drew for it (a 429 storm, a 5xx, a connection dropped before or after the request
//! is applied, a little latency, a corrupt checksum) is put in place as a rule with
//! `times`, so which requests it hits depends on the seed alone. Each round ends by
//! clearing the faults and checking the round's operations against the emulator:
//! - data store keys hold their last acknowledged value or a later one that may have been
//!   applied (reads during the round are held to the same rule);
//! - counters (reset to 0 at the start of a round) equal the acknowledged increments plus
//!   some of those that may have been applied, each at most once: increment `j` of a round
//!   adds `3^j`, so the value read in base 3 counts each one's applications;
//! - each published message and each uploaded asset is present once when acknowledged,
//!   absent when certainly not applied, at most once otherwise.

mod ledger;
mod memory;
mod plan;

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use oc_assets::{AssetType, Content, CreatorAssetsExt};
use oc_core::{Client, RetryConfig};
use oc_datastores::{ChecksumMismatch, DataStore, ExperienceDataStoresExt, OrderedDataStore};
use oc_emulator::{Config, DataStoreEntryConfig, EmulatorHandle, OrderedEntryConfig};
use oc_messaging::ExperienceMessagingExt;

use ledger::{check_presence, CounterRound, KeyModel, Outcome, Tally, Write};
use plan::{Kind, Op, COUNTERS, SET_KEYS};

/// An error for the person at the terminal.
type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Operations per round: a round's messages must fit the emulator's message buffer.
const ROUND: u64 = 250;
/// Published messages the emulator keeps (more than a round publishes, so a round's are
/// all there when it is checked; small, so the buffer fills early and memory levels off).
const KEPT_MESSAGES: usize = 2_000;
/// Requests the emulator's log keeps (same reason).
const KEPT_REQUESTS: usize = 5_000;
/// Versions kept per data store entry (same reason).
const KEPT_VERSIONS: usize = 10;
/// Violations described in full; the rest are counted.
const SHOWN_VIOLATIONS: usize = 10;
/// The memory rule's fixed allowance for the second half's growth, in KiB (allocator and
/// runtime noise, and state that legitimately grows: assets are kept, without bytes).
const GROWTH_SLACK_KIB: i64 = 16 * 1024;

/// The standard data store of the set keys and counters.
const STORE: &str = "soak";
/// The ordered data store of the ordered counters.
const ORDERED: &str = "soak-ordered";
/// The topic messages go to.
const TOPIC: &str = "soak";
/// The smallest PNG: a 1x1 transparent pixel.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

const USAGE: &str = "usage: soak [--ops N] [--seed S]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (ops, seed) = match parse_args(&args) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("soak: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("soak: could not start a runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(ops, seed)) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("soak: error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// `--ops N` (default 1000) and `--seed S` (default: drawn, and printed to rerun with).
fn parse_args(args: &[String]) -> Result<(u64, u64), String> {
    let mut ops = 1000;
    let mut seed = None;
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let mut number = |name: &str| -> Result<u64, String> {
            let value = rest.next().ok_or(format!("{name} needs a value"))?;
            value
                .parse()
                .map_err(|_| format!("{name}: `{value}` is not a whole number"))
        };
        match flag.as_str() {
            "--ops" => ops = number("--ops")?,
            "--seed" => seed = Some(number("--seed")?),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    if ops == 0 {
        return Err("--ops must be at least 1".into());
    }
    Ok((ops, seed.unwrap_or_else(|| fastrand::u64(..))))
}

/// Everything the run keeps between operations and rounds.
struct Soak {
    emulator: EmulatorHandle,
    client: Client,
    store: DataStore,
    ordered: OrderedDataStore,
    seed: u64,
    keys: Vec<KeyModel>,
    /// This round's increments per counter: standard, then ordered.
    counters: [Vec<CounterRound>; 2],
    messages: Vec<Write>,
    uploads: Vec<Write>,
    tally: Tally,
    faults: BTreeMap<&'static str, u64>,
    checksum_mismatches: u64,
    violations: Vec<String>,
}

/// Runs the soak and prints its report; `Ok(false)` when an invariant or the memory rule
/// failed.
async fn run(ops: u64, seed: u64) -> Result<bool, BoxError> {
    println!(
        "soak: {ops} operations, seed {seed} (rerun: cargo xtask soak --ops {ops} --seed {seed})"
    );
    let mut config = Config::default();
    config.messaging.max_published_messages = KEPT_MESSAGES;
    config.request_log.max_entries = KEPT_REQUESTS;
    config.datastores.max_versions_per_entry = KEPT_VERSIONS;
    // Uploads answer a finished operation: the soak checks the assets, not the polling.
    config.assets.polls_until_done = 0;
    // The soak injects its own 429s; the published limits would only slow it down.
    let emulator = oc_emulator::Emulator::builder()
        .config(config)
        .rate_limits(false)
        .start()
        .await?;
    let client = Client::builder()
        .base_url(emulator.base_url())
        .api_key(emulator.api_key())
        // Far above the injected latency: no attempt times out, so no request is applied
        // after the client gave up on it (which would make the verdict depend on timing).
        .timeout(Some(Duration::from_secs(10)))
        .retry(
            RetryConfig::default()
                .with_max_attempts(4)
                .with_backoff(Duration::from_millis(1), Duration::from_millis(20))
                // A second 429 (each asks for 1 s) ends the call: a storm costs a second.
                .with_max_elapsed(Duration::from_millis(1500)),
        )
        .build()?;
    let experience = client.experience(emulator.universe_id());
    let mut soak = Soak {
        store: experience.data_store(STORE),
        ordered: experience.ordered_data_store(ORDERED),
        emulator,
        client,
        seed,
        keys: vec![KeyModel::default(); SET_KEYS],
        counters: Default::default(),
        messages: Vec::new(),
        uploads: Vec::new(),
        tally: Tally::default(),
        faults: BTreeMap::new(),
        checksum_mismatches: 0,
        violations: Vec::new(),
    };

    let started = Instant::now();
    let start = memory::sample();
    let mut samples = vec![(0, start)];
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut done = 0;
    while done < ops {
        let len = ROUND.min(ops - done);
        let round = plan::round(&mut rng, done, len);
        soak.start_round();
        for op in &round {
            soak.perform(op).await;
        }
        soak.emulator.clear_faults();
        soak.verify_round().await;
        done += len;
        samples.push((done, memory::sample()));
    }
    let elapsed = started.elapsed();
    soak.emulator.shutdown().await;

    soak.report(ops, elapsed);
    let memory_ok = report_memory(&samples, ops);
    Ok(soak.violations.is_empty() && memory_ok)
}

impl Soak {
    /// Resets the counters to 0 through the handle and forgets the last round's writes.
    fn start_round(&mut self) {
        let universe = self.emulator.universe_id();
        for counter in 0..COUNTERS {
            self.emulator
                .set_data_store_entry(&DataStoreEntryConfig::new(
                    universe,
                    STORE,
                    counter_key(counter),
                    serde_json::json!(0),
                ));
            self.emulator.set_ordered_entry(&OrderedEntryConfig::new(
                universe,
                ORDERED,
                counter_key(counter),
                0,
            ));
        }
        self.counters = [
            vec![CounterRound::default(); COUNTERS],
            vec![CounterRound::default(); COUNTERS],
        ];
        self.messages.clear();
        self.uploads.clear();
    }

    /// Puts the operation's fault in place, performs it through the client and records
    /// its outcome.
    async fn perform(&mut self, op: &Op) {
        if let Some(fault) = op.fault {
            self.emulator.inject_fault(fault.rule(op.kind));
            *self.faults.entry(fault.name()).or_default() += 1;
        }
        let outcome = match op.kind {
            Kind::Set => {
                let value = format!("set {} of seed {}", op.index, self.seed);
                let result = self.store.set(key(op.target), &value).await;
                let outcome = self.outcome(&result);
                self.keys[op.target].set(&value, outcome);
                outcome
            }
            Kind::Read => {
                let result = self.store.get_as::<String>(key(op.target)).await;
                let read = match result {
                    Ok((value, _)) => Ok(Some(value)),
                    Err(error) if error.is_not_found() => Ok(None),
                    Err(error) => Err(error),
                };
                match read {
                    Ok(value) => {
                        if let Err(problem) = self.keys[op.target].observe(value.as_deref()) {
                            self.violation(format!(
                                "read of {} by op {}: {problem}",
                                key(op.target),
                                op.index
                            ));
                        }
                        Outcome::Acknowledged
                    }
                    Err(error) => self.outcome::<()>(&Err(error)),
                }
            }
            Kind::Increment | Kind::OrderedIncrement => {
                let ordered = op.kind == Kind::OrderedIncrement;
                let round = &self.counters[usize::from(ordered)][op.target];
                let amount = round.next_amount();
                let outcome = if ordered {
                    let result = self.ordered.increment(counter_key(op.target), amount).await;
                    self.outcome(&result)
                } else {
                    let result = self.store.increment(counter_key(op.target), amount).await;
                    self.outcome(&result)
                };
                self.counters[usize::from(ordered)][op.target]
                    .slots
                    .push((op.index, outcome));
                outcome
            }
            Kind::Publish => {
                let marker = format!("message {} of seed {}", op.index, self.seed);
                let result = self
                    .client
                    .experience(self.emulator.universe_id())
                    .publish_message(TOPIC, marker.clone())
                    .await;
                let outcome = self.outcome(&result);
                self.messages.push(Write {
                    op: op.index,
                    marker,
                    outcome,
                });
                outcome
            }
            Kind::Upload => {
                let marker = format!("soak {} {}", self.seed % 100_000, op.index);
                let content = Content::bytes(PNG).content_type("image/png");
                let result = self
                    .client
                    .user(self.emulator.user_id())
                    .upload_asset(AssetType::Decal, marker.clone(), content)
                    .await;
                let outcome = self.outcome(&result);
                self.uploads.push(Write {
                    op: op.index,
                    marker,
                    outcome,
                });
                outcome
            }
        };
        self.tally.add(op.kind, outcome);
    }

    /// The outcome of a call, counting checksum mismatches on the way.
    fn outcome<T>(&mut self, result: &Result<T, oc_core::Error>) -> Outcome {
        match result {
            Ok(_) => Outcome::Acknowledged,
            Err(error) => {
                if error.detail::<ChecksumMismatch>().is_some() {
                    self.checksum_mismatches += 1;
                }
                Outcome::of(error)
            }
        }
    }

    fn violation(&mut self, description: String) {
        self.violations.push(description);
    }

    /// Checks the round's operations against the emulator's state, faults cleared.
    async fn verify_round(&mut self) {
        for index in 0..SET_KEYS {
            let read = match self.store.get_as::<String>(key(index)).await {
                Ok((value, _)) => Some(value),
                Err(error) if error.is_not_found() => None,
                Err(error) => {
                    self.violation(format!("verify: could not read {}: {error}", key(index)));
                    continue;
                }
            };
            if let Err(problem) = self.keys[index].observe(read.as_deref()) {
                self.violation(format!("{} at the end of a round: {problem}", key(index)));
            }
        }
        for counter in 0..COUNTERS {
            let standard = self.store.get_as::<i64>(counter_key(counter)).await;
            let ordered = self.ordered.get(counter_key(counter)).await;
            for (kind, value) in [("standard", standard.map(|(v, _)| v)), ("ordered", ordered)] {
                let round = &self.counters[usize::from(kind == "ordered")][counter];
                let problems = match value {
                    Ok(value) => round.check(value),
                    Err(error) => vec![format!("could not read it: {error}")],
                };
                for problem in problems {
                    self.violation(format!("{kind} {}: {problem}", counter_key(counter)));
                }
            }
        }
        let mut present = BTreeMap::<String, usize>::new();
        for message in self.emulator.published_messages() {
            *present.entry(message.message).or_default() += 1;
        }
        for problem in check_presence(&self.messages, &present, "message") {
            self.violation(problem);
        }
        let mut present = BTreeMap::<String, usize>::new();
        for asset in self.emulator.assets() {
            *present.entry(asset.display_name).or_default() += 1;
        }
        for problem in check_presence(&self.uploads, &present, "asset") {
            self.violation(problem);
        }
    }

    /// Prints the outcomes, the faults and the violations.
    fn report(&self, ops: u64, elapsed: Duration) {
        println!(
            "soak: {ops} operations in {:.1} s (seed {})",
            elapsed.as_secs_f64(),
            self.seed
        );
        println!(
            "{:<22}{:>14}{:>23}{:>23}",
            "operation", "acknowledged", "certainly not applied", "may have been applied"
        );
        for kind in Kind::ALL {
            let [acked, not, maybe] = Outcome::ALL.map(|o| self.tally.get(kind, o));
            println!("{:<22}{acked:>14}{not:>23}{maybe:>23}", kind.name());
        }
        let faults: Vec<String> = self
            .faults
            .iter()
            .map(|(name, count)| format!("{name} {count}"))
            .collect();
        println!("faults injected: {}", faults.join(", "));
        println!(
            "checksum mismatches caught by the client: {}",
            self.checksum_mismatches
        );
        println!("violations: {}", self.violations.len());
        for violation in self.violations.iter().take(SHOWN_VIOLATIONS) {
            println!("  {violation}");
        }
        if self.violations.len() > SHOWN_VIOLATIONS {
            println!(
                "  ... and {} more",
                self.violations.len() - SHOWN_VIOLATIONS
            );
        }
    }
}

/// Prints the memory samples and applies the growth rule; `false` when memory keeps
/// growing.
///
/// The rule: memory that levels off grows mostly in the first half (the runtime, the
/// connection pool, the emulator's buffers filling up to their caps) and little in the
/// second; memory that keeps growing (something unbounded) grows about as much in the
/// second half as in the first. So the second half may grow at most half as much as the
/// first, plus a generous fixed allowance ([`GROWTH_SLACK_KIB`]) for allocator noise and
/// for state that legitimately grows (assets are kept, without their bytes). A short run
/// cannot tell the two apart, and passes unless it grows by more than the allowance.
fn report_memory(samples: &[(u64, Option<memory::Sample>)], ops: u64) -> bool {
    let Some((_, Some(start))) = samples.first() else {
        println!("memory: /proc/self/status is not readable here; not measured");
        return true;
    };
    let Some((_, Some(end))) = samples.last() else {
        return true;
    };
    let mid = samples
        .iter()
        .find(|(done, _)| *done >= ops / 2)
        .and_then(|(_, s)| *s)
        .unwrap_or(*end);
    println!(
        "memory (this process: the emulator, the client and the soak's ledger): start {}, middle {}, end {}, peak {} (VmHWM)",
        memory::mib(start.rss_kib),
        memory::mib(mid.rss_kib),
        memory::mib(end.rss_kib),
        memory::mib(end.peak_kib)
    );
    let kib = |k: u64| i64::try_from(k).unwrap_or(i64::MAX);
    let first = kib(mid.rss_kib) - kib(start.rss_kib);
    let second = kib(end.rss_kib) - kib(mid.rss_kib);
    let allowed = first.max(0) / 2 + GROWTH_SLACK_KIB;
    let flat = second <= allowed;
    println!(
        "memory growth: first half {}, second half {} (allowed {}): {}",
        memory::mib_delta(first),
        memory::mib_delta(second),
        memory::mib_delta(allowed),
        if flat { "levels off" } else { "KEEPS GROWING" }
    );
    flat
}

/// The data store key of set key `index`.
fn key(index: usize) -> String {
    format!("key-{index}")
}

/// The key (or ordered entry id) of counter `index`.
fn counter_key(index: usize) -> String {
    format!("counter-{index}")
}
