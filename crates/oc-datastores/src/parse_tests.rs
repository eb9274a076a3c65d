//! Offline checks of what the endpoints make of the service's answers
//! (`oc_core::offline::respond`): success bodies, and the failures that become typed
//! details.

use oc_core::offline::respond;
use oc_core::{Error, Page};
use serde_json::json;

use crate::request_tests::experience;
use crate::{ChecksumMismatch, ExperienceDataStoresExt, OutOfBounds, PreconditionFailed};

const VERSION: &str = "08D9E6A3F2188CFF.0000000001.08D9E6A3F2188CFF.01";

/// The headers of a value answer whose body is `{"gold":6}` (its MD5 included).
const ENTRY_HEADERS: [(&str, &str); 6] = [
    ("content-md5", "22EJjPE7IyhnBZ9cxHuTfg=="),
    ("roblox-entry-version", VERSION),
    ("roblox-entry-created-time", "2022-02-02T23:30:06.5388799Z"),
    ("roblox-entry-version-created-time", "2022-02-03T00:00:00Z"),
    ("roblox-entry-attributes", r#"{"team":"red"}"#),
    ("roblox-entry-userids", "[1,2]"),
];
const ENTRY_BODY: &str = r#"{"gold":6}"#;

#[test]
fn the_entry_body_matches_its_md5() {
    assert_eq!(
        crate::checksum::content_md5(ENTRY_BODY.as_bytes()),
        ENTRY_HEADERS[0].1
    );
}

#[test]
fn gets_read_the_value_and_its_headers() -> Result<(), Error> {
    let experience = experience();
    let store = experience.data_store("d");
    let (value, info) = respond(&store.get("k"), 200, &ENTRY_HEADERS, ENTRY_BODY)?;
    assert_eq!(value, json!({"gold": 6}));
    assert_eq!(info.version, VERSION);
    assert_eq!(info.created.unix_timestamp(), 1_643_844_606);
    assert_eq!(info.updated.unix_timestamp(), 1_643_846_400);
    assert_eq!(info.user_ids, [1, 2]);
    assert_eq!(info.attributes["team"], "red");
    let (again, _) = respond(
        &store.get_version("k", VERSION),
        200,
        &ENTRY_HEADERS,
        ENTRY_BODY,
    )?;
    assert_eq!(again, value);
    let broken = respond(&store.get("k"), 200, &ENTRY_HEADERS[1..], "{not json");
    assert!(matches!(broken, Err(Error::Decode { .. })), "{broken:?}");
    let missing = respond(
        &store.get("k"),
        404,
        &[],
        r#"{"error":"NOT_FOUND","message":"Entry not found in the datastore."}"#,
    );
    assert!(missing.is_err_and(|e| e.is_not_found()));
    Ok(())
}

#[test]
fn writes_read_their_answers() -> Result<(), Error> {
    let experience = experience();
    let store = experience.data_store("d");
    let body = json!({
        "version": VERSION,
        "deleted": false,
        "contentLength": 10,
        "createdTime": "2022-02-03T00:00:00Z",
        "objectCreatedTime": "2022-02-02T23:30:06.5388799Z"
    });
    let written = respond(&store.set("k", &1), 200, &[], body.to_string())?;
    assert_eq!(written.version, VERSION);
    assert_eq!((written.deleted, written.content_length), (false, 10));
    assert_eq!(written.created.unix_timestamp(), 1_643_846_400);
    assert_eq!(written.object_created.nanosecond(), 538_879_900);
    assert_eq!(written.key(), "k");
    let headers = [
        ("roblox-entry-version", VERSION),
        ENTRY_HEADERS[2],
        ENTRY_HEADERS[3],
    ];
    let (count, info) = respond(&store.increment("n", 2), 200, &headers, "7")?;
    assert_eq!((count.as_i64(), info.user_ids.len()), (Some(7), 0));
    respond(&store.remove("k"), 204, &[], "")?;
    Ok(())
}

#[test]
fn list_pages_read_items_and_cursors() -> Result<(), Error> {
    let experience = experience();
    let store = experience.data_store("d");
    let keys = respond(
        &store.list_keys(),
        200,
        &[],
        r#"{"keys":[{"scope":"global","key":"a"},{"scope":"s","key":"b"}],"nextPageCursor":"c2"}"#,
    )?;
    let pairs: Vec<_> = keys
        .items
        .iter()
        .map(|k| (k.scope.as_str(), k.key.as_str()))
        .collect();
    assert_eq!(pairs, [("global", "a"), ("s", "b")]);
    assert_eq!(keys.next_cursor.as_deref(), Some("c2"));
    let stores = respond(
        &experience.list_data_stores(),
        200,
        &[],
        r#"{"datastores":[{"name":"coins","createdTime":"2022-02-02T23:30:06.5388799Z"}],"nextPageCursor":""}"#,
    )?;
    assert_eq!(stores.items[0].name, "coins");
    assert_eq!(stores.items[0].created.unix_timestamp(), 1_643_844_606);
    let versions = respond(
        &store.list_versions("k"),
        200,
        &[],
        json!({"versions": [{
            "version": VERSION,
            "deleted": true,
            "contentLength": 0,
            "createdTime": "2022-02-03T00:00:00Z",
            "objectCreatedTime": "2022-02-02T23:30:06.5388799Z"
        }]})
        .to_string(),
    )?;
    assert!(versions.items[0].deleted && versions.next_cursor.is_none());
    assert_eq!(versions.items[0].key(), "k");
    let bad_time = respond(
        &experience.list_data_stores(),
        200,
        &[],
        r#"{"datastores":[{"name":"coins","createdTime":"yesterday"}]}"#,
    );
    assert!(matches!(bad_time, Err(Error::Decode { .. })));
    Ok(())
}

#[test]
fn ordered_answers_read_numbers_strings_and_left_out_zeros() -> Result<(), Error> {
    let experience = experience();
    let board = experience.ordered_data_store("board").with_scope("season");
    assert_eq!(
        respond(
            &board.get("a"),
            200,
            &[],
            r#"{"path":"p","id":"a","value":5}"#
        )?,
        5
    );
    assert_eq!(
        respond(&board.get("a"), 200, &[], r#"{"id":"a","value":"-12"}"#)?,
        -12
    );
    assert_eq!(respond(&board.set("a", 0), 200, &[], r#"{"id":"a"}"#)?, 0);
    assert_eq!(
        respond(
            &board.increment("a", 3),
            200,
            &[],
            r#"{"id":"a","value":8}"#
        )?,
        8
    );
    assert!(matches!(
        respond(&board.get("a"), 200, &[], r#"{"id":"a","value":true}"#),
        Err(Error::Decode { .. })
    ));
    respond(&board.remove("a"), 200, &[], "{}")?;
    let page: Page<_> = respond(
        &board.list_entries(),
        200,
        &[],
        r#"{"entries":[{"id":"x","value":9},{"id":"y"}],"nextPageToken":"t2"}"#,
    )?;
    let read: Vec<_> = page
        .items
        .iter()
        .map(|e| (e.key.as_str(), e.scope.as_str(), e.value))
        .collect();
    assert_eq!(read, [("x", "season", 9), ("y", "season", 0)]);
    assert_eq!(page.next_cursor.as_deref(), Some("t2"));
    Ok(())
}

#[test]
fn a_412_carries_the_current_value_and_its_metadata() {
    let experience = experience();
    let store = experience.data_store("d");
    let stale = store.set("k", &1).match_version("old");
    let error = respond(&stale, 412, &ENTRY_HEADERS, ENTRY_BODY).expect_err("412");
    let failed = error.detail::<PreconditionFailed>().expect("the detail");
    let (value, info) = failed.current.as_ref().expect("the current value");
    assert_eq!(value, &json!({"gold": 6}));
    assert_eq!(
        (info.version.as_str(), info.user_ids.as_slice()),
        (VERSION, &[1, 2][..])
    );
    assert_eq!(error.status().map(|s| s.as_u16()), Some(412));
    assert_eq!(
        error.api_error().map(|api| api.body().len()),
        Some(ENTRY_BODY.len())
    );
    assert!(!error.may_have_been_applied() && !error.is_retryable());

    // No entry: an error body and no current value.
    let create = store.set("k", &1).exclusive_create(true);
    let body = r#"{"error":"FAILED_PRECONDITION","message":"The entry does not exist.","errorDetails":[{"errorDetailType":"DatastoreErrorInfo","datastoreErrorCode":"PreconditionFailed"}]}"#;
    let error = respond(&create, 412, &[], body).expect_err("412");
    let failed = error.detail::<PreconditionFailed>().expect("the detail");
    assert_eq!(failed.current, None);
    assert_eq!(
        error.api_error().and_then(|api| api.detail()),
        Some("PreconditionFailed")
    );

    // A current value whose checksum does not match is not handed over.
    let mut corrupted = ENTRY_HEADERS;
    corrupted[0] = ("content-md5", "AAAAAAAAAAAAAAAAAAAAAA==");
    let error = respond(&stale, 412, &corrupted, ENTRY_BODY).expect_err("412");
    assert_eq!(
        error
            .detail::<PreconditionFailed>()
            .map(|f| f.current.is_none()),
        Some(true)
    );

    // An increment's 412 is read the same way.
    let error =
        respond(&store.increment("k", 1), 412, &ENTRY_HEADERS, ENTRY_BODY).expect_err("412");
    assert!(error
        .detail::<PreconditionFailed>()
        .is_some_and(|f| f.current.is_some()));
}

#[test]
fn a_checksum_mismatch_is_never_returned_as_data() {
    let experience = experience();
    let store = experience.data_store("d");
    let mut headers = ENTRY_HEADERS;
    headers[0] = ("content-md5", "AAAAAAAAAAAAAAAAAAAAAA==");
    let read = respond(&store.get("k"), 200, &headers, ENTRY_BODY).expect_err("mismatch");
    let mismatch = read.detail::<ChecksumMismatch>().expect("the detail");
    assert_eq!(mismatch.expected, "AAAAAAAAAAAAAAAAAAAAAA==");
    assert_eq!(mismatch.actual, ENTRY_HEADERS[0].1);
    assert!(!read.may_have_been_applied(), "a read applies nothing");
    let version = respond(&store.get_version("k", VERSION), 200, &headers, ENTRY_BODY);
    assert!(version.is_err_and(|e| e.detail::<ChecksumMismatch>().is_some()));
    let write = respond(&store.increment("k", 1), 200, &headers, ENTRY_BODY).expect_err("mismatch");
    assert!(write.detail::<ChecksumMismatch>().is_some());
    assert!(
        write.may_have_been_applied(),
        "the increment may have happened"
    );
}

#[test]
fn ordered_failures_become_their_details() {
    let experience = experience();
    let board = experience.ordered_data_store("board");
    let out = respond(
        &board.increment("a", -18),
        409,
        &[],
        r#"{"code":"FAILED_PRECONDITION","message":"Entry value outside of bounds."}"#,
    )
    .expect_err("409");
    assert_eq!(out.detail::<OutOfBounds>().map(|o| o.amount), Some(-18));
    assert_eq!(out.status().map(|s| s.as_u16()), Some(409));
    assert!(!out.may_have_been_applied());

    let exists = r#"{"code":"INVALID_ARGUMENT","message":"Entry already exists."}"#;
    let create = board.set("a", 1).exclusive_create(true);
    let error = respond(&create, 400, &[], exists).expect_err("400");
    assert!(error
        .detail::<PreconditionFailed>()
        .is_some_and(|f| f.current.is_none()));
    let legacy = r#"{"code":3,"message":"Invalid argument."}"#;
    let error = respond(&create, 400, &[], legacy).expect_err("400");
    assert!(error.detail::<PreconditionFailed>().is_some());
    // Another 400 stays what it is.
    let other = respond(
        &create,
        400,
        &[],
        r#"{"code":"INVALID_ARGUMENT","message":"Invalid value."}"#,
    );
    assert!(matches!(other, Err(Error::Api(_))));

    let not_found = r#"{"code":"NOT_FOUND","message":"Entry not found."}"#;
    let update = board.set("b", 1).exclusive_update(true);
    let error = respond(&update, 404, &[], not_found).expect_err("404");
    assert!(error.detail::<PreconditionFailed>().is_some());
    assert!(error.is_not_found(), "the status is kept");
    let get = respond(&board.get("b"), 404, &[], not_found).expect_err("404");
    assert!(matches!(get, Error::NotFound(_)));
}
