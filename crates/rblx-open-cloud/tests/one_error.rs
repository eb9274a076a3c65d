//! One function `?`s across messaging, data stores, assets and OAuth2 with the facade's
//! `Error`, against the emulator; the area failures stay typed inside it.
#![cfg(feature = "full")]

use std::time::Duration;

use futures::TryStreamExt;
use rblx_open_cloud::assets::{AssetType, Content};
use rblx_open_cloud::datastores::PreconditionFailed;
use rblx_open_cloud::emulator::{Emulator, EmulatorHandle};
use rblx_open_cloud::oauth2::{OAuth2App, OAuthError};
use rblx_open_cloud::prelude::*;

/// Every area in one function, every call with `?` and the one `Error`.
async fn tour(emulator: &EmulatorHandle) -> Result<u64, Error> {
    let client = Client::builder()
        .base_url(emulator.base_url())
        .api_key(emulator.api_key())
        .build()?;
    let experience = client.experience(emulator.universe_id());

    experience.publish_message("tour", "hello").await?;

    let store = experience.data_store("tour");
    let written = store.set("k", &serde_json::json!({"n": 1})).await?;
    let (value, _) = store.get("k").await?;
    assert_eq!(value, serde_json::json!({"n": 1}));
    let keys: Vec<_> = store.list_keys().try_collect().await?;
    assert_eq!(keys.len(), 1);

    let operation = client
        .user(emulator.user_id())
        .upload_asset(
            AssetType::Decal,
            "Tour",
            Content::bytes(png()).file_name("t.png"),
        )
        .await?;
    let asset = operation.wait(Duration::from_secs(60)).await?;

    let app = OAuth2App::builder(emulator.oauth2_client_id(), "http://localhost/callback")
        .issuer(emulator.oauth2_issuer())
        .build(&client.without_credentials())?;
    let discovery = app.fetch_discovery().await?;
    assert!(!discovery.issuer.is_empty());

    // A stale write: an error of the data stores area, still the one `Error`.
    store.set("k", &serde_json::json!({"n": 2})).await?;
    let stale = store
        .set("k", &serde_json::json!({"n": 3}))
        .match_version(&written.version)
        .await;
    let error = stale
        .err()
        .ok_or_else(|| Error::decode("the stale write succeeded", None))?;
    let failed = error
        .detail::<PreconditionFailed>()
        .ok_or_else(|| Error::decode("not a failed precondition", None))?;
    assert!(failed.current.is_some());
    assert_eq!(error.status().map(|s| s.as_u16()), Some(412));
    assert!(!error.may_have_been_applied());

    // A refused code: an error of the OAuth2 area, still the one `Error`.
    let refused = app.exchange_code("not-a-code").await.err();
    assert!(refused
        .as_ref()
        .and_then(|e| e.detail::<OAuthError>())
        .is_some());
    Ok(asset.id)
}

/// A 1x1 PNG.
fn png() -> Vec<u8> {
    let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    bytes.extend_from_slice(&[
        0, 0, 0, 13, b'I', b'H', b'D', b'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77,
        0x53, 0xde, 0, 0, 0, 12, b'I', b'D', b'A', b'T', 0x08, 0xd7, 0x63, 0xf8, 0xcf, 0xc0, 0, 0,
        0x03, 0x01, 0x01, 0x00, 0x18, 0xdd, 0x8d, 0xb0, 0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xae,
        0x42, 0x60, 0x82,
    ]);
    bytes
}

#[tokio::test]
async fn one_function_uses_every_area_with_the_one_error() -> Result<(), Error> {
    let emulator = match Emulator::builder().rate_limits(false).start().await {
        Ok(emulator) => emulator,
        Err(e) => panic!("the emulator did not start: {e}"),
    };
    let asset = tour(&emulator).await?;
    assert!(asset > 0);
    assert_eq!(emulator.published_messages().len(), 1);
    Ok(())
}
