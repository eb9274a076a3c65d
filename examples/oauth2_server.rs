//! A web app that signs users in with Roblox: `cargo run --example oauth2_server`.
//!
//! By default it runs against a local emulator started in-process (which consents at once
//! as its built-in user). With `RBLX_OPEN_CLOUD_BASE_URL` naming an emulator started
//! elsewhere (`oc-emulator`; set `RBLX_OPEN_CLOUD_API_KEY` to its key, and
//! `RBLX_OPEN_CLOUD_CA_CERTS` to its certificate with `--tls`), it uses that emulator's
//! built-in app. Set `RBLX_OAUTH2_CLIENT_ID`, `RBLX_OAUTH2_CLIENT_SECRET` and
//! `RBLX_OAUTH2_REDIRECT_URI` (e.g. `http://localhost:8080/callback`, registered for the
//! app) to use Roblox (or, with `RBLX_OPEN_CLOUD_BASE_URL`, the provider at that URL, its
//! issuer taken from its discovery document). `OAUTH2_SERVER_ADDR` is where this app
//! listens (default `127.0.0.1:8080`). Then open the printed address and sign in.

use rblx_open_cloud::emulator::Emulator;
use rblx_open_cloud::oauth2::OAuth2App;
use rblx_open_cloud::{Client, ClientBuilder, Error};
use rblx_open_cloud_examples::{Emulated, ENV_BASE_URL};
use tokio::net::TcpListener;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let addr = std::env::var("OAUTH2_SERVER_ADDR").unwrap_or_else(|_| "127.0.0.1:8080".into());
    let listener = TcpListener::bind(&addr).await?;
    let port = listener.local_addr()?.port();
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let redirect = format!("http://127.0.0.1:{port}/callback");
    let (app, _emulator) = match (
        var("RBLX_OAUTH2_CLIENT_ID"),
        var("RBLX_OAUTH2_CLIENT_SECRET"),
        var("RBLX_OAUTH2_REDIRECT_URI"),
    ) {
        (Some(id), Some(secret), Some(redirect)) => (roblox_app(id, secret, redirect)?, None),
        _ if var(ENV_BASE_URL).is_some() => {
            // The API key only reads the emulator's app; the app's client sends none.
            let client = ClientBuilder::from_env()?.build()?;
            let emulator = Emulated::remote(&client)
                .await?
                .ok_or(format!("{ENV_BASE_URL} is no emulator: set RBLX_OAUTH2_*"))?;
            println!("using the emulator at {}", client.base_url());
            let app = emulator_app(&emulator, client.without_credentials(), redirect).await?;
            (app, Some(emulator))
        }
        _ => {
            let emulator = Emulator::start().await?;
            println!("using the local emulator at {}", emulator.base_url());
            let client = Client::builder()
                .base_url(emulator.base_url())
                .api_key(emulator.api_key())
                .build()?;
            let emulated = Emulated::local(emulator, client.clone());
            let app = emulator_app(&emulated, client.without_credentials(), redirect).await?;
            (app, Some(emulated))
        }
    };
    println!("open http://127.0.0.1:{port}/ in a browser");
    rblx_open_cloud_examples::oauth2_server::serve(listener, app).await?;
    Ok(())
}

/// The app registered with Roblox (or with the provider at `RBLX_OPEN_CLOUD_BASE_URL`).
fn roblox_app(id: String, secret: String, redirect: String) -> Result<OAuth2App, Error> {
    let client = ClientBuilder::from_env()?.build()?.without_credentials();
    let mut builder = OAuth2App::builder(id, redirect).client_secret(secret);
    if std::env::var(ENV_BASE_URL).is_ok_and(|v| !v.is_empty()) {
        builder = builder.issuer_from_discovery();
    }
    builder.build(&client)
}

/// The emulator's built-in app, redirecting to this server.
async fn emulator_app(
    emulator: &Emulated,
    client: Client,
    redirect: String,
) -> Result<OAuth2App, Error> {
    let registered = emulator.oauth2_app().await?;
    let mut builder = OAuth2App::builder(registered.client_id, redirect).issuer(registered.issuer);
    if let Some(secret) = registered.client_secret {
        builder = builder.client_secret(secret);
    }
    builder.build(&client)
}
