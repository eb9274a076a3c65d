//! Inventories against the emulator over real sockets: every filter, the visibility
//! rules, paging across many pages with and without a limit, and the filters refused
//! before anything is sent.

use futures::TryStreamExt;
use oc_core::{Client, Error, RetryConfig};
use oc_emulator::{
    CollectibleConfig, Config, Emulator, EmulatorHandle, InventoryItemConfig, InventoryItemKind,
    Owner, UniverseSelector, UserConfig, DEFAULT_USER_ID,
};
use oc_inventory::{
    CollectibleState, InventoryAssetType, InventoryItem, InventoryItemDetails, UserInventoryExt,
};

/// Another user, whose inventory the default key (user 3000's) does not own.
const OTHER: u64 = 4242;
const TOKEN: &str = "other-user-token";

async fn emulator() -> EmulatorHandle {
    let config = Config::default()
        .with_oauth_token(
            TOKEN,
            DEFAULT_USER_ID,
            &[UniverseSelector::All],
            &["user.inventory-item:read"],
        )
        .with_api_key(
            "no-inventory-scope",
            Owner::User(DEFAULT_USER_ID),
            UniverseSelector::All,
            &["asset:read"],
        );
    match Emulator::builder()
        .config(config)
        .rate_limits(false)
        .start()
        .await
    {
        Ok(handle) => handle,
        Err(e) => panic!("the emulator did not start: {e}"),
    }
}

fn build(builder: oc_core::ClientBuilder) -> Client {
    match builder.retry(RetryConfig::disabled()).build() {
        Ok(client) => client,
        Err(e) => panic!("client: {e}"),
    }
}

fn client(emulator: &EmulatorHandle) -> Client {
    build(
        Client::builder()
            .base_url(emulator.base_url())
            .api_key(emulator.api_key()),
    )
}

fn add(emulator: &EmulatorHandle, item: InventoryItemConfig) {
    if let Err(e) = emulator.add_inventory_item(&item) {
        panic!("seeding {item:?}: {e}");
    }
}

/// User `user`'s items: three hats (one a collectible) of two assets, pants, a t-shirt
/// accessory, a purchased place, two badges, two passes, two private servers.
fn seed(emulator: &EmulatorHandle, user: u64) {
    add(
        emulator,
        InventoryItemConfig::asset(user, 10, "HAT").with_instance_id(1001),
    );
    add(
        emulator,
        InventoryItemConfig::asset(user, 10, "HAT").with_instance_id(1002),
    );
    let mut limited = CollectibleConfig::new("item-uuid", "copy-uuid");
    limited.state = "HOLD".into();
    limited.serial_number = Some(160);
    add(
        emulator,
        InventoryItemConfig::asset(user, 11, "HAT")
            .with_instance_id(1003)
            .with_collectible(limited),
    );
    add(
        emulator,
        InventoryItemConfig::asset(user, 12, "CLASSIC_PANTS").with_instance_id(1004),
    );
    add(
        emulator,
        InventoryItemConfig::asset(user, 13, "TSHIRT_ACCESSORY").with_instance_id(1005),
    );
    add(
        emulator,
        InventoryItemConfig::asset(user, 14, "PURCHASED_PLACE").with_instance_id(1006),
    );
    for (kind, ids) in [
        (InventoryItemKind::Badge, [20, 21]),
        (InventoryItemKind::GamePass, [30, 31]),
        (InventoryItemKind::PrivateServer, [40, 41]),
    ] {
        for id in ids {
            add(emulator, InventoryItemConfig::other(user, kind, id));
        }
    }
}

/// A short name for each item: `asset:<instance>`, `badge:<id>`, ...
fn names(items: &[InventoryItem]) -> Vec<String> {
    items
        .iter()
        .map(|item| match &item.details {
            InventoryItemDetails::Asset(asset) => format!("asset:{}", asset.instance_id),
            InventoryItemDetails::Badge { badge_id } => format!("badge:{badge_id}"),
            InventoryItemDetails::GamePass { game_pass_id } => format!("pass:{game_pass_id}"),
            InventoryItemDetails::PrivateServer { private_server_id } => {
                format!("server:{private_server_id}")
            }
            other => format!("{other:?}"),
        })
        .collect()
}

async fn list(list: oc_inventory::ListInventoryItems) -> Result<Vec<String>, Error> {
    let items: Vec<InventoryItem> = list.try_collect().await?;
    Ok(names(&items))
}

#[tokio::test]
async fn every_filter_selects_what_it_says() -> Result<(), Error> {
    let emulator = emulator().await;
    seed(&emulator, DEFAULT_USER_ID);
    let user = client(&emulator).user(DEFAULT_USER_ID);
    let all_assets = [
        "asset:1001",
        "asset:1002",
        "asset:1003",
        "asset:1004",
        "asset:1005",
        "asset:1006",
    ];
    let mut everything: Vec<&str> = all_assets.to_vec();
    everything.extend([
        "badge:20",
        "badge:21",
        "pass:30",
        "pass:31",
        "server:40",
        "server:41",
    ]);
    assert_eq!(list(user.inventory()).await?, everything);

    assert_eq!(
        list(user.inventory().asset_types([InventoryAssetType::Hat])).await?,
        ["asset:1001", "asset:1002", "asset:1003"]
    );
    assert_eq!(list(user.inventory().all_asset_types()).await?, all_assets);
    assert_eq!(
        list(user.inventory().all_asset_types().only_collectibles(true)).await?,
        ["asset:1003"]
    );
    assert_eq!(
        list(
            user.inventory()
                .asset_types([InventoryAssetType::Hat])
                .only_collectibles(true)
        )
        .await?,
        ["asset:1003"]
    );
    assert_eq!(
        list(user.inventory().badges(true)).await?,
        ["badge:20", "badge:21"]
    );
    assert_eq!(
        list(user.inventory().game_passes(true)).await?,
        ["pass:30", "pass:31"]
    );
    assert_eq!(
        list(user.inventory().private_servers(true)).await?,
        ["server:40", "server:41"]
    );
    assert!(list(user.inventory().badges(false)).await?.is_empty());
    // The reference's example: three asset types, passes, no badges.
    assert_eq!(
        list(
            user.inventory()
                .asset_types([InventoryAssetType::Hat, InventoryAssetType::ClassicPants])
                .asset_types([InventoryAssetType::TshirtAccessory])
                .game_passes(true)
                .badges(false)
        )
        .await?,
        [
            "asset:1001",
            "asset:1002",
            "asset:1003",
            "asset:1004",
            "asset:1005",
            "pass:30",
            "pass:31"
        ]
    );

    assert_eq!(
        list(user.inventory().asset_ids([10])).await?,
        ["asset:1001", "asset:1002"]
    );
    assert_eq!(
        list(user.inventory().badge_ids([21, 99])).await?,
        ["badge:21"]
    );
    assert_eq!(
        list(user.inventory().game_pass_ids([30])).await?,
        ["pass:30"]
    );
    assert_eq!(
        list(user.inventory().private_server_ids([41])).await?,
        ["server:41"]
    );
    assert!(
        list(user.inventory().game_pass_ids([12527]))
            .await?
            .is_empty(),
        "not owned"
    );
    // The reference's example: every kind of id at once.
    assert_eq!(
        list(
            user.inventory()
                .asset_ids([11, 12])
                .badge_ids([20])
                .game_pass_ids([31])
                .private_server_ids([40])
        )
        .await?,
        [
            "asset:1003",
            "asset:1004",
            "badge:20",
            "pass:31",
            "server:40"
        ]
    );

    // The details of a collectible copy.
    let items: Vec<InventoryItem> = user.inventory().asset_ids([11]).try_collect().await?;
    let InventoryItemDetails::Asset(asset) = &items[0].details else {
        panic!("an asset: {items:?}");
    };
    assert_eq!(
        (asset.asset_id, asset.asset_type.clone()),
        (11, InventoryAssetType::Hat)
    );
    let collectible = asset
        .collectible
        .clone()
        .map(|c| (c.item_id, c.instance_state, c.serial_number));
    assert_eq!(
        collectible,
        Some(("item-uuid".into(), CollectibleState::Hold, Some(160)))
    );
    assert!(items[0]
        .path
        .starts_with(&format!("users/{DEFAULT_USER_ID}/inventory-items/")));
    Ok(())
}

#[tokio::test]
async fn private_items_and_inventories_need_the_owner() -> Result<(), Error> {
    let emulator = emulator().await;
    emulator.add_user(UserConfig {
        id: OTHER,
        name: "other".into(),
        display_name: None,
    });
    seed(&emulator, OTHER);
    let client = client(&emulator);
    // A stranger sees a public inventory without private servers and purchased places.
    let seen = list(client.user(OTHER).inventory()).await?;
    assert_eq!(seen.len(), 9, "{seen:?}");
    assert!(!seen
        .iter()
        .any(|n| n.starts_with("server:") || n == "asset:1006"));
    for asking in [
        client.user(OTHER).inventory().private_servers(true),
        client.user(OTHER).inventory().private_server_ids([40]),
        client
            .user(OTHER)
            .inventory()
            .asset_types([InventoryAssetType::PurchasedPlace]),
    ] {
        let refused = list(asking).await;
        assert_eq!(
            refused.err().and_then(|e| e.status()).map(|s| s.as_u16()),
            Some(403)
        );
    }
    // A private inventory is the owner's alone.
    emulator.set_inventory_private(OTHER, true);
    let refused = list(client.user(OTHER).inventory()).await;
    assert_eq!(
        refused.err().and_then(|e| e.status()).map(|s| s.as_u16()),
        Some(403)
    );
    emulator.set_inventory_private(DEFAULT_USER_ID, true);
    seed(&emulator, DEFAULT_USER_ID);
    // The owner's OAuth token with the scope sees everything.
    let bearer = build(
        Client::builder()
            .base_url(emulator.base_url())
            .access_token(TOKEN),
    );
    assert_eq!(
        list(bearer.user(DEFAULT_USER_ID).inventory()).await?.len(),
        12
    );
    // The owner's key without the scope does not.
    let unscoped = build(
        Client::builder()
            .base_url(emulator.base_url())
            .api_key("no-inventory-scope"),
    );
    let refused = list(unscoped.user(DEFAULT_USER_ID).inventory()).await;
    assert_eq!(
        refused.err().and_then(|e| e.status()).map(|s| s.as_u16()),
        Some(403)
    );
    // An unknown user.
    let missing = list(client.user(999_999).inventory()).await;
    assert!(missing.is_err_and(|e| e.is_not_found()));
    Ok(())
}

#[tokio::test]
async fn many_pages_with_and_without_a_limit() -> Result<(), Error> {
    let emulator = emulator().await;
    for id in 1..=230 {
        add(
            &emulator,
            InventoryItemConfig::other(DEFAULT_USER_ID, InventoryItemKind::Badge, id),
        );
    }
    for id in 1..=20 {
        add(
            &emulator,
            InventoryItemConfig::asset(DEFAULT_USER_ID, 500 + id, "DECAL"),
        );
    }
    let user = client(&emulator).user(DEFAULT_USER_ID);
    let page_requests = |emulator: &EmulatorHandle| {
        emulator
            .requests()
            .iter()
            .filter(|r| r.route.as_deref() == Some("inventory.list"))
            .count()
    };

    emulator.clear_requests();
    let all: Vec<InventoryItem> = user.inventory().try_collect().await?;
    assert_eq!(all.len(), 250);
    assert_eq!(page_requests(&emulator), 3, "pages of 100");
    let paths: std::collections::BTreeSet<&str> = all.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(paths.len(), 250, "no item twice");

    emulator.clear_requests();
    let badges: Vec<InventoryItem> = user
        .inventory()
        .badges(true)
        .page_size(7)
        .try_collect()
        .await?;
    assert_eq!(
        names(&badges),
        (1..=230)
            .map(|id| format!("badge:{id}"))
            .collect::<Vec<_>>()
    );
    assert_eq!(page_requests(&emulator), 33, "230 badges in pages of 7");

    emulator.clear_requests();
    let limited: Vec<InventoryItem> = user
        .inventory()
        .page_size(10)
        .limit(25)
        .try_collect()
        .await?;
    assert_eq!(limited[..], all[..25]);
    assert_eq!(page_requests(&emulator), 3, "10, 10, then 5");

    emulator.clear_requests();
    let decals: Vec<InventoryItem> = user
        .inventory()
        .asset_types([InventoryAssetType::Decal])
        .page_size(5)
        .limit(12)
        .try_collect()
        .await?;
    assert_eq!(decals.len(), 12);
    assert_eq!(page_requests(&emulator), 3);
    Ok(())
}

#[tokio::test]
async fn broken_filters_are_refused_before_sending() {
    let emulator = emulator().await;
    let user = client(&emulator).user(DEFAULT_USER_ID);
    emulator.clear_requests();
    for (broken, field) in [
        (user.inventory().badges(true).badge_ids([1]), "filter"),
        (
            user.inventory().all_asset_types().private_server_ids([1]),
            "filter",
        ),
        (
            user.inventory().only_collectibles(true),
            "only_collectibles",
        ),
        (user.inventory().asset_ids([]), "asset_ids"),
        (user.inventory().asset_ids([0]), "asset_ids"),
        (user.inventory().badge_ids([]), "badge_ids"),
        (user.inventory().game_pass_ids([0]), "game_pass_ids"),
        (
            user.inventory().private_server_ids([]),
            "private_server_ids",
        ),
        (user.inventory().asset_types([]), "asset_types"),
        (
            user.inventory()
                .asset_types([InventoryAssetType::Unspecified]),
            "asset_types",
        ),
        (
            user.inventory()
                .asset_types([InventoryAssetType::Other("HAT;badges=true".into())]),
            "asset_types",
        ),
        (client(&emulator).user(0).inventory(), "user_id"),
    ] {
        let refused = list(broken).await;
        assert!(
            matches!(&refused, Err(Error::InvalidInput(e)) if e.field() == field),
            "{field}: {refused:?}"
        );
    }
    assert!(emulator.requests().is_empty(), "{:?}", emulator.requests());
}
