//! The emulator and a client pointed at it.
#![allow(dead_code)]

use std::time::Duration;

use oc_core::{Client, Experience, RetryConfig};
use oc_emulator::{Config, Emulator, EmulatorHandle, MemoryStoresConfig};

/// An emulator without rate limits.
pub async fn emulator() -> EmulatorHandle {
    emulator_with(MemoryStoresConfig::default()).await
}

/// An emulator without rate limits, with these memory-store settings.
pub async fn emulator_with(memory_stores: MemoryStoresConfig) -> EmulatorHandle {
    let config = Config {
        memory_stores,
        ..Config::default()
    };
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

/// A client of `emulator` making at most `attempts` attempts per call.
pub fn client_with(emulator: &EmulatorHandle, attempts: u32) -> Client {
    let built = Client::builder()
        .base_url(emulator.base_url())
        .api_key(emulator.api_key())
        .retry(
            RetryConfig::default()
                .with_max_attempts(attempts)
                .with_backoff(Duration::from_millis(5), Duration::from_millis(20)),
        )
        .build();
    match built {
        Ok(client) => client,
        Err(e) => panic!("client: {e}"),
    }
}

/// The emulator's universe, through a client with quick retries.
pub fn experience(emulator: &EmulatorHandle) -> Experience {
    client_with(emulator, 4).experience(emulator.universe_id())
}

/// The emulator's universe, through a client that makes one attempt per call.
pub fn experience_once(emulator: &EmulatorHandle) -> Experience {
    client_with(emulator, 1).experience(emulator.universe_id())
}

/// The requests the emulator got for a route.
pub fn requests_of(emulator: &EmulatorHandle, route: &str) -> Vec<oc_emulator::RequestRecord> {
    emulator
        .requests()
        .into_iter()
        .filter(|r| r.route.as_deref() == Some(route))
        .collect()
}
