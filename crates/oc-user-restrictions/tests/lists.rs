//! Listing restrictions and their log against the emulator, across pages.

mod common;

use common::{client, emulator, requests_of, OTHER_PLACE};
use futures::TryStreamExt;
use oc_core::Error;
use oc_emulator::{FaultRule, UserRestrictionConfig};
use oc_user_restrictions::{ExperienceUserRestrictionsExt, PlaceUserRestrictionsExt};

#[tokio::test]
async fn lists_walk_every_page_with_and_without_a_limit() -> Result<(), Error> {
    let emulator = emulator().await;
    let universe = emulator.universe_id();
    for user in 1..=25 {
        emulator.set_user_restriction(&UserRestrictionConfig::ban(universe, user));
        emulator.set_user_restriction(
            &UserRestrictionConfig::ban(universe, 100 + user).in_place(OTHER_PLACE),
        );
    }
    let experience = client(&emulator).experience(universe);

    let all: Vec<_> = experience
        .user_restrictions()
        .list()
        .page_size(3)
        .try_collect()
        .await?;
    assert_eq!(
        all.iter().map(|r| r.user_id).collect::<Vec<_>>(),
        (1..=25).collect::<Vec<_>>(),
        "first restricted first, every page"
    );
    assert!(all
        .iter()
        .all(|r| r.game_join.active && r.place_id.is_none()));
    assert_eq!(requests_of(&emulator, "user_restrictions.list").len(), 9);

    let limited: Vec<_> = experience
        .user_restrictions()
        .list()
        .page_size(3)
        .limit(7)
        .try_collect()
        .await?;
    assert_eq!(
        limited.iter().map(|r| r.user_id).collect::<Vec<_>>(),
        (1..=7).collect::<Vec<_>>()
    );
    assert_eq!(
        requests_of(&emulator, "user_restrictions.list").len(),
        9 + 3,
        "a limit of 7 in pages of 3 is three requests"
    );

    let in_place: Vec<_> = experience
        .place(OTHER_PLACE)
        .user_restrictions()
        .list()
        .page_size(10)
        .try_collect()
        .await?;
    assert_eq!(
        in_place.iter().map(|r| r.user_id).collect::<Vec<_>>(),
        (101..=125).collect::<Vec<_>>()
    );
    assert!(in_place.iter().all(|r| r.place_id == Some(OTHER_PLACE)));
    Ok(())
}

#[tokio::test]
async fn a_pager_stops_on_a_repeated_page_token() -> Result<(), Error> {
    let emulator = emulator().await;
    let universe = emulator.universe_id();
    for user in 1..=5 {
        emulator.set_user_restriction(&UserRestrictionConfig::ban(universe, user));
    }
    emulator.inject_fault(FaultRule {
        route: "user_restrictions.list".into(),
        repeat_cursor: true,
        ..FaultRule::default()
    });
    let experience = client(&emulator).experience(universe);
    let result: Result<Vec<_>, Error> = experience
        .user_restrictions()
        .list()
        .page_size(2)
        .try_collect()
        .await;
    assert!(matches!(result, Err(Error::Pagination(_))), "{result:?}");
    Ok(())
}

#[tokio::test]
async fn logs_filter_by_user_and_by_place_across_pages() -> Result<(), Error> {
    let emulator = emulator().await;
    let universe = emulator.universe_id();
    let place = emulator.place_id();
    let experience = client(&emulator).experience(universe);
    // Twelve users banned from the universe, from the place and from the other place.
    for user in 1..=12 {
        experience.user_restriction(user).ban().await?;
        experience.place(place).user_restriction(user).ban().await?;
    }
    for user in 1..=4 {
        experience
            .place(OTHER_PLACE)
            .user_restriction(user)
            .ban()
            .display_reason("other")
            .await?;
    }

    let every: Vec<_> = experience
        .user_restrictions()
        .logs()
        .page_size(5)
        .try_collect()
        .await?;
    assert_eq!(every.len(), 28);
    let by_user: Vec<_> = experience
        .user_restrictions()
        .logs()
        .user(3)
        .page_size(1)
        .try_collect()
        .await?;
    assert_eq!(
        by_user.iter().map(|l| l.place_id).collect::<Vec<_>>(),
        [Some(OTHER_PLACE), Some(place), None],
        "newest first"
    );
    assert!(by_user.iter().all(|l| l.user_id == 3));

    let by_place: Vec<_> = experience
        .user_restrictions()
        .logs()
        .place(place)
        .page_size(5)
        .try_collect()
        .await?;
    assert_eq!(
        by_place.iter().map(|l| l.user_id).collect::<Vec<_>>(),
        (1..=12).rev().collect::<Vec<_>>()
    );
    // From a place handle the log is that place's.
    let from_place: Vec<_> = experience
        .place(OTHER_PLACE)
        .user_restrictions()
        .logs()
        .try_collect()
        .await?;
    assert_eq!(
        from_place.iter().map(|l| l.user_id).collect::<Vec<_>>(),
        [4, 3, 2, 1]
    );
    assert!(from_place.iter().all(|l| l.display_reason == "other"));

    let both: Vec<_> = experience
        .user_restrictions()
        .logs()
        .user(2)
        .place(OTHER_PLACE)
        .try_collect()
        .await?;
    assert_eq!(both.len(), 1);
    assert_eq!((both[0].user_id, both[0].place_id), (2, Some(OTHER_PLACE)));

    let limited: Vec<_> = experience
        .user_restrictions()
        .logs()
        .page_size(4)
        .limit(6)
        .try_collect()
        .await?;
    assert_eq!(limited, every[..6]);
    Ok(())
}
