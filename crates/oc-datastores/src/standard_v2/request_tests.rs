//! Offline checks of the v2 requests and of the parse of v2 answers.

use http::Method;
use oc_core::offline::{request, respond};
use oc_core::{Error, Idempotency};
use serde_json::json;

use crate::request_tests::experience;
use crate::{EntryState, ExperienceDataStoresExt, PreconditionFailed};

fn utc(year: i32, month: u8, day: u8, hour: u8, minute: u8) -> time::OffsetDateTime {
    let month = time::Month::try_from(month).expect("a month");
    time::Date::from_calendar_date(year, month, day)
        .expect("a date")
        .with_hms(hour, minute, 0)
        .expect("a time")
        .assume_utc()
}

const BASE: &str = "/cloud/v2/universes/42/data-stores";

fn body(request: &http::Request<oc_core::Body>) -> serde_json::Value {
    let bytes = request.body().as_bytes().expect("a full body");
    serde_json::from_slice(bytes).expect("JSON")
}

fn invalid_field<T: std::fmt::Debug>(result: Result<T, Error>) -> String {
    match result {
        Err(Error::InvalidInput(invalid)) => invalid.field().to_owned(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

const ENTRY: &str = r#"{"path":"universes/42/data-stores/s/scopes/global/entries/k","createTime":"2024-07-22T19:06:55.829412600Z","revisionId":"08DCAA81744A406E.0000000001.08DCAA81744A406E.01","revisionCreateTime":"2024-07-22T19:06:56Z","state":"ACTIVE","etag":"08DCAA81744A406E.0000000001.08DCAA81744A406E.01","value":{"Iron":50},"id":"k","users":["users/45348281"],"attributes":{"a":1}}"#;

#[test]
fn writes_choose_create_update_or_upsert() -> Result<(), Error> {
    let experience = experience();
    let store = experience.data_store_v2("s").with_scope("sc");
    let set = request(&store.set("k/1?#%", &json!({"x": 1})).user_ids([7]))?;
    assert_eq!(set.method(), Method::PATCH);
    assert_eq!(
        set.uri().to_string(),
        format!("{BASE}/s/scopes/sc/entries/k%2F1%3F%23%25?allowMissing=true")
    );
    assert_eq!(body(&set), json!({"value": {"x": 1}, "users": ["users/7"]}));
    assert_eq!(Idempotency::of(&set), Idempotency::Idempotent);

    let create = request(&store.set("k", &1).exclusive_create(true))?;
    assert_eq!(create.method(), Method::POST);
    assert_eq!(
        create.uri().to_string(),
        format!("{BASE}/s/scopes/sc/entries?id=k")
    );
    assert_eq!(Idempotency::of(&create), Idempotency::NonIdempotent);
    let create = request(&store.create("k", &1))?;
    assert_eq!(create.method(), Method::POST);

    let matched = request(&store.set("k", &2).match_version("E1"))?;
    assert_eq!(matched.method(), Method::PATCH);
    assert_eq!(matched.uri().query(), None, "no allowMissing with an etag");
    assert_eq!(body(&matched), json!({"value": 2, "etag": "E1"}));
    assert_eq!(Idempotency::of(&matched), Idempotency::NonIdempotent);

    let update = request(&store.update("k", &3))?;
    assert_eq!(update.uri().query(), None);
    let upsert = request(&store.update("k", &3).allow_missing(true))?;
    assert_eq!(upsert.uri().query(), Some("allowMissing=true"));
    Ok(())
}

#[test]
fn reads_use_the_revision_grammar() -> Result<(), Error> {
    let experience = experience();
    let store = experience.data_store_v2("s");
    let get = request(&store.get("k"))?;
    assert_eq!(
        get.uri().path(),
        format!("{BASE}/s/scopes/global/entries/k")
    );
    let at = request(&store.get("my@entry"))?;
    assert_eq!(
        at.uri().path(),
        format!("{BASE}/s/scopes/global/entries/my@entry@latest")
    );
    let version = request(&store.get_version("k", "08DC.01"))?;
    assert!(version.uri().path().ends_with("/entries/k@08DC.01"));
    let time = request(&store.get_at("k", utc(2024, 12, 2, 6, 0)))?;
    assert!(time
        .uri()
        .path()
        .ends_with("/entries/k@latest:2024-12-02T06:00:00Z"));
    let revisions = request(
        &store
            .list_versions("k")
            .after(utc(2000, 1, 1, 0, 0))
            .before(utc(2001, 1, 1, 0, 0)),
    )?;
    assert!(revisions.uri().path().ends_with("/entries/k:listRevisions"));
    let query = revisions.uri().query().unwrap_or_default().to_owned();
    assert!(query.contains("filter=revision_create_time+%3E%3D+2000-01-01T00%3A00%3A00Z+%26%26+revision_create_time+%3C%3D+2001-01-01T00%3A00%3A00Z"), "{query}");
    let keys = request(
        &store
            .clone()
            .all_scopes()
            .list_keys()
            .prefix("a\"b")
            .show_deleted(),
    )?;
    assert_eq!(keys.uri().path(), format!("{BASE}/s/scopes/-/entries"));
    assert!(keys
        .uri()
        .query()
        .unwrap_or_default()
        .contains("showDeleted=true"));
    assert!(keys
        .uri()
        .query()
        .unwrap_or_default()
        .contains("filter=id.startsWith%28%22a%5C%22b%22%29"));
    let increment = request(&store.increment("n", 3).attributes(serde_json::Map::new()))?;
    assert!(increment.uri().path().ends_with("/entries/n:increment"));
    assert_eq!(body(&increment), json!({"amount": 3, "attributes": {}}));
    assert_eq!(Idempotency::of(&increment), Idempotency::NonIdempotent);
    let snapshot = request(&experience.snapshot_data_stores())?;
    assert_eq!(snapshot.uri().path(), format!("{BASE}:snapshot"));
    let undelete = request(&store.undelete_store())?;
    assert_eq!(undelete.uri().path(), format!("{BASE}/s:undelete"));
    Ok(())
}

#[test]
fn bad_input_is_refused_before_sending() {
    let experience = experience();
    let store = experience.data_store_v2("s");
    let long = "x".repeat(51);
    assert_eq!(
        invalid_field(request(&experience.data_store_v2("..").get("k"))),
        "name"
    );
    assert_eq!(invalid_field(request(&store.get(".."))), "key");
    assert_eq!(invalid_field(request(&store.get(&long))), "key");
    // Characters, not bytes: 50 two-byte characters are fine.
    assert!(request(&store.get("é".repeat(50))).is_ok());
    assert_eq!(
        invalid_field(request(&store.clone().with_scope(".").get("k"))),
        "scope"
    );
    assert_eq!(invalid_field(request(&store.increment("k", 1.5))), "by");
    assert_eq!(
        invalid_field(request(&store.set("k", &1).user_ids([1, 2, 3, 4, 5]))),
        "user_ids"
    );
    let mut attributes = serde_json::Map::new();
    attributes.insert("a".into(), json!("x".repeat(300)));
    assert_eq!(
        invalid_field(request(&store.set("k", &1).attributes(attributes))),
        "attributes"
    );
    assert_eq!(
        invalid_field(request(&store.set("k", &"x".repeat(4 * 1024 * 1024)))),
        "value"
    );
    assert_eq!(
        invalid_field(request(
            &store.set("k", &1).exclusive_create(true).match_version("e")
        )),
        "match_version"
    );
    assert_eq!(
        invalid_field(request(&store.get_version("k", "a@b"))),
        "version"
    );
    assert_eq!(
        invalid_field(request(&store.clone().all_scopes().get("nokey"))),
        "key"
    );
}

#[test]
fn entries_parse_with_their_metadata() -> Result<(), Error> {
    let experience = experience();
    let store = experience.data_store_v2("s");
    let (value, entry) = respond(&store.get("k"), 200, &[], ENTRY)?;
    assert_eq!(value, json!({"Iron": 50}));
    assert_eq!(
        entry.version,
        "08DCAA81744A406E.0000000001.08DCAA81744A406E.01"
    );
    assert_eq!(entry.etag, entry.version);
    assert_eq!(entry.user_ids, [45_348_281]);
    assert_eq!(entry.attributes["a"], 1);
    assert_eq!(entry.state, EntryState::Active);
    assert_eq!(entry.created.nanosecond(), 829_412_600);
    assert_eq!(entry.updated.unix_timestamp(), 1_721_675_216);
    let (number, _) = respond(
        &store.increment("k", 1),
        200,
        &[],
        ENTRY.replace(r#"{"Iron":50}"#, "9"),
    )?;
    assert_eq!(number.as_i64(), Some(9));
    let listed = respond(
        &store.clone().all_scopes().list_keys(),
        200,
        &[],
        r#"{"dataStoreEntries":[{"path":"universes/42/data-stores/s/scopes/my%20scope/entries/k","id":"k"}]}"#,
    )?;
    assert_eq!(
        (listed.items[0].scope.as_str(), listed.items[0].key.as_str()),
        ("my scope", "k")
    );
    assert_eq!(listed.next_cursor, None);
    let stores = respond(
        &experience.list_data_stores_v2(),
        200,
        &[],
        r#"{"dataStores":[{"path":"universes/42/data-stores/Bans","id":"Bans"}]}"#,
    )?;
    assert_eq!(stores.items[0].name, "Bans");
    assert!(stores.items[0].created.is_none() && stores.items[0].state.is_none());
    let snapshot = respond(
        &experience.snapshot_data_stores(),
        200,
        &[],
        r#"{"newSnapshotTaken":true,"latestSnapshotTime":"2024-07-29T22:08:49.588Z"}"#,
    )?;
    assert!(snapshot.new_snapshot_taken);
    Ok(())
}

#[test]
fn refused_preconditions_are_typed() {
    let experience = experience();
    let store = experience.data_store_v2("s");
    let aborted = respond(
        &store.set("k", &1).match_version("e"),
        409,
        &[("content-type", "application/json")],
        r#"{"code":"ABORTED","message":"The etag does not match."}"#,
    )
    .expect_err("a conflict");
    assert!(
        aborted.detail::<PreconditionFailed>().is_some(),
        "{aborted:?}"
    );
    assert_eq!(
        aborted.api_error().and_then(|a| a.message()),
        Some("The etag does not match.")
    );
    assert!(aborted.certainly_not_applied());
    let exists = respond(
        &store.create("k", &1),
        400,
        &[("content-type", "application/json")],
        r#"{"code":"INVALID_ARGUMENT","message":"The entry already exists."}"#,
    )
    .expect_err("exists");
    assert!(
        exists.detail::<PreconditionFailed>().is_some(),
        "{exists:?}"
    );
    let bad = respond(
        &store.set("k", &1),
        400,
        &[("content-type", "application/json")],
        r#"{"code":"INVALID_ARGUMENT","message":"bad"}"#,
    )
    .expect_err("bad");
    assert!(bad.detail::<PreconditionFailed>().is_none());
    let missing = respond(
        &store.get("k"),
        404,
        &[],
        r#"{"code":"NOT_FOUND","message":"no"}"#,
    )
    .expect_err("missing");
    assert!(missing.is_not_found());
}
