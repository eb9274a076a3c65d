//! Helpers shared by the integration tests: an emulator, the app registered in it, and a
//! browser stand-in that follows the authorization redirect.
#![allow(dead_code)]

use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::rt::TokioExecutor;
use oc_emulator::{Emulator, EmulatorHandle};
use oc_oauth2::{AuthState, CodeVerifier, OAuth2App, TokenSet};

#[allow(clippy::unwrap_used, reason = "test setup: no emulator fails the test")]
pub async fn emulator() -> EmulatorHandle {
    Emulator::builder()
        .rate_limits(false)
        .start()
        .await
        .unwrap()
}

#[allow(clippy::unwrap_used, reason = "test setup: no client fails the test")]
pub fn client(emulator: &EmulatorHandle) -> oc_core::Client {
    oc_core::Client::builder()
        .base_url(emulator.base_url())
        .build()
        .unwrap()
}

/// The built-in app, with its secret, expecting the emulator's issuer.
#[allow(clippy::unwrap_used, reason = "test setup: no app fails the test")]
pub fn app(emulator: &EmulatorHandle) -> OAuth2App {
    OAuth2App::builder(
        emulator.oauth2_client_id(),
        emulator.oauth2_redirect_uri().unwrap(),
    )
    .client_secret(emulator.oauth2_client_secret().unwrap())
    .issuer(emulator.oauth2_issuer())
    .build(&client(emulator))
    .unwrap()
}

/// The kind of the OAuth error an error carries, if any.
pub fn oauth_kind(error: &oc_core::Error) -> Option<oc_oauth2::OAuthErrorKind> {
    error.detail::<oc_oauth2::OAuthError>().map(|d| d.kind)
}

/// The id_token refusal an error carries, if any.
pub fn id_token_error(error: &oc_core::Error) -> Option<&oc_oauth2::IdTokenError> {
    error.detail::<oc_oauth2::IdTokenError>()
}

/// The current time in unix seconds, as JWT claims carry it.
pub fn now() -> i64 {
    oc_core::time::OffsetDateTime::now_utc().unix_timestamp()
}

/// GETs `uri` and returns the status and `Location` header.
#[allow(clippy::unwrap_used, reason = "test helper: no answer fails the test")]
pub async fn get(uri: &str) -> (u16, Option<String>, String) {
    let client = HyperClient::builder(TokioExecutor::new()).build_http::<Empty<bytes::Bytes>>();
    let response = client.get(uri.parse().unwrap()).await.unwrap();
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get(http::header::LOCATION)
        .map(|v| v.to_str().unwrap().to_owned());
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        location,
        String::from_utf8_lossy(&body).into_owned(),
    )
}

/// The query pairs of a URI.
pub fn query(uri: &str) -> Vec<(String, String)> {
    let query = uri.split_once('?').map_or("", |(_, q)| q);
    form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

pub fn param(pairs: &[(String, String)], name: &str) -> Option<String> {
    pairs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.clone())
}

/// Visits the authorization URI as a browser would and returns the redirect's query.
#[allow(
    clippy::unwrap_used,
    reason = "test helper: no redirect fails the test"
)]
pub async fn consent(uri: &str) -> Vec<(String, String)> {
    let (status, location, body) = get(uri).await;
    assert_eq!(status, 302, "{body}");
    query(&location.unwrap())
}

/// The whole flow with PKCE, state and nonce: the tokens for `scopes`.
#[allow(
    clippy::unwrap_used,
    reason = "test helper: a failed step fails the test"
)]
pub async fn login(app: &OAuth2App, scopes: &str) -> TokenSet {
    let verifier = CodeVerifier::generate(128).unwrap();
    let state = AuthState::generate().unwrap();
    let uri = app
        .authorization_uri(scopes)
        .state(state.expose_secret())
        .nonce("nonce-1")
        .code_verifier(&verifier)
        .build()
        .unwrap();
    let back = consent(&uri).await;
    assert!(state.verify(&param(&back, "state").unwrap()));
    let code = param(&back, "code").unwrap();
    app.exchange_code(code)
        .code_verifier(&verifier)
        .nonce("nonce-1")
        .send()
        .await
        .unwrap()
}
