//! A web app that signs users in with Roblox: `cargo run --example oauth2_server`.
//!
//! By default it runs against a local emulator started in-process (which consents at once
//! as its built-in user). Set `RBLX_OAUTH2_CLIENT_ID`, `RBLX_OAUTH2_CLIENT_SECRET` and
//! `RBLX_OAUTH2_REDIRECT_URI` (e.g. `http://localhost:8080/callback`, registered for the
//! app) to use Roblox. Then open the printed address and sign in.

use rblx_open_cloud::emulator::{Emulator, EmulatorHandle};
use rblx_open_cloud::oauth2::OAuth2App;
use rblx_open_cloud::{Client, Error};
use tokio::net::TcpListener;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let listener = TcpListener::bind(("127.0.0.1", 8080)).await?;
    let port = listener.local_addr()?.port();
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let (app, _emulator) = match (
        var("RBLX_OAUTH2_CLIENT_ID"),
        var("RBLX_OAUTH2_CLIENT_SECRET"),
        var("RBLX_OAUTH2_REDIRECT_URI"),
    ) {
        (Some(id), Some(secret), Some(redirect)) => (roblox_app(id, secret, redirect)?, None),
        _ => {
            let emulator = Emulator::start().await?;
            println!("using the local emulator at {}", emulator.base_url());
            let app = emulator_app(&emulator, port)?;
            (app, Some(emulator))
        }
    };
    println!("open http://127.0.0.1:{port}/ in a browser");
    rblx_open_cloud_examples::oauth2_server::serve(listener, app).await?;
    Ok(())
}

/// The app registered with Roblox.
fn roblox_app(id: String, secret: String, redirect: String) -> Result<OAuth2App, Error> {
    let client = Client::builder().build()?;
    OAuth2App::builder(id, redirect)
        .client_secret(secret)
        .build(&client)
}

/// The emulator's built-in app, redirecting to this server.
fn emulator_app(emulator: &EmulatorHandle, port: u16) -> Result<OAuth2App, Error> {
    let client = Client::builder().base_url(emulator.base_url()).build()?;
    let mut builder = OAuth2App::builder(
        emulator.oauth2_client_id(),
        format!("http://127.0.0.1:{port}/callback"),
    )
    .issuer(emulator.oauth2_issuer());
    if let Some(secret) = emulator.oauth2_client_secret() {
        builder = builder.client_secret(secret);
    }
    builder.build(&client)
}
