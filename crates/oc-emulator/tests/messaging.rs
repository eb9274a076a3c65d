//! MessagingService publish over real sockets.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use http::Method;

const CONFIG: &str = r#"
[[universes]]
id = 1000
places = [2000]
owner = { user = 3000 }

[[universes]]
id = 1001
owner = { group = 4000 }

[[users]]
id = 3000
name = "owner"

[[groups]]
id = 4000
name = "Group"
owner = 3000

[[api_keys]]
key = "full"
owner = { user = 3000 }
[[api_keys.grants]]
universe = "*"
scopes = ["*"]

[[api_keys]]
key = "datastores-only"
owner = { user = 3000 }
[[api_keys.grants]]
universe = 1000
scopes = ["universe-datastores.control:list"]

[[api_keys]]
key = "group-key"
owner = { group = 4000 }
[[api_keys.grants]]
universe = 1001
scopes = ["universe-messaging-service:publish"]

[[oauth_tokens]]
token = "token-1000"
user = 3000
universes = [1000]
scopes = ["universe-messaging-service:publish"]
"#;

#[tokio::test]
async fn a_message_is_stored_and_answered_with_an_empty_200() {
    let emulator = emulator().await;
    let answer = publish(&emulator, "a%20b%2Fc", "hello").await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.body, "");
    let published = emulator.published_messages();
    assert_eq!(published.len(), 1);
    assert_eq!(published[0].universe_id, emulator.universe_id());
    assert_eq!(published[0].topic, "a b/c");
    assert_eq!(published[0].message, "hello");

    let requests = emulator.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method, "POST");
    assert_eq!(
        requests[0].path,
        "/messaging-service/v1/universes/1000/topics/a%20b%2Fc"
    );
    assert_eq!(requests[0].route.as_deref(), Some("messaging.publish"));
    assert_eq!(requests[0].status, 200);
    assert_eq!(requests[0].credential_owner.as_deref(), Some("user:3000"));
    emulator.clear_requests();
    assert!(emulator.requests().is_empty());
}

#[tokio::test]
async fn a_wrong_or_missing_key_is_401_in_the_gateway_shape() {
    let emulator = emulator().await;
    let path = publish_path(emulator.universe_id(), "t");
    let wrong = call(&emulator, Method::POST, &path)
        .credential("x-api-key", "not-a-key")
        .json(r#"{"message":"m"}"#)
        .answer()
        .await;
    let missing = call(&emulator, Method::POST, &path)
        .anonymous()
        .json(r#"{"message":"m"}"#)
        .answer()
        .await;
    let bearer = call(&emulator, Method::POST, &path)
        .credential("authorization", "Bearer unknown")
        .json(r#"{"message":"m"}"#)
        .answer()
        .await;
    for answer in [wrong, missing, bearer] {
        assert_eq!(answer.status, 401);
        assert_eq!(
            answer.json(),
            serde_json::json!({"errors":[{"code":0,"message":"Invalid API Key"}]})
        );
    }
    assert!(emulator.published_messages().is_empty());
    let requests = emulator.requests();
    assert!(requests
        .iter()
        .all(|r| r.status == 401 && r.credential_owner.is_none()));
}

#[tokio::test]
async fn a_key_without_the_scope_or_the_universe_is_403() {
    let emulator = emulator_with(CONFIG).await;
    let no_scope = call(&emulator, Method::POST, publish_path(1000, "t"))
        .credential("x-api-key", "datastores-only")
        .json(r#"{"message":"m"}"#)
        .answer()
        .await;
    assert_eq!(no_scope.status, 403);
    let body = no_scope.json();
    assert_eq!(body["errors"][0]["code"], 0);
    assert!(body["errors"][0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("universe-messaging-service:publish")));

    let other_universe = call(&emulator, Method::POST, publish_path(1000, "t"))
        .credential("x-api-key", "group-key")
        .json(r#"{"message":"m"}"#)
        .answer()
        .await;
    assert_eq!(other_universe.status, 403);
    assert!(emulator.published_messages().is_empty());

    let own_universe = call(&emulator, Method::POST, publish_path(1001, "t"))
        .credential("x-api-key", "group-key")
        .json(r#"{"message":"m"}"#)
        .answer()
        .await;
    assert_eq!(own_universe.status, 200);
    let owners: Vec<_> = emulator
        .requests()
        .into_iter()
        .map(|r| r.credential_owner)
        .collect();
    assert_eq!(
        owners,
        [
            Some("user:3000".into()),
            Some("group:4000".into()),
            Some("group:4000".into())
        ]
    );
}

#[tokio::test]
async fn an_oauth_token_publishes_on_its_universes_only() {
    let emulator = emulator_with(CONFIG).await;
    let ok = call(&emulator, Method::POST, publish_path(1000, "t"))
        .credential("authorization", "Bearer token-1000")
        .json(r#"{"message":"via oauth"}"#)
        .answer()
        .await;
    assert_eq!(ok.status, 200);
    let elsewhere = call(&emulator, Method::POST, publish_path(1001, "t"))
        .credential("authorization", "Bearer token-1000")
        .json(r#"{"message":"m"}"#)
        .answer()
        .await;
    assert_eq!(elsewhere.status, 403);
    assert_eq!(emulator.published_messages().len(), 1);
    assert_eq!(emulator.published_messages()[0].message, "via oauth");
}

#[tokio::test]
async fn the_message_limit_is_1024_characters() {
    let emulator = emulator().await;
    assert_eq!(
        publish(&emulator, "t", &"日".repeat(1024)).await.status,
        200
    );
    let long = publish(&emulator, "t", &"m".repeat(1025)).await;
    assert_eq!(long.status, 400);
    assert_eq!(
        long.body,
        "requestMessage cannot be longer than 1024 characters. (Parameter 'requestMessage')"
    );
    assert_eq!(emulator.published_messages().len(), 1);
}

#[tokio::test]
async fn the_topic_limit_is_80_characters_and_it_may_not_be_empty() {
    let emulator = emulator().await;
    let encoded_80 = "%C3%A9".repeat(80); // "é" × 80: 80 characters, 160 bytes
    assert_eq!(publish(&emulator, &encoded_80, "m").await.status, 200);
    assert_eq!(emulator.published_messages()[0].topic, "é".repeat(80));
    let long = publish(&emulator, &"t".repeat(81), "m").await;
    assert_eq!(long.status, 400);
    assert!(long.body.contains("80 characters"), "{}", long.body);
    assert_eq!(publish(&emulator, "", "m").await.status, 400);
    assert_eq!(publish(&emulator, "%FF", "m").await.status, 400);
    assert_eq!(emulator.published_messages().len(), 1);
}

#[tokio::test]
async fn the_body_must_be_one_string_message_in_json() {
    let emulator = emulator().await;
    let path = publish_path(emulator.universe_id(), "t");
    for body in [
        r#"{"message":"m","extra":1}"#,
        r#"{"message":5}"#,
        r#"{"message":null}"#,
        r#"{}"#,
        r#"["m"]"#,
        r#"{"message":"#,
        "",
    ] {
        let answer = call(&emulator, Method::POST, &path)
            .json(body)
            .answer()
            .await;
        assert_eq!(answer.status, 400, "{body}");
        let problem = answer.json();
        assert_eq!(problem["status"], 400, "{body}");
        assert!(problem["errors"].is_object(), "{body}: {problem}");
    }
    assert!(emulator.published_messages().is_empty());
}

#[tokio::test]
async fn json_content_types_are_required() {
    let emulator = emulator().await;
    let path = publish_path(emulator.universe_id(), "t");
    let body = r#"{"message":"m"}"#;
    for refused in ["text/plain", "application/x-www-form-urlencoded"] {
        let answer = call(&emulator, Method::POST, &path)
            .header("content-type", refused)
            .body(body)
            .answer()
            .await;
        assert_eq!(answer.status, 415, "{refused}");
        assert_eq!(answer.json()["status"], 415);
    }
    let missing = call(&emulator, Method::POST, &path)
        .body(body)
        .answer()
        .await;
    assert_eq!(missing.status, 415);
    for accepted in [
        "application/json; charset=utf-8",
        "text/json",
        "application/json-patch+json",
        "application/merge-patch+json",
    ] {
        let answer = call(&emulator, Method::POST, &path)
            .header("content-type", accepted)
            .body(body)
            .answer()
            .await;
        assert_eq!(answer.status, 200, "{accepted}");
    }
    assert_eq!(emulator.published_messages().len(), 4);
}

#[tokio::test]
async fn an_unknown_universe_is_404_and_a_bad_one_400() {
    let emulator = emulator().await;
    let unknown = call(&emulator, Method::POST, publish_path(999, "t"))
        .json(r#"{"message":"m"}"#)
        .answer()
        .await;
    assert_eq!(unknown.status, 404);
    let bad = call(
        &emulator,
        Method::POST,
        "/messaging-service/v1/universes/abc/topics/t",
    )
    .json(r#"{"message":"m"}"#)
    .answer()
    .await;
    assert_eq!(bad.status, 400);
    assert!(bad.json()["errors"]["universeId"].is_array());
    assert!(emulator.published_messages().is_empty());
}
