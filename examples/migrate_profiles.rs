//! A migration from data stores v1 to v2: read every key of a profile store through v1
//! with its metadata (every scope), write it to a new store through v2 keeping its user
//! ids and attributes, then read each one back through v2 and check it.
//!
//! `cargo run --example migrate_profiles` runs against a local emulator (no credentials
//! needed), seeded with a few v1 profiles. Against Roblox, set `RBLX_OPEN_CLOUD_API_KEY`
//! (with the `universe-datastores.objects:list`, `:read`, `:create` and `:update`
//! scopes) and `RBLX_OPEN_CLOUD_UNIVERSE_ID`, and name the stores:
//! `cargo run --example migrate_profiles -- profiles profiles-v2`.

use futures::TryStreamExt;
use rblx_open_cloud::prelude::*;
use rblx_open_cloud_examples::Target;

/// What a migration did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Migrated {
    /// Keys copied and checked.
    pub keys: usize,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target = Target::from_env_or_emulator().await?;
    let from = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "profiles".to_owned());
    let to = std::env::args()
        .nth(2)
        .unwrap_or_else(|| format!("{from}-v2"));
    let experience = target.client.experience(target.universe_id);
    if target.emulator.is_some() {
        seed(&experience, &from).await?;
    }
    let migrated = migrate(&experience, &from, &to).await?;
    println!(
        "migrated {} keys from {from:?} (v1) to {to:?} (v2)",
        migrated.keys
    );
    if let Some(emulator) = target.emulator {
        emulator.shutdown().await;
    }
    Ok(())
}

/// Writes a few v1 profiles, with user ids and attributes, in two scopes.
pub async fn seed(experience: &Experience, store: &str) -> Result<(), Error> {
    let v1 = experience.data_store(store);
    for (scope, user) in [("global", 1_u64), ("global", 2), ("season-2", 3)] {
        let mut attributes = serde_json::Map::new();
        attributes.insert("schema".into(), serde_json::json!(1));
        v1.clone()
            .with_scope(scope)
            .set(
                format!("user_{user}"),
                &serde_json::json!({"coins": user * 10, "level": user}),
            )
            .user_ids([user])
            .attributes(attributes)
            .await?;
    }
    Ok(())
}

/// Copies every key of `from` (v1, every scope) to `to` (v2), keeping user ids and
/// attributes, then checks each copy through v2.
pub async fn migrate(experience: &Experience, from: &str, to: &str) -> Result<Migrated, Error> {
    let keys: Vec<_> = experience
        .data_store(from)
        .all_scopes()
        .list_keys()
        .try_collect()
        .await?;
    let mut migrated = 0;
    for item in keys {
        let v1 = experience.data_store(from).with_scope(&item.scope);
        let (value, info) = match v1.get(&item.key).await {
            Ok(found) => found,
            // Listed but deleted since (v1 lists keys it has not purged yet).
            Err(e) if e.is_not_found() => continue,
            Err(e) => return Err(e),
        };
        let v2 = experience.data_store_v2(to).with_scope(&item.scope);
        let written = v2
            .set(&item.key, &value)
            .user_ids(info.user_ids.iter().copied())
            .attributes(info.attributes.clone())
            .await?;
        let (copy, entry) = v2.get(&item.key).await?;
        if copy != value || entry.user_ids != info.user_ids || entry.attributes != info.attributes {
            return Err(Error::decode(
                format!("{}/{} did not read back as written", item.scope, item.key),
                None,
            ));
        }
        println!(
            "{}/{}: v1 version {} -> v2 revision {}",
            item.scope, item.key, info.version, written.version
        );
        migrated += 1;
    }
    Ok(Migrated { keys: migrated })
}
