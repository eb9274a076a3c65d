//! Get Subscription through Open Cloud v2 over real sockets.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use http::Method;
use oc_emulator::SubscriptionConfig;
use serde_json::json;

const CONFIG: &str = r#"
[[universes]]
id = 10
owner = { user = 30 }

[[users]]
id = 30
name = "owner"

[[users]]
id = 31
name = "subscriber"

[[api_keys]]
key = "full"
owner = { user = 30 }
[[api_keys.grants]]
universe = "*"
scopes = ["universe:write"]

[[oauth_tokens]]
token = "own"
user = 31
universes = [10]
scopes = ["universe.subscription-product.subscription:read"]

[[subscriptions]]
universe = 10
product = "EXP-1"
user = 31
state = "SUBSCRIBED_WILL_NOT_RENEW"
purchase_platform = "MOBILE"
payment_provider = "APPLE"
create_time = "2024-01-02T03:04:05+01:00"
next_renew_time = "2024-02-02T02:04:05.5Z"

[[subscriptions]]
universe = 10
product = "EXP-1"
user = 30
state = "EXPIRED"
expiration_reason = "LAPSED"
"#;

const PATH: &str = "/cloud/v2/universes/10/subscription-products/EXP-1/subscriptions";

#[tokio::test]
async fn the_basic_view_shows_only_whether_it_is_active() {
    let emulator = emulator_with(CONFIG).await;
    let answer = call(&emulator, Method::GET, format!("{PATH}/31"))
        .answer()
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(
        answer.json(),
        json!({
            "path": "universes/10/subscription-products/EXP-1/subscriptions/31",
            "active": true,
            "willRenew": false,
        })
    );
}

#[tokio::test]
async fn the_full_view_shows_every_field() {
    let emulator = emulator_with(CONFIG).await;
    let full = call(&emulator, Method::GET, format!("{PATH}/31?view=FULL"))
        .answer()
        .await
        .json();
    assert_eq!(full["state"], "SUBSCRIBED_WILL_NOT_RENEW");
    assert_eq!(full["purchasePlatform"], "MOBILE");
    assert_eq!(full["paymentProvider"], "APPLE");
    assert_eq!(full["createTime"], "2024-01-02T02:04:05Z");
    assert_eq!(full["nextRenewTime"], "2024-02-02T02:04:05.500Z");
    assert_eq!(full["user"], "users/31");
    assert!(full.get("expireTime").is_none());
    assert!(full.get("expirationDetails").is_none());
    let expired = call(&emulator, Method::GET, format!("{PATH}/30?view=full"))
        .answer()
        .await
        .json();
    assert_eq!(expired["active"], false);
    assert_eq!(expired["expirationDetails"], json!({"reason": "LAPSED"}));
    let bad = call(&emulator, Method::GET, format!("{PATH}/31?view=ALL"))
        .answer()
        .await;
    assert_eq!(bad.status, 400);
    let missing = call(&emulator, Method::GET, format!("{PATH}/32"))
        .answer()
        .await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["code"], "NOT_FOUND");
}

#[tokio::test]
async fn the_read_scope_reads_only_the_callers_own() {
    let emulator = emulator_with(CONFIG).await;
    let own = call(&emulator, Method::GET, format!("{PATH}/31"))
        .credential("authorization", "Bearer own")
        .answer()
        .await;
    assert_eq!(own.status, 200, "{}", own.body);
    let other = call(&emulator, Method::GET, format!("{PATH}/30"))
        .credential("authorization", "Bearer own")
        .answer()
        .await;
    assert_eq!(other.status, 403);
    assert_eq!(other.json()["code"], "PERMISSION_DENIED");
}

#[tokio::test]
async fn subscriptions_are_seeded_from_the_handle() {
    let emulator = emulator().await;
    let universe = emulator.universe_id();
    let mut subscription = SubscriptionConfig::new(universe, "EXP-9", 3000);
    subscription.state = "SUBSCRIBED_RENEWAL_PAYMENT_PENDING".into();
    emulator.set_subscription(&subscription).unwrap();
    let answer = call(
        &emulator,
        Method::GET,
        format!("/cloud/v2/universes/{universe}/subscription-products/EXP-9/subscriptions/3000"),
    )
    .answer()
    .await;
    assert_eq!(answer.json()["active"], true);
    assert_eq!(answer.json()["willRenew"], true);
    assert_eq!(
        emulator.subscription(universe, "EXP-9", 3000),
        Some(subscription.clone())
    );
    subscription.state = "NOPE".into();
    assert!(emulator.set_subscription(&subscription).is_err());
}

#[tokio::test]
async fn api_keys_and_oauth_tokens_have_their_own_limits() {
    let toml = CONFIG.to_owned()
        + "\n[rate_limits]\nsubscriptions_per_owner = 1\nsubscriptions_per_oauth_token = 2\n";
    let emulator = emulator_with(&toml).await;
    let key = call(&emulator, Method::GET, format!("{PATH}/31"))
        .answer()
        .await;
    assert_eq!(key.header("x-ratelimit-limit"), Some("1, 1;w=60"));
    assert_eq!(
        call(&emulator, Method::GET, format!("{PATH}/31"))
            .answer()
            .await
            .status,
        429
    );
    for _ in 0..2 {
        let token = call(&emulator, Method::GET, format!("{PATH}/31"))
            .credential("authorization", "Bearer own")
            .answer()
            .await;
        assert_eq!(token.status, 200);
    }
    let over = call(&emulator, Method::GET, format!("{PATH}/31"))
        .credential("authorization", "Bearer own")
        .answer()
        .await;
    assert_eq!(over.status, 429);
    assert_eq!(over.json()["code"], "RESOURCE_EXHAUSTED");
}
