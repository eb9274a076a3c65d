//! Luau execution tasks over raw HTTP: rules from the configuration and the handle, states
//! moved by gets and the clock, logs paged with v2 tokens, the incomplete-task limit,
//! binary inputs, scopes and rate limits.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::{call, emulator, Answer};
use http::Method;
use oc_emulator::{
    Config, Emulator, EmulatorHandle, LuauExecutionConfig, LuauScriptRule, Owner, UniverseSelector,
    DEFAULT_UNIVERSE_ID, DEFAULT_USER_ID,
};
use serde_json::{json, Value};

fn tasks_path(emulator: &EmulatorHandle) -> String {
    format!(
        "/cloud/v2/universes/{}/places/{}/luau-execution-session-tasks",
        emulator.universe_id(),
        emulator.place_id()
    )
}

async fn create(emulator: &EmulatorHandle, body: Value) -> Answer {
    call(emulator, Method::POST, tasks_path(emulator))
        .json(&body.to_string())
        .answer()
        .await
}

async fn get(emulator: &EmulatorHandle, path: &str, query: &str) -> Answer {
    call(emulator, Method::GET, format!("/cloud/v2/{path}{query}"))
        .answer()
        .await
}

async fn start(config: Config) -> EmulatorHandle {
    Emulator::builder()
        .config(config)
        .rate_limits(false)
        .start()
        .await
        .expect("the emulator starts")
}

#[tokio::test]
async fn rules_from_the_configuration_decide_results_logs_and_failures() {
    let toml = r#"
[[universes]]
id = 1000
places = [2000]
owner = { user = 3000 }

[[users]]
id = 3000
name = "u"

[[api_keys]]
key = "k"
owner = { user = 3000 }
[[api_keys.grants]]
universe = 1000
scopes = ["universe.place.luau-execution-session:write"]

[luau_execution]
polls_until_done = 1

[[luau_execution.rules]]
script = "return 3 + 4"
results = [7]
logs = ["hello", { message = "careful", message_type = "WARNING" }]

[[luau_execution.rules]]
contains = "error("
error = "Script:1: boom"
"#;
    let emulator = common::emulator_with(toml).await;
    let created = create(&emulator, json!({"script": "return 3 + 4"})).await;
    assert_eq!(created.status, 200, "{}", created.body);
    let task = created.json();
    assert_eq!(task["state"], "QUEUED");
    assert_eq!(
        task["script"], "return 3 + 4",
        "the create answer echoes it"
    );
    assert_eq!(task["user"], "3000");
    assert_eq!(task["timeout"], "300s");
    let path = task["path"].as_str().unwrap().to_owned();
    let segments: Vec<&str> = path.split('/').collect();
    assert_eq!(
        segments[..6],
        ["universes", "1000", "places", "2000", "versions", "1"]
    );
    assert_eq!(segments[7], segments[9], "session id = task id");

    let done = get(&emulator, &path, "").await.json();
    assert_eq!(done["state"], "COMPLETE");
    assert_eq!(done["script"], "", "BASIC writes the script empty");
    assert_eq!(done["output"], json!({"results": [7]}));
    assert!(done["createTime"].as_str().unwrap().ends_with('Z'));
    let full = get(&emulator, &path, "?view=FULL").await.json();
    assert_eq!(full["script"], "return 3 + 4");
    assert_eq!(get(&emulator, &path, "?view=SOME").await.status, 400);

    let logs = get(&emulator, &format!("{path}/logs"), "").await.json();
    assert_eq!(logs["nextPageToken"], "");
    let chunk = &logs["luauExecutionSessionTaskLogs"][0];
    assert_eq!(chunk["messages"], json!(["hello", "careful"]));
    assert!(chunk["path"].as_str().unwrap().ends_with("/logs/1"));
    let structured = get(&emulator, &format!("{path}/logs"), "?view=STRUCTURED")
        .await
        .json();
    let messages = &structured["luauExecutionSessionTaskLogs"][0]["structuredMessages"];
    assert_eq!(messages[1]["messageType"], "WARNING");
    assert_eq!(messages[0]["messageType"], "OUTPUT");
    assert!(structured["luauExecutionSessionTaskLogs"][0]
        .get("messages")
        .is_none());

    let failing = create(&emulator, json!({"script": "error('x')"}))
        .await
        .json();
    let failed = get(&emulator, failing["path"].as_str().unwrap(), "")
        .await
        .json();
    assert_eq!(failed["state"], "FAILED");
    assert_eq!(
        failed["error"],
        json!({"code": "SCRIPT_ERROR", "message": "Script:1: boom"})
    );
    assert!(failed.get("output").is_none());

    // The legacy routes answer the same task.
    let id = segments[9];
    let unversioned = format!("universes/1000/places/2000/luau-execution-sessions/{id}/tasks/{id}");
    assert_eq!(
        get(&emulator, &unversioned, "").await.json()["state"],
        "COMPLETE"
    );
    for legacy in [
        format!("{unversioned}/logs"),
        format!("universes/1000/places/2000/luau-execution-session-tasks/{id}/logs"),
        format!("universes/1000/places/2000/versions/1/luau-execution-session-tasks/{id}/logs"),
    ] {
        let answer = get(&emulator, &legacy, "").await;
        assert_eq!(answer.status, 200, "{legacy}: {}", answer.body);
        assert_eq!(
            answer.json()["luauExecutionSessionTaskLogs"][0]["messages"],
            json!(["hello", "careful"])
        );
    }
    // A wrong version or session is not found.
    let wrong = path.replace("/versions/1/", "/versions/2/");
    assert_eq!(get(&emulator, &wrong, "").await.status, 404);
}

#[tokio::test]
async fn tasks_move_through_the_states_by_gets_and_rules_from_the_handle() {
    let emulator = emulator().await;
    emulator.add_luau_rule(LuauScriptRule::contains("slow").polls_until_done(3));
    emulator.add_luau_rule(LuauScriptRule::contains("stop").cancelled());
    let path = create(&emulator, json!({"script": "slow()"})).await.json()["path"]
        .as_str()
        .unwrap()
        .to_owned();
    let states: Vec<Value> = futures_states(&emulator, &path, 4).await;
    assert_eq!(states, ["PROCESSING", "PROCESSING", "COMPLETE", "COMPLETE"]);
    assert_eq!(emulator.luau_tasks()[0].state, "COMPLETE");

    let stop = create(&emulator, json!({"script": "stop()"})).await.json();
    let stop_path = stop["path"].as_str().unwrap();
    assert_eq!(
        futures_states(&emulator, stop_path, 2).await,
        ["PROCESSING", "CANCELLED"]
    );

    emulator.clear_luau_rules();
    let plain = create(&emulator, json!({"script": "slow()"})).await.json();
    let plain_path = plain["path"].as_str().unwrap();
    assert_eq!(
        futures_states(&emulator, plain_path, 2).await,
        ["PROCESSING", "COMPLETE"]
    );
    let answer = get(&emulator, plain_path, "").await.json();
    assert_eq!(
        answer["output"]["results"],
        json!([]),
        "the default: no results"
    );
}

/// The states of `n` gets of a task.
async fn futures_states(emulator: &EmulatorHandle, path: &str, n: usize) -> Vec<Value> {
    let mut states = Vec::new();
    for _ in 0..n {
        states.push(get(emulator, path, "").await.json()["state"].clone());
    }
    states
}

#[tokio::test]
async fn timeouts_and_retention_follow_the_emulator_clock() {
    let emulator = emulator().await;
    emulator.add_luau_rule(LuauScriptRule::contains("loop").runtime_secs(120));
    emulator.add_luau_rule(LuauScriptRule::contains("wait(30)").runtime_secs(30));
    let looping = create(&emulator, json!({"script": "loop()", "timeout": "60s"}))
        .await
        .json();
    let looping = looping["path"].as_str().unwrap().to_owned();
    let waiting = create(&emulator, json!({"script": "wait(30)", "timeout": "60.5s"}))
        .await
        .json();
    let waiting = waiting["path"].as_str().unwrap().to_owned();
    assert_eq!(
        get(&emulator, &waiting, "").await.json()["timeout"],
        "60.500s"
    );
    for _ in 0..3 {
        assert_eq!(
            get(&emulator, &looping, "").await.json()["state"],
            "PROCESSING"
        );
        assert_eq!(
            get(&emulator, &waiting, "").await.json()["state"],
            "PROCESSING"
        );
    }
    emulator.advance_clock(Duration::from_secs(31));
    assert_eq!(
        get(&emulator, &waiting, "").await.json()["state"],
        "COMPLETE"
    );
    assert_eq!(
        get(&emulator, &looping, "").await.json()["state"],
        "PROCESSING"
    );
    emulator.advance_clock(Duration::from_secs(30));
    let timed_out = get(&emulator, &looping, "").await.json();
    assert_eq!(timed_out["state"], "FAILED");
    assert_eq!(timed_out["error"]["code"], "DEADLINE_EXCEEDED");

    // Finished tasks are kept 24 hours.
    emulator.advance_clock(Duration::from_secs(86_400));
    assert_eq!(get(&emulator, &waiting, "").await.status, 404);
    assert!(emulator.luau_tasks().is_empty());
}

#[tokio::test]
async fn an_eleventh_incomplete_task_is_resource_exhausted_until_one_ends() {
    let emulator = emulator().await;
    let mut paths = Vec::new();
    for i in 0..10 {
        let answer = create(&emulator, json!({"script": format!("return {i}")})).await;
        assert_eq!(answer.status, 200);
        paths.push(answer.json()["path"].as_str().unwrap().to_owned());
    }
    let refused = create(&emulator, json!({"script": "return 10"})).await;
    assert_eq!(refused.status, 429);
    assert_eq!(refused.json()["code"], "RESOURCE_EXHAUSTED");
    // Ending one task makes room.
    futures_states(&emulator, &paths[0], 2).await;
    assert_eq!(
        create(&emulator, json!({"script": "return 10"}))
            .await
            .status,
        200
    );
    // Tasks past their timeout on the clock have ended, read or not.
    assert_eq!(
        create(&emulator, json!({"script": "return 11"}))
            .await
            .status,
        429
    );
    emulator.advance_clock(Duration::from_secs(301));
    assert_eq!(
        create(&emulator, json!({"script": "return 11"}))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn logs_page_with_tokens_bound_to_the_view() {
    let emulator = emulator().await;
    let lines: Vec<String> = (0..7).map(|i| format!("line {i}")).collect();
    emulator.add_luau_rule(
        LuauScriptRule::script("print lots")
            .logs(lines.clone())
            .polls_until_done(1),
    );
    let path = create(&emulator, json!({"script": "print lots"}))
        .await
        .json()["path"]
        .as_str()
        .unwrap()
        .to_owned();
    let logs = format!("{path}/logs");
    // Before the task ends: one empty chunk.
    let early = get(&emulator, &logs, "").await.json();
    assert_eq!(
        early["luauExecutionSessionTaskLogs"][0]["messages"],
        json!([])
    );
    get(&emulator, &path, "").await;

    let mut seen = Vec::new();
    let mut token = String::new();
    let mut pages = 0;
    loop {
        let query = if token.is_empty() {
            "?maxPageSize=3".to_owned()
        } else {
            format!("?maxPageSize=3&pageToken={token}")
        };
        let page = get(&emulator, &logs, &query).await.json();
        pages += 1;
        for message in page["luauExecutionSessionTaskLogs"][0]["messages"]
            .as_array()
            .unwrap()
        {
            seen.push(message.as_str().unwrap().to_owned());
        }
        token = page["nextPageToken"].as_str().unwrap().to_owned();
        if token.is_empty() {
            break;
        }
        // A token is refused with another view.
        let other = get(
            &emulator,
            &logs,
            &format!("?view=STRUCTURED&maxPageSize=3&pageToken={token}"),
        )
        .await;
        assert_eq!(other.status, 400);
        assert_eq!(other.json()["code"], "INVALID_ARGUMENT");
    }
    assert_eq!(seen, lines);
    assert_eq!(pages, 3);
    let coerced = get(&emulator, &logs, "?maxPageSize=999999").await.json();
    assert_eq!(
        coerced["luauExecutionSessionTaskLogs"][0]["messages"]
            .as_array()
            .map(Vec::len),
        Some(7)
    );
    assert_eq!(
        get(&emulator, &logs, "?pageToken=garbage").await.status,
        400
    );
}

#[tokio::test]
async fn bad_inputs_are_refused() {
    let emulator = emulator().await;
    for body in [
        json!({}),
        json!({"script": ""}),
        json!({"script": 3}),
        json!({"script": "s", "timeout": "0s"}),
        json!({"script": "s", "timeout": "301s"}),
        json!({"script": "s", "timeout": "soon"}),
        json!({"script": "s", "binaryInput": "universes/1000/luau-execution-session-task-binary-inputs/nope"}),
    ] {
        let answer = create(&emulator, body.clone()).await;
        assert_eq!(answer.status, 400, "{body}: {}", answer.body);
        assert_eq!(answer.json()["code"], "INVALID_ARGUMENT");
    }
    let big = "x".repeat(4 * 1024 * 1024 + 1);
    assert_eq!(create(&emulator, json!({"script": big})).await.status, 400);
    let elsewhere = format!(
        "/cloud/v2/universes/{}/places/999/luau-execution-session-tasks",
        emulator.universe_id()
    );
    let answer = call(&emulator, Method::POST, elsewhere)
        .json(r#"{"script":"s"}"#)
        .answer()
        .await;
    assert_eq!(answer.status, 404);
    let unknown_version = format!(
        "/cloud/v2/universes/{}/places/{}/versions/5/luau-execution-session-tasks",
        emulator.universe_id(),
        emulator.place_id()
    );
    let answer = call(&emulator, Method::POST, unknown_version)
        .json(r#"{"script":"s"}"#)
        .answer()
        .await;
    assert_eq!(answer.status, 404);
    assert!(emulator.luau_tasks().is_empty());
}

#[tokio::test]
async fn the_latest_published_version_is_the_default() {
    let emulator = emulator().await;
    let publish = |kind: &'static str| {
        call(
            &emulator,
            Method::POST,
            format!(
                "/universes/v1/{}/places/{}/versions?versionType={kind}",
                emulator.universe_id(),
                emulator.place_id()
            ),
        )
        .header("content-type", "application/octet-stream")
        .body("<roblox!place")
        .answer()
    };
    assert_eq!(publish("Published").await.json()["versionNumber"], 1);
    assert_eq!(publish("Published").await.json()["versionNumber"], 2);
    assert_eq!(publish("Saved").await.json()["versionNumber"], 3);
    let task = create(&emulator, json!({"script": "s"})).await.json();
    assert!(task["path"].as_str().unwrap().contains("/versions/2/"));
    let saved = format!(
        "/cloud/v2/universes/{}/places/{}/versions/3/luau-execution-session-tasks",
        emulator.universe_id(),
        emulator.place_id()
    );
    let answer = call(&emulator, Method::POST, saved)
        .json(r#"{"script":"s"}"#)
        .answer()
        .await;
    assert!(answer.json()["path"]
        .as_str()
        .unwrap()
        .contains("/versions/3/"));
}

#[tokio::test]
async fn binary_inputs_are_uploaded_checked_and_expire() {
    let emulator = emulator().await;
    let inputs = format!(
        "/cloud/v2/universes/{}/luau-execution-session-task-binary-inputs",
        emulator.universe_id()
    );
    for bad in [r#"{"size":0}"#, r#"{"size":104857601}"#, r#"{}"#] {
        let answer = call(&emulator, Method::POST, &inputs)
            .json(bad)
            .answer()
            .await;
        assert_eq!(answer.status, 400, "{bad}");
    }
    let input = call(&emulator, Method::POST, &inputs)
        .json(r#"{"size":"5"}"#)
        .answer()
        .await
        .json();
    assert_eq!(input["size"], 5);
    let path = input["path"].as_str().unwrap().to_owned();
    let upload = input["uploadUri"].as_str().unwrap();
    let upload_path = upload
        .strip_prefix(&emulator.base_url())
        .unwrap()
        .to_owned();
    let put = |path: String, body: &'static str| {
        call(&emulator, Method::PUT, path)
            .anonymous()
            .body(body)
            .answer()
    };
    assert_eq!(put(upload_path.clone(), "toolong").await.status, 400);
    let forged = upload_path.replace("token=", "token=x");
    assert_eq!(put(forged, "12345").await.status, 400);
    // Not uploaded yet: a task cannot use it.
    let refused = create(&emulator, json!({"script": "s", "binaryInput": path})).await;
    assert_eq!(refused.status, 400);
    assert_eq!(put(upload_path.clone(), "12345").await.status, 200);
    assert_eq!(
        emulator.luau_binary_inputs()[0].bytes.as_deref(),
        Some(&b"12345"[..])
    );
    let task = create(&emulator, json!({"script": "s", "binaryInput": path})).await;
    assert_eq!(task.status, 200, "{}", task.body);
    assert_eq!(task.json()["binaryInput"], path.as_str());
    // 15 minutes later it is gone.
    emulator.advance_clock(Duration::from_secs(901));
    let expired = create(&emulator, json!({"script": "s", "binaryInput": path})).await;
    assert_eq!(expired.status, 400);
    assert!(emulator.luau_binary_inputs().is_empty());
    assert_eq!(put(upload_path, "12345").await.status, 400);
}

#[tokio::test]
async fn only_api_keys_with_the_scopes_are_allowed() {
    let config = Config::default()
        .with_api_key(
            "read-only",
            Owner::User(DEFAULT_USER_ID),
            UniverseSelector::Id(DEFAULT_UNIVERSE_ID),
            &["universe.place.luau-execution-session:read"],
        )
        .with_oauth_token("token", DEFAULT_USER_ID, &[UniverseSelector::All], &["*"]);
    let emulator = start(config).await;
    let created = create(&emulator, json!({"script": "s"})).await.json();
    let path = created["path"].as_str().unwrap().to_owned();

    let bearer = call(&emulator, Method::POST, tasks_path(&emulator))
        .credential("authorization", "Bearer token")
        .json(r#"{"script":"s"}"#)
        .answer()
        .await;
    assert_eq!(bearer.status, 401);
    let read_only = call(&emulator, Method::POST, tasks_path(&emulator))
        .credential("x-api-key", "read-only")
        .json(r#"{"script":"s"}"#)
        .answer()
        .await;
    assert_eq!(read_only.status, 403);
    assert_eq!(read_only.json()["code"], "PERMISSION_DENIED");
    // Read is enough to get a task and its logs.
    for suffix in ["", "/logs"] {
        let answer = call(&emulator, Method::GET, format!("/cloud/v2/{path}{suffix}"))
            .credential("x-api-key", "read-only")
            .answer()
            .await;
        assert_eq!(answer.status, 200, "{suffix}: {}", answer.body);
    }
    assert_eq!(emulator.luau_tasks().len(), 1);
}

#[tokio::test]
async fn the_versioned_create_is_rate_limited_per_owner() {
    let mut config = Config::default();
    config.rate_limits.luau_create_version_per_owner = 2;
    config.luau_execution = LuauExecutionConfig {
        polls_until_done: 0,
        ..LuauExecutionConfig::default()
    };
    let emulator = Emulator::builder()
        .config(config)
        .start()
        .await
        .expect("the emulator starts");
    let versioned = format!(
        "/cloud/v2/universes/{}/places/{}/versions/1/luau-execution-session-tasks",
        emulator.universe_id(),
        emulator.place_id()
    );
    let mut statuses = Vec::new();
    for _ in 0..3 {
        let answer = call(&emulator, Method::POST, &versioned)
            .json(r#"{"script":"s"}"#)
            .answer()
            .await;
        statuses.push(answer.status);
        if answer.status == 200 {
            assert_eq!(answer.json()["state"], "COMPLETE", "0 polls: done at once");
        } else {
            assert_eq!(answer.json()["code"], "RESOURCE_EXHAUSTED");
        }
    }
    assert_eq!(statuses, [200, 200, 429]);
    // The unversioned route has its own budget.
    assert_eq!(create(&emulator, json!({"script": "s"})).await.status, 200);
}
