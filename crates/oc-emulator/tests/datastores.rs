//! Listing standard data stores: pages, cursors, errors, and the repeated-cursor fault.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use http::Method;
use oc_emulator::{EmulatorHandle, FaultRule};
use serde_json::Value;

async fn list(emulator: &EmulatorHandle, query: &str) -> Answer {
    call(
        emulator,
        Method::GET,
        list_path(emulator.universe_id(), query),
    )
    .answer()
    .await
}

fn names(page: &Value) -> Vec<String> {
    page["datastores"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap().to_owned())
        .collect()
}

fn cursor(page: &Value) -> String {
    page["nextPageCursor"].as_str().unwrap().to_owned()
}

fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

async fn seeded() -> EmulatorHandle {
    let emulator = emulator().await;
    for name in ["gems", "coins", "PlayerInventory", "coins_v2", "xp"] {
        emulator.add_data_store(emulator.universe_id(), name);
    }
    emulator
}

#[tokio::test]
async fn pages_follow_the_cursor_in_name_order() {
    let emulator = seeded().await;
    let mut all = Vec::new();
    let mut query = "?limit=2".to_owned();
    let mut pages = 0;
    loop {
        let answer = list(&emulator, &query).await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        assert!(answer
            .header("content-type")
            .unwrap()
            .starts_with("application/json"));
        let page = answer.json();
        pages += 1;
        all.extend(names(&page));
        let next = cursor(&page);
        if next.is_empty() {
            break;
        }
        query = format!("?limit=2&cursor={}", encode(&next));
    }
    assert_eq!(pages, 3);
    assert_eq!(all, ["PlayerInventory", "coins", "coins_v2", "gems", "xp"]);
}

#[tokio::test]
async fn the_body_has_the_documented_shape() {
    let emulator = seeded().await;
    let page = list(&emulator, "?limit=10").await.json();
    assert_eq!(cursor(&page), "");
    let first = &page["datastores"][0];
    assert_eq!(first.as_object().unwrap().len(), 2);
    let created = first["createdTime"].as_str().unwrap();
    // e.g. 2022-02-18T22:38:59.9244932Z
    assert_eq!(created.len(), 28, "{created}");
    assert!(
        created.ends_with('Z') && created.as_bytes()[19] == b'.',
        "{created}"
    );
}

#[tokio::test]
async fn the_default_limit_is_one_and_names_are_case_insensitive() {
    let emulator = seeded().await;
    let page = list(&emulator, "").await.json();
    assert_eq!(names(&page), ["PlayerInventory"]);
    assert!(!cursor(&page).is_empty());
    let page = list(&emulator, "?Prefix=coins&LIMIT=5").await.json();
    assert_eq!(names(&page), ["coins", "coins_v2"]);
    assert_eq!(cursor(&page), "");
    let page = list(&emulator, "?prefix=coins&limit=1").await.json();
    let next = list(
        &emulator,
        &format!("?prefix=coins&limit=1&Cursor={}", encode(&cursor(&page))),
    )
    .await
    .json();
    assert_eq!(names(&next), ["coins_v2"]);
    assert_eq!(cursor(&next), "");
}

#[tokio::test]
async fn an_empty_universe_lists_nothing() {
    let emulator = emulator().await;
    let page = list(&emulator, "?limit=5").await.json();
    assert_eq!(
        page,
        serde_json::json!({"datastores": [], "nextPageCursor": ""})
    );
}

#[tokio::test]
async fn an_invalid_cursor_or_limit_is_400_in_the_data_store_shape() {
    let emulator = seeded().await;
    let answer = list(&emulator, "?cursor=garbage").await;
    assert_eq!(answer.status, 400);
    assert_eq!(
        answer.json(),
        serde_json::json!({
            "error": "INVALID_ARGUMENT",
            "message": "Invalid cursor.",
            "errorDetails": [{"errorDetailType": "DatastoreErrorInfo", "datastoreErrorCode": "InvalidCursor"}],
        })
    );
    for limit in ["0", "-1", "many"] {
        let answer = list(&emulator, &format!("?limit={limit}")).await;
        assert_eq!(answer.status, 400, "{limit}");
        assert_eq!(
            answer.json()["errorDetails"][0]["datastoreErrorCode"],
            "InvalidLimit"
        );
    }
}

#[tokio::test]
async fn scopes_and_credentials_are_checked() {
    let emulator = emulator_with(
        r#"
[[universes]]
id = 1000
owner = { user = 3000 }

[[universes]]
id = 1001
owner = { user = 3000 }

[[users]]
id = 3000
name = "owner"

[[api_keys]]
key = "messaging-only"
owner = { user = 3000 }
[[api_keys.grants]]
universe = 1000
scopes = ["universe-messaging-service:publish"]

[[api_keys]]
key = "list-1000"
owner = { user = 3000 }
[[api_keys.grants]]
universe = 1000
scopes = ["universe-datastores.control:list"]

[[oauth_tokens]]
token = "token"
user = 3000
universes = ["*"]
scopes = ["*"]
"#,
    )
    .await;
    let forbidden_body = serde_json::json!({
        "error": "INSUFFICIENT_SCOPE",
        "message": "The api key does not have sufficient scope to perform this operation.",
        "errorDetails": [{"errorDetailType": "DatastoreErrorInfo", "datastoreErrorCode": "Forbidden"}],
    });
    let no_scope = call(&emulator, Method::GET, list_path(1000, ""))
        .credential("x-api-key", "messaging-only")
        .answer()
        .await;
    assert_eq!(no_scope.status, 403);
    assert_eq!(no_scope.json(), forbidden_body);
    let wrong_universe = call(&emulator, Method::GET, list_path(1001, ""))
        .credential("x-api-key", "list-1000")
        .answer()
        .await;
    assert_eq!(wrong_universe.status, 403);
    assert_eq!(wrong_universe.json(), forbidden_body);
    let allowed = call(&emulator, Method::GET, list_path(1000, ""))
        .credential("x-api-key", "list-1000")
        .answer()
        .await;
    assert_eq!(allowed.status, 200);
    // Data stores v1 takes API keys only.
    let bearer = call(&emulator, Method::GET, list_path(1000, ""))
        .credential("authorization", "Bearer token")
        .answer()
        .await;
    assert_eq!(bearer.status, 401);
    assert_eq!(bearer.json()["errors"][0]["message"], "Invalid API Key");
}

#[tokio::test]
async fn repeat_cursor_sends_back_the_cursor_it_got() {
    let emulator = seeded().await;
    emulator.inject_fault(FaultRule {
        route: "datastores.list".into(),
        repeat_cursor: true,
        ..FaultRule::default()
    });
    let first = list(&emulator, "?limit=2").await.json();
    assert_eq!(names(&first), ["PlayerInventory", "coins"]);
    let sent = cursor(&first);
    assert!(!sent.is_empty());
    let second = list(&emulator, &format!("?limit=2&cursor={}", encode(&sent)))
        .await
        .json();
    assert_eq!(names(&second), ["coins_v2", "gems"]);
    assert_eq!(cursor(&second), sent);

    // A first page that is also the last still hands out a cursor that comes back.
    let whole = list(&emulator, "?limit=10").await.json();
    let again = cursor(&whole);
    assert!(!again.is_empty());
    let repeated = list(&emulator, &format!("?limit=10&cursor={}", encode(&again)))
        .await
        .json();
    assert_eq!(cursor(&repeated), again);
    assert_eq!(names(&repeated).len(), 5);
}
