//! The webhook fuzz target's body on a stable toolchain, without libFuzzer: mutates seed
//! inputs at random (no coverage guidance) for a given time and fails on the first
//! panic, printing the input. `cargo xtask fuzz webhook` runs it when cargo-fuzz or a
//! nightly toolchain is missing.
//!
//! Usage: `fuzz_stable [--time SECS] [--seed N] [CORPUS_DIR...]`

use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use oc_webhook::fuzzing::fuzz_body;

/// Inputs every run starts from: a header line, then a body.
const SEEDS: &[&str] = &[
    "t=1700000000,v1=pVAcbmjcMTVTRdWN8b3oUP2VBfe3rQjdD5/S8Thou8k=\n{\"NotificationId\":\"string\",\"EventType\":\"SampleNotification\",\"EventTime\":\"2023-12-30T16:24:24.2118874Z\",\"EventPayload\":{\"UserId\":1}}",
    " v1=AAAA , t=1700000000,v1=x\n{\"NotificationId\":\"9f2c\",\"EventType\":\"RightToErasureRequest\",\"EventTime\":\"2023-12-30T16:24:24+02:00\",\"EventPayload\":{\"UserId\":\"1\",\"GameIds\":[1234,\"2345\"]}}",
    "t=1\n{\"NotificationId\":\"n\",\"EventType\":\"Other\",\"EventTime\":\"2024-01-01T00:00:00Z\",\"EventPayload\":{\"A\":[{\"b\":null}]}}",
];

/// Fragments spliced in: the syntax the parsers care about.
const TOKENS: &[&str] = &[
    "t=",
    "v1=",
    ",",
    "=",
    " ",
    "\n",
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    "-",
    ".",
    "Z",
    "+02:00",
    "99999999999999999999",
    "1700000000",
    "\"UserId\":",
    "\"GameIds\":",
    "\"EventType\":",
    "\"EventTime\":",
    "\"EventPayload\":",
    "\"NotificationId\":",
    "SampleNotification",
    "RightToErasureRequest",
    "null",
    "1e400",
    "-1",
    "\u{0}",
    "é",
    "\u{1F600}",
    "\\u0000",
    "2023-02-29T24:60:60.1234567890Z",
];

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

fn mutate(rng: &mut Rng, input: &mut Vec<u8>) {
    for _ in 0..=rng.below(8) {
        let len = input.len();
        match rng.below(8) {
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
            4 | 5 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                let at = rng.below(len + 1);
                input.splice(at..at, token.iter().copied());
            }
            6 if len > 0 => {
                let start = rng.below(len);
                let end = (start + 1 + rng.below(32)).min(len);
                let chunk: Vec<u8> = input[start..end].to_vec();
                let at = rng.below(len + 1);
                input.splice(at..at, chunk);
            }
            _ => input.truncate(rng.below(len + 1)),
        }
    }
}

fn main() -> ExitCode {
    let mut time = Duration::from_secs(60);
    let mut seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64);
    let mut corpus: Vec<Vec<u8>> = SEEDS.iter().map(|s| s.as_bytes().to_vec()).collect();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let parsed = match arg.as_str() {
            "--time" => args.next().and_then(|v| v.parse().ok()).map(|secs| {
                time = Duration::from_secs(secs);
            }),
            "--seed" => args.next().and_then(|v| v.parse().ok()).map(|n| seed = n),
            flag if flag.starts_with("--") => None,
            dir => {
                // A corpus directory is only there once libFuzzer has run (it is not in
                // the repository): without one, the built-in seeds are the start.
                match std::fs::read_dir(PathBuf::from(dir)) {
                    Ok(entries) => {
                        for entry in entries.flatten() {
                            if let Ok(bytes) = std::fs::read(entry.path()) {
                                corpus.push(bytes);
                            }
                        }
                    }
                    Err(_) => println!("no corpus at {dir}; starting from the built-in seeds"),
                }
                Some(())
            }
        };
        if parsed.is_none() {
            eprintln!("usage: fuzz_stable [--time SECS] [--seed N] [CORPUS_DIR...]");
            return ExitCode::from(2);
        }
    }
    println!(
        "stable fuzzing (random mutations, no coverage guidance): {} s, seed {seed}, {} inputs to start from",
        time.as_secs(),
        corpus.len()
    );
    // The panic is reported below, with its input.
    panic::set_hook(Box::new(|_| {}));
    let mut rng = Rng(seed);
    let started = Instant::now();
    let mut runs: u64 = 0;
    while started.elapsed() < time {
        for _ in 0..1000 {
            let mut input = if rng.below(16) == 0 {
                (0..rng.below(256)).map(|_| rng.next() as u8).collect()
            } else {
                corpus[rng.below(corpus.len())].clone()
            };
            mutate(&mut rng, &mut input);
            runs += 1;
            if let Err(panic) = panic::catch_unwind(AssertUnwindSafe(|| fuzz_body(&input))) {
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                eprintln!("PANIC after {runs} runs: {message}");
                eprintln!(
                    "input ({} bytes): {:?}",
                    input.len(),
                    String::from_utf8_lossy(&input)
                );
                eprintln!(
                    "input (hex): {}",
                    input.iter().map(|b| format!("{b:02x}")).collect::<String>()
                );
                return ExitCode::FAILURE;
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "no panic in {runs} runs ({:.0} runs/s)",
        runs as f64 / secs.max(f64::MIN_POSITIVE)
    );
    ExitCode::SUCCESS
}
