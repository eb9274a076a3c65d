//! `cargo xtask emulator [ARGS...]`: runs the Open Cloud emulator in a release build.

use crate::process::{self, cargo};
use crate::Result;

/// Where the emulator listens unless the arguments say otherwise.
const DEFAULT_ADDR: &str = "127.0.0.1:8080";

/// Runs `oc-emulator ARGS...`, adding `--addr 127.0.0.1:8080` when ARGS has no `--addr`.
pub fn run(args: &[String]) -> Result {
    let mut command = cargo([
        "run",
        "--release",
        "-p",
        "rblx-oc-emulator",
        "--bin",
        "oc-emulator",
        "--",
    ]);
    if !has_addr(args) {
        command.args(["--addr", DEFAULT_ADDR]);
    }
    command.args(args);
    process::run(&mut command)
}

fn has_addr(args: &[String]) -> bool {
    args.iter()
        .any(|a| a == "--addr" || a.starts_with("--addr="))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_an_address_given() {
        assert!(has_addr(&["--addr=0.0.0.0:1".into()]));
        assert!(has_addr(&["-v".into(), "--addr".into(), "x".into()]));
        assert!(!has_addr(&["--no-rate-limits".into()]));
    }
}
