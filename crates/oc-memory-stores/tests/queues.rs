//! Queues against the emulator: order, expirations, invisibility windows, discards of
//! exactly what a read holds, all-or-nothing reads, a lost answer to an add, and input
//! refused before sending.

mod common;

use std::time::Duration;

use common::{emulator, experience, experience_once, requests_of};
use oc_core::Error;
use oc_emulator::{DropMode, FaultRule, MemoryStoreScope};
use oc_memory_stores::{ExperienceMemoryStoresExt, MAX_VALUE_BYTES};
use serde::Deserialize;
use serde_json::{json, Value};

fn data_of(emulator: &oc_emulator::EmulatorHandle, queue: &str) -> Vec<Value> {
    emulator
        .memory_store_queue_items(emulator.universe_id(), MemoryStoreScope::Live, queue)
        .into_iter()
        .map(|item| item.data)
        .collect()
}

#[tokio::test]
async fn items_come_out_by_priority_then_in_order_added() -> Result<(), Error> {
    let emulator = emulator().await;
    let queue = experience(&emulator).memory_store_queue("match making");
    let first = queue.add(&"a").await?;
    queue.add(&"b").priority(5.0).await?;
    queue.add(&"c").await?;
    queue.add(&"d").priority(5.0).await?;
    queue.add(&"e").priority(-1.0).await?;
    assert_eq!(first.data, json!("a"));
    assert_eq!(first.id.len(), 32);
    assert!(first.expire_time.is_some());
    let read = queue.read(10).await?;
    assert_eq!(
        read.items,
        [json!("b"), json!("d"), json!("a"), json!("c"), json!("e")]
    );
    let read_id = read.read_id.clone().unwrap_or_default();
    assert!(!read_id.is_empty());
    // Everything is hidden now: a second read gets nothing and no read id.
    let again = queue.read(10).await?;
    assert!(again.is_empty() && again.read_id.is_none());
    queue.discard(&read_id).await?;
    assert!(data_of(&emulator, "match making").is_empty());
    let used = queue.discard(&read_id).await.err();
    assert!(used.is_some_and(|e| e.is_not_found()));
    Ok(())
}

#[derive(Debug, Deserialize, PartialEq)]
struct Player {
    id: u64,
}

#[tokio::test]
async fn a_typed_read_and_an_empty_queue() -> Result<(), Error> {
    let emulator = emulator().await;
    let queue = experience(&emulator).memory_store_queue("players");
    let empty = queue.read(3).await?;
    assert!(empty.is_empty() && empty.read_id.is_none());
    queue.add(&json!({"id": 7})).await?;
    let read = queue.read_as::<Player>(3).await?;
    assert_eq!(read.items, [Player { id: 7 }]);
    Ok(())
}

#[tokio::test]
async fn items_expire_on_the_emulator_clock() -> Result<(), Error> {
    let emulator = emulator().await;
    let queue = experience(&emulator).memory_store_queue("q");
    queue.add(&1).expiration(Duration::from_secs(10)).await?;
    queue.add(&2).expiration(Duration::from_secs(100)).await?;
    emulator.advance_clock(Duration::from_secs(11));
    let read = queue.read(5).await?;
    assert_eq!(read.items, [json!(2)]);
    Ok(())
}

#[tokio::test]
async fn an_undiscarded_read_reappears_when_its_window_lapses() -> Result<(), Error> {
    let emulator = emulator().await;
    let queue = experience(&emulator).memory_store_queue("q");
    for n in 1..=3 {
        queue.add(&n).await?;
    }
    let first = queue
        .read(2)
        .invisibility_window(Duration::from_secs(30))
        .await?;
    assert_eq!(first.items, [json!(1), json!(2)]);
    let rest = queue
        .read(5)
        .invisibility_window(Duration::from_secs(300))
        .await?;
    assert_eq!(rest.items, [json!(3)]);
    emulator.advance_clock(Duration::from_secs(31));
    // The first read's items are visible again, in their order; its read id is spent.
    let again = queue.read(5).await?;
    assert_eq!(again.items, [json!(1), json!(2)]);
    let lapsed = queue.discard(first.read_id.unwrap_or_default()).await.err();
    assert!(lapsed.is_some_and(|e| e.is_not_found()));
    assert_eq!(data_of(&emulator, "q").len(), 3);
    Ok(())
}

#[tokio::test]
async fn a_discard_removes_exactly_what_its_read_holds() -> Result<(), Error> {
    let emulator = emulator().await;
    let queue = experience(&emulator).memory_store_queue("q");
    queue.add(&"a").await?;
    queue.add(&"b").await?;
    let first = queue.read(2).await?;
    // Added after the read: not the read's.
    queue.add(&"c").await?;
    let second = queue.read(1).await?;
    assert_eq!(second.items, [json!("c")]);
    queue.add(&"d").await?;
    queue
        .discard(first.read_id.clone().unwrap_or_default())
        .await?;
    assert_eq!(data_of(&emulator, "q"), [json!("c"), json!("d")]);
    queue.discard(second.read_id.unwrap_or_default()).await?;
    assert_eq!(data_of(&emulator, "q"), [json!("d")]);
    // A read id of another queue is not this queue's.
    let other = experience(&emulator).memory_store_queue("other");
    other.add(&"x").await?;
    let other_read = other.read(1).await?;
    let wrong = queue
        .discard(other_read.read_id.unwrap_or_default())
        .await
        .err();
    assert!(wrong.is_some_and(|e| e.is_not_found()));
    Ok(())
}

#[tokio::test]
async fn all_or_nothing_reads_nothing_when_too_few_are_visible() -> Result<(), Error> {
    let emulator = emulator().await;
    let queue = experience(&emulator).memory_store_queue("q");
    queue.add(&1).await?;
    let error = queue.read(2).all_or_nothing(true).await.err();
    assert!(error.is_some_and(|e| e.is_not_found()));
    let read = queue.read(1).all_or_nothing(true).await?;
    assert_eq!(read.items, [json!(1)]);
    Ok(())
}

#[tokio::test]
async fn an_add_whose_answer_is_lost_may_have_been_applied_and_is_sent_once() {
    let emulator = emulator().await;
    emulator.inject_fault(FaultRule {
        route: "memory_stores.queue.add".into(),
        drop: Some(DropMode::AfterApply),
        times: Some(1),
        ..FaultRule::default()
    });
    let queue = experience(&emulator).memory_store_queue("q");
    let error = queue.add(&"once").await.err();
    match &error {
        Some(e @ Error::Transport { .. }) => assert!(e.may_have_been_applied()),
        other => panic!("expected a lost connection, got {other:?}"),
    }
    assert_eq!(requests_of(&emulator, "memory_stores.queue.add").len(), 1);
    assert_eq!(data_of(&emulator, "q"), [json!("once")]);
}

#[tokio::test]
async fn bad_input_sends_nothing() {
    let emulator = emulator().await;
    let experience = experience_once(&emulator);
    let queue = experience.memory_store_queue("q");
    let big = "x".repeat(MAX_VALUE_BYTES);
    let outcomes = vec![
        experience.memory_store_queue("").add(&1).await.err(),
        experience.memory_store_queue("..").add(&1).await.err(),
        queue.add(&big).await.err(),
        queue.add(&1).priority(f64::INFINITY).await.err(),
        queue.add(&1).expiration(Duration::ZERO).await.err(),
        queue
            .add(&1)
            .expiration(Duration::from_secs(3_888_001))
            .await
            .err(),
        queue
            .add(&1)
            .expiration(Duration::from_millis(1_500))
            .await
            .err(),
        queue.read(0).await.err(),
        queue.read(201).await.err(),
        queue
            .read(1)
            .invisibility_window(Duration::ZERO)
            .await
            .err(),
        queue
            .read(1)
            .invisibility_window(Duration::from_millis(2_500))
            .await
            .err(),
        queue.discard("").await.err(),
    ];
    for (n, outcome) in outcomes.into_iter().enumerate() {
        assert!(
            matches!(outcome, Some(Error::InvalidInput(_))),
            "case {n}: {outcome:?}"
        );
    }
    assert!(emulator.requests().is_empty());
}
