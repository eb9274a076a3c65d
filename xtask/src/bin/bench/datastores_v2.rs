//! Sections: standard data stores v2, get and update of one entry (`PATCH
//! …/entries/{key}?allowMissing=true`, what `set` sends), bare hyper-util against this
//! project's client. Both send the same body and parse the answer as JSON.

use std::future::IntoFuture;
use std::sync::Arc;

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue, CONTENT_TYPE, USER_AGENT};
use http::{Method, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use oc_datastores::{DataStoreV2, ExperienceDataStoresExt};
use tokio::runtime::Runtime;

use crate::args::Options;
use crate::emulator::Emulator;
use crate::measure::{Load, Target};
use crate::report::{self, Goals, Section};
use crate::{bare, client, BoxError};

/// The store and key read and written.
const STORE: &str = "bench-v2";
const KEY: &str = "player_1";

/// The same goals as the foundation's.
const GOALS: Goals = Goals {
    min_throughput_ratio: 0.9,
    max_cpu_ratio: 1.3,
};

/// The value written.
fn value() -> serde_json::Value {
    serde_json::json!({"coins": 250, "level": 12, "name": "bench"})
}

/// Get or update by hand.
#[derive(Clone)]
struct BareEntry {
    client: Client<HttpConnector, Full<Bytes>>,
    url: Arc<str>,
    api_key: HeaderValue,
    update: bool,
    body: Bytes,
}

impl Target for BareEntry {
    async fn call(&self) -> Result<(), BoxError> {
        let builder = Request::builder()
            .header(HeaderName::from_static("x-api-key"), self.api_key.clone())
            .header(
                USER_AGENT,
                HeaderValue::from_static(oc_core::DEFAULT_USER_AGENT),
            );
        let request = if self.update {
            builder
                .method(Method::PATCH)
                .uri(format!("{}?allowMissing=true", self.url))
                .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                .body(Full::new(self.body.clone()))?
        } else {
            builder
                .method(Method::GET)
                .uri(&*self.url)
                .body(Full::new(Bytes::new()))?
        };
        let response = self.client.request(request).await?;
        let status = response.status();
        let body = response.into_body().collect().await?.to_bytes();
        if status != StatusCode::OK {
            return Err(format!("answered {status}: {}", String::from_utf8_lossy(&body)).into());
        }
        let _entry: serde_json::Value = serde_json::from_slice(&body)?;
        Ok(())
    }
}

/// Get or update through the client.
#[derive(Clone)]
struct ClientEntry {
    store: DataStoreV2,
    update: bool,
    value: serde_json::Value,
}

impl Target for ClientEntry {
    async fn call(&self) -> Result<(), BoxError> {
        if self.update {
            self.store.set(KEY, &self.value).await?;
        } else {
            self.store.get(KEY).await?;
        }
        Ok(())
    }
}

/// Measures get and update at each concurrency level of `options`.
pub fn run(
    runtime: &Runtime,
    emulator: &Emulator,
    options: &Options,
) -> Result<Vec<Section>, BoxError> {
    let _context = runtime.enter();
    let client = client::client(&emulator.base_url, &emulator.api_key)?;
    let store = client.experience(emulator.universe_id).data_store_v2(STORE);
    runtime.block_on(store.set(KEY, &value()).into_future())?;
    let url: Arc<str> = format!(
        "{}/cloud/v2/universes/{}/data-stores/{STORE}/scopes/global/entries/{KEY}",
        emulator.base_url, emulator.universe_id
    )
    .into();
    let body = Bytes::from(serde_json::to_vec(
        &serde_json::json!({ "value": value() }),
    )?);

    let mut sections = Vec::new();
    for (section_name, update) in [("v2-get", false), ("v2-update", true)] {
        if !options.runs_section(section_name) {
            continue;
        }
        let bare = || -> Result<Box<dyn Load>, BoxError> {
            Ok(Box::new(BareEntry {
                client: bare::client(),
                url: url.clone(),
                api_key: HeaderValue::from_str(&emulator.api_key)?,
                update,
                body: body.clone(),
            }))
        };
        let ours = || -> Result<Box<dyn Load>, BoxError> {
            let client = client::client(&emulator.base_url, &emulator.api_key)?;
            Ok(Box::new(ClientEntry {
                store: client.experience(emulator.universe_id).data_store_v2(STORE),
                update,
                value: value(),
            }))
        };
        let contenders = report::contenders(options, &bare, &ours);
        let title = if update {
            "data stores v2: update, PATCH .../scopes/global/entries/{key}?allowMissing=true"
        } else {
            "data stores v2: get, GET .../scopes/global/entries/{key}"
        };
        let mut section = Section::new(title.to_owned(), GOALS);
        for &concurrency in &options.concurrency {
            section.measure(runtime, &contenders, concurrency, options)?;
        }
        sections.push(section);
    }
    Ok(sections)
}
