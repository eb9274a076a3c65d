//! The OAuth 2.0 / OpenID provider on the wire: discovery, JWKS, authorize
//! redirects, token errors, PKCE, userinfo and the tokens on the messaging route.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use base64::Engine as _;
use common::{call, emulator, emulator_with, publish_path};
use http::Method;
use sha2::Digest;

fn query(location: &str) -> Vec<(String, String)> {
    let query = location.split_once('?').map_or("", |(_, q)| q);
    form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

fn get<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn form(pairs: &[(&str, &str)]) -> String {
    let mut form = form_urlencoded::Serializer::new(String::new());
    for (name, value) in pairs {
        form.append_pair(name, value);
    }
    form.finish()
}

const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

async fn code(emulator: &oc_emulator::EmulatorHandle, scope: &str) -> String {
    let path = format!(
        "/oauth/v1/authorize?{}",
        form(&[
            ("client_id", &emulator.oauth2_client_id()),
            ("redirect_uri", "http://localhost:5000/callback"),
            ("scope", scope),
            ("response_type", "code"),
            ("state", "xyz"),
            ("code_challenge", CHALLENGE),
            ("code_challenge_method", "S256"),
        ])
    );
    let answer = call(emulator, Method::GET, path).anonymous().answer().await;
    assert_eq!(answer.status, 302, "{}", answer.body);
    let location = answer.header("location").unwrap().to_owned();
    assert!(location.starts_with("http://localhost:5000/callback?"));
    let pairs = query(&location);
    assert_eq!(get(&pairs, "state"), Some("xyz"));
    get(&pairs, "code").unwrap().to_owned()
}

async fn exchange(emulator: &oc_emulator::EmulatorHandle, code: &str) -> common::Answer {
    call(emulator, Method::POST, "/oauth/v1/token")
        .anonymous()
        .header("content-type", "application/x-www-form-urlencoded")
        .body(&form(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("code_verifier", VERIFIER),
            ("client_id", &emulator.oauth2_client_id()),
            ("client_secret", &emulator.oauth2_client_secret().unwrap()),
        ]))
        .answer()
        .await
}

/// The OpenID discovery document.
async fn discovery(emulator: &oc_emulator::EmulatorHandle) -> serde_json::Value {
    call(
        emulator,
        Method::GET,
        "/oauth/.well-known/openid-configuration",
    )
    .anonymous()
    .answer()
    .await
    .json()
}

#[tokio::test]
async fn discovery_and_jwks_describe_the_provider() {
    let emulator = emulator().await;
    let discovery = discovery(&emulator).await;
    assert_eq!(discovery["issuer"], emulator.oauth2_issuer());
    assert_eq!(
        discovery["jwks_uri"],
        format!("{}/oauth/v1/certs", emulator.base_url())
    );
    assert_eq!(
        discovery["id_token_signing_alg_values_supported"][0],
        "ES256"
    );

    let jwks = call(&emulator, Method::GET, "/oauth/v1/certs")
        .anonymous()
        .answer()
        .await
        .json();
    let key = &jwks["keys"][0];
    assert_eq!(
        (key["kty"].as_str(), key["crv"].as_str()),
        (Some("EC"), Some("P-256"))
    );
    // The kid is the RFC 7638 thumbprint.
    let thumbprint = format!(
        r#"{{"crv":"P-256","kty":"EC","x":"{}","y":"{}"}}"#,
        key["x"].as_str().unwrap(),
        key["y"].as_str().unwrap()
    );
    let expected = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(sha2::Sha256::digest(thumbprint.as_bytes()));
    assert_eq!(key["kid"], expected);

    let new_kid = emulator.rotate_oauth2_key();
    let jwks = call(&emulator, Method::GET, "/oauth/v1/certs")
        .anonymous()
        .answer()
        .await
        .json();
    assert_eq!(jwks["keys"].as_array().unwrap().len(), 2);
    assert_eq!(jwks["keys"][1]["kid"], new_kid);
}

#[tokio::test]
async fn a_code_is_exchanged_once_for_es256_tokens() {
    let emulator = emulator().await;
    let code = code(&emulator, "openid profile").await;
    let answer = exchange(&emulator, &code).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let body = answer.json();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 899);
    assert_eq!(body["scope"], "openid profile");
    let header = jsonwebtoken::decode_header(body["access_token"].as_str().unwrap()).unwrap();
    assert_eq!(header.alg, jsonwebtoken::Algorithm::ES256);
    assert!(header.kid.is_some());
    assert!(body["id_token"].as_str().is_some());
    // The refresh token is a compact JWE with an empty key segment (inferred from
    // the official examples).
    assert!(body["refresh_token"].as_str().unwrap().contains(".."));

    let again = exchange(&emulator, &code).await;
    assert_eq!(again.status, 401);
    assert_eq!(again.json()["error"], "invalid_grant");
}

#[tokio::test]
async fn pkce_client_and_redirect_errors() {
    let emulator = emulator().await;
    // Wrong verifier.
    let code = code(&emulator, "openid").await;
    let answer = call(&emulator, Method::POST, "/oauth/v1/token")
        .anonymous()
        .body(&form(&[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("code_verifier", &"a".repeat(43)),
            ("client_id", &emulator.oauth2_client_id()),
            ("client_secret", &emulator.oauth2_client_secret().unwrap()),
        ]))
        .answer()
        .await;
    assert_eq!(answer.status, 401);
    // Unknown client, by form and by Basic.
    let answer = call(&emulator, Method::POST, "/oauth/v1/token")
        .anonymous()
        .body(&form(&[
            ("grant_type", "refresh_token"),
            ("client_id", "1"),
        ]))
        .answer()
        .await;
    assert_eq!(answer.status, 400);
    assert_eq!(answer.json()["error_description"], "Invalid client id.");
    let basic = base64::engine::general_purpose::STANDARD
        .encode(format!("{}:wrong", emulator.oauth2_client_id()));
    let answer = call(&emulator, Method::POST, "/oauth/v1/token")
        .credential("authorization", &format!("Basic {basic}"))
        .body(&form(&[("grant_type", "refresh_token")]))
        .answer()
        .await;
    assert_eq!(answer.status, 400);
    assert_eq!(answer.json()["error"], "invalid_client");
    // An unregistered redirect URI is not redirected to.
    let path = format!(
        "/oauth/v1/authorize?{}",
        form(&[
            ("client_id", &emulator.oauth2_client_id()),
            ("redirect_uri", "https://evil.example/callback"),
            ("scope", "openid"),
            ("response_type", "code"),
        ])
    );
    let answer = call(&emulator, Method::GET, path)
        .anonymous()
        .answer()
        .await;
    assert_eq!(answer.status, 400);
    assert!(answer.header("location").is_none());
}

#[tokio::test]
async fn userinfo_needs_openid_and_tokens_publish_within_their_grant() {
    let emulator = emulator().await;
    let body = exchange(
        &emulator,
        &code(&emulator, "universe-messaging-service:publish").await,
    )
    .await
    .json();
    let access = body["access_token"].as_str().unwrap().to_owned();
    assert!(body.get("id_token").is_none());
    let answer = call(&emulator, Method::GET, "/oauth/v1/userinfo")
        .credential("authorization", &format!("Bearer {access}"))
        .answer()
        .await;
    assert_eq!(answer.status, 401);
    assert_eq!(answer.json()["error"], "insufficient_scope");
    assert_eq!(answer.json()["scope"], "openid");

    let published = call(&emulator, Method::POST, publish_path(1000, "t"))
        .credential("authorization", &format!("Bearer {access}"))
        .json(r#"{"message":"m"}"#)
        .answer()
        .await;
    assert_eq!(published.status, 200, "{}", published.body);
    let elsewhere = call(&emulator, Method::POST, publish_path(1001, "t"))
        .credential("authorization", &format!("Bearer {access}"))
        .json(r#"{"message":"m"}"#)
        .answer()
        .await;
    assert_eq!(elsewhere.status, 403);
    // Data stores take only API keys.
    let listed = call(
        &emulator,
        Method::GET,
        "/datastores/v1/universes/1000/standard-datastores",
    )
    .credential("authorization", &format!("Bearer {access}"))
    .answer()
    .await;
    assert_eq!(listed.status, 401);
}

#[tokio::test]
async fn apps_come_from_the_configuration() {
    let emulator = emulator_with(
        r#"
        [[users]]
        id = 1
        name = "one"
        [[oauth2_apps]]
        client_id = "55"
        redirect_uris = ["https://app.example/cb"]
        scopes = ["openid"]
        user = 1
        "#,
    )
    .await;
    assert_eq!(emulator.oauth2_client_id(), "55");
    assert_eq!(emulator.oauth2_client_secret(), None);
    // A public client must send a challenge.
    let path = format!(
        "/oauth/v1/authorize?{}",
        form(&[
            ("client_id", "55"),
            ("redirect_uri", "https://app.example/cb"),
            ("scope", "openid"),
            ("response_type", "code"),
        ])
    );
    let answer = call(&emulator, Method::GET, path)
        .anonymous()
        .answer()
        .await;
    assert_eq!(answer.status, 302);
    let pairs = query(answer.header("location").unwrap());
    assert_eq!(get(&pairs, "error"), Some("invalid_request"));
}

#[test]
fn the_documented_app_section_parses() {
    let docs = include_str!("../src/lib.rs");
    let section: Vec<&str> = docs
        .lines()
        .filter_map(|l| l.strip_prefix("//!"))
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .skip_while(|l| !l.starts_with("[[oauth2_apps]]"))
        .take_while(|l| !l.trim().is_empty())
        .collect();
    assert!(section.len() > 5, "{section:?}");
    let toml = format!("[[users]]\nid = 3000\nname = \"u\"\n{}", section.join("\n"));
    let config = oc_emulator::Config::from_toml_str(&toml).unwrap();
    let app = &config.oauth2_apps[0];
    assert_eq!(app.client_id, "7000000000000000001");
    assert_eq!(app.universes, [1000]);
    assert_eq!(app.client_secret.as_deref(), Some("RBX-local-secret"));
}

#[test]
fn apps_must_consent_as_declared_users_with_unique_ids() {
    let app = "[[oauth2_apps]]\nclient_id = \"1\"\nuser = 9\n";
    assert!(oc_emulator::Config::from_toml_str(app).is_err());
    let twice = format!("[[users]]\nid = 9\nname = \"n\"\n{app}{app}");
    assert!(oc_emulator::Config::from_toml_str(&twice).is_err());
    let once = format!("[[users]]\nid = 9\nname = \"n\"\n{app}");
    assert!(oc_emulator::Config::from_toml_str(&once).is_ok());
}

/// The claims of a JWT, unverified.
fn claims(token: &str) -> serde_json::Value {
    let payload = token.split('.').nth(1).unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

#[tokio::test]
async fn a_public_url_is_what_the_provider_names_itself_by() {
    let public = "https://cloud.example.test";
    let from_builder = oc_emulator::Emulator::builder()
        .public_url(format!("{public}/"))
        .start()
        .await
        .unwrap();
    let mut config = oc_emulator::Config::default();
    config.server.public_url = Some(public.into());
    let from_config = oc_emulator::Emulator::builder()
        .config(config)
        .start()
        .await
        .unwrap();
    for emulator in [&from_builder, &from_config] {
        assert_eq!(emulator.public_url(), public);
        assert_eq!(emulator.oauth2_issuer(), format!("{public}/oauth/"));
        let discovery = discovery(emulator).await;
        assert_eq!(discovery["issuer"], format!("{public}/oauth/"));
        assert_eq!(
            discovery["token_endpoint"],
            format!("{public}/oauth/v1/token")
        );
        assert_eq!(discovery["jwks_uri"], format!("{public}/oauth/v1/certs"));
        let code = code(emulator, "openid profile").await;
        let tokens = exchange(emulator, &code).await.json();
        let id_token = tokens["id_token"].as_str().unwrap();
        assert_eq!(claims(id_token)["iss"], format!("{public}/oauth/"));
        let access = tokens["access_token"].as_str().unwrap();
        assert_eq!(claims(access)["iss"], format!("{public}/oauth/"));
    }
    let without = emulator().await;
    assert_eq!(without.public_url(), without.base_url());
    assert_eq!(
        without.oauth2_issuer(),
        format!("{}/oauth/", without.base_url())
    );
    let mut bad = oc_emulator::Config::default();
    bad.server.public_url = Some("ftp://cloud.example.test".into());
    assert!(oc_emulator::Emulator::builder()
        .config(bad)
        .start()
        .await
        .is_err());
}
