//! Universes and places through Open Cloud v2, and the v2 `:publishMessage`, over real
//! sockets.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::*;
use http::Method;
use oc_emulator::{PlaceSettings, UniverseSettings};
use serde_json::json;

const CONFIG: &str = r#"
[[universes]]
id = 10
places = [20, 21]
owner = { group = 40 }

[[universes]]
id = 11
places = [22]
owner = { user = 30 }

[[users]]
id = 30
name = "owner"

[[groups]]
id = 40
name = "Group"
owner = 30

[[api_keys]]
key = "full"
owner = { user = 30 }
[[api_keys.grants]]
universe = "*"
scopes = ["*"]

[[api_keys]]
key = "read-only"
owner = { user = 30 }
[[api_keys.grants]]
universe = 10
scopes = ["universe-datastores.objects:read"]

[[oauth_tokens]]
token = "token-10"
user = 30
universes = [10]
scopes = ["universe:write", "universe-messaging-service:publish"]

[[universe_settings]]
universe = 10
visibility = "PUBLIC"
voice_chat_enabled = true
private_server_price_robux = 25
twitch_social_link = { title = "Live", uri = "https://twitch.tv/x" }

[[place_settings]]
universe = 10
place = 20
display_name = "Obby"
description = "Jump"
server_size = 30

[[place_settings]]
universe = 10
place = 21
team_create_active = true
"#;

async fn started() -> oc_emulator::EmulatorHandle {
    emulator_with(CONFIG).await
}

#[tokio::test]
async fn get_universe_shows_the_seeded_settings_and_the_root_place() {
    let emulator = started().await;
    let answer = call(&emulator, Method::GET, "/cloud/v2/universes/10")
        .answer()
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let universe = answer.json();
    assert_eq!(universe["path"], "universes/10");
    assert_eq!(universe["displayName"], "Obby");
    assert_eq!(universe["description"], "Jump");
    assert_eq!(universe["group"], "groups/40");
    assert!(universe.get("user").is_none());
    assert_eq!(universe["visibility"], "PUBLIC");
    assert_eq!(universe["voiceChatEnabled"], true);
    assert_eq!(universe["privateServerPriceRobux"], 25);
    assert_eq!(
        universe["twitchSocialLink"],
        json!({"title": "Live", "uri": "https://twitch.tv/x"})
    );
    assert!(universe.get("discordSocialLink").is_none());
    assert_eq!(universe["rootPlace"], "universes/10/places/20");
    assert_eq!(universe["ageRating"], "AGE_RATING_UNSPECIFIED");
    assert!(universe["createTime"].as_str().unwrap().ends_with('Z'));

    let other = call(&emulator, Method::GET, "/cloud/v2/universes/11")
        .answer()
        .await;
    assert_eq!(other.json()["user"], "users/30");
    assert_eq!(other.json()["displayName"], "Place 22");
    assert_eq!(other.json()["voiceChatEnabled"], false);
    assert_eq!(other.json()["desktopEnabled"], true);

    let missing = call(&emulator, Method::GET, "/cloud/v2/universes/99")
        .answer()
        .await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["code"], "NOT_FOUND");
    let doubled = call(&emulator, Method::GET, "/cloud/cloud/v2/universes/10")
        .answer()
        .await;
    assert_eq!(doubled.status, 200);
}

#[tokio::test]
async fn credentials_are_checked_per_route() {
    let emulator = started().await;
    // Get Universe needs no particular scope, only access to the universe.
    let read = call(&emulator, Method::GET, "/cloud/v2/universes/10")
        .credential("x-api-key", "read-only")
        .answer()
        .await;
    assert_eq!(read.status, 200);
    let elsewhere = call(&emulator, Method::GET, "/cloud/v2/universes/11")
        .credential("x-api-key", "read-only")
        .answer()
        .await;
    assert_eq!(elsewhere.status, 403);
    assert_eq!(elsewhere.json()["code"], "PERMISSION_DENIED");
    let update = call(&emulator, Method::PATCH, "/cloud/v2/universes/10")
        .credential("x-api-key", "read-only")
        .json("{}")
        .answer()
        .await;
    assert_eq!(update.status, 403);
    assert!(update.json()["message"]
        .as_str()
        .unwrap()
        .contains("universe:write"));
    let unknown = call(&emulator, Method::GET, "/cloud/v2/universes/10")
        .credential("x-api-key", "nope")
        .answer()
        .await;
    assert_eq!(unknown.status, 401);
    assert_eq!(unknown.json()["errors"][0]["message"], "Invalid API Key");
    let oauth = call(
        &emulator,
        Method::PATCH,
        "/cloud/v2/universes/10?updateMask=voiceChatEnabled",
    )
    .credential("authorization", "Bearer token-10")
    .json(r#"{"voiceChatEnabled": false}"#)
    .answer()
    .await;
    assert_eq!(oauth.status, 200, "{}", oauth.body);
    assert_eq!(oauth.json()["voiceChatEnabled"], false);
}

#[tokio::test]
async fn update_universe_follows_the_mask() {
    let emulator = started().await;
    let before = call(&emulator, Method::GET, "/cloud/v2/universes/10")
        .answer()
        .await
        .json();
    emulator.advance_clock(Duration::from_secs(3600));
    // Named in the mask but absent from the body: cleared. Read-only fields: ignored.
    let path = "/cloud/v2/universes/10?updateMask=privateServerPriceRobux,%20twitch_social_link,discordSocialLink.uri,visibility,consoleEnabled";
    let answer = call(&emulator, Method::PATCH, path)
        .json(r#"{"discordSocialLink":{"title":"ignored","uri":"https://discord.gg/x"},"visibility":"PRIVATE","consoleEnabled":true,"vrEnabled":false}"#)
        .answer()
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let universe = answer.json();
    assert!(universe.get("privateServerPriceRobux").is_none());
    assert!(universe.get("twitchSocialLink").is_none());
    assert_eq!(
        universe["discordSocialLink"],
        json!({"title": "", "uri": "https://discord.gg/x"})
    );
    assert_eq!(universe["visibility"], "PUBLIC");
    assert_eq!(universe["consoleEnabled"], true);
    assert_eq!(universe["vrEnabled"], true, "not in the mask");
    assert_ne!(universe["updateTime"], before["updateTime"]);
    assert_eq!(universe["createTime"], before["createTime"]);

    // No mask: every writable field of the body; numbers may be strings.
    let answer = call(&emulator, Method::PATCH, "/cloud/v2/universes/10")
        .json(r#"{"privateServerPriceRobux":"40","mobile_enabled":false}"#)
        .answer()
        .await;
    assert_eq!(answer.json()["privateServerPriceRobux"], 40);
    assert_eq!(answer.json()["mobileEnabled"], false);
    let settings = emulator.universe_settings(10).unwrap();
    assert_eq!(settings.private_server_price_robux, Some(40));
    assert!(!settings.mobile_enabled);

    for (path, body) in [
        ("/cloud/v2/universes/10?updateMask=nope", "{}"),
        ("/cloud/v2/universes/10", r#"{"voiceChatEnabled":"yes"}"#),
        ("/cloud/v2/universes/10", "[1]"),
    ] {
        let answer = call(&emulator, Method::PATCH, path)
            .json(body)
            .answer()
            .await;
        assert_eq!(answer.status, 400, "{path} {body}");
        assert_eq!(answer.json()["code"], "INVALID_ARGUMENT");
    }
}

#[tokio::test]
async fn places_are_read_and_updated_and_the_root_names_the_universe() {
    let emulator = started().await;
    let place = call(&emulator, Method::GET, "/cloud/v2/universes/10/places/20")
        .answer()
        .await;
    assert_eq!(place.status, 200);
    assert_eq!(place.json()["path"], "universes/10/places/20");
    assert_eq!(place.json()["serverSize"], 30);
    assert_eq!(place.json()["root"], true);
    let answer = call(
        &emulator,
        Method::PATCH,
        "/cloud/v2/universes/10/places/20?updateMask=displayName,serverSize,root",
    )
    .json(r#"{"displayName":"Tower","serverSize":"12","root":false}"#)
    .answer()
    .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.json()["displayName"], "Tower");
    assert_eq!(answer.json()["serverSize"], 12);
    assert_eq!(answer.json()["description"], "Jump");
    assert_eq!(answer.json()["root"], true);
    let universe = call(&emulator, Method::GET, "/cloud/v2/universes/10")
        .answer()
        .await;
    assert_eq!(universe.json()["displayName"], "Tower");

    let team_create = call(&emulator, Method::PATCH, "/cloud/v2/universes/10/places/21")
        .json(r#"{"displayName":"x"}"#)
        .answer()
        .await;
    assert_eq!(team_create.status, 409);
    assert_eq!(team_create.json()["code"], "ABORTED");
    let elsewhere = call(&emulator, Method::GET, "/cloud/v2/universes/10/places/22")
        .answer()
        .await;
    assert_eq!(elsewhere.status, 404);

    emulator.set_place_settings(&{
        let mut settings = emulator.place_settings(10, 21).unwrap();
        settings.team_create_active = false;
        settings
    });
    let now_free = call(&emulator, Method::PATCH, "/cloud/v2/universes/10/places/21")
        .json(r#"{"displayName":"Lobby"}"#)
        .answer()
        .await;
    assert_eq!(now_free.status, 200);
    assert_eq!(
        emulator
            .place_settings(10, 21)
            .unwrap()
            .display_name
            .as_deref(),
        Some("Lobby")
    );
}

#[tokio::test]
async fn restarts_are_recorded_for_inspection() {
    let emulator = started().await;
    let empty = call(
        &emulator,
        Method::POST,
        "/cloud/v2/universes/10:restartServers",
    )
    .answer()
    .await;
    assert_eq!(empty.status, 200, "{}", empty.body);
    assert_eq!(empty.json(), json!({}));
    let full = call(&emulator, Method::POST, "/cloud/v2/universes/10:restartServers")
        .json(r#"{"placeIds":[20,"21"],"closeAllVersions":true,"bleedOffServers":true,"bleedOffDurationMinutes":5}"#)
        .answer()
        .await;
    assert_eq!(full.status, 200, "{}", full.body);
    let bad = call(
        &emulator,
        Method::POST,
        "/cloud/v2/universes/10:restartServers",
    )
    .json(r#"{"bleedOffServers":true,"bleedOffDurationMinutes":61}"#)
    .answer()
    .await;
    assert_eq!(bad.status, 400);
    let restarts = emulator.server_restarts();
    assert_eq!(restarts.len(), 2);
    assert_eq!(restarts[0].place_ids, Vec::<u64>::new());
    assert!(!restarts[0].close_all_versions);
    assert_eq!(restarts[1].place_ids, vec![20, 21]);
    assert!(restarts[1].bleed_off_servers);
    assert_eq!(restarts[1].bleed_off_duration_minutes, Some(5));
    // A verb the route table does not know is not taken for a universe id.
    let wrong = call(
        &emulator,
        Method::GET,
        "/cloud/v2/universes/10:restartServers",
    )
    .answer()
    .await;
    assert_eq!(wrong.status, 405);
}

#[tokio::test]
async fn v2_publish_lands_in_the_same_log_as_v1() {
    let emulator = started().await;
    let v1 = call(&emulator, Method::POST, publish_path(10, "news"))
        .credential("x-api-key", "full")
        .json(r#"{"message":"one"}"#)
        .answer()
        .await;
    assert_eq!(v1.status, 200);
    let v2 = call(
        &emulator,
        Method::POST,
        "/cloud/v2/universes/10:publishMessage",
    )
    .credential("authorization", "Bearer token-10")
    .json(r#"{"topic":"news","message":"two"}"#)
    .answer()
    .await;
    assert_eq!(v2.status, 200, "{}", v2.body);
    assert!(v2.body.is_empty());
    let messages: Vec<String> = emulator
        .published_messages()
        .into_iter()
        .map(|m| format!("{}/{}/{}", m.universe_id, m.topic, m.message))
        .collect();
    assert_eq!(messages, ["10/news/one", "10/news/two"]);
    let long = "x".repeat(1025);
    for body in [
        json!({"topic": "news"}),
        json!({"message": "m"}),
        json!({"topic": "", "message": "m"}),
        json!({"topic": "t".repeat(81), "message": "m"}),
        json!({"topic": "news", "message": long}),
    ] {
        let answer = call(
            &emulator,
            Method::POST,
            "/cloud/v2/universes/10:publishMessage",
        )
        .json(&body.to_string())
        .answer()
        .await;
        assert_eq!(answer.status, 400, "{body}");
        assert_eq!(answer.json()["code"], "INVALID_ARGUMENT");
    }
    assert_eq!(emulator.published_messages().len(), 2);
}

#[tokio::test]
async fn settings_are_seeded_from_the_handle_too() {
    let emulator = emulator().await;
    let mut settings = UniverseSettings::new(emulator.universe_id());
    settings.console_enabled = true;
    emulator.set_universe_settings(&settings);
    let mut place = PlaceSettings::new(emulator.universe_id(), 2001);
    place.display_name = Some("Second".into());
    emulator.set_place_settings(&place);
    let universe = call(&emulator, Method::GET, "/cloud/v2/universes/1000")
        .answer()
        .await;
    assert_eq!(universe.json()["consoleEnabled"], true);
    let second = call(
        &emulator,
        Method::GET,
        "/cloud/v2/universes/1000/places/2001",
    )
    .answer()
    .await;
    assert_eq!(second.status, 200);
    assert_eq!(second.json()["displayName"], "Second");
    assert_eq!(second.json()["root"], false);
}

#[tokio::test]
async fn v2_errors_keep_their_shape_under_limits_and_faults() {
    let toml = CONFIG.to_owned() + "\n[rate_limits]\nuniverses_per_owner = 1\n";
    let emulator = emulator_with(&toml).await;
    let first = call(&emulator, Method::GET, "/cloud/v2/universes/10")
        .answer()
        .await;
    assert_eq!(first.status, 200);
    assert_eq!(first.header("x-ratelimit-limit"), Some("1, 1;w=60"));
    let second = call(&emulator, Method::GET, "/cloud/v2/universes/10")
        .answer()
        .await;
    assert_eq!(second.status, 429);
    assert_eq!(second.json()["code"], "RESOURCE_EXHAUSTED");
    emulator.inject_fault(oc_emulator::FaultRule {
        route: "universes.place.get".into(),
        status: Some(503),
        times: Some(1),
        ..oc_emulator::FaultRule::default()
    });
    let injected = call(&emulator, Method::GET, "/cloud/v2/universes/10/places/20")
        .answer()
        .await;
    assert_eq!(injected.status, 503);
    assert_eq!(injected.json()["code"], "UNAVAILABLE");
}
