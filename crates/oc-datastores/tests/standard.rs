//! Standard data stores against the emulator over real sockets.

mod common;

use std::time::Duration;

use common::{experience, AWKWARD};
use futures::TryStreamExt;
use oc_core::time::OffsetDateTime;
use oc_core::Error;
use oc_datastores::{ExperienceDataStoresExt, KeyItem, PreconditionFailed};
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Profile {
    name: String,
    coins: u32,
}

#[tokio::test]
async fn set_get_increment_remove_round_trip() -> Result<(), Error> {
    let (_emulator, experience) = experience().await;
    let store = experience.data_store("players");
    let profile = Profile {
        name: "ann".into(),
        coins: 3,
    };
    let mut attributes = serde_json::Map::new();
    attributes.insert("team".into(), json!("red"));
    let written = store
        .set("user_1", &profile)
        .user_ids([1, 2])
        .attributes(attributes.clone())
        .await?;
    assert!(!written.deleted);
    assert_eq!(
        written.content_length,
        serde_json::to_vec(&profile).unwrap().len() as u64
    );
    assert_eq!(written.key(), "user_1");

    let (typed, info) = store.get_as::<Profile>("user_1").await?;
    assert_eq!(typed, profile);
    assert_eq!(info.version, written.version);
    assert_eq!(info.user_ids, [1, 2]);
    assert_eq!(info.attributes, attributes);
    assert_eq!(info.created, written.object_created);
    let (value, _) = store.get("user_1").await?;
    assert_eq!(value, json!({"name": "ann", "coins": 3}));

    let (count, info) = store.increment("visits", 5).user_ids([7]).await?;
    assert_eq!(count.as_i64(), Some(5));
    assert_eq!(info.user_ids, [7]);
    let (count, info) = store.increment("visits", 2).await?;
    assert_eq!(count.as_i64(), Some(7));
    assert!(info.user_ids.is_empty(), "omitted user ids are cleared");
    let (half, _) = store.increment("ratio", 0.5).await?;
    let (more, _) = store.increment("ratio", 1.25).await?;
    assert_eq!((half.as_f64(), more.as_f64()), (Some(0.5), Some(1.75)));

    store.remove("user_1").await?;
    let gone = store.get("user_1").await.err();
    assert!(gone.as_ref().is_some_and(Error::is_not_found), "{gone:?}");
    let again = store.remove("user_1").await.err();
    assert!(
        matches!(again, Some(oc_core::Error::NotFound(_))),
        "{again:?}"
    );
    Ok(())
}

#[tokio::test]
async fn a_failed_precondition_carries_the_current_value() -> Result<(), Error> {
    let (_emulator, experience) = experience().await;
    let store = experience.data_store("cas");
    let first = store
        .set("k", &json!({"n": 1}))
        .exclusive_create(true)
        .await?;
    let err = store
        .set("k", &json!({"n": 2}))
        .exclusive_create(true)
        .await
        .err();
    let failed = err
        .as_ref()
        .and_then(Error::detail::<PreconditionFailed>)
        .expect("412");
    assert_eq!(
        err.as_ref().and_then(Error::status).map(|s| s.as_u16()),
        Some(412)
    );
    let (value, info) = failed.current.as_ref().expect("the current value");
    assert_eq!(value, &json!({"n": 1}));
    assert_eq!(info.version, first.version);
    assert!(err.is_some_and(|e| !e.may_have_been_applied()));

    let second = store
        .set("k", &json!({"n": 2}))
        .match_version(&first.version)
        .await?;
    assert_ne!(second.version, first.version);
    let stale = store
        .set("k", &json!({"n": 3}))
        .match_version(&first.version)
        .await
        .err();
    match stale.as_ref().and_then(Error::detail::<PreconditionFailed>) {
        Some(failed) => {
            let (value, info) = failed.current.clone().expect("current");
            assert_eq!(value, json!({"n": 2}));
            assert_eq!(info.version, second.version);
        }
        other => panic!("expected a precondition failure, got {other:?}"),
    }
    let (value, _) = store.get("k").await?;
    assert_eq!(value, json!({"n": 2}));
    Ok(())
}

#[tokio::test]
async fn versions_list_in_both_orders_and_fetch_their_values() -> Result<(), Error> {
    let (_emulator, experience) = experience().await;
    let store = experience.data_store("history");
    let mut written = Vec::new();
    for n in 0..5 {
        written.push(store.set("k", &n).await?.version);
    }
    store.remove("k").await?;
    let newest_first: Vec<_> = store.list_versions("k").try_collect().await?;
    assert_eq!(newest_first.len(), 6);
    assert!(
        newest_first[0].deleted,
        "the tombstone is the newest version"
    );
    let ids: Vec<_> = newest_first[1..]
        .iter()
        .map(|v| v.version.clone())
        .collect();
    let mut expected = written.clone();
    expected.reverse();
    assert_eq!(ids, expected);

    let oldest_first: Vec<_> = store
        .list_versions("k")
        .ascending()
        .limit(3)
        .try_collect()
        .await?;
    let ids: Vec<_> = oldest_first.iter().map(|v| v.version.clone()).collect();
    assert_eq!(ids, written[..3]);

    let (value, info) = oldest_first[1].get_value().await?;
    assert_eq!(
        (value, info.version.as_str()),
        (json!(1), written[1].as_str())
    );
    let (value, _) = store.get_version("k", &written[4]).await?;
    assert_eq!(value, json!(4));

    let future = OffsetDateTime::now_utc() + Duration::from_secs(3600);
    let none: Vec<_> = store.list_versions("k").after(future).try_collect().await?;
    assert!(none.is_empty());
    let past = OffsetDateTime::now_utc() - Duration::from_secs(3600);
    let all: Vec<_> = store
        .list_versions("k")
        .after(past)
        .before(future)
        .try_collect()
        .await?;
    assert_eq!(all.len(), 6);
    let before_past: Vec<_> = store.list_versions("k").before(past).try_collect().await?;
    assert!(before_past.is_empty());
    Ok(())
}

#[tokio::test]
async fn keys_and_stores_page_without_skipping_or_repeating() -> Result<(), Error> {
    let (emulator, experience) = experience().await;
    let store = experience.data_store("many");
    let mut expected = Vec::new();
    for n in 0..230 {
        let key = format!("key_{n:03}");
        store.set(&key, &n).await?;
        expected.push(key);
    }
    emulator.clear_requests();
    let keys: Vec<KeyItem> = store.list_keys().try_collect().await?;
    let names: Vec<_> = keys.iter().map(|k| k.key.clone()).collect();
    assert_eq!(names, expected);
    assert!(keys.iter().all(|k| k.scope == "global"));
    assert_eq!(emulator.requests().len(), 3, "pages of 100");

    emulator.clear_requests();
    let limited: Vec<KeyItem> = store.list_keys().limit(150).try_collect().await?;
    let names: Vec<_> = limited.iter().map(|k| k.key.clone()).collect();
    assert_eq!(names, expected[..150]);
    assert_eq!(emulator.requests().len(), 2);

    let prefixed: Vec<KeyItem> = store.list_keys().prefix("key_22").try_collect().await?;
    assert_eq!(prefixed.len(), 10);

    for n in 0..120 {
        experience
            .data_store(format!("store_{n:03}"))
            .set("k", &n)
            .await?;
    }
    let stores: Vec<_> = experience
        .list_data_stores()
        .prefix("store_")
        .try_collect()
        .await?;
    let names: Vec<_> = stores.iter().map(|s| s.name.clone()).collect();
    let expected: Vec<_> = (0..120).map(|n| format!("store_{n:03}")).collect();
    assert_eq!(names, expected);
    let two: Vec<_> = experience.list_data_stores().limit(2).try_collect().await?;
    assert_eq!(two.len(), 2);
    Ok(())
}

#[tokio::test]
async fn scopes_and_all_scopes() -> Result<(), Error> {
    let (_emulator, experience) = experience().await;
    let global = experience.data_store("scoped");
    let special = experience.data_store("scoped").with_scope("special");
    let all = experience.data_store("scoped").all_scopes();
    global.set("a", &1).await?;
    special.set("b", &2).await?;
    all.set("other/c", &3).await?;
    let (value, _) = all.get("special/b").await?;
    assert_eq!(value, json!(2));
    assert!(global.get("b").await.is_err());
    let keys: Vec<KeyItem> = all.list_keys().try_collect().await?;
    let pairs: Vec<_> = keys
        .iter()
        .map(|k| (k.scope.as_str(), k.key.as_str()))
        .collect();
    assert_eq!(pairs, [("global", "a"), ("other", "c"), ("special", "b")]);
    let in_special: Vec<KeyItem> = special.list_keys().try_collect().await?;
    assert_eq!(in_special.len(), 1);
    let prefixed: Vec<KeyItem> = all.list_keys().prefix("oth").try_collect().await?;
    assert_eq!(prefixed.len(), 1);
    Ok(())
}

#[tokio::test]
async fn awkward_names_scopes_and_keys_round_trip() -> Result<(), Error> {
    let (_emulator, experience) = experience().await;
    let store = experience.data_store(AWKWARD).with_scope("sc ope&#?+%ü");
    store.set(AWKWARD, &json!("v")).await?;
    let (value, _) = store.get(AWKWARD).await?;
    assert_eq!(value, json!("v"));
    let keys: Vec<KeyItem> = store.list_keys().prefix("a b/c%").try_collect().await?;
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].key, AWKWARD);
    assert_eq!(keys[0].scope, "sc ope&#?+%ü");
    let stores: Vec<_> = experience.list_data_stores().try_collect().await?;
    assert!(stores.iter().any(|s| s.name == AWKWARD));
    let versions: Vec<_> = store.list_versions(AWKWARD).try_collect().await?;
    assert_eq!(versions.len(), 1);
    store.remove(AWKWARD).await?;
    Ok(())
}
