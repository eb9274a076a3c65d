//! The emulator and a client pointed at it.
#![allow(dead_code)]

use std::time::Duration;

use oc_core::{Client, RetryConfig};
use oc_emulator::{Emulator, EmulatorHandle, UniverseConfig, DEFAULT_USER_ID};

/// A second place of the default universe.
pub const OTHER_PLACE: u64 = 2001;

/// An emulator without rate limits, with a second place in its universe.
pub async fn emulator() -> EmulatorHandle {
    let handle = match Emulator::builder().rate_limits(false).start().await {
        Ok(handle) => handle,
        Err(e) => panic!("the emulator did not start: {e}"),
    };
    handle.add_universe(&UniverseConfig {
        id: handle.universe_id(),
        places: vec![OTHER_PLACE],
        owner: oc_emulator::Owner::User(DEFAULT_USER_ID),
    });
    handle
}

/// A client of `emulator` with quick retries.
pub fn client(emulator: &EmulatorHandle) -> Client {
    client_with(emulator, 4)
}

/// A client of `emulator` making at most `attempts` attempts per call.
pub fn client_with(emulator: &EmulatorHandle, attempts: u32) -> Client {
    let built = Client::builder()
        .base_url(emulator.base_url())
        .api_key(emulator.api_key())
        .retry(
            RetryConfig::default()
                .with_max_attempts(attempts)
                .with_backoff(Duration::from_millis(10), Duration::from_millis(50)),
        )
        .build();
    match built {
        Ok(client) => client,
        Err(e) => panic!("client: {e}"),
    }
}

/// The requests the emulator got for a route.
pub fn requests_of(emulator: &EmulatorHandle, route: &str) -> Vec<oc_emulator::RequestRecord> {
    emulator
        .requests()
        .into_iter()
        .filter(|r| r.route.as_deref() == Some(route))
        .collect()
}
