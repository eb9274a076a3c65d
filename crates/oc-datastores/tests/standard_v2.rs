//! Data stores v2 against the emulator: every method, v1 ↔ v2 on one entry, etag
//! preconditions, reads at a revision and at a point in time, deleted stores, snapshots,
//! paging, a create dropped after it was applied, and input refused before sending.

mod common;

use std::time::Duration;

use common::{experience, fault};
use futures::TryStreamExt;
use oc_core::Error;
use oc_datastores::standard_v2::DataStoreState;
use oc_datastores::{EntryState, ExperienceDataStoresExt, PreconditionFailed};
use oc_emulator::{DataStoreEntryConfig, DropMode, FaultRule};
use serde_json::json;

const DAY: Duration = Duration::from_secs(86_400);

#[tokio::test]
async fn an_entry_written_by_either_api_reads_back_through_the_other() -> Result<(), Error> {
    let (_emulator, experience) = experience().await;
    let v1 = experience.data_store("shared");
    let v2 = experience.data_store_v2("shared");
    let mut attributes = serde_json::Map::new();
    attributes.insert("a".into(), json!(1));

    let written = v1
        .set("k", &json!({"gold": 1}))
        .user_ids([5, 6])
        .attributes(attributes.clone())
        .await?;
    let (value, entry) = v2.get("k").await?;
    assert_eq!(value, json!({"gold": 1}));
    assert_eq!(
        entry.version, written.version,
        "revision id = v1 version id"
    );
    assert_eq!(entry.etag, written.version, "etag = revision id");
    assert_eq!(
        (entry.user_ids.as_slice(), &entry.attributes),
        (&[5, 6][..], &attributes)
    );
    assert_eq!(entry.state, EntryState::Active);

    let updated = v2
        .set("k", &json!({"gold": 2}))
        .match_version(&entry.etag)
        .user_ids([7])
        .await?;
    let (value, info) = v1.get("k").await?;
    assert_eq!(value, json!({"gold": 2}));
    assert_eq!(info.version, updated.version);
    assert_eq!(info.user_ids, [7]);
    assert!(
        info.attributes.is_empty(),
        "attributes not sent are cleared"
    );

    v2.increment("n", 4).await?;
    let (n, _) = v1.increment("n", 1).await?;
    assert_eq!(n.as_i64(), Some(5));
    v1.remove("k").await?;
    assert!(v2.get("k").await.err().is_some_and(|e| e.is_not_found()));
    let versions: Vec<_> = v2.list_versions("k").try_collect().await?;
    assert!(versions[0].deleted && versions[0].state == EntryState::Deleted);
    let (deleted, tombstone) = v2.get_version("k", &versions[0].version).await?;
    assert_eq!(
        (deleted, tombstone.state),
        (json!(null), EntryState::Deleted)
    );
    Ok(())
}

#[tokio::test]
async fn a_stale_etag_fails_with_the_services_answer() -> Result<(), Error> {
    let (emulator, experience) = experience().await;
    let store = experience.data_store_v2("cas");
    let first = store.create("k", &1).await?;
    store.update("k", &2).await?;
    emulator.clear_requests();
    let err = store
        .update("k", &3)
        .match_version(&first.etag)
        .await
        .expect_err("stale");
    assert!(err.detail::<PreconditionFailed>().is_some(), "{err:?}");
    let api = err.api_error().expect("the answer");
    assert_eq!((api.status().as_u16(), api.code()), (409, Some("ABORTED")));
    assert!(api.message().is_some_and(|m| m.contains("etag")));
    assert_eq!(emulator.requests().len(), 1, "never retried");
    let (value, _) = store.get("k").await?;
    assert_eq!(value, json!(2), "not applied");

    let exists = store.create("k", &4).await.expect_err("exists");
    assert!(
        exists.detail::<PreconditionFailed>().is_some(),
        "{exists:?}"
    );
    assert_eq!(exists.status().map(|s| s.as_u16()), Some(400));
    let missing = store.update("absent", &1).await.expect_err("missing");
    assert!(missing.is_not_found(), "{missing:?}");
    store.update("absent", &1).allow_missing(true).await?;
    Ok(())
}

#[tokio::test]
async fn reads_at_a_revision_and_at_a_point_in_time() -> Result<(), Error> {
    let (emulator, experience) = experience().await;
    let store = experience.data_store_v2("history").with_scope("s1");
    let one = store.set("k", &"one").await?;
    emulator.advance_clock(Duration::from_secs(3600));
    let two = store.set("k", &"two").await?;
    assert!(two.updated - one.updated >= time::Duration::HOUR);
    assert_eq!(two.created, one.created, "createTime is the key's");
    emulator.advance_clock(Duration::from_secs(3600));

    let (at_one, entry) = store.get_version("k", &one.version).await?;
    assert_eq!((at_one, entry.version), (json!("one"), one.version.clone()));
    let between = one.updated + time::Duration::minutes(30);
    let (then, entry) = store.get_at("k", between).await?;
    assert_eq!((then, entry.version), (json!("one"), one.version.clone()));
    let (now, _) = store.get_at("k", two.updated).await?;
    assert_eq!(now, json!("two"));
    let before = store
        .get_at("k", one.created - time::Duration::SECOND)
        .await;
    assert!(before.err().is_some_and(|e| e.is_not_found()));
    let unknown = store
        .get_version("k", "08DC0000000000.0000000009.08DC000000000000.01")
        .await;
    assert_eq!(
        unknown.err().and_then(|e| e.status()).map(|s| s.as_u16()),
        Some(400)
    );

    let newer: Vec<_> = store
        .list_versions("k")
        .after(between)
        .try_collect()
        .await?;
    assert_eq!(newer.len(), 1);
    let older: Vec<_> = store
        .list_versions("k")
        .before(between)
        .try_collect()
        .await?;
    assert_eq!(older[0].version, one.version);

    // A key holding `@` reads with `@latest` appended; writes take it whole.
    store.set("a@b", &1).await?;
    let (value, entry) = store.get("a@b").await?;
    assert_eq!((value, entry.key.as_str()), (json!(1), "a@b"));
    // `/ ? # %` travel percent-encoded.
    store.set("x/y?z#%", &2).await?;
    assert_eq!(store.get("x/y?z#%").await?.0, json!(2));
    Ok(())
}

#[tokio::test]
async fn a_deleted_store_can_be_undeleted_until_it_expires() -> Result<(), Error> {
    let (emulator, experience) = experience().await;
    let store = experience.data_store_v2("doomed");
    store.set("k", &1).await?;
    let deleted = store.delete_store().await?;
    assert_eq!(deleted.state, Some(DataStoreState::Deleted));
    let expire = deleted.expire_time.expect("an expiry");
    let created = deleted.created.expect("a creation time");
    assert!(expire - time::OffsetDateTime::now_utc() > time::Duration::days(29));
    assert_eq!(
        store.delete_store().await?.expire_time,
        Some(expire),
        "unchanged"
    );
    assert!(store.get("k").await.err().is_some_and(|e| e.is_not_found()));

    let listed: Vec<_> = experience.list_data_stores_v2().try_collect().await?;
    assert!(listed.is_empty(), "{listed:?}");
    let listed: Vec<_> = experience
        .list_data_stores_v2()
        .show_deleted()
        .try_collect()
        .await?;
    assert_eq!(listed[0].name, "doomed");
    assert_eq!(listed[0].expire_time, Some(expire));
    assert_eq!(listed[0].created, Some(created));

    emulator.advance_clock(29 * DAY);
    let back = store.undelete_store().await?;
    assert_eq!(
        (back.state, back.expire_time),
        (Some(DataStoreState::Active), None)
    );
    assert_eq!(store.get("k").await?.0, json!(1));

    store.delete_store().await?;
    emulator.advance_clock(31 * DAY);
    let purged = store.undelete_store().await.expect_err("purged");
    assert!(purged.is_not_found(), "{purged:?}");
    assert!(store.get("k").await.err().is_some_and(|e| e.is_not_found()));
    // The name is free again.
    store.create("k", &2).await?;
    let missing = experience.data_store_v2("never").delete_store().await;
    assert!(missing.err().is_some_and(|e| e.is_not_found()));
    Ok(())
}

#[tokio::test]
async fn one_snapshot_per_utc_day() -> Result<(), Error> {
    let (emulator, experience) = experience().await;
    let first = experience.snapshot_data_stores().await?;
    assert!(first.new_snapshot_taken);
    let second = experience.snapshot_data_stores().await?;
    assert!(!second.new_snapshot_taken);
    assert_eq!(second.latest_snapshot_time, first.latest_snapshot_time);
    emulator.advance_clock(DAY);
    let tomorrow = experience.snapshot_data_stores().await?;
    assert!(tomorrow.new_snapshot_taken);
    assert!(tomorrow.latest_snapshot_time > first.latest_snapshot_time);
    Ok(())
}

#[tokio::test]
async fn lists_walk_many_pages() -> Result<(), Error> {
    let (emulator, experience) = experience().await;
    let universe = emulator.universe_id();
    for i in 0..600 {
        let mut entry = DataStoreEntryConfig::new(universe, "big", format!("k{i:04}"), json!(i));
        if i % 3 == 0 {
            entry.scope = "other".into();
        }
        emulator.set_data_store_entry(&entry);
    }
    for i in 0..25 {
        emulator.add_data_store(universe, &format!("store{i:02}"));
    }
    let store = experience.data_store_v2("big");
    emulator.clear_requests();
    let global: Vec<_> = store.list_keys().try_collect().await?;
    assert_eq!(global.len(), 400);
    assert_eq!(emulator.requests().len(), 2, "pages of 256");
    let all: Vec<_> = store.clone().all_scopes().list_keys().try_collect().await?;
    assert_eq!(all.len(), 600);
    assert_eq!(all.iter().filter(|k| k.scope == "other").count(), 200);
    emulator.clear_requests();
    let limited: Vec<_> = store
        .list_keys()
        .page_size(7)
        .limit(30)
        .try_collect()
        .await?;
    assert_eq!(limited.len(), 30);
    assert_eq!(limited[0].key, "k0001");
    assert_eq!(emulator.requests().len(), 5);
    let prefixed: Vec<_> = store.list_keys().prefix("k05").try_collect().await?;
    assert_eq!(prefixed.len(), 67);

    let stores: Vec<_> = experience
        .list_data_stores_v2()
        .prefix("store")
        .page_size(10)
        .try_collect()
        .await?;
    assert_eq!(stores.len(), 25);

    let counter = experience.data_store_v2("counter");
    for _ in 0..30 {
        counter.increment("n", 1).await?;
    }
    let revisions: Vec<_> = counter
        .list_versions("n")
        .page_size(7)
        .try_collect()
        .await?;
    assert_eq!(revisions.len(), 30);
    assert!(revisions.windows(2).all(|w| w[0].created > w[1].created));
    let first_five: Vec<_> = counter.list_versions("n").limit(5).try_collect().await?;
    assert_eq!(first_five.len(), 5);
    store.remove("k0001").await?;
    let with_deleted: Vec<_> = store.list_keys().show_deleted().try_collect().await?;
    assert_eq!(with_deleted.len(), 400);
    let without: Vec<_> = store.list_keys().try_collect().await?;
    assert_eq!(without.len(), 399);
    Ok(())
}

#[tokio::test]
async fn a_create_dropped_after_apply_may_have_been_applied_and_is_sent_once() -> Result<(), Error>
{
    let (emulator, experience) = experience().await;
    let store = experience.data_store_v2("drops");
    for route in [
        "datastores.v2.scope.entry.create",
        "datastores.v2.scope.entry.increment",
    ] {
        emulator.inject_fault(FaultRule {
            drop: Some(DropMode::AfterApply),
            times: Some(1),
            ..fault(route)
        });
    }
    let err = store.create("k", &1).await.expect_err("the drop");
    assert!(err.may_have_been_applied(), "{err:?}");
    assert_eq!(emulator.requests().len(), 1, "sent once");
    assert_eq!(store.get("k").await?.0, json!(1), "applied once");
    emulator.clear_requests();
    let err = store.increment("n", 2).await.expect_err("the drop");
    assert!(err.may_have_been_applied(), "{err:?}");
    assert_eq!(emulator.requests().len(), 1, "sent once");
    assert_eq!(store.get("n").await?.0, json!(2));
    Ok(())
}

fn field_of<T: std::fmt::Debug>(result: Result<T, Error>) -> String {
    match result {
        Err(Error::InvalidInput(invalid)) => invalid.field().to_owned(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[tokio::test]
async fn bad_input_never_reaches_the_emulator() {
    let (emulator, experience) = experience().await;
    let long = "n".repeat(51);
    let ok = experience.data_store_v2("ok");
    let all = ok.clone().all_scopes();
    let mut attributes = serde_json::Map::new();
    attributes.insert("a".into(), json!("x".repeat(300)));
    let big = "x".repeat(4 * 1024 * 1024);

    assert_eq!(
        field_of(experience.data_store_v2("").get("k").await),
        "name"
    );
    assert_eq!(
        field_of(experience.data_store_v2(&long).get("k").await),
        "name"
    );
    assert_eq!(
        field_of(experience.data_store_v2("..").set("k", &1).await),
        "name"
    );
    assert_eq!(field_of(ok.clone().with_scope("").get("k").await), "scope");
    assert_eq!(
        field_of(ok.clone().with_scope(&long).get("k").await),
        "scope"
    );
    assert_eq!(
        field_of(ok.clone().with_scope(".").remove("k").await),
        "scope"
    );
    assert_eq!(field_of(ok.get("").await), "key");
    assert_eq!(field_of(ok.get(&long).await), "key");
    assert_eq!(field_of(ok.get(".").await), "key");
    assert_eq!(field_of(ok.remove("..").await), "key");
    assert_eq!(field_of(all.get("no-scope").await), "key");
    assert_eq!(
        field_of(
            all.clone()
                .with_scope("s")
                .list_keys()
                .try_collect::<Vec<_>>()
                .await
        ),
        "scope"
    );
    assert_eq!(
        field_of(ok.set("k", &1).attributes(attributes.clone()).await),
        "attributes"
    );
    assert_eq!(
        field_of(ok.increment("k", 1).attributes(attributes).await),
        "attributes"
    );
    assert_eq!(
        field_of(ok.set("k", &1).user_ids([1, 2, 3, 4, 5]).await),
        "user_ids"
    );
    assert_eq!(
        field_of(ok.increment("k", 1).user_ids([1, 2, 3, 4, 5]).await),
        "user_ids"
    );
    assert_eq!(field_of(ok.set("k", &big).await), "value");
    assert_eq!(field_of(ok.create("k", &big).await), "value");
    assert_eq!(field_of(ok.increment("k", 0.5).await), "by");
    assert_eq!(field_of(ok.increment("k", f64::NAN).await), "by");
    assert_eq!(
        field_of(ok.set("k", &1).match_version("").await),
        "match_version"
    );
    assert_eq!(
        field_of(
            ok.set("k", &1)
                .exclusive_create(true)
                .match_version("e")
                .await
        ),
        "match_version"
    );
    assert_eq!(field_of(ok.get_version("k", "").await), "version");
    assert_eq!(field_of(ok.get_version("k", "a/b").await), "version");
    assert_eq!(
        field_of(ok.get_at("k", time::OffsetDateTime::UNIX_EPOCH).await),
        "time"
    );
    assert_eq!(
        field_of(ok.list_versions("").try_collect::<Vec<_>>().await),
        "key"
    );
    assert_eq!(
        field_of(experience.data_store_v2("").delete_store().await),
        "name"
    );
    assert_eq!(
        field_of(experience.data_store_v2("..").undelete_store().await),
        "name"
    );
    assert!(emulator.requests().is_empty(), "{:?}", emulator.requests());
}
