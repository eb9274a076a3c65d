//! Faults injected by the emulator: checksum mismatches, 429 storms, dropped connections.

mod common;

use common::{experience, fault};
use oc_core::Error;
use oc_datastores::{ChecksumMismatch, ExperienceDataStoresExt};
use oc_emulator::{Config, DropMode, Emulator, FaultRule};
use serde_json::json;

#[tokio::test]
async fn a_corrupted_content_md5_is_never_returned_as_good_data() -> Result<(), Error> {
    let (emulator, experience) = experience().await;
    let store = experience.data_store("md5");
    let written = store.set("k", &json!({"gold": 6})).await?;
    emulator.inject_fault(FaultRule {
        corrupt_md5: true,
        times: Some(1),
        ..fault("datastores.entry.get")
    });
    let err = store.get("k").await.err();
    assert!(
        err.as_ref()
            .is_some_and(|e| e.detail::<ChecksumMismatch>().is_some()),
        "{err:?}"
    );
    assert!(err.as_ref().is_some_and(Error::certainly_not_applied));
    emulator.inject_fault(FaultRule {
        corrupt_md5: true,
        times: Some(1),
        ..fault("datastores.version.get")
    });
    let err = store.get_version("k", &written.version).await.err();
    assert!(
        err.as_ref()
            .is_some_and(|e| e.detail::<ChecksumMismatch>().is_some()),
        "{err:?}"
    );
    emulator.inject_fault(FaultRule {
        corrupt_md5: true,
        times: Some(1),
        ..fault("datastores.entry.increment")
    });
    let err = store.increment("n", 1).await.err();
    assert!(
        err.as_ref()
            .is_some_and(|e| e.detail::<ChecksumMismatch>().is_some()),
        "{err:?}"
    );
    assert!(
        err.as_ref().is_some_and(Error::may_have_been_applied),
        "an increment with a bad answer may have happened"
    );
    // Without the fault the same reads succeed.
    let (value, _) = store.get("k").await?;
    assert_eq!(value, json!({"gold": 6}));
    Ok(())
}

#[tokio::test]
async fn writes_send_a_content_md5_the_emulator_checks() -> Result<(), Error> {
    let (emulator, experience) = experience().await;
    let store = experience.data_store("md5");
    store.set("k", &"text").await?;
    let mut request = oc_core::offline::request(&store.set("k", &"other"))?;
    // MD5 of the 7 bytes `"other"`, base64.
    assert_eq!(request.headers()["content-md5"], "3bC3vO+vDTPpqLtPmmGFmQ==");
    request.headers_mut().insert(
        "content-md5",
        http::HeaderValue::from_static("Ez7Dd52Kz/JGJSNxJCuQlA=="),
    );
    let err = experience.client().send(request).await.err();
    let api = err
        .as_ref()
        .and_then(oc_core::Error::api_error)
        .expect("400");
    assert_eq!(api.status().as_u16(), 400);
    assert!(String::from_utf8_lossy(api.body()).contains("ChecksumMismatch"));
    let (value, _) = store.get("k").await?;
    assert_eq!(value, json!("text"), "the mismatched write was refused");
    assert_eq!(emulator.requests().len(), 3);
    Ok(())
}

#[tokio::test]
async fn a_429_storm_is_ridden_out_for_reads_and_sets() -> Result<(), Error> {
    let (emulator, experience) = experience().await;
    let store = experience.data_store("storm");
    for route in ["datastores.entry.set", "datastores.entry.get"] {
        emulator.inject_fault(FaultRule {
            status: Some(429),
            times: Some(2),
            retry_after_secs: Some(1),
            ..fault(route)
        });
    }
    store.set("k", &1).await?;
    let (value, _) = store.get("k").await?;
    assert_eq!(value, json!(1));
    let statuses: Vec<u16> = emulator.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [429, 429, 200, 429, 429, 200]);
    Ok(())
}

#[tokio::test]
async fn an_increment_dropped_after_apply_may_have_been_applied_and_is_not_repeated(
) -> Result<(), Error> {
    let (emulator, experience) = experience().await;
    let store = experience.data_store("counter");
    emulator.inject_fault(FaultRule {
        drop: Some(DropMode::AfterApply),
        times: Some(1),
        ..fault("datastores.entry.increment")
    });
    let err = store.increment("n", 1).await.expect_err("the drop");
    assert!(err.may_have_been_applied(), "{err:?}");
    assert_eq!(emulator.requests().len(), 1, "not retried");
    let (value, _) = store.get("n").await?;
    assert_eq!(value, json!(1), "applied exactly once");

    emulator.inject_fault(FaultRule {
        drop: Some(DropMode::AfterApply),
        times: Some(1),
        ..fault("ordered.entry.increment")
    });
    let ordered = experience.ordered_data_store("points");
    let err = ordered.increment("n", 3).await.expect_err("the drop");
    assert!(err.may_have_been_applied(), "{err:?}");
    assert_eq!(ordered.get("n").await?, 3);
    Ok(())
}

#[tokio::test]
async fn per_universe_limits_answer_429_in_the_data_store_shape() -> Result<(), Error> {
    let mut config = Config::default();
    config.rate_limits.datastores_per_universe_writes = 2;
    let emulator = Emulator::builder().config(config).start().await.unwrap();
    let experience = oc_core::Client::builder()
        .base_url(emulator.base_url())
        .api_key(emulator.api_key())
        .no_retry()
        .build()?
        .experience(emulator.universe_id());
    let store = experience.data_store("limited");
    store.set("a", &1).await?;
    store.set("b", &1).await?;
    let err = store.set("c", &1).await.err();
    match err {
        Some(Error::RateLimited { api, .. }) => {
            assert_eq!(api.code(), Some("RESOURCE_EXHAUSTED"));
        }
        other => panic!("expected a 429, got {other:?}"),
    }
    // Reads have their own window.
    store.get("a").await?;
    Ok(())
}
