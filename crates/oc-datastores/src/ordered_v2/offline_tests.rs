//! Offline checks of the v2 requests and the parse of their answers.

use oc_core::offline::{request, respond};
use oc_core::{Error, Idempotency};

use crate::request_tests::experience;
use crate::{ExperienceDataStoresExt, PreconditionFailed};

const BASE: &str = "/cloud/v2/universes/42/ordered-data-stores/board/scopes/global/entries";

fn uri(request: &http::Request<oc_core::Body>) -> String {
    request.uri().to_string()
}

#[test]
fn writes_go_where_the_reference_says_with_their_idempotency() -> Result<(), Error> {
    let experience = experience();
    let board = experience.ordered_data_store_v2("board");
    let upsert = request(&board.set("k/1", 5))?;
    assert_eq!(upsert.method(), http::Method::PATCH);
    assert_eq!(uri(&upsert), format!("{BASE}/k%2F1?allowMissing=true"));
    assert_eq!(upsert.body().as_bytes(), Some(&br#"{"value":5}"#[..]));
    assert_eq!(Idempotency::of(&upsert), Idempotency::Idempotent);
    let update = request(&board.set("k", 5).exclusive_update(true))?;
    assert_eq!(uri(&update), format!("{BASE}/k"));
    assert_eq!(Idempotency::of(&update), Idempotency::Idempotent);
    let create = request(&board.set("k k", -5).exclusive_create(true))?;
    assert_eq!(create.method(), http::Method::POST);
    assert_eq!(uri(&create), format!("{BASE}?id=k+k"));
    assert_eq!(create.body().as_bytes(), Some(&br#"{"value":-5}"#[..]));
    assert_eq!(Idempotency::of(&create), Idempotency::NonIdempotent);
    let increment = request(&board.increment("k", 3))?;
    assert_eq!(uri(&increment), format!("{BASE}/k:increment"));
    assert_eq!(increment.body().as_bytes(), Some(&br#"{"amount":3}"#[..]));
    assert_eq!(Idempotency::of(&increment), Idempotency::NonIdempotent);
    let remove = request(&board.remove("k"))?;
    assert_eq!(remove.method(), http::Method::DELETE);
    assert_eq!(Idempotency::of(&remove), Idempotency::NonIdempotent);
    let get = request(&board.clone().with_scope("s 1").get("k"))?;
    assert_eq!(
        uri(&get),
        "/cloud/v2/universes/42/ordered-data-stores/board/scopes/s%201/entries/k"
    );
    assert_eq!(Idempotency::of(&get), Idempotency::Idempotent);
    Ok(())
}

#[test]
fn lists_send_order_filter_and_paging() -> Result<(), Error> {
    let experience = experience();
    let board = experience.ordered_data_store_v2("board");
    let down = request(&board.list_entries().min(-1).max(0).limit(7).cursor("tok"))?;
    assert_eq!(
        uri(&down),
        format!(
            "{BASE}?maxPageSize=7&pageToken=tok&orderBy=value+desc\
             &filter=entry+%3E%3D+-1+%26%26+entry+%3C%3D+0"
        )
    );
    let up = request(&board.list_entries().ascending())?;
    assert_eq!(uri(&up), format!("{BASE}?maxPageSize=100&orderBy=value"));
    let page = respond(
        &board.list_entries(),
        200,
        &[],
        r#"{"orderedDataStoreEntries":[{"path":"p","id":"a","value":3},{"id":"b"},
            {"id":"c","value":"7"},{"id":"d","value":2.5}],"nextPageToken":""}"#,
    )?;
    let values: Vec<(String, i64)> = page.items.into_iter().map(|e| (e.key, e.value)).collect();
    assert_eq!(
        values,
        [
            ("a".into(), 3),
            ("b".into(), 0),
            ("c".into(), 7),
            ("d".into(), 3)
        ]
    );
    assert_eq!(page.next_cursor, None, "an empty token ends the list");
    Ok(())
}

#[test]
fn answers_parse_and_failures_are_typed() -> Result<(), Error> {
    let experience = experience();
    let board = experience.ordered_data_store_v2("board");
    assert_eq!(
        respond(&board.get("k"), 200, &[], r#"{"id":"k","value":78}"#)?,
        78
    );
    assert_eq!(
        respond(&board.increment("k", 1), 200, &[], r#"{"value":9.3e18}"#)?,
        i64::MAX,
        "a double past the range reads clamped"
    );
    assert!(respond(&board.get("k"), 200, &[], r#"{"value":true}"#).is_err());
    let exists = respond(
        &board.set("k", 1).exclusive_create(true),
        400,
        &[],
        r#"{"code":"INVALID_ARGUMENT","message":"Entry already exists."}"#,
    );
    assert!(exists.is_err_and(|e| e.detail::<PreconditionFailed>().is_some()));
    let other = respond(
        &board.set("k", 1).exclusive_create(true),
        400,
        &[],
        r#"{"code":"INVALID_ARGUMENT","message":"Invalid entry ID."}"#,
    );
    assert!(other.is_err_and(|e| e.detail::<PreconditionFailed>().is_none()));
    let missing = respond(
        &board.set("k", 1).exclusive_update(true),
        404,
        &[],
        r#"{"code":"NOT_FOUND","message":"Entry not found."}"#,
    );
    assert!(missing.is_err_and(|e| e.detail::<PreconditionFailed>().is_some()));
    let removed = respond(
        &board.remove("k"),
        404,
        &[],
        r#"{"code":"NOT_FOUND","message":"Entry not found."}"#,
    );
    assert!(removed.is_err_and(|e| e.is_not_found()));
    assert_eq!(respond(&board.remove("k"), 200, &[], "{}")?, ());
    Ok(())
}
