//! Ordered data stores v2 against the emulator over real sockets: every method, the v1
//! body run unchanged on a v2 handle, v1↔v2 interop, ordering, filters, paging, refused
//! input and a create dropped after it was applied.

mod common;

use common::{experience, fault};
use futures::TryStreamExt;
use oc_core::Error;
use oc_datastores::{ExperienceDataStoresExt, OrderedEntry, PreconditionFailed};
use oc_emulator::{DropMode, FaultRule};

fn values(entries: &[OrderedEntry]) -> Vec<i64> {
    entries.iter().map(|e| e.value).collect()
}

fn keys(entries: &[OrderedEntry]) -> Vec<&str> {
    entries.iter().map(|e| e.key.as_str()).collect()
}

fn is_precondition(result: &Result<i64, Error>) -> bool {
    result
        .as_ref()
        .is_err_and(|e| e.detail::<PreconditionFailed>().is_some())
}

/// One body for both versions: the v2 handle is a one-line change of the constructor.
macro_rules! leaderboard_body {
    ($board:expr) => {{
        let board = $board;
        assert_eq!(board.set("ann", 10).exclusive_create(true).await?, 10);
        assert!(is_precondition(
            &board.set("ann", 11).exclusive_create(true).await
        ));
        assert!(is_precondition(
            &board.set("bob", 1).exclusive_update(true).await
        ));
        assert_eq!(board.set("ann", 12).exclusive_update(true).await?, 12);
        assert_eq!(board.set("bob", 30).await?, 30, "an upsert creates");
        assert_eq!(board.set("cat", 0).await?, 0);
        assert_eq!(board.get("cat").await?, 0);
        assert_eq!(board.increment("ann", 5).await?, 17);
        assert_eq!(
            board.increment("dan", 4).await?,
            4,
            "a missing key counts as 0"
        );
        let top: Vec<OrderedEntry> = board.list_entries().descending().try_collect().await?;
        assert_eq!(values(&top), [30, 17, 4, 0]);
        assert_eq!(keys(&top), ["bob", "ann", "dan", "cat"]);
        assert!(top.iter().all(|e| e.scope == "season"));
        let up: Vec<OrderedEntry> = board.list_entries().ascending().try_collect().await?;
        assert_eq!(values(&up), [0, 4, 17, 30]);
        let mid: Vec<OrderedEntry> = board.list_entries().min(4).max(17).try_collect().await?;
        assert_eq!(values(&mid), [17, 4]);
        let two: Vec<OrderedEntry> = board
            .list_entries()
            .limit(2)
            .page_size(1)
            .try_collect()
            .await?;
        assert_eq!(values(&two), [30, 17]);
        board.remove("cat").await?;
        assert!(board.get("cat").await.is_err_and(|e| e.is_not_found()));
    }};
}

#[tokio::test]
async fn the_v1_body_runs_unchanged_on_both_versions() -> Result<(), Error> {
    let (emulator, experience) = experience().await;
    leaderboard_body!(experience.ordered_data_store("v1").with_scope("season"));
    leaderboard_body!(experience.ordered_data_store_v2("v2").with_scope("season"));
    let paths: Vec<String> = emulator.requests().iter().map(|r| r.path.clone()).collect();
    assert!(paths.iter().any(|p| p.starts_with("/cloud/v2/universes/")));
    assert!(paths
        .iter()
        .any(|p| p.starts_with("/ordered-data-stores/v1/")));
    Ok(())
}

#[tokio::test]
async fn every_method_and_the_v2_differences() -> Result<(), Error> {
    let (emulator, experience) = experience().await;
    let points = experience.ordered_data_store_v2("points");
    assert_eq!(points.name(), "points");
    assert_eq!(points.scope(), Some("global"));
    assert_eq!(
        points.set("a", -5).exclusive_create(true).await?,
        -5,
        "negative values"
    );
    assert_eq!(points.get("a").await?, -5);
    assert_eq!(points.set("a", 7).await?, 7);
    assert_eq!(points.increment("a", -10).await?, -3);
    points.remove("a").await?;
    // v2: removing a missing entry is 404 (v1 answers 200).
    let missing = points.remove("a").await;
    assert!(missing.is_err_and(|e| e.is_not_found()));
    assert!(points.get("a").await.is_err_and(|e| e.is_not_found()));
    // An increment past the range answers the clamp.
    points.set("big", i64::MAX - 1).await?;
    assert_eq!(points.increment("big", 10).await?, i64::MAX);
    assert_eq!(points.get("big").await?, i64::MAX);
    // The service may keep the unclamped sum: MAX + 9 - 20 = MAX - 11.
    assert_eq!(points.increment("big", -20).await?, i64::MAX - 11);
    points.set("small", i64::MIN).await?;
    assert_eq!(points.increment("small", -1).await?, i64::MIN);
    let requests = emulator.requests();
    let create = requests
        .iter()
        .find(|r| r.method == "POST" && !r.path.contains(":increment"))
        .map(|r| r.path.clone());
    assert_eq!(
        create.as_deref(),
        Some("/cloud/v2/universes/1000/ordered-data-stores/points/scopes/global/entries?id=a")
    );
    Ok(())
}

#[tokio::test]
async fn a_value_written_through_one_version_reads_back_through_the_other() -> Result<(), Error> {
    let (_emulator, experience) = experience().await;
    let v1 = experience.ordered_data_store("shared").with_scope("s");
    let v2 = experience.ordered_data_store_v2("shared").with_scope("s");
    v1.set("p", 40).await?;
    assert_eq!(v2.get("p").await?, 40);
    assert_eq!(v2.increment("p", 2).await?, 42);
    assert_eq!(v1.get("p").await?, 42);
    assert!(is_precondition(
        &v2.set("p", 1).exclusive_create(true).await
    ));
    let listed: Vec<_> = v1.list_entries().try_collect().await?;
    assert_eq!(values(&listed), [42]);
    v2.remove("p").await?;
    assert!(v1.get("p").await.is_err_and(|e| e.is_not_found()));
    v2.set("q", 3).exclusive_create(true).await?;
    let listed: Vec<_> = v1.list_entries().try_collect().await?;
    assert_eq!(keys(&listed), ["q"]);
    Ok(())
}

#[tokio::test]
async fn equal_values_come_in_id_order_both_ways() -> Result<(), Error> {
    let (_emulator, experience) = experience().await;
    let board = experience.ordered_data_store_v2("ties");
    for (id, value) in [("d", 5), ("b", 5), ("a", 1), ("c", 5), ("e", 9)] {
        board.set(id, value).await?;
    }
    let down: Vec<_> = board.list_entries().try_collect().await?;
    assert_eq!(keys(&down), ["e", "b", "c", "d", "a"]);
    let up: Vec<_> = board.list_entries().ascending().try_collect().await?;
    assert_eq!(keys(&up), ["a", "b", "c", "d", "e"]);
    // Ties split across pages keep their order.
    let paged: Vec<_> = board.list_entries().page_size(2).try_collect().await?;
    assert_eq!(keys(&paged), ["e", "b", "c", "d", "a"]);
    Ok(())
}

#[tokio::test]
async fn filters_bound_the_values() -> Result<(), Error> {
    let (_emulator, experience) = experience().await;
    let board = experience.ordered_data_store_v2("bounds");
    for (n, value) in [-10, 0, 5, 10, 15].into_iter().enumerate() {
        board.set(format!("p{n}"), value).await?;
    }
    let both: Vec<_> = board.list_entries().min(0).max(10).try_collect().await?;
    assert_eq!(values(&both), [10, 5, 0]);
    let min: Vec<_> = board
        .list_entries()
        .ascending()
        .min(5)
        .try_collect()
        .await?;
    assert_eq!(values(&min), [5, 10, 15]);
    let max: Vec<_> = board.list_entries().max(-1).try_collect().await?;
    assert_eq!(values(&max), [-10]);
    let none: Vec<_> = board.list_entries().min(16).try_collect().await?;
    assert!(none.is_empty());
    Ok(())
}

#[tokio::test]
async fn many_pages_with_and_without_a_limit() -> Result<(), Error> {
    let (emulator, experience) = experience().await;
    let board = experience.ordered_data_store_v2("big");
    for n in 0..230 {
        board.set(format!("p{n:03}"), n % 7).await?;
    }
    emulator.clear_requests();
    let all: Vec<_> = board.list_entries().ascending().try_collect().await?;
    assert_eq!(all.len(), 230);
    assert!(all
        .windows(2)
        .all(|w| (w[0].value, &w[0].key) < (w[1].value, &w[1].key)));
    assert_eq!(emulator.requests().len(), 3, "pages of 100");
    emulator.clear_requests();
    let small: Vec<_> = board.list_entries().page_size(9).try_collect().await?;
    assert_eq!(small.len(), 230);
    assert!(small.windows(2).all(|w| w[0].value >= w[1].value));
    assert_eq!(emulator.requests().len(), 26);
    emulator.clear_requests();
    let some: Vec<_> = board
        .list_entries()
        .min(3)
        .page_size(20)
        .limit(75)
        .try_collect()
        .await?;
    assert_eq!(some.len(), 75);
    assert!(some.iter().all(|e| e.value >= 3));
    assert_eq!(emulator.requests().len(), 4, "20 + 20 + 20 + 15");
    let last = emulator.requests().last().map(|r| r.path.clone());
    assert!(
        last.as_deref()
            .is_some_and(|p| p.contains("maxPageSize=15")),
        "{last:?}"
    );
    Ok(())
}

#[tokio::test]
async fn a_create_dropped_after_apply_may_have_been_applied_and_is_sent_once() -> Result<(), Error>
{
    let (emulator, experience) = experience().await;
    let board = experience.ordered_data_store_v2("drops");
    for route in [
        "ordered_v2.entry.create",
        "ordered_v2.entry.increment",
        "ordered_v2.entry.delete",
    ] {
        emulator.inject_fault(FaultRule {
            drop: Some(DropMode::AfterApply),
            times: Some(1),
            ..fault(route)
        });
    }
    let err = board.set("n", 8).exclusive_create(true).await.err();
    assert!(
        err.as_ref().is_some_and(Error::may_have_been_applied),
        "{err:?}"
    );
    assert_eq!(emulator.requests().len(), 1, "not repeated");
    assert_eq!(board.get("n").await?, 8, "applied once");
    emulator.clear_requests();
    let err = board.increment("n", 1).await.err();
    assert!(
        err.as_ref().is_some_and(Error::may_have_been_applied),
        "{err:?}"
    );
    assert_eq!(emulator.requests().len(), 1);
    assert_eq!(board.get("n").await?, 9);
    emulator.clear_requests();
    let err = board.remove("n").await.err();
    assert!(
        err.as_ref().is_some_and(Error::may_have_been_applied),
        "{err:?}"
    );
    assert_eq!(emulator.requests().len(), 1);
    assert!(board.get("n").await.is_err_and(|e| e.is_not_found()));
    Ok(())
}

#[tokio::test]
async fn names_count_characters_and_survive_encoding() -> Result<(), Error> {
    let (_emulator, experience) = experience().await;
    let fifty = "é".repeat(50);
    let store = experience
        .ordered_data_store_v2(fifty.clone())
        .with_scope("sc ope&#?+%ü");
    store.set(fifty.as_str(), 4).await?;
    store.set("a b/c%d&e#f?g+h=é日本", 6).await?;
    assert_eq!(store.get(fifty.as_str()).await?, 4);
    let listed: Vec<_> = store.list_entries().try_collect().await?;
    assert_eq!(keys(&listed), ["a b/c%d&e#f?g+h=é日本", fifty.as_str()]);
    Ok(())
}

fn field_of(result: Result<impl std::fmt::Debug, Error>) -> String {
    match result {
        Err(Error::InvalidInput(invalid)) => invalid.field().to_owned(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[tokio::test]
async fn refused_input_never_reaches_the_emulator() {
    let (emulator, experience) = experience().await;
    let ok = experience.ordered_data_store_v2("ok");
    let long = "n".repeat(51);
    let long_chars = "é".repeat(51);
    assert_eq!(
        field_of(experience.ordered_data_store_v2("").get("k").await),
        "name"
    );
    assert_eq!(
        field_of(experience.ordered_data_store_v2(&long).get("k").await),
        "name"
    );
    assert_eq!(field_of(ok.clone().with_scope("").get("k").await), "scope");
    assert_eq!(
        field_of(ok.clone().with_scope(&long_chars).get("k").await),
        "scope"
    );
    assert_eq!(field_of(ok.get("").await), "key");
    assert_eq!(field_of(ok.get(&long).await), "key");
    assert_eq!(field_of(ok.set(&long_chars, 1).await), "key");
    assert_eq!(
        field_of(
            ok.set("k", 1)
                .exclusive_create(true)
                .exclusive_update(true)
                .await
        ),
        "exclusive_update"
    );
    // An all-scopes handle has no v2 route: every method is refused.
    let all = ok.clone().all_scopes();
    assert_eq!(all.scope(), None);
    assert_eq!(field_of(all.get("global/k").await), "scope");
    assert_eq!(field_of(all.set("global/k", 1).await), "scope");
    assert_eq!(field_of(all.increment("global/k", 1).await), "scope");
    assert_eq!(field_of(all.remove("global/k").await), "scope");
    let listed: Result<Vec<_>, _> = all.list_entries().try_collect().await;
    assert_eq!(field_of(listed), "scope");
    let both = ok.clone().with_scope("s").all_scopes();
    assert_eq!(field_of(both.get("k").await), "scope");
    let listed: Result<Vec<_>, _> = ok.list_entries().min(5).max(4).try_collect().await;
    assert_eq!(field_of(listed), "min");
    for dots in [".", ".."] {
        let named = experience.ordered_data_store_v2(dots);
        assert_eq!(field_of(named.set("k", 1).await), "name");
        let scoped = ok.clone().with_scope(dots);
        assert_eq!(field_of(scoped.get("k").await), "scope");
        let listed: Result<Vec<_>, _> = scoped.list_entries().try_collect().await;
        assert_eq!(field_of(listed), "scope");
        assert_eq!(field_of(ok.increment(dots, 1).await), "key");
        assert_eq!(field_of(ok.remove(dots).await), "key");
        assert_eq!(
            field_of(ok.set(dots, 1).exclusive_create(true).await),
            "key"
        );
    }
    assert!(emulator.requests().is_empty(), "{:?}", emulator.requests());
}
