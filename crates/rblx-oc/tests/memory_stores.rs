//! Memory store commands against the emulator.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{emulator, run};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queue_add_read_discard() {
    let emulator = emulator().await;
    let u = emulator.universe_id().to_string();
    let q = ["-u", u.as_str(), "matchmaking"];
    let mut add = vec!["--json", "memory-store", "queue", "add"];
    add.extend(q);
    add.extend(["{\"player\":156}", "--priority", "1", "--expiration", "600"]);
    let added = run(&emulator, &add).await.ok().json();
    assert_eq!(added["data"]["player"], 156);
    let mut read = vec!["--json", "memory-store", "queue", "read"];
    read.extend(q);
    read.extend(["--count", "1", "--invisibility", "60"]);
    let batch = run(&emulator, &read).await.ok().json();
    assert_eq!(batch["items"][0]["player"], 156);
    let read_id = batch["readId"].as_str().unwrap().to_owned();
    let mut discard = vec!["--json", "memory-store", "queue", "discard"];
    discard.extend(q);
    discard.push(&read_id);
    run(&emulator, &discard).await.ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sorted_map_create_get_update_list_delete_and_flush() {
    let emulator = emulator().await;
    let u = emulator.universe_id().to_string();
    let sm = |args: &[&str]| {
        let mut v = vec!["--json", "memory-store", "sorted-map"];
        v.extend_from_slice(args);
        let v: Vec<String> = v.into_iter().map(str::to_owned).collect();
        let emulator = emulator.clone();
        async move {
            let refs: Vec<&str> = v.iter().map(String::as_str).collect();
            run(&emulator, &refs).await
        }
    };
    let created = sm(&[
        "create",
        "-u",
        &u,
        "board",
        "a",
        "3",
        "--sort-key",
        "3",
        "--expiration",
        "600",
    ])
    .await
    .ok()
    .json();
    assert_eq!(created["sortKey"], 3.0);
    sm(&[
        "create",
        "-u",
        &u,
        "board",
        "b",
        "9",
        "--sort-key",
        "9",
        "--expiration",
        "600",
    ])
    .await
    .ok();
    let again = sm(&["create", "-u", &u, "board", "a", "3", "--expiration", "600"]).await;
    assert_ne!(again.code, 0, "a second create of a key fails");
    let updated = sm(&[
        "update",
        "-u",
        &u,
        "board",
        "a",
        "4",
        "--sort-key",
        "4",
        "--expiration",
        "600",
    ])
    .await
    .ok()
    .json();
    assert_eq!(updated["value"], 4);
    let got = sm(&["get", "-u", &u, "board", "a"]).await.ok().json();
    assert_eq!(got["value"], 4);
    let top = sm(&["list", "-u", &u, "board", "--descending"])
        .await
        .ok()
        .json_lines();
    let keys: Vec<_> = top.iter().map(|i| i["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["b", "a"]);
    let etag = got["etag"].as_str().unwrap().to_owned();
    sm(&["delete", "-u", &u, "board", "a", "--etag", &etag])
        .await
        .ok();
    sm(&["get", "-u", &u, "board", "a"]).await.expect_code(3);
    let flushed = run(&emulator, &["--json", "memory-store", "flush", "-u", &u])
        .await
        .ok()
        .json();
    assert_eq!(flushed["flushed"], true);
    sm(&["get", "-u", &u, "board", "b"]).await.expect_code(3);
}
