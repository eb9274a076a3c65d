//! Memory-store quotas (memory, item size, items per structure, request units) and the
//! flush of a universe's memory store through its operation.

mod common;

use std::time::Duration;

use common::{emulator, emulator_with, experience, experience_once};
use oc_core::Error;
use oc_emulator::{MemoryStoreQueueItemConfig, MemoryStoreScope, MemoryStoresConfig};
use oc_memory_stores::{ExperienceMemoryStoresExt, FlushScope};
use serde_json::json;

/// The 429's message, which names the memory-store status.
fn exhausted(error: Option<Error>) -> String {
    match error {
        Some(Error::RateLimited { api, .. }) => {
            assert_eq!(api.code(), Some("RESOURCE_EXHAUSTED"));
            api.message().unwrap_or_default().to_owned()
        }
        other => panic!("expected a 429, got {other:?}"),
    }
}

#[tokio::test]
async fn the_memory_quota_refuses_growing_writes_only() -> Result<(), Error> {
    let emulator = emulator_with(MemoryStoresConfig {
        memory_base_bytes: 100,
        memory_per_user_bytes: 100,
        ..MemoryStoresConfig::default()
    })
    .await;
    // The memory quota applies while rate limits are on.
    emulator.set_rate_limits_enabled(true);
    let map = experience_once(&emulator).memory_store_sorted_map("m");
    let value = "x".repeat(40);
    map.create("a", &value).await?;
    map.create("b", &value).await?;
    let full = map.create("c", &value).await.err();
    assert!(exhausted(full).contains("TotalMemoryOverLimit"));
    // Keeping or shrinking the size still works at the quota; growing does not.
    map.update("a", &"y".repeat(40)).await?;
    let grown = map.update("a", &"y".repeat(60)).await.err();
    assert!(exhausted(grown).contains("TotalMemoryOverLimit"));
    map.update("a", &"s").await?;
    // One user more: 1.2 KB more (here 100 bytes).
    emulator.set_memory_store_population(1, 0);
    map.create("c", &"x".repeat(100)).await?;
    assert!(emulator.memory_store_usage(emulator.universe_id(), MemoryStoreScope::Live) <= 200);
    // With rate limits off (a load test), the memory quota is lifted.
    emulator.set_rate_limits_enabled(false);
    map.create("d", &"x".repeat(1000)).await?;
    Ok(())
}

#[tokio::test]
async fn expired_items_free_their_memory() -> Result<(), Error> {
    let emulator = emulator_with(MemoryStoresConfig {
        memory_base_bytes: 60,
        ..MemoryStoresConfig::default()
    })
    .await;
    emulator.set_rate_limits_enabled(true);
    let queue = experience_once(&emulator).memory_store_queue("q");
    queue
        .add(&"y".repeat(40))
        .expiration(Duration::from_secs(5))
        .await?;
    let full = queue.add(&"y".repeat(40)).await.err();
    assert!(exhausted(full).contains("TotalMemoryOverLimit"));
    emulator.advance_clock(Duration::from_secs(6));
    queue.add(&"y".repeat(40)).await?;
    Ok(())
}

#[tokio::test]
async fn item_size_and_items_per_structure_are_limited() -> Result<(), Error> {
    let emulator = emulator_with(MemoryStoresConfig {
        max_value_bytes: 100,
        max_items_per_structure: 2,
        ..MemoryStoresConfig::default()
    })
    .await;
    let experience = experience_once(&emulator);
    let queue = experience.memory_store_queue("q");
    let too_big = queue.add(&"z".repeat(200)).await.err();
    match too_big {
        Some(Error::Api(api)) => {
            assert_eq!(api.status(), 400);
            assert!(api
                .message()
                .is_some_and(|m| m.contains("ItemValueSizeTooLarge")));
        }
        other => panic!("expected a 400, got {other:?}"),
    }
    queue.add(&1).await?;
    queue.add(&2).await?;
    assert!(exhausted(queue.add(&3).await.err()).contains("DataStructureItemsOverLimit"));
    let map = experience.memory_store_sorted_map("m");
    map.create("a", &1).await?;
    map.create("b", &1).await?;
    assert!(exhausted(map.create("c", &1).await.err()).contains("DataStructureItemsOverLimit"));
    // Replacing an item adds none.
    map.update("a", &2).await?;
    Ok(())
}

#[tokio::test]
async fn request_units_run_out_within_a_minute() -> Result<(), Error> {
    let emulator = emulator_with(MemoryStoresConfig {
        request_units_base: 3,
        request_units_per_ccu: 1,
        ..MemoryStoresConfig::default()
    })
    .await;
    emulator.set_rate_limits_enabled(true);
    let map = experience_once(&emulator).memory_store_sorted_map("m");
    for key in ["a", "b", "c"] {
        map.create(key, &1).await?;
    }
    assert!(exhausted(map.get("a").await.err()).contains("TotalRequestsOverLimit"));
    emulator.advance_clock(Duration::from_secs(60));
    map.get("a").await?;
    emulator.set_memory_store_population(0, 10);
    map.get("b").await?;
    Ok(())
}

#[tokio::test]
async fn a_read_costs_a_request_unit_per_item_returned() -> Result<(), Error> {
    let emulator = emulator_with(MemoryStoresConfig {
        request_units_base: 5,
        ..MemoryStoresConfig::default()
    })
    .await;
    emulator.set_rate_limits_enabled(true);
    let queue = experience_once(&emulator).memory_store_queue("q");
    for n in 0..3 {
        queue.add(&n).await?;
    }
    // Four units spent before the read's answer; its three items make six.
    assert_eq!(queue.read(3).await?.items.len(), 3);
    assert!(exhausted(queue.read(1).await.err()).contains("TotalRequestsOverLimit"));
    Ok(())
}

#[tokio::test]
async fn a_flush_empties_one_scope_through_its_operation() -> Result<(), Error> {
    let emulator = emulator().await;
    let universe = emulator.universe_id();
    let experience = experience(&emulator);
    experience.memory_store_queue("q").add(&1).await?;
    experience
        .memory_store_sorted_map("m")
        .create("k", &1)
        .await?;
    emulator.add_memory_store_queue_item(&MemoryStoreQueueItemConfig {
        universe,
        queue: "q".into(),
        data: json!("studio"),
        priority: 0.0,
        ttl_secs: None,
        scope: MemoryStoreScope::Test,
    });
    let operation = experience.flush_memory_store().await?;
    assert!(operation.is_done());
    operation.wait(Duration::from_secs(5)).await?;
    assert!(emulator
        .memory_store_queue_items(universe, MemoryStoreScope::Live, "q")
        .is_empty());
    assert!(emulator
        .memory_store_sorted_map_items(universe, MemoryStoreScope::Live, "m")
        .is_empty());
    assert_eq!(
        emulator
            .memory_store_queue_items(universe, MemoryStoreScope::Test, "q")
            .len(),
        1
    );
    let test = experience
        .flush_memory_store()
        .scope(FlushScope::Test)
        .await?;
    assert!(test.is_done());
    assert!(emulator
        .memory_store_queue_items(universe, MemoryStoreScope::Test, "q")
        .is_empty());
    Ok(())
}

#[tokio::test]
async fn a_running_flush_is_polled_at_the_memory_store_route() -> Result<(), Error> {
    let emulator = emulator_with(MemoryStoresConfig {
        polls_until_done: 2,
        ..MemoryStoresConfig::default()
    })
    .await;
    let experience = experience(&emulator);
    let operation = experience.flush_memory_store().await?;
    assert!(!operation.is_done());
    assert!(operation.path().contains("/memory-store/operations/"));
    assert_eq!(operation.get().await?, None);
    assert!(operation.get().await?.is_some());
    let polls = common::requests_of(&emulator, "memory_stores.operation");
    assert_eq!(polls.len(), 2);
    assert!(polls[0]
        .path
        .starts_with("/cloud/v2/universes/1000/memory-store/operations/"));
    Ok(())
}
