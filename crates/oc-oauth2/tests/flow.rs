//! The authorization code flow against the emulator's provider: exchange, refresh,
//! revocation, introspection, userinfo and resources.

mod common;

use std::time::{Duration, SystemTime};

use common::{app, client, consent, emulator, login, param};
use oc_emulator::{Config, Emulator, OAuth2AppConfig, DEFAULT_USER_ID};
use oc_messaging::ExperienceMessagingExt;
use oc_oauth2::{ClientAuth, CodeVerifier, Error, OAuth2App};

const ALL: &str = "openid profile universe-messaging-service:publish asset:read";

#[tokio::test]
async fn the_full_flow_gives_verified_tokens_and_the_user() {
    let emulator = emulator().await;
    let app = app(&emulator);
    let before = SystemTime::now();
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
    let lifetime = token.expires_at.duration_since(before).unwrap();
    assert!(
        lifetime > Duration::from_secs(890) && lifetime <= Duration::from_secs(900),
        "{lifetime:?}"
    );
    let claims = token.id_token.clone().unwrap();
    assert_eq!(claims.nonce.as_deref(), Some("nonce-1"));
    assert_eq!(claims.iss, emulator.oauth2_issuer());
    let user = token.user.clone().unwrap();
    assert_eq!(user.id, DEFAULT_USER_ID);
    assert_eq!(user.username.as_deref(), Some("emulator_user"));
    assert_eq!(user.display_name.as_deref(), Some("Emulator User"));
    assert_eq!(token.fetch_userinfo().await.unwrap(), user);
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
        .exchange_code(&code, Some(&verifier), None)
        .await
        .unwrap_err();
    match err {
        Error::InvalidClient { code, description } => {
            assert_eq!(code, "invalid_client");
            assert_eq!(description, "Invalid client secret.");
        }
        other => panic!("{other:?}"),
    }
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
    let err = app
        .exchange_code(&code, Some(&other), None)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidGrant { .. }), "{err:?}");
    // The failed attempt used the code up.
    let err = app
        .exchange_code(&code, Some(&verifier), None)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidGrant { .. }), "{err:?}");

    let code = param(&consent(&uri).await, "code").unwrap();
    app.exchange_code(&code, Some(&verifier), None)
        .await
        .unwrap();
    let err = app
        .exchange_code(&code, Some(&verifier), None)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidGrant { .. }), "{err:?}");
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
    assert_eq!(second.fetch_userinfo().await.unwrap().id, DEFAULT_USER_ID);
    // The old refresh token was used up.
    let err = first.refresh().await.unwrap_err();
    assert!(matches!(err, Error::InvalidGrant { .. }), "{err:?}");
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
    let err = token.fetch_userinfo().await.unwrap_err();
    assert!(matches!(err, Error::InvalidToken { .. }), "{err:?}");
    let err = token.refresh().await.unwrap_err();
    assert!(matches!(err, Error::InvalidGrant { .. }), "{err:?}");
    let info = app
        .from_access_token_string(token.refresh_token.expose_secret())
        .fetch_token_info()
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
    assert!(!token.fetch_token_info().await.unwrap().active);
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
    let info = token.fetch_token_info().await.unwrap();
    assert!(info.active);
    assert!(info.id.as_deref().unwrap().starts_with("AT."));
    assert_eq!(info.client_id.as_deref(), Some(app.client_id()));
    assert_eq!(info.user_id, Some(DEFAULT_USER_ID));
    assert_eq!(
        info.scopes,
        ["openid", "universe-messaging-service:publish"]
    );
    let lifetime = info
        .expires_at
        .unwrap()
        .duration_since(info.issued_at.unwrap())
        .unwrap();
    assert_eq!(lifetime, Duration::from_secs(900));
    let garbage = app.from_access_token_string("not-a-token");
    assert!(!garbage.fetch_token_info().await.unwrap().active);
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
    match no_openid.fetch_userinfo().await.unwrap_err() {
        Error::InsufficientScope { scope } => assert_eq!(scope, "openid"),
        other => panic!("{other:?}"),
    }
    let bare = login(&app, "openid").await;
    let user = bare.fetch_userinfo().await.unwrap();
    assert_eq!(user.id, DEFAULT_USER_ID);
    assert_eq!(user.username, None);
    let named = login(&app, "openid profile")
        .await
        .fetch_userinfo()
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
    let err = app.exchange_code("", None, None).await.unwrap_err();
    assert!(
        matches!(err, Error::Core(oc_core::Error::InvalidInput(_))),
        "{err:?}"
    );
    let err = app.revoke_token("").await.unwrap_err();
    assert!(
        matches!(err, Error::Core(oc_core::Error::InvalidInput(_))),
        "{err:?}"
    );
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

#[tokio::test]
async fn an_id_token_that_fails_verification_fails_the_exchange() {
    let emulator = emulator().await;
    // The same server under another name: its tokens name an issuer this app does not
    // expect, so the exchange is an error, not a token without a user.
    let base = emulator.base_url().replace("127.0.0.1", "localhost");
    let client = oc_core::Client::builder().base_url(base).build().unwrap();
    let app = OAuth2App::builder(
        emulator.oauth2_client_id(),
        emulator.oauth2_redirect_uri().unwrap(),
    )
    .client_secret(emulator.oauth2_client_secret().unwrap())
    .build(&client)
    .unwrap();
    let verifier = CodeVerifier::generate(128).unwrap();
    let uri = app
        .authorization_uri("openid")
        .code_verifier(&verifier)
        .build()
        .unwrap();
    let code = param(&consent(&uri).await, "code").unwrap();
    let err = app
        .exchange_code(&code, Some(&verifier), None)
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::IdToken(oc_oauth2::IdTokenError::WrongIssuer)),
        "{err:?}"
    );
}
