//! The asset lifecycle against the emulator over real sockets: get with a read mask,
//! versions listed and paged, a rollback read back, archive and restore with the routes
//! an archived asset refuses, refused input that sends nothing, a dropped rollback.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::*;
use futures::TryStreamExt;
use oc_assets::{
    Asset, AssetRefused, AssetState, AssetType, ClientAssetsExt, Content, Creator,
    CreatorAssetsExt, ModerationState, RefusalKind,
};
use oc_core::{Client, Error};
use oc_emulator::{DropMode, EmulatorHandle, FaultRule, DEFAULT_USER_ID};

/// An emulator whose uploads answer done at once.
async fn quick() -> (EmulatorHandle, Client) {
    let mut config = config();
    config.assets.polls_until_done = 0;
    let emulator = emulator_with(config).await;
    let client = client(&emulator);
    (emulator, client)
}

/// A model uploaded, then its content updated with `updates` other files: versions
/// `1..=updates + 1`.
async fn model(client: &Client, updates: u8) -> Asset {
    let user = client.user(DEFAULT_USER_ID);
    let asset = user
        .upload_asset(
            AssetType::Model,
            "Tree",
            Content::bytes(sample("rbxm")).file_name("tree.rbxm"),
        )
        .description("a tree")
        .await
        .unwrap()
        .wait(Duration::from_secs(5))
        .await
        .unwrap();
    for n in 0..updates {
        let mut bytes = sample("rbxm");
        bytes.push(n);
        let _done = user
            .update_asset(asset.id)
            .content(Content::bytes(bytes).file_name("tree.rbxm"))
            .await
            .unwrap();
    }
    asset
}

fn checksum(emulator: &EmulatorHandle, id: u64) -> u64 {
    emulator
        .assets()
        .into_iter()
        .find(|a| a.id == id)
        .map(|a| a.checksum)
        .unwrap()
}

fn versions(list: &[oc_assets::AssetVersion]) -> Vec<u64> {
    list.iter().map(|v| v.version).collect()
}

#[tokio::test]
async fn get_answers_the_core_fields_or_the_masked_ones() -> Result<(), Error> {
    let (emulator, client) = quick().await;
    let uploaded = model(&client, 0).await;
    emulator.clear_requests();
    let asset = client.asset(uploaded.id).get().await?;
    assert_eq!(asset.id, uploaded.id);
    assert_eq!(asset.name, "Tree");
    assert_eq!(asset.asset_type, AssetType::Model);
    assert_eq!(asset.creator, Some(Creator::User(DEFAULT_USER_ID)));
    assert_eq!(asset.moderation_state, Some(ModerationState::Approved));
    assert_eq!(asset.state, Some(AssetState::Active));
    assert_eq!(asset.revision_id.as_deref(), Some("1"));
    assert_eq!(asset.description, "", "not a core field");
    let masked = client
        .asset(uploaded.id)
        .get()
        .read_mask(["description", "previews"])
        .await?;
    assert_eq!(masked.description, "a tree");
    assert_eq!(masked.name, "", "not asked for");
    assert!(masked.previews.is_empty());
    let paths: Vec<_> = emulator.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(
        paths[1],
        format!(
            "/assets/v1/assets/{}?readMask=description%2Cpreviews",
            uploaded.id
        )
    );
    let missing = client.asset(1).get().await;
    assert!(missing.is_err_and(|e| e.is_not_found()));
    Ok(())
}

#[tokio::test]
async fn versions_list_newest_first_and_a_rollback_reads_back() -> Result<(), Error> {
    let (emulator, client) = quick().await;
    let asset = model(&client, 0).await;
    let first = checksum(&emulator, asset.id);
    let handle = client.asset(asset.id);
    let user = client.user(DEFAULT_USER_ID);
    for n in 0..2u8 {
        let mut bytes = sample("rbxm");
        bytes.push(n);
        let _done = user
            .update_asset(asset.id)
            .content(Content::bytes(bytes).file_name("tree.rbxm"))
            .await?;
    }
    assert_ne!(checksum(&emulator, asset.id), first);
    let listed: Vec<_> = handle.versions().try_collect().await?;
    assert_eq!(versions(&listed), [3, 2, 1]);
    assert!(listed.iter().all(|v| v.asset_id == asset.id));
    assert_eq!(listed[0].creator, Some(Creator::User(DEFAULT_USER_ID)));
    let two = handle.version(2).await?;
    assert_eq!(
        (two.version, two.moderation_state),
        (2, Some(ModerationState::Approved))
    );
    assert!(handle.version(9).await.is_err_and(|e| e.is_not_found()));

    let target = handle.rollback(1).await?;
    assert_eq!(target.version, 1, "the service answers the target version");
    assert_eq!(
        checksum(&emulator, asset.id),
        first,
        "version 1's content is current"
    );
    let now = handle.get().await?;
    assert_eq!(
        now.revision_id.as_deref(),
        Some("4"),
        "the rollback is a new version"
    );
    let listed: Vec<_> = handle.versions().try_collect().await?;
    assert_eq!(versions(&listed), [4, 3, 2, 1]);
    Ok(())
}

#[tokio::test]
async fn versions_page_with_and_without_a_limit() -> Result<(), Error> {
    let (emulator, client) = quick().await;
    let asset = model(&client, 0).await;
    let user = client.user(DEFAULT_USER_ID);
    for n in 0..61 {
        let _done = user
            .update_asset(asset.id)
            .name(format!("Tree {n}"))
            .await?;
    }
    let handle = client.asset(asset.id);
    emulator.clear_requests();
    let all: Vec<_> = handle.versions().try_collect().await?;
    assert_eq!(versions(&all), (1..=62).rev().collect::<Vec<_>>());
    let sizes: Vec<_> = emulator.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(sizes.len(), 2, "pages of 50: {sizes:?}");
    assert!(sizes[0].ends_with("versions?maxPageSize=50"), "{sizes:?}");
    emulator.clear_requests();
    let some: Vec<_> = handle
        .versions()
        .page_size(3)
        .limit(7)
        .try_collect()
        .await?;
    assert_eq!(versions(&some), [62, 61, 60, 59, 58, 57, 56]);
    assert_eq!(emulator.requests().len(), 3, "3 + 3 + 1");
    let small: Vec<_> = handle.versions().page_size(8).try_collect().await?;
    assert_eq!(small.len(), 62);
    Ok(())
}

fn refusal(error: &Error) -> Option<RefusalKind> {
    error.detail::<AssetRefused>().map(|r| r.kind)
}

#[tokio::test]
async fn an_archived_asset_reads_but_refuses_changes_until_restored() -> Result<(), Error> {
    let (emulator, client) = quick().await;
    let asset = model(&client, 1).await;
    let handle = client.asset(asset.id);
    let user = client.user(DEFAULT_USER_ID);
    let archived = handle.archive().await?;
    assert_eq!(archived.state, Some(AssetState::Archived));
    let again = handle.archive().await?;
    assert_eq!(
        again.state,
        Some(AssetState::Archived),
        "archiving twice is a no-op"
    );
    assert_eq!(handle.get().await?.state, Some(AssetState::Archived));
    let listed: Vec<_> = handle.versions().try_collect().await?;
    assert_eq!(versions(&listed), [2, 1], "versions still read");
    assert_eq!(handle.version(1).await?.version, 1);

    let update = user.update_asset(asset.id).name("Oak").await.unwrap_err();
    assert_eq!(refusal(&update), Some(RefusalKind::Archived), "{update:?}");
    assert!(update.certainly_not_applied());
    let content = user
        .update_asset(asset.id)
        .content(Content::bytes(sample("rbxm")).file_name("t.rbxm"))
        .await
        .unwrap_err();
    assert_eq!(refusal(&content), Some(RefusalKind::Archived));
    let rollback = handle.rollback(1).await.unwrap_err();
    assert_eq!(
        refusal(&rollback),
        Some(RefusalKind::Archived),
        "{rollback:?}"
    );
    assert!(rollback.certainly_not_applied());
    let stored = emulator
        .assets()
        .into_iter()
        .find(|a| a.id == asset.id)
        .unwrap();
    assert_eq!((stored.display_name.as_str(), stored.revision), ("Tree", 2));

    let restored = handle.restore().await?;
    assert_eq!(restored.state, Some(AssetState::Active));
    assert_eq!(handle.restore().await?.state, Some(AssetState::Active));
    let _done = user.update_asset(asset.id).name("Oak").await?;
    assert_eq!(handle.rollback(1).await?.version, 1);
    assert_eq!(handle.get().await?.revision_id.as_deref(), Some("4"));
    Ok(())
}

#[tokio::test]
async fn a_rollback_dropped_after_apply_may_have_been_applied_and_is_sent_once() {
    let (emulator, client) = quick().await;
    let asset = model(&client, 1).await;
    emulator.inject_fault(FaultRule {
        route: "assets.versions.rollback".into(),
        drop: Some(DropMode::AfterApply),
        times: Some(1),
        ..FaultRule::default()
    });
    emulator.clear_requests();
    let error = client.asset(asset.id).rollback(1).await.unwrap_err();
    assert!(error.may_have_been_applied(), "{error:?}");
    assert_eq!(emulator.requests().len(), 1, "not repeated");
    let listed: Vec<_> = client
        .asset(asset.id)
        .versions()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(versions(&listed), [3, 2, 1], "applied exactly once");
}

fn field(result: Result<impl std::fmt::Debug, Error>) -> String {
    match result {
        Err(Error::InvalidInput(invalid)) => invalid.field().to_owned(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[tokio::test]
async fn refused_input_never_reaches_the_emulator() {
    let (emulator, client) = quick().await;
    let none = client.asset(0);
    assert_eq!(field(none.get().await), "asset_id");
    assert_eq!(field(none.version(1).await), "asset_id");
    assert_eq!(field(none.rollback(1).await), "asset_id");
    assert_eq!(field(none.archive().await), "asset_id");
    assert_eq!(field(none.restore().await), "asset_id");
    let listed: Result<Vec<_>, _> = none.versions().try_collect().await;
    assert_eq!(field(listed), "asset_id");
    let some = client.asset(5);
    assert_eq!(field(some.version(0).await), "version");
    assert_eq!(field(some.rollback(0).await), "version");
    assert_eq!(
        field(some.get().read_mask(["description,displayName"]).await),
        "read_mask"
    );
    assert_eq!(field(some.get().read_mask([""]).await), "read_mask");
    assert_eq!(field(some.get().read_mask(["a b"]).await), "read_mask");
    assert!(emulator.requests().is_empty(), "{:?}", emulator.requests());
}
