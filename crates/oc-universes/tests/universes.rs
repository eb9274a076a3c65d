//! Universes, places, server restarts and the v2 publish against the emulator over real
//! sockets.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{client, emulator, requests_on, update_mask};
use oc_core::Error;
use oc_emulator::{
    DropMode, FaultRule, PlaceSettings, SocialLink as SeededLink, UniverseSettings,
    DEFAULT_PLACE_ID, DEFAULT_USER_ID,
};
use oc_universes::{
    AgeRating, ExperienceUniversesExt, PlaceUniversesExt, SocialLink, SocialPlatform,
    UniverseOwner, Visibility,
};

#[tokio::test]
async fn get_universe_reads_the_seeded_settings() -> Result<(), Error> {
    let emulator = emulator().await;
    let mut seeded = UniverseSettings::new(emulator.universe_id());
    seeded.visibility = "PUBLIC".into();
    seeded.age_rating = "AGE_RATING_9_PLUS".into();
    seeded.private_server_price_robux = Some(40);
    seeded.discord_social_link = Some(SeededLink {
        title: "Chat".into(),
        uri: "https://discord.gg/x".into(),
    });
    emulator.set_universe_settings(&seeded);
    let universe = client(&emulator)
        .experience(emulator.universe_id())
        .universe()
        .get()
        .await?;
    assert_eq!(universe.id, emulator.universe_id());
    assert_eq!(universe.owner, UniverseOwner::User(DEFAULT_USER_ID));
    assert_eq!(universe.visibility, Visibility::Public);
    assert_eq!(universe.age_rating, AgeRating::NinePlus);
    assert_eq!(universe.private_server_price_robux, Some(40));
    assert_eq!(universe.root_place_id, Some(DEFAULT_PLACE_ID));
    assert_eq!(universe.desktop_enabled, Some(true));
    assert_eq!(
        universe.social_link(SocialPlatform::Discord),
        Some(&SocialLink::new("Chat", "https://discord.gg/x"))
    );
    assert!(universe.create_time.is_some() && universe.update_time.is_some());

    let missing = client(&emulator).experience(999_999).universe().get().await;
    assert!(missing.is_err(), "{missing:?}");
    Ok(())
}

#[tokio::test]
async fn an_update_names_exactly_the_fields_set_and_leaves_the_others() -> Result<(), Error> {
    let emulator = emulator().await;
    let mut seeded = UniverseSettings::new(emulator.universe_id());
    seeded.console_enabled = true;
    seeded.twitch_social_link = Some(SeededLink {
        title: "Live".into(),
        uri: "https://twitch.tv/x".into(),
    });
    emulator.set_universe_settings(&seeded);
    let universe = client(&emulator)
        .experience(emulator.universe_id())
        .universe();

    let updated = universe
        .update()
        .voice_chat_enabled(true)
        .private_server_price_robux(25)
        .mobile_enabled(false)
        .discord_social_link(SocialLink::new("Chat", "https://discord.gg/y"))
        .await?;
    assert_eq!(updated.voice_chat_enabled, Some(true));
    assert_eq!(updated.private_server_price_robux, Some(25));

    let sent = requests_on(&emulator, "universes.update");
    assert_eq!(sent.len(), 1);
    assert_eq!(
        update_mask(&sent[0]),
        "voiceChatEnabled,privateServerPriceRobux,mobileEnabled,discordSocialLink"
    );
    let now = emulator
        .universe_settings(emulator.universe_id())
        .expect("the universe");
    assert!(now.voice_chat_enabled);
    assert_eq!(now.private_server_price_robux, Some(25));
    assert!(!now.mobile_enabled);
    assert_eq!(
        now.discord_social_link.as_ref().map(|l| l.uri.as_str()),
        Some("https://discord.gg/y")
    );
    // Fields the update did not name kept their values.
    assert!(now.console_enabled && now.desktop_enabled && now.vr_enabled);
    assert_eq!(
        now.twitch_social_link.as_ref().map(|l| l.title.as_str()),
        Some("Live")
    );
    assert_eq!(
        updated
            .social_link(SocialPlatform::Twitch)
            .map(|l| l.uri.as_str()),
        Some("https://twitch.tv/x")
    );
    Ok(())
}

#[tokio::test]
async fn clearing_removes_a_social_link_and_disables_private_servers() -> Result<(), Error> {
    let emulator = emulator().await;
    let mut seeded = UniverseSettings::new(emulator.universe_id());
    seeded.private_server_price_robux = Some(10);
    let link = SeededLink {
        title: "t".into(),
        uri: "https://example.com".into(),
    };
    seeded.facebook_social_link = Some(link.clone());
    seeded.guilded_social_link = Some(link.clone());
    emulator.set_universe_settings(&seeded);
    let universe = client(&emulator)
        .experience(emulator.universe_id())
        .universe();

    let updated = universe
        .update()
        .disable_private_servers()
        .remove_facebook_social_link()
        .await?;
    assert_eq!(updated.private_server_price_robux, None);
    assert_eq!(updated.social_link(SocialPlatform::Facebook), None);
    assert!(updated.social_link(SocialPlatform::Guilded).is_some());
    let sent = requests_on(&emulator, "universes.update");
    assert_eq!(
        update_mask(&sent[0]),
        "privateServerPriceRobux,facebookSocialLink"
    );
    let now = emulator
        .universe_settings(emulator.universe_id())
        .expect("the universe");
    assert_eq!(now.private_server_price_robux, None);
    assert_eq!(now.facebook_social_link, None);
    assert_eq!(now.guilded_social_link, Some(link));
    Ok(())
}

#[tokio::test]
async fn places_are_read_and_updated_field_by_field() -> Result<(), Error> {
    let emulator = emulator().await;
    let mut seeded = PlaceSettings::new(emulator.universe_id(), emulator.place_id());
    seeded.display_name = Some("Obby".into());
    seeded.description = "Jump".into();
    emulator.set_place_settings(&seeded);
    let experience = client(&emulator).experience(emulator.universe_id());
    let place = experience.place(emulator.place_id());

    let read = place.get().await?;
    assert_eq!(
        (read.universe_id, read.id),
        (emulator.universe_id(), emulator.place_id())
    );
    assert_eq!(read.display_name, "Obby");
    assert_eq!(read.description, "Jump");
    assert_eq!(read.server_size, Some(50));
    assert!(read.root);

    let updated = place.update().server_size(12).await?;
    assert_eq!(updated.server_size, Some(12));
    assert_eq!(
        updated.display_name, "Obby",
        "an unnamed field is left alone"
    );
    assert_eq!(
        update_mask(&requests_on(&emulator, "universes.place.update")[0]),
        "serverSize"
    );
    let now = emulator
        .place_settings(emulator.universe_id(), emulator.place_id())
        .expect("the place");
    assert_eq!(now.server_size, 12);
    assert_eq!(now.description, "Jump");

    // The root place's name and description are the universe's.
    place
        .update()
        .display_name("Renamed")
        .description("New")
        .await?;
    let universe = experience.universe().get().await?;
    assert_eq!(universe.display_name, "Renamed");
    assert_eq!(universe.description, "New");

    let elsewhere = experience.place(987_654).get().await;
    assert!(elsewhere.is_err_and(|e| e.is_not_found()));
    Ok(())
}

#[tokio::test]
async fn a_place_open_in_team_create_is_a_conflict() -> Result<(), Error> {
    let emulator = emulator().await;
    let mut seeded = PlaceSettings::new(emulator.universe_id(), emulator.place_id());
    seeded.team_create_active = true;
    emulator.set_place_settings(&seeded);
    let place = client(&emulator)
        .experience(emulator.universe_id())
        .place(emulator.place_id());
    let refused = place.update().description("x").await;
    assert!(matches!(refused, Err(Error::Conflict(_))), "{refused:?}");
    let now = emulator
        .place_settings(emulator.universe_id(), emulator.place_id())
        .expect("the place");
    assert_eq!(now.description, "");
    Ok(())
}

#[tokio::test]
async fn restarts_reach_the_emulator_with_every_field() -> Result<(), Error> {
    let emulator = emulator().await;
    let universe = client(&emulator)
        .experience(emulator.universe_id())
        .universe();
    universe.restart_servers().await?;
    universe
        .restart_servers()
        .place_id(emulator.place_id())
        .close_all_versions(true)
        .bleed_off(15)
        .await?;
    let restarts = emulator.server_restarts();
    assert_eq!(restarts.len(), 2);
    assert_eq!(restarts[0].universe_id, emulator.universe_id());
    assert!(restarts[0].place_ids.is_empty());
    assert!(!restarts[0].close_all_versions && !restarts[0].bleed_off_servers);
    assert_eq!(restarts[1].place_ids, [emulator.place_id()]);
    assert!(restarts[1].close_all_versions && restarts[1].bleed_off_servers);
    assert_eq!(restarts[1].bleed_off_duration_minutes, Some(15));
    Ok(())
}

#[tokio::test]
async fn a_restart_dropped_after_apply_may_have_been_applied_and_is_sent_once() {
    let emulator = emulator().await;
    emulator.inject_fault(FaultRule {
        route: "universes.restart_servers".into(),
        drop: Some(DropMode::AfterApply),
        times: Some(1),
        ..FaultRule::default()
    });
    let universe = client(&emulator)
        .experience(emulator.universe_id())
        .universe();
    let error = universe
        .restart_servers()
        .close_all_versions(true)
        .await
        .err();
    match &error {
        Some(e @ Error::Transport { .. }) => assert!(e.may_have_been_applied()),
        other => panic!("expected a lost connection, got {other:?}"),
    }
    assert_eq!(requests_on(&emulator, "universes.restart_servers").len(), 1);
    assert_eq!(emulator.server_restarts().len(), 1);
}

#[tokio::test]
async fn the_v2_publish_lands_in_the_message_log() -> Result<(), Error> {
    let emulator = emulator().await;
    let universe = client(&emulator)
        .experience(emulator.universe_id())
        .universe();
    let topic = "a b/c%d&e#f?g+h é";
    universe.publish_message(topic, "hello").await?;
    universe
        .publish_message("t".repeat(80), "日".repeat(1024))
        .await?;
    let published = emulator.published_messages();
    assert_eq!(published.len(), 2);
    assert_eq!(published[0].universe_id, emulator.universe_id());
    assert_eq!(published[0].topic, topic);
    assert_eq!(published[0].message, "hello");
    assert_eq!(published[1].message.chars().count(), 1024);
    assert_eq!(requests_on(&emulator, "messaging.publish_message").len(), 2);
    Ok(())
}

#[tokio::test]
async fn a_publish_dropped_after_apply_is_delivered_once() {
    let emulator = emulator().await;
    emulator.inject_fault(FaultRule {
        route: "messaging.publish_message".into(),
        drop: Some(DropMode::AfterApply),
        times: Some(1),
        ..FaultRule::default()
    });
    let universe = client(&emulator)
        .experience(emulator.universe_id())
        .universe();
    let error = universe.publish_message("t", "once").await.err();
    assert!(error.is_some_and(|e| e.may_have_been_applied()));
    assert_eq!(emulator.published_messages().len(), 1);
    assert_eq!(emulator.requests().len(), 1);
}

#[tokio::test]
async fn invalid_input_never_reaches_the_emulator() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let experience = client.experience(emulator.universe_id());
    let universe = experience.universe();
    let place = experience.place(emulator.place_id());
    let field = |result: Result<(), Error>| match result {
        Err(Error::InvalidInput(invalid)) => invalid.field().to_owned(),
        other => panic!("expected invalid input, got {other:?}"),
    };
    let cases = [
        (field(universe.update().await.map(drop)), "update"),
        (
            field(
                universe
                    .update()
                    .private_server_price_robux(u32::MAX)
                    .await
                    .map(drop),
            ),
            "private_server_price_robux",
        ),
        (
            field(client.experience(0).universe().get().await.map(drop)),
            "universe_id",
        ),
        (
            field(universe.restart_servers().bleed_off(0).await),
            "bleed_off_duration_minutes",
        ),
        (
            field(universe.restart_servers().bleed_off(61).await),
            "bleed_off_duration_minutes",
        ),
        (
            field(
                universe
                    .restart_servers()
                    .bleed_off_duration_minutes(5)
                    .await,
            ),
            "bleed_off_duration_minutes",
        ),
        (
            field(universe.restart_servers().place_id(0).await),
            "place_ids",
        ),
        (field(universe.publish_message("", "m").await), "topic"),
        (
            field(universe.publish_message("t".repeat(81), "m").await),
            "topic",
        ),
        (field(universe.publish_message("t", "").await), "message"),
        (
            field(universe.publish_message("t", "m".repeat(1025)).await),
            "message",
        ),
        (field(place.update().await.map(drop)), "update"),
        (
            field(place.update().server_size(0).await.map(drop)),
            "server_size",
        ),
        (field(experience.place(0).get().await.map(drop)), "place_id"),
    ];
    for (got, want) in cases {
        assert_eq!(got, want);
    }
    assert!(emulator.requests().is_empty(), "{:?}", emulator.requests());
    assert!(emulator.server_restarts().is_empty());
    assert!(emulator.published_messages().is_empty());
}
