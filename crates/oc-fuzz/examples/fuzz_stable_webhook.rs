//! The webhook fuzz target (`oc_webhook::fuzzing::fuzz_body`) on a stable toolchain,
//! without libFuzzer (see [`oc_fuzz::driver`]):
//! `fuzz_stable_webhook webhook [--time SECS] [--seed N] [DIR...]`, the folders being
//! `crates/oc-webhook/fuzz/seeds` and `crates/oc-webhook/fuzz/corpus`.

use std::process::ExitCode;

use oc_fuzz::driver::{self, Driver};
use oc_fuzz::Target;

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

fn main() -> ExitCode {
    driver::main(&Driver {
        program: "fuzz_stable_webhook",
        targets: &[Target {
            name: "webhook",
            run: oc_webhook::fuzzing::fuzz_body,
        }],
        tokens: TOKENS,
        ready: || true,
    })
}
