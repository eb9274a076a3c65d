//! Standard data stores v2 on the wire: unscoped and scoped forms, the revision grammar,
//! filters and page tokens, increments, etags, deleted stores, snapshots, v2 error
//! bodies, seeding and configuration.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::{call, emulator, emulator_with};
use http::Method;
use oc_emulator::DataStoreEntryConfig;
use serde_json::json;

const U: &str = "/cloud/v2/universes/1000/data-stores";

/// A configuration with universe 1000 and the test key, plus `extra`.
fn world(extra: &str) -> String {
    format!(
        r#"
[rate_limits]
enabled = false

[[universes]]
id = 1000
places = [2000]
owner = {{ user = 3000 }}

[[users]]
id = 3000
name = "u"

[[api_keys]]
key = "k"
owner = {{ user = 3000 }}
[[api_keys.grants]]
universe = "*"
scopes = ["*"]

{extra}
"#
    )
}

#[tokio::test]
async fn unscoped_routes_address_global_or_scope_slash_key() {
    let emulator = emulator().await;
    let created = call(
        &emulator,
        Method::POST,
        format!("{U}/inv/scopes/user/entries?id=45"),
    )
    .json(r#"{"value":{"Iron":50},"users":["users/45"]}"#)
    .answer()
    .await;
    assert_eq!(created.status, 200, "{:?}", created.json());
    let entry = created.json();
    assert_eq!(
        entry["path"],
        "universes/1000/data-stores/inv/scopes/user/entries/45"
    );
    assert_eq!(entry["id"], "45");
    assert_eq!(entry["etag"], entry["revisionId"]);
    assert_eq!(entry["state"], "ACTIVE");
    assert_eq!(entry["users"], json!(["users/45"]));
    assert_eq!(entry["attributes"], json!({}));
    assert!(entry["revisionId"]
        .as_str()
        .unwrap()
        .contains(".0000000001."));

    let global = call(
        &emulator,
        Method::PATCH,
        format!("{U}/inv/entries/g?allowMissing=true"),
    )
    .json(r#"{"value":1}"#)
    .answer()
    .await;
    assert_eq!(
        global.json()["path"],
        "universes/1000/data-stores/inv/entries/g"
    );

    // The unscoped list spans every scope with `scope/key` ids; its entries GET by path.
    let list = call(&emulator, Method::GET, format!("{U}/inv/entries"))
        .answer()
        .await;
    let items = list.json()["dataStoreEntries"].clone();
    assert_eq!(
        items,
        json!([{"path": "universes/1000/data-stores/inv/entries/global/g", "id": "global/g"},
               {"path": "universes/1000/data-stores/inv/entries/user/45", "id": "user/45"}])
    );
    assert!(list.json().get("nextPageToken").is_none());
    let by_path = call(
        &emulator,
        Method::GET,
        "/cloud/v2/universes/1000/data-stores/inv/entries/user/45",
    )
    .answer()
    .await;
    assert_eq!(by_path.json()["value"], json!({"Iron": 50}));
    assert_eq!(by_path.json()["id"], "user/45");
    let filtered = call(
        &emulator,
        Method::GET,
        format!("{U}/inv/entries?filter=id.startsWith(%22user%2F%22)"),
    )
    .answer()
    .await;
    assert_eq!(
        filtered.json()["dataStoreEntries"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // The wildcard scope lists with real scopes in the paths, and only when listing.
    let wildcard = call(&emulator, Method::GET, format!("{U}/inv/scopes/-/entries"))
        .answer()
        .await;
    assert_eq!(
        wildcard.json()["dataStoreEntries"][1]["path"],
        "universes/1000/data-stores/inv/scopes/user/entries/45"
    );
    let refused = call(
        &emulator,
        Method::GET,
        format!("{U}/inv/scopes/-/entries/45"),
    )
    .answer()
    .await;
    assert_eq!(
        (refused.status, refused.json()["code"].clone()),
        (400, json!("INVALID_ARGUMENT"))
    );
}

#[tokio::test]
async fn get_alone_parses_the_revision_suffix() {
    let emulator = emulator().await;
    let first = call(
        &emulator,
        Method::PATCH,
        format!("{U}/s/entries/k?allowMissing=true"),
    )
    .json(r#"{"value":"one"}"#)
    .answer()
    .await
    .json();
    emulator.advance_clock(Duration::from_secs(60));
    call(&emulator, Method::PATCH, format!("{U}/s/entries/k"))
        .json(r#"{"value":"two"}"#)
        .answer()
        .await;
    let rev = first["revisionId"].as_str().unwrap();
    let at = call(&emulator, Method::GET, format!("{U}/s/entries/k@{rev}"))
        .answer()
        .await;
    assert_eq!(at.json()["value"], "one");
    let latest = call(&emulator, Method::GET, format!("{U}/s/entries/k@latest"))
        .answer()
        .await;
    assert_eq!(latest.json()["value"], "two");
    let created = first["createTime"].as_str().unwrap();
    let then = call(
        &emulator,
        Method::GET,
        format!("{U}/s/entries/k@latest:{created}"),
    )
    .answer()
    .await;
    assert_eq!(then.json()["value"], "one");
    let bad = call(&emulator, Method::GET, format!("{U}/s/entries/k@nope"))
        .answer()
        .await;
    assert_eq!(
        (bad.status, bad.json()["message"].clone()),
        (400, json!("Invalid version id."))
    );
    let future = call(
        &emulator,
        Method::GET,
        format!("{U}/s/entries/k@latest:2999-01-01T00:00:00Z"),
    )
    .answer()
    .await;
    assert_eq!(future.status, 400);
    // A write takes the whole id as the key.
    let literal = call(
        &emulator,
        Method::PATCH,
        format!("{U}/s/entries/k@{rev}?allowMissing=true"),
    )
    .json(r#"{"value":3}"#)
    .answer()
    .await;
    assert_eq!(literal.json()["id"], format!("k@{rev}"));
    let revisions = call(
        &emulator,
        Method::GET,
        format!("{U}/s/entries/k:listRevisions"),
    )
    .answer()
    .await;
    let items = revisions.json()["dataStoreEntries"].clone();
    assert_eq!(items.as_array().unwrap().len(), 2);
    assert!(items[0]["id"].as_str().unwrap().starts_with("k@") && items[0]["value"].is_null());
    assert_eq!(items[1]["revisionId"], rev);
    let bad_filter = call(
        &emulator,
        Method::GET,
        format!("{U}/s/entries/k:listRevisions?filter=size%3E3"),
    )
    .answer()
    .await;
    assert_eq!(bad_filter.status, 400);
}

#[tokio::test]
async fn increments_are_integral_and_clamp_their_answer() {
    let emulator = emulator_with(&world("[datastores]\nincrement_bound = 100\n")).await;
    let inc = |amount: &'static str| {
        call(
            &emulator,
            Method::POST,
            format!("{U}/n/scopes/s/entries/c:increment"),
        )
        .json(amount)
    };
    assert_eq!(inc(r#"{"amount":90}"#).answer().await.json()["value"], 90);
    assert_eq!(
        inc(r#"{"amount":20}"#).answer().await.json()["value"],
        100,
        "clamped"
    );
    assert_eq!(
        inc(r#"{"amount":-15}"#).answer().await.json()["value"],
        95,
        "the exact sum was kept"
    );
    assert_eq!(inc(r#"{"amount":1.5}"#).answer().await.status, 400);
    assert_eq!(inc(r#"{"amount":2.0}"#).answer().await.json()["value"], 97);
    call(
        &emulator,
        Method::PATCH,
        format!("{U}/n/scopes/s/entries/t"),
    )
    .json(r#"{"value":"x"}"#)
    .answer()
    .await;
    call(
        &emulator,
        Method::PATCH,
        format!("{U}/n/scopes/s/entries/t?allowMissing=true"),
    )
    .json(r#"{"value":"x"}"#)
    .answer()
    .await;
    let text = call(
        &emulator,
        Method::POST,
        format!("{U}/n/scopes/s/entries/t:increment"),
    )
    .json(r#"{"amount":1}"#)
    .answer()
    .await;
    assert_eq!(text.status, 400);
}

#[tokio::test]
async fn writes_check_their_bodies_and_etags() {
    let emulator = emulator().await;
    let path = format!("{U}/w/scopes/global/entries/k");
    let created = call(
        &emulator,
        Method::POST,
        format!("{U}/w/scopes/global/entries?id=k"),
    )
    .json(r#"{"value":1}"#)
    .answer()
    .await;
    let etag = created.json()["etag"].as_str().unwrap().to_owned();
    let again = call(
        &emulator,
        Method::POST,
        format!("{U}/w/scopes/global/entries?id=k"),
    )
    .json(r#"{"value":1}"#)
    .answer()
    .await;
    assert_eq!(
        (again.status, again.json()["code"].clone()),
        (400, json!("INVALID_ARGUMENT"))
    );
    for body in [
        r#"{"users":[]}"#,
        r#"{"value":1,"users":["45"]}"#,
        r#"{"value":1,"users":["users/1","users/2","users/3","users/4","users/5"]}"#,
        r#"{"value":1,"attributes":[1]}"#,
    ] {
        let answer = call(&emulator, Method::PATCH, &path)
            .json(body)
            .answer()
            .await;
        assert_eq!(answer.status, 400, "{body}");
    }
    let long = format!(
        r#"{{"value":1,"attributes":{{"a":"{}"}}}}"#,
        "x".repeat(248)
    )
    .replace(
        "\"a\"",
        "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"",
    );
    assert_eq!(
        call(&emulator, Method::PATCH, &path)
            .json(&long)
            .answer()
            .await
            .status,
        400
    );
    let ok = call(&emulator, Method::PATCH, &path)
        .json(&format!(r#"{{"value":2,"etag":"{etag}"}}"#))
        .answer()
        .await;
    assert_eq!(ok.status, 200);
    let stale = call(&emulator, Method::PATCH, &path)
        .json(&format!(r#"{{"value":3,"etag":"{etag}"}}"#))
        .answer()
        .await;
    assert_eq!(
        (stale.status, stale.json()["code"].clone()),
        (409, json!("ABORTED"))
    );
    let deleted = call(&emulator, Method::DELETE, &path).answer().await;
    assert_eq!((deleted.status, deleted.json()), (200, json!({})));
    assert_eq!(
        call(&emulator, Method::DELETE, &path).answer().await.status,
        404
    );
    assert_eq!(
        call(&emulator, Method::GET, &path).answer().await.status,
        404
    );
    // After a delete, create starts the key over.
    let reborn = call(
        &emulator,
        Method::POST,
        format!("{U}/w/scopes/global/entries?id=k"),
    )
    .json(r#"{"value":9}"#)
    .answer()
    .await;
    assert_eq!(reborn.status, 200);
    assert_ne!(reborn.json()["createTime"], created.json()["createTime"]);
    let missing = call(
        &emulator,
        Method::PATCH,
        format!("{U}/w/scopes/global/entries/none"),
    )
    .json(r#"{"value":1}"#)
    .answer()
    .await;
    assert_eq!(
        (missing.status, missing.json()["code"].clone()),
        (404, json!("NOT_FOUND"))
    );
}

#[tokio::test]
async fn a_lenient_etag_can_be_configured() {
    let emulator = emulator_with(&world("[datastores]\netag_mismatch_aborts = false\n")).await;
    let path = format!("{U}/w/scopes/global/entries/k?allowMissing=true");
    let answer = call(&emulator, Method::PATCH, &path)
        .json(r#"{"value":1,"etag":"stale"}"#)
        .answer()
        .await;
    assert_eq!(answer.status, 200);
}

#[tokio::test]
async fn page_tokens_are_bound_to_the_query() {
    let emulator = emulator().await;
    for i in 0..15 {
        emulator.set_data_store_entry(&DataStoreEntryConfig::new(
            1000,
            "p",
            format!("k{i:02}"),
            json!(i),
        ));
    }
    let first = call(
        &emulator,
        Method::GET,
        format!("{U}/p/scopes/global/entries?maxPageSize=4"),
    )
    .answer()
    .await;
    let token = first.json()["nextPageToken"].as_str().unwrap().to_owned();
    assert_eq!(
        first.json()["dataStoreEntries"].as_array().unwrap().len(),
        4
    );
    let changed = call(
        &emulator,
        Method::GET,
        format!("{U}/p/scopes/global/entries?maxPageSize=4&showDeleted=true&pageToken={token}"),
    )
    .answer()
    .await;
    assert_eq!(changed.status, 400);
    let next = call(
        &emulator,
        Method::GET,
        format!("{U}/p/scopes/global/entries?maxPageSize=4&pageToken={token}"),
    )
    .answer()
    .await;
    assert_eq!(next.json()["dataStoreEntries"][0]["id"], "k04");
    let default = call(
        &emulator,
        Method::GET,
        format!("{U}/p/scopes/global/entries"),
    )
    .answer()
    .await;
    assert_eq!(
        default.json()["dataStoreEntries"].as_array().unwrap().len(),
        10
    );
    let bad = call(
        &emulator,
        Method::GET,
        format!("{U}/p/scopes/global/entries?filter=id%3D%3D1"),
    )
    .answer()
    .await;
    assert_eq!(
        (bad.status, bad.json()["message"].clone()),
        (400, json!("The provided filter is invalid."))
    );
}

#[tokio::test]
async fn deleted_stores_are_seeded_listed_and_purged() {
    let emulator = emulator_with(&world(
        "[[data_stores]]\nuniverse = 1000\nname = \"old\"\ndeleted = true\n\n[[data_stores]]\nuniverse = 1000\nname = \"live\"\n",
    ))
    .await;
    let list = call(&emulator, Method::GET, format!("{U}?showDeleted=true"))
        .answer()
        .await;
    let stores = list.json()["dataStores"].clone();
    assert_eq!(stores[0]["id"], "live");
    assert_eq!(stores[0]["state"], "ACTIVE");
    assert_eq!(stores[1]["state"], "DELETED");
    assert!(stores[1]["expireTime"].is_string());
    let hidden = call(&emulator, Method::GET, U).answer().await;
    assert_eq!(hidden.json()["dataStores"].as_array().unwrap().len(), 1);
    let entry = call(&emulator, Method::GET, format!("{U}/old/entries/k"))
        .answer()
        .await;
    assert_eq!(
        (entry.status, entry.json()["message"].clone()),
        (404, json!("The data store is deleted."))
    );
    // Nor does v1 read its entries, nor list it.
    let v1_entry = call(
        &emulator,
        Method::GET,
        "/datastores/v1/universes/1000/standard-datastores/datastore/entries/entry?datastoreName=old&entryKey=k",
    )
    .answer()
    .await;
    assert_eq!(v1_entry.status, 404);
    let v1 = call(
        &emulator,
        Method::GET,
        "/datastores/v1/universes/1000/standard-datastores?limit=10",
    )
    .answer()
    .await;
    assert_eq!(v1.json()["datastores"].as_array().unwrap().len(), 1);
    assert!(emulator.delete_data_store(1000, "live"));
    emulator.advance_clock(Duration::from_secs(31 * 86_400));
    let purged = call(&emulator, Method::GET, format!("{U}?showDeleted=true"))
        .answer()
        .await;
    assert_eq!(purged.json()["dataStores"], json!([]));
    let snapshot = call(&emulator, Method::POST, format!("{U}:snapshot"))
        .answer()
        .await;
    assert_eq!(snapshot.json()["newSnapshotTaken"], true);
    let again = call(&emulator, Method::POST, format!("{U}:snapshot"))
        .json("{}")
        .answer()
        .await;
    assert_eq!(again.json()["newSnapshotTaken"], false);
    assert_eq!(
        again.json()["latestSnapshotTime"],
        snapshot.json()["latestSnapshotTime"]
    );
}

#[tokio::test]
async fn a_bearer_token_is_refused_and_scopes_are_checked() {
    let emulator = emulator().await;
    let bearer = call(&emulator, Method::GET, format!("{U}/s/entries/k"))
        .anonymous()
        .credential("authorization", "Bearer x")
        .answer()
        .await;
    assert_eq!(bearer.status, 401);

    let emulator = emulator_with(&world(
        "[[api_keys]]\nkey = \"reader\"\nowner = { user = 3000 }\n[[api_keys.grants]]\nuniverse = \"*\"\nscopes = [\"universe-datastores.objects:read\"]\n",
    ))
    .await;
    let read = call(&emulator, Method::GET, format!("{U}/s/entries/k"))
        .credential("x-api-key", "reader")
        .answer()
        .await;
    assert_eq!(read.status, 404, "allowed, and missing");
    for (method, path) in [
        (Method::PATCH, format!("{U}/s/entries/k")),
        (Method::GET, format!("{U}/s/entries/k:listRevisions")),
        (Method::POST, format!("{U}:snapshot")),
        (Method::DELETE, format!("{U}/s")),
    ] {
        let refused = call(&emulator, method.clone(), &path)
            .credential("x-api-key", "reader")
            .json(r#"{"value":1}"#)
            .answer()
            .await;
        assert_eq!(
            (refused.status, refused.json()["code"].clone()),
            (403, json!("PERMISSION_DENIED")),
            "{method} {path}"
        );
    }
}

#[tokio::test]
async fn each_budget_is_shared_by_the_universe() {
    let config = world("").replace(
        "enabled = false",
        "enabled = true\ndatastores_v2_reads_per_universe = 2",
    );
    let emulator = emulator_with(&config).await;
    let get = |path: String| call(&emulator, Method::GET, path).answer();
    assert_eq!(get(format!("{U}/a/entries/k")).await.status, 404);
    assert_eq!(get(format!("{U}/b/scopes/s/entries/k")).await.status, 404);
    let limited = get(format!("{U}/c/entries/k")).await;
    assert_eq!(
        (limited.status, limited.json()["code"].clone()),
        (429, json!("RESOURCE_EXHAUSTED"))
    );
    // Another budget is untouched.
    assert_eq!(get(format!("{U}/a/entries")).await.status, 200);
}
