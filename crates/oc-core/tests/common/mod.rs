//! Shared by the integration tests: an emulator and a client pointed at it, and raw
//! requests to the emulator's routes built with oc-core's own request helpers.
#![allow(dead_code)]

use std::time::Duration;

use oc_core::request::{self, Query};
use oc_core::{Body, Client, ClientBuilder, Page, RetryConfig};
use oc_emulator::{Emulator, EmulatorHandle};
use serde::Deserialize;

/// An emulator with rate limits off.
pub async fn emulator() -> EmulatorHandle {
    match Emulator::builder().rate_limits(false).start().await {
        Ok(handle) => handle,
        Err(e) => panic!("the emulator did not start: {e}"),
    }
}

/// Fast retries so the tests do not sleep for long.
pub fn fast_retry() -> RetryConfig {
    RetryConfig::default()
        .with_max_attempts(4)
        .with_backoff(Duration::from_millis(10), Duration::from_millis(50))
}

/// A client builder pointed at `emulator` with its default key.
pub fn builder_for(emulator: &EmulatorHandle) -> ClientBuilder {
    Client::builder()
        .base_url(emulator.base_url())
        .api_key(emulator.api_key())
        .retry(fast_retry())
}

/// A client pointed at `emulator` with its default key.
pub fn client_for(emulator: &EmulatorHandle) -> Client {
    match builder_for(emulator).build() {
        Ok(client) => client,
        Err(e) => panic!("client: {e}"),
    }
}

/// `POST /messaging-service/v1/universes/{u}/topics/{topic}`, marked non-idempotent.
pub fn publish(universe: u64, topic: &str, message: &str) -> http::Request<Body> {
    let path = format!(
        "/messaging-service/v1/universes/{universe}/topics/{}",
        request::PathSegment(topic)
    );
    match request::json(
        http::Method::POST,
        &path,
        &serde_json::json!({ "message": message }),
    ) {
        Ok(request) => request::non_idempotent(request),
        Err(e) => panic!("request: {e}"),
    }
}

#[derive(Deserialize)]
struct DataStores {
    datastores: Vec<DataStore>,
    #[serde(rename = "nextPageCursor")]
    next_page_cursor: Option<String>,
}

#[derive(Deserialize)]
struct DataStore {
    name: String,
}

/// One page of `GET /datastores/v1/universes/{u}/standard-datastores` (idempotent).
pub async fn list_data_stores(
    client: &Client,
    universe: u64,
    cursor: Option<String>,
    limit: usize,
) -> oc_core::Result<Page<String>> {
    let query = Query::new()
        .pair("limit", limit.to_string())
        .pair_opt("cursor", cursor);
    let path = query.with_path(&format!(
        "/datastores/v1/universes/{universe}/standard-datastores"
    ));
    let request = request::build(http::Method::GET, &path, Body::empty())?;
    let page: DataStores = oc_core::response::json(&client.send(request).await?)?;
    Ok(Page {
        items: page.datastores.into_iter().map(|d| d.name).collect(),
        next_cursor: page.next_page_cursor,
    })
}

/// How many requests of `route` reached the emulator.
pub fn hits(emulator: &EmulatorHandle, route: &str) -> usize {
    emulator
        .requests()
        .iter()
        .filter(|r| r.route.as_deref() == Some(route))
        .count()
}
