//! A CI step: publish a place file, run a Luau script against the version just
//! published, print the script's logs and return values, and exit non-zero when the
//! script fails.
//!
//! `cargo run --example run_luau [-- check.luau]` runs against a local emulator started
//! in this process (no credentials needed; the emulator runs no Luau, so a rule says what
//! the built-in script returns). Against Roblox, set `RBLX_OPEN_CLOUD_API_KEY` (with the
//! `universe.place.luau-execution-session:write` and place publishing scopes),
//! `RBLX_OPEN_CLOUD_UNIVERSE_ID`, `RBLX_OPEN_CLOUD_PLACE_ID` and
//! `RBLX_OPEN_CLOUD_PLACE_FILE` (the `.rbxl` or `.rbxlx` to publish; without it the script
//! runs against the latest published version).

use std::process::ExitCode;
use std::time::Duration;

use futures::TryStreamExt;
use rblx_open_cloud::assets::{Content, VersionType};
use rblx_open_cloud::emulator::LuauScriptRule;
use rblx_open_cloud::luau_execution::{LuauTaskCancelled, LuauTaskFailed};
use rblx_open_cloud::prelude::*;
use rblx_open_cloud_examples::Target;
use serde_json::{json, Value};

/// The script run when none is given: a smoke test of the place.
pub const DEFAULT_SCRIPT: &str = r#"local workspace = game:GetService("Workspace")
print("checking", workspace.Name)
assert(#workspace:GetChildren() >= 0, "the workspace is unreadable")
return "ok", #workspace:GetChildren()
"#;

/// A small place file, published when no `RBLX_OPEN_CLOUD_PLACE_FILE` is given to the
/// emulator.
const EMULATED_PLACE: &str = r#"<roblox version="4"><Item class="Workspace" referent="RBX0"><Properties><string name="Name">Workspace</string></Properties></Item></roblox>"#;

/// What the step did.
#[derive(Debug)]
pub struct Outcome {
    /// The version published (`None` when no place file was published).
    pub version: Option<u64>,
    /// The script's log lines.
    pub logs: Vec<String>,
    /// Its return values, when it completed.
    pub results: Vec<Value>,
    /// Why it failed, when it did (the Luau error message).
    pub failure: Option<String>,
}

/// Publishes the place (when there is a file, or an emulator), runs `script` against
/// that version and reads its logs.
pub async fn run(target: &Target, script: &str) -> Result<Outcome, Error> {
    let emulator = target.emulator.as_ref();
    let place_id = emulator.map(|e| e.place_id()).or_else(|| {
        std::env::var("RBLX_OPEN_CLOUD_PLACE_ID")
            .ok()?
            .trim()
            .parse()
            .ok()
    });
    let Some(place_id) = place_id else {
        return Err(oc_invalid("RBLX_OPEN_CLOUD_PLACE_ID is not set"));
    };
    if let Some(local) = emulator.and_then(|e| e.local_handle()) {
        // No Luau runs in the emulator: say what the built-in script gives.
        local.add_luau_rule(
            LuauScriptRule::script(DEFAULT_SCRIPT)
                .logs(["checking Workspace"])
                .results(vec![json!("ok"), json!(0)]),
        );
    }
    let experience = target.client.experience(target.universe_id);
    let place_file = std::env::var("RBLX_OPEN_CLOUD_PLACE_FILE")
        .ok()
        .filter(|p| !p.trim().is_empty());
    let content = match (place_file, emulator) {
        (Some(path), _) => Some(Content::file(path).await?),
        (None, Some(_)) => Some(Content::bytes(EMULATED_PLACE).file_name("ci.rbxlx")),
        (None, None) => None,
    };
    let mut luau = experience.luau(place_id);
    let mut version = None;
    if let Some(content) = content {
        let published = experience
            .publish_place(place_id, content)
            .version_type(VersionType::Published)
            .await?;
        println!("published place {place_id} as version {published}");
        luau = luau.version(published);
        version = Some(published);
    } else {
        println!("no RBLX_OPEN_CLOUD_PLACE_FILE: running against the latest published version");
    }

    let task = luau.run(script).timeout(Duration::from_secs(120)).await?;
    println!("task {}", task.path());
    let (results, failure) = match task.wait(Duration::from_secs(300)).await {
        Ok(done) => (done.results().to_vec(), None),
        Err(error) => match (
            error.detail::<LuauTaskFailed>(),
            error.detail::<LuauTaskCancelled>(),
        ) {
            (Some(failed), _) => (
                Vec::new(),
                Some(format!("{}: {}", failed.error_code, failed.message)),
            ),
            (None, Some(_)) => (Vec::new(), Some("the task was cancelled".to_owned())),
            (None, None) => return Err(error),
        },
    };
    let logs: Vec<String> = task.logs().try_collect().await?;
    for line in &logs {
        println!("[luau] {line}");
    }
    Ok(Outcome {
        version,
        logs,
        results,
        failure,
    })
}

fn oc_invalid(reason: &str) -> Error {
    rblx_open_cloud::InvalidInput::new("place_id", reason).into()
}

#[tokio::main]
async fn main() -> ExitCode {
    let script = match std::env::args().nth(1) {
        Some(path) => match std::fs::read_to_string(&path) {
            Ok(script) => script,
            Err(e) => {
                eprintln!("cannot read {path}: {e}");
                return ExitCode::from(2);
            }
        },
        None => DEFAULT_SCRIPT.to_owned(),
    };
    let target = match Target::from_env_or_emulator().await {
        Ok(target) => target,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let outcome = run(&target, &script).await;
    if let Some(emulator) = &target.emulator {
        emulator.shutdown().await;
    }
    match outcome {
        Ok(Outcome {
            failure: Some(failure),
            ..
        }) => {
            eprintln!("the script failed: {failure}");
            ExitCode::FAILURE
        }
        Ok(outcome) => {
            println!("the script returned {:?}", outcome.results);
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("the step failed: {error}");
            ExitCode::FAILURE
        }
    }
}
