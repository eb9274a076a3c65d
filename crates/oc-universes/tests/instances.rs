//! Engine instances against the emulator over real sockets: reads, updates and children,
//! each through its long-running operation.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::{client, requests_on, update_mask};
use futures::TryStreamExt;
use oc_core::v2::{OperationFailed, PollConfig, RpcCode};
use oc_core::{Error, Place};
use oc_emulator::{Config, Emulator, EmulatorHandle, InstanceConfig};
use oc_universes::instance::MAX_SOURCE_BYTES;
use oc_universes::{InstanceDetails, PlaceUniversesExt, RunContext};
use serde_json::json;

const WAIT: Duration = Duration::from_secs(30);
const SCRIPT: &str = "11111111-2222-3333-4444-555555555555";
const MODULE: &str = "11111111-2222-3333-4444-666666666666";
const LOCAL: &str = "11111111-2222-3333-4444-777777777777";
const LOCKED: &str = "11111111-2222-3333-4444-888888888888";
const FOLDER: &str = "11111111-2222-3333-4444-999999999999";
const MANY: &str = "11111111-2222-3333-4444-aaaaaaaaaaaa";
const ABSENT: &str = "deadbeef-0000-0000-0000-000000000000";
const CHILDREN: usize = 450;

/// An emulator whose instance operations are done after `polls` polls, with a tree:
/// `DataModel` > Folder "Scripts" > {Script "Main", ModuleScript "Lib", LocalScript "Ui",
/// Script "Open" (open in Studio)}, and Folder "Many" with 450 folders.
async fn emulator(polls: u32) -> EmulatorHandle {
    let mut config = Config::default();
    config.instances.polls_until_done = polls;
    let emulator = match Emulator::builder()
        .config(config)
        .rate_limits(false)
        .start()
        .await
    {
        Ok(handle) => handle,
        Err(e) => panic!("the emulator did not start: {e}"),
    };
    let (u, p) = (emulator.universe_id(), emulator.place_id());
    let add = |instance: InstanceConfig| {
        emulator.add_instance(&instance).expect("a valid instance");
    };
    add(InstanceConfig::new(u, p, "Scripts", "Folder").with_id(FOLDER));
    add(InstanceConfig::new(u, p, "Main", "Script")
        .with_id(SCRIPT)
        .with_parent(FOLDER)
        .with_details(json!({"Source": "print('v1')", "Enabled": false, "RunContext": "Server"})));
    add(InstanceConfig::new(u, p, "Lib", "ModuleScript")
        .with_id(MODULE)
        .with_parent(FOLDER)
        .with_details(json!({"Source": "return 1"})));
    add(InstanceConfig::new(u, p, "Ui", "LocalScript")
        .with_id(LOCAL)
        .with_parent(FOLDER)
        .with_details(json!({"Source": "", "Enabled": true, "RunContext": "Legacy"})));
    let mut locked = InstanceConfig::new(u, p, "Open", "Script")
        .with_id(LOCKED)
        .with_parent(FOLDER)
        .with_details(json!({"Source": "print('open')"}));
    locked.locked = true;
    add(locked);
    add(InstanceConfig::new(u, p, "Many", "Folder").with_id(MANY));
    for i in 0..CHILDREN {
        add(InstanceConfig::new(u, p, format!("child-{i:03}"), "Folder").with_parent(MANY));
    }
    emulator
}

fn place(emulator: &EmulatorHandle) -> Place {
    client(emulator)
        .experience(emulator.universe_id())
        .place(emulator.place_id())
}

fn quick() -> PollConfig {
    PollConfig::default()
        .with_first_interval(Duration::from_millis(10))
        .with_max_interval(Duration::from_millis(50))
}

fn source_of(emulator: &EmulatorHandle, id: &str) -> String {
    let instance = emulator
        .instance(emulator.universe_id(), emulator.place_id(), id)
        .expect("the instance");
    instance.details["Source"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn instances_are_read_through_operations_done_at_once() -> Result<(), Error> {
    let emulator = emulator(0).await;
    let place = place(&emulator);

    let root = place.root_instance().get().await?;
    let game = root.output().expect("done at once");
    assert_eq!(game.name, "Game");
    assert_eq!(game.parent_id, None);
    assert!(game.has_children);
    assert!(
        root.path().contains("/instances/root/operations/"),
        "{}",
        root.path()
    );

    let script = place.instance(SCRIPT).get().wait(WAIT).await?;
    assert_eq!(script.id, SCRIPT);
    assert_eq!(script.name, "Main");
    assert_eq!(script.parent_id.as_deref(), Some(FOLDER));
    match &script.details {
        InstanceDetails::Script(details) => {
            assert_eq!(details.enabled, Some(false));
            assert_eq!(details.run_context, Some(RunContext::Server));
            assert_eq!(details.source.as_deref(), Some("print('v1')"));
        }
        other => panic!("{other:?}"),
    }
    let module = place.instance(MODULE).get().wait(WAIT).await?;
    assert_eq!(module.class_name(), Some("ModuleScript"));
    assert_eq!(module.source(), Some("return 1"));

    let absent = place.instance(ABSENT).get().await;
    let failed = absent
        .as_ref()
        .err()
        .and_then(|e| e.detail::<OperationFailed>());
    assert_eq!(
        failed.and_then(OperationFailed::rpc_code),
        Some(RpcCode::NotFound),
        "{absent:?}"
    );
    assert!(requests_on(&emulator, "instances.operation").is_empty());
    Ok(())
}

#[tokio::test]
async fn operations_are_polled_until_done() -> Result<(), Error> {
    let emulator = emulator(3).await;
    let place = place(&emulator);

    let operation = place.instance(SCRIPT).get().await?;
    assert!(!operation.is_done());
    assert_eq!(
        operation.get().await?,
        None,
        "the first poll is not the last"
    );
    let script = operation.poll_config(quick()).wait(WAIT).await?;
    assert_eq!(script.source(), Some("print('v1')"));
    assert_eq!(requests_on(&emulator, "instances.operation").len(), 3);

    let updated = place
        .instance(SCRIPT)
        .update()
        .script_source("print('v2')")
        .poll_config(quick())
        .wait(WAIT)
        .await?;
    assert_eq!(updated.source(), Some("print('v2')"));
    assert_eq!(requests_on(&emulator, "instances.operation").len(), 6);
    assert_eq!(source_of(&emulator, SCRIPT), "print('v2')");

    let children: Vec<_> = place
        .instance(FOLDER)
        .list_children()
        .poll_config(quick())
        .try_collect()
        .await?;
    let names: Vec<_> = children.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Main", "Lib", "Ui", "Open"]);
    assert_eq!(requests_on(&emulator, "instances.operation").len(), 9);
    Ok(())
}

#[tokio::test]
async fn an_update_names_exactly_the_fields_set() -> Result<(), Error> {
    let emulator = emulator(0).await;
    let place = place(&emulator);

    let operation = place
        .instance(SCRIPT)
        .update()
        .script_source("print('new')")
        .await?;
    assert_eq!(
        operation.output().and_then(|i| i.source()),
        Some("print('new')")
    );
    let sent = requests_on(&emulator, "instances.update");
    assert_eq!(
        update_mask(&sent[0]),
        "engineInstance.Details.Script.Source"
    );
    let now = emulator
        .instance(emulator.universe_id(), emulator.place_id(), SCRIPT)
        .expect("the script");
    assert_eq!(now.details["Source"], "print('new')");
    assert_eq!(
        now.details["Enabled"], false,
        "unnamed details are left alone"
    );
    assert_eq!(now.details["RunContext"], "Server");

    let toggled = place
        .instance(SCRIPT)
        .update()
        .script_enabled(true)
        .wait(WAIT)
        .await?;
    assert_eq!(toggled.source(), Some("print('new')"));
    match &toggled.details {
        InstanceDetails::Script(details) => assert_eq!(details.enabled, Some(true)),
        other => panic!("{other:?}"),
    }

    let local = place
        .instance(LOCAL)
        .update()
        .local_script_source("print('ui')")
        .local_script_run_context(RunContext::Client)
        .wait(WAIT)
        .await?;
    match &local.details {
        InstanceDetails::LocalScript(details) => {
            assert_eq!(details.run_context, Some(RunContext::Client));
            assert_eq!(details.enabled, Some(true));
            assert_eq!(details.source.as_deref(), Some("print('ui')"));
        }
        other => panic!("{other:?}"),
    }
    let sent = requests_on(&emulator, "instances.update");
    assert_eq!(
        update_mask(&sent[2]),
        "engineInstance.Details.LocalScript.Source,engineInstance.Details.LocalScript.RunContext"
    );

    let module = place
        .instance(MODULE)
        .update()
        .module_script_source("x".repeat(MAX_SOURCE_BYTES))
        .wait(WAIT)
        .await?;
    assert_eq!(module.source().map(str::len), Some(MAX_SOURCE_BYTES));
    Ok(())
}

#[tokio::test]
async fn refused_updates_leave_the_script_as_it_was() -> Result<(), Error> {
    let emulator = emulator(0).await;
    let place = place(&emulator);

    let locked = place
        .instance(LOCKED)
        .update()
        .script_source("print('mine')")
        .wait(WAIT)
        .await;
    let failed = locked
        .as_ref()
        .err()
        .and_then(|e| e.detail::<OperationFailed>());
    assert_eq!(
        failed.and_then(OperationFailed::rpc_code),
        Some(RpcCode::FailedPrecondition),
        "{locked:?}"
    );
    assert_eq!(source_of(&emulator, LOCKED), "print('open')");

    // The details of another class than the instance's.
    let mismatch = place.instance(MODULE).update().script_source("x").await;
    assert_eq!(
        mismatch
            .as_ref()
            .err()
            .and_then(Error::status)
            .map(|s| s.as_u16()),
        Some(400),
        "{mismatch:?}"
    );
    assert_eq!(source_of(&emulator, MODULE), "return 1");
    Ok(())
}

#[tokio::test]
async fn children_are_paged_through_their_operations() -> Result<(), Error> {
    let emulator = emulator(1).await;
    let many = place(&emulator).instance(MANY);
    let expected: Vec<String> = (0..CHILDREN).map(|i| format!("child-{i:03}")).collect();

    let all: Vec<_> = many
        .list_children()
        .poll_config(quick())
        .try_collect()
        .await?;
    let names: Vec<_> = all.iter().map(|c| c.name.clone()).collect();
    assert_eq!(names, expected);
    assert!(all.iter().all(|c| c.parent_id.as_deref() == Some(MANY)));
    let pages = requests_on(&emulator, "instances.list_children");
    assert_eq!(pages.len(), 3, "pages of 200, 200 and 50");
    assert!(pages[0].path.contains("maxPageSize=200"));
    assert!(!pages[0].path.contains("pageToken"));
    assert!(pages[1].path.contains("pageToken="));
    assert_eq!(requests_on(&emulator, "instances.operation").len(), 3);

    emulator.clear_requests();
    let small: Vec<_> = many
        .list_children()
        .page_size(50)
        .poll_config(quick())
        .try_collect()
        .await?;
    assert_eq!(small.len(), CHILDREN);
    assert_eq!(requests_on(&emulator, "instances.list_children").len(), 9);

    emulator.clear_requests();
    let limited: Vec<_> = many
        .list_children()
        .page_size(50)
        .limit(120)
        .poll_config(quick())
        .try_collect()
        .await?;
    let names: Vec<_> = limited.iter().map(|c| c.name.clone()).collect();
    assert_eq!(names, expected[..120]);
    let pages = requests_on(&emulator, "instances.list_children");
    assert_eq!(pages.len(), 3, "50, 50 and the 20 left");
    assert!(pages[2].path.contains("maxPageSize=20"));

    let leaf: Vec<_> = place(&emulator)
        .instance(SCRIPT)
        .list_children()
        .try_collect()
        .await?;
    assert!(leaf.is_empty());
    Ok(())
}

#[tokio::test]
async fn invalid_input_never_reaches_the_emulator() {
    let emulator = emulator(0).await;
    let place = place(&emulator);
    let field = |error: Option<Error>| match error {
        Some(Error::InvalidInput(invalid)) => invalid.field().to_owned(),
        other => panic!("expected invalid input, got {other:?}"),
    };
    assert_eq!(
        field(place.instance("Root").get().await.err()),
        "instance_id"
    );
    assert_eq!(
        field(place.instance("../x").get().wait(WAIT).await.err()),
        "instance_id"
    );
    assert_eq!(field(place.instance(SCRIPT).update().await.err()), "update");
    assert_eq!(
        field(
            place
                .instance(SCRIPT)
                .update()
                .script_source("x".repeat(MAX_SOURCE_BYTES + 1))
                .await
                .err()
        ),
        "source"
    );
    assert_eq!(
        field(
            place
                .instance(SCRIPT)
                .update()
                .script_run_context(RunContext::Unknown)
                .await
                .err()
        ),
        "run_context"
    );
    assert_eq!(
        field(place.instance(SCRIPT).update().parent("nope").await.err()),
        "parent"
    );
    let listed: Result<Vec<_>, Error> = place.instance("x y").list_children().try_collect().await;
    assert_eq!(field(listed.err()), "instance_id");
    let zero = client(&emulator)
        .experience(emulator.universe_id())
        .place(0);
    assert_eq!(field(zero.root_instance().get().await.err()), "place_id");
    assert!(emulator.requests().is_empty(), "{:?}", emulator.requests());
    assert_eq!(source_of(&emulator, SCRIPT), "print('v1')");
}
