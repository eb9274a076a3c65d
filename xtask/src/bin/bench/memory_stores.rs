//! Sections: memory-store queues (Cloud v2), add (`POST …/queues/{q}/items` with a JSON
//! item and an expiration) and read plus discard (`GET …/items:read?count=1` with an
//! invisibility window, then `POST …/items:discard` with the read id), bare hyper-util
//! against this project's client. Both send the same queries and bodies and parse the
//! answers as JSON. Each contender gets a queue of its own; before a read run the queue
//! is filled with one item per request (outside the measurement).
//!
//! The bench's emulator runs without rate limits, which also lifts the memory-store
//! memory quota and request units, so that the volume of a run is never refused.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue, CONTENT_TYPE, USER_AGENT};
use http::{Method, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use oc_memory_stores::{ExperienceMemoryStoresExt, Queue};
use tokio::runtime::Runtime;

use crate::args::Options;
use crate::emulator::Emulator;
use crate::measure::{Load, Target};
use crate::report::{self, Goals, Section};
use crate::{bare, client, BoxError};

/// How long an item lives.
const EXPIRATION: Duration = Duration::from_secs(600);
/// How long a read hides its item.
const WINDOW: Duration = Duration::from_secs(30);
/// Tasks filling a queue before a read run.
const FILLERS: u64 = 64;

/// The same goals as the foundation's.
const GOALS: Goals = Goals {
    min_throughput_ratio: 0.9,
    max_cpu_ratio: 1.3,
};

/// The item added.
fn item() -> serde_json::Value {
    serde_json::json!({"player": 156, "skill": 1200, "region": "eu-west"})
}

/// A fresh queue name for each contender and run.
fn fresh_queue(section: &str) -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    format!(
        "bench-{section}-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// Add, or read and discard, by hand.
#[derive(Clone)]
struct BareQueue {
    client: Client<HttpConnector, Full<Bytes>>,
    /// `…/memory-store/queues/{q}/items`.
    items_url: Arc<str>,
    api_key: HeaderValue,
    add_body: Bytes,
    read: bool,
}

impl BareQueue {
    fn request(
        &self,
        method: Method,
        uri: &str,
        body: Option<Bytes>,
    ) -> Result<Request<Full<Bytes>>, BoxError> {
        let builder = Request::builder()
            .method(method)
            .uri(uri)
            .header(HeaderName::from_static("x-api-key"), self.api_key.clone())
            .header(
                USER_AGENT,
                HeaderValue::from_static(oc_core::DEFAULT_USER_AGENT),
            );
        Ok(match body {
            Some(body) => builder
                .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                .body(Full::new(body))?,
            None => builder.body(Full::new(Bytes::new()))?,
        })
    }

    async fn exchange(&self, request: Request<Full<Bytes>>) -> Result<Bytes, BoxError> {
        let response = self.client.request(request).await?;
        let status = response.status();
        let body = response.into_body().collect().await?.to_bytes();
        if status != StatusCode::OK {
            return Err(format!("answered {status}: {}", String::from_utf8_lossy(&body)).into());
        }
        Ok(body)
    }
}

impl Target for BareQueue {
    async fn call(&self) -> Result<(), BoxError> {
        if !self.read {
            let request =
                self.request(Method::POST, &self.items_url, Some(self.add_body.clone()))?;
            let _item: serde_json::Value = serde_json::from_slice(&self.exchange(request).await?)?;
            return Ok(());
        }
        let window = WINDOW.as_secs();
        let uri = format!(
            "{}:read?count=1&invisibilityWindow={window}s&invisibilityTimeoutSeconds={window}",
            self.items_url
        );
        let read: serde_json::Value = serde_json::from_slice(
            &self
                .exchange(self.request(Method::GET, &uri, None)?)
                .await?,
        )?;
        let read_id = read
            .get("readId")
            .or_else(|| read.get("id"))
            .and_then(serde_json::Value::as_str)
            .ok_or("the queue is empty")?;
        let uri = format!("{}:discard?readId={read_id}", self.items_url);
        let body = Bytes::from(serde_json::to_vec(
            &serde_json::json!({ "readId": read_id }),
        )?);
        self.exchange(self.request(Method::POST, &uri, Some(body))?)
            .await?;
        Ok(())
    }
}

/// Add, or read and discard, through the client.
#[derive(Clone)]
struct ClientQueue {
    queue: Queue,
    item: Arc<serde_json::Value>,
    read: bool,
}

impl Target for ClientQueue {
    async fn call(&self) -> Result<(), BoxError> {
        if !self.read {
            self.queue.add(&*self.item).expiration(EXPIRATION).await?;
            return Ok(());
        }
        let read = self.queue.read(1).invisibility_window(WINDOW).await?;
        let read_id = read.read_id.ok_or("the queue is empty")?;
        self.queue.discard(read_id).await?;
        Ok(())
    }
}

/// Fills `queue` with `count` items, from [`FILLERS`] tasks.
fn fill(runtime: &Runtime, queue: &Queue, count: u64) -> Result<(), BoxError> {
    runtime.block_on(async {
        let handles: Vec<_> = (0..FILLERS)
            .map(|task| {
                let share = count / FILLERS + u64::from(task < count % FILLERS);
                let queue = queue.clone();
                tokio::spawn(async move {
                    for _ in 0..share {
                        queue.add(&item()).expiration(EXPIRATION).await?;
                    }
                    Ok::<(), BoxError>(())
                })
            })
            .collect();
        for handle in handles {
            handle.await??;
        }
        Ok::<(), BoxError>(())
    })
}

/// Measures add and read at each concurrency level of `options`.
pub fn run(
    runtime: &Runtime,
    emulator: &Emulator,
    options: &Options,
) -> Result<Vec<Section>, BoxError> {
    let _context = runtime.enter();
    let mut sections = Vec::new();
    for (section_name, read) in [("queue-add", false), ("queue-read", true)] {
        if !options.runs_section(section_name) {
            continue;
        }
        // Every request of a read run (its warm-up too) takes one item.
        let per_run = options.warmup + options.requests;
        let filler = client::client(&emulator.base_url, &emulator.api_key)?;
        let prepare = |name: &str| -> Result<Queue, BoxError> {
            let queue = filler
                .experience(emulator.universe_id)
                .memory_store_queue(name);
            if read {
                fill(runtime, &queue, per_run)?;
            }
            Ok(queue)
        };
        let bare = || -> Result<Box<dyn Load>, BoxError> {
            let queue = prepare(&fresh_queue(section_name))?;
            Ok(Box::new(BareQueue {
                client: bare::client(),
                items_url: format!(
                    "{}/cloud/v2/universes/{}/memory-store/queues/{}/items",
                    emulator.base_url,
                    emulator.universe_id,
                    queue.name()
                )
                .into(),
                api_key: HeaderValue::from_str(&emulator.api_key)?,
                add_body: Bytes::from(serde_json::to_vec(&serde_json::json!({
                    "data": item(),
                    "ttl": oc_core::v2::duration::format(EXPIRATION),
                }))?),
                read,
            }))
        };
        let ours = || -> Result<Box<dyn Load>, BoxError> {
            let name = prepare(&fresh_queue(section_name))?.name().to_owned();
            let client = client::client(&emulator.base_url, &emulator.api_key)?;
            Ok(Box::new(ClientQueue {
                queue: client
                    .experience(emulator.universe_id)
                    .memory_store_queue(name),
                item: Arc::new(item()),
                read,
            }))
        };
        let contenders = report::contenders(options, &bare, &ours);
        let title = if read {
            "memory-store queue: read and discard, GET .../items:read?count=1 + POST .../items:discard"
        } else {
            "memory-store queue: add, POST .../memory-store/queues/{queue}/items"
        };
        let mut section = Section::new(title.to_owned(), GOALS);
        for &concurrency in &options.concurrency {
            section.measure(runtime, &contenders, concurrency, options)?;
        }
        sections.push(section);
    }
    Ok(sections)
}
