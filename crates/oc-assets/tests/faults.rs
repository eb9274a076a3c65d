//! Failures of the network and the service during uploads: what is retried and what is
//! reported as possibly applied.

mod common;

use bytes::Bytes;
use common::*;
use oc_assets::{AssetType, Content, CreatorAssetsExt, ExperiencePlacesExt};
use oc_core::Error;
use oc_emulator::{DropMode, FaultRule, DEFAULT_USER_ID};

fn fault(route: &str) -> FaultRule {
    FaultRule {
        route: route.into(),
        times: Some(1),
        ..FaultRule::default()
    }
}

#[tokio::test]
async fn a_dropped_connection_after_an_upload_is_applied_is_reported_and_not_retried() {
    let emulator = emulator().await;
    emulator.inject_fault(FaultRule {
        drop: Some(DropMode::AfterApply),
        ..fault("assets.create")
    });
    let file = temp_file("logo.png", &png()).unwrap();
    let content = Content::file(&file.path).await.unwrap();
    let error = client(&emulator)
        .user(DEFAULT_USER_ID)
        .upload_asset(AssetType::Decal, "n", content)
        .await
        .unwrap_err();
    assert!(error.may_have_been_applied(), "{error:?}");
    assert!(
        matches!(error, Error::Transport { connect: false, .. }),
        "{error:?}"
    );
    assert_eq!(count(&emulator, "assets.create"), 1);
    assert_eq!(emulator.assets().len(), 1);
}

#[tokio::test]
async fn a_dropped_connection_after_a_place_publish_is_reported_and_not_retried() {
    let emulator = emulator().await;
    emulator.inject_fault(FaultRule {
        drop: Some(DropMode::AfterApply),
        ..fault("places.publish")
    });
    let content = Content::bytes(sample("rbxl")).file_name("level.rbxl");
    let error = client(&emulator)
        .experience(emulator.universe_id())
        .publish_place(emulator.place_id(), content)
        .await
        .unwrap_err();
    assert!(error.may_have_been_applied(), "{error:?}");
    assert_eq!(count(&emulator, "places.publish"), 1);
    assert_eq!(emulator.place_versions().len(), 1);
}

#[tokio::test]
async fn a_429_before_applying_retries_a_file_by_reopening_it() {
    let emulator = emulator().await;
    emulator.inject_fault(FaultRule {
        status: Some(429),
        retry_after_secs: Some(0),
        ..fault("assets.create")
    });
    let file = temp_file("logo.png", &png()).unwrap();
    let content = Content::file(&file.path).await.unwrap();
    let _operation = client(&emulator)
        .user(DEFAULT_USER_ID)
        .upload_asset(AssetType::Decal, "n", content)
        .await
        .unwrap();
    let statuses: Vec<u16> = emulator.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [429, 200]);
    let stored = emulator.assets();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].size, png().len() as u64);
}

#[tokio::test]
async fn a_one_shot_stream_is_not_retried() {
    let emulator = emulator().await;
    emulator.inject_fault(FaultRule {
        status: Some(429),
        ..fault("assets.create")
    });
    let bytes = png();
    let stream = futures::stream::iter([Ok::<_, std::io::Error>(Bytes::from(bytes.clone()))]);
    let content = Content::stream(stream, bytes.len() as u64).content_type("image/png");
    let error = client(&emulator)
        .user(DEFAULT_USER_ID)
        .upload_asset(AssetType::Decal, "n", content)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::RateLimited { .. }), "{error:?}");
    assert!(!error.may_have_been_applied());
    assert_eq!(count(&emulator, "assets.create"), 1);
    assert!(emulator.assets().is_empty());
}

#[tokio::test]
async fn a_stream_shorter_than_declared_fails_without_creating_an_asset() {
    let emulator = emulator().await;
    let stream = futures::stream::iter([Ok::<_, std::io::Error>(Bytes::from(png()))]);
    let content = Content::stream(stream, png().len() as u64 + 10).content_type("image/png");
    let result = client(&emulator)
        .user(DEFAULT_USER_ID)
        .upload_asset(AssetType::Decal, "n", content)
        .await;
    assert!(result.is_err(), "{result:?}");
    assert!(emulator.assets().is_empty());
}
