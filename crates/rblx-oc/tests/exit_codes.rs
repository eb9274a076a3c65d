//! Each exit code, produced by a real failure against the emulator.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{bare, command, emulator, requests_of, run, run_command, temp_file};
use rblx_open_cloud::emulator::{DropMode, FaultRule};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_input_is_2_and_nothing_is_sent() {
    let emulator = emulator().await;
    let u = emulator.universe_id().to_string();
    let key = "k".repeat(51);
    let out = run(
        &emulator,
        &[
            "--json",
            "datastore",
            "set",
            "-u",
            &u,
            "-s",
            "coins",
            &key,
            "1",
        ],
    )
    .await
    .expect_code(2);
    let error = out.error_json();
    assert_eq!(error["error"]["kind"], "invalid_input");
    assert_eq!(error["error"]["exitCode"], 2);
    // A value that is not JSON is invalid input too.
    run(
        &emulator,
        &["datastore", "set", "-u", &u, "-s", "coins", "k", "not json"],
    )
    .await
    .expect_code(2);
    assert!(emulator.requests().is_empty(), "{:?}", emulator.requests());
    // A usage error (a missing argument) is 2, from the argument parser.
    run(&emulator, &["datastore", "get", "-u", &u])
        .await
        .expect_code(2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn not_found_is_3_with_the_service_code() {
    let emulator = emulator().await;
    let u = emulator.universe_id().to_string();
    let out = run(
        &emulator,
        &[
            "--json",
            "datastore-v2",
            "get",
            "-u",
            &u,
            "-s",
            "none",
            "missing",
        ],
    )
    .await
    .expect_code(3);
    let error = out.error_json();
    assert_eq!(error["error"]["status"], 404);
    assert_eq!(error["error"]["kind"], "not_found");
    assert!(error["error"]["code"].is_string(), "{error}");
    let text = run(
        &emulator,
        &["datastore", "get", "-u", &u, "-s", "none", "missing"],
    )
    .await
    .expect_code(3);
    assert!(text.stderr.starts_with("error: "), "{}", text.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_key_is_4_and_never_printed() {
    let emulator = emulator().await;
    let u = emulator.universe_id().to_string();
    let secret = "wrong-secret-key-value";
    let file = temp_file("wrong-key", format!("{secret}\n").as_bytes());
    let mut cmd = bare();
    cmd.arg("--base-url").arg(emulator.base_url());
    let out = run_command(
        cmd,
        &[
            "--api-key-file",
            file.to_str().unwrap(),
            "datastore",
            "get",
            "-u",
            &u,
            "-s",
            "s",
            "k",
        ],
    )
    .await
    .expect_code(4);
    assert!(!out.stderr.contains(secret) && !out.stdout.contains(secret));
    // No credential at all is a 401 too.
    let mut cmd = bare();
    cmd.arg("--base-url").arg(emulator.base_url());
    run_command(cmd, &["messaging", "publish", "-u", &u, "t", "m"])
        .await
        .expect_code(4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_storm_past_the_retries_is_5() {
    let emulator = emulator().await;
    let u = emulator.universe_id().to_string();
    emulator.inject_fault(FaultRule {
        route: "datastores.entry.get".into(),
        status: Some(429),
        retry_after_secs: Some(0),
        ..FaultRule::default()
    });
    let out = run(
        &emulator,
        &[
            "--json",
            "--max-attempts",
            "2",
            "datastore",
            "get",
            "-u",
            &u,
            "-s",
            "s",
            "k",
        ],
    )
    .await
    .expect_code(5);
    assert_eq!(out.error_json()["error"]["status"], 429);
    assert_eq!(
        requests_of(&emulator, "datastores.entry.get"),
        2,
        "one retry"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_increment_is_6_and_sent_once() {
    let emulator = emulator().await;
    let u = emulator.universe_id().to_string();
    emulator.inject_fault(FaultRule {
        route: "datastores.entry.increment".into(),
        drop: Some(DropMode::AfterApply),
        times: Some(1),
        ..FaultRule::default()
    });
    let out = run(
        &emulator,
        &[
            "--json",
            "datastore",
            "increment",
            "-u",
            &u,
            "-s",
            "s",
            "n",
            "1",
        ],
    )
    .await
    .expect_code(6);
    assert_eq!(out.error_json()["error"]["mayHaveBeenApplied"], true);
    assert_eq!(requests_of(&emulator, "datastores.entry.increment"), 1);
    // It was applied: the value is there.
    let got = run(
        &emulator,
        &["--json", "datastore", "get", "-u", &u, "-s", "s", "n"],
    )
    .await
    .ok();
    assert_eq!(got.json()["value"], 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_lists_the_exit_codes() {
    let emulator = emulator().await;
    let out = run_command(command(&emulator), &["--help"]).await.ok();
    assert!(out.stdout.contains("Exit codes:"), "{}", out.stdout);
    assert!(out.stdout.contains("6  a write that may have been applied"));
}
