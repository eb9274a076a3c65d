//! The stable fuzz driver, shared by every crate's targets: each seed input is run as it
//! is, then random mutations of them (no coverage guidance) for a given time; the first
//! panic fails the run, printing its input. `cargo xtask fuzz TARGET` runs it when
//! cargo-fuzz or a nightly toolchain is missing, and `cargo xtask test` runs every target
//! for a few seconds. An example program gives [`main`] its targets and the fragments its
//! formats are made of.
//!
//! Usage of such a program: `PROGRAM TARGET|all [--time SECS] [--seed N] [DIR...]`, where
//! each `DIR` holds one folder of inputs per target (`DIR/TARGET/*`), such as
//! `fuzz/seeds` (checked in) and `fuzz/corpus` (what libFuzzer kept). With `all`, each
//! target gets `SECS`.

use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::Target;

/// What a driver program fuzzes.
#[derive(Debug, Clone, Copy)]
pub struct Driver<'a> {
    /// The program's name, for its usage line.
    pub program: &'a str,
    /// Its targets.
    pub targets: &'a [Target],
    /// Fragments spliced into inputs: the syntax and the names the parsers care about.
    pub tokens: &'a [&'a str],
    /// Whether the targets' fixtures could be made; the driver refuses to run without.
    pub ready: fn() -> bool,
}

/// A small fast generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, input: &mut Vec<u8>, corpus: &[Vec<u8>], tokens: &[&str]) {
    for _ in 0..=rng.below(8) {
        let len = input.len();
        match rng.below(10) {
            0 if len > 0 => {
                let at = rng.below(len);
                input[at] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let at = rng.below(len);
                input[at] = rng.next() as u8;
            }
            2 => {
                let at = rng.below(len + 1);
                input.insert(at, rng.next() as u8);
            }
            3 if len > 0 => {
                let start = rng.below(len);
                let end = (start + 1 + rng.below(16)).min(len);
                input.drain(start..end);
            }
            4..=6 => {
                let token = tokens[rng.below(tokens.len())].as_bytes();
                let at = rng.below(len + 1);
                input.splice(at..at, token.iter().copied());
            }
            7 if len > 0 => {
                let start = rng.below(len);
                let end = (start + 1 + rng.below(32)).min(len);
                let chunk: Vec<u8> = input[start..end].to_vec();
                let at = rng.below(len + 1);
                input.splice(at..at, chunk);
            }
            8 if !corpus.is_empty() => {
                // A piece of another input: crosses shapes between seeds.
                let other = &corpus[rng.below(corpus.len())];
                if !other.is_empty() {
                    let start = rng.below(other.len());
                    let end = (start + 1 + rng.below(64)).min(other.len());
                    let at = rng.below(len + 1);
                    input.splice(at..at, other[start..end].iter().copied());
                }
            }
            _ => input.truncate(rng.below(len + 1)),
        }
    }
}

/// Runs `input` through the target; the panic's message when it panics.
fn run_one(target: &Target, input: &[u8]) -> Option<String> {
    panic::catch_unwind(AssertUnwindSafe(|| (target.run)(input)))
        .err()
        .map(|panic| {
            panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default()
        })
}

fn report_panic(target: &Target, runs: u64, message: &str, input: &[u8]) {
    eprintln!("{}: PANIC after {runs} runs: {message}", target.name);
    eprintln!(
        "input ({} bytes): {:?}",
        input.len(),
        String::from_utf8_lossy(input)
    );
    eprintln!(
        "input (hex): {}",
        input.iter().map(|b| format!("{b:02x}")).collect::<String>()
    );
}

/// The inputs of `target` in each `DIR/target`.
fn load(target: &Target, dirs: &[PathBuf]) -> Vec<Vec<u8>> {
    let mut corpus = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir.join(target.name)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            if let Ok(bytes) = std::fs::read(&path) {
                corpus.push(bytes);
            }
        }
    }
    corpus
}

/// Fuzzes one target for `time`; `false` on a panic.
fn fuzz(target: &Target, tokens: &[&str], time: Duration, seed: u64, dirs: &[PathBuf]) -> bool {
    let mut corpus = load(target, dirs);
    let seeds = corpus.len();
    if corpus.is_empty() {
        println!(
            "{}: no inputs in the given folders; starting from nothing",
            target.name
        );
        corpus.push(Vec::new());
    }
    let started = Instant::now();
    let mut runs: u64 = 0;
    // Every seed as it is first: a seed that panics fails at once, whatever the luck.
    for input in &corpus {
        runs += 1;
        if let Some(message) = run_one(target, input) {
            report_panic(target, runs, &message, input);
            return false;
        }
    }
    let mut rng = Rng(seed);
    while started.elapsed() < time {
        for _ in 0..100 {
            let mut input = if rng.below(16) == 0 {
                (0..rng.below(256)).map(|_| rng.next() as u8).collect()
            } else {
                corpus[rng.below(corpus.len())].clone()
            };
            mutate(&mut rng, &mut input, &corpus, tokens);
            runs += 1;
            if let Some(message) = run_one(target, &input) {
                report_panic(target, runs, &message, &input);
                return false;
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{}: no panic in {runs} runs over {secs:.1} s ({:.0} runs/s) from {seeds} inputs; coverage: unknown (no instrumentation)",
        target.name,
        runs as f64 / secs.max(f64::MIN_POSITIVE)
    );
    true
}

fn usage(driver: &Driver<'_>) -> ExitCode {
    let names: Vec<&str> = driver.targets.iter().map(|t| t.name).collect();
    eprintln!(
        "usage: {} TARGET|all [--time SECS] [--seed N] [DIR...]\ntargets: {}",
        driver.program,
        names.join(", ")
    );
    ExitCode::from(2)
}

/// Parses the program's arguments and fuzzes the targets they name.
pub fn main(driver: &Driver<'_>) -> ExitCode {
    let mut time = Duration::from_secs(60);
    let mut seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64);
    let mut name = None;
    let mut dirs = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let parsed = match arg.as_str() {
            "--time" => args.next().and_then(|v| v.parse().ok()).map(|secs| {
                time = Duration::from_secs(secs);
            }),
            "--seed" => args.next().and_then(|v| v.parse().ok()).map(|n| seed = n),
            flag if flag.starts_with("--") => None,
            word if name.is_none() => {
                name = Some(word.to_owned());
                Some(())
            }
            dir => {
                dirs.push(PathBuf::from(dir));
                Some(())
            }
        };
        if parsed.is_none() {
            return usage(driver);
        }
    }
    let targets: Vec<&Target> = match name.as_deref() {
        Some("all") => driver.targets.iter().collect(),
        Some(name) => match driver.targets.iter().find(|t| t.name == name) {
            Some(target) => vec![target],
            None => return usage(driver),
        },
        None => return usage(driver),
    };
    if !(driver.ready)() {
        eprintln!("the targets' fixtures could not be made");
        return ExitCode::FAILURE;
    }
    println!(
        "stable fuzzing (random mutations, no coverage guidance): {} s per target, seed {seed}",
        time.as_secs()
    );
    // Each panic is reported by `fuzz`, with its input.
    panic::set_hook(Box::new(|_| {}));
    for target in targets {
        if !fuzz(target, driver.tokens, time, seed, &dirs) {
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
