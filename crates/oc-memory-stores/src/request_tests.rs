//! Offline checks of every request and parse.

use std::time::Duration;

use oc_core::{offline, Client, Error, Experience, Idempotency};
use serde_json::{json, Value};

use crate::{
    EtagMismatch, ExperienceMemoryStoresExt, FlushScope, ItemAlreadyExists, SortKey,
    MAX_VALUE_BYTES,
};

fn experience() -> Result<Experience, Error> {
    Ok(Client::builder().api_key("k").build()?.experience(42))
}

fn body(request: &http::Request<oc_core::Body>) -> Value {
    serde_json::from_slice(request.body().as_bytes().unwrap_or_default()).unwrap_or(Value::Null)
}

fn query(request: &http::Request<oc_core::Body>) -> Vec<(String, String)> {
    let query = request.uri().query().unwrap_or_default();
    form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

fn pair(key: &str, value: &str) -> (String, String) {
    (key.to_owned(), value.to_owned())
}

#[test]
fn an_add_sends_data_priority_and_ttl_and_is_not_idempotent() -> Result<(), Error> {
    let queue = experience()?.memory_store_queue("match making");
    let add = queue
        .add(&json!({"player": 1}))
        .priority(2.5)
        .expiration(Duration::from_secs(300));
    let request = offline::request(&add)?;
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(
        request.uri().path(),
        "/cloud/v2/universes/42/memory-store/queues/match%20making/items"
    );
    assert_eq!(
        body(&request),
        json!({"data": {"player": 1}, "priority": 2.5, "ttl": "300s"})
    );
    assert_eq!(Idempotency::of(&request), Idempotency::NonIdempotent);
    let item = offline::respond(
        &add,
        200,
        &[],
        r#"{"path":"cloud/v2/universes/42/memory-store/queues/q/items/7fffffffffffffff0000000000000003",
            "data":{"player":1},"priority":2.5,"expireTime":"2024-06-04T08:10:33Z"}"#,
    )?;
    assert_eq!(item.id, "7fffffffffffffff0000000000000003");
    assert_eq!(item.priority, 2.5);
    assert!(item.expire_time.is_some());
    Ok(())
}

#[test]
fn a_read_sends_both_window_parameters_and_reads_both_answer_shapes() -> Result<(), Error> {
    let queue = experience()?.memory_store_queue("q");
    let read = queue
        .read(5)
        .all_or_nothing(true)
        .invisibility_window(Duration::from_secs(45));
    let request = offline::request(&read)?;
    assert_eq!(
        request.uri().path(),
        "/cloud/v2/universes/42/memory-store/queues/q/items:read"
    );
    assert_eq!(
        query(&request),
        [
            pair("count", "5"),
            pair("allOrNothing", "true"),
            pair("invisibilityWindow", "45s"),
            pair("invisibilityTimeoutSeconds", "45"),
        ]
    );
    let spec = offline::respond(
        &read,
        200,
        &[],
        r#"{"readId":"r1","items":[{"path":"p/items/1","data":{"a":1}},{"data":2}]}"#,
    )?;
    assert_eq!(spec.read_id.as_deref(), Some("r1"));
    assert_eq!(spec.items, [json!({"a": 1}), json!(2)]);
    let live = offline::respond(
        &read,
        200,
        &[],
        r#"{"data":[{"name":"a"},3],"id":"5cfc27af46da4cf08b41aa9a3d78a75e"}"#,
    )?;
    assert_eq!(
        live.read_id.as_deref(),
        Some("5cfc27af46da4cf08b41aa9a3d78a75e")
    );
    assert_eq!(live.items, [json!({"name": "a"}), json!(3)]);
    for (status, empty) in [(200, "{}"), (200, ""), (204, "")] {
        let nothing = offline::respond(&read, status, &[], empty)?;
        assert!(nothing.is_empty() && nothing.read_id.is_none());
    }
    let typed = queue.read_as::<u32>(2);
    let numbers = offline::respond(&typed, 200, &[], r#"{"id":"r","data":[1,2]}"#)?;
    assert_eq!(numbers.items, [1, 2]);
    assert!(offline::respond(&typed, 200, &[], r#"{"id":"r","data":["x"]}"#).is_err());
    Ok(())
}

#[test]
fn a_discard_sends_the_read_id_in_body_and_query() -> Result<(), Error> {
    let queue = experience()?.memory_store_queue("q");
    let request = offline::request(&queue.discard("r1"))?;
    assert_eq!(
        request.uri().path(),
        "/cloud/v2/universes/42/memory-store/queues/q/items:discard"
    );
    assert_eq!(query(&request), [pair("readId", "r1")]);
    assert_eq!(body(&request), json!({"readId": "r1"}));
    Ok(())
}

#[test]
fn sorted_map_writes_send_the_whole_item() -> Result<(), Error> {
    let map = experience()?.memory_store_sorted_map("board");
    let create = map
        .create("a b", &json!({"wins": 3}))
        .sort_key(3.0)
        .expiration(Duration::from_secs(60));
    let request = offline::request(&create)?;
    assert_eq!(
        request.uri().path(),
        "/cloud/v2/universes/42/memory-store/sorted-maps/board/items"
    );
    assert_eq!(query(&request), [pair("id", "a b")]);
    assert_eq!(request.uri().query(), Some("id=a+b"));
    assert_eq!(
        body(&request),
        json!({"id": "a b", "value": {"wins": 3}, "ttl": "60s", "numericSortKey": 3.0})
    );
    assert_eq!(Idempotency::of(&request), Idempotency::NonIdempotent);

    let update = map.update("a b", &1).sort_key("gold").allow_missing(true);
    let request = offline::request(&update)?;
    assert_eq!(request.method(), http::Method::PATCH);
    assert_eq!(
        request.uri().path(),
        "/cloud/v2/universes/42/memory-store/sorted-maps/board/items/a%20b"
    );
    assert_eq!(query(&request), [pair("allowMissing", "true")]);
    assert_eq!(
        body(&request),
        json!({"id": "a b", "value": 1, "stringSortKey": "gold"})
    );
    assert_eq!(Idempotency::of(&request), Idempotency::Idempotent);

    let delete = offline::request(&map.delete("k").etag("12"))?;
    assert_eq!(delete.method(), http::Method::DELETE);
    assert_eq!(query(&delete), [pair("etag", "12")]);
    Ok(())
}

#[test]
fn items_parse_with_either_sort_key_and_ignore_the_path() -> Result<(), Error> {
    let map = experience()?.memory_store_sorted_map("board");
    let get = map.get("Testing123");
    let item = offline::respond(
        &get,
        200,
        &[],
        r#"{"path":"cloud/v2/universes/1/memory-stores/sorted-maps/m/items/","value":{"isReal":true},
            "etag":"12","expireTime":"2024-04-18T01:44:49Z","numericSortKey":1}"#,
    )?;
    assert_eq!(item.key, "Testing123");
    assert_eq!(item.etag, "12");
    assert_eq!(item.sort_key, SortKey::Numeric(1.0));
    let typed = map.get_as::<String>("k");
    let item = offline::respond(
        &typed,
        200,
        &[],
        r#"{"id":"k","value":"v","stringSortKey":"s","numericSortKey":null}"#,
    )?;
    assert_eq!(item.value, "v");
    assert_eq!(item.sort_key, SortKey::String("s".into()));
    Ok(())
}

#[test]
fn conflicts_are_typed_details_whatever_key_names_the_code() -> Result<(), Error> {
    let map = experience()?.memory_store_sorted_map("board");
    let create = map.create("k", &1);
    for body in [
        r#"{"error":"ALREADY_EXISTS","message":"exists"}"#,
        r#"{"code":"ALREADY_EXISTS","message":"exists"}"#,
    ] {
        let error = offline::respond(&create, 409, &[], body).err();
        let detail = error.as_ref().and_then(|e| e.detail::<ItemAlreadyExists>());
        assert_eq!(detail.map(|d| d.key.as_str()), Some("k"));
        assert_eq!(
            error
                .as_ref()
                .and_then(|e| e.api_error())
                .and_then(|a| a.code()),
            Some("ALREADY_EXISTS")
        );
    }
    let delete = map.delete("k").etag("3");
    let error = offline::respond(&delete, 409, &[], r#"{"code":"ABORTED","message":"no"}"#).err();
    assert!(error
        .as_ref()
        .and_then(|e| e.detail::<EtagMismatch>())
        .is_some_and(|d| d.etag == "3"));
    let missing = offline::respond(
        &map.get("k"),
        404,
        &[],
        r#"{"error":"NOT_FOUND","message":"x"}"#,
    );
    assert!(missing.err().is_some_and(|e| e.is_not_found()));
    Ok(())
}

#[test]
fn a_list_sends_order_filter_and_paging() -> Result<(), Error> {
    let map = experience()?.memory_store_sorted_map("board");
    let list = map
        .list()
        .descending()
        .key_after("a")
        .key_before("z")
        .sort_key_after(5)
        .sort_key_before("m")
        .page_size(500);
    let request = offline::request(&list)?;
    assert_eq!(
        query(&request),
        [
            pair("orderBy", "id desc"),
            pair(
                "filter",
                r#"id > "a" && id < "z" && sortKey > 5 && sortKey < "m""#
            ),
            pair("maxPageSize", "100"),
        ]
    );
    let page = offline::respond(
        &list,
        200,
        &[],
        r#"{"items":[{"id":"a","value":1,"etag":"1"},{"id":"b","value":2}],"nextPageToken":"t"}"#,
    )?;
    assert_eq!(page.items.len(), 2);
    assert_eq!(page.next_cursor.as_deref(), Some("t"));
    let plain = offline::request(&map.list())?;
    assert_eq!(query(&plain), [pair("maxPageSize", "100")]);
    Ok(())
}

#[test]
fn a_flush_names_its_scope_and_polls_the_memory_store_route() -> Result<(), Error> {
    let experience = experience()?;
    let flush = experience.flush_memory_store().scope(FlushScope::Test);
    let request = offline::request(&flush)?;
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(
        request.uri(),
        "/cloud/v2/universes/42/memory-store:flush?scope=TEST"
    );
    let running = offline::respond(
        &flush,
        200,
        &[],
        r#"{"path":"cloud/v2/universes/42/operations/AAUAAAAAAADRMx55T0AKRxSgFCrSusMzqOKQNyVaQz8eMi9t-dwQwQ","done":null}"#,
    )?;
    assert!(!running.is_done());
    let poll = offline::request(&running.get())?;
    assert_eq!(
        poll.uri(),
        "/cloud/v2/universes/42/memory-store/operations/AAUAAAAAAADRMx55T0AKRxSgFCrSusMzqOKQNyVaQz8eMi9t-dwQwQ"
    );
    let done = offline::respond(
        &flush,
        200,
        &[],
        r#"{"path":"cloud/v2/universes/42/memory-store/operations/x","done":true,
            "response":{"@type":"type.googleapis.com/roblox.open_cloud.cloud.v2.FlushMemoryStoreResponse"}}"#,
    )?;
    assert!(done.is_done());
    assert_eq!(
        offline::request(&experience.flush_memory_store())?.uri(),
        "/cloud/v2/universes/42/memory-store:flush"
    );
    Ok(())
}

#[test]
fn bad_input_is_refused_before_sending() -> Result<(), Error> {
    let experience = experience()?;
    let queue = experience.memory_store_queue("q");
    let map = experience.memory_store_sorted_map("m");
    let field = |result: Result<http::Request<oc_core::Body>, Error>| match result {
        Err(Error::InvalidInput(input)) => input.field().to_owned(),
        other => panic!("expected invalid input, got {other:?}"),
    };
    let big = "x".repeat(MAX_VALUE_BYTES);
    assert_eq!(
        field(offline::request(&experience.memory_store_queue("").add(&1))),
        "queue"
    );
    assert_eq!(
        field(offline::request(
            &experience.memory_store_queue("..").add(&1)
        )),
        "queue"
    );
    assert_eq!(field(offline::request(&queue.add(&big))), "data");
    assert_eq!(
        field(offline::request(&queue.add(&1).priority(f64::NAN))),
        "priority"
    );
    assert_eq!(
        field(offline::request(
            &queue.add(&1).expiration(Duration::from_secs(3_888_001))
        )),
        "expiration"
    );
    assert_eq!(field(offline::request(&queue.read(0))), "count");
    assert_eq!(field(offline::request(&queue.read(201))), "count");
    assert_eq!(
        field(offline::request(
            &queue
                .read(1)
                .invisibility_window(Duration::from_millis(1500))
        )),
        "invisibility_window"
    );
    assert_eq!(field(offline::request(&queue.discard(""))), "read_id");
    assert_eq!(field(offline::request(&map.create("", &1))), "key");
    assert_eq!(
        field(offline::request(&map.create("k".repeat(128), &1))),
        "key"
    );
    assert_eq!(field(offline::request(&map.get("."))), "key");
    assert_eq!(field(offline::request(&map.update("k", &big))), "value");
    assert_eq!(
        field(offline::request(
            &map.update("k", &1).sort_key("s".repeat(129))
        )),
        "sort_key"
    );
    assert_eq!(
        field(offline::request(
            &map.create("k", &1).expiration(Duration::ZERO)
        )),
        "expiration"
    );
    assert_eq!(
        field(offline::request(&map.list().key_after("a\"b"))),
        "key_bound"
    );
    assert_eq!(
        field(offline::request(
            &experience.memory_store_sorted_map("").delete("k")
        )),
        "sorted_map"
    );
    let nowhere = Client::builder().api_key("k").build()?.experience(0);
    assert_eq!(
        field(offline::request(&nowhere.flush_memory_store())),
        "universe_id"
    );
    Ok(())
}
