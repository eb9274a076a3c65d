//! Bad input is refused before anything is sent.

mod common;

use common::experience;
use futures::TryStreamExt;
use oc_core::Error;
use oc_datastores::ExperienceDataStoresExt;
use serde_json::json;

fn field_of(result: Result<impl std::fmt::Debug, Error>) -> String {
    match result {
        Err(Error::InvalidInput(invalid)) => invalid.field().to_owned(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[tokio::test]
async fn standard_input_errors_never_reach_the_emulator() {
    let (emulator, experience) = experience().await;
    let long = "n".repeat(51);
    let ok = experience.data_store("ok");
    let all = experience.data_store("ok").all_scopes();

    assert_eq!(field_of(experience.data_store("").get("k").await), "name");
    assert_eq!(
        field_of(experience.data_store(&long).get("k").await),
        "name"
    );
    assert_eq!(field_of(ok.clone().with_scope("").get("k").await), "scope");
    assert_eq!(
        field_of(ok.clone().with_scope(&long).get("k").await),
        "scope"
    );
    assert_eq!(field_of(ok.get("").await), "key");
    assert_eq!(field_of(ok.get(&long).await), "key");
    // Bytes, not characters: 26 two-byte characters are 52 bytes.
    assert_eq!(field_of(ok.get("é".repeat(26)).await), "key");
    assert_eq!(field_of(all.get("no-scope").await), "key");
    assert_eq!(field_of(all.get("/k").await), "scope");
    assert_eq!(
        field_of(all.clone().with_scope("s").get("s/k").await),
        "scope"
    );

    let mut attributes = serde_json::Map::new();
    attributes.insert("a".into(), json!("x".repeat(300)));
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
    let big = "x".repeat(4 * 1024 * 1024 - 1); // 2 quotes make it 4 MiB + 1
    assert_eq!(field_of(ok.set("k", &big).await), "value");
    assert_eq!(
        field_of(
            ok.set("k", &1)
                .exclusive_create(true)
                .match_version("v")
                .await
        ),
        "match_version"
    );
    assert_eq!(field_of(ok.increment("k", f64::NAN).await), "by");
    assert_eq!(field_of(ok.get_version("k", "").await), "version");
    assert_eq!(field_of(ok.remove("").await), "key");
    let listed: Result<Vec<_>, _> = experience.data_store("").list_keys().try_collect().await;
    assert_eq!(field_of(listed), "name");
    let listed: Result<Vec<_>, _> = all.list_versions("k").try_collect().await;
    assert_eq!(field_of(listed), "key");
    let listed: Result<Vec<_>, _> = all.clone().with_scope("s").list_keys().try_collect().await;
    assert_eq!(field_of(listed), "scope");

    assert!(emulator.requests().is_empty(), "{:?}", emulator.requests());
    // The limits themselves are allowed.
    let mut fits = serde_json::Map::new();
    fits.insert("a".into(), json!("x".repeat(290)));
    ok.set("n".repeat(50), &"x".repeat(4 * 1024 * 1024 - 2))
        .user_ids([1, 2, 3, 4])
        .attributes(fits)
        .await
        .unwrap();
}

#[tokio::test]
async fn ordered_input_errors_never_reach_the_emulator() {
    let (emulator, experience) = experience().await;
    let ok = experience.ordered_data_store("ok");
    let long = "n".repeat(51);
    assert_eq!(
        field_of(experience.ordered_data_store("").get("k").await),
        "name"
    );
    assert_eq!(field_of(ok.get(&long).await), "key");
    assert_eq!(
        field_of(
            ok.set("k", 1)
                .exclusive_create(true)
                .exclusive_update(true)
                .await
        ),
        "exclusive_update"
    );
    assert_eq!(
        field_of(ok.clone().all_scopes().increment("nokey", 1).await),
        "key"
    );
    let listed: Result<Vec<_>, _> = ok.clone().all_scopes().list_entries().try_collect().await;
    assert_eq!(field_of(listed), "scope");
    let listed: Result<Vec<_>, _> = ok.list_entries().min(5).max(4).try_collect().await;
    assert_eq!(field_of(listed), "min");
    // Names, scopes and keys travel in path segments: `.` and `..` are refused.
    for dots in [".", ".."] {
        let named = experience.ordered_data_store(dots);
        assert_eq!(field_of(named.set("k", 1).await), "name");
        let scoped = experience.ordered_data_store("ok").with_scope(dots);
        assert_eq!(field_of(scoped.get("k").await), "scope");
        let listed: Result<Vec<_>, _> = scoped.list_entries().try_collect().await;
        assert_eq!(field_of(listed), "scope");
        assert_eq!(field_of(ok.increment(dots, 1).await), "key");
        assert_eq!(field_of(ok.remove(dots).await), "key");
    }
    assert!(emulator.requests().is_empty(), "{:?}", emulator.requests());
}
