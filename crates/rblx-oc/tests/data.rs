//! Messaging and data store commands against the emulator, text and `--json`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{emulator, run};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messaging_publish_reaches_the_experience() {
    let emulator = emulator().await;
    let universe = emulator.universe_id().to_string();
    let out = run(
        &emulator,
        &[
            "--json",
            "messaging",
            "publish",
            "-u",
            &universe,
            "news",
            "hello",
        ],
    )
    .await
    .ok();
    assert_eq!(out.json()["published"], true);
    let text = run(
        &emulator,
        &["messaging", "publish", "-u", &universe, "news", "again"],
    )
    .await
    .ok();
    assert_eq!(text.stdout.trim(), "published to news");
    let messages = emulator.published_messages();
    let sent: Vec<_> = messages.iter().map(|m| m.message.as_str()).collect();
    assert_eq!(sent, ["hello", "again"]);
    assert_eq!(messages[0].topic, "news");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn datastore_v1_round_trip() {
    let emulator = emulator().await;
    let u = emulator.universe_id().to_string();
    let base = ["--json", "datastore"];
    let store = ["-u", u.as_str(), "-s", "coins"];
    let args = |cmd: &str, rest: &[&str]| -> Vec<String> {
        base.iter()
            .chain([cmd].iter())
            .chain(store.iter())
            .chain(rest.iter())
            .map(|s| (*s).to_owned())
            .collect()
    };
    let call = |v: Vec<String>| {
        let emulator = emulator.clone();
        async move {
            let refs: Vec<&str> = v.iter().map(String::as_str).collect();
            run(&emulator, &refs).await
        }
    };

    let set = call(args(
        "set",
        &[
            "user_1",
            "{\"gold\":5}",
            "--user-id",
            "7",
            "--attributes",
            "{\"a\":1}",
        ],
    ))
    .await
    .ok()
    .json();
    let version = set["version"]["version"].as_str().unwrap().to_owned();
    let got = call(args("get", &["user_1"])).await.ok().json();
    assert_eq!(got["value"], serde_json::json!({"gold": 5}));
    assert_eq!(got["version"], version.as_str());
    assert_eq!(got["userIds"], serde_json::json!([7]));
    assert_eq!(got["attributes"], serde_json::json!({"a": 1}));

    let inc = call(args("increment", &["n", "3"])).await.ok().json();
    assert_eq!(inc["value"], 3);
    let inc = call(args("increment", &["n", "-1"])).await.ok().json();
    assert_eq!(inc["value"], 2);

    let keys = call(args("list-keys", &[])).await.ok().json_lines();
    let names: Vec<_> = keys.iter().map(|k| k["key"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 2);
    assert!(names.contains(&"user_1") && names.contains(&"n"));

    call(args("set", &["user_1", "plain text", "--string"]))
        .await
        .ok();
    let versions = call(args("list-versions", &["user_1"]))
        .await
        .ok()
        .json_lines();
    assert_eq!(versions.len(), 2);
    assert!(versions.iter().any(|v| v["version"] == version.as_str()));

    let stores = run(&emulator, &["--json", "datastore", "list-stores", "-u", &u])
        .await
        .ok()
        .json_lines();
    assert!(stores.iter().any(|s| s["name"] == "coins"));

    let removed = call(args("remove", &["user_1"])).await.ok().json();
    assert_eq!(removed["removed"], "user_1");
    call(args("get", &["user_1"])).await.expect_code(3);

    // Text output: the value, then its metadata; lists as a table with a header.
    let text = run(
        &emulator,
        &["datastore", "get", "-u", &u, "-s", "coins", "n"],
    )
    .await
    .ok();
    assert!(text.stdout.starts_with("2\nversion: "), "{}", text.stdout);
    let table = run(
        &emulator,
        &["datastore", "list-keys", "-u", &u, "-s", "coins"],
    )
    .await
    .ok();
    assert!(table.stdout.starts_with("SCOPE\tKEY\n"), "{}", table.stdout);
    assert!(table.stdout.contains("\nglobal\tn\n"), "{}", table.stdout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn datastore_v2_round_trip() {
    let emulator = emulator().await;
    let u = emulator.universe_id().to_string();
    let ds = |args: &[&str]| {
        let mut v = vec!["--json", "datastore-v2"];
        v.extend_from_slice(args);
        let v: Vec<String> = v.into_iter().map(str::to_owned).collect();
        let emulator = emulator.clone();
        async move {
            let refs: Vec<&str> = v.iter().map(String::as_str).collect();
            run(&emulator, &refs).await
        }
    };

    let created = ds(&["create", "-u", &u, "-s", "bank", "k", "10"])
        .await
        .ok()
        .json();
    assert_eq!(created["value"], 10);
    assert_eq!(created["state"], "ACTIVE");
    let etag = created["etag"].as_str().unwrap().to_owned();
    // A second create of the same key fails, nothing changed.
    let again = ds(&["create", "-u", &u, "-s", "bank", "k", "11"]).await;
    assert_ne!(again.code, 0);
    let set = ds(&[
        "set",
        "-u",
        &u,
        "-s",
        "bank",
        "k",
        "12",
        "--match-etag",
        &etag,
    ])
    .await
    .ok()
    .json();
    assert_eq!(set["value"], 12);
    let stale = ds(&[
        "set",
        "-u",
        &u,
        "-s",
        "bank",
        "k",
        "13",
        "--match-etag",
        &etag,
    ])
    .await;
    assert_ne!(stale.code, 0, "a stale etag is refused");
    let inc = ds(&["increment", "-u", &u, "-s", "bank", "k", "5"])
        .await
        .ok()
        .json();
    assert_eq!(inc["value"], 17);
    let got = ds(&["get", "-u", &u, "-s", "bank", "k"]).await.ok().json();
    assert_eq!(got["value"], 17);
    let first = ds(&[
        "get",
        "-u",
        &u,
        "-s",
        "bank",
        "k",
        "--revision",
        created["version"].as_str().unwrap(),
    ])
    .await
    .ok()
    .json();
    assert_eq!(first["value"], 10);
    let keys = ds(&["list-keys", "-u", &u, "-s", "bank"])
        .await
        .ok()
        .json_lines();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0]["key"], "k");
    let revisions = ds(&["list-revisions", "-u", &u, "-s", "bank", "k"])
        .await
        .ok()
        .json_lines();
    assert_eq!(revisions.len(), 3);
    let stores = ds(&["list-stores", "-u", &u]).await.ok().json_lines();
    assert!(stores.iter().any(|s| s["name"] == "bank"));
    let snapshot = ds(&["snapshot", "-u", &u]).await.ok().json();
    assert_eq!(snapshot["newSnapshotTaken"], true);
    ds(&["remove", "-u", &u, "-s", "bank", "k"]).await.ok();
    ds(&["get", "-u", &u, "-s", "bank", "k"])
        .await
        .expect_code(3);

    let deleted = ds(&["delete-store", "-u", &u, "-s", "bank"])
        .await
        .ok()
        .json();
    assert_eq!(deleted["state"], "DELETED");
    let undeleted = ds(&["undelete-store", "-u", &u, "-s", "bank"])
        .await
        .ok()
        .json();
    assert_eq!(undeleted["state"], "ACTIVE");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ordered_datastore_v1_and_v2() {
    let emulator = emulator().await;
    let u = emulator.universe_id().to_string();
    for flag in [None, Some("--v2")] {
        let od = |args: &[&str]| {
            let mut v = vec!["--json", "ordered-datastore"];
            v.extend(flag);
            v.extend_from_slice(args);
            let v: Vec<String> = v.into_iter().map(str::to_owned).collect();
            let emulator = emulator.clone();
            async move {
                let refs: Vec<&str> = v.iter().map(String::as_str).collect();
                run(&emulator, &refs).await
            }
        };
        let store = format!("points{}", flag.unwrap_or(""));
        let s = store.as_str();
        assert_eq!(
            od(&["set", "-u", &u, "-s", s, "a", "10"]).await.ok().json()["value"],
            10
        );
        assert_eq!(
            od(&["set", "-u", &u, "-s", s, "b", "30"]).await.ok().json()["value"],
            30
        );
        assert_eq!(
            od(&["increment", "-u", &u, "-s", s, "a", "-3"])
                .await
                .ok()
                .json()["value"],
            7
        );
        assert_eq!(
            od(&["get", "-u", &u, "-s", s, "a"]).await.ok().json()["value"],
            7
        );
        let top = od(&["list", "-u", &u, "-s", s, "--descending"])
            .await
            .ok()
            .json_lines();
        let keys: Vec<_> = top.iter().map(|e| e["key"].as_str().unwrap()).collect();
        assert_eq!(keys, ["b", "a"], "{flag:?}");
        od(&["remove", "-u", &u, "-s", s, "a"]).await.ok();
        od(&["get", "-u", &u, "-s", s, "a"]).await.expect_code(3);
    }
}
