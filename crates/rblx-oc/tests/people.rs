//! User, group, inventory, notification, subscription and instance commands against the
//! emulator.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

const SCRIPT: &str = "11111111-2222-3333-4444-555555555555";

use common::{emulator, run, temp_file};
use rblx_open_cloud::emulator::{
    GroupJoinRequestConfig, InstanceConfig, InventoryItemConfig, InventoryItemKind,
    SubscriptionConfig,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn user_get_and_thumbnail() {
    let emulator = emulator().await;
    let user = emulator.user_id().to_string();
    let profile = run(&emulator, &["--json", "user", "get", &user])
        .await
        .ok()
        .json();
    assert_eq!(profile["id"], emulator.user_id());
    let thumbnail = run(
        &emulator,
        &["--json", "user", "thumbnail", &user, "--size", "150"],
    )
    .await
    .ok()
    .json();
    assert!(thumbnail["imageUri"]
        .as_str()
        .is_some_and(|u| !u.is_empty()));
    run(&emulator, &["user", "thumbnail", &user, "--size", "151"])
        .await
        .expect_code(2);
    emulator.clear_requests();
    let square = [
        "user",
        "thumbnail",
        &user,
        "--format",
        "jpeg",
        "--shape",
        "square",
    ];
    run(&emulator, &square).await.ok();
    let sent = emulator.requests();
    assert!(
        sent.iter()
            .any(|r| r.path.contains("format=JPEG") && r.path.contains("shape=SQUARE")),
        "{sent:?}"
    );
    emulator.clear_requests();
    run(&emulator, &["user", "thumbnail", &user, "--shape", "oval"])
        .await
        .expect_code(2);
    assert!(emulator.requests().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn group_get_roles_members_join_requests() {
    let emulator = emulator().await;
    let group = emulator.group_id();
    emulator
        .add_group_join_request(&GroupJoinRequestConfig::new(group, 20_001))
        .unwrap();
    emulator
        .add_group_join_request(&GroupJoinRequestConfig::new(group, 20_002))
        .unwrap();
    let g = group.to_string();
    let info = run(&emulator, &["--json", "group", "get", &g])
        .await
        .ok()
        .json();
    assert_eq!(info["id"], group);
    let roles = run(&emulator, &["--json", "group", "roles", &g])
        .await
        .ok()
        .json_lines();
    assert!(!roles.is_empty());
    let pending = run(&emulator, &["--json", "group", "join-requests", "list", &g])
        .await
        .ok()
        .json_lines();
    assert_eq!(pending.len(), 2);
    run(
        &emulator,
        &["--json", "group", "join-requests", "accept", &g, "20001"],
    )
    .await
    .ok();
    run(
        &emulator,
        &["group", "join-requests", "decline", &g, "20002"],
    )
    .await
    .ok();
    let members = run(&emulator, &["--json", "group", "members", &g])
        .await
        .ok()
        .json_lines();
    assert!(members.iter().any(|m| m["userId"] == 20_001), "{members:?}");
    assert!(!members.iter().any(|m| m["userId"] == 20_002));
    let pending = run(&emulator, &["--json", "group", "join-requests", "list", &g])
        .await
        .ok();
    assert_eq!(pending.stdout, "");
}

/// The ids `inventory list` prints with these options.
async fn listed(
    emulator: &rblx_open_cloud::emulator::EmulatorHandle,
    options: &[&str],
) -> Vec<String> {
    let user = emulator.user_id().to_string();
    let mut args = vec!["--json", "inventory", "list", &user];
    args.extend(options);
    let out = run(emulator, &args).await.ok();
    let mut ids: Vec<String> = out
        .stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            format!(
                "{}:{}",
                v["kind"].as_str().unwrap(),
                v["id"].as_str().unwrap()
            )
        })
        .collect();
    ids.sort();
    ids
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inventory_list_filters() {
    let emulator = emulator().await;
    let user = emulator.user_id();
    for item in [
        InventoryItemConfig::asset(user, 101, "HAT"),
        InventoryItemConfig::asset(user, 102, "FACE"),
        InventoryItemConfig::other(user, InventoryItemKind::Badge, 201),
        InventoryItemConfig::other(user, InventoryItemKind::GamePass, 301),
        InventoryItemConfig::other(user, InventoryItemKind::GamePass, 302),
    ] {
        emulator.add_inventory_item(&item).unwrap();
    }
    assert_eq!(
        listed(&emulator, &["--asset-type", "hat"]).await,
        ["asset:101"]
    );
    assert_eq!(
        listed(&emulator, &["--all-asset-types"]).await,
        ["asset:101", "asset:102"]
    );
    assert_eq!(listed(&emulator, &["--asset", "102"]).await, ["asset:102"]);
    assert_eq!(
        listed(&emulator, &["--badge", "201", "--game-pass", "302"]).await,
        ["badge:201", "gamePass:302"]
    );
    assert_eq!(
        listed(&emulator, &["--game-passes"]).await,
        ["gamePass:301", "gamePass:302"]
    );
    emulator.clear_requests();
    let u = user.to_string();
    run(
        &emulator,
        &["inventory", "list", &u, "--asset-type", "hatt"],
    )
    .await
    .expect_code(2);
    assert!(emulator.requests().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inventory_notification_subscription() {
    let emulator = emulator().await;
    let user = emulator.user_id().to_string();
    let u = emulator.universe_id().to_string();
    emulator
        .set_subscription(&SubscriptionConfig::new(
            emulator.universe_id(),
            "EXP-1234567890",
            emulator.user_id(),
        ))
        .unwrap();
    run(&emulator, &["--json", "inventory", "list", &user])
        .await
        .ok();
    let sent = run(
        &emulator,
        &[
            "--json",
            "notification",
            "send",
            &user,
            "-u",
            &u,
            "5dd7024b-68e3-ac4d-8232-4217f86ca244",
            "--param",
            "points=5",
        ],
    )
    .await;
    assert!(sent.expect_code(0).json()["id"].is_string());
    run(
        &emulator,
        &[
            "notification",
            "send",
            &user,
            "-u",
            &u,
            "m",
            "--param",
            "bad",
        ],
    )
    .await
    .expect_code(2);
    let sub = run(
        &emulator,
        &[
            "--json",
            "subscription",
            "get",
            "-u",
            &u,
            "EXP-1234567890",
            &user,
        ],
    )
    .await
    .ok()
    .json();
    assert_eq!(sub["active"], true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn instance_get_children_update() {
    let emulator = emulator().await;
    let u = emulator.universe_id().to_string();
    let p = emulator.place_id().to_string();
    emulator
        .add_instance(
            &InstanceConfig::new(
                emulator.universe_id(),
                emulator.place_id(),
                "Main",
                "Script",
            )
            .with_id(SCRIPT),
        )
        .unwrap();
    let root = run(
        &emulator,
        &["--json", "instance", "get", "-u", &u, "-p", &p],
    )
    .await
    .ok()
    .json();
    assert!(root["id"].is_string(), "{root}");
    let children = run(
        &emulator,
        &["--json", "instance", "children", "-u", &u, "-p", &p, "root"],
    )
    .await
    .ok()
    .json_lines();
    assert!(children.iter().any(|c| c["id"] == SCRIPT), "{children:?}");
    let source = temp_file("main.server.luau", b"print('updated')");
    let updated = run(
        &emulator,
        &[
            "--json",
            "instance",
            "update",
            "-u",
            &u,
            "-p",
            &p,
            SCRIPT,
            "--source",
            source.to_str().unwrap(),
        ],
    )
    .await
    .ok()
    .json();
    assert_eq!(updated["source"], "print('updated')");
    let got = run(&emulator, &["instance", "get", "-u", &u, "-p", &p, SCRIPT])
        .await
        .ok();
    assert!(
        got.stdout.ends_with("source:\nprint('updated')\n"),
        "{}",
        got.stdout
    );
    run(
        &emulator,
        &["instance", "get", "-u", &u, "-p", &p, "not-an-id!"],
    )
    .await
    .expect_code(2);
}
