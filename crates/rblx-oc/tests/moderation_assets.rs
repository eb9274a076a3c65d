//! User restriction and asset commands against the emulator.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{emulator, run, temp_file};
use rblx_open_cloud::emulator::{Config, Emulator};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn user_restriction_ban_get_list_logs_unban() {
    let emulator = emulator().await;
    let u = emulator.universe_id().to_string();
    let ban = run(
        &emulator,
        &[
            "--json",
            "user-restriction",
            "ban",
            "-u",
            &u,
            "156",
            "--duration",
            "3600",
            "--reason",
            "spam",
        ],
    )
    .await
    .ok()
    .json();
    assert_eq!(ban["active"], true);
    assert_eq!(ban["durationSeconds"], 3600);
    let got = run(
        &emulator,
        &["--json", "user-restriction", "get", "-u", &u, "156"],
    )
    .await
    .ok()
    .json();
    assert_eq!(got["displayReason"], "spam");
    let list = run(&emulator, &["--json", "user-restriction", "list", "-u", &u])
        .await
        .ok()
        .json_lines();
    assert!(list.iter().any(|r| r["userId"] == 156));
    let unban = run(
        &emulator,
        &["--json", "user-restriction", "unban", "-u", &u, "156"],
    )
    .await
    .ok()
    .json();
    assert_eq!(unban["active"], false);
    let logs = run(
        &emulator,
        &[
            "--json",
            "user-restriction",
            "logs",
            "-u",
            &u,
            "--user",
            "156",
        ],
    )
    .await
    .ok()
    .json_lines();
    assert_eq!(logs.len(), 2, "{logs:?}");
    let table = run(&emulator, &["user-restriction", "list", "-u", &u])
        .await
        .ok();
    assert!(table.stdout.starts_with("USER\tACTIVE"), "{}", table.stdout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn assets_upload_get_versions_archive_restore() {
    let emulator = emulator().await;
    let user = emulator.user_id().to_string();
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.resize(100 * 1024, 0);
    let file = temp_file("logo.png", &png);
    let uploaded = run(
        &emulator,
        &[
            "--json",
            "assets",
            "upload",
            file.to_str().unwrap(),
            "--type",
            "Decal",
            "--name",
            "Logo",
            "--user",
            &user,
        ],
    )
    .await
    .ok();
    assert_eq!(
        uploaded.stderr, "",
        "no progress bar when stderr is not a terminal"
    );
    let asset = uploaded.json();
    let id = asset["id"].as_u64().unwrap().to_string();
    assert_eq!(asset["name"], "Logo");
    let got = run(&emulator, &["--json", "assets", "get", &id])
        .await
        .ok()
        .json();
    assert_eq!(got["id"], asset["id"]);
    let versions = run(&emulator, &["--json", "assets", "versions", &id])
        .await
        .ok()
        .json_lines();
    assert_eq!(versions.len(), 1);
    let rolled = run(&emulator, &["--json", "assets", "rollback", &id, "1"])
        .await
        .ok()
        .json();
    assert_eq!(rolled["assetId"], asset["id"]);
    let archived = run(&emulator, &["--json", "assets", "archive", &id])
        .await
        .ok()
        .json();
    assert!(
        archived["state"].as_str().unwrap().contains("Archived"),
        "{archived}"
    );
    let restored = run(&emulator, &["--json", "assets", "restore", &id])
        .await
        .ok()
        .json();
    assert!(
        restored["state"].as_str().unwrap().contains("Active"),
        "{restored}"
    );
    run(&emulator, &["assets", "get", "999999999"])
        .await
        .expect_code(3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn assets_upload_expected_price() {
    let mut config = Config::default();
    config.assets.upload_price = 10;
    let emulator = Emulator::builder()
        .config(config)
        .rate_limits(false)
        .start()
        .await
        .unwrap();
    let user = emulator.user_id().to_string();
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.resize(1024, 0);
    let file = temp_file("priced.png", &png);
    let upload = |price: &'static str| {
        [
            "--json",
            "assets",
            "upload",
            file.to_str().unwrap(),
            "--type",
            "Decal",
            "--name",
            "Priced",
            "--user",
            &user,
            "--expected-price",
            price,
        ]
        .map(str::to_owned)
    };
    let args = upload("5");
    let refused = run(
        &emulator,
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
    )
    .await;
    assert_ne!(refused.code, 0, "{refused:?}");
    assert!(refused.stderr.contains("price"), "{}", refused.stderr);
    let args = upload("10");
    let uploaded = run(
        &emulator,
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
    )
    .await
    .ok()
    .json();
    assert_eq!(uploaded["name"], "Priced");
}
