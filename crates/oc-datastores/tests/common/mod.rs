//! The emulator and a client pointed at it.

#![allow(dead_code)]

use std::time::Duration;

use oc_core::{Client, Experience, RetryConfig};
use oc_emulator::{Emulator, EmulatorHandle, FaultRule};

pub async fn emulator() -> EmulatorHandle {
    match Emulator::builder().rate_limits(false).start().await {
        Ok(handle) => handle,
        Err(e) => panic!("the emulator did not start: {e}"),
    }
}

pub fn client(emulator: &EmulatorHandle) -> Client {
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

pub async fn experience() -> (EmulatorHandle, Experience) {
    let emulator = emulator().await;
    let experience = client(&emulator).experience(emulator.universe_id());
    (emulator, experience)
}

pub fn fault(route: &str) -> FaultRule {
    FaultRule {
        route: route.into(),
        ..FaultRule::default()
    }
}

/// Every character that must survive percent-encoding.
pub const AWKWARD: &str = "a b/c%d&e#f?g+h=é日本";
