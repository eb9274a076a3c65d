//! Project automation, run as `cargo xtask <command>` (see [`USAGE`]).
//!
//! `cargo xtask test` is what CI runs. The commands shell out to the `cargo` that started
//! them, in the workspace root.

mod bench;
mod emulator;
mod features;
mod fuzz;
mod manifest;
mod process;
mod release;
mod soak;
mod test;

use std::process::ExitCode;

/// What a command returns: an error is a message for the person at the terminal.
pub type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

const USAGE: &str = "\
usage: cargo xtask <command> [args]

commands:
  test [STEP...]              the CI checks, stopping at the first failure: fmt, features,
                              clippy, test, fuzz (each target 2 s, stable driver), check
                              (each facade feature), deps, doc; name steps to run only
                              those, `--list` to list them
  emulator [ARGS...]          run the Open Cloud emulator, release build
                              (default: --addr 127.0.0.1:8080)
  release --dry-run VERSION   check versions and CHANGELOG.md, package every crate
  bench [--requests N] [--concurrency LIST] [--runs N] [--warmup N]
                              benchmark the client against a bare hyper client, both
                              against the emulator, release build
  fuzz TARGET|all [--time SECS] [--stable]
                              run a fuzz target (webhook, api_error, rate_limit,
                              endpoints, id_token) or all for SECS seconds each
                              (default 60): libFuzzer with cargo-fuzz and nightly,
                              else a stable random-mutation driver; it says which
                              ran, with runs/s and coverage when known
  soak [--ops N] [--seed S]   a mixed workload through the client against the emulator
                              with random faults, then invariants checked against its
                              state (default 1000 operations, a drawn seed)
  help                        this text
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let result = match command.as_str() {
        "test" => test::run(rest),
        "emulator" => emulator::run(rest),
        "release" => release::run(rest),
        "bench" => bench::run(rest),
        "fuzz" => fuzz::run(rest),
        "soak" => soak::run(rest),
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => {
            eprint!("xtask: unknown command `{other}`\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask {command}: error: {error}");
            ExitCode::FAILURE
        }
    }
}
