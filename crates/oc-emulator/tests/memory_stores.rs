//! Memory stores on the wire: the client variants the emulator answers (the `items:add`
//! route, body names in any case, `value` for `data`, the read id in the query, both
//! window parameters, `+` for spaces, the key in the body), both read answer shapes,
//! both error-body keys, both flush scope names and operation paths, API keys only, and
//! configured items.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::{call, emulator, emulator_with};
use http::Method;
use oc_emulator::{
    Config, Emulator, MemoryStoreScope, MemoryStoresConfig, Owner, UniverseSelector,
};
use serde_json::json;

const Q: &str = "/cloud/v2/universes/1000/memory-store/queues";
const M: &str = "/cloud/v2/universes/1000/memory-store/sorted-maps";

#[tokio::test]
async fn queue_adds_take_the_client_variants() {
    let emulator = emulator().await;
    let first = call(&emulator, Method::POST, format!("{Q}/q/items:add"))
        .json(r#"{"Data":{"n":1},"Ttl":"30s","Priority":0}"#)
        .answer()
        .await;
    assert_eq!(first.status, 200, "{}", first.body);
    let item = first.json();
    assert_eq!(item["data"], json!({"n": 1}));
    assert!(item["path"]
        .as_str()
        .unwrap()
        .starts_with("cloud/v2/universes/1000/memory-store/queues/q/items/7fffffffffffffff"));
    let second = call(&emulator, Method::POST, format!("{Q}/q/items"))
        .json(r#"{"value":2,"priority":1}"#)
        .answer()
        .await;
    assert_eq!(second.status, 200);
    // Spec-shaped and live-shaped answer together; the window from the clients' name wins.
    let read = call(
        &emulator,
        Method::GET,
        format!("{Q}/q/items:read?count=5&invisibilityWindow=5s&invisibilityTimeoutSeconds=100"),
    )
    .json("{}")
    .answer()
    .await;
    let body = read.json();
    assert_eq!(body["data"], json!([2, {"n": 1}]));
    assert_eq!(body["items"][0]["data"], 2);
    assert_eq!(body["readId"], body["id"]);
    let read_id = body["id"].as_str().unwrap().to_owned();
    assert_eq!(read_id.len(), 32);
    emulator.advance_clock(Duration::from_secs(50));
    let hidden = call(&emulator, Method::GET, format!("{Q}/q/items:read"))
        .answer()
        .await;
    assert_eq!(hidden.json(), json!({"items": [], "data": []}));
    let discard = call(
        &emulator,
        Method::POST,
        format!("{Q}/q/items:discard?readId={read_id}"),
    )
    .answer()
    .await;
    assert_eq!(discard.status, 200);
    assert_eq!(discard.body, "");
    assert!(emulator
        .memory_store_queue_items(1000, MemoryStoreScope::Live, "q")
        .is_empty());
}

#[tokio::test]
async fn queue_inputs_are_checked() {
    let emulator = emulator().await;
    for (path, body, status) in [
        (format!("{Q}/q/items"), r#"{"data":1,"ttl":"0s"}"#, 400),
        (
            format!("{Q}/q/items"),
            r#"{"data":1,"ttl":"3888001s"}"#,
            400,
        ),
        (
            format!("{Q}/q/items"),
            r#"{"data":1,"priority":"high"}"#,
            400,
        ),
        (format!("{Q}/q/items"), "[1]", 400),
        (format!("{Q}/q/items:discard"), "{}", 400),
        (format!("{Q}/q/items:discard"), r#"{"readId":"nope"}"#, 404),
    ] {
        let answer = call(&emulator, Method::POST, &path)
            .json(body)
            .answer()
            .await;
        assert_eq!(answer.status, status, "{path} {body}: {}", answer.body);
    }
    for query in [
        "invisibilityWindow=1.5s",
        "invisibilityWindow=0s",
        "invisibilityTimeoutSeconds=0",
        "count=-1",
        "allOrNothing=maybe",
    ] {
        let answer = call(&emulator, Method::GET, format!("{Q}/q/items:read?{query}"))
            .answer()
            .await;
        assert_eq!(answer.status, 400, "{query}");
    }
    let none = call(
        &emulator,
        Method::GET,
        format!("{Q}/q/items:read?count=2&allOrNothing=True"),
    )
    .answer()
    .await;
    assert_eq!(none.status, 404);
    assert_eq!(none.json()["code"], "NOT_FOUND");
    let big = format!(r#"{{"data":"{}"}}"#, "x".repeat(32 * 1024));
    let too_big = call(&emulator, Method::POST, format!("{Q}/q/items"))
        .json(&big)
        .answer()
        .await;
    assert_eq!(too_big.status, 400);
    assert!(too_big.json()["message"]
        .as_str()
        .unwrap()
        .starts_with("ItemValueSizeTooLarge"));
}

#[tokio::test]
async fn sorted_map_items_take_the_client_variants() {
    let emulator = emulator().await;
    // The key in the body (PascalCase), no `?id=`.
    let created = call(&emulator, Method::POST, format!("{M}/my%20map/items"))
        .json(r#"{"Id":"a b","Value":{"isReal":true},"Ttl":"60s","NumericSortKey":1}"#)
        .answer()
        .await;
    assert_eq!(created.status, 200, "{}", created.body);
    let item = created.json();
    assert_eq!(item["id"], "a b");
    assert_eq!(
        item["path"],
        "cloud/v2/universes/1000/memory-store/sorted-maps/my%20map/items/a%20b"
    );
    assert_eq!(item["numericSortKey"], 1.0);
    assert_eq!(item["etag"], "1");
    // `+` reads as a space in a path.
    let got = call(&emulator, Method::GET, format!("{M}/my+map/items/a+b"))
        .answer()
        .await;
    assert_eq!(got.status, 200);
    assert_eq!(got.json()["value"], json!({"isReal": true}));
    let no_id = call(&emulator, Method::POST, format!("{M}/m/items"))
        .json(r#"{"value":1}"#)
        .answer()
        .await;
    assert_eq!(no_id.status, 400);
    let both = call(&emulator, Method::POST, format!("{M}/m/items?id=k"))
        .json(r#"{"value":1,"numericSortKey":1,"stringSortKey":"a"}"#)
        .answer()
        .await;
    assert_eq!(both.status, 400);
    let long_key = call(
        &emulator,
        Method::POST,
        format!("{M}/m/items?id={}", "k".repeat(129)),
    )
    .json(r#"{"value":1}"#)
    .answer()
    .await;
    assert_eq!(long_key.status, 400);
    let exists = call(
        &emulator,
        Method::POST,
        format!("{M}/my%20map/items?id=a%20b"),
    )
    .json(r#"{"value":2}"#)
    .answer()
    .await;
    assert_eq!(exists.status, 409);
    assert_eq!(exists.json()["code"], "ALREADY_EXISTS");
    let missing = call(&emulator, Method::PATCH, format!("{M}/m/items/nope"))
        .json(r#"{"value":2}"#)
        .answer()
        .await;
    assert_eq!(missing.status, 404);
    let upsert = call(
        &emulator,
        Method::PATCH,
        format!("{M}/m/items/nope?allowMissing=true"),
    )
    .json(r#"{"value":2,"stringSortKey":"s"}"#)
    .answer()
    .await;
    assert_eq!(upsert.status, 200);
    let stale = call(
        &emulator,
        Method::DELETE,
        format!("{M}/m/items/nope?etag=99"),
    )
    .answer()
    .await;
    assert_eq!(stale.status, 409);
    assert_eq!(stale.json()["code"], "ABORTED");
    for _ in 0..2 {
        let deleted = call(&emulator, Method::DELETE, format!("{M}/m/items/nope"))
            .answer()
            .await;
        assert_eq!(deleted.status, 200);
    }
}

#[tokio::test]
async fn lists_take_every_order_spelling_and_bind_their_page_tokens() {
    let emulator = emulator().await;
    for key in ["a", "b", "c"] {
        call(&emulator, Method::POST, format!("{M}/m/items?id={key}"))
            .json(r#"{"value":0}"#)
            .answer()
            .await;
    }
    for (order, first) in [("", "a"), ("asc", "a"), ("id%20desc", "c"), ("DESC", "c")] {
        let page = call(
            &emulator,
            Method::GET,
            format!("{M}/m/items?orderBy={order}"),
        )
        .answer()
        .await
        .json();
        assert_eq!(
            page["items"].as_array().unwrap().len(),
            1,
            "default page size 1"
        );
        assert_eq!(page["items"][0]["id"], first, "{order}");
    }
    let page = call(&emulator, Method::GET, format!("{M}/m/items?maxPageSize=2"))
        .answer()
        .await
        .json();
    let token = page["nextPageToken"].as_str().unwrap().to_owned();
    let changed = call(
        &emulator,
        Method::GET,
        format!("{M}/m/items?maxPageSize=2&orderBy=desc&pageToken={token}"),
    )
    .answer()
    .await;
    assert_eq!(changed.status, 400);
    let last = call(
        &emulator,
        Method::GET,
        format!("{M}/m/items?maxPageSize=2&pageToken={token}"),
    )
    .answer()
    .await
    .json();
    assert_eq!(last["items"][0]["id"], "c");
    assert!(last.get("nextPageToken").is_none());
    for bad in ["orderBy=sortKey", "filter=value%20%3E%201"] {
        let answer = call(&emulator, Method::GET, format!("{M}/m/items?{bad}"))
            .answer()
            .await;
        assert_eq!(answer.status, 400, "{bad}");
    }
}

#[tokio::test]
async fn errors_can_name_their_code_under_error() {
    let emulator = emulator_with(
        "[memory_stores]\nerror_key = \"error\"\nstrict_read_response = true\n[[api_keys]]\nkey = \"k\"\nowner = { user = 1 }\n[[api_keys.grants]]\nuniverse = 1000\nscopes = [\"*\"]\n[[users]]\nid = 1\nname = \"u\"\n[[universes]]\nid = 1000\nplaces = [2000]\nowner = { user = 1 }\n[rate_limits]\nenabled = false\n",
    )
    .await;
    let missing = call(&emulator, Method::GET, format!("{M}/m/items/k"))
        .answer()
        .await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["error"], "NOT_FOUND");
    assert!(missing.json().get("code").is_none());
    call(&emulator, Method::POST, format!("{Q}/q/items"))
        .json(r#"{"data":1}"#)
        .answer()
        .await;
    let read = call(&emulator, Method::GET, format!("{Q}/q/items:read"))
        .answer()
        .await
        .json();
    assert!(read.get("readId").is_some() && read.get("id").is_none());
    assert!(read.get("data").is_none());
}

#[tokio::test]
async fn configured_items_exist_at_start() {
    let emulator = emulator_with(
        "[[users]]\nid = 1\nname = \"u\"\n[[api_keys]]\nkey = \"k\"\nowner = { user = 1 }\n[[api_keys.grants]]\nuniverse = 77\nscopes = [\"*\"]\n[rate_limits]\nenabled = false\n\n[[memory_stores.queue_items]]\nuniverse = 77\nqueue = \"q\"\ndata = { player = 1 }\npriority = 2.0\n\n[[memory_stores.sorted_map_items]]\nuniverse = 77\nmap = \"m\"\nkey = \"k\"\nvalue = 5\nstring_sort_key = \"gold\"\nscope = \"TEST\"\n",
    )
    .await;
    let queue = emulator.memory_store_queue_items(77, MemoryStoreScope::Live, "q");
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].data, json!({"player": 1}));
    assert!(queue[0].visible);
    let map = emulator.memory_store_sorted_map_items(77, MemoryStoreScope::Test, "m");
    assert_eq!(map[0].string_sort_key.as_deref(), Some("gold"));
    assert!(emulator
        .memory_store_sorted_map_items(77, MemoryStoreScope::Live, "m")
        .is_empty());
    let read = call(
        &emulator,
        Method::GET,
        "/cloud/v2/universes/77/memory-store/queues/q/items:read",
    )
    .answer()
    .await;
    assert_eq!(read.json()["data"], json!([{"player": 1}]));
}

#[tokio::test]
async fn flush_accepts_both_scope_names_and_serves_both_operation_paths() {
    let config = Config::default()
        .with_api_key(
            "guide-name",
            Owner::User(oc_emulator::DEFAULT_USER_ID),
            UniverseSelector::All,
            &["universe.memory-store:flush"],
        )
        .with_api_key(
            "reference-name",
            Owner::User(oc_emulator::DEFAULT_USER_ID),
            UniverseSelector::All,
            &["memory-store:flush"],
        )
        .with_api_key(
            "no-flush",
            Owner::User(oc_emulator::DEFAULT_USER_ID),
            UniverseSelector::All,
            &["memory-store.queue:add"],
        );
    let emulator = Emulator::builder()
        .config(Config {
            memory_stores: MemoryStoresConfig {
                polls_until_done: 1,
                ..MemoryStoresConfig::default()
            },
            ..config
        })
        .rate_limits(false)
        .start()
        .await
        .unwrap();
    let flush = "/cloud/v2/universes/1000/memory-store:flush";
    for key in ["guide-name", "reference-name"] {
        let answer = call(&emulator, Method::POST, flush)
            .credential("x-api-key", key)
            .answer()
            .await;
        assert_eq!(answer.status, 200, "{key}: {}", answer.body);
        let operation = answer.json();
        assert_eq!(operation["done"], false);
        let path = operation["path"].as_str().unwrap().to_owned();
        assert!(path.starts_with("cloud/v2/universes/1000/memory-store/operations/"));
        let id = path.rsplit('/').next().unwrap();
        let captured = call(
            &emulator,
            Method::GET,
            format!("/cloud/v2/universes/1000/operations/{id}"),
        )
        .answer()
        .await
        .json();
        assert_eq!(captured["done"], true);
        assert_eq!(
            captured["response"]["@type"],
            "type.googleapis.com/roblox.open_cloud.cloud.v2.FlushMemoryStoreResponse"
        );
        let documented = call(&emulator, Method::GET, format!("/{path}?scope=LIVE"))
            .answer()
            .await;
        assert_eq!(documented.json()["done"], true);
    }
    let refused = call(&emulator, Method::POST, flush)
        .credential("x-api-key", "no-flush")
        .answer()
        .await;
    assert_eq!(refused.status, 403);
    let bad_scope = call(&emulator, Method::POST, format!("{flush}?scope=STAGING"))
        .answer()
        .await;
    assert_eq!(bad_scope.status, 400);
    let unknown = call(
        &emulator,
        Method::GET,
        "/cloud/v2/universes/1000/memory-store/operations/nope",
    )
    .answer()
    .await;
    assert_eq!(unknown.status, 404);
    let bearer = call(&emulator, Method::GET, format!("{M}/m/items"))
        .credential("authorization", "Bearer token")
        .answer()
        .await;
    assert_eq!(bearer.status, 401);
    let nowhere = call(
        &emulator,
        Method::GET,
        "/cloud/v2/universes/999/memory-store/sorted-maps/m/items",
    )
    .answer()
    .await;
    assert_eq!(nowhere.status, 404);
}
