//! Users, inventories and user notifications through Open Cloud v2 over real sockets: the
//! wire shapes, seeding from TOML, refused configurations, page tokens bound to the
//! inventory filter, the notification body in the guide's spelling, and rate limits.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use http::Method;
use oc_emulator::Config;
use serde_json::json;

const CONFIG: &str = r#"
[rate_limits]
users_per_owner = 3

[[universes]]
id = 10
owner = { user = 30 }

[[users]]
id = 30
name = "owner"
display_name = "The Owner"

[[users]]
id = 31
name = "shy"

[[api_keys]]
key = "full"
owner = { user = 30 }
[[api_keys.grants]]
universe = "*"
scopes = ["*"]

[[user_profiles]]
user = 30
about = "hello"
locale = "en_us"
premium = true
id_verified = true
create_time = "2013-07-13T07:50:00.083Z"
guilded = "https://guilded.gg/owner"
social_visibility = "EVERYONE"

[[asset_quotas]]
user = 30
asset_type = "AUDIO"
usage = 2
capacity = 100
usage_reset_time = "2030-01-01T00:00:00Z"

[inventory]
private_users = [31]

[[inventory_items]]
user = 30
kind = "asset"
id = 1028595
asset_type = "CLASSIC_TSHIRT"
instance_id = 200105119388

[[inventory_items]]
user = 30
kind = "game_pass"
id = 12527
add_time = "2024-01-01T00:00:00Z"

[[inventory_items]]
user = 30
kind = "badge"
id = 5
add_time = "2024-01-01T00:00:00Z"

[[inventory_items]]
user = 31
kind = "badge"
id = 6
"#;

fn key(call: Call<'_>) -> Call<'_> {
    call.credential("x-api-key", "full")
}

#[tokio::test]
async fn seeded_users_quotas_and_inventories_have_the_documented_shapes() {
    let emulator = emulator_with(CONFIG).await;
    let user = key(call(&emulator, Method::GET, "/cloud/v2/users/30"))
        .answer()
        .await;
    assert_eq!(user.status, 200, "{}", user.body);
    assert_eq!(
        user.json(),
        json!({"path":"users/30","createTime":"2013-07-13T07:50:00.083Z","id":"30","name":"owner",
               "displayName":"The Owner","about":"hello","locale":"en_us","premium":true,"idVerified":true,
               "socialNetworkProfiles":{"facebook":"","twitter":"","youtube":"","twitch":"",
                 "guilded":"https://guilded.gg/owner","visibility":"EVERYONE"}})
    );
    let bad_id = key(call(&emulator, Method::GET, "/cloud/v2/users/abc"))
        .answer()
        .await;
    assert_eq!(
        (bad_id.status, bad_id.json()["code"].clone()),
        (400, json!("INVALID_ARGUMENT"))
    );

    let quotas = key(call(
        &emulator,
        Method::GET,
        "/cloud/v2/users/30/asset-quotas",
    ))
    .answer()
    .await;
    assert_eq!(
        quotas.json(),
        json!({"assetQuotas":[{"path":"users/30/asset-quotas/rate-limit-upload-audio-month",
               "quotaType":"RATE_LIMIT_UPLOAD","assetType":"AUDIO","usage":2,"capacity":100,
               "period":"MONTH","usageResetTime":"2030-01-01T00:00:00Z"}],"nextPageToken":""})
    );
    // The reference's own filter example, in PascalCase.
    let filtered = key(call(
        &emulator,
        Method::GET,
        "/cloud/v2/users/30/asset-quotas?filter=quotaType%20%3D%3D%20RateLimitUpload%20%26%26%20assetType%20%3D%3D%20Audio",
    ))
    .answer()
    .await;
    assert_eq!(
        filtered.json()["assetQuotas"].as_array().map(Vec::len),
        Some(1)
    );

    let items = key(call(
        &emulator,
        Method::GET,
        "/cloud/v2/users/30/inventory-items",
    ))
    .answer()
    .await;
    assert_eq!(
        items.json(),
        json!({"inventoryItems":[
            {"path":"users/30/inventory-items/VVNFUl9BU1NFVF9JRD0yMDAxMDUxMTkzODg",
             "assetDetails":{"assetId":"1028595","inventoryItemAssetType":"CLASSIC_TSHIRT","instanceId":"200105119388"}},
            {"path":"users/30/inventory-items/QkFER0VfSUQ9NQ","badgeDetails":{"badgeId":"5"},"addTime":"2024-01-01T00:00:00Z"},
            {"path":"users/30/inventory-items/R0FNRV9QQVNTX0lEPTEyNTI3","gamePassDetails":{"gamePassId":"12527"}}
        ],"nextPageToken":""})
    );
    // User 31's inventory is private: not even the full key (user 30's) lists it.
    let private = key(call(
        &emulator,
        Method::GET,
        "/cloud/v2/users/31/inventory-items",
    ))
    .answer()
    .await;
    assert_eq!(
        (private.status, private.json()["code"].clone()),
        (403, json!("PERMISSION_DENIED"))
    );

    // users.get allows 3 a minute here: two calls were made, the third passes, the fourth is 429.
    let third = key(call(&emulator, Method::GET, "/cloud/v2/users/30"))
        .answer()
        .await;
    assert_eq!(third.status, 200);
    let fourth = key(call(&emulator, Method::GET, "/cloud/v2/users/30"))
        .answer()
        .await;
    assert_eq!(fourth.status, 429);
    assert_eq!(fourth.json()["code"], "RESOURCE_EXHAUSTED");
    // Each method has its own window.
    let thumbnail = key(call(
        &emulator,
        Method::GET,
        "/cloud/v2/users/30:generateThumbnail?size=64",
    ))
    .answer()
    .await;
    assert_eq!(thumbnail.status, 400, "an unsupported size");
}

#[tokio::test]
async fn configurations_naming_unknown_users_or_values_are_refused() {
    let base = "[[users]]\nid = 30\nname = \"u\"\n";
    for (extra, needle) in [
        (
            "[[user_profiles]]\nuser = 31\n",
            "user_profiles names user 31",
        ),
        (
            "[[user_profiles]]\nuser = 30\nsocial_visibility = \"SOME\"\n",
            "social_visibility",
        ),
        (
            "[[asset_quotas]]\nuser = 30\nasset_type = \"NOPE\"\ncapacity = 1\n",
            "asset_type",
        ),
        (
            "[[asset_quotas]]\nuser = 30\nasset_type = \"AUDIO\"\ncapacity = -1\n",
            "negative",
        ),
        (
            "[[inventory_items]]\nuser = 30\nkind = \"asset\"\nid = 1\n",
            "asset_type",
        ),
        (
            "[[inventory_items]]\nuser = 30\nkind = \"badge\"\nid = 1\nasset_type = \"HAT\"\n",
            "asset_type",
        ),
        (
            "[[inventory_items]]\nuser = 32\nkind = \"badge\"\nid = 1\n",
            "user 32",
        ),
        ("[inventory]\nprivate_users = [33]\n", "user 33"),
    ] {
        let error = Config::from_toml_str(&format!("{base}{extra}"))
            .expect_err(extra)
            .to_string();
        assert!(error.contains(needle), "{extra}: {error}");
    }
}

#[tokio::test]
async fn inventory_page_tokens_are_bound_to_the_filter() {
    let emulator = emulator().await;
    for id in 1..=3 {
        emulator
            .add_inventory_item(&oc_emulator::InventoryItemConfig::other(
                emulator.user_id(),
                oc_emulator::InventoryItemKind::Badge,
                id,
            ))
            .unwrap();
    }
    let base = format!("/cloud/v2/users/{}/inventory-items", emulator.user_id());
    let first = call(
        &emulator,
        Method::GET,
        format!("{base}?maxPageSize=1&filter=badges%3Dtrue"),
    )
    .answer()
    .await;
    let token = first.json()["nextPageToken"].as_str().unwrap().to_owned();
    assert!(!token.is_empty());
    let next = call(
        &emulator,
        Method::GET,
        format!("{base}?maxPageSize=1&filter=badges%3Dtrue&pageToken={token}"),
    )
    .answer()
    .await;
    assert_eq!(
        next.json()["inventoryItems"][0]["badgeDetails"]["badgeId"],
        "2"
    );
    let changed = call(
        &emulator,
        Method::GET,
        format!("{base}?maxPageSize=1&filter=gamePasses%3Dtrue&pageToken={token}"),
    )
    .answer()
    .await;
    assert_eq!(
        (changed.status, changed.json()["code"].clone()),
        (400, json!("INVALID_ARGUMENT"))
    );
    for bad in [
        "badges%3Dtrue%3BbadgeIds%3D1",
        "onlyCollectibles%3Dtrue",
        "colour%3Dred",
    ] {
        let refused = call(&emulator, Method::GET, format!("{base}?filter={bad}"))
            .answer()
            .await;
        assert_eq!(refused.status, 400, "{bad}");
        assert!(refused.json()["message"]
            .as_str()
            .unwrap()
            .starts_with("The provided filter is invalid"));
    }
}

#[tokio::test]
async fn notification_bodies_in_the_guides_spelling_are_taken() {
    let emulator = emulator().await;
    let path = format!("/cloud/v2/users/{}/notifications", emulator.user_id());
    let universe = emulator.universe_id();
    let snake = json!({"source":{"universe":format!("universes/{universe}")},
        "payload":{"message_id":"m-1","type":"MOMENT","parameters":{"egg":{"string_value":"royal"},"n":{"int64_value":"3"}}},
        "join_experience":{"launch_data":"ignored: outside payload"}});
    let created = call(&emulator, Method::POST, &path)
        .json(&snake.to_string())
        .answer()
        .await;
    assert_eq!(created.status, 200, "{}", created.body);
    let id = created.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(
        created.json()["path"],
        format!("users/{}/notifications/{id}", emulator.user_id())
    );
    let recorded = emulator.user_notifications();
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].message_id, "m-1");
    assert!(
        !recorded[0].join_experience,
        "join_experience outside payload is ignored"
    );
    assert_eq!(recorded[0].parameters.len(), 2);

    let source = json!({"universe": format!("universes/{universe}")});
    for payload in [
        json!({"messageId":"m"}),
        json!({"type":"TYPE_UNSPECIFIED","messageId":"m"}),
        json!({"type":"MOMENT"}),
        json!({"type":"MOMENT","messageId":"m","parameters":{"p":{"stringValue":"a","int64Value":1}}}),
        json!({"type":"MOMENT","messageId":"m","joinExperience":{"launchData":"x".repeat(201)}}),
    ] {
        let body = json!({"source": source, "payload": payload});
        let refused = call(&emulator, Method::POST, &path)
            .json(&body.to_string())
            .answer()
            .await;
        assert_eq!(refused.status, 400, "{payload}");
    }
    let unknown_universe =
        json!({"source":{"universe":"universes/999"},"payload":{"type":"MOMENT","messageId":"m"}});
    let refused = call(&emulator, Method::POST, &path)
        .json(&unknown_universe.to_string())
        .answer()
        .await;
    assert_eq!(refused.status, 404);
    assert_eq!(emulator.user_notifications().len(), 1);
}
