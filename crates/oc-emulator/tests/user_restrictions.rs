//! User restrictions (v2) on the wire: resource and log shapes, update masks, filters,
//! page tokens, idempotency keys, expiry on the clock, seeding and configuration.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::{call, emulator, emulator_with};
use http::Method;
use oc_emulator::{Config, UserRestrictionConfig};
use serde_json::json;

const U: &str = "/cloud/v2/universes/1000";

fn patch_path(user: &str, query: &str) -> String {
    format!("{U}/user-restrictions/{user}?{query}")
}

#[tokio::test]
async fn a_user_never_restricted_reads_inactive() {
    let emulator = emulator().await;
    let answer = call(&emulator, Method::GET, format!("{U}/user-restrictions/42"))
        .answer()
        .await;
    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.json(),
        json!({"path": "universes/1000/user-restrictions/42", "user": "users/42",
               "gameJoinRestriction": {"active": false, "privateReason": "", "displayReason": "",
                                       "excludeAltAccounts": false, "inherited": false}})
    );
    let place = call(
        &emulator,
        Method::GET,
        format!("{U}/places/2000/user-restrictions/42"),
    )
    .answer()
    .await;
    assert_eq!(
        place.json()["path"],
        "universes/1000/places/2000/user-restrictions/42"
    );
}

#[tokio::test]
async fn bad_ids_get_v2_errors() {
    let emulator = emulator().await;
    for (path, status, code) in [
        (
            format!("{U}/user-restrictions/abc"),
            400,
            "INVALID_ARGUMENT",
        ),
        (format!("{U}/user-restrictions/0"), 400, "INVALID_ARGUMENT"),
        (
            format!("{U}/places/x/user-restrictions/1"),
            400,
            "INVALID_ARGUMENT",
        ),
        (
            format!("{U}/places/2999/user-restrictions/1"),
            404,
            "NOT_FOUND",
        ),
        (
            "/cloud/v2/universes/999/user-restrictions/1".to_owned(),
            404,
            "NOT_FOUND",
        ),
    ] {
        let answer = call(&emulator, Method::GET, &path).answer().await;
        assert_eq!(answer.status, status, "{path}");
        assert_eq!(answer.json()["code"], code, "{path}");
    }
    let answer = call(&emulator, Method::GET, format!("{U}/user-restrictions/abc"))
        .answer()
        .await;
    assert_eq!(answer.json()["message"], "Invalid User ID in the request.");
}

#[tokio::test]
async fn updates_replace_the_whole_restriction_under_the_mask() {
    let emulator = emulator().await;
    let ban = json!({"gameJoinRestriction": {
        "active": true, "duration": "3600s", "privateReason": "p", "displayReason": "d",
        "excludeAltAccounts": true, "startTime": "2000-01-01T00:00:00Z", "inherited": true
    }})
    .to_string();
    // snake_case mask names are accepted; read-only fields are ignored.
    let answer = call(
        &emulator,
        Method::PATCH,
        patch_path("7", "updateMask=game_join_restriction"),
    )
    .json(&ban)
    .answer()
    .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let restriction = &answer.json()["gameJoinRestriction"];
    assert_eq!(restriction["active"], true);
    assert_eq!(restriction["duration"], "3600s");
    assert_eq!(restriction["inherited"], false);
    assert_ne!(restriction["startTime"], "2000-01-01T00:00:00Z");
    assert!(answer.json()["updateTime"].is_string());

    // Named in the mask but absent from the body: cleared to the defaults.
    let cleared = call(
        &emulator,
        Method::PATCH,
        patch_path("7", "updateMask=gameJoinRestriction"),
    )
    .json("{}")
    .answer()
    .await;
    assert_eq!(cleared.json()["gameJoinRestriction"]["active"], false);
    assert_eq!(cleared.json()["gameJoinRestriction"]["displayReason"], "");

    // Without a mask, the field present is written.
    let unmasked = call(&emulator, Method::PATCH, patch_path("7", ""))
        .json(r#"{"gameJoinRestriction":{"active":true}}"#)
        .answer()
        .await;
    assert_eq!(unmasked.json()["gameJoinRestriction"]["active"], true);
    assert!(unmasked.json()["gameJoinRestriction"]
        .get("duration")
        .is_none());
    assert_eq!(emulator.user_restriction_logs(1000).len(), 3);
}

#[tokio::test]
async fn bad_updates_are_refused_and_not_logged() {
    let emulator = emulator().await;
    for (query, body) in [
        (
            "updateMask=gameJoinRestriction.active",
            r#"{"gameJoinRestriction":{"active":true}}"#,
        ),
        ("updateMask=nope", r#"{}"#),
        (
            "",
            r#"{"gameJoinRestriction":{"active":true,"duration":"1.5s"}}"#,
        ),
        (
            "",
            r#"{"gameJoinRestriction":{"active":true,"duration":"0s"}}"#,
        ),
        ("", r#"{"gameJoinRestriction":{"active":"yes"}}"#),
        ("", "[1]"),
        (
            "idempotencyKey.key=k&idempotencyKey.firstSent=yesterday",
            r#"{}"#,
        ),
    ] {
        let answer = call(&emulator, Method::PATCH, patch_path("8", query))
            .json(body)
            .answer()
            .await;
        assert_eq!(answer.status, 400, "{query} {body}: {}", answer.body);
        assert_eq!(answer.json()["code"], "INVALID_ARGUMENT");
    }
    let long = json!({"gameJoinRestriction": {"active": true, "displayReason": "x".repeat(401)}});
    let answer = call(&emulator, Method::PATCH, patch_path("8", ""))
        .json(&long.to_string())
        .answer()
        .await;
    assert_eq!(answer.status, 400);
    assert!(emulator.user_restriction_logs(1000).is_empty());
    assert!(emulator.user_restriction(1000, None, 8).is_none());
}

#[tokio::test]
async fn a_key_is_answered_once_and_ages_out() {
    let emulator = emulator().await;
    let now = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    let query = format!("idempotencyKey.key=abc&idempotencyKey.firstSent={now}");
    let body = r#"{"gameJoinRestriction":{"active":true}}"#;
    let first = call(&emulator, Method::PATCH, patch_path("9", &query))
        .json(body)
        .answer()
        .await;
    emulator.advance_clock(Duration::from_secs(30));
    let again = call(&emulator, Method::PATCH, patch_path("9", &query))
        .json(body)
        .answer()
        .await;
    assert_eq!(first.json(), again.json(), "the first answer, replayed");
    assert_eq!(emulator.user_restriction_logs(1000).len(), 1);
    emulator.advance_clock(Duration::from_secs(86_400));
    let late = call(&emulator, Method::PATCH, patch_path("9", &query))
        .json(body)
        .answer()
        .await;
    assert_eq!(late.status, 400);
}

#[tokio::test]
async fn logs_write_bare_ids_filter_and_bind_their_tokens() {
    let emulator = emulator().await;
    for user in 1..=3 {
        let answer = call(
            &emulator,
            Method::PATCH,
            format!("{U}/places/2000/user-restrictions/{user}?updateMask=gameJoinRestriction"),
        )
        .json(r#"{"gameJoinRestriction":{"active":true,"duration":"60s"}}"#)
        .answer()
        .await;
        assert_eq!(answer.status, 200);
    }
    let logs = call(
        &emulator,
        Method::GET,
        format!("{U}/user-restrictions:listLogs"),
    )
    .answer()
    .await;
    let first = &logs.json()["logs"][0];
    assert_eq!(first["user"], "users/3");
    assert_eq!(first["place"], "2000");
    assert_eq!(first["moderator"], json!({"robloxUser": "3000"}));
    assert_eq!(first["duration"], "60s");

    let filter = "user == 'users/2'&&place == 'places/2000'";
    let encoded: String = form_urlencoded::byte_serialize(filter.as_bytes()).collect();
    let filtered = call(
        &emulator,
        Method::GET,
        format!("{U}/user-restrictions:listLogs?maxPageSize=1&filter={encoded}"),
    )
    .answer()
    .await;
    assert_eq!(filtered.status, 200, "{}", filtered.body);
    assert_eq!(filtered.json()["logs"].as_array().map(Vec::len), Some(1));
    assert!(filtered.json().get("nextPageToken").is_none());

    let page = call(
        &emulator,
        Method::GET,
        format!("{U}/user-restrictions:listLogs?maxPageSize=2"),
    )
    .answer()
    .await;
    let token = page.json()["nextPageToken"].as_str().unwrap().to_owned();
    let changed = call(
        &emulator,
        Method::GET,
        format!("{U}/user-restrictions:listLogs?maxPageSize=2&filter={encoded}&pageToken={token}"),
    )
    .answer()
    .await;
    assert_eq!(changed.status, 400, "a token of another query");
    let bad = call(
        &emulator,
        Method::GET,
        format!("{U}/user-restrictions:listLogs?filter=moderator%20%3D%3D%20'users%2F1'"),
    )
    .answer()
    .await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["message"], "The provided filter is invalid.");
}

#[tokio::test]
async fn configured_restrictions_exist_at_start_and_logs_can_write_paths() {
    let emulator = emulator_with(
        r#"
[[universes]]
id = 10
places = [20]
owner = { user = 30 }

[[users]]
id = 30
name = "seeded"

[[api_keys]]
key = "seeded-key"
owner = { user = 30 }
[[api_keys.grants]]
universe = "*"
scopes = ["universe.user-restriction:read", "universe.user-restriction:write"]

[user_restrictions]
log_ids = "paths"

[[user_restrictions.existing]]
universe = 10
user = 5
duration_secs = 60
display_reason = "Cheating"

[[user_restrictions.existing]]
universe = 10
place = 20
user = 6
"#,
    )
    .await;
    let get = |path: String| call(&emulator, Method::GET, path).answer();
    let five = get("/cloud/v2/universes/10/user-restrictions/5".into()).await;
    assert_eq!(five.json()["gameJoinRestriction"]["active"], true);
    assert_eq!(
        five.json()["gameJoinRestriction"]["displayReason"],
        "Cheating"
    );
    let six = get("/cloud/v2/universes/10/places/20/user-restrictions/6".into()).await;
    assert_eq!(six.json()["gameJoinRestriction"]["active"], true);
    // Inherited by the place from the universe.
    let inherited = get("/cloud/v2/universes/10/places/20/user-restrictions/5".into()).await;
    assert_eq!(inherited.json()["gameJoinRestriction"]["inherited"], true);
    emulator.advance_clock(Duration::from_secs(61));
    let expired = get("/cloud/v2/universes/10/user-restrictions/5".into()).await;
    assert_eq!(expired.json()["gameJoinRestriction"]["active"], false);

    let write = call(
        &emulator,
        Method::PATCH,
        "/cloud/v2/universes/10/places/20/user-restrictions/7?updateMask=gameJoinRestriction",
    )
    .json(r#"{"gameJoinRestriction":{"active":true}}"#)
    .answer()
    .await;
    assert_eq!(write.status, 200, "{}", write.body);
    let logs = get("/cloud/v2/universes/10/user-restrictions:listLogs".into()).await;
    assert_eq!(
        logs.json()["logs"].as_array().map(Vec::len),
        Some(1),
        "seeds are not logged"
    );
    assert_eq!(logs.json()["logs"][0]["place"], "places/20");
    assert_eq!(
        logs.json()["logs"][0]["moderator"]["robloxUser"],
        "users/30"
    );

    // The removed list filter still works.
    let active_only = get(format!(
        "/cloud/v2/universes/10/user-restrictions?filter={}",
        form_urlencoded::byte_serialize(br#"game_join_restriction.active == "true""#)
            .collect::<String>()
    ))
    .await;
    assert_eq!(active_only.status, 200);
    assert_eq!(active_only.json()["userRestrictions"], json!([]));
}

#[tokio::test]
async fn the_handle_seeds_and_reads_restrictions() {
    let emulator = emulator().await;
    emulator.set_user_restriction(&UserRestrictionConfig::ban(1000, 11).for_secs(120));
    emulator.set_user_restriction(&UserRestrictionConfig::ban(55, 12).in_place(66));
    let state = emulator.user_restriction(1000, None, 11).unwrap();
    assert!(state.active && state.duration == Some(Duration::from_secs(120)));
    let place = call(
        &emulator,
        Method::GET,
        "/cloud/v2/universes/55/places/66/user-restrictions/12",
    )
    .answer()
    .await;
    assert_eq!(place.status, 200, "{}", place.body);
    assert_eq!(place.json()["gameJoinRestriction"]["active"], true);
    emulator.advance_clock(Duration::from_secs(121));
    assert!(!emulator.user_restriction(1000, None, 11).unwrap().active);
    assert!(emulator.user_restriction_logs(1000).is_empty());
}

#[tokio::test]
async fn a_bad_configured_restriction_is_refused() {
    for (toml, message) in [
        (
            "[[universes]]\nid = 1\nplaces = [2]\nowner = { user = 3 }\n[[users]]\nid = 3\nname = \"u\"\n[[user_restrictions.existing]]\nuniverse = 1\nplace = 9\nuser = 4\n",
            "place 9",
        ),
        (
            "[[user_restrictions.existing]]\nuniverse = 1\nuser = 4\nduration_secs = 0\n",
            "lasts outside",
        ),
        ("[[user_restrictions.existing]]\nuniverse = 1\nuser = 0\n", "zero id"),
    ] {
        let error = Config::from_toml_str(toml)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains(message), "{error}");
    }
}

#[tokio::test]
async fn the_published_limits_apply_per_method() {
    let emulator = emulator_with(
        r#"
[rate_limits]
user_restrictions_reads_per_universe = 2

[[universes]]
id = 1000
places = [2000]
owner = { user = 3000 }

[[users]]
id = 3000
name = "u"

[[api_keys]]
key = "k"
owner = { user = 3000 }
[[api_keys.grants]]
universe = "*"
scopes = ["*"]
"#,
    )
    .await;
    let get = || {
        call(&emulator, Method::GET, format!("{U}/user-restrictions/1"))
            .credential("x-api-key", "k")
            .answer()
    };
    assert_eq!(get().await.status, 200);
    let second = get().await;
    assert_eq!(second.header("x-ratelimit-remaining"), Some("0"));
    let third = get().await;
    assert_eq!(third.status, 429);
    assert_eq!(third.json()["code"], "RESOURCE_EXHAUSTED");
    // Another method has its own window.
    let list = call(&emulator, Method::GET, format!("{U}/user-restrictions"))
        .credential("x-api-key", "k")
        .answer()
        .await;
    assert_eq!(list.status, 200);
}
