//! The migrate_profiles example against an emulator started here: v1 profiles in two
//! scopes end up in a v2 store with their user ids and attributes.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs, dead_code)]

#[path = "../migrate_profiles.rs"]
mod migrate_profiles;

use futures::TryStreamExt;
use rblx_open_cloud::emulator::Emulator;
use rblx_open_cloud::prelude::*;

#[tokio::test]
async fn every_profile_moves_to_v2_with_its_metadata() {
    let emulator = Emulator::start().await.unwrap();
    let client = Client::builder()
        .base_url(emulator.base_url())
        .api_key(emulator.api_key())
        .build()
        .unwrap();
    let experience = client.experience(emulator.universe_id());
    migrate_profiles::seed(&experience, "profiles")
        .await
        .unwrap();
    let migrated = migrate_profiles::migrate(&experience, "profiles", "profiles-v2")
        .await
        .unwrap();
    assert_eq!(migrated.keys, 3);

    let copied: Vec<_> = experience
        .data_store_v2("profiles-v2")
        .all_scopes()
        .list_keys()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(copied.len(), 3);
    let (value, entry) = experience
        .data_store_v2("profiles-v2")
        .with_scope("season-2")
        .get("user_3")
        .await
        .unwrap();
    assert_eq!(value, serde_json::json!({"coins": 30, "level": 3}));
    assert_eq!(entry.user_ids, [3]);
    assert_eq!(entry.attributes["schema"], 1);
    // Running it again rewrites the same profiles.
    let again = migrate_profiles::migrate(&experience, "profiles", "profiles-v2")
        .await
        .unwrap();
    assert_eq!(again, migrated);
}
