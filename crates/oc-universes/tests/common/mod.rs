//! What the integration tests share: an emulator started in-process and a client of it.
#![allow(dead_code)]

use std::time::Duration;

use oc_core::{Client, RetryConfig};
use oc_emulator::{Emulator, EmulatorHandle, RequestRecord};

/// An emulator with its default world (universe 1000 with place 2000, user 3000, a key
/// allowed everything) and no rate limits.
pub async fn emulator() -> EmulatorHandle {
    match Emulator::builder().rate_limits(false).start().await {
        Ok(handle) => handle,
        Err(e) => panic!("the emulator did not start: {e}"),
    }
}

/// A client of `emulator` with its default key and quick retries.
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

/// The requests the emulator received on `route`.
pub fn requests_on(emulator: &EmulatorHandle, route: &str) -> Vec<RequestRecord> {
    emulator
        .requests()
        .into_iter()
        .filter(|r| r.route.as_deref() == Some(route))
        .collect()
}

/// The `updateMask` of a logged request, decoded.
pub fn update_mask(record: &RequestRecord) -> String {
    let query = record.path.split_once('?').map(|(_, q)| q).unwrap_or("");
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("updateMask="))
        .unwrap_or("")
        .replace("%2C", ",")
        .replace("%2c", ",")
}
