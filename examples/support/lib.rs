//! What the examples share: choosing between the real service and the emulator.

pub mod browser;
pub mod oauth2_server;

use rblx_open_cloud::emulator::{Emulator, EmulatorHandle};
use rblx_open_cloud::{Client, ClientBuilder};

/// Environment variable naming the universe the examples act on.
pub const ENV_UNIVERSE_ID: &str = "RBLX_OPEN_CLOUD_UNIVERSE_ID";

/// Where an example sends its requests.
pub struct Target {
    /// The client, pointed at the real service or at the emulator.
    pub client: Client,
    /// The universe to act on.
    pub universe_id: u64,
    /// The emulator, when no credentials were found in the environment.
    pub emulator: Option<EmulatorHandle>,
}

impl Target {
    /// The real service when `RBLX_OPEN_CLOUD_API_KEY` (or `RBLX_OPEN_CLOUD_ACCESS_TOKEN`)
    /// and `RBLX_OPEN_CLOUD_UNIVERSE_ID` are set; otherwise an emulator started in this
    /// process, with its default universe and key.
    pub async fn from_env_or_emulator() -> Result<Target, Box<dyn std::error::Error>> {
        let credentials = ["RBLX_OPEN_CLOUD_API_KEY", "RBLX_OPEN_CLOUD_ACCESS_TOKEN"]
            .iter()
            .any(|name| std::env::var(name).is_ok_and(|v| !v.is_empty()));
        let universe = std::env::var(ENV_UNIVERSE_ID).ok();
        if let (true, Some(universe)) = (credentials, universe) {
            let universe_id = universe
                .trim()
                .parse()
                .map_err(|_| format!("{ENV_UNIVERSE_ID} must be a number, not {universe:?}"))?;
            let client = ClientBuilder::from_env()?.build()?;
            println!(
                "using {} with the credentials from the environment",
                client.base_url()
            );
            return Ok(Target {
                client,
                universe_id,
                emulator: None,
            });
        }
        let emulator = Emulator::start().await?;
        println!(
            "no credentials in the environment: started the local emulator at {}",
            emulator.base_url()
        );
        let client = Client::builder()
            .base_url(emulator.base_url())
            .api_key(emulator.api_key())
            .build()?;
        Ok(Target {
            client,
            universe_id: emulator.universe_id(),
            emulator: Some(emulator),
        })
    }
}
