//! `cargo xtask bench [ARGS...]`: builds the emulator and the `bench` binary in release and
//! runs it (numbers from a debug build would mean little). The benchmarks themselves are
//! in `src/bin/bench/`.

use crate::process::{self, cargo};
use crate::Result;

/// Builds `oc-emulator` in release (the bench starts it from beside its own executable),
/// then runs `bench ARGS...` in release.
pub fn run(args: &[String]) -> Result {
    process::run(&mut cargo([
        "build",
        "--release",
        "-p",
        "rblx-oc-emulator",
        "--bin",
        "oc-emulator",
    ]))?;
    let mut command = cargo([
        "run",
        "--release",
        "-p",
        "xtask",
        "--features",
        "bench",
        "--bin",
        "bench",
        "--",
    ]);
    command.args(args);
    process::run(&mut command)
}
