//! Ordered data stores v2 on the wire: resource and error shapes, rounding, the filter
//! and orderBy grammars, page tokens, v1 interop, credentials and configured limits.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{call, emulator, emulator_with};
use http::Method;
use serde_json::json;

const E: &str = "/cloud/v2/universes/1000/ordered-data-stores/board/scopes/global/entries";
const V1: &str =
    "/ordered-data-stores/v1/universes/1000/orderedDataStores/board/scopes/global/entries";

#[tokio::test]
async fn entries_have_the_documented_shape_and_values_round() {
    let emulator = emulator().await;
    let created = call(&emulator, Method::POST, format!("{E}?id=a"))
        .json(r#"{"value":2.5}"#)
        .answer()
        .await;
    assert_eq!(created.status, 200);
    assert_eq!(
        created.json(),
        json!({"path": "universes/1000/ordered-data-stores/board/scopes/global/entries/a",
               "value": 3, "id": "a"})
    );
    for (body, value) in [
        (r#"{"value":-2.5}"#, -3),
        (r#"{"value":"12"}"#, 12),
        (r#"{"value":0}"#, 0),
        ("", 0),
    ] {
        let updated = call(&emulator, Method::PATCH, format!("{E}/a"))
            .json(body)
            .answer()
            .await;
        assert_eq!(updated.json()["value"], json!(value), "{body}");
    }
    let got = call(&emulator, Method::GET, format!("{E}/a"))
        .answer()
        .await;
    assert_eq!(got.json()["value"], json!(0), "0 is sent, not left out");
    let fraction = call(&emulator, Method::POST, format!("{E}/a:increment"))
        .json(r#"{"amount":0.5}"#)
        .answer()
        .await;
    assert_eq!(fraction.status, 400);
    assert_eq!(fraction.json()["code"], "INVALID_ARGUMENT");
    let huge = call(&emulator, Method::PATCH, format!("{E}/a"))
        .json(r#"{"value":1e19}"#)
        .answer()
        .await;
    assert_eq!(huge.status, 400);
}

#[tokio::test]
async fn create_update_and_delete_answer_as_documented() {
    let emulator = emulator().await;
    let create = || {
        call(&emulator, Method::POST, format!("{E}?id=x"))
            .json(r#"{"value":1}"#)
            .answer()
    };
    assert_eq!(create().await.status, 200);
    let again = create().await;
    assert_eq!(again.status, 400, "create of an existing entry");
    assert_eq!(
        again.json(),
        json!({"code": "INVALID_ARGUMENT", "message": "Entry already exists."})
    );
    let missing = call(&emulator, Method::PATCH, format!("{E}/y"))
        .json(r#"{"value":1}"#)
        .answer()
        .await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["code"], "NOT_FOUND");
    let upsert = call(&emulator, Method::PATCH, format!("{E}/y?allowMissing=True"))
        .json(r#"{"value":4}"#)
        .answer()
        .await;
    assert_eq!(upsert.status, 200);
    let incremented = call(&emulator, Method::POST, format!("{E}/new:increment"))
        .json(r#"{"amount":"6"}"#)
        .answer()
        .await;
    assert_eq!(incremented.json()["value"], json!(6), "increment creates");
    let deleted = call(&emulator, Method::DELETE, format!("{E}/y"))
        .answer()
        .await;
    assert_eq!((deleted.status, deleted.json()), (200, json!({})));
    let gone = call(&emulator, Method::DELETE, format!("{E}/y"))
        .answer()
        .await;
    assert_eq!(gone.status, 404, "v2 deletes of a missing entry are 404");
    assert_eq!(gone.json()["code"], "NOT_FOUND");
    // v1 keeps answering 200 for the same delete.
    let v1 = call(&emulator, Method::DELETE, format!("{V1}/y"))
        .answer()
        .await;
    assert_eq!(v1.status, 200);
}

#[tokio::test]
async fn v1_and_v2_share_the_entries() {
    let emulator = emulator().await;
    call(&emulator, Method::POST, format!("{V1}?id=shared"))
        .json(r#"{"value":15}"#)
        .answer()
        .await;
    let v2 = call(&emulator, Method::GET, format!("{E}/shared"))
        .answer()
        .await;
    assert_eq!(v2.json()["value"], json!(15));
    call(&emulator, Method::PATCH, format!("{E}/shared"))
        .json(r#"{"value":20}"#)
        .answer()
        .await;
    let v1 = call(&emulator, Method::GET, format!("{V1}/shared"))
        .answer()
        .await;
    assert_eq!(v1.json()["value"], json!(20));
}

#[tokio::test]
async fn lists_order_filter_and_page_with_bound_tokens() {
    let emulator = emulator().await;
    for (id, value) in [("c", 5), ("a", 5), ("b", 1), ("d", 9), ("e", -3)] {
        call(&emulator, Method::POST, format!("{E}?id={id}"))
            .json(&format!(r#"{{"value":{value}}}"#))
            .answer()
            .await;
    }
    let ids = |answer: &common::Answer| -> Vec<String> {
        answer.json()["orderedDataStoreEntries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let up = call(&emulator, Method::GET, E.to_owned()).answer().await;
    assert_eq!(ids(&up), ["e", "b", "a", "c", "d"], "ascending by default");
    assert!(up.json().get("nextPageToken").is_none());
    let empty_order = call(&emulator, Method::GET, format!("{E}?orderBy="))
        .answer()
        .await;
    assert_eq!(ids(&empty_order), ids(&up));
    let down = call(&emulator, Method::GET, format!("{E}?orderBy=value%20desc"))
        .answer()
        .await;
    assert_eq!(
        ids(&down),
        ["d", "a", "c", "b", "e"],
        "ties by id ascending"
    );
    let filtered = call(
        &emulator,
        Method::GET,
        format!("{E}?filter=entry%20%3E%3D%201%20%26%26%20entry%20%3C%3D%205"),
    )
    .answer()
    .await;
    assert_eq!(ids(&filtered), ["b", "a", "c"]);
    for bad in [
        "entry%20%3E%201",
        "value%20%3E%3D%201",
        "entry%20%3E%3D%20x",
    ] {
        let refused = call(&emulator, Method::GET, format!("{E}?filter={bad}"))
            .answer()
            .await;
        assert_eq!(refused.status, 400, "{bad}");
        assert_eq!(
            refused.json(),
            json!({"code": "INVALID_ARGUMENT", "message": "The provided filter is invalid."})
        );
    }
    let bad_order = call(&emulator, Method::GET, format!("{E}?orderBy=id"))
        .answer()
        .await;
    assert_eq!(bad_order.status, 400);

    let first = call(
        &emulator,
        Method::GET,
        format!("{E}?maxPageSize=2&orderBy=value%20desc"),
    )
    .answer()
    .await;
    assert_eq!(ids(&first), ["d", "a"]);
    let token = first.json()["nextPageToken"].as_str().unwrap().to_owned();
    let second = call(
        &emulator,
        Method::GET,
        format!("{E}?maxPageSize=2&orderBy=value%20desc&pageToken={token}"),
    )
    .answer()
    .await;
    assert_eq!(ids(&second), ["c", "b"]);
    let changed = call(
        &emulator,
        Method::GET,
        format!("{E}?maxPageSize=2&orderBy=value&pageToken={token}"),
    )
    .answer()
    .await;
    assert_eq!(changed.status, 400, "parameters are fixed across pages");
    assert_eq!(changed.json()["code"], "INVALID_ARGUMENT");
    let garbage = call(&emulator, Method::GET, format!("{E}?pageToken=nope"))
        .answer()
        .await;
    assert_eq!(garbage.status, 400);
}

#[tokio::test]
async fn page_sizes_default_to_10_and_stop_at_100() {
    let emulator = emulator().await;
    for n in 0..120 {
        call(
            &emulator,
            Method::PATCH,
            format!("{E}/k{n:03}?allowMissing=true"),
        )
        .json(&format!(r#"{{"value":{n}}}"#))
        .answer()
        .await;
    }
    let count = |answer: common::Answer| {
        answer.json()["orderedDataStoreEntries"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(
        count(call(&emulator, Method::GET, E.to_owned()).answer().await),
        10
    );
    let big = call(&emulator, Method::GET, format!("{E}?maxPageSize=500"))
        .answer()
        .await;
    assert_eq!(count(big), 100);
}

#[tokio::test]
async fn api_keys_with_the_entry_scopes_only() {
    let emulator = emulator_with(
        r#"
[[universes]]
id = 1000
owner = { user = 3000 }

[[users]]
id = 3000
name = "owner"

[[api_keys]]
key = "read-only"
owner = { user = 3000 }
[[api_keys.grants]]
universe = 1000
scopes = ["universe.ordered-data-store.scope.entry:read"]

[[oauth_tokens]]
token = "token"
user = 3000
universes = ["*"]
scopes = ["*"]

[ordered_datastores]
max_entry_id_chars = 3
"#,
    )
    .await;
    let read = call(&emulator, Method::GET, E.to_owned())
        .credential("x-api-key", "read-only")
        .answer()
        .await;
    assert_eq!(read.status, 200);
    let write = call(&emulator, Method::POST, format!("{E}?id=a"))
        .credential("x-api-key", "read-only")
        .json(r#"{"value":1}"#)
        .answer()
        .await;
    assert_eq!(write.status, 403);
    assert_eq!(write.json()["code"], "PERMISSION_DENIED");
    let bearer = call(&emulator, Method::GET, E.to_owned())
        .credential("authorization", "Bearer token")
        .answer()
        .await;
    assert_eq!(bearer.status, 401, "API keys only");
    let long = call(&emulator, Method::GET, format!("{E}/abcd"))
        .credential("x-api-key", "read-only")
        .answer()
        .await;
    assert_eq!(long.status, 400, "the configured id limit");
    let fits = call(&emulator, Method::GET, format!("{E}/abc"))
        .credential("x-api-key", "read-only")
        .answer()
        .await;
    assert_eq!(fits.status, 404);
}

#[tokio::test]
async fn ids_count_characters_up_to_50() {
    let emulator = emulator().await;
    let fifty = "%C3%A9".repeat(50);
    let ok = call(&emulator, Method::POST, format!("{E}?id={fifty}"))
        .json(r#"{"value":1}"#)
        .answer()
        .await;
    assert_eq!(ok.status, 200);
    let over = call(&emulator, Method::POST, format!("{E}?id={fifty}x"))
        .json(r#"{"value":1}"#)
        .answer()
        .await;
    assert_eq!(over.status, 400);
}
