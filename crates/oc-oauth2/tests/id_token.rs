//! id_token verification against the emulator's JWKS: every failure is an error, the JWKS
//! is cached, and an unknown `kid` refetches it once.

mod common;

use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use common::{app, client, emulator, id_token_error, now};
use oc_emulator::EmulatorHandle;
use oc_oauth2::{IdTokenError, OAuth2App};
use serde_json::{json, Value};
use std::error::Error as _;

fn claims(emulator: &EmulatorHandle) -> Value {
    let now = now();
    json!({
        "sub": "3000", "iss": emulator.oauth2_issuer(), "aud": emulator.oauth2_client_id(),
        "iat": now, "nbf": now, "exp": now + 600, "nonce": "n1", "jti": "ID.test",
    })
}

fn with(mut claims: Value, name: &str, value: Value) -> Value {
    claims[name] = value;
    claims
}

fn certs_fetches(emulator: &EmulatorHandle) -> usize {
    emulator
        .requests()
        .iter()
        .filter(|r| r.route.as_deref() == Some("oauth2.certs"))
        .count()
}

async fn verify(app: &OAuth2App, token: &str) -> Result<(), oc_core::Error> {
    app.verify_id_token(token)
        .nonce("n1")
        .send()
        .await
        .map(drop)
}

/// Why `token` is refused (it must be).
#[allow(
    clippy::unwrap_used,
    reason = "test helper: an accepted token fails the test"
)]
async fn refusal(app: &OAuth2App, token: &str) -> IdTokenError {
    let err = verify(app, token).await.unwrap_err();
    id_token_error(&err)
        .unwrap_or_else(|| panic!("not an id_token refusal: {err:?}"))
        .clone()
}

/// A builder for the emulator's app (no secret needed to verify), with its issuer.
fn app_builder(emulator: &EmulatorHandle) -> oc_oauth2::OAuth2AppBuilder {
    OAuth2App::builder(emulator.oauth2_client_id(), "http://localhost/callback")
        .client_secret("x")
        .issuer(emulator.oauth2_issuer())
}

#[tokio::test]
async fn a_valid_token_verifies() {
    let emulator = emulator().await;
    let app = app(&emulator);
    let token = emulator.sign_oauth2_jwt(&claims(&emulator));
    let verified = app
        .verify_id_token(&token)
        .nonce("n1")
        .send()
        .await
        .unwrap();
    assert_eq!(verified.sub, "3000");
    assert!(verified.exp > verified.iat);
    // Without a nonce to check, the token's nonce is not looked at.
    app.verify_id_token(&token).send().await.unwrap();
}

#[tokio::test]
async fn a_wrong_signature_is_refused() {
    let emulator = emulator().await;
    let app = app(&emulator);
    let good = emulator.sign_oauth2_jwt(&claims(&emulator));
    let other = emulator.sign_oauth2_jwt(&with(claims(&emulator), "sub", "1".into()));
    // The header and claims of one token with the signature of another, same key.
    let (signed, _) = good.rsplit_once('.').unwrap();
    let (_, signature) = other.rsplit_once('.').unwrap();
    let forged = format!("{signed}.{signature}");
    assert!(matches!(
        refusal(&app, &forged).await,
        IdTokenError::BadSignature
    ));
}

#[tokio::test]
async fn expired_and_not_yet_valid_tokens_are_refused() {
    let emulator = emulator().await;
    let app = app(&emulator);
    let now = now();
    let cases = [
        (
            with(claims(&emulator), "exp", (now - 3600).into()),
            IdTokenError::Expired,
        ),
        (
            with(claims(&emulator), "nbf", (now + 3600).into()),
            IdTokenError::NotYetValid,
        ),
        (
            with(claims(&emulator), "iat", (now + 3600).into()),
            IdTokenError::IssuedInFuture,
        ),
    ];
    for (claims, expected) in cases {
        let token = emulator.sign_oauth2_jwt(&claims);
        assert_eq!(
            refusal(&app, &token).await.to_string(),
            expected.to_string()
        );
    }
    // Within the leeway (60 s by default) a small skew is accepted.
    let skewed = with(claims(&emulator), "nbf", (now + 30).into());
    verify(&app, &emulator.sign_oauth2_jwt(&skewed))
        .await
        .unwrap();
    let strict = app_builder(&emulator)
        .leeway(Duration::ZERO)
        .build(&client(&emulator))
        .unwrap();
    assert!(matches!(
        refusal(&strict, &emulator.sign_oauth2_jwt(&skewed)).await,
        IdTokenError::NotYetValid
    ));
}

#[tokio::test]
async fn wrong_audience_issuer_and_nonce_are_refused() {
    let emulator = emulator().await;
    let app = app(&emulator);
    let cases = [
        (
            with(claims(&emulator), "aud", "1234".into()),
            IdTokenError::WrongAudience,
        ),
        (
            with(
                claims(&emulator),
                "iss",
                "https://apis.roblox.com/oauth/".into(),
            ),
            IdTokenError::WrongIssuer,
        ),
        (
            with(claims(&emulator), "nonce", "n2".into()),
            IdTokenError::WrongNonce,
        ),
    ];
    for (claims, expected) in cases {
        let token = emulator.sign_oauth2_jwt(&claims);
        assert_eq!(
            refusal(&app, &token).await.to_string(),
            expected.to_string()
        );
    }
    let mut no_nonce = claims(&emulator);
    no_nonce.as_object_mut().unwrap().remove("nonce");
    let token = emulator.sign_oauth2_jwt(&no_nonce);
    assert!(matches!(
        refusal(&app, &token).await,
        IdTokenError::WrongNonce
    ));
}

#[tokio::test]
async fn alg_none_is_refused() {
    let emulator = emulator().await;
    let app = app(&emulator);
    let valid = emulator.sign_oauth2_jwt(&claims(&emulator));
    let kid = jsonwebtoken::decode_header(&valid).unwrap().kid.unwrap();
    let header =
        URL_SAFE_NO_PAD.encode(json!({"alg": "none", "kid": kid, "typ": "JWT"}).to_string());
    let payload = URL_SAFE_NO_PAD.encode(claims(&emulator).to_string());
    for token in [
        format!("{header}.{payload}."),
        format!("{header}.{payload}"),
    ] {
        assert!(matches!(
            refusal(&app, &token).await,
            IdTokenError::UnsupportedAlgorithm(alg) if alg == "none"
        ));
    }
}

#[tokio::test]
async fn hs256_signed_with_the_public_key_is_refused() {
    let emulator = emulator().await;
    let app = app(&emulator);
    let valid = emulator.sign_oauth2_jwt(&claims(&emulator));
    let kid = jsonwebtoken::decode_header(&valid).unwrap().kid.unwrap();
    // The public key as the JWKS publishes it, as an uncompressed SEC1 point.
    let (_, _, body) = common::get(&format!("{}/oauth/v1/certs", emulator.base_url())).await;
    let jwks: Value = serde_json::from_str(&body).unwrap();
    let jwk = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kid"] == kid.as_str())
        .unwrap();
    let mut public = vec![4u8];
    public.extend(URL_SAFE_NO_PAD.decode(jwk["x"].as_str().unwrap()).unwrap());
    public.extend(URL_SAFE_NO_PAD.decode(jwk["y"].as_str().unwrap()).unwrap());
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
    header.kid = Some(kid);
    for key in [public.clone(), body.into_bytes()] {
        let token = jsonwebtoken::encode(
            &header,
            &claims(&emulator),
            &jsonwebtoken::EncodingKey::from_secret(&key),
        )
        .unwrap();
        assert!(matches!(
            refusal(&app, &token).await,
            IdTokenError::UnsupportedAlgorithm(alg) if alg == "HS256"
        ));
    }
}

#[tokio::test]
async fn the_jwks_is_fetched_once_for_many_verifications() {
    let emulator = emulator().await;
    let app = app(&emulator);
    let token = emulator.sign_oauth2_jwt(&claims(&emulator));
    for _ in 0..50 {
        verify(&app, &token).await.unwrap();
    }
    // Clones share the cache.
    verify(&app.clone(), &token).await.unwrap();
    assert_eq!(certs_fetches(&emulator), 1);
}

#[tokio::test]
async fn an_unknown_kid_refetches_the_rotated_jwks_once() {
    let emulator = emulator().await;
    let app = app(&emulator);
    verify(&app, &emulator.sign_oauth2_jwt(&claims(&emulator)))
        .await
        .unwrap();
    assert_eq!(certs_fetches(&emulator), 1);

    let new_kid = emulator.rotate_oauth2_key();
    let rotated = emulator.sign_oauth2_jwt(&claims(&emulator));
    assert_eq!(
        jsonwebtoken::decode_header(&rotated).unwrap().kid,
        Some(new_kid)
    );
    verify(&app, &rotated).await.unwrap();
    assert_eq!(certs_fetches(&emulator), 2);

    // Another unknown kid right after: no refetch within the minimum interval.
    let kid_of = |token: &str| jsonwebtoken::decode_header(token).unwrap().kid.unwrap();
    let stranger = emulator.sign_oauth2_jwt(&claims(&emulator));
    let header = URL_SAFE_NO_PAD
        .encode(json!({"alg": "ES256", "kid": "not-a-kid", "typ": "JWT"}).to_string());
    let (_, rest) = stranger.split_once('.').unwrap();
    let unknown = format!("{header}.{rest}");
    assert!(matches!(
        refusal(&app, &unknown).await,
        IdTokenError::UnknownKid(kid) if kid == "not-a-kid"
    ));
    assert_eq!(certs_fetches(&emulator), 2);
    assert_ne!(kid_of(&stranger), "not-a-kid");

    // With no minimum interval, each unknown kid refetches.
    let eager = app_builder(&emulator)
        .min_certs_refetch(Duration::ZERO)
        .build(&client(&emulator))
        .unwrap();
    verify(&eager, &rotated).await.unwrap();
    let _ = verify(&eager, &unknown).await;
    assert_eq!(certs_fetches(&emulator), 4);
}

#[tokio::test]
async fn a_key_retired_from_the_jwks_no_longer_verifies() {
    let emulator = emulator().await;
    let app = app_builder(&emulator)
        .certs_cache(Duration::ZERO)
        .build(&client(&emulator))
        .unwrap();
    let old = emulator.sign_oauth2_jwt(&claims(&emulator));
    verify(&app, &old).await.unwrap();
    emulator.rotate_oauth2_key();
    emulator.retire_old_oauth2_keys();
    assert!(matches!(
        refusal(&app, &old).await,
        IdTokenError::UnknownKid(_)
    ));
}

#[tokio::test]
async fn a_jwks_that_cannot_be_fetched_is_an_error_with_its_cause() {
    let emulator = emulator().await;
    let app = app(&emulator);
    emulator.inject_fault(oc_emulator::FaultRule {
        route: "oauth2.certs".into(),
        status: Some(403),
        ..Default::default()
    });
    let token = emulator.sign_oauth2_jwt(&claims(&emulator));
    let refused = refusal(&app, &token).await;
    assert!(matches!(refused, IdTokenError::Jwks(_)), "{refused:?}");
    let cause = refused
        .source()
        .and_then(|s| s.downcast_ref::<std::sync::Arc<oc_core::Error>>())
        .unwrap();
    assert!(matches!(**cause, oc_core::Error::Forbidden(_)), "{cause:?}");
    // The failure is not cached: once the JWKS answers, the token verifies.
    emulator.clear_faults();
    verify(&app, &token).await.unwrap();
}
