//! Place publishing against the emulator over real sockets.

mod common;

use common::*;
use oc_assets::{Content, ExperiencePlacesExt, VersionType};
use oc_emulator::{Config, Owner, UniverseConfig, DEFAULT_USER_ID};

#[tokio::test]
async fn saved_and_published_versions_count_up_per_place() {
    let emulator = emulator().await;
    let experience = client(&emulator).experience(emulator.universe_id());
    let place = emulator.place_id();
    let binary = temp_file("level.rbxl", &sample("rbxl")).unwrap();
    let v1 = experience
        .publish_place(place, Content::file(&binary.path).await.unwrap())
        .await
        .unwrap();
    let v2 = experience
        .publish_place(place, Content::file(&binary.path).await.unwrap())
        .version_type(VersionType::Published)
        .await
        .unwrap();
    let xml = Content::bytes(sample("rbxlx")).file_name("level.rbxlx");
    let v3 = experience
        .publish_place(place, xml)
        .version_type(VersionType::Saved)
        .await
        .unwrap();
    assert_eq!((v1, v2, v3), (1, 2, 3));
    let versions = emulator.place_versions();
    let kinds: Vec<(&str, &str, u64)> = versions
        .iter()
        .map(|v| (v.version_type.as_str(), v.content_type.as_str(), v.version))
        .collect();
    assert_eq!(
        kinds,
        [
            ("Saved", "application/octet-stream", 1),
            ("Published", "application/octet-stream", 2),
            ("Saved", "application/xml", 3),
        ]
    );
    assert_eq!(versions[0].size, sample("rbxl").len() as u64);
}

#[tokio::test]
async fn a_409_keeps_the_service_message() {
    let mut config = config();
    config.universes.push(UniverseConfig {
        id: 1001,
        places: vec![2001, 2002],
        owner: Owner::User(DEFAULT_USER_ID),
    });
    config.assets.team_create_places = vec![2002];
    let emulator = emulator_with(config).await;
    let client = client(&emulator);
    let content = || Content::bytes(sample("rbxl")).file_name("level.rbxl");
    match client
        .experience(emulator.universe_id())
        .publish_place(2001, content())
        .await
    {
        Err(oc_core::Error::Conflict(api)) => {
            assert_eq!(api.message(), Some("Place not part of the universe."))
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    match client.experience(1001).publish_place(2002, content()).await {
        Err(oc_core::Error::Conflict(api)) => {
            assert!(api.message().unwrap().contains("Team Create"), "{api}")
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(
        client
            .experience(1001)
            .publish_place(2001, content())
            .await
            .unwrap(),
        1
    );
    assert_eq!(count(&emulator, "places.publish"), 3);
}

#[tokio::test]
async fn bearer_tokens_cannot_publish_places() {
    let emulator = emulator().await;
    let content = Content::bytes(sample("rbxl")).file_name("level.rbxl");
    let result = bearer_client(&emulator)
        .experience(emulator.universe_id())
        .publish_place(emulator.place_id(), content)
        .await;
    assert!(
        matches!(result, Err(oc_core::Error::Unauthorized(_))),
        "{result:?}"
    );
    assert!(emulator.place_versions().is_empty());
}

#[tokio::test]
async fn the_emulator_caps_places_by_its_configuration() {
    let mut config: Config = config();
    config.assets.max_place_bytes = 16;
    let emulator = emulator_with(config).await;
    let content = Content::bytes(sample("rbxl")).file_name("level.rbxl");
    let result = client(&emulator)
        .experience(emulator.universe_id())
        .publish_place(emulator.place_id(), content)
        .await;
    assert_eq!(
        result.map_err(|e| e.status().map(|s| s.as_u16())),
        Err(Some(413))
    );
    assert!(emulator.place_versions().is_empty());
}
