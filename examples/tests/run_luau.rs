//! The CI-step example against an emulator in this process: it publishes a place, runs
//! the script against that version and reads its logs; a failing script is reported.

#[path = "../run_luau.rs"]
#[allow(dead_code)]
mod run_luau;

use rblx_open_cloud::emulator::{Emulator, LuauScriptRule};
use rblx_open_cloud::Client;
use rblx_open_cloud_examples::{Emulated, Target};
use serde_json::json;

#[tokio::test]
async fn the_step_publishes_runs_and_reports_failures() {
    let emulator = Emulator::builder()
        .rate_limits(false)
        .start()
        .await
        .unwrap();
    let client = Client::builder()
        .base_url(emulator.base_url())
        .api_key(emulator.api_key())
        .build()
        .unwrap();
    let target = Target {
        universe_id: emulator.universe_id(),
        emulator: Some(Emulated::local(emulator.clone(), client.clone())),
        client,
    };

    let outcome = run_luau::run(&target, run_luau::DEFAULT_SCRIPT)
        .await
        .unwrap();
    assert_eq!(outcome.failure, None);
    assert_eq!(outcome.version, Some(1));
    assert_eq!(outcome.results, [json!("ok"), json!(0)]);
    assert_eq!(outcome.logs, ["checking Workspace"]);
    let tasks = emulator.luau_tasks();
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0].version_id, 1, "the version just published");

    emulator.add_luau_rule(LuauScriptRule::contains("error(").error("Script:1: broken"));
    let failed = run_luau::run(&target, "error('broken')").await.unwrap();
    assert_eq!(failed.version, Some(2));
    assert_eq!(
        failed.failure.as_deref(),
        Some("SCRIPT_ERROR: Script:1: broken")
    );
    emulator.shutdown().await;
}
