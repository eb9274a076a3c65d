//! Runs the built `rblx-oc` against an emulator started in the test's process.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use rblx_open_cloud::emulator::{Emulator, EmulatorHandle};

/// An emulator with the built-in world and no rate limits.
pub async fn emulator() -> EmulatorHandle {
    Emulator::builder()
        .rate_limits(false)
        .start()
        .await
        .expect("the emulator starts")
}

/// What a run of the binary left.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The stdout as one JSON document.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(self.stdout.trim())
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?} / {:?}", self.stdout, self.stderr))
    }

    /// The stdout as JSON lines.
    pub fn json_lines(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .map(|line| {
                serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line:?}"))
            })
            .collect()
    }

    /// The stderr as one JSON document (`--json` errors).
    pub fn error_json(&self) -> serde_json::Value {
        serde_json::from_str(self.stderr.trim())
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.stderr))
    }

    /// Checks the exit code, showing the output when it differs.
    pub fn expect_code(self, code: i32) -> Self {
        assert_eq!(
            self.code, code,
            "stdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }

    /// Checks success.
    pub fn ok(self) -> Self {
        self.expect_code(0)
    }
}

/// The command with no Open Cloud variables from the environment, pointed at `emulator`
/// with its API key in the environment.
pub fn command(emulator: &EmulatorHandle) -> Command {
    let mut command = bare();
    command
        .env("RBLX_OPEN_CLOUD_API_KEY", emulator.api_key())
        .arg("--base-url")
        .arg(emulator.base_url());
    command
}

/// The command with no Open Cloud variables from the environment.
pub fn bare() -> Command {
    let mut command = Command::cargo_bin("rblx-oc").expect("the binary is built");
    for name in [
        "RBLX_OPEN_CLOUD_API_KEY",
        "RBLX_OPEN_CLOUD_ACCESS_TOKEN",
        "RBLX_OPEN_CLOUD_BASE_URL",
        "RBLX_OPEN_CLOUD_CA_CERTS",
    ] {
        command.env_remove(name);
    }
    command
}

/// Runs a prepared command off the async runtime (the emulator keeps serving meanwhile).
pub async fn run_command(mut command: Command, args: &[&str]) -> Run {
    command.args(args);
    let output = tokio::task::spawn_blocking(move || command.output())
        .await
        .expect("the run finishes")
        .expect("the binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs `rblx-oc ARGS` against `emulator`.
pub async fn run(emulator: &EmulatorHandle, args: &[&str]) -> Run {
    run_command(command(emulator), args).await
}

/// The requests of one route the emulator saw.
pub fn requests_of(emulator: &EmulatorHandle, route: &str) -> usize {
    emulator
        .requests()
        .iter()
        .filter(|r| r.route.as_deref() == Some(route))
        .count()
}

/// A file under the system's temporary directory, unique to this test run.
pub fn temp_file(name: &str, contents: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("rblx-oc-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}
