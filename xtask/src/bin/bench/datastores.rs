//! Section: standard data stores, get and set of a 1 KiB JSON value, bare hyper-util
//! against this project's client. Both send and check `content-md5` the same way, so the
//! comparison is of the same wire work.

use std::future::IntoFuture;
use std::sync::Arc;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use bytes::Bytes;
use http::header::{HeaderName, HeaderValue, CONTENT_TYPE, USER_AGENT};
use http::{Method, Request, StatusCode, Uri};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use md5::{Digest, Md5};
use oc_datastores::{DataStore, ExperienceDataStoresExt};
use tokio::runtime::Runtime;

use crate::args::Options;
use crate::emulator::Emulator;
use crate::measure::{Load, Target};
use crate::report::{self, Goals, Section};
use crate::{bare, client, BoxError};

const STORE: &str = "bench";
const KEY: &str = "player_1";

/// The same goals as the foundation's.
const GOALS: Goals = Goals {
    min_throughput_ratio: 0.9,
    max_cpu_ratio: 1.3,
};

/// A JSON object of exactly 1024 bytes.
fn value() -> serde_json::Value {
    let base = serde_json::json!({"name": "bench", "level": 12, "padding": ""});
    let overhead = base.to_string().len();
    serde_json::json!({"name": "bench", "level": 12, "padding": "x".repeat(1024 - overhead)})
}

fn md5(bytes: &[u8]) -> String {
    STANDARD.encode(Md5::digest(bytes))
}

/// Get or set by hand.
#[derive(Clone)]
struct BareEntry {
    client: Client<HttpConnector, Full<Bytes>>,
    uri: Uri,
    api_key: HeaderValue,
    /// The value to set, serialized on each call as a client would.
    set: Option<Arc<serde_json::Value>>,
}

impl BareEntry {
    fn new(emulator: &Emulator, set: Option<&serde_json::Value>) -> Result<Self, BoxError> {
        let uri = format!(
            "{}/datastores/v1/universes/{}/standard-datastores/datastore/entries/entry\
             ?datastoreName={STORE}&scope=global&entryKey={KEY}",
            emulator.base_url, emulator.universe_id
        );
        Ok(BareEntry {
            client: bare::client(),
            uri: uri.parse()?,
            api_key: HeaderValue::from_str(&emulator.api_key)?,
            set: set.map(|v| Arc::new(v.clone())),
        })
    }
}

impl Target for BareEntry {
    async fn call(&self) -> Result<(), BoxError> {
        let builder = Request::builder()
            .uri(self.uri.clone())
            .header(HeaderName::from_static("x-api-key"), self.api_key.clone())
            .header(
                USER_AGENT,
                HeaderValue::from_static(oc_core::DEFAULT_USER_AGENT),
            );
        let request = match &self.set {
            Some(value) => {
                let body = Bytes::from(serde_json::to_vec(&**value)?);
                let md5 = HeaderValue::from_str(&md5(&body))?;
                builder
                    .method(Method::POST)
                    .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                    .header(HeaderName::from_static("content-md5"), md5)
                    .body(Full::new(body))?
            }
            None => builder.method(Method::GET).body(Full::new(Bytes::new()))?,
        };
        let response = self.client.request(request).await?;
        let status = response.status();
        let sent_md5 = response.headers().get("content-md5").cloned();
        let body = response.into_body().collect().await?.to_bytes();
        if status != StatusCode::OK {
            return Err(format!("answered {status}: {}", String::from_utf8_lossy(&body)).into());
        }
        if self.set.is_none() {
            if sent_md5.as_ref().map(HeaderValue::as_bytes) != Some(md5(&body).as_bytes()) {
                return Err("content-md5 mismatch".into());
            }
            let _value: serde_json::Value = serde_json::from_slice(&body)?;
        } else {
            let _version: serde_json::Value = serde_json::from_slice(&body)?;
        }
        Ok(())
    }
}

/// Get or set through the client.
#[derive(Clone)]
struct ClientEntry {
    store: DataStore,
    set: Option<Arc<serde_json::Value>>,
}

impl Target for ClientEntry {
    async fn call(&self) -> Result<(), BoxError> {
        match &self.set {
            Some(value) => {
                self.store.set(KEY, &**value).await?;
            }
            None => {
                let (_value, _info) = self.store.get(KEY).await?;
            }
        }
        Ok(())
    }
}

/// Measures get and set at each concurrency level of `options`.
pub fn run(
    runtime: &Runtime,
    emulator: &Emulator,
    options: &Options,
) -> Result<Vec<Section>, BoxError> {
    let _context = runtime.enter();
    let value = value();
    let client = client::client(&emulator.base_url, &emulator.api_key)?;
    let store = client.experience(emulator.universe_id).data_store(STORE);
    runtime.block_on(store.set(KEY, &value).into_future())?;

    let mut sections = Vec::new();
    for (operation, set) in [("get", None), ("set", Some(&value))] {
        if !options.runs_section(operation) {
            continue;
        }
        let bare =
            || -> Result<Box<dyn Load>, BoxError> { Ok(Box::new(BareEntry::new(emulator, set)?)) };
        let ours = || -> Result<Box<dyn Load>, BoxError> {
            let client = client::client(&emulator.base_url, &emulator.api_key)?;
            Ok(Box::new(ClientEntry {
                store: client.experience(emulator.universe_id).data_store(STORE),
                set: set.map(|v| Arc::new(v.clone())),
            }))
        };
        let contenders = report::contenders(options, &bare, &ours);
        let method = if set.is_some() { "POST" } else { "GET" };
        let mut section = Section::new(
            format!("datastores: {operation} of a 1 KiB JSON value, {method} .../datastore/entries/entry"),
            GOALS,
        );
        for &concurrency in &options.concurrency {
            section.measure(runtime, &contenders, concurrency, options)?;
        }
        sections.push(section);
    }
    Ok(sections)
}
