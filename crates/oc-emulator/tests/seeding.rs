//! Every resource the emulator serves can be put in place before a test: from the
//! configuration file and from the handle.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{call, emulator, emulator_with, publish_path};
use http::Method;
use oc_emulator::{
    ApiKeyConfig, DataStoreEntryConfig, EmulatorHandle, ExistingAsset, Grant, GroupConfig,
    OAuth2AppConfig, OAuthTokenConfig, OrderedEntryConfig, Owner, UniverseConfig, UniverseSelector,
    UserConfig,
};
use serde_json::json;

const SEEDED: &str = r#"
[assets]
[[assets.existing]]
id = 777
asset_type = "Decal"
display_name = "Logo"
creator = { group = 40 }

[[universes]]
id = 10
places = [20]
owner = { user = 30 }

[[users]]
id = 30
name = "seeded"

[[groups]]
id = 40
name = "Seeded Group"
owner = 30

[[api_keys]]
key = "seeded-key"
owner = { user = 30 }
[[api_keys.grants]]
universe = "*"
scopes = ["*"]

[[data_store_entries]]
universe = 10
data_store = "Inventory"
key = "Player_30"
value = { coins = 5 }
user_ids = [30]

[[ordered_data_store_entries]]
universe = 10
data_store = "Leaderboard"
id = "Player_30"
value = 42
"#;

/// Reads back what `seeded_into` expects: a standard entry, an ordered entry, an asset.
async fn read_back(emulator: &EmulatorHandle, universe: u64, asset: u64) {
    let entry = call(
        emulator,
        Method::GET,
        format!(
            "/datastores/v1/universes/{universe}/standard-datastores/datastore/entries/entry?datastoreName=Inventory&entryKey=Player_30"
        ),
    )
    .answer()
    .await;
    assert_eq!(entry.status, 200, "{}", entry.body);
    assert_eq!(entry.json(), json!({ "coins": 5 }));
    assert_eq!(entry.header("roblox-entry-userids"), Some("[30]"));
    let stores = call(
        emulator,
        Method::GET,
        format!("/datastores/v1/universes/{universe}/standard-datastores?limit=10"),
    )
    .answer()
    .await;
    assert_eq!(stores.json()["datastores"][0]["name"], "Inventory");
    let ordered = call(
        emulator,
        Method::GET,
        format!(
            "/ordered-data-stores/v1/universes/{universe}/orderedDataStores/Leaderboard/scopes/global/entries/Player_30"
        ),
    )
    .answer()
    .await;
    assert_eq!(ordered.status, 200, "{}", ordered.body);
    assert_eq!(ordered.json()["value"], 42);
    let asset_answer = call(emulator, Method::GET, format!("/assets/v1/assets/{asset}"))
        .answer()
        .await;
    assert_eq!(asset_answer.status, 200, "{}", asset_answer.body);
    assert_eq!(asset_answer.json()["displayName"], "Logo");
}

#[tokio::test]
async fn the_configuration_seeds_entries_ordered_entries_and_assets() {
    let emulator = emulator_with(SEEDED).await;
    assert_eq!(emulator.api_key(), "seeded-key");
    read_back(&emulator, 10, 777).await;
    assert_eq!(emulator.assets()[0].creator, Owner::Group(40));
}

#[tokio::test]
async fn the_handle_seeds_every_resource() {
    let emulator = emulator().await;
    emulator.add_user(UserConfig {
        id: 31,
        name: "late".into(),
        display_name: None,
    });
    emulator.add_group(GroupConfig {
        id: 41,
        name: "Late Group".into(),
        owner: 31,
    });
    emulator.add_universe(&UniverseConfig {
        id: 11,
        places: vec![21],
        owner: Owner::User(31),
    });
    emulator.add_api_key(&ApiKeyConfig {
        key: "late-key".into(),
        owner: Owner::User(31),
        grants: vec![Grant {
            universe: UniverseSelector::Id(11),
            scopes: vec!["universe-messaging-service:publish".into()],
        }],
    });
    emulator.add_oauth_token(&OAuthTokenConfig {
        token: "late-token".into(),
        user: 31,
        universes: vec![UniverseSelector::Id(11)],
        scopes: vec!["universe-messaging-service:publish".into()],
    });
    let mut entry = DataStoreEntryConfig::new(11, "Inventory", "Player_30", json!({ "coins": 5 }));
    entry.user_ids = vec![30];
    emulator.set_data_store_entry(&entry);
    emulator.set_ordered_entry(&OrderedEntryConfig::new(11, "Leaderboard", "Player_30", 42));
    let asset = emulator.add_asset(&ExistingAsset {
        id: None,
        asset_type: "Decal".into(),
        display_name: "Logo".into(),
        description: String::new(),
        creator: Owner::Group(41),
        content_type: None,
        size: 10,
    });
    read_back(&emulator, 11, asset.id).await;

    let body = json!({ "message": "hi" }).to_string();
    for (name, value) in [
        ("x-api-key", "late-key"),
        ("authorization", "Bearer late-token"),
    ] {
        let published = call(&emulator, Method::POST, publish_path(11, "t"))
            .credential(name, value)
            .json(&body)
            .answer()
            .await;
        assert_eq!(published.status, 200, "{name}: {}", published.body);
    }
    assert_eq!(emulator.published_messages().len(), 2);

    let mut app = OAuth2AppConfig::default_app();
    app.client_id = "42".into();
    app.user = 31;
    emulator.add_oauth2_app(app);
    let authorize = call(
        &emulator,
        Method::GET,
        "/oauth/v1/authorize?client_id=42&redirect_uri=http%3A%2F%2Flocalhost%2Fcallback&scope=openid&response_type=code",
    )
    .anonymous()
    .answer()
    .await;
    assert_eq!(authorize.status, 302, "{}", authorize.body);
    assert!(authorize.header("location").unwrap().contains("code="));
}
