//! The cursor pager against the emulator's list of data stores.

mod common;

use common::*;
use futures::{StreamExt, TryStreamExt};
use oc_core::{paginate, Error};
use oc_emulator::FaultRule;

#[tokio::test]
async fn pages_follow_the_cursor_and_honour_the_limit() -> oc_core::Result<()> {
    let emulator = emulator().await;
    let universe = emulator.universe_id();
    let names: Vec<String> = (0..7).map(|i| format!("store-{i}")).collect();
    for name in &names {
        emulator.add_data_store(universe, name);
    }
    let client = client_for(&emulator);

    let all: Vec<String> = paginate(None, |page| {
        let client = client.clone();
        async move { list_data_stores(&client, universe, page.cursor, 3).await }
    })
    .try_collect()
    .await?;
    assert_eq!(all, names);
    assert_eq!(hits(&emulator, "datastores.list"), 3);

    let some: Vec<String> = paginate(Some(4), |page| {
        let client = client.clone();
        async move { list_data_stores(&client, universe, page.cursor, 3).await }
    })
    .try_collect()
    .await?;
    assert_eq!(some, names[..4]);
    Ok(())
}

#[tokio::test]
async fn a_repeated_cursor_stops_the_pager_with_an_error() {
    let emulator = emulator().await;
    let universe = emulator.universe_id();
    for i in 0..5 {
        emulator.add_data_store(universe, &format!("store-{i}"));
    }
    emulator.inject_fault(FaultRule {
        route: "datastores.list".into(),
        repeat_cursor: true,
        ..FaultRule::default()
    });
    let client = client_for(&emulator);
    let results: Vec<oc_core::Result<String>> = paginate(None, |page| {
        let client = client.clone();
        async move { list_data_stores(&client, universe, page.cursor, 2).await }
    })
    .take(50)
    .collect()
    .await;
    assert!(
        results.len() < 10,
        "the pager looped: {} results",
        results.len()
    );
    assert!(
        matches!(results.last(), Some(Err(Error::RepeatedCursor { .. }))),
        "{results:?}"
    );
}
