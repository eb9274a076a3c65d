//! `cargo xtask fuzz TARGET|all [--time SECS] [--stable]`: runs fuzz targets for a while.
//!
//! With cargo-fuzz and a nightly toolchain installed it runs libFuzzer
//! (`cargo +nightly fuzz run TARGET fuzz/corpus/TARGET fuzz/seeds/TARGET --
//! -max_total_time=SECS` in the crate's directory: new inputs go to the corpus, which is
//! not checked in; the seeds are); otherwise, or with `--stable`, the same fuzz body runs
//! on the stable toolchain over random mutations of the seeds (no coverage guidance),
//! built with the `fuzz` profile (optimised, overflow checks on). Either way it says
//! which ran, and ends with the runs, runs per second and, for libFuzzer, the coverage.
//!
//! [`smoke`] is `cargo xtask test`'s short pass of every target with the stable drivers.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};

use crate::process::{self, cargo, workspace_root};
use crate::Result;

/// A fuzz target: the name `cargo xtask fuzz` and cargo-fuzz take, the directory of its
/// cargo-fuzz crate (seeds in its `seeds/TARGET`), and the example of [`DRIVER_PACKAGE`]
/// that is its stable driver. A stable driver runs one or several targets: it takes the
/// target's name (or `all`) and folders holding one folder of inputs per target.
struct Target {
    name: &'static str,
    fuzz_dir: &'static str,
    stable_example: &'static str,
}

/// The package of every stable driver (`oc_fuzz::driver` and one example per fuzzed
/// crate); it also holds the client targets' bodies.
const DRIVER_PACKAGE: &str = "rblx-oc-fuzz";

/// The client targets: bodies in `crates/oc-fuzz/src`, cargo-fuzz crate in its `fuzz/`.
const fn client(name: &'static str) -> Target {
    Target {
        name,
        fuzz_dir: "crates/oc-fuzz/fuzz",
        stable_example: "fuzz_stable_client",
    }
}

/// The emulator targets: bodies in `oc_emulator::fuzzing`, cargo-fuzz crate in
/// `crates/oc-emulator/fuzz`.
const fn emulator(name: &'static str) -> Target {
    Target {
        name,
        fuzz_dir: "crates/oc-emulator/fuzz",
        stable_example: "fuzz_stable_emulator",
    }
}

const TARGETS: &[Target] = &[
    // The body is `oc_webhook::fuzzing::fuzz_body`.
    Target {
        name: "webhook",
        fuzz_dir: "crates/oc-webhook/fuzz",
        stable_example: "fuzz_stable_webhook",
    },
    client("api_error"),
    client("rate_limit"),
    client("endpoints"),
    client("id_token"),
    emulator("emulator_routes"),
    emulator("emulator_json"),
    emulator("emulator_multipart"),
    emulator("emulator_oauth2_form"),
    emulator("emulator_config"),
];

/// What a run reported.
#[derive(Debug, Default, Clone, PartialEq)]
struct Summary {
    driver: &'static str,
    runs: Option<u64>,
    per_second: Option<f64>,
    coverage: Option<String>,
}

/// Runs the target (or all of them) named in `args`.
pub fn run(args: &[String]) -> Result {
    let mut name = None;
    let mut seconds: u64 = 60;
    let mut force_stable = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--time" => {
                let value = args.next().ok_or("`--time` needs a number of seconds")?;
                seconds = value
                    .parse()
                    .map_err(|_| format!("`--time {value}`: not a number of seconds"))?;
            }
            "--stable" => force_stable = true,
            other if name.is_none() && !other.starts_with('-') => name = Some(other.to_owned()),
            other => return Err(format!("unexpected argument `{other}`").into()),
        }
    }
    let known: Vec<&str> = TARGETS.iter().map(|t| t.name).collect();
    let name = name.ok_or_else(|| format!("name a target or `all`: {}", known.join(", ")))?;
    let targets: Vec<&Target> = if name == "all" {
        TARGETS.iter().collect()
    } else {
        vec![TARGETS
            .iter()
            .find(|t| t.name == name)
            .ok_or_else(|| format!("no fuzz target `{name}`; the targets: {}", known.join(", ")))?]
    };
    let libfuzzer = !force_stable && cargo_fuzz_available();
    if libfuzzer {
        println!("fuzz mode: libFuzzer (cargo-fuzz, nightly), {seconds} s per target");
    } else {
        println!(
            "fuzz mode: stable driver (random mutations, no coverage guidance), {seconds} s per target{}",
            if force_stable {
                ""
            } else {
                "; for libFuzzer: `rustup toolchain install nightly` and `cargo install cargo-fuzz`"
            }
        );
    }
    let mut summaries = Vec::new();
    for target in targets {
        println!("==> fuzz {}", target.name);
        let summary = if libfuzzer {
            run_libfuzzer(target, seconds)
        } else {
            run_stable(target, seconds)
        };
        match summary {
            Ok(summary) => summaries.push((target.name, summary)),
            Err(error) => {
                print_summaries(&summaries);
                return Err(format!("fuzz target `{}`: {error}", target.name).into());
            }
        }
    }
    print_summaries(&summaries);
    Ok(())
}

/// `cargo xtask test`'s pass: every target for `seconds` with its stable driver in the
/// dev profile (debug assertions on, and built by the test step already), from a fixed
/// seed; fails if a driver does not build or a target panics.
pub fn smoke(seconds: u64) -> Result {
    let time = seconds.to_string();
    let root = workspace_root();
    // One run per driver, over all its targets.
    let mut drivers: Vec<&Target> = Vec::new();
    for target in TARGETS {
        if !drivers
            .iter()
            .any(|d| d.stable_example == target.stable_example)
        {
            drivers.push(target);
        }
    }
    for target in drivers {
        let mut command = cargo(["run", "-q", "-p", DRIVER_PACKAGE, "--example"]);
        command.args([target.stable_example, "--", "all"]);
        command.args(["--time", &time, "--seed", "1"]);
        command.arg(root.join(target.fuzz_dir).join("seeds"));
        process::run(&mut command)?;
    }
    Ok(())
}

fn run_libfuzzer(target: &Target, seconds: u64) -> Result<Summary> {
    let fuzz_dir = workspace_root().join(target.fuzz_dir);
    let crate_dir = fuzz_dir.parent().unwrap_or(&fuzz_dir).to_path_buf();
    let corpus = format!("fuzz/corpus/{}", target.name);
    std::fs::create_dir_all(crate_dir.join(&corpus))
        .map_err(|e| format!("could not make {corpus}: {e}"))?;
    let mut command = Command::new("cargo");
    command
        .current_dir(&crate_dir)
        .args(["+nightly", "fuzz", "run", target.name, &corpus]);
    let seeds = format!("fuzz/seeds/{}", target.name);
    if crate_dir.join(&seeds).is_dir() {
        command.arg(&seeds);
    }
    command
        .arg("--")
        .arg(format!("-max_total_time={seconds}"))
        .arg("-print_final_stats=1");
    // libFuzzer reports on standard error: shown as it comes, and read for the summary.
    let mut last = None;
    run_reading(&mut command, Stream::Stderr, |line| {
        if line.starts_with('#') && line.contains("cov:") {
            last = Some(line.to_owned());
        }
    })?;
    Ok(last.map_or(
        Summary {
            driver: "libFuzzer",
            ..Summary::default()
        },
        |line| libfuzzer_summary(&line),
    ))
}

fn run_stable(target: &Target, seconds: u64) -> Result<Summary> {
    let fuzz_dir = workspace_root().join(target.fuzz_dir);
    let mut command = cargo([
        "run",
        "--profile",
        "fuzz",
        "-p",
        DRIVER_PACKAGE,
        "--example",
        target.stable_example,
        "--",
        target.name,
    ]);
    command
        .args(["--time", &seconds.to_string()])
        .arg(fuzz_dir.join("seeds"))
        .arg(fuzz_dir.join("corpus"));
    let mut summary = Summary {
        driver: "stable",
        ..Summary::default()
    };
    run_reading(&mut command, Stream::Stdout, |line| {
        if let Some(read) = stable_summary(line) {
            summary = read;
        }
    })?;
    Ok(summary)
}

/// Which output of a command to read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stream {
    Stdout,
    Stderr,
}

/// Runs `command` showing its output as it comes, handing each line of `stream` to
/// `read`; fails unless it succeeds.
fn run_reading(command: &mut Command, stream: Stream, mut read: impl FnMut(&str)) -> Result {
    let shown = process::display(command);
    println!("$ {shown}");
    match stream {
        Stream::Stdout => command.stdout(Stdio::piped()),
        Stream::Stderr => command.stderr(Stdio::piped()),
    };
    let mut child = command
        .spawn()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    let output: Option<Box<dyn Read + Send>> = match stream {
        Stream::Stdout => child.stdout.take().map(|s| Box::new(s) as _),
        Stream::Stderr => child.stderr.take().map(|s| Box::new(s) as _),
    };
    if let Some(output) = output {
        for line in BufReader::new(output).lines() {
            let Ok(line) = line else { break };
            match stream {
                Stream::Stdout => println!("{line}"),
                Stream::Stderr => eprintln!("{line}"),
            }
            read(&line);
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("`{shown}` could not be waited for: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})").into())
    }
}

/// Reads libFuzzer's last status line: `#RUNS DONE cov: N ft: N corp: ... exec/s: N ...`.
fn libfuzzer_summary(line: &str) -> Summary {
    let words: Vec<&str> = line.split_whitespace().collect();
    let after = |key: &str| {
        words
            .iter()
            .position(|w| *w == key)
            .and_then(|at| words.get(at + 1))
            .copied()
    };
    let coverage = match (after("cov:"), after("ft:")) {
        (Some(cov), Some(ft)) => Some(format!("{cov} edges, {ft} features")),
        (Some(cov), None) => Some(format!("{cov} edges")),
        _ => None,
    };
    Summary {
        driver: "libFuzzer",
        runs: words
            .first()
            .and_then(|w| w.strip_prefix('#'))
            .and_then(|n| n.parse().ok()),
        per_second: after("exec/s:").and_then(|n| n.parse().ok()),
        coverage,
    }
}

/// Reads a stable driver's closing line: `... no panic in RUNS runs ... (N runs/s) ...`.
fn stable_summary(line: &str) -> Option<Summary> {
    let rest = line.split("no panic in ").nth(1)?;
    let runs = rest.split_whitespace().next()?.parse().ok();
    let per_second = rest
        .split(" runs/s)")
        .next()
        .and_then(|before| before.rsplit('(').next())
        .and_then(|n| n.trim().parse().ok());
    Some(Summary {
        driver: "stable",
        runs,
        per_second,
        coverage: None,
    })
}

fn print_summaries(summaries: &[(&str, Summary)]) {
    if summaries.is_empty() {
        return;
    }
    println!("fuzz summary:");
    for (name, summary) in summaries {
        let runs = summary.runs.map_or("?".to_owned(), |n| n.to_string());
        let rate = summary
            .per_second
            .map_or("?".to_owned(), |n| format!("{n:.0}"));
        let coverage = summary
            .coverage
            .as_deref()
            .unwrap_or("unknown (no instrumentation)");
        println!(
            "  {name}: {} driver, {runs} runs, {rate} runs/s, coverage {coverage}",
            summary.driver
        );
    }
}

/// Whether `cargo +nightly fuzz` runs.
fn cargo_fuzz_available() -> bool {
    Command::new("cargo")
        .args(["+nightly", "fuzz", "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exists(dir: &str) -> bool {
        workspace_root().join(dir).is_dir()
    }

    #[test]
    fn reads_libfuzzer_and_stable_summaries() {
        let done =
            "#6012345\tDONE   cov: 1234 ft: 5678 corp: 200/10Kb lim: 4096 exec/s: 33402 rss: 100Mb";
        assert_eq!(
            libfuzzer_summary(done),
            Summary {
                driver: "libFuzzer",
                runs: Some(6_012_345),
                per_second: Some(33_402.0),
                coverage: Some("1234 edges, 5678 features".into()),
            }
        );
        let stable = "endpoints: no panic in 72345 runs over 3.0 s (24103 runs/s) from 45 inputs";
        let read = stable_summary(stable);
        assert_eq!(read.as_ref().and_then(|s| s.runs), Some(72_345));
        assert_eq!(read.and_then(|s| s.per_second), Some(24_103.0));
        let webhook = "no panic in 1000 runs (500 runs/s)";
        assert_eq!(
            stable_summary(webhook).and_then(|s| s.per_second),
            Some(500.0)
        );
        assert_eq!(stable_summary("stable fuzzing (random mutations)"), None);
    }

    #[test]
    fn every_target_has_its_cargo_fuzz_crate_and_its_seeds() {
        for target in TARGETS {
            assert!(exists(target.fuzz_dir), "{}", target.fuzz_dir);
            assert!(
                exists(&format!("{}/seeds/{}", target.fuzz_dir, target.name)),
                "{}",
                target.name
            );
        }
    }
}
