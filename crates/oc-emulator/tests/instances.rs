//! Engine instances through Open Cloud v2 over real sockets: get, update and list
//! children, each answered with an operation.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::*;
use http::Method;
use oc_emulator::{EmulatorHandle, InstanceConfig};
use serde_json::json;

const CONFIG: &str = r#"
[instances]
polls_until_done = 2
max_script_source_bytes = 20

[[universes]]
id = 10
places = [20]
owner = { user = 30 }

[[users]]
id = 30
name = "owner"

[[api_keys]]
key = "full"
owner = { user = 30 }
[[api_keys.grants]]
universe = "*"
scopes = ["*"]

[[api_keys]]
key = "reader"
owner = { user = 30 }
[[api_keys.grants]]
universe = 10
scopes = ["universe.place.instance:read"]

[[oauth_tokens]]
token = "token"
user = 30
universes = ["*"]
scopes = ["*"]

[[place_instances]]
universe = 10
place = 20
id = "0a000000-0000-4000-8000-000000000001"
name = "Workspace"
class = "Workspace"

[[place_instances]]
universe = 10
place = 20
id = "0a000000-0000-4000-8000-000000000002"
parent = "0a000000-0000-4000-8000-000000000001"
name = "Main"
class = "Script"
details = { Source = "print(1)" }

[[place_instances]]
universe = 10
place = 20
id = "0a000000-0000-4000-8000-000000000003"
parent = "0a000000-0000-4000-8000-000000000001"
name = "Busy"
class = "ModuleScript"
locked = true
"#;

const BASE: &str = "/cloud/v2/universes/10/places/20/instances";
const MAIN: &str = "0a000000-0000-4000-8000-000000000002";

/// Polls an operation until it is done, at most `polls` times; the number of polls and
/// the done operation.
async fn poll_done(
    emulator: &EmulatorHandle,
    operation: &serde_json::Value,
    polls: usize,
) -> (usize, serde_json::Value) {
    let path = operation["path"]
        .as_str()
        .expect("an operation path")
        .to_owned();
    for n in 1..=polls {
        let answer = call(emulator, Method::GET, format!("/cloud/v2/{path}"))
            .answer()
            .await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        if answer.json()["done"] == true {
            return (n, answer.json());
        }
    }
    panic!("not done after {polls} polls");
}

#[tokio::test]
async fn get_answers_an_operation_done_after_the_configured_polls() {
    let emulator = emulator_with(CONFIG).await;
    let answer = call(&emulator, Method::GET, format!("{BASE}/root"))
        .answer()
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let operation = answer.json();
    assert_eq!(operation["done"], false);
    assert!(operation["path"]
        .as_str()
        .unwrap()
        .starts_with("universes/10/places/20/instances/root/operations/"));
    let (polls, done) = poll_done(&emulator, &operation, 5).await;
    assert_eq!(polls, 2);
    let response = &done["response"];
    assert_eq!(
        response["@type"],
        "type.googleapis.com/roblox.open_cloud.cloud.v2.Instance"
    );
    assert_eq!(response["engineInstance"]["Name"], "Game");
    assert_eq!(response["engineInstance"]["Parent"], "");
    assert_eq!(response["hasChildren"], true);

    let script = call(
        &emulator,
        Method::GET,
        format!("{BASE}/{}", MAIN.replace('-', "").to_uppercase()),
    )
    .answer()
    .await;
    let (_, done) = poll_done(&emulator, &script.json(), 5).await;
    assert_eq!(
        done["response"]["engineInstance"]["Details"],
        json!({"Script": {"Enabled": true, "RunContext": "Legacy", "Source": "print(1)"}})
    );
    assert_eq!(
        done["response"]["path"],
        format!("universes/10/places/20/instances/{MAIN}")
    );

    let missing = call(&emulator, Method::GET, format!("{BASE}/ffff"))
        .answer()
        .await;
    let (_, done) = poll_done(&emulator, &missing.json(), 5).await;
    assert_eq!(done["error"]["code"], 5);
    assert!(done.get("response").is_none());

    let unknown = call(
        &emulator,
        Method::GET,
        format!("{BASE}/root/operations/nope"),
    )
    .answer()
    .await;
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.json()["code"], "NOT_FOUND");
    let other_place = call(
        &emulator,
        Method::GET,
        "/cloud/v2/universes/10/places/99/instances/root",
    )
    .answer()
    .await;
    assert_eq!(other_place.status, 404);
}

#[tokio::test]
async fn operations_expire_on_the_emulator_clock() {
    let emulator = emulator_with(CONFIG).await;
    let operation = call(&emulator, Method::GET, format!("{BASE}/root"))
        .answer()
        .await
        .json();
    let path = format!("/cloud/v2/{}", operation["path"].as_str().unwrap());
    emulator.advance_clock(Duration::from_secs(23 * 3600));
    assert_eq!(
        call(&emulator, Method::GET, &path).answer().await.status,
        200
    );
    emulator.advance_clock(Duration::from_secs(3600));
    assert_eq!(
        call(&emulator, Method::GET, &path).answer().await.status,
        404
    );
}

#[tokio::test]
async fn update_changes_a_script_source() {
    let emulator = emulator_with(CONFIG).await;
    // No mask: the body's leaves are the mask; `details` in any case.
    let answer = call(&emulator, Method::PATCH, format!("{BASE}/{MAIN}"))
        .json(r#"{"engineInstance":{"Name":"ignored","details":{"Script":{"Source":"print(2)"}}}}"#)
        .answer()
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let (_, done) = poll_done(&emulator, &answer.json(), 5).await;
    let details = &done["response"]["engineInstance"]["Details"]["Script"];
    assert_eq!(details["Source"], "print(2)");
    assert_eq!(details["Enabled"], true, "kept");
    assert_eq!(done["response"]["engineInstance"]["Name"], "Main");
    let stored = emulator.instance(10, 20, MAIN).unwrap();
    assert_eq!(stored.details["Source"], "print(2)");

    let masked = call(
        &emulator,
        Method::PATCH,
        format!("{BASE}/{MAIN}?updateMask=engineInstance.Details.Script.RunContext"),
    )
    .json(
        r#"{"engineInstance":{"Details":{"Script":{"RunContext":"server","Source":"not this"}}}}"#,
    )
    .answer()
    .await;
    let (_, done) = poll_done(&emulator, &masked.json(), 5).await;
    let details = &done["response"]["engineInstance"]["Details"]["Script"];
    assert_eq!(details["RunContext"], "Server");
    assert_eq!(details["Source"], "print(2)");

    for body in [
        r#"{"engineInstance":{"Details":{"ModuleScript":{"Source":"x"}}}}"#,
        r#"{"engineInstance":{"Details":{"Script":{"Source":"this source is far too long"}}}}"#,
        r#"{"engineInstance":{"Details":{"Script":{"Enabled":"yes"}}}}"#,
        r#"{"engineInstance":{"Details":{"Script":{"Colour":"red"}}}}"#,
    ] {
        let answer = call(&emulator, Method::PATCH, format!("{BASE}/{MAIN}"))
            .json(body)
            .answer()
            .await;
        assert_eq!(answer.status, 400, "{body}: {}", answer.body);
        assert_eq!(answer.json()["code"], "INVALID_ARGUMENT");
    }
    let workspace = call(
        &emulator,
        Method::PATCH,
        format!("{BASE}/0a000000-0000-4000-8000-000000000001"),
    )
    .json(r#"{"engineInstance":{"Details":{"Workspace":{}}}}"#)
    .answer()
    .await;
    assert_eq!(workspace.status, 400);

    let locked = call(
        &emulator,
        Method::PATCH,
        format!("{BASE}/0a000000-0000-4000-8000-000000000003"),
    )
    .json(r#"{"engineInstance":{"Details":{"ModuleScript":{"Source":"x"}}}}"#)
    .answer()
    .await;
    let (_, done) = poll_done(&emulator, &locked.json(), 5).await;
    assert_eq!(done["error"]["code"], 9);
    assert_eq!(
        emulator
            .instance(10, 20, "0a000000-0000-4000-8000-000000000003")
            .unwrap()
            .details["Source"],
        ""
    );
}

#[tokio::test]
async fn children_are_listed_in_pages_inside_the_operation() {
    let emulator = emulator_with(CONFIG).await;
    let workspace = "0a000000-0000-4000-8000-000000000001";
    for n in 0..3 {
        let added = emulator.add_instance(
            &InstanceConfig::new(10, 20, format!("Part{n}"), "Part").with_parent(workspace),
        );
        assert!(added.is_some());
    }
    let mut names = Vec::new();
    let mut query = "maxPageSize=2".to_owned();
    loop {
        let answer = call(
            &emulator,
            Method::GET,
            format!("{BASE}/{workspace}:listChildren?{query}"),
        )
        .answer()
        .await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        let (_, done) = poll_done(&emulator, &answer.json(), 5).await;
        let response = &done["response"];
        assert_eq!(
            response["@type"],
            "type.googleapis.com/roblox.open_cloud.cloud.v2.ListInstanceChildrenResponse"
        );
        for instance in response["instances"].as_array().unwrap() {
            names.push(
                instance["engineInstance"]["Name"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
            );
        }
        let token = response["nextPageToken"].as_str().unwrap();
        if token.is_empty() {
            break;
        }
        query = format!("maxPageSize=2&pageToken={token}");
    }
    assert_eq!(names, ["Main", "Busy", "Part0", "Part1", "Part2"]);
    let garbage = call(
        &emulator,
        Method::GET,
        format!("{BASE}/root:listChildren?pageToken=garbage"),
    )
    .answer()
    .await;
    assert_eq!(garbage.status, 400);
    assert_eq!(garbage.json()["code"], "INVALID_ARGUMENT");
}

#[tokio::test]
async fn results_over_the_size_limit_end_with_422() {
    let toml = CONFIG.replace("max_script_source_bytes = 20", "max_result_bytes = 100");
    let emulator = emulator_with(&toml).await;
    let answer = call(&emulator, Method::GET, format!("{BASE}/root:listChildren"))
        .answer()
        .await;
    let (_, done) = poll_done(&emulator, &answer.json(), 5).await;
    assert_eq!(done["error"]["code"], 422);
}

#[tokio::test]
async fn only_api_keys_with_the_scope_are_served() {
    let emulator = emulator_with(CONFIG).await;
    let bearer = call(&emulator, Method::GET, format!("{BASE}/root"))
        .credential("authorization", "Bearer token")
        .answer()
        .await;
    assert_eq!(bearer.status, 401);
    assert_eq!(bearer.json()["errors"][0]["code"], 0);
    let reader = call(&emulator, Method::GET, format!("{BASE}/root"))
        .credential("x-api-key", "reader")
        .answer()
        .await;
    assert_eq!(reader.status, 200);
    let write = call(&emulator, Method::PATCH, format!("{BASE}/{MAIN}"))
        .credential("x-api-key", "reader")
        .json("{}")
        .answer()
        .await;
    assert_eq!(write.status, 403);
    assert_eq!(write.json()["code"], "PERMISSION_DENIED");
}

#[test]
fn a_parent_must_be_listed_before_its_child() {
    let bad = CONFIG.to_owned()
        + "\n[[place_instances]]\nuniverse = 10\nplace = 20\nparent = \"missing\"\nname = \"x\"\nclass = \"Folder\"\n";
    let error = oc_emulator::Config::from_toml_str(&bad)
        .unwrap_err()
        .to_string();
    assert!(error.contains("missing"), "{error}");
}
