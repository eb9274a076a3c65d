//! What the examples share: choosing between the real service and the emulator (in this
//! process, or started elsewhere and named by `RBLX_OPEN_CLOUD_BASE_URL`).

pub mod browser;
pub mod emulated;
pub mod oauth2_server;

pub use emulated::Emulated;
use rblx_open_cloud::emulator::Emulator;
use rblx_open_cloud::{Client, ClientBuilder};

/// Environment variable naming the universe the examples act on.
pub const ENV_UNIVERSE_ID: &str = "RBLX_OPEN_CLOUD_UNIVERSE_ID";
/// Environment variable naming another base URL (a proxy, or an emulator started
/// elsewhere).
pub const ENV_BASE_URL: &str = "RBLX_OPEN_CLOUD_BASE_URL";

/// Where an example sends its requests.
pub struct Target {
    /// The client, pointed at the real service or at the emulator.
    pub client: Client,
    /// The universe to act on.
    pub universe_id: u64,
    /// The emulator (in this process or elsewhere), when the target is one.
    pub emulator: Option<Emulated>,
}

impl Target {
    /// Reads the target from the environment:
    ///
    /// - `RBLX_OPEN_CLOUD_BASE_URL` set (and not `apis.roblox.com`): the client of
    ///   [`ClientBuilder::from_env`] (its key, `RBLX_OPEN_CLOUD_CA_CERTS`); when the URL
    ///   answers the emulator's control surface, it is an emulator started elsewhere and
    ///   the universe defaults to its first one;
    /// - else, with `RBLX_OPEN_CLOUD_API_KEY` (or `RBLX_OPEN_CLOUD_ACCESS_TOKEN`) and
    ///   `RBLX_OPEN_CLOUD_UNIVERSE_ID`: the real service;
    /// - otherwise an emulator started in this process, with its default universe and key.
    pub async fn from_env_or_emulator() -> Result<Target, Box<dyn std::error::Error>> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let credentials = var("RBLX_OPEN_CLOUD_API_KEY")
            .or_else(|| var("RBLX_OPEN_CLOUD_ACCESS_TOKEN"))
            .is_some();
        let universe = match var(ENV_UNIVERSE_ID) {
            Some(text) => Some(
                text.trim()
                    .parse::<u64>()
                    .map_err(|_| format!("{ENV_UNIVERSE_ID} must be a number, not {text:?}"))?,
            ),
            None => None,
        };
        let base = var(ENV_BASE_URL).filter(|url| !url.contains("://apis.roblox.com"));
        if base.is_some() {
            let client = ClientBuilder::from_env()?.build()?;
            if let Some(emulator) = Emulated::remote(&client).await? {
                println!(
                    "using the emulator at {} (started elsewhere)",
                    client.base_url()
                );
                return Ok(Target {
                    universe_id: universe.unwrap_or(emulator.universe_id()),
                    client,
                    emulator: Some(emulator),
                });
            }
        }
        if let (true, Some(universe_id)) = (credentials, universe) {
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
        if base.is_some() {
            return Err(format!(
                "{ENV_BASE_URL} is no emulator: set RBLX_OPEN_CLOUD_API_KEY and \
                 {ENV_UNIVERSE_ID} for it"
            )
            .into());
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
            universe_id: emulator.universe_id(),
            emulator: Some(Emulated::local(emulator, client.clone())),
            client,
        })
    }
}
