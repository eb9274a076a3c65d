//! The matchmaking_queue example against an emulator started here: concurrent producers,
//! a crashed consumer whose batch reappears once the emulator's clock passes its
//! invisibility window, and a consumer that matches everyone exactly once.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs, dead_code)]

#[path = "../matchmaking_queue.rs"]
mod matchmaking_queue;

use std::collections::BTreeSet;
use std::time::Duration;

use rblx_open_cloud::emulator::{Emulator, MemoryStoreScope};
use rblx_open_cloud::prelude::*;

#[tokio::test]
async fn every_player_is_matched_once_even_after_a_crash() {
    // Rate limits on, as on Roblox: the example stays within the request units.
    let emulator = Emulator::start().await.unwrap();
    let client = Client::builder()
        .base_url(emulator.base_url())
        .api_key(emulator.api_key())
        .build()
        .unwrap();
    let experience = client.experience(emulator.universe_id());
    let queue = experience.memory_store_queue("matchmaking");

    matchmaking_queue::enqueue(&queue, 1..=40, 8).await.unwrap();
    let stored = emulator.memory_store_queue_items(
        emulator.universe_id(),
        MemoryStoreScope::Live,
        "matchmaking",
    );
    assert_eq!(stored.len(), 40);

    assert_eq!(
        matchmaking_queue::crashed_consumer(&queue, 10)
            .await
            .unwrap(),
        10
    );
    let first = matchmaking_queue::match_all(&queue, 10).await.unwrap();
    assert_eq!(first.len(), 15);
    // The crashed batch is still held: nothing more to match before the window ends.
    assert!(matchmaking_queue::match_all(&queue, 10)
        .await
        .unwrap()
        .is_empty());
    let left = emulator.memory_store_queue_items(
        emulator.universe_id(),
        MemoryStoreScope::Live,
        "matchmaking",
    );
    assert_eq!(left.len(), 10);
    assert!(left.iter().all(|item| !item.visible));

    emulator.advance_clock(matchmaking_queue::WINDOW + Duration::from_secs(1));
    let second = matchmaking_queue::match_all(&queue, 10).await.unwrap();
    assert_eq!(second.len(), 5);

    let matched: Vec<u64> = first
        .iter()
        .chain(&second)
        .flat_map(|(a, b)| [a.id, b.id])
        .collect();
    let unique: BTreeSet<u64> = matched.iter().copied().collect();
    assert_eq!(matched.len(), 40);
    assert_eq!(unique, (1..=40).collect());
    assert!(emulator
        .memory_store_queue_items(
            emulator.universe_id(),
            MemoryStoreScope::Live,
            "matchmaking"
        )
        .is_empty());
}
