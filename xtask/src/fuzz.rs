//! `cargo xtask fuzz TARGET [--time SECS] [--stable]`: runs a fuzz target for a while.
//!
//! With cargo-fuzz and a nightly toolchain installed it runs libFuzzer
//! (`cargo +nightly fuzz run TARGET -- -max_total_time=SECS` in the crate's directory);
//! otherwise, or with `--stable`, the same fuzz body runs on the stable toolchain over
//! random mutations of the seed corpus (no coverage guidance). Either way it says which.

use std::process::{Command, Stdio};

use crate::process::{self, cargo, workspace_root};
use crate::Result;

/// A fuzz target: the name `cargo xtask fuzz` takes, where its cargo-fuzz directory is,
/// and the package and example of its stable driver.
struct Target {
    name: &'static str,
    crate_dir: &'static str,
    package: &'static str,
    stable_example: &'static str,
}

const TARGETS: &[Target] = &[Target {
    name: "webhook",
    crate_dir: "crates/oc-webhook",
    package: "rblx-oc-webhook",
    stable_example: "fuzz_stable",
}];

/// Runs the target named in `args`.
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
    let name = name.ok_or_else(|| format!("name a target: {}", known.join(", ")))?;
    let target = TARGETS
        .iter()
        .find(|t| t.name == name)
        .ok_or_else(|| format!("no fuzz target `{name}`; the targets: {}", known.join(", ")))?;
    let crate_dir = workspace_root().join(target.crate_dir);
    if !force_stable && cargo_fuzz_available() {
        println!("fuzz mode: libFuzzer (cargo-fuzz, nightly), {seconds} s");
        let mut command = Command::new("cargo");
        command
            .current_dir(&crate_dir)
            .args(["+nightly", "fuzz", "run", target.name, "--"])
            .arg(format!("-max_total_time={seconds}"));
        return process::run(&mut command);
    }
    println!(
        "fuzz mode: stable driver (random mutations, no coverage guidance), {seconds} s{}",
        if force_stable {
            ""
        } else {
            "; install cargo-fuzz and a nightly toolchain for libFuzzer"
        }
    );
    let corpus = crate_dir.join("fuzz").join("corpus").join(target.name);
    let mut command = cargo([
        "run",
        "--release",
        "-p",
        target.package,
        "--example",
        target.stable_example,
        "--",
        "--time",
        &seconds.to_string(),
    ]);
    command.arg(corpus);
    process::run(&mut command)
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
