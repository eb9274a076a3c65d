//! Refusals against the emulator: each has its own variant with the service's message, and
//! bad input never leaves the client.

mod common;

use common::*;
use oc_assets::{AssetType, Content, CreatorAssetsExt, Error, ExperiencePlacesExt};
use oc_emulator::{Config, DEFAULT_USER_ID};

fn moderated_config() -> Config {
    let mut config = config();
    config.assets.moderated_words = vec!["forbidden".into()];
    config.assets.upload_price = 10;
    config
}

#[tokio::test]
async fn each_refusal_is_its_own_variant_with_the_message() {
    let emulator = emulator_with(moderated_config()).await;
    let user = client(&emulator).user(DEFAULT_USER_ID);
    let png = || Content::bytes(png()).file_name("a.png");

    let not_png = Content::bytes(b"GIF89a not a png".to_vec()).file_name("a.png");
    match user
        .upload_asset(AssetType::Decal, "n", not_png)
        .expected_price(10)
        .await
    {
        Err(Error::InvalidFile { message, api }) => {
            assert_eq!(message, "\"InvalidImage\"");
            assert_eq!(api.map(|a| a.status().as_u16()), Some(400));
        }
        other => panic!("expected InvalidFile, got {other:?}"),
    }
    match user
        .upload_asset(AssetType::Decal, "A forbidden name", png())
        .expected_price(10)
        .await
    {
        Err(Error::ModeratedName { message, .. }) => {
            assert_eq!(message, "AssetName is moderated.")
        }
        other => panic!("expected ModeratedName, got {other:?}"),
    }
    match user
        .upload_asset(AssetType::Decal, "fine", png())
        .description("Something FORBIDDEN here")
        .expected_price(10)
        .await
    {
        Err(Error::ModeratedDescription { message, .. }) => {
            assert_eq!(message, "AssetDescription is moderated.")
        }
        other => panic!("expected ModeratedDescription, got {other:?}"),
    }
    match user
        .upload_asset(AssetType::Decal, "fine", png())
        .expected_price(9)
        .await
    {
        Err(error @ Error::PriceTooLow { .. }) => {
            assert!(error.message().unwrap().contains("10"), "{error}");
            assert!(!error.may_have_been_applied());
        }
        other => panic!("expected PriceTooLow, got {other:?}"),
    }
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
        Error::Core(oc_core::Error::InvalidInput(invalid)) => invalid.field().to_owned(),
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
        Err(oc_core::Error::InvalidInput(invalid)) => assert_eq!(invalid.field(), "content"),
        other => panic!("expected invalid input, got {other:?}"),
    }
    assert!(Content::file("/nonexistent/file.png").await.is_err());
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
    assert_eq!(
        error
            .core()
            .and_then(oc_core::Error::status)
            .map(|s| s.as_u16()),
        Some(400)
    );
    assert_eq!(
        error.message(),
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
    assert!(
        matches!(error, Error::Core(oc_core::Error::Forbidden(_))),
        "{error:?}"
    );
    assert!(emulator.assets().is_empty());
}
