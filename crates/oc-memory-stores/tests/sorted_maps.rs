//! Sorted maps against the emulator: writes and their conflicts, ordering with ties and
//! mixed sort keys, filters, paging, expirations, and input refused before sending.

mod common;

use std::time::Duration;

use common::{emulator, experience, experience_once, requests_of};
use futures::TryStreamExt;
use oc_core::Error;
use oc_emulator::{MemoryStoreScope, MemoryStoreSortedMapItemConfig};
use oc_memory_stores::{
    EtagMismatch, ExperienceMemoryStoresExt, ItemAlreadyExists, SortKey, SortedMapItem,
};
use serde_json::json;

fn keys(items: &[SortedMapItem]) -> Vec<&str> {
    items.iter().map(|item| item.key.as_str()).collect()
}

#[tokio::test]
async fn create_get_update_delete() -> Result<(), Error> {
    let emulator = emulator().await;
    let map = experience(&emulator).memory_store_sorted_map("board");
    let created = map
        .create("player 1", &json!({"wins": 3}))
        .sort_key(3.0)
        .expiration(Duration::from_secs(600))
        .await?;
    assert_eq!(created.key, "player 1");
    assert_eq!(created.sort_key, SortKey::Numeric(3.0));
    assert!(!created.etag.is_empty());
    let exists = map.create("player 1", &0).await.err();
    assert_eq!(
        exists
            .as_ref()
            .and_then(|e| e.detail::<ItemAlreadyExists>())
            .map(|d| d.key.as_str()),
        Some("player 1")
    );
    let read = map.get("player 1").await?;
    assert_eq!(read.value, json!({"wins": 3}));
    assert_eq!(read.etag, created.etag);
    let typed = map
        .get_as::<serde_json::Map<String, serde_json::Value>>("player 1")
        .await?;
    assert_eq!(typed.value["wins"], 3);

    // The whole item is replaced: no sort key sent, none kept.
    let updated = map.update("player 1", &json!({"wins": 4})).await?;
    assert_eq!(updated.sort_key, SortKey::None);
    assert_ne!(updated.etag, created.etag);
    let missing = map.update("nobody", &1).await.err();
    assert!(missing.is_some_and(|e| e.is_not_found()));
    let upserted = map
        .update("nobody", &1)
        .allow_missing(true)
        .sort_key("s")
        .await?;
    assert_eq!(upserted.sort_key, SortKey::String("s".into()));

    let stale = map
        .delete("player 1")
        .etag(created.etag.clone())
        .await
        .err();
    assert!(stale
        .as_ref()
        .and_then(|e| e.detail::<EtagMismatch>())
        .is_some_and(|d| d.etag == created.etag));
    map.delete("player 1").etag(updated.etag).await?;
    map.delete("player 1").await?;
    let gone = map.get("player 1").await.err();
    assert!(gone.is_some_and(|e| e.is_not_found()));
    let stored = emulator.memory_store_sorted_map_items(
        emulator.universe_id(),
        MemoryStoreScope::Live,
        "board",
    );
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].key, "nobody");
    Ok(())
}

#[tokio::test]
async fn a_create_whose_answer_is_lost_is_not_repeated() {
    let emulator = emulator().await;
    emulator.inject_fault(oc_emulator::FaultRule {
        route: "memory_stores.sorted_map.create".into(),
        drop: Some(oc_emulator::DropMode::AfterApply),
        times: Some(1),
        ..oc_emulator::FaultRule::default()
    });
    let map = experience(&emulator).memory_store_sorted_map("m");
    let error = map.create("k", &1).await.err();
    assert!(error.is_some_and(|e| e.may_have_been_applied()));
    assert_eq!(
        requests_of(&emulator, "memory_stores.sorted_map.create").len(),
        1
    );
}

#[tokio::test]
async fn items_expire_on_the_emulator_clock() -> Result<(), Error> {
    let emulator = emulator().await;
    let map = experience(&emulator).memory_store_sorted_map("m");
    map.create("short", &1)
        .expiration(Duration::from_secs(5))
        .await?;
    map.create("long", &2)
        .expiration(Duration::from_secs(500))
        .await?;
    emulator.advance_clock(Duration::from_secs(6));
    assert!(map
        .get("short")
        .await
        .err()
        .is_some_and(|e| e.is_not_found()));
    let all: Vec<_> = map.list().try_collect().await?;
    assert_eq!(keys(&all), ["long"]);
    // An expired key can be created again.
    map.create("short", &3).await?;
    Ok(())
}

#[tokio::test]
async fn the_order_is_numbers_then_strings_then_none_ties_by_key() -> Result<(), Error> {
    let emulator = emulator().await;
    let map = experience(&emulator).memory_store_sorted_map("m");
    for (key, sort_key) in [
        ("e", SortKey::None),
        ("d", SortKey::String("b".into())),
        ("c", SortKey::Numeric(2.0)),
        ("b", SortKey::Numeric(-1.5)),
        ("a", SortKey::Numeric(2.0)),
        ("f", SortKey::String("a".into())),
        ("g", SortKey::String("b".into())),
        ("0", SortKey::None),
    ] {
        map.create(key, &key).sort_key(sort_key).await?;
    }
    let ascending: Vec<_> = map.list().try_collect().await?;
    assert_eq!(keys(&ascending), ["b", "a", "c", "f", "d", "g", "0", "e"]);
    let descending: Vec<_> = map.list().descending().page_size(3).try_collect().await?;
    assert_eq!(keys(&descending), ["e", "0", "g", "d", "f", "c", "a", "b"]);

    let middle: Vec<_> = map
        .list()
        .key_after("b")
        .key_before("f")
        .try_collect()
        .await?;
    assert_eq!(keys(&middle), ["c", "d", "e"]);
    let numbers: Vec<_> = map.list().sort_key_after(-1).try_collect().await?;
    assert_eq!(keys(&numbers), ["a", "c"]);
    let strings: Vec<_> = map
        .list()
        .sort_key_before("b")
        .descending()
        .try_collect()
        .await?;
    assert_eq!(keys(&strings), ["f"]);
    Ok(())
}

#[tokio::test]
async fn lists_page_with_and_without_a_limit() -> Result<(), Error> {
    let emulator = emulator().await;
    for n in 0..250 {
        emulator.set_memory_store_sorted_map_item(&MemoryStoreSortedMapItemConfig {
            universe: emulator.universe_id(),
            map: "big".into(),
            key: format!("k{n:03}"),
            value: json!(n),
            numeric_sort_key: None,
            string_sort_key: None,
            ttl_secs: None,
            scope: MemoryStoreScope::Live,
        });
    }
    let map = experience(&emulator).memory_store_sorted_map("big");
    let all: Vec<_> = map.list().page_size(7).try_collect().await?;
    assert_eq!(all.len(), 250);
    assert!(all.windows(2).all(|w| w[0].key < w[1].key));
    assert_eq!(
        requests_of(&emulator, "memory_stores.sorted_map.list").len(),
        36
    );
    let full_pages: Vec<_> = map.list().try_collect().await?;
    assert_eq!(full_pages.len(), 250);
    emulator.clear_requests();
    let some: Vec<_> = map
        .list()
        .descending()
        .page_size(5)
        .limit(23)
        .try_collect()
        .await?;
    assert_eq!(some.len(), 23);
    assert_eq!(some[0].key, "k249");
    assert_eq!(
        requests_of(&emulator, "memory_stores.sorted_map.list").len(),
        5
    );
    Ok(())
}

#[tokio::test]
async fn bad_input_sends_nothing() {
    let emulator = emulator().await;
    let experience = experience_once(&emulator);
    let map = experience.memory_store_sorted_map("m");
    let big = "x".repeat(oc_memory_stores::MAX_VALUE_BYTES);
    let outcomes = vec![
        experience.memory_store_sorted_map("").get("k").await.err(),
        experience
            .memory_store_sorted_map(".")
            .list()
            .try_collect::<Vec<_>>()
            .await
            .err(),
        map.create("", &1).await.err(),
        map.create("k".repeat(128), &1).await.err(),
        map.create("k", &big).await.err(),
        map.create("k", &1).sort_key("s".repeat(129)).await.err(),
        map.create("k", &1).sort_key(f64::NAN).await.err(),
        map.create("k", &1)
            .expiration(Duration::from_secs(3_888_001))
            .await
            .err(),
        map.update("..", &1).await.err(),
        map.update("k", &1)
            .expiration(Duration::from_millis(10))
            .await
            .err(),
        map.get("").await.err(),
        map.delete("k").etag("").await.err(),
        map.list()
            .key_after("a\"b")
            .try_collect::<Vec<_>>()
            .await
            .err(),
        map.list()
            .sort_key_before(f64::INFINITY)
            .try_collect::<Vec<_>>()
            .await
            .err(),
    ];
    for (n, outcome) in outcomes.into_iter().enumerate() {
        assert!(
            matches!(outcome, Some(Error::InvalidInput(_))),
            "case {n}: {outcome:?}"
        );
    }
    assert!(emulator.requests().is_empty());
}

#[tokio::test]
async fn a_refused_descending_order_is_asked_again_in_the_other_spelling() -> Result<(), Error> {
    let emulator = emulator().await;
    let map = experience(&emulator).memory_store_sorted_map("m");
    for key in ["a", "b", "c"] {
        map.create(key, &1).await?;
    }
    emulator.inject_fault(oc_emulator::FaultRule {
        route: "memory_stores.sorted_map.list".into(),
        status: Some(400),
        times: Some(1),
        ..oc_emulator::FaultRule::default()
    });
    emulator.clear_requests();
    let items: Vec<_> = map.list().descending().page_size(2).try_collect().await?;
    assert_eq!(keys(&items), ["c", "b", "a"]);
    let paths: Vec<String> = requests_of(&emulator, "memory_stores.sorted_map.list")
        .into_iter()
        .map(|r| r.path)
        .collect();
    assert_eq!(paths.len(), 3, "{paths:?}");
    assert!(paths[0].contains("orderBy=id+desc"), "{paths:?}");
    assert!(paths[1].contains("orderBy=desc") && paths[2].contains("orderBy=desc"));
    Ok(())
}
