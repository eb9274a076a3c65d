//! Ordered data stores against the emulator over real sockets.

mod common;

use common::{experience, AWKWARD};
use futures::TryStreamExt;
use oc_core::Error;
use oc_datastores::{ExperienceDataStoresExt, OrderedEntry, OutOfBounds, PreconditionFailed};

fn values(entries: &[OrderedEntry]) -> Vec<i64> {
    entries.iter().map(|e| e.value).collect()
}

#[tokio::test]
async fn set_get_increment_remove() -> Result<(), Error> {
    let (_emulator, experience) = experience().await;
    let points = experience.ordered_data_store("points");
    assert_eq!(points.set("a", 10).exclusive_create(true).await?, 10);
    let exists = points.set("a", 11).exclusive_create(true).await.err();
    assert!(
        exists
            .as_ref()
            .is_some_and(|e| e.detail::<PreconditionFailed>().is_some()),
        "{exists:?}"
    );
    let missing = points.set("b", 1).exclusive_update(true).await.err();
    assert!(
        missing
            .as_ref()
            .is_some_and(|e| e.detail::<PreconditionFailed>().is_some()),
        "{missing:?}"
    );
    assert_eq!(points.set("a", 12).exclusive_update(true).await?, 12);
    assert_eq!(points.set("b", 0).await?, 0, "an upsert creates");
    assert_eq!(points.get("b").await?, 0, "a left-out value is 0");
    assert_eq!(points.increment("a", 5).await?, 17);
    let below = points.increment("a", -18).await.err();
    let amount = below
        .as_ref()
        .and_then(Error::detail::<OutOfBounds>)
        .map(|o| o.amount);
    assert_eq!(amount, Some(-18), "{below:?}");
    assert_eq!(points.get("a").await?, 17);
    points.remove("a").await?;
    assert!(points.get("a").await.is_err_and(|e| e.is_not_found()));
    points.remove("a").await?;
    Ok(())
}

#[tokio::test]
async fn sorting_with_every_bound_combination() -> Result<(), Error> {
    let (_emulator, experience) = experience().await;
    let board = experience
        .ordered_data_store("board")
        .with_scope("season 1");
    for (n, value) in [0, 5, 10, 15, 20, 25].into_iter().enumerate() {
        board.set(format!("player_{n}"), value).await?;
    }
    let all: Vec<_> = board.list_entries().try_collect().await?;
    assert_eq!(values(&all), [25, 20, 15, 10, 5, 0]);
    assert!(all.iter().all(|e| e.scope == "season 1"));
    assert_eq!(all[0].key, "player_5");
    let up: Vec<_> = board.list_entries().ascending().try_collect().await?;
    assert_eq!(values(&up), [0, 5, 10, 15, 20, 25]);
    let both: Vec<_> = board.list_entries().min(5).max(20).try_collect().await?;
    assert_eq!(values(&both), [20, 15, 10, 5]);
    let min_only: Vec<_> = board
        .list_entries()
        .ascending()
        .min(15)
        .try_collect()
        .await?;
    assert_eq!(values(&min_only), [15, 20, 25]);
    let max_only: Vec<_> = board.list_entries().max(10).try_collect().await?;
    assert_eq!(values(&max_only), [10, 5, 0]);
    let zero_max: Vec<_> = board.list_entries().max(0).try_collect().await?;
    assert_eq!(values(&zero_max), [0], "0 is a bound, not unset");
    let zero_min: Vec<_> = board.list_entries().min(0).max(0).try_collect().await?;
    assert_eq!(values(&zero_min), [0]);
    let top: Vec<_> = board.list_entries().limit(2).try_collect().await?;
    assert_eq!(values(&top), [25, 20]);
    Ok(())
}

#[tokio::test]
async fn sorting_pages_without_skipping_or_repeating() -> Result<(), Error> {
    let (emulator, experience) = experience().await;
    let board = experience.ordered_data_store("big");
    for n in 0..230 {
        board.set(format!("p{n:03}"), n % 7).await?;
    }
    emulator.clear_requests();
    let all: Vec<_> = board.list_entries().ascending().try_collect().await?;
    assert_eq!(all.len(), 230);
    let mut keys: Vec<_> = all.iter().map(|e| e.key.clone()).collect();
    assert!(all.windows(2).all(|w| w[0].value <= w[1].value));
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), 230);
    assert_eq!(emulator.requests().len(), 3);
    let some: Vec<_> = board.list_entries().limit(150).try_collect().await?;
    assert_eq!(some.len(), 150);
    assert!(some.windows(2).all(|w| w[0].value >= w[1].value));
    Ok(())
}

#[tokio::test]
async fn awkward_names_scopes_and_keys_round_trip() -> Result<(), Error> {
    let (_emulator, experience) = experience().await;
    let store = experience
        .ordered_data_store(AWKWARD)
        .with_scope("sc ope&#?+%ü");
    store.set(AWKWARD, 4).await?;
    assert_eq!(store.get(AWKWARD).await?, 4);
    assert_eq!(store.increment(AWKWARD, 1).await?, 5);
    let listed: Vec<_> = store.list_entries().try_collect().await?;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].key, AWKWARD);
    let all = experience.ordered_data_store(AWKWARD).all_scopes();
    assert_eq!(all.get(format!("sc ope&#?+%ü/{AWKWARD}")).await?, 5);
    store.remove(AWKWARD).await?;
    assert!(store.get(AWKWARD).await.is_err());
    Ok(())
}
