//! Refusals against the emulator: each is an `AssetRefused` of its own kind with the
//! service's message and answer, and bad input never leaves the client.

mod common;

use common::*;
use oc_assets::{
    AssetRefused, AssetType, Content, ContentUnreadable, CreatorAssetsExt, ExperiencePlacesExt,
    RefusalKind,
};
use oc_core::Error;
use oc_emulator::{Config, DEFAULT_USER_ID};

fn moderated_config() -> Config {
    let mut config = config();
    config.assets.moderated_words = vec!["forbidden".into()];
    config.assets.upload_price = 10;
    config
}

/// The refusal an upload failed with, with the status of the service's answer.
fn refusal(error: &Error) -> (RefusalKind, String, Option<u16>) {
    let refused = error
        .detail::<AssetRefused>()
        .unwrap_or_else(|| panic!("expected a refusal, got {error:?}"));
    (
        refused.kind,
        refused.message.clone(),
        error.status().map(|s| s.as_u16()),
    )
}

#[tokio::test]
async fn each_refusal_is_its_own_kind_with_the_message() {
    let emulator = emulator_with(moderated_config()).await;
    let user = client(&emulator).user(DEFAULT_USER_ID);
    let png = || Content::bytes(png()).file_name("a.png");

    let not_png = Content::bytes(b"GIF89a not a png".to_vec()).file_name("a.png");
    let error = user
        .upload_asset(AssetType::Decal, "n", not_png)
        .expected_price(10)
        .await
        .unwrap_err();
    assert_eq!(
        refusal(&error),
        (
            RefusalKind::InvalidFile,
            "\"InvalidImage\"".into(),
            Some(400)
        )
    );
    let error = user
        .upload_asset(AssetType::Decal, "A forbidden name", png())
        .expected_price(10)
        .await
        .unwrap_err();
    assert_eq!(
        refusal(&error),
        (
            RefusalKind::ModeratedName,
            "AssetName is moderated.".into(),
            Some(400)
        )
    );
    let error = user
        .upload_asset(AssetType::Decal, "fine", png())
        .description("Something FORBIDDEN here")
        .expected_price(10)
        .await
        .unwrap_err();
    assert_eq!(
        refusal(&error),
        (
            RefusalKind::ModeratedDescription,
            "AssetDescription is moderated.".into(),
            Some(400)
        )
    );
    let error = user
        .upload_asset(AssetType::Decal, "fine", png())
        .expected_price(9)
        .await
        .unwrap_err();
    let (kind, message, _) = refusal(&error);
    assert_eq!(kind, RefusalKind::PriceTooLow);
    assert!(message.contains("10"), "{error}");
    assert!(!error.may_have_been_applied());
    assert!(error.api_error().is_some());
    assert!(emulator.assets().is_empty());
    assert_eq!(count(&emulator, "assets.create"), 4);
    // With the right price the same upload goes through.
    let _operation = user
        .upload_asset(AssetType::Decal, "fine", png())
        .expected_price(10)
        .await
        .unwrap();
    assert_eq!(emulator.assets().len(), 1);
}

#[tokio::test]
async fn an_update_with_a_moderated_name_is_refused_and_changes_nothing() {
    let emulator = emulator_with(moderated_config()).await;
    let user = client(&emulator).user(DEFAULT_USER_ID);
    let asset = user
        .upload_asset(
            AssetType::Decal,
            "fine",
            Content::bytes(png()).file_name("a.png"),
        )
        .expected_price(10)
        .await
        .unwrap()
        .poll_interval(std::time::Duration::from_millis(10))
        .wait(std::time::Duration::from_secs(10))
        .await
        .unwrap();
    let error = user
        .update_asset(asset.id)
        .name("forbidden words")
        .await
        .unwrap_err();
    assert_eq!(
        refusal(&error),
        (
            RefusalKind::ModeratedName,
            "AssetName is moderated.".into(),
            Some(400)
        )
    );
    assert!(error.certainly_not_applied());
    assert_eq!(emulator.assets()[0].display_name, "fine");
}

#[tokio::test]
async fn bad_input_is_refused_before_any_byte_is_sent() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let user = client.user(DEFAULT_USER_ID);
    // Sparse files: over the caps without writing them out.
    let big_png = temp_file("big.png", b"").unwrap();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&big_png.path)
        .unwrap()
        .set_len(20 * 1024 * 1024 + 1)
        .unwrap();
    let big_place = temp_file("big.rbxl", b"").unwrap();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&big_place.path)
        .unwrap()
        .set_len(10 * 1024 * 1024 + 1)
        .unwrap();

    let field = |error: Error| match error {
        Error::InvalidInput(invalid) => invalid.field().to_owned(),
        other => panic!("expected invalid input, got {other:?}"),
    };
    let big = Content::file(&big_png.path).await.unwrap();
    let error = user
        .upload_asset(AssetType::Decal, "big", big)
        .await
        .unwrap_err();
    assert_eq!(field(error), "content");
    let unknown = Content::bytes(png()).file_name("logo.gif");
    let error = user
        .upload_asset(AssetType::Decal, "n", unknown)
        .await
        .unwrap_err();
    assert_eq!(field(error), "content_type");
    let error = user
        .upload_asset(
            AssetType::Decal,
            "",
            Content::bytes(png()).file_name("a.png"),
        )
        .await
        .unwrap_err();
    assert_eq!(field(error), "name");
    let error = user
        .upload_asset(
            AssetType::Decal,
            "n",
            Content::bytes(png()).file_name("a.png"),
        )
        .description("d".repeat(1001))
        .await
        .unwrap_err();
    assert_eq!(field(error), "description");
    let error = user
        .upload_asset(
            AssetType::Audio,
            "n",
            Content::bytes(png()).file_name("a.png"),
        )
        .await
        .unwrap_err();
    assert_eq!(field(error), "content_type");

    let place = Content::file(&big_place.path).await.unwrap();
    match client
        .experience(emulator.universe_id())
        .publish_place(emulator.place_id(), place)
        .await
    {
        Err(Error::InvalidInput(invalid)) => assert_eq!(invalid.field(), "content"),
        other => panic!("expected invalid input, got {other:?}"),
    }
    let missing = Content::file("/nonexistent/file.png").await.unwrap_err();
    let unreadable = missing.detail::<ContentUnreadable>().unwrap();
    assert_eq!(unreadable.source.kind(), std::io::ErrorKind::NotFound);
    assert!(emulator.requests().is_empty(), "{:?}", emulator.requests());
}

#[tokio::test]
async fn the_emulator_caps_files_by_its_configuration_with_the_documented_error() {
    let mut config = config();
    config.assets.max_file_bytes = 100;
    let emulator = emulator_with(config).await;
    let content = Content::bytes(png()).file_name("a.png");
    let error = client(&emulator)
        .user(DEFAULT_USER_ID)
        .upload_asset(AssetType::Decal, "n", content)
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    assert!(error.detail::<AssetRefused>().is_none(), "{error:?}");
    assert_eq!(
        error.api_error().and_then(oc_core::ApiError::message),
        Some("Invalid argument. Failed to parse the request or the file.")
    );
    assert!(emulator.assets().is_empty());
}

#[tokio::test]
async fn a_credential_may_not_upload_for_a_stranger() {
    let emulator = emulator().await;
    let content = Content::bytes(png()).file_name("a.png");
    let error = client(&emulator)
        .user(DEFAULT_USER_ID + 1)
        .upload_asset(AssetType::Decal, "n", content)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Forbidden(_)), "{error:?}");
    assert!(emulator.assets().is_empty());
}
