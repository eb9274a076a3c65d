//! The quickstart against an emulator it cannot see: started here, but reached only
//! through the environment (`RBLX_OPEN_CLOUD_BASE_URL`, `RBLX_OPEN_CLOUD_API_KEY`,
//! `RBLX_OPEN_CLOUD_CA_CERTS`) and sockets, as an `oc-emulator` started elsewhere is. Over
//! plain HTTP, then over HTTPS with the emulator's certificate.
//!
//! This binary changes the process environment, so it holds this one test only.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "../quickstart/assets.rs"]
mod assets;
#[path = "../quickstart/datastores.rs"]
mod datastores;
#[path = "../quickstart/messaging.rs"]
mod messaging;
#[path = "../quickstart/oauth2.rs"]
mod oauth2;
#[path = "../quickstart/tour.rs"]
mod tour;
#[path = "../quickstart/webhook.rs"]
mod webhook;

use std::net::SocketAddr;

use rblx_open_cloud::emulator::{Emulator, EmulatorHandle};
use rblx_open_cloud_examples::Target;

/// Every variable the examples read, cleared before each case.
const VARIABLES: &[&str] = &[
    "RBLX_OPEN_CLOUD_BASE_URL",
    "RBLX_OPEN_CLOUD_API_KEY",
    "RBLX_OPEN_CLOUD_ACCESS_TOKEN",
    "RBLX_OPEN_CLOUD_CA_CERTS",
    "RBLX_OPEN_CLOUD_UNIVERSE_ID",
    "RBLX_OPEN_CLOUD_USER_ID",
    "RBLX_OPEN_CLOUD_PLACE_ID",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_quickstart_runs_against_an_emulator_started_elsewhere() {
    for tls in [false, true] {
        let emulator = Emulator::builder()
            .addr(SocketAddr::from(([127, 0, 0, 1], 0)))
            .tls(tls)
            .start()
            .await
            .unwrap();
        for name in VARIABLES {
            std::env::remove_var(name);
        }
        std::env::set_var("RBLX_OPEN_CLOUD_BASE_URL", emulator.base_url());
        std::env::set_var("RBLX_OPEN_CLOUD_API_KEY", emulator.api_key());
        let cert = std::env::temp_dir().join(format!(
            "quickstart-elsewhere-{}-{}.pem",
            std::process::id(),
            emulator.addr().port()
        ));
        if tls {
            assert!(emulator.base_url().starts_with("https://"));
            std::fs::write(&cert, emulator.tls_certificate_pem().unwrap()).unwrap();
            std::env::set_var("RBLX_OPEN_CLOUD_CA_CERTS", &cert);
        }

        let target = Target::from_env_or_emulator().await.unwrap();
        let remote = target.emulator.as_ref().expect("the emulator is found");
        assert!(!remote.is_local(), "no emulator is started in process");
        assert_eq!(target.universe_id, emulator.universe_id());
        assert_eq!(target.client.base_url(), emulator.base_url());
        if let Err(error) = tour::run(&target).await {
            panic!("the quickstart failed (tls: {tls}): {error}");
        }
        check(&emulator, tls);

        let _ = std::fs::remove_file(&cert);
        emulator.shutdown().await;
    }
}

/// What the tour left in the emulator: every area went to it.
fn check(emulator: &EmulatorHandle, tls: bool) {
    let messages = emulator.published_messages();
    let texts: Vec<&str> = messages.iter().map(|m| m.message.as_str()).collect();
    for expected in [
        "Hello from rblx-open-cloud!",
        "after a 429",
        "Hello with an OAuth2 token!",
    ] {
        assert!(texts.contains(&expected), "{expected:?} not in {texts:?}");
    }
    let requests = emulator.requests();
    let answered = |route: &str, status: u16| {
        requests
            .iter()
            .any(|r| r.route.as_deref() == Some(route) && r.status == status)
    };
    assert!(
        answered("messaging.publish", 429),
        "the 429 demo ran (tls: {tls})"
    );
    for route in [
        "emulator.world",
        "emulator.faults.add",
        "emulator.messaging.messages",
        "emulator.oauth2.app",
        "emulator.webhooks.send",
        "datastores.entry.set",
        "ordered.entries.list",
        "assets.create",
        "places.publish",
        "oauth2.token",
        "oauth2.revoke",
    ] {
        assert!(
            answered(route, 200) || answered(route, 204),
            "{route} was answered (tls: {tls})"
        );
    }
    let deliveries = emulator.webhook_deliveries();
    assert_eq!(deliveries.len(), 3, "two deliveries and a forged one");
    assert!(deliveries[..2].iter().all(|d| d.delivered));
    assert!(!deliveries[2].delivered);
}
