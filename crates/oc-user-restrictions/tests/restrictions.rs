//! Reading, banning and unbanning against the emulator over real sockets.

mod common;

use std::time::Duration;

use common::{client, client_with, emulator, requests_of, OTHER_PLACE};
use futures::TryStreamExt;
use oc_core::{Client, Error, Experience};
use oc_emulator::{
    Config, DropMode, Emulator, FaultRule, Owner, UniverseSelector, DEFAULT_UNIVERSE_ID,
    DEFAULT_USER_ID,
};
use oc_user_restrictions::{
    ExperienceUserRestrictionsExt, IdempotencyKey, Moderator, PlaceUserRestrictionsExt,
    MAX_DURATION_SECONDS,
};
use time::OffsetDateTime;

#[tokio::test]
async fn every_method_works_for_the_universe_and_for_a_place() -> Result<(), Error> {
    let emulator = emulator().await;
    let experience = client(&emulator).experience(emulator.universe_id());
    let place = experience.place(emulator.place_id());

    // Never restricted: inactive, at both levels.
    let fresh = experience.user_restriction(156).get().await?;
    assert!(!fresh.game_join.active);
    assert_eq!((fresh.user_id, fresh.place_id), (156, None));
    assert_eq!(fresh.path, "universes/1000/user-restrictions/156");
    assert!(!place.user_restriction(156).get().await?.game_join.active);

    let banned = experience
        .user_restriction(156)
        .ban()
        .duration(Duration::from_secs(3600))
        .display_reason("Harassment")
        .private_reason("Reports 12 and 13")
        .exclude_alt_accounts(true)
        .await?;
    assert!(banned.game_join.active);
    assert_eq!(banned.game_join.duration, Some(Duration::from_secs(3600)));
    assert_eq!(banned.game_join.display_reason, "Harassment");
    assert_eq!(banned.game_join.private_reason, "Reports 12 and 13");
    assert!(banned.game_join.exclude_alt_accounts);
    assert!(banned.game_join.start_time.is_some() && banned.update_time.is_some());
    assert_eq!(banned, experience.user_restriction(156).get().await?);

    // A place-only permanent ban of another user.
    let in_place = place
        .user_restriction(157)
        .ban()
        .display_reason("Spawn camping")
        .await?;
    assert!(in_place.game_join.is_permanent());
    assert_eq!(in_place.place_id, Some(emulator.place_id()));
    assert_eq!(
        in_place.path,
        format!(
            "universes/1000/places/{}/user-restrictions/157",
            emulator.place_id()
        )
    );
    assert!(
        !experience
            .user_restriction(157)
            .get()
            .await?
            .game_join
            .active
    );
    assert!(
        !experience
            .place(OTHER_PLACE)
            .user_restriction(157)
            .get()
            .await?
            .game_join
            .active
    );

    let universe_list: Vec<_> = experience.user_restrictions().list().try_collect().await?;
    assert_eq!(
        universe_list.iter().map(|r| r.user_id).collect::<Vec<_>>(),
        [156]
    );
    let place_list: Vec<_> = place.user_restrictions().list().try_collect().await?;
    assert_eq!(
        place_list.iter().map(|r| r.user_id).collect::<Vec<_>>(),
        [157]
    );

    let lifted = experience.user_restriction(156).unban().await?;
    assert!(!lifted.game_join.active);
    let lifted_place = place.user_restriction(157).unban().await?;
    assert!(!lifted_place.game_join.active);
    // Lifted bans stay listed, inactive.
    let after: Vec<_> = experience.user_restrictions().list().try_collect().await?;
    assert_eq!(after.len(), 1);
    assert!(!after[0].game_join.active);

    let logs: Vec<_> = experience.user_restrictions().logs().try_collect().await?;
    assert_eq!(
        logs.iter()
            .map(|l| (l.user_id, l.place_id, l.active))
            .collect::<Vec<_>>(),
        [
            (157, Some(emulator.place_id()), false),
            (156, None, false),
            (157, Some(emulator.place_id()), true),
            (156, None, true),
        ],
        "newest first, place changes included"
    );
    assert!(logs
        .iter()
        .all(|l| l.moderator == Moderator::User(DEFAULT_USER_ID)));
    assert_eq!(logs[3].duration, Some(Duration::from_secs(3600)));
    assert_eq!(logs[3].private_reason, "Reports 12 and 13");
    assert!(logs[3].exclude_alt_accounts);
    Ok(())
}

#[tokio::test]
async fn a_place_inherits_an_active_universe_ban() -> Result<(), Error> {
    let emulator = emulator().await;
    let experience = client(&emulator).experience(emulator.universe_id());
    experience
        .user_restriction(200)
        .ban()
        .display_reason("Exploiting")
        .await?;
    let in_place = experience
        .place(OTHER_PLACE)
        .user_restriction(200)
        .get()
        .await?;
    assert!(in_place.game_join.active && in_place.game_join.inherited);
    assert_eq!(in_place.game_join.display_reason, "Exploiting");
    assert_eq!(in_place.place_id, Some(OTHER_PLACE));
    experience.user_restriction(200).unban().await?;
    let lifted = experience
        .place(OTHER_PLACE)
        .user_restriction(200)
        .get()
        .await?;
    assert!(!lifted.game_join.active && !lifted.game_join.inherited);
    Ok(())
}

#[tokio::test]
async fn the_update_mask_names_the_restriction_and_the_body_only_what_was_set() -> Result<(), Error>
{
    let emulator = emulator().await;
    let experience = client(&emulator).experience(emulator.universe_id());
    experience
        .user_restriction(300)
        .ban()
        .duration(Duration::from_secs(60))
        .display_reason("first")
        .private_reason("kept?")
        .await?;
    // The whole restriction is replaced: what is not set again takes its default.
    let second = experience
        .user_restriction(300)
        .ban()
        .display_reason("second")
        .await?;
    assert_eq!(second.game_join.display_reason, "second");
    assert_eq!(second.game_join.private_reason, "");
    assert_eq!(second.game_join.duration, None);
    let updates = requests_of(&emulator, "user_restrictions.update");
    assert_eq!(updates.len(), 2);
    for update in &updates {
        let query = update
            .path
            .split_once('?')
            .map(|(_, q)| q)
            .unwrap_or_default();
        let names: Vec<String> = form_urlencoded::parse(query.as_bytes())
            .map(|(k, _)| k.into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "updateMask",
                "idempotencyKey.key",
                "idempotencyKey.firstSent"
            ]
        );
        assert!(
            query.starts_with("updateMask=gameJoinRestriction&"),
            "{query}"
        );
    }
    Ok(())
}

#[tokio::test]
async fn a_ban_expires_after_its_duration_on_the_emulator_clock() -> Result<(), Error> {
    let emulator = emulator().await;
    let experience = client(&emulator).experience(emulator.universe_id());
    let place = experience.place(emulator.place_id());
    experience
        .user_restriction(400)
        .ban()
        .duration(Duration::from_secs(600))
        .await?;
    place
        .user_restriction(401)
        .ban()
        .duration(Duration::from_secs(60))
        .await?;
    experience.user_restriction(402).ban().await?;

    emulator.advance_clock(Duration::from_secs(59));
    assert!(place.user_restriction(401).get().await?.game_join.active);
    emulator.advance_clock(Duration::from_secs(2));
    let expired = place.user_restriction(401).get().await?;
    assert!(!expired.game_join.active, "{expired:?}");
    assert_eq!(expired.game_join.duration, Some(Duration::from_secs(60)));
    assert!(
        experience
            .user_restriction(400)
            .get()
            .await?
            .game_join
            .active
    );

    emulator.advance_clock(Duration::from_secs(600));
    let listed: Vec<_> = experience.user_restrictions().list().try_collect().await?;
    let active: Vec<(u64, bool)> = listed
        .iter()
        .map(|r| (r.user_id, r.game_join.active))
        .collect();
    assert_eq!(active, [(400, false), (402, true)], "a permanent ban stays");
    let state = emulator.user_restriction(emulator.universe_id(), None, 400);
    assert!(state.is_some_and(|s| !s.active && s.written_active));
    Ok(())
}

#[tokio::test]
async fn invalid_input_never_reaches_the_emulator() -> Result<(), Error> {
    let emulator = emulator().await;
    let client = client(&emulator);
    let experience = client.experience(emulator.universe_id());
    let nowhere = client.experience(0);
    let user = experience.user_restriction(1);
    let errors = [
        (nowhere.user_restriction(1).get().await.err(), "universe_id"),
        (experience.user_restriction(0).get().await.err(), "user_id"),
        (
            experience.place(0).user_restriction(1).get().await.err(),
            "place_id",
        ),
        (experience.user_restriction(0).ban().await.err(), "user_id"),
        (
            experience.place(0).user_restriction(1).unban().await.err(),
            "place_id",
        ),
        (user.ban().duration(Duration::ZERO).await.err(), "duration"),
        (
            user.ban().duration(Duration::from_millis(2500)).await.err(),
            "duration",
        ),
        (
            user.ban()
                .duration(Duration::from_secs(MAX_DURATION_SECONDS + 1))
                .await
                .err(),
            "duration",
        ),
        (
            user.ban().display_reason("d".repeat(401)).await.err(),
            "display_reason",
        ),
        (
            user.ban().private_reason("p".repeat(1001)).await.err(),
            "private_reason",
        ),
        (
            user.ban()
                .idempotency_key(IdempotencyKey::new("", OffsetDateTime::now_utc()))
                .await
                .err(),
            "idempotency_key",
        ),
        (
            nowhere
                .user_restrictions()
                .list()
                .try_collect::<Vec<_>>()
                .await
                .err(),
            "universe_id",
        ),
        (
            experience
                .place(0)
                .user_restrictions()
                .list()
                .try_collect::<Vec<_>>()
                .await
                .err(),
            "place_id",
        ),
        (
            nowhere
                .user_restrictions()
                .logs()
                .try_collect::<Vec<_>>()
                .await
                .err(),
            "universe_id",
        ),
        (
            experience
                .user_restrictions()
                .logs()
                .user(0)
                .try_collect::<Vec<_>>()
                .await
                .err(),
            "user_id",
        ),
        (
            experience
                .user_restrictions()
                .logs()
                .place(0)
                .try_collect::<Vec<_>>()
                .await
                .err(),
            "place_id",
        ),
    ];
    for (error, field) in errors {
        match error {
            Some(Error::InvalidInput(invalid)) => assert_eq!(invalid.field(), field),
            other => panic!("expected invalid {field}, got {other:?}"),
        }
    }
    assert!(emulator.requests().is_empty(), "{:?}", emulator.requests());
    // The limits themselves are allowed.
    user.ban()
        .duration(Duration::from_secs(MAX_DURATION_SECONDS))
        .display_reason("é".repeat(400))
        .private_reason("日".repeat(1000))
        .await?;
    Ok(())
}

fn drop_after_update() -> FaultRule {
    FaultRule {
        route: "user_restrictions.update".into(),
        drop: Some(DropMode::AfterApply),
        times: Some(1),
        ..FaultRule::default()
    }
}

#[tokio::test]
async fn a_retried_ban_with_its_key_is_applied_once() -> Result<(), Error> {
    let emulator = emulator().await;
    let experience = client(&emulator).experience(emulator.universe_id());
    emulator.inject_fault(drop_after_update());
    let banned = experience
        .user_restriction(500)
        .ban()
        .display_reason("once")
        .await?;
    assert!(banned.game_join.active);
    let updates = requests_of(&emulator, "user_restrictions.update");
    assert_eq!(updates.len(), 2, "the dropped answer was retried");
    assert_eq!(updates[0].path, updates[1].path, "with the same key");
    let logs = emulator.user_restriction_logs(emulator.universe_id());
    assert_eq!(logs.len(), 1, "applied once: {logs:?}");
    Ok(())
}

#[tokio::test]
async fn a_ban_without_a_key_dropped_after_apply_may_have_been_applied() {
    let emulator = emulator().await;
    let experience = client(&emulator).experience(emulator.universe_id());
    emulator.inject_fault(drop_after_update());
    let error = experience
        .user_restriction(501)
        .ban()
        .without_idempotency_key()
        .await
        .err();
    assert!(
        error.as_ref().is_some_and(Error::may_have_been_applied),
        "{error:?}"
    );
    assert_eq!(requests_of(&emulator, "user_restrictions.update").len(), 1);
    assert_eq!(
        emulator.user_restriction_logs(emulator.universe_id()).len(),
        1
    );
}

#[tokio::test]
async fn a_key_replays_its_answer_and_expires_with_its_lifetime() -> Result<(), Error> {
    let emulator = emulator().await;
    let experience = client(&emulator).experience(emulator.universe_id());
    let key = IdempotencyKey::new("ban-600", OffsetDateTime::now_utc());
    let ban = || {
        experience
            .user_restriction(600)
            .ban()
            .display_reason("replayed")
            .idempotency_key(key.clone())
    };
    let first = ban().await?;
    let repeat = ban().await?;
    assert_eq!(first, repeat);
    assert_eq!(
        emulator.user_restriction_logs(emulator.universe_id()).len(),
        1
    );
    // The same key with another change is refused.
    let other = experience
        .user_restriction(600)
        .unban()
        .idempotency_key(key.clone())
        .await
        .err();
    assert_eq!(
        other.as_ref().and_then(Error::status).map(|s| s.as_u16()),
        Some(400)
    );
    // A key first sent longer ago than its lifetime is refused.
    emulator.advance_clock(Duration::from_secs(86_400 + 60));
    let late = ban().await.err();
    assert_eq!(
        late.as_ref().and_then(Error::status).map(|s| s.as_u16()),
        Some(400)
    );
    assert_eq!(
        emulator.user_restriction_logs(emulator.universe_id()).len(),
        1
    );
    Ok(())
}

#[tokio::test]
async fn a_third_update_of_a_user_within_a_minute_is_rate_limited() -> Result<(), Error> {
    let emulator = match Emulator::builder().start().await {
        Ok(handle) => handle,
        Err(e) => panic!("the emulator did not start: {e}"),
    };
    let experience = client_with(&emulator, 1).experience(emulator.universe_id());
    let user = experience.user_restriction(700);
    user.ban().await?;
    user.unban().await?;
    let third = user.ban().await.err();
    assert!(
        matches!(third, Some(Error::RateLimited { .. })),
        "{third:?}"
    );
    assert!(third.is_some_and(|e| e.retry_after().is_some()));
    experience.user_restriction(701).ban().await?;
    emulator.advance_clock(Duration::from_secs(60));
    user.ban().await?;
    Ok(())
}

#[tokio::test]
async fn scopes_are_checked() -> Result<(), Error> {
    let config = Config::default().with_api_key(
        "read-only",
        Owner::User(DEFAULT_USER_ID),
        UniverseSelector::Id(DEFAULT_UNIVERSE_ID),
        &["universe.user-restriction:read"],
    );
    let emulator = match Emulator::builder()
        .config(config)
        .rate_limits(false)
        .start()
        .await
    {
        Ok(handle) => handle,
        Err(e) => panic!("emulator: {e}"),
    };
    let reader = Experience::new(
        DEFAULT_UNIVERSE_ID,
        Client::builder()
            .base_url(emulator.base_url())
            .api_key("read-only")
            .build()?,
    );
    reader.user_restriction(1).get().await?;
    let error = reader.user_restriction(1).ban().await.err();
    assert_eq!(
        error.as_ref().and_then(Error::status).map(|s| s.as_u16()),
        Some(403)
    );
    assert!(emulator
        .user_restriction_logs(DEFAULT_UNIVERSE_ID)
        .is_empty());
    Ok(())
}
