//! A compare-and-set loop on a player profile that survives concurrent writers.
//!
//! Several tasks add coins to the same profile at once. Each reads the profile and its
//! version, changes it, and writes it back only if the version is still the same; when
//! another writer got there first, the failed precondition carries the current value and
//! version, and the loop tries again from there. No update is lost.
//!
//! `cargo run --example profile_cas` runs against a local emulator; set
//! `RBLX_OPEN_CLOUD_API_KEY` and `RBLX_OPEN_CLOUD_UNIVERSE_ID` to use Roblox.

use rblx_open_cloud::datastores::{DataStore, PreconditionFailed};
use rblx_open_cloud::prelude::*;
use rblx_open_cloud_examples::Target;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Profile {
    coins: u64,
    purchases: u32,
}

/// Adds `coins` to the profile at `key`, retrying on conflicts. Returns the attempts made.
async fn add_coins(store: &DataStore, key: &str, coins: u64) -> Result<u32, Error> {
    // Start from what is stored, or create the profile.
    let mut current = match store.get_as::<Profile>(key).await {
        Ok((profile, info)) => Some((profile, info.version)),
        Err(e) if e.is_not_found() => None,
        Err(e) => return Err(e),
    };
    let mut attempt = 0;
    loop {
        attempt += 1;
        let (mut profile, version) = match current.take() {
            Some((profile, version)) => (profile, Some(version)),
            None => (Profile::default(), None),
        };
        profile.coins += coins;
        profile.purchases += 1;
        let write = store.set(key, &profile);
        let write = match &version {
            Some(version) => write.match_version(version),
            None => write.exclusive_create(true),
        };
        let error = match write.await {
            Ok(_) => return Ok(attempt),
            Err(error) => error,
        };
        // Someone else wrote first: go again from the value they left.
        let Some(failed) = error.detail::<PreconditionFailed>() else {
            return Err(error);
        };
        current = match &failed.current {
            Some((value, info)) => Some((
                serde_json::from_value(value.clone())
                    .map_err(|e| Error::decode("bad profile", Some(Box::new(e) as _)))?,
                info.version.clone(),
            )),
            None => None,
        };
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target = Target::from_env_or_emulator().await?;
    let experience = target.client.experience(target.universe_id);
    let store = experience.data_store("profiles");
    run(&store, 8).await?;
    if let Some(emulator) = target.emulator {
        emulator.shutdown().await;
    }
    Ok(())
}

/// `writers` concurrent writers each add 10 coins to one profile; none is lost.
async fn run(store: &DataStore, writers: u64) -> Result<(), Error> {
    let key = "player_42";
    // Start clean (a missing key is fine).
    if let Err(e) = store.remove(key).await {
        if !e.is_not_found() {
            return Err(e);
        }
    }
    let writes = (0..writers).map(|_| add_coins(store, key, 10));
    let attempts: u32 = futures::future::try_join_all(writes).await?.iter().sum();
    let (profile, info) = store.get_as::<Profile>(key).await?;
    println!(
        "{writers} writers made {attempts} attempts; the profile has {} coins from {} purchases (version {})",
        profile.coins, profile.purchases, info.version
    );
    assert_eq!(profile.coins, 10 * writers);
    assert_eq!(u64::from(profile.purchases), writers);
    Ok(())
}
