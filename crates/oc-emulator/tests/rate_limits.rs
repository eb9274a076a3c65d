//! Rate limits: 429 with the quota headers, pooled per owner, per universe, and off.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use http::Method;
use oc_emulator::{Config, Emulator};

const CONFIG: &str = r#"
[rate_limits]
messaging_publish_per_owner = 2
datastores_per_universe_reads = 3

[[universes]]
id = 1000
owner = { user = 3000 }

[[users]]
id = 3000
name = "owner"

[[api_keys]]
key = "first"
owner = { user = 3000 }
[[api_keys.grants]]
universe = "*"
scopes = ["*"]

[[api_keys]]
key = "second"
owner = { user = 3000 }
[[api_keys.grants]]
universe = "*"
scopes = ["*"]
"#;

async fn publish_with(emulator: &oc_emulator::EmulatorHandle, key: &str) -> Answer {
    call(emulator, Method::POST, publish_path(1000, "t"))
        .credential("x-api-key", key)
        .json(r#"{"message":"m"}"#)
        .answer()
        .await
}

#[tokio::test]
async fn a_small_limit_gives_429_with_headers_pooled_per_owner() {
    let emulator = emulator_with(CONFIG).await;
    let first = publish_with(&emulator, "first").await;
    assert_eq!(first.status, 200);
    assert_eq!(
        first.header("x-ratelimit-limit"),
        Some("2, 2;w=60, 10000;w=60")
    );
    assert_eq!(first.header("x-ratelimit-remaining"), Some("1"));
    let reset: u64 = first.header("x-ratelimit-reset").unwrap().parse().unwrap();
    assert!((1..=60).contains(&reset), "{reset}");
    assert_eq!(first.header("retry-after"), None);

    // The second key has the same owner: it shares the window.
    let second = publish_with(&emulator, "second").await;
    assert_eq!(second.status, 200);
    assert_eq!(second.header("x-ratelimit-remaining"), Some("0"));

    let refused = publish_with(&emulator, "first").await;
    assert_eq!(refused.status, 429);
    assert_eq!(refused.header("x-ratelimit-limit"), Some("2, 2;w=60"));
    assert_eq!(refused.header("x-ratelimit-remaining"), Some("0"));
    let retry_after: u64 = refused.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    assert_eq!(refused.json()["errors"][0]["code"], 0);
    assert_eq!(emulator.published_messages().len(), 2);

    emulator.set_rate_limits_enabled(false);
    let unlimited = publish_with(&emulator, "first").await;
    assert_eq!(unlimited.status, 200);
    assert_eq!(unlimited.header("x-ratelimit-limit"), None);
    emulator.set_rate_limits_enabled(true);
    assert_eq!(publish_with(&emulator, "second").await.status, 429);
}

#[tokio::test]
async fn data_store_reads_are_limited_per_universe_in_the_data_store_shape() {
    let emulator = emulator_with(CONFIG).await;
    emulator.add_data_store(1000, "coins");
    for key in ["first", "second", "first"] {
        let answer = call(&emulator, Method::GET, list_path(1000, ""))
            .credential("x-api-key", key)
            .answer()
            .await;
        assert_eq!(answer.status, 200);
    }
    let refused = call(&emulator, Method::GET, list_path(1000, ""))
        .answer()
        .await;
    assert_eq!(refused.status, 429);
    assert_eq!(refused.header("x-ratelimit-limit"), Some("3, 3;w=60"));
    assert!(refused.header("retry-after").is_some());
    assert_eq!(
        refused.json(),
        serde_json::json!({
            "error": "RESOURCE_EXHAUSTED",
            "message": "Too many requests.",
            "errorDetails": [{"errorDetailType": "DatastoreErrorInfo", "datastoreErrorCode": "TooManyRequests"}],
        })
    );
}

#[tokio::test]
async fn limits_can_be_turned_off_by_the_builder_or_the_configuration() {
    let config = Config::from_toml_str(CONFIG).unwrap();
    let off = Emulator::builder()
        .config(config)
        .rate_limits(false)
        .start()
        .await
        .unwrap();
    for _ in 0..5 {
        let answer = publish_with(&off, "first").await;
        assert_eq!(answer.status, 200);
        assert_eq!(answer.header("x-ratelimit-remaining"), None);
    }
    let disabled = format!(
        "{}\n",
        CONFIG.replace("[rate_limits]", "[rate_limits]\nenabled = false")
    );
    let off = emulator_with(&disabled).await;
    for _ in 0..5 {
        assert_eq!(publish_with(&off, "first").await.status, 200);
    }
}

#[tokio::test]
async fn the_default_limits_are_the_published_ones() {
    let emulator = Emulator::start().await.unwrap();
    let answer = publish(&emulator, "t", "m").await;
    assert_eq!(
        answer.header("x-ratelimit-limit"),
        Some("5000, 5000;w=60, 10000;w=60")
    );
    assert_eq!(answer.header("x-ratelimit-remaining"), Some("4999"));
    let list = call(
        &emulator,
        Method::GET,
        list_path(emulator.universe_id(), ""),
    )
    .answer()
    .await;
    assert_eq!(
        list.header("x-ratelimit-limit"),
        Some("300, 300;w=60, 5000;w=60")
    );
    assert_eq!(list.header("x-ratelimit-remaining"), Some("299"));
}
