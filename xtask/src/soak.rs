//! `cargo xtask soak [--ops N] [--seed S]`: builds and runs the `soak` binary (in
//! `src/bin/soak/`), a mixed workload through the client against an in-process emulator
//! with random faults on, checked against the emulator's state afterwards.

use crate::process::{self, cargo};
use crate::Result;

/// Runs `soak ARGS...` (a debug build: it checks correctness, not speed, and shares the
/// dependencies `cargo xtask test` has built).
pub fn run(args: &[String]) -> Result {
    let mut command = cargo([
        "run",
        "-p",
        "xtask",
        "--features",
        "soak",
        "--bin",
        "soak",
        "--",
    ]);
    command.args(args);
    process::run(&mut command)
}
