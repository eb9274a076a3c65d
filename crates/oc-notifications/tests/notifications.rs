//! User notifications against the emulator over real sockets: a create recorded with its
//! payload, the inputs refused before anything is sent, scopes, the optional daily
//! throttle, and a create whose connection drops after it was applied.

use oc_core::{Client, Error, RetryConfig};
use oc_emulator::{
    Config, DropMode, Emulator, EmulatorHandle, FaultRule, NotificationParameter, Owner,
    UniverseSelector, DEFAULT_UNIVERSE_ID, DEFAULT_USER_ID,
};
use oc_notifications::{UserNotificationsExt, MAX_LAUNCH_DATA_BYTES};

const MESSAGE: &str = "5dd7024b-68e3-ac4d-8232-4217f86ca244";
const TOKEN: &str = "notify-token";

fn config() -> Config {
    Config::default()
        .with_api_key(
            "other-universe",
            Owner::User(DEFAULT_USER_ID),
            UniverseSelector::Id(1),
            &["user.user-notification:write"],
        )
        .with_api_key(
            "no-scope",
            Owner::User(DEFAULT_USER_ID),
            UniverseSelector::All,
            &["asset:read"],
        )
        .with_oauth_token(
            TOKEN,
            DEFAULT_USER_ID,
            &[UniverseSelector::Id(DEFAULT_UNIVERSE_ID)],
            &["user.user-notification:write"],
        )
}

async fn emulator_with(config: Config) -> EmulatorHandle {
    match Emulator::builder()
        .config(config)
        .rate_limits(false)
        .start()
        .await
    {
        Ok(handle) => handle,
        Err(e) => panic!("the emulator did not start: {e}"),
    }
}

fn build(builder: oc_core::ClientBuilder) -> Client {
    match builder.build() {
        Ok(client) => client,
        Err(e) => panic!("client: {e}"),
    }
}

fn client_with_key(emulator: &EmulatorHandle, key: &str) -> Client {
    build(
        Client::builder()
            .base_url(emulator.base_url())
            .api_key(key)
            .retry(RetryConfig::disabled()),
    )
}

fn client(emulator: &EmulatorHandle) -> Client {
    client_with_key(emulator, &emulator.api_key())
}

#[tokio::test]
async fn a_notification_is_created_and_recorded_with_its_payload() -> Result<(), Error> {
    let emulator = emulator_with(config()).await;
    let user = client(&emulator).user(DEFAULT_USER_ID);
    let sent = user
        .notify(DEFAULT_UNIVERSE_ID, MESSAGE)
        .parameter("points", "5")
        .parameter("level", 12_i64)
        .user_mention("friend", 3702832553)
        .launch_data("x".repeat(MAX_LAUNCH_DATA_BYTES))
        .analytics_category("Bronze egg hatched")
        .await?;
    assert_eq!(
        sent.path,
        format!("users/{DEFAULT_USER_ID}/notifications/{}", sent.id)
    );
    let recorded = emulator.user_notifications();
    assert_eq!(recorded.len(), 1);
    let n = &recorded[0];
    assert_eq!(
        (n.id.as_str(), n.user_id, n.universe_id),
        (sent.id.as_str(), DEFAULT_USER_ID, DEFAULT_UNIVERSE_ID)
    );
    assert_eq!(n.message_id, MESSAGE);
    assert_eq!(
        n.parameters.get("points"),
        Some(&NotificationParameter::String("5".into()))
    );
    assert_eq!(
        n.parameters.get("level"),
        Some(&NotificationParameter::Int64(12))
    );
    assert_eq!(
        n.parameters.get("userId-friend"),
        Some(&NotificationParameter::Int64(3702832553))
    );
    assert_eq!(
        n.launch_data.as_deref().map(str::len),
        Some(MAX_LAUNCH_DATA_BYTES)
    );
    assert!(n.join_experience);
    assert_eq!(n.analytics_category.as_deref(), Some("Bronze egg hatched"));

    // The bare minimum, and a join call to action without launch data, through OAuth.
    let bearer = build(
        Client::builder()
            .base_url(emulator.base_url())
            .access_token(TOKEN),
    );
    bearer
        .user(DEFAULT_USER_ID)
        .notify(DEFAULT_UNIVERSE_ID, "m")
        .join_experience()
        .await?;
    let second = &emulator.user_notifications()[1];
    assert!(second.join_experience && second.launch_data.is_none() && second.parameters.is_empty());
    Ok(())
}

#[tokio::test]
async fn invalid_inputs_are_refused_before_sending() {
    let emulator = emulator_with(config()).await;
    let client = client(&emulator);
    let user = client.user(DEFAULT_USER_ID);
    emulator.clear_requests();
    for (create, field) in [
        (user.notify(DEFAULT_UNIVERSE_ID, ""), "message_id"),
        (user.notify(DEFAULT_UNIVERSE_ID, "a\nb"), "message_id"),
        (user.notify(0, MESSAGE), "universe_id"),
        (
            user.notify(DEFAULT_UNIVERSE_ID, MESSAGE).parameter("", "x"),
            "parameters",
        ),
        (
            user.notify(DEFAULT_UNIVERSE_ID, MESSAGE)
                .launch_data("é".repeat(101)),
            "launch_data",
        ),
    ] {
        let refused = create.await;
        assert!(
            matches!(&refused, Err(Error::InvalidInput(e)) if e.field() == field),
            "{field}: {refused:?}"
        );
    }
    let zero = client.user(0);
    let refused = zero.notify(DEFAULT_UNIVERSE_ID, MESSAGE).await;
    assert!(matches!(&refused, Err(Error::InvalidInput(e)) if e.field() == "user_id"));
    assert!(emulator.requests().is_empty(), "{:?}", emulator.requests());
    assert!(emulator.user_notifications().is_empty());
}

#[tokio::test]
async fn scopes_users_and_the_daily_throttle() -> Result<(), Error> {
    let mut config = config();
    config.notifications.daily_limit_per_user = 1;
    let emulator = emulator_with(config).await;
    let status = |result: Result<oc_notifications::UserNotification, Error>| {
        result.err().and_then(|e| e.status()).map(|s| s.as_u16())
    };
    let no_scope = client_with_key(&emulator, "no-scope");
    assert_eq!(
        status(
            no_scope
                .user(DEFAULT_USER_ID)
                .notify(DEFAULT_UNIVERSE_ID, MESSAGE)
                .await
        ),
        Some(403)
    );
    // The scope on another universe does not cover this one.
    let elsewhere = client_with_key(&emulator, "other-universe");
    assert_eq!(
        status(
            elsewhere
                .user(DEFAULT_USER_ID)
                .notify(DEFAULT_UNIVERSE_ID, MESSAGE)
                .await
        ),
        Some(403)
    );
    let client = client(&emulator);
    assert_eq!(
        status(
            client
                .user(987_654)
                .notify(DEFAULT_UNIVERSE_ID, MESSAGE)
                .await
        ),
        Some(404)
    );
    client
        .user(DEFAULT_USER_ID)
        .notify(DEFAULT_UNIVERSE_ID, MESSAGE)
        .await?;
    assert_eq!(
        status(
            client
                .user(DEFAULT_USER_ID)
                .notify(DEFAULT_UNIVERSE_ID, MESSAGE)
                .await
        ),
        Some(429)
    );
    assert_eq!(emulator.user_notifications().len(), 1);
    // A new UTC day on the emulator's clock.
    emulator.advance_clock(std::time::Duration::from_secs(24 * 60 * 60));
    client
        .user(DEFAULT_USER_ID)
        .notify(DEFAULT_UNIVERSE_ID, MESSAGE)
        .await?;
    assert_eq!(emulator.user_notifications().len(), 2);
    Ok(())
}

#[tokio::test]
async fn a_dropped_connection_after_apply_may_have_been_applied_and_is_sent_once() {
    let emulator = emulator_with(config()).await;
    emulator.inject_fault(FaultRule {
        route: "notifications.create".into(),
        drop: Some(DropMode::AfterApply),
        times: Some(1),
        ..FaultRule::default()
    });
    // Retries on: the retry layer must still not repeat it.
    let client = build(
        Client::builder()
            .base_url(emulator.base_url())
            .api_key(emulator.api_key())
            .retry(RetryConfig::default().with_max_attempts(4)),
    );
    emulator.clear_requests();
    let error = client
        .user(DEFAULT_USER_ID)
        .notify(DEFAULT_UNIVERSE_ID, MESSAGE)
        .parameter("points", "5")
        .await
        .err();
    assert!(
        error.as_ref().is_some_and(Error::may_have_been_applied),
        "{error:?}"
    );
    let sent: Vec<_> = emulator
        .requests()
        .into_iter()
        .filter(|r| r.route.as_deref() == Some("notifications.create"))
        .collect();
    assert_eq!(sent.len(), 1, "sent once: {sent:?}");
    let recorded = emulator.user_notifications();
    assert_eq!(recorded.len(), 1, "applied once");
    assert_eq!(recorded[0].message_id, MESSAGE);
}
