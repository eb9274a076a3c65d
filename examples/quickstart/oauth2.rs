//! OAuth 2.0 without a browser: authorize (the emulator consents at once), exchange the
//! code, read the user and resources, publish with the user's token, refresh, revoke.

use rblx_open_cloud::oauth2::{AuthState, CodeVerifier, OAuth2App};
use rblx_open_cloud::prelude::*;
use rblx_open_cloud_examples::browser::Browser;
use rblx_open_cloud_examples::Target;

/// Runs the authorization code flow with PKCE, state and nonce against the emulator (in
/// this process or started elsewhere: its app comes from the control surface then).
pub async fn run(target: &Target) -> Result<(), Error> {
    let Some(emulator) = &target.emulator else {
        println!("skipped: signing a user in needs a browser (see the oauth2_server example)");
        return Ok(());
    };
    // The target's client without its API key: same base URL and trusted certificates.
    let client = target.client.without_credentials();
    let registered = emulator.oauth2_app().await?;
    let mut builder = OAuth2App::builder(
        registered.client_id.clone(),
        "http://localhost:8080/callback",
    )
    .issuer(registered.issuer.clone());
    if let Some(secret) = registered.client_secret.clone() {
        builder = builder.client_secret(secret);
    }
    let app = builder.build(&client)?;

    let verifier = CodeVerifier::generate(128)?;
    let state = AuthState::generate()?;
    let uri = app
        .authorization_uri(["openid", "profile", "universe-messaging-service:publish"])
        .state(state.expose_secret())
        .nonce("quickstart-nonce")
        .code_verifier(&verifier)
        .build()?;
    // A browser would show the consent page; the emulator redirects back at once.
    let redirect = Browser::new()?.get_once(&uri).await?.url;
    let query: Vec<(String, String)> = redirect
        .split_once('?')
        .map(|(_, q)| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default();
    let param = |name: &str| {
        query
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    if !state.verify(&param("state")) {
        return Err(Error::decode(
            "the state that came back is not the one sent",
            None,
        ));
    }
    let token = app
        .exchange_code(param("code"))
        .code_verifier(&verifier)
        .nonce("quickstart-nonce")
        .await?;
    let user = token
        .user
        .clone()
        .ok_or_else(|| Error::decode("openid was granted, so a user is expected", None))?;
    println!(
        "signed in as {} (@{}), id {}; scopes {:?}",
        user.display_name.as_deref().unwrap_or("?"),
        user.username.as_deref().unwrap_or("?"),
        user.id,
        token.scopes
    );

    let resources = token.fetch_resources().await?;
    if let Some(experience) = resources.experiences.first() {
        experience
            .publish_message("quickstart", "Hello with an OAuth2 token!")
            .await?;
        println!(
            "published to universe {} with the user's token",
            experience.universe_id()
        );
    }

    let refreshed = token.refresh().await?;
    println!("refreshed; the old refresh token is now used up");
    let info = refreshed.introspect().await?;
    println!("introspection: active={}, id={:?}", info.active, info.id);
    refreshed.revoke().await?;
    let info = refreshed.introspect().await?;
    println!("revoked: active={}", info.active);
    Ok(())
}
