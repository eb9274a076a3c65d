//! The authorization code flow against the emulator's provider: exchange, refresh,
//! revocation, introspection, userinfo and resources.

mod common;

use common::{app, client, consent, emulator, id_token_error, login, oauth_kind, param};
use oc_core::time::{Duration, OffsetDateTime};
use oc_emulator::{Config, Emulator, OAuth2AppConfig, DEFAULT_USER_ID};
use oc_messaging::ExperienceMessagingExt;
use oc_oauth2::{ClientAuth, CodeVerifier, IdTokenError, OAuth2App, OAuthError, OAuthErrorKind};

const ALL: &str = "openid profile universe-messaging-service:publish asset:read";

#[tokio::test]
async fn the_full_flow_gives_verified_tokens_and_the_user() {
    let emulator = emulator().await;
    let app = app(&emulator);
    let before = OffsetDateTime::now_utc();
    let token = login(&app, ALL).await;
    assert_eq!(
        token.scopes,
        [
            "openid",
            "profile",
            "universe-messaging-service:publish",
            "asset:read"
        ]
    );
    // expires_in (899) is in seconds.
    let lifetime = token.expires_at - before;
    assert!(
        lifetime > Duration::seconds(890) && lifetime <= Duration::seconds(900),
        "{lifetime:?}"
    );
    let claims = token.id_token.clone().unwrap();
    assert_eq!(claims.nonce.as_deref(), Some("nonce-1"));
    assert_eq!(claims.iss, emulator.oauth2_issuer());
    let user = token.user.clone().unwrap();
    assert_eq!(user.id, DEFAULT_USER_ID);
    assert_eq!(user.username.as_deref(), Some("emulator_user"));
    assert_eq!(user.display_name.as_deref(), Some("Emulator User"));
    assert_eq!(token.userinfo().await.unwrap(), user);
    assert!(!token.is_expired());
}

#[tokio::test]
async fn http_basic_client_authentication_works_and_a_wrong_secret_is_refused() {
    let emulator = emulator().await;
    let basic = OAuth2App::builder(
        emulator.oauth2_client_id(),
        emulator.oauth2_redirect_uri().unwrap(),
    )
    .client_secret(emulator.oauth2_client_secret().unwrap())
    .client_auth(ClientAuth::Basic)
    .issuer(emulator.oauth2_issuer())
    .build(&client(&emulator))
    .unwrap();
    let token = login(&basic, "openid").await;
    assert_eq!(token.user.unwrap().id, DEFAULT_USER_ID);

    let wrong = OAuth2App::builder(
        emulator.oauth2_client_id(),
        emulator.oauth2_redirect_uri().unwrap(),
    )
    .client_secret("RBX-wrong")
    .build(&client(&emulator))
    .unwrap();
    let verifier = CodeVerifier::generate(43).unwrap();
    let uri = wrong
        .authorization_uri("openid")
        .code_verifier(&verifier)
        .build()
        .unwrap();
    let code = param(&consent(&uri).await, "code").unwrap();
    let err = wrong
        .exchange_code(code)
        .code_verifier(&verifier)
        .send()
        .await
        .unwrap_err();
    let detail = err.detail::<OAuthError>().unwrap();
    assert_eq!(detail.kind, OAuthErrorKind::InvalidClient);
    assert_eq!(detail.code, "invalid_client");
    assert_eq!(detail.description, "Invalid client secret.");
    assert!(err.api_error().is_some(), "{err:?}");
}

#[tokio::test]
async fn a_public_client_uses_pkce_alone() {
    let config = Config {
        oauth2_apps: vec![OAuth2AppConfig {
            client_id: "42".into(),
            client_secret: None,
            redirect_uris: vec!["http://localhost/cb".into()],
            scopes: vec!["openid".into()],
            user: DEFAULT_USER_ID,
            universes: vec![],
        }],
        ..Config::default()
    };
    let emulator = Emulator::builder().config(config).start().await.unwrap();
    let app = OAuth2App::builder("42", "http://localhost:9999/cb")
        .issuer(emulator.oauth2_issuer())
        .build(&client(&emulator))
        .unwrap();
    assert!(app.is_public());
    let token = login(&app, "openid").await;
    assert_eq!(token.user.unwrap().id, DEFAULT_USER_ID);
}

#[tokio::test]
async fn codes_are_single_use_and_bound_to_the_verifier() {
    let emulator = emulator().await;
    let app = app(&emulator);
    let verifier = CodeVerifier::generate(128).unwrap();
    let uri = app
        .authorization_uri("openid")
        .code_verifier(&verifier)
        .build()
        .unwrap();
    let code = param(&consent(&uri).await, "code").unwrap();
    let other = CodeVerifier::generate(128).unwrap();
    let exchange = |code: &str, verifier: &CodeVerifier| {
        app.exchange_code(code).code_verifier(verifier).send()
    };
    let err = exchange(&code, &other).await.unwrap_err();
    assert_eq!(
        oauth_kind(&err),
        Some(OAuthErrorKind::InvalidGrant),
        "{err:?}"
    );
    // The failed attempt used the code up.
    let err = exchange(&code, &verifier).await.unwrap_err();
    assert_eq!(
        oauth_kind(&err),
        Some(OAuthErrorKind::InvalidGrant),
        "{err:?}"
    );

    let code = param(&consent(&uri).await, "code").unwrap();
    exchange(&code, &verifier).await.unwrap();
    let err = exchange(&code, &verifier).await.unwrap_err();
    assert_eq!(
        oauth_kind(&err),
        Some(OAuthErrorKind::InvalidGrant),
        "{err:?}"
    );
}

#[tokio::test]
async fn authorize_refuses_unknown_clients_redirects_and_scopes() {
    let emulator = emulator().await;
    let app = app(&emulator);
    let unknown = OAuth2App::builder("999", "http://localhost/callback")
        .client_secret("x")
        .build(&client(&emulator))
        .unwrap();
    let (status, location, body) =
        common::get(&unknown.authorization_uri("openid").build().unwrap()).await;
    assert_eq!((status, location), (400, None));
    assert!(body.contains("invalid_client"), "{body}");

    let elsewhere = OAuth2App::builder(emulator.oauth2_client_id(), "http://evil.example/cb")
        .client_secret("x")
        .build(&client(&emulator))
        .unwrap();
    let (status, location, _) =
        common::get(&elsewhere.authorization_uri("openid").build().unwrap()).await;
    assert_eq!((status, location), (400, None));

    let back = consent(
        &app.authorization_uri("openid group:write")
            .state("s1")
            .build()
            .unwrap(),
    )
    .await;
    assert_eq!(param(&back, "error").as_deref(), Some("invalid_scope"));
    assert_eq!(param(&back, "state").as_deref(), Some("s1"));
    assert_eq!(param(&back, "code"), None);
}

#[tokio::test]
async fn refresh_rotates_the_refresh_token() {
    let emulator = emulator().await;
    let app = app(&emulator);
    let first = login(&app, "openid profile").await;
    let second = first.refresh().await.unwrap();
    assert_ne!(
        second.refresh_token.expose_secret(),
        first.refresh_token.expose_secret()
    );
    assert_ne!(second.token(), first.token());
    assert_eq!(second.user.as_ref().unwrap().id, DEFAULT_USER_ID);
    assert_eq!(second.userinfo().await.unwrap().id, DEFAULT_USER_ID);
    // The old refresh token was used up.
    let err = first.refresh().await.unwrap_err();
    assert_eq!(
        oauth_kind(&err),
        Some(OAuthErrorKind::InvalidGrant),
        "{err:?}"
    );
    // The new one works, once.
    let third = app.refresh(&second.refresh_token).await.unwrap();
    assert!(third.id_token.is_some());
}

#[tokio::test]
async fn revoking_the_access_token_revokes_the_pair() {
    let emulator = emulator().await;
    let app = app(&emulator);
    let token = login(&app, ALL).await;
    token.revoke().await.unwrap();
    let err = token.userinfo().await.unwrap_err();
    assert_eq!(
        oauth_kind(&err),
        Some(OAuthErrorKind::InvalidToken),
        "{err:?}"
    );
    assert_eq!(err.status(), Some(http::StatusCode::UNAUTHORIZED));
    let err = token.refresh().await.unwrap_err();
    assert_eq!(
        oauth_kind(&err),
        Some(OAuthErrorKind::InvalidGrant),
        "{err:?}"
    );
    let info = app
        .introspect(token.refresh_token.expose_secret())
        .await
        .unwrap();
    assert!(!info.active);
}

#[tokio::test]
async fn revoking_the_refresh_token_revokes_the_access_token() {
    let emulator = emulator().await;
    let app = app(&emulator);
    let token = login(&app, ALL).await;
    token.revoke_refresh_token().await.unwrap();
    assert!(!token.introspect().await.unwrap().active);
    let experience = token
        .partial()
        .bearer_client()
        .experience(emulator.universe_id());
    let err = experience.publish_message("t", "m").await.unwrap_err();
    assert!(matches!(err, oc_core::Error::Unauthorized(_)), "{err:?}");
    assert!(emulator.published_messages().is_empty());
}

#[tokio::test]
async fn introspection_describes_the_token() {
    let emulator = emulator().await;
    let app = app(&emulator);
    let token = login(&app, "openid universe-messaging-service:publish").await;
    let info = token.introspect().await.unwrap();
    assert!(info.active);
    assert!(info.id.as_deref().unwrap().starts_with("AT."));
    assert_eq!(info.client_id.as_deref(), Some(app.client_id()));
    assert_eq!(info.user_id, Some(DEFAULT_USER_ID));
    assert_eq!(
        info.scopes,
        ["openid", "universe-messaging-service:publish"]
    );
    let lifetime = info.expires_at.unwrap() - info.issued_at.unwrap();
    assert_eq!(lifetime, Duration::seconds(900));
    let garbage = app.from_access_token_string("not-a-token");
    assert!(!garbage.introspect().await.unwrap().active);
}

#[tokio::test]
async fn resources_are_handles_that_publish_with_the_bearer_token() {
    let emulator = emulator().await;
    let app = app(&emulator);
    let token = login(&app, ALL).await;
    let resources = token.fetch_resources().await.unwrap();
    assert_eq!(resources.experiences.len(), 1);
    assert_eq!(resources.users[0].id(), DEFAULT_USER_ID);
    assert_eq!(resources.groups[0].id(), emulator.group_id());
    let experience = &resources.experiences[0];
    assert_eq!(experience.universe_id(), emulator.universe_id());
    experience
        .publish_message("oauth", "hello from a token")
        .await
        .unwrap();
    let published = emulator.published_messages();
    assert_eq!(published.len(), 1);
    assert_eq!(published[0].message, "hello from a token");
    let record = emulator
        .requests()
        .into_iter()
        .find(|r| r.route.as_deref() == Some("messaging.publish"))
        .unwrap();
    assert_eq!(record.credential_owner.as_deref(), Some("user:3000"));

    // The token is limited to the authorized universes and the granted scopes.
    let elsewhere = token.partial().bearer_client().experience(4242);
    let err = elsewhere.publish_message("t", "m").await.unwrap_err();
    assert!(matches!(err, oc_core::Error::Forbidden(_)), "{err:?}");
    let narrow = login(&app, "openid").await;
    let experience = narrow
        .partial()
        .bearer_client()
        .experience(emulator.universe_id());
    let err = experience.publish_message("t", "m").await.unwrap_err();
    assert!(matches!(err, oc_core::Error::Forbidden(_)), "{err:?}");
    assert_eq!(emulator.published_messages().len(), 1);
}

#[tokio::test]
async fn userinfo_needs_openid_and_profile_adds_names() {
    let emulator = emulator().await;
    let app = app(&emulator);
    let no_openid = login(&app, "universe-messaging-service:publish").await;
    assert!(no_openid.user.is_none() && no_openid.id_token.is_none());
    let err = no_openid.userinfo().await.unwrap_err();
    let detail = err.detail::<OAuthError>().unwrap();
    assert_eq!(detail.kind, OAuthErrorKind::InsufficientScope);
    assert_eq!(detail.scope.as_deref(), Some("openid"));
    let bare = login(&app, "openid").await;
    let user = bare.userinfo().await.unwrap();
    assert_eq!(user.id, DEFAULT_USER_ID);
    assert_eq!(user.username, None);
    let named = login(&app, "openid profile")
        .await
        .userinfo()
        .await
        .unwrap();
    assert_eq!(
        named.profile_uri.as_deref(),
        Some("https://www.roblox.com/users/3000/profile")
    );
    assert!(named.created_at.is_some());
}

#[tokio::test]
async fn invalid_input_is_refused_before_sending() {
    let emulator = emulator().await;
    let app = app(&emulator);
    emulator.clear_requests();
    let err = app.exchange_code("").send().await.unwrap_err();
    assert!(matches!(err, oc_core::Error::InvalidInput(_)), "{err:?}");
    let err = app.revoke_token("").await.unwrap_err();
    assert!(matches!(err, oc_core::Error::InvalidInput(_)), "{err:?}");
    let err = app.introspect("").await.unwrap_err();
    assert!(matches!(err, oc_core::Error::InvalidInput(_)), "{err:?}");
    assert!(emulator.requests().is_empty());
}

#[tokio::test]
async fn secrets_never_show_in_debug_output() {
    let emulator = emulator().await;
    let app = app(&emulator);
    let token = login(&app, ALL).await;
    let shown = format!("{app:?} {token:?} {:?}", token.partial());
    let secret = emulator.oauth2_client_secret().unwrap();
    assert!(!shown.contains(&secret), "{shown}");
    assert!(!shown.contains(token.token().expose_secret()), "{shown}");
    assert!(
        !shown.contains(token.refresh_token.expose_secret()),
        "{shown}"
    );
    assert!(shown.contains("[redacted]"), "{shown}");
}

/// The code of one consent to `openid` for `app`, with its verifier.
#[allow(
    clippy::unwrap_used,
    reason = "test helper: a failed step fails the test"
)]
async fn code_for(app: &OAuth2App) -> (String, CodeVerifier) {
    let verifier = CodeVerifier::generate(128).unwrap();
    let uri = app
        .authorization_uri("openid")
        .code_verifier(&verifier)
        .build()
        .unwrap();
    (param(&consent(&uri).await, "code").unwrap(), verifier)
}

/// The emulator under another name: a client whose base URL is not the issuer the
/// emulator's tokens name.
#[allow(clippy::unwrap_used, reason = "test helper: no client fails the test")]
fn other_name(emulator: &oc_emulator::EmulatorHandle) -> oc_core::Client {
    let base = emulator.base_url().replace("127.0.0.1", "localhost");
    assert_ne!(format!("{base}/oauth/"), emulator.oauth2_issuer());
    oc_core::Client::builder().base_url(base).build().unwrap()
}

#[tokio::test]
async fn an_id_token_that_fails_verification_fails_the_exchange() {
    let emulator = emulator().await;
    // The default issuer is Roblox's, not the emulator's: the exchange is an error, not a
    // token without a user.
    let app = OAuth2App::builder(
        emulator.oauth2_client_id(),
        emulator.oauth2_redirect_uri().unwrap(),
    )
    .client_secret(emulator.oauth2_client_secret().unwrap())
    .build(&client(&emulator))
    .unwrap();
    assert_eq!(app.issuer().as_deref(), Some(oc_oauth2::DEFAULT_ISSUER));
    let (code, verifier) = code_for(&app).await;
    let err = app
        .exchange_code(code)
        .code_verifier(&verifier)
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(id_token_error(&err), Some(IdTokenError::WrongIssuer)),
        "{err:?}"
    );
}

#[tokio::test]
async fn the_issuer_is_independent_of_the_base_url() {
    let emulator = emulator().await;
    // Reached under another name (as through a proxy), with the issuer configured.
    let app = OAuth2App::builder(
        emulator.oauth2_client_id(),
        emulator.oauth2_redirect_uri().unwrap(),
    )
    .client_secret(emulator.oauth2_client_secret().unwrap())
    .issuer(emulator.oauth2_issuer())
    .build(&other_name(&emulator))
    .unwrap();
    let (code, verifier) = code_for(&app).await;
    let tokens = app
        .exchange_code(code)
        .code_verifier(&verifier)
        .send()
        .await
        .unwrap();
    let claims = tokens.id_token.unwrap();
    assert_eq!(claims.iss, emulator.oauth2_issuer());
    assert_eq!(tokens.user.unwrap().id, DEFAULT_USER_ID);
}

#[tokio::test]
async fn the_issuer_can_come_from_the_discovery_document() {
    let emulator = emulator().await;
    let app = OAuth2App::builder(
        emulator.oauth2_client_id(),
        emulator.oauth2_redirect_uri().unwrap(),
    )
    .client_secret(emulator.oauth2_client_secret().unwrap())
    .issuer_from_discovery()
    .build(&other_name(&emulator))
    .unwrap();
    assert_eq!(app.issuer(), None);
    let document = app.fetch_discovery().await.unwrap();
    assert_eq!(document.issuer, emulator.oauth2_issuer());
    let (code, verifier) = code_for(&app).await;
    let tokens = app
        .exchange_code(code)
        .code_verifier(&verifier)
        .send()
        .await
        .unwrap();
    assert_eq!(
        tokens.id_token.as_ref().unwrap().iss,
        emulator.oauth2_issuer()
    );
    assert_eq!(app.issuer(), Some(emulator.oauth2_issuer()));
    // Fetched once, for the app's life.
    tokens.refresh().await.unwrap();
    let discoveries = emulator
        .requests()
        .iter()
        .filter(|r| r.route.as_deref() == Some("oauth2.discovery"))
        .count();
    assert_eq!(
        discoveries, 2,
        "one by fetch_discovery, one by the first verification"
    );
}
