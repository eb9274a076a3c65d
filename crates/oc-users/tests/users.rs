//! Users against the emulator over real sockets: profiles and their scope-gated fields,
//! thumbnails done at once and through several polls, asset quotas across pages and
//! filtered, and the inputs refused before anything is sent.

use std::time::Duration;

use futures::TryStreamExt;
use oc_core::{Client, Error, RetryConfig};
use oc_emulator::{
    AssetQuotaConfig, Config, Emulator, EmulatorHandle, Owner, UniverseSelector, UserProfileConfig,
    DEFAULT_USER_ID,
};
use oc_users::{
    QuotaAssetType, QuotaPeriod, QuotaType, SocialVisibility, ThumbnailFormat, ThumbnailShape,
    ThumbnailSize, UserProfileExt,
};

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

fn client_with_key(emulator: &EmulatorHandle, key: &str) -> Client {
    match Client::builder()
        .base_url(emulator.base_url())
        .api_key(key)
        .retry(RetryConfig::disabled())
        .build()
    {
        Ok(client) => client,
        Err(e) => panic!("client: {e}"),
    }
}

fn client(emulator: &EmulatorHandle) -> Client {
    client_with_key(emulator, &emulator.api_key())
}

/// The built-in world, a profile for user 3000, and keys with fewer scopes.
fn config() -> Config {
    let mut config = Config::default()
        .with_api_key(
            "public-only",
            Owner::User(DEFAULT_USER_ID),
            UniverseSelector::All,
            &["asset:read"],
        )
        .with_api_key(
            "advanced",
            Owner::User(DEFAULT_USER_ID),
            UniverseSelector::All,
            &["user.advanced:read"],
        )
        .with_api_key(
            "social",
            Owner::User(DEFAULT_USER_ID),
            UniverseSelector::All,
            &["user.social:read"],
        );
    let mut profile = UserProfileConfig::new(DEFAULT_USER_ID);
    profile.about = "I test things".into();
    profile.premium = true;
    profile.id_verified = true;
    profile.twitch = "https://twitch.tv/emulator".into();
    profile.social_visibility = "EVERYONE".into();
    profile.create_time = Some("2013-07-13T07:50:00.083Z".into());
    config.user_profiles.push(profile);
    config
}

#[tokio::test]
async fn a_profile_shows_the_fields_each_scope_unlocks() -> Result<(), Error> {
    let emulator = emulator_with(config()).await;
    let full = client(&emulator).user(DEFAULT_USER_ID).profile().await?;
    assert_eq!(full.id, DEFAULT_USER_ID);
    assert_eq!(full.name, "emulator_user");
    assert_eq!(full.display_name, "Emulator User");
    assert_eq!(full.about, "I test things");
    assert_eq!(full.locale, "en_us");
    assert!(full.premium);
    assert_eq!(full.id_verified, Some(true));
    let social = full.social_network_profiles.clone();
    assert_eq!(
        social.as_ref().map(|s| s.twitch.as_str()),
        Some("https://twitch.tv/emulator")
    );
    assert_eq!(
        social.map(|s| s.visibility),
        Some(SocialVisibility::Everyone)
    );
    assert_eq!(
        full.create_time.map(|t| t.unix_timestamp()),
        Some(1_373_701_800)
    );

    let public = client_with_key(&emulator, "public-only")
        .user(DEFAULT_USER_ID)
        .profile()
        .await?;
    assert_eq!(
        (public.id_verified, public.social_network_profiles.is_some()),
        (None, false)
    );
    assert_eq!(public.about, "I test things");
    let advanced = client_with_key(&emulator, "advanced")
        .user(DEFAULT_USER_ID)
        .profile()
        .await?;
    assert_eq!(
        (
            advanced.id_verified,
            advanced.social_network_profiles.is_some()
        ),
        (Some(true), false)
    );
    let social = client_with_key(&emulator, "social")
        .user(DEFAULT_USER_ID)
        .profile()
        .await?;
    assert_eq!(
        (social.id_verified, social.social_network_profiles.is_some()),
        (None, true)
    );

    // Seeded from the handle: a new user with the default profile.
    emulator.add_user(oc_emulator::UserConfig {
        id: 77,
        name: "seven".into(),
        display_name: None,
    });
    let seven = client(&emulator).user(77).profile().await?;
    assert_eq!(
        (seven.display_name.as_str(), seven.premium),
        ("seven", false)
    );
    Ok(())
}

#[tokio::test]
async fn an_unknown_user_is_not_found_and_user_zero_is_never_sent() {
    let emulator = emulator_with(config()).await;
    let client = client(&emulator);
    let missing = client.user(999).profile().await;
    assert!(
        missing.as_ref().is_err_and(Error::is_not_found),
        "{missing:?}"
    );
    let thumbnail = client.user(999).thumbnail().await;
    assert!(thumbnail.is_err_and(|e| e.is_not_found()));
    emulator.clear_requests();
    let user = client.user(0);
    assert!(matches!(user.profile().await, Err(Error::InvalidInput(e)) if e.field() == "user_id"));
    assert!(matches!(
        user.thumbnail().await,
        Err(Error::InvalidInput(_))
    ));
    let quotas: Result<Vec<_>, _> = user.asset_quotas().try_collect().await;
    assert!(matches!(quotas, Err(Error::InvalidInput(_))));
    let bad_filter: Result<Vec<_>, _> = client
        .user(DEFAULT_USER_ID)
        .asset_quotas()
        .quota_type(QuotaType::Unspecified)
        .try_collect()
        .await;
    assert!(matches!(bad_filter, Err(Error::InvalidInput(e)) if e.field() == "quotaType"));
    let bad_poll = client
        .user(DEFAULT_USER_ID)
        .thumbnail_operation("a/../b")
        .get()
        .await;
    assert!(matches!(bad_poll, Err(Error::InvalidInput(_))));
    assert!(emulator.requests().is_empty(), "{:?}", emulator.requests());
}

#[tokio::test]
async fn a_thumbnail_is_done_at_once_by_default() -> Result<(), Error> {
    let emulator = emulator_with(config()).await;
    let user = client(&emulator).user(DEFAULT_USER_ID);
    let operation = user
        .thumbnail()
        .size(ThumbnailSize::Px150)
        .format(ThumbnailFormat::Jpeg)
        .shape(ThumbnailShape::Square)
        .await?;
    assert!(operation.is_done());
    let uri = operation
        .output()
        .map(|t| t.image_uri.clone())
        .unwrap_or_default();
    assert!(uri.starts_with("https://tr.rbxcdn.com/"), "{uri}");
    assert!(
        uri.ends_with("/150/150/AvatarHeadshot/Jpeg/noFilter"),
        "{uri}"
    );
    let default = user.thumbnail().await?.wait(Duration::from_secs(5)).await?;
    assert!(default
        .image_uri
        .ends_with("/420/420/AvatarHeadshot/Png/isCircular"));
    // The operation stays pollable by its id.
    let again = user.thumbnail_operation(operation.id()).get().await?;
    assert_eq!(again.map(|t| t.image_uri), Some(uri));
    Ok(())
}

#[tokio::test]
async fn a_thumbnail_is_waited_on_through_several_polls() -> Result<(), Error> {
    let mut config = config();
    config.users_api.thumbnail_polls_until_done = 3;
    let emulator = emulator_with(config).await;
    let user = client(&emulator).user(DEFAULT_USER_ID);
    let operation = user.thumbnail().size(ThumbnailSize::Px48).await?;
    assert!(!operation.is_done());
    assert!(operation
        .path()
        .starts_with(&format!("users/{DEFAULT_USER_ID}/operations/")));
    emulator.clear_requests();
    let thumbnail = operation
        .poll_interval(Duration::from_millis(10))
        .wait(Duration::from_secs(60))
        .await?;
    assert!(thumbnail.image_uri.contains("/48/48/"));
    let polls: Vec<_> = emulator
        .requests()
        .into_iter()
        .filter(|r| r.route.as_deref() == Some("users.thumbnail_operation"))
        .collect();
    assert_eq!(polls.len(), 3, "{polls:?}");
    assert!(polls.iter().all(|r| r.status == 200));

    // One get at a time: running, running, done.
    let operation = user.thumbnail().await?;
    assert_eq!(operation.get().await?, None);
    assert_eq!(operation.get().await?, None);
    assert!(operation.get().await?.is_some());
    // An unknown operation is not found.
    let unknown = user.thumbnail_operation("no-such-operation").get().await;
    assert!(unknown.is_err_and(|e| e.is_not_found()));
    Ok(())
}

#[tokio::test]
async fn asset_quotas_page_and_filter() -> Result<(), Error> {
    let emulator = emulator_with(config()).await;
    let types = [
        "AUDIO",
        "DECAL",
        "MODEL",
        "MESH_PART",
        "IMAGE",
        "VIDEO",
        "ANIMATION",
    ];
    for (i, asset_type) in types.iter().enumerate() {
        let mut quota = AssetQuotaConfig::new(DEFAULT_USER_ID, *asset_type, 100);
        quota.usage = i64::try_from(i).unwrap_or_default();
        emulator
            .set_asset_quota(&quota)
            .map_err(|e| Error::decode(e, None))?;
        let mut daily = AssetQuotaConfig::new(DEFAULT_USER_ID, *asset_type, 10);
        daily.period = "DAY".into();
        daily.quota_type = "RATE_LIMIT_CREATOR_STORE_DISTRIBUTE".into();
        daily.usage_reset_time = Some("2030-01-01T00:00:00Z".into());
        emulator
            .set_asset_quota(&daily)
            .map_err(|e| Error::decode(e, None))?;
    }
    let user = client(&emulator).user(DEFAULT_USER_ID);
    emulator.clear_requests();
    let all: Vec<_> = user.asset_quotas().page_size(3).try_collect().await?;
    assert_eq!(all.len(), 14);
    assert_eq!(emulator.requests().len(), 5, "pages of 3");
    let limited: Vec<_> = user
        .asset_quotas()
        .page_size(3)
        .limit(4)
        .try_collect()
        .await?;
    assert_eq!(limited, all[..4]);

    let audio: Vec<_> = user
        .asset_quotas()
        .quota_type(QuotaType::RateLimitUpload)
        .asset_type(QuotaAssetType::Audio)
        .try_collect()
        .await?;
    assert_eq!(audio.len(), 1);
    assert_eq!(
        (audio[0].capacity, audio[0].period.clone()),
        (100, QuotaPeriod::Month)
    );
    let distribute: Vec<_> = user
        .asset_quotas()
        .quota_type(QuotaType::RateLimitCreatorStoreDistribute)
        .try_collect()
        .await?;
    assert_eq!(distribute.len(), 7);
    assert!(distribute
        .iter()
        .all(|q| q.usage_reset_time.is_some() && q.period == QuotaPeriod::Day));

    // Another user's quotas are not the caller's to read.
    emulator.add_user(oc_emulator::UserConfig {
        id: 55,
        name: "other".into(),
        display_name: None,
    });
    let other: Result<Vec<_>, _> = client(&emulator)
        .user(55)
        .asset_quotas()
        .try_collect()
        .await;
    assert_eq!(
        other.err().and_then(|e| e.status()).map(|s| s.as_u16()),
        Some(403)
    );
    Ok(())
}
