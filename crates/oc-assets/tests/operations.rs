//! Long-running operations against the emulator: polling, backoff, rate limits.

mod common;

use std::time::{Duration, Instant};

use common::*;
use oc_assets::{asset_operation, AssetOperation, AssetType, Content, CreatorAssetsExt};
use oc_core::Error;
use oc_emulator::{Config, FaultRule, DEFAULT_USER_ID};

fn config_with_polls(polls: u32) -> Config {
    let mut config = config();
    config.assets.polls_until_done = polls;
    config
}

async fn pending_upload(client: &oc_core::Client) -> AssetOperation {
    let content = Content::bytes(png()).file_name("a.png");
    match client
        .user(DEFAULT_USER_ID)
        .upload_asset(AssetType::Decal, "n", content)
        .await
    {
        Ok(operation) if !operation.is_done() => operation,
        other => panic!("expected a pending operation, got {other:?}"),
    }
}

#[tokio::test]
async fn an_upload_is_done_at_once_when_the_service_says_so() {
    let emulator = emulator_with(config_with_polls(0)).await;
    let content = Content::bytes(png()).file_name("a.png");
    let operation = client(&emulator)
        .user(DEFAULT_USER_ID)
        .upload_asset(AssetType::Decal, "n", content)
        .await
        .unwrap();
    let asset = operation.output().cloned().expect("done at once");
    assert_eq!(asset.name, "n");
    assert_eq!(count(&emulator, "assets.operation"), 0);
}

#[tokio::test]
async fn fetch_polls_once_and_the_default_is_done_on_the_second_poll() {
    let emulator = emulator().await;
    let pending = pending_upload(&client(&emulator)).await;
    assert_eq!(pending.get().await.unwrap(), None);
    let asset = pending
        .get()
        .await
        .unwrap()
        .expect("done on the second poll");
    assert_eq!(asset.name, "n");
    assert_eq!(count(&emulator, "assets.operation"), 2);
    let unknown = asset_operation(client(&emulator), "no-such-operation");
    let error = unknown.get().await.unwrap_err();
    assert!(error.is_not_found(), "{error}");
}

#[tokio::test]
async fn wait_backs_off_exponentially_between_polls() {
    let emulator = emulator_with(config_with_polls(5)).await;
    let pending = pending_upload(&client(&emulator))
        .await
        .poll_interval(Duration::from_millis(50));
    let start = Instant::now();
    let asset = pending.wait(Duration::from_secs(10)).await.unwrap();
    let elapsed = start.elapsed();
    assert_eq!(asset.name, "n");
    // Five polls with pauses of 50, 100, 200 and 400 ms between them: 750 ms at least;
    // a fixed 50 ms interval would take 200 ms.
    assert_eq!(count(&emulator, "assets.operation"), 5);
    assert!(elapsed >= Duration::from_millis(750), "{elapsed:?}");
}

#[tokio::test]
async fn wait_gives_up_at_its_timeout_without_a_tight_loop() {
    let emulator = emulator_with(config_with_polls(1000)).await;
    let pending = pending_upload(&client(&emulator))
        .await
        .poll_interval(Duration::from_millis(50));
    match pending.wait(Duration::from_millis(400)).await {
        Err(Error::Timeout { after }) => {
            assert_eq!(after, Duration::from_millis(400))
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    // Polls at 0, 50, 150 and 350 ms at most (the next would start at 750 ms): never a
    // tight loop. A loaded machine may fit fewer in, never more.
    let polls = count(&emulator, "assets.operation");
    assert!((1..=4).contains(&polls), "{polls} polls");
}

#[tokio::test]
async fn a_429_while_polling_waits_for_retry_after() {
    let emulator = emulator().await;
    let pending = pending_upload(&client_without_retries(&emulator))
        .await
        .poll_interval(Duration::from_millis(20));
    emulator.inject_fault(FaultRule {
        route: "assets.operation".into(),
        status: Some(429),
        times: Some(1),
        retry_after_secs: Some(1),
        ..FaultRule::default()
    });
    let start = Instant::now();
    let asset = pending.wait(Duration::from_secs(10)).await.unwrap();
    assert_eq!(asset.name, "n");
    assert!(
        start.elapsed() >= Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    let statuses: Vec<u16> = emulator
        .requests()
        .iter()
        .filter(|r| r.route.as_deref() == Some("assets.operation"))
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [429, 200, 200]);
}

#[tokio::test]
async fn published_operation_limits_answer_429() {
    let mut config = config();
    config.rate_limits.assets_operations_per_owner = 2;
    let emulator = oc_emulator::Emulator::builder()
        .config(config)
        .start()
        .await
        .unwrap();
    let pending = pending_upload(&client_without_retries(&emulator)).await;
    assert_eq!(pending.get().await.unwrap(), None);
    assert!(pending.get().await.unwrap().is_some());
    match pending.get().await {
        Err(error @ Error::RateLimited { .. }) => {
            assert!(error.retry_after().is_some());
        }
        other => panic!("expected 429, got {other:?}"),
    }
}
