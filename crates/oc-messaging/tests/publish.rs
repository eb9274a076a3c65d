//! Publishing against the emulator over real sockets.

use std::time::{Duration, Instant};

use oc_core::{Client, Error, RetryConfig};
use oc_emulator::{
    Config, DropMode, Emulator, EmulatorHandle, FaultRule, Owner, UniverseSelector,
    DEFAULT_UNIVERSE_ID, DEFAULT_USER_ID,
};
use oc_messaging::ExperienceMessagingExt;

async fn emulator() -> EmulatorHandle {
    match Emulator::builder().rate_limits(false).start().await {
        Ok(handle) => handle,
        Err(e) => panic!("the emulator did not start: {e}"),
    }
}

fn client(emulator: &EmulatorHandle) -> Client {
    let built = Client::builder()
        .base_url(emulator.base_url())
        .api_key(emulator.api_key())
        .retry(
            RetryConfig::default()
                .with_max_attempts(4)
                .with_backoff(Duration::from_millis(10), Duration::from_millis(50)),
        )
        .build();
    match built {
        Ok(client) => client,
        Err(e) => panic!("client: {e}"),
    }
}

fn publish_fault() -> FaultRule {
    FaultRule {
        route: "messaging.publish".into(),
        ..FaultRule::default()
    }
}

#[tokio::test]
async fn a_message_is_published_and_topics_round_trip() -> Result<(), Error> {
    let emulator = emulator().await;
    let experience = client(&emulator).experience(emulator.universe_id());
    let topic = "a b/c%d&e#f?g+h é 日本";
    experience.publish_message(topic, "hello").await?;
    experience
        .publish_message("plain", "{\"json\":true}")
        .await?;
    let published = emulator.published_messages();
    assert_eq!(published.len(), 2);
    assert_eq!(published[0].topic, topic);
    assert_eq!(published[0].message, "hello");
    assert_eq!(published[0].universe_id, emulator.universe_id());
    assert_eq!(published[1].message, "{\"json\":true}");
    Ok(())
}

#[tokio::test]
async fn invalid_input_never_reaches_the_emulator() {
    let emulator = emulator().await;
    let experience = client(&emulator).experience(emulator.universe_id());
    let long_topic = "t".repeat(81);
    let long_message = "m".repeat(1025);
    let cases = [
        ("", "message", "topic"),
        (long_topic.as_str(), "message", "topic"),
        ("topic", "", "message"),
        ("topic", long_message.as_str(), "message"),
        // A dot segment would be normalised away by a proxy or router on the path.
        (".", "message", "topic"),
        ("..", "message", "topic"),
    ];
    for (topic, message, field) in cases {
        match experience.publish_message(topic, message).await {
            Err(Error::InvalidInput(invalid)) => assert_eq!(invalid.field(), field),
            other => panic!("expected invalid {field}, got {other:?}"),
        }
    }
    assert!(emulator.requests().is_empty(), "{:?}", emulator.requests());
    assert!(emulator.published_messages().is_empty());
}

#[tokio::test]
async fn the_limits_are_characters_not_bytes() -> Result<(), Error> {
    let emulator = emulator().await;
    let experience = client(&emulator).experience(emulator.universe_id());
    experience
        .publish_message("é".repeat(80), "日".repeat(1024))
        .await?;
    assert_eq!(emulator.published_messages().len(), 1);
    Ok(())
}

#[tokio::test]
async fn a_wrong_key_is_unauthorized_and_a_missing_scope_forbidden() -> Result<(), Error> {
    let config = Config::default().with_api_key(
        "no-messaging",
        Owner::User(DEFAULT_USER_ID),
        UniverseSelector::Id(DEFAULT_UNIVERSE_ID),
        &["universe-datastores.control:list"],
    );
    let emulator = match Emulator::builder().config(config).start().await {
        Ok(handle) => handle,
        Err(e) => panic!("emulator: {e}"),
    };
    let base = Client::builder().base_url(emulator.base_url());

    let wrong = base.api_key("not-a-key").build()?.experience(1000);
    let error = wrong.publish_message("t", "m").await.err();
    assert!(matches!(error, Some(Error::Unauthorized(_))), "{error:?}");
    assert!(error.is_some_and(|e| e.certainly_not_applied()));

    let limited = Client::builder()
        .base_url(emulator.base_url())
        .api_key("no-messaging")
        .build()?
        .experience(1000);
    let error = limited.publish_message("t", "m").await.err();
    assert_eq!(
        error.as_ref().and_then(Error::status).map(|s| s.as_u16()),
        Some(403)
    );
    assert!(emulator.published_messages().is_empty());
    Ok(())
}

#[tokio::test]
async fn a_429_with_retry_after_then_success() -> Result<(), Error> {
    let emulator = emulator().await;
    emulator.inject_fault(FaultRule {
        status: Some(429),
        times: Some(1),
        retry_after_secs: Some(1),
        ..publish_fault()
    });
    let experience = client(&emulator).experience(emulator.universe_id());
    let started = Instant::now();
    experience.publish_message("t", "m").await?;
    assert!(started.elapsed() >= Duration::from_millis(950));
    assert_eq!(emulator.requests().len(), 2);
    assert_eq!(emulator.published_messages().len(), 1);
    Ok(())
}

#[tokio::test]
async fn two_503s_then_success_when_duplicates_are_allowed() -> Result<(), Error> {
    let emulator = emulator().await;
    emulator.inject_fault(FaultRule {
        status: Some(503),
        times: Some(2),
        ..publish_fault()
    });
    let experience = client(&emulator).experience(emulator.universe_id());
    experience
        .publish_message("t", "m")
        .allow_duplicates(true)
        .await?;
    assert_eq!(emulator.requests().len(), 3);
    assert_eq!(emulator.published_messages().len(), 1);
    Ok(())
}

#[tokio::test]
async fn a_503_is_not_retried_by_default_and_may_have_been_applied() {
    let emulator = emulator().await;
    emulator.inject_fault(FaultRule {
        status: Some(503),
        times: Some(2),
        ..publish_fault()
    });
    let experience = client(&emulator).experience(emulator.universe_id());
    let error = experience.publish_message("t", "m").await.err();
    assert!(
        matches!(error, Some(Error::ServiceUnavailable(_))),
        "{error:?}"
    );
    assert!(error.is_some_and(|e| e.may_have_been_applied()));
    assert_eq!(emulator.requests().len(), 1);
}

#[tokio::test]
async fn a_dropped_connection_after_apply_is_reported_and_not_retried() {
    let emulator = emulator().await;
    emulator.inject_fault(FaultRule {
        drop: Some(DropMode::AfterApply),
        times: Some(1),
        ..publish_fault()
    });
    let experience = client(&emulator).experience(emulator.universe_id());
    let error = experience.publish_message("t", "once").await.err();
    match &error {
        Some(e @ Error::Transport { .. }) => assert!(e.may_have_been_applied()),
        other => panic!("expected a lost connection, got {other:?}"),
    }
    assert_eq!(emulator.requests().len(), 1);
    let published = emulator.published_messages();
    assert_eq!(published.len(), 1);
    assert_eq!(published[0].message, "once");
}
