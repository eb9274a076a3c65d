//! Get Subscription against the emulator over real sockets.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use oc_core::{AccessToken, Client, Error, RetryConfig};
use oc_emulator::{
    Config, Emulator, EmulatorHandle, SubscriptionConfig, UniverseSelector, DEFAULT_UNIVERSE_ID,
    DEFAULT_USER_ID,
};
use oc_subscriptions::{
    ExperienceSubscriptionsExt, ExpirationReason, PaymentProvider, PurchasePlatform,
    SubscriptionState, SubscriptionView,
};

const PRODUCT: &str = "EXP-1234567890";
const OTHER_USER: u64 = 3001;

async fn emulator(config: Config) -> EmulatorHandle {
    let emulator = match Emulator::builder()
        .config(config)
        .rate_limits(false)
        .start()
        .await
    {
        Ok(handle) => handle,
        Err(e) => panic!("the emulator did not start: {e}"),
    };
    let universe = emulator.universe_id();
    let mut renewing = SubscriptionConfig::new(universe, PRODUCT, DEFAULT_USER_ID);
    renewing.last_billing_time = Some("2026-01-01T00:00:00Z".into());
    renewing.next_renew_time = Some("2026-02-01T00:00:00.5Z".into());
    emulator
        .set_subscription(&renewing)
        .expect("a valid subscription");
    let mut expired = SubscriptionConfig::new(universe, PRODUCT, OTHER_USER);
    expired.state = "EXPIRED".into();
    expired.expiration_reason = Some("SUBSCRIBER_REFUNDED".into());
    expired.purchase_platform = "MOBILE".into();
    expired.payment_provider = "APPLE".into();
    expired.expire_time = Some("2026-01-15T12:00:00Z".into());
    emulator
        .set_subscription(&expired)
        .expect("a valid subscription");
    emulator
}

fn client(emulator: &EmulatorHandle) -> Client {
    Client::builder()
        .base_url(emulator.base_url())
        .api_key(emulator.api_key())
        .retry(
            RetryConfig::default()
                .with_backoff(Duration::from_millis(10), Duration::from_millis(50)),
        )
        .build()
        .expect("client")
}

#[tokio::test]
async fn the_full_view_types_every_field() -> Result<(), Error> {
    let emulator = emulator(Config::default()).await;
    let product = client(&emulator)
        .experience(emulator.universe_id())
        .subscription_product(PRODUCT);

    let renewing = product.get_subscription(DEFAULT_USER_ID).full().await?;
    assert_eq!(renewing.user_id, Some(DEFAULT_USER_ID));
    assert!(renewing.active && renewing.will_renew);
    assert_eq!(renewing.state, SubscriptionState::SubscribedWillRenew);
    assert_eq!(renewing.purchase_platform, PurchasePlatform::Desktop);
    assert_eq!(renewing.payment_provider, PaymentProvider::Robux);
    assert_eq!(renewing.expiration_reason, None);
    assert_eq!(
        renewing.last_billing_time.map(|t| t.unix_timestamp()),
        Some(1_767_225_600)
    );
    assert_eq!(renewing.next_renew_time.map(|t| t.millisecond()), Some(500));
    assert!(renewing.create_time.is_some());

    let expired = product
        .get_subscription(OTHER_USER)
        .view(SubscriptionView::Full)
        .await?;
    assert!(!expired.active && !expired.will_renew);
    assert_eq!(expired.state, SubscriptionState::Expired);
    assert_eq!(
        expired.expiration_reason,
        Some(ExpirationReason::SubscriberRefunded)
    );
    assert_eq!(expired.purchase_platform, PurchasePlatform::Mobile);
    assert_eq!(expired.payment_provider, PaymentProvider::Apple);
    assert!(expired.expire_time.is_some());

    let paths: Vec<_> = emulator.requests().into_iter().map(|r| r.path).collect();
    assert!(paths.iter().all(|p| p.ends_with("?view=FULL")), "{paths:?}");
    Ok(())
}

#[tokio::test]
async fn the_basic_view_holds_only_active_and_will_renew() -> Result<(), Error> {
    let emulator = emulator(Config::default()).await;
    let product = client(&emulator)
        .experience(emulator.universe_id())
        .subscription_product(PRODUCT);
    for get in [
        product.get_subscription(DEFAULT_USER_ID),
        product
            .get_subscription(DEFAULT_USER_ID)
            .view(SubscriptionView::Basic),
    ] {
        let basic = get.await?;
        assert!(basic.active && basic.will_renew);
        assert_eq!(basic.state, SubscriptionState::Unspecified);
        assert_eq!(basic.payment_provider, PaymentProvider::Unspecified);
        assert_eq!(basic.next_renew_time, None);
        assert_eq!(basic.user_id, Some(DEFAULT_USER_ID));
    }
    let never = product.get_subscription(9999).await;
    assert!(never.is_err_and(|e| e.is_not_found()));
    let other_product = client(&emulator)
        .experience(emulator.universe_id())
        .subscription_product("EXP-0")
        .get_subscription(DEFAULT_USER_ID)
        .await;
    assert!(other_product.is_err_and(|e| e.is_not_found()));
    Ok(())
}

#[tokio::test]
async fn the_read_scope_reads_only_the_callers_own_subscription() -> Result<(), Error> {
    let config = Config::default().with_oauth_token(
        "own",
        DEFAULT_USER_ID,
        &[UniverseSelector::Id(DEFAULT_UNIVERSE_ID)],
        &["universe.subscription-product.subscription:read"],
    );
    let emulator = emulator(config).await;
    let product = client(&emulator)
        .with_credentials(AccessToken::from("own"))
        .experience(emulator.universe_id())
        .subscription_product(PRODUCT);
    let own = product.get_subscription(DEFAULT_USER_ID).full().await?;
    assert_eq!(own.state, SubscriptionState::SubscribedWillRenew);
    let other = product.get_subscription(OTHER_USER).await;
    assert_eq!(
        other
            .as_ref()
            .err()
            .and_then(Error::status)
            .map(|s| s.as_u16()),
        Some(403),
        "{other:?}"
    );
    Ok(())
}

#[tokio::test]
async fn invalid_input_never_reaches_the_emulator() {
    let emulator = emulator(Config::default()).await;
    let client = client(&emulator);
    let cases = [
        (
            client
                .experience(0)
                .subscription_product(PRODUCT)
                .get_subscription(1),
            "universe_id",
        ),
        (
            client
                .experience(1000)
                .subscription_product("")
                .get_subscription(1),
            "product_id",
        ),
        (
            client
                .experience(1000)
                .subscription_product(".")
                .get_subscription(1),
            "product_id",
        ),
        (
            client
                .experience(1000)
                .subscription_product(PRODUCT)
                .get_subscription(0),
            "user_id",
        ),
    ];
    for (get, field) in cases {
        match get.full().await {
            Err(Error::InvalidInput(invalid)) => assert_eq!(invalid.field(), field),
            other => panic!("expected invalid {field}, got {other:?}"),
        }
    }
    assert!(emulator.requests().is_empty(), "{:?}", emulator.requests());
}
