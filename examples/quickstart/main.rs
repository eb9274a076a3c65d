//! Quickstart: one tour of every API area.
//!
//! `cargo run --example quickstart` runs against a local emulator started in-process.
//! Set `RBLX_OPEN_CLOUD_API_KEY` and `RBLX_OPEN_CLOUD_UNIVERSE_ID` to run the same code
//! against Roblox.

mod assets;
mod datastores;
mod messaging;
mod oauth2;
mod webhook;

use rblx_open_cloud_examples::Target;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target = Target::from_env_or_emulator().await?;

    println!("== messaging");
    messaging::run(&target).await?;

    println!("== data stores");
    datastores::run(&target).await?;
    println!("== assets and place publishing");
    assets::run(&target).await?;
    println!("== oauth2");
    oauth2::run(&target).await?;
    println!("== webhook");
    webhook::run(&target).await?;

    if let Some(emulator) = target.emulator {
        emulator.shutdown().await;
    }
    println!("done");
    Ok(())
}
