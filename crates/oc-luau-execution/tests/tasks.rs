//! Luau execution against the emulator over real sockets.

use std::time::Duration;

use futures::TryStreamExt;
use oc_core::{Client, Error, RetryConfig};
use oc_emulator::{DropMode, Emulator, EmulatorHandle, FaultRule, LuauScriptRule};
use oc_luau_execution::{
    ExperienceLuauExt, LogMessage, LuauTaskCancelled, LuauTaskFailed, LuauTaskHandle, MessageType,
    TaskErrorCode, TaskState, TaskView, MAX_BINARY_INPUT_BYTES, MAX_SCRIPT_BYTES, MAX_TIMEOUT,
};
use serde_json::json;

async fn emulator() -> EmulatorHandle {
    match Emulator::builder().rate_limits(false).start().await {
        Ok(handle) => handle,
        Err(e) => panic!("the emulator did not start: {e}"),
    }
}

fn client_with(emulator: &EmulatorHandle, retry: RetryConfig) -> Client {
    match Client::builder()
        .base_url(emulator.base_url())
        .api_key(emulator.api_key())
        .retry(retry)
        .build()
    {
        Ok(client) => client,
        Err(e) => panic!("client: {e}"),
    }
}

fn client(emulator: &EmulatorHandle) -> Client {
    client_with(
        emulator,
        RetryConfig::default()
            .with_max_attempts(3)
            .with_backoff(Duration::from_millis(10), Duration::from_millis(50)),
    )
}

/// Waits with short pauses: the emulator ends tasks by gets, not by time.
fn fast(handle: LuauTaskHandle) -> LuauTaskHandle {
    handle.poll_interval(Duration::from_millis(10))
}

const WAIT: Duration = Duration::from_secs(30);

#[tokio::test]
async fn a_task_runs_through_every_state_and_answers_its_results() -> Result<(), Error> {
    let emulator = emulator().await;
    emulator.add_luau_rule(
        LuauScriptRule::script("return 3 + 4")
            .results(vec![json!(7), json!({"a": [1, null]})])
            .polls_until_done(3),
    );
    let experience = client(&emulator).experience(emulator.universe_id());
    let handle = experience
        .luau(emulator.place_id())
        .run("return 3 + 4")
        .timeout(Duration::from_secs(60))
        .await?;
    let created = handle.task().cloned();
    assert_eq!(created.as_ref().map(|t| &t.state), Some(&TaskState::Queued));
    assert_eq!(
        created.as_ref().and_then(|t| t.script.as_deref()),
        Some("return 3 + 4")
    );
    assert_eq!(
        handle.path().version_id,
        Some(1),
        "the latest published version"
    );
    assert_eq!(handle.path().session_id, handle.path().task_id);

    let first = handle.get().await?;
    assert_eq!(first.state, TaskState::Processing);
    assert_eq!(first.script, None, "BASIC leaves the script out");
    assert_eq!(first.timeout, Some(Duration::from_secs(60)));
    assert_eq!(first.user_id(), Some(emulator.user_id()));
    let second = handle.get().view(TaskView::Full).await?;
    assert_eq!(second.state, TaskState::Processing);
    assert_eq!(second.script.as_deref(), Some("return 3 + 4"));
    let done = handle.get().await?;
    assert_eq!(done.state, TaskState::Complete);
    assert_eq!(done.results(), &[json!(7), json!({"a": [1, null]})]);
    assert!(done.create_time.is_some() && done.update_time >= done.create_time);

    // Wait on a finished task answers it at once; a resumed handle reads the same task.
    assert_eq!(
        fast(handle.clone()).wait(WAIT).await?.results(),
        done.results()
    );
    let resumed = experience.luau_task(&handle.path().to_string())?;
    assert_eq!(resumed.get().await?.state, TaskState::Complete);
    Ok(())
}

#[tokio::test]
async fn an_unmatched_script_completes_with_no_results_by_waiting() -> Result<(), Error> {
    let emulator = emulator().await;
    let experience = client(&emulator).experience(emulator.universe_id());
    let task = fast(experience.luau(emulator.place_id()).run("print(1)").await?)
        .wait(WAIT)
        .await?;
    assert_eq!(task.state, TaskState::Complete);
    assert!(task.results().is_empty());
    let records = emulator.luau_tasks();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].polls, 2, "PROCESSING, then COMPLETE");
    Ok(())
}

#[tokio::test]
async fn a_failed_task_is_a_typed_error_with_the_luau_message() -> Result<(), Error> {
    let emulator = emulator().await;
    emulator.add_luau_rule(
        LuauScriptRule::contains("error(")
            .error("Script:1: no such player")
            .logs(["before the error"]),
    );
    emulator.add_luau_rule(LuauScriptRule::contains("cancel me").cancelled());
    let place = client(&emulator)
        .experience(emulator.universe_id())
        .luau(emulator.place_id());

    let handle = fast(place.run("error('no such player')").await?);
    let error = handle.wait(WAIT).await.err();
    let failed = error.as_ref().and_then(|e| e.detail::<LuauTaskFailed>());
    let Some(failed) = failed else {
        panic!("expected a failed task, got {error:?}")
    };
    assert_eq!(failed.error_code, TaskErrorCode::ScriptError);
    assert_eq!(failed.message, "Script:1: no such player");
    assert_eq!(&failed.path, handle.path());
    assert_eq!(failed.task.state, TaskState::Failed);
    assert!(error.is_some_and(|e| e.to_string().contains("no such player")));
    let logs: Vec<String> = handle.logs().try_collect().await?;
    assert_eq!(logs, ["before the error"]);

    let cancelled = fast(place.run("-- cancel me").await?)
        .wait(WAIT)
        .await
        .err();
    assert!(
        cancelled
            .as_ref()
            .and_then(|e| e.detail::<LuauTaskCancelled>())
            .is_some(),
        "{cancelled:?}"
    );
    Ok(())
}

#[tokio::test]
async fn a_task_past_its_timeout_on_the_emulator_clock_fails_deadline_exceeded() -> Result<(), Error>
{
    let emulator = emulator().await;
    emulator.add_luau_rule(LuauScriptRule::contains("while true").runtime_secs(3600));
    let place = client(&emulator)
        .experience(emulator.universe_id())
        .luau(emulator.place_id());
    let handle = place
        .run("while true do end")
        .timeout(Duration::from_secs(10))
        .await?;
    for _ in 0..5 {
        assert_eq!(handle.get().await?.state, TaskState::Processing);
    }
    emulator.advance_clock(Duration::from_secs(11));
    let error = fast(handle).wait(WAIT).await.err();
    let failed = error.as_ref().and_then(|e| e.detail::<LuauTaskFailed>());
    assert_eq!(
        failed.map(|f| &f.error_code),
        Some(&TaskErrorCode::DeadlineExceeded),
        "{error:?}"
    );
    Ok(())
}

#[tokio::test]
async fn a_429_during_wait_is_waited_out_with_its_retry_after() -> Result<(), Error> {
    let emulator = emulator().await;
    // No retries in the client: the wait itself must honour the 429.
    let client = client_with(&emulator, RetryConfig::disabled());
    let handle = client
        .experience(emulator.universe_id())
        .luau(emulator.place_id())
        .run("return 1")
        .await?;
    emulator.inject_fault(FaultRule {
        route: "luau.tasks.get".into(),
        status: Some(429),
        times: Some(1),
        retry_after_secs: Some(1),
        ..FaultRule::default()
    });
    let started = std::time::Instant::now();
    let task = fast(handle).wait(WAIT).await?;
    assert_eq!(task.state, TaskState::Complete);
    assert!(started.elapsed() >= Duration::from_millis(950));
    let gets: Vec<u16> = emulator
        .requests()
        .iter()
        .filter(|r| r.route.as_deref() == Some("luau.tasks.get"))
        .map(|r| r.status)
        .collect();
    assert_eq!(gets, [429, 200, 200]);
    Ok(())
}

#[tokio::test]
async fn logs_page_across_many_pages_with_and_without_a_limit() -> Result<(), Error> {
    let emulator = emulator().await;
    let lines: Vec<String> = (0..25).map(|i| format!("line {i}\nsecond row")).collect();
    let mut rule = LuauScriptRule::script("print lots").logs(lines.clone());
    rule = rule.log_typed("careful", "WARNING");
    emulator.add_luau_rule(rule);
    let handle = fast(
        client(&emulator)
            .experience(emulator.universe_id())
            .luau(emulator.place_id())
            .run("print lots")
            .await?,
    );
    // Before the task ends: no logs yet.
    let early: Vec<String> = handle.logs().try_collect().await?;
    assert!(early.is_empty());
    handle.wait(WAIT).await?;

    let mut expected = lines.clone();
    expected.push("careful".into());
    emulator.clear_requests();
    let all: Vec<String> = handle.logs().page_size(4).try_collect().await?;
    assert_eq!(all, expected);
    let pages = emulator
        .requests()
        .iter()
        .filter(|r| r.route.as_deref() == Some("luau.tasks.logs"))
        .count();
    assert_eq!(pages, 7, "26 messages, 4 a page");

    let limited: Vec<String> = handle.logs().page_size(3).limit(10).try_collect().await?;
    assert_eq!(limited, expected[..10]);

    let structured: Vec<LogMessage> = handle.structured_logs().page_size(5).try_collect().await?;
    assert_eq!(structured.len(), 26);
    assert_eq!(structured[0].message, "line 0\nsecond row");
    assert_eq!(structured[0].message_type, MessageType::Output);
    assert!(structured[0].create_time.is_some());
    assert_eq!(structured[25].message_type, MessageType::Warning);
    Ok(())
}

#[tokio::test]
async fn a_create_dropped_after_it_was_applied_is_reported_and_sent_once() {
    let emulator = emulator().await;
    emulator.inject_fault(FaultRule {
        route: "luau.tasks.create".into(),
        drop: Some(DropMode::AfterApply),
        times: Some(1),
        ..FaultRule::default()
    });
    let error = client(&emulator)
        .experience(emulator.universe_id())
        .luau(emulator.place_id())
        .run("return 'once'")
        .await
        .err();
    match &error {
        Some(e @ Error::Transport { .. }) => assert!(e.may_have_been_applied()),
        other => panic!("expected a lost connection, got {other:?}"),
    }
    assert_eq!(emulator.requests().len(), 1, "never repeated");
    let tasks = emulator.luau_tasks();
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0].script, "return 'once'");
}

#[tokio::test]
async fn an_eleventh_incomplete_task_is_refused_with_429() -> Result<(), Error> {
    let emulator = emulator().await;
    let client = client_with(&emulator, RetryConfig::disabled());
    let place = client
        .experience(emulator.universe_id())
        .luau(emulator.place_id());
    let mut handles = Vec::new();
    for i in 0..10 {
        handles.push(place.run(format!("return {i}")).await?);
    }
    let refused = place.run("return 10").await.err();
    assert!(
        matches!(refused, Some(Error::RateLimited { .. })),
        "{refused:?}"
    );
    assert!(refused.is_some_and(|e| e.certainly_not_applied()));
    // One task ends: there is room again.
    fast(handles.remove(0)).wait(WAIT).await?;
    place.run("return 10").await?;
    Ok(())
}

#[tokio::test]
async fn a_version_is_pinned_and_an_unknown_one_is_not_found() -> Result<(), Error> {
    let emulator = emulator().await;
    let place = client(&emulator)
        .experience(emulator.universe_id())
        .luau(emulator.place_id());
    let handle = place.clone().version(1).run("return 1").await?;
    assert_eq!(handle.path().version_id, Some(1));
    let missing = place.clone().version(99).run("return 1").await.err();
    assert!(missing.is_some_and(|e| e.is_not_found()));
    Ok(())
}

#[tokio::test]
async fn a_binary_input_is_created_uploaded_and_given_to_a_task() -> Result<(), Error> {
    let emulator = emulator().await;
    let experience = client(&emulator).experience(emulator.universe_id());
    let input = experience
        .upload_luau_binary_input(&b"\x00\x01binary\xff"[..])
        .await?;
    assert_eq!(input.size, 9);
    let stored = emulator.luau_binary_inputs();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].path, input.path);
    assert_eq!(stored[0].bytes.as_deref(), Some(&b"\x00\x01binary\xff"[..]));

    let handle = experience
        .luau(emulator.place_id())
        .run("local input = ({...})[1]; return buffer.len(input.BinaryInput)")
        .binary_input(&input)
        .await?;
    assert_eq!(
        handle.task().and_then(|t| t.binary_input.as_deref()),
        Some(input.path.as_str())
    );

    // The create step alone answers where to upload; an input never uploaded is refused.
    let bare = experience.create_luau_binary_input(4).await?;
    assert!(bare.upload_uri.is_some());
    let refused = experience
        .luau(emulator.place_id())
        .run("return 1")
        .binary_input(&bare)
        .await
        .err();
    assert_eq!(
        refused.and_then(|e| e.status()).map(|s| s.as_u16()),
        Some(400)
    );
    Ok(())
}

#[tokio::test]
async fn invalid_input_never_reaches_the_emulator() -> Result<(), Error> {
    let emulator = emulator().await;
    let client = client(&emulator);
    let experience = client.experience(emulator.universe_id());
    let place = experience.luau(emulator.place_id());
    let expect = |result: Result<_, Error>, field: &str| match result {
        Err(Error::InvalidInput(invalid)) => assert_eq!(invalid.field(), field),
        Err(other) => panic!("expected invalid {field}, got {other:?}"),
        Ok(_) => panic!("expected invalid {field}, got a success"),
    };
    expect(place.run("").await.map(|_| ()), "script");
    expect(
        place
            .run("x".repeat(MAX_SCRIPT_BYTES + 1))
            .await
            .map(|_| ()),
        "script",
    );
    expect(
        place.run("s").timeout(Duration::ZERO).await.map(|_| ()),
        "timeout",
    );
    expect(
        place
            .run("s")
            .timeout(MAX_TIMEOUT + Duration::from_secs(1))
            .await
            .map(|_| ()),
        "timeout",
    );
    expect(
        place.clone().version(0).run("s").await.map(|_| ()),
        "version_id",
    );
    expect(experience.luau(0).run("s").await.map(|_| ()), "place_id");
    expect(
        client.experience(0).luau(1).run("s").await.map(|_| ()),
        "universe_id",
    );
    expect(
        place
            .run("s")
            .binary_input_path("universes/1/elsewhere/x")
            .await
            .map(|_| ()),
        "binary_input",
    );
    expect(
        experience
            .create_luau_binary_input(MAX_BINARY_INPUT_BYTES + 1)
            .await
            .map(|_| ()),
        "size",
    );
    expect(
        experience.create_luau_binary_input(0).await.map(|_| ()),
        "size",
    );
    expect(
        experience
            .upload_luau_binary_input(Vec::new())
            .await
            .map(|_| ()),
        "size",
    );
    expect(
        experience.luau_task("universes/1/places/2").map(|_| ()),
        "path",
    );
    let other_universe = format!(
        "universes/{}/places/2/versions/1/luau-execution-sessions/s/tasks/s",
        emulator.universe_id() + 1
    );
    expect(experience.luau_task(&other_universe).map(|_| ()), "path");
    let bad_id = LuauTaskHandle::from_path(
        client.clone(),
        oc_luau_execution::TaskPath::new(1, 2, Some(1), "a/b", "a/b"),
    );
    expect(bad_id.get().await.map(|_| ()), "session_id");
    let logs: Result<Vec<String>, Error> = bad_id.logs().try_collect().await;
    expect(logs.map(|_| ()), "session_id");
    assert!(emulator.requests().is_empty(), "{:?}", emulator.requests());
    Ok(())
}

#[tokio::test]
async fn an_unknown_task_is_not_found() -> Result<(), Error> {
    let emulator = emulator().await;
    let path = format!(
        "universes/{}/places/{}/versions/1/luau-execution-sessions/nope/tasks/nope",
        emulator.universe_id(),
        emulator.place_id()
    );
    let handle = client(&emulator)
        .experience(emulator.universe_id())
        .luau_task(&path)?;
    let error = handle.get().await.err();
    assert!(error.is_some_and(|e| e.is_not_found()));
    Ok(())
}
