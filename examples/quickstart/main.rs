//! Quickstart: one tour of every API area.
//!
//! `cargo run --example quickstart` runs against a local emulator started in-process.
//! Against an emulator started elsewhere (`oc-emulator`), set `RBLX_OPEN_CLOUD_BASE_URL`
//! to its URL and `RBLX_OPEN_CLOUD_API_KEY` to its key (and, with `--tls`,
//! `RBLX_OPEN_CLOUD_CA_CERTS` to the certificate written by `--cert-out`): every area
//! runs, the emulator-only parts (the 429 demo, OAuth2 consent, webhooks) through its
//! control surface. Set `RBLX_OPEN_CLOUD_API_KEY` and `RBLX_OPEN_CLOUD_UNIVERSE_ID` to run
//! the same code against Roblox.

mod assets;
mod datastores;
mod messaging;
mod oauth2;
mod tour;
mod webhook;

use rblx_open_cloud_examples::Target;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target = Target::from_env_or_emulator().await?;
    tour::run(&target).await?;
    if let Some(emulator) = target.emulator {
        emulator.shutdown().await;
    }
    println!("done");
    Ok(())
}
