//! Credentials and HTTPS against the emulator.

mod common;

use common::*;
use oc_core::{AccessToken, ApiKey, Client, Error};
use oc_emulator::{
    Config, Emulator, Owner, UniverseSelector, DEFAULT_UNIVERSE_ID, DEFAULT_USER_ID,
};

/// The built-in world (universe 1000, its owner 3000 and the all-powerful default key),
/// plus a key without the messaging scope and a Bearer token allowed to publish.
async fn configured() -> oc_emulator::EmulatorHandle {
    let config = Config::default()
        .with_api_key(
            "datastores-only",
            Owner::User(DEFAULT_USER_ID),
            UniverseSelector::Id(DEFAULT_UNIVERSE_ID),
            &["universe-datastores.control:list"],
        )
        .with_oauth_token(
            "bearer-token",
            DEFAULT_USER_ID,
            &[UniverseSelector::Id(DEFAULT_UNIVERSE_ID)],
            &["universe-messaging-service:publish"],
        );
    match Emulator::builder().config(config).start().await {
        Ok(handle) => handle,
        Err(e) => panic!("emulator: {e}"),
    }
}

#[tokio::test]
async fn a_wrong_key_is_401_in_the_gateway_shape() -> oc_core::Result<()> {
    let emulator = configured().await;
    let client = builder_for(&emulator).api_key("wrong-key").build()?;
    match client.send(publish(1000, "t", "m")).await {
        Err(Error::Unauthorized(api)) => {
            assert_eq!(api.code(), Some("0"));
            assert_eq!(api.message(), Some("Invalid API Key"));
            assert_eq!(api.shape(), oc_core::ErrorShape::Gateway);
        }
        other => panic!("expected 401, got {other:?}"),
    }
    assert!(emulator.published_messages().is_empty());
    Ok(())
}

#[tokio::test]
async fn a_key_without_the_scope_is_403() -> oc_core::Result<()> {
    let emulator = configured().await;
    let client = builder_for(&emulator).api_key("datastores-only").build()?;
    let error = client.send(publish(1000, "t", "m")).await.err();
    assert!(
        matches!(
            error,
            Some(Error::Forbidden(_) | Error::InsufficientScope { .. })
        ),
        "{error:?}"
    );
    assert_eq!(
        error.and_then(|e| e.status()).map(|s| s.as_u16()),
        Some(403)
    );
    assert!(emulator.published_messages().is_empty());
    Ok(())
}

#[tokio::test]
async fn a_bearer_token_is_sent_as_authorization() -> oc_core::Result<()> {
    let emulator = configured().await;
    let client = builder_for(&emulator)
        .build()?
        .with_credentials(AccessToken::new("bearer-token"));
    client.send(publish(1000, "t", "via oauth")).await?;
    assert_eq!(emulator.published_messages().len(), 1);
    let with_key = client.with_credentials(ApiKey::new(emulator.api_key()));
    with_key.send(publish(1000, "t", "via key")).await?;
    assert_eq!(emulator.published_messages().len(), 2);
    Ok(())
}

#[tokio::test]
async fn https_with_the_generated_certificate_as_the_only_root() -> oc_core::Result<()> {
    let emulator = match Emulator::builder()
        .tls(true)
        .rate_limits(false)
        .start()
        .await
    {
        Ok(handle) => handle,
        Err(e) => panic!("emulator: {e}"),
    };
    assert!(emulator.base_url().starts_with("https://"));
    let certificate = match emulator.tls_certificate_der() {
        Some(der) => der,
        None => panic!("a TLS emulator has a certificate"),
    };
    let client = builder_for(&emulator)
        .root_certificates([certificate])
        .build()?;
    client
        .send(publish(emulator.universe_id(), "tls", "over https"))
        .await?;
    assert_eq!(emulator.published_messages().len(), 1);

    // The default roots do not trust the self-signed certificate: nothing is sent.
    let untrusted = builder_for(&emulator).build()?;
    match untrusted
        .send(publish(emulator.universe_id(), "tls", "x"))
        .await
    {
        Err(e @ Error::Transport { connect: true, .. }) => assert!(e.certainly_not_applied()),
        other => panic!("expected a TLS failure while connecting, got {other:?}"),
    }
    assert_eq!(emulator.published_messages().len(), 1);

    // Plain http:// to the same client type is accepted too.
    let plain = emulator_plain().await;
    Client::builder()
        .base_url(plain.base_url())
        .api_key(plain.api_key())
        .build()?
        .send(publish(plain.universe_id(), "t", "m"))
        .await?;
    Ok(())
}

async fn emulator_plain() -> oc_emulator::EmulatorHandle {
    emulator().await
}
