//! Offline checks of every request and parse.

use std::time::Duration;

use oc_core::{offline, Client, Error, Experience, Idempotency};
use serde_json::{json, Value};
use time::OffsetDateTime;

use crate::{
    ExperienceUserRestrictionsExt, IdempotencyKey, Moderator, PlaceUserRestrictionsExt,
    MAX_DURATION_SECONDS,
};

fn experience() -> Result<Experience, Error> {
    Ok(Client::builder().api_key("k").build()?.experience(42))
}

fn body(request: &http::Request<oc_core::Body>) -> Value {
    serde_json::from_slice(request.body().as_bytes().unwrap_or_default()).unwrap_or(Value::Null)
}

fn query(request: &http::Request<oc_core::Body>) -> Vec<(String, String)> {
    let query = request.uri().query().unwrap_or_default();
    form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

#[test]
fn get_builds_both_paths() -> Result<(), Error> {
    let experience = experience()?;
    let universe = offline::request(&experience.user_restriction(7).get())?;
    assert_eq!(universe.method(), http::Method::GET);
    assert_eq!(universe.uri(), "/cloud/v2/universes/42/user-restrictions/7");
    let place = offline::request(&experience.place(9).user_restriction(7).get())?;
    assert_eq!(
        place.uri(),
        "/cloud/v2/universes/42/places/9/user-restrictions/7"
    );
    Ok(())
}

#[test]
fn a_ban_sends_the_whole_restriction_under_one_mask() -> Result<(), Error> {
    let experience = experience()?;
    let first_sent = OffsetDateTime::from_unix_timestamp(1_700_000_000)
        .map_err(|e| Error::decode("time", Some(Box::new(e) as _)))?;
    let ban = experience
        .place(9)
        .user_restriction(7)
        .ban()
        .duration(Duration::from_secs(3600))
        .display_reason("Be nice")
        .private_reason("report 12")
        .exclude_alt_accounts(true)
        .idempotency_key(IdempotencyKey::new("k-1", first_sent));
    let request = offline::request(&ban)?;
    assert_eq!(request.method(), http::Method::PATCH);
    assert_eq!(
        request.uri().path(),
        "/cloud/v2/universes/42/places/9/user-restrictions/7"
    );
    assert_eq!(
        query(&request),
        [
            ("updateMask".to_owned(), "gameJoinRestriction".to_owned()),
            ("idempotencyKey.key".to_owned(), "k-1".to_owned()),
            (
                "idempotencyKey.firstSent".to_owned(),
                "2023-11-14T22:13:20Z".to_owned()
            ),
        ]
    );
    assert_eq!(request.headers()["content-type"], "application/json");
    assert_eq!(
        body(&request),
        json!({"gameJoinRestriction": {
            "active": true, "duration": "3600s", "displayReason": "Be nice",
            "privateReason": "report 12", "excludeAltAccounts": true
        }})
    );
    assert_eq!(Idempotency::of(&request), Idempotency::Idempotent);
    Ok(())
}

#[test]
fn a_permanent_ban_and_an_unban_send_only_what_was_set() -> Result<(), Error> {
    let experience = experience()?;
    let ban = experience
        .user_restriction(7)
        .ban()
        .duration(Duration::from_secs(5))
        .permanent();
    let request = offline::request(&ban)?;
    assert_eq!(
        body(&request),
        json!({"gameJoinRestriction": {"active": true}})
    );
    let unban = offline::request(&experience.user_restriction(7).unban())?;
    assert_eq!(
        body(&unban),
        json!({"gameJoinRestriction": {"active": false}})
    );
    let keys: Vec<String> = query(&unban).into_iter().map(|(k, _)| k).collect();
    assert_eq!(
        keys,
        [
            "updateMask",
            "idempotencyKey.key",
            "idempotencyKey.firstSent"
        ]
    );
    // Each builder makes its own key, and a rebuilt request (a retry) repeats it.
    let again = experience.user_restriction(7).unban();
    assert_ne!(
        again.current_idempotency_key().map(|k| &k.key),
        experience
            .user_restriction(7)
            .unban()
            .current_idempotency_key()
            .map(|k| &k.key)
    );
    assert_eq!(
        query(&offline::request(&again)?),
        query(&offline::request(&again)?)
    );
    Ok(())
}

#[test]
fn without_a_key_an_update_is_not_idempotent() -> Result<(), Error> {
    let experience = experience()?;
    let ban = experience
        .user_restriction(7)
        .ban()
        .without_idempotency_key();
    let request = offline::request(&ban)?;
    assert_eq!(Idempotency::of(&request), Idempotency::NonIdempotent);
    assert_eq!(
        request.uri().query(),
        Some("updateMask=gameJoinRestriction")
    );
    Ok(())
}

#[test]
fn every_limit_is_checked_with_the_field_named() -> Result<(), Error> {
    let experience = experience()?;
    let zero = Client::builder().api_key("k").build()?.experience(0);
    let user = experience.user_restriction(7);
    let cases = [
        (
            offline::request(&zero.user_restriction(7).get()),
            "universe_id",
        ),
        (
            offline::request(&experience.user_restriction(0).get()),
            "user_id",
        ),
        (
            offline::request(&experience.place(0).user_restriction(7).get()),
            "place_id",
        ),
        (
            offline::request(&user.ban().duration(Duration::ZERO)),
            "duration",
        ),
        (
            offline::request(&user.ban().duration(Duration::from_millis(1500))),
            "duration",
        ),
        (
            offline::request(
                &user
                    .ban()
                    .duration(Duration::from_secs(MAX_DURATION_SECONDS + 1)),
            ),
            "duration",
        ),
        (
            offline::request(&user.ban().display_reason("x".repeat(401))),
            "display_reason",
        ),
        (
            offline::request(&user.ban().private_reason("x".repeat(1001))),
            "private_reason",
        ),
        (
            offline::request(
                &user
                    .ban()
                    .idempotency_key(IdempotencyKey::new("", OffsetDateTime::now_utc())),
            ),
            "idempotency_key",
        ),
        (
            offline::request(&zero.user_restrictions().list()),
            "universe_id",
        ),
        (
            offline::request(&experience.place(0).user_restrictions().list()),
            "place_id",
        ),
        (
            offline::request(&experience.user_restrictions().logs().user(0)),
            "user_id",
        ),
        (
            offline::request(&experience.user_restrictions().logs().place(0)),
            "place_id",
        ),
    ];
    for (result, field) in cases {
        match result {
            Err(Error::InvalidInput(invalid)) => assert_eq!(invalid.field(), field),
            other => panic!("expected invalid {field}, got {other:?}"),
        }
    }
    offline::request(
        &user
            .ban()
            .duration(Duration::from_secs(MAX_DURATION_SECONDS)),
    )?;
    offline::request(&user.ban().duration(Duration::from_secs(1)))?;
    offline::request(
        &user
            .ban()
            .display_reason("é".repeat(400))
            .private_reason("日".repeat(1000)),
    )?;
    Ok(())
}

#[test]
fn a_restriction_parses_from_the_captured_shape() -> Result<(), Error> {
    let experience = experience()?;
    let get = experience
        .place(18_210_254_887)
        .user_restriction(6_193_495_014)
        .get();
    let restriction = offline::respond(
        &get,
        200,
        &[],
        r#"{"path":"universes/5795192361/places/18210254887/user-restrictions/6193495014","user":"users/6193495014",
            "gameJoinRestriction":{"active":true,"startTime":"2024-06-25T22:56:58.873Z","duration":"31540000s",
            "privateReason":"Being a meanie :/","displayReason":"Annoying other players.","excludeAltAccounts":false,"inherited":false}}"#,
    )?;
    assert_eq!(restriction.universe_id, 5_795_192_361);
    assert_eq!(restriction.place_id, Some(18_210_254_887));
    assert_eq!(restriction.user_id, 6_193_495_014);
    assert!(restriction.game_join.active);
    assert_eq!(
        restriction.game_join.duration,
        Some(Duration::from_secs(31_540_000))
    );
    assert_eq!(
        restriction.game_join.display_reason,
        "Annoying other players."
    );
    assert_eq!(
        restriction
            .game_join
            .start_time
            .map(OffsetDateTime::unix_timestamp),
        Some(1_719_356_218)
    );
    // Proto3 leaves defaults out: a bare restriction is an inactive one.
    let bare = offline::respond(
        &get,
        200,
        &[],
        r#"{"path":"universes/1/user-restrictions/2"}"#,
    )?;
    assert_eq!(
        (bare.universe_id, bare.place_id, bare.user_id),
        (1, None, 2)
    );
    assert!(!bare.game_join.active && bare.game_join.private_reason.is_empty());
    assert!(offline::respond(&get, 200, &[], "\"banned\"").is_err());
    Ok(())
}

#[test]
fn logs_read_bare_ids_and_paths_and_filter_as_documented() -> Result<(), Error> {
    let experience = experience()?;
    let logs = experience.user_restrictions().logs();
    let request = offline::request(&logs.clone().user(5).place(6).limit(3))?;
    assert_eq!(
        request.uri().path(),
        "/cloud/v2/universes/42/user-restrictions:listLogs"
    );
    assert_eq!(
        query(&request),
        [
            ("maxPageSize".to_owned(), "3".to_owned()),
            (
                "filter".to_owned(),
                "user == 'users/5' && place == 'places/6'".to_owned()
            ),
        ]
    );
    let from_place = offline::request(&experience.place(6).user_restrictions().logs())?;
    assert_eq!(
        from_place.uri().path(),
        "/cloud/v2/universes/42/user-restrictions:listLogs"
    );
    assert_eq!(query(&from_place)[1].1, "place == 'places/6'");
    let page = offline::respond(
        &logs,
        200,
        &[],
        r#"{"logs":[
            {"user":"users/6193495014","place":"18210254887","moderator":{"robloxUser":"45348281"},
             "createTime":"2024-06-25T22:56:58.873Z","active":true,"startTime":"2024-06-25T22:56:58.873Z",
             "duration":"31540000s","privateReason":"p","displayReason":"d","excludeAltAccounts":false},
            {"user":"users/1","place":"places/2","moderator":{"robloxUser":"users/3"},"active":false},
            {"user":"1","place":"","moderator":{"gameServerScript":{}},"active":true}
           ],"nextPageToken":"next"}"#,
    )?;
    assert_eq!(page.next_cursor.as_deref(), Some("next"));
    assert_eq!(page.items[0].user_id, 6_193_495_014);
    assert_eq!(page.items[0].place_id, Some(18_210_254_887));
    assert_eq!(page.items[0].moderator, Moderator::User(45_348_281));
    assert_eq!(page.items[1].place_id, Some(2));
    assert_eq!(page.items[1].moderator, Moderator::User(3));
    assert_eq!(page.items[2].place_id, None);
    assert_eq!(page.items[2].moderator, Moderator::GameServerScript);
    Ok(())
}

#[test]
fn lists_page_with_v2_tokens() -> Result<(), Error> {
    let experience = experience()?;
    let list = experience
        .place(3)
        .user_restrictions()
        .list()
        .page_size(500)
        .cursor("tok");
    let request = offline::request(&list)?;
    assert_eq!(
        request.uri(),
        "/cloud/v2/universes/42/places/3/user-restrictions?maxPageSize=100&pageToken=tok"
    );
    let page = offline::respond(
        &list,
        200,
        &[],
        r#"{"userRestrictions":[{"path":"universes/42/places/3/user-restrictions/8","user":"users/8",
            "gameJoinRestriction":{"active":false}}]}"#,
    )?;
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].user_id, 8);
    assert_eq!(page.next_cursor, None);
    Ok(())
}
