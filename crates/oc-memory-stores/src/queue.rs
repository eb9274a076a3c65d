//! Queue items: Create (enqueue) `POST …/memory-store/queues/{queue}/items`, Read
//! `GET …/items:read` and Discard `POST …/items:discard`
//! (<https://create.roblox.com/docs/cloud/reference/features/memory-store>,
//! <https://create.roblox.com/docs/cloud-services/memory-stores/queue>).
//!
//! A read hides the items it returns for its invisibility window; discard them with the
//! read's id before the window ends, or they become visible again to the next read (at
//! least once delivery).

use std::marker::PhantomData;
use std::time::Duration;

use bytes::Bytes;
use http::{Method, StatusCode};
use oc_core::request::{self, Query};
use oc_core::v2;
use oc_core::{Body, Client, Endpoint, Error, Idempotency};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::handles::Queue;
use crate::limits;
use crate::resource::{QueueItem, WireQueueItem};

impl Queue {
    /// Adds `data` (any value that serialises to JSON, at most
    /// [`MAX_VALUE_BYTES`](crate::MAX_VALUE_BYTES)) to the queue. Await the returned
    /// request to send it.
    ///
    /// An add is not idempotent: a repeat would add the item twice, so it is never
    /// repeated once the service may have applied it.
    pub fn add<T: Serialize + ?Sized>(&self, data: &T) -> AddQueueItem {
        AddQueueItem {
            queue: self.clone(),
            data: serde_json::to_value(data).map_err(|e| e.to_string()),
            priority: None,
            expiration: None,
        }
    }

    /// Reads up to `count` (1 to [`MAX_READ_COUNT`](crate::MAX_READ_COUNT)) visible
    /// items from the front of the queue, their data as JSON, and hides them for the
    /// invisibility window (30 s unless set). Await the returned request to send it.
    pub fn read(&self, count: u32) -> ReadQueueItems<'_, Value> {
        self.read_as(count)
    }

    /// [`Queue::read`], the items' data read as `T`.
    pub fn read_as<T: DeserializeOwned>(&self, count: u32) -> ReadQueueItems<'_, T> {
        ReadQueueItems {
            queue: self,
            count,
            all_or_nothing: None,
            invisibility_window: None,
            output: PhantomData,
        }
    }

    /// Removes from the queue the items the read `read_id` returned, unless its
    /// invisibility window is over. Await the returned request to send it.
    ///
    /// A read id that is unknown, already used or past its window is a
    /// [`NotFound`](oc_core::Error::NotFound). Discarding is idempotent in effect (the
    /// items are gone either way), but a repeat after a lost answer is that 404.
    pub fn discard(&self, read_id: impl Into<String>) -> DiscardQueueItems {
        DiscardQueueItems {
            queue: self.clone(),
            read_id: read_id.into(),
        }
    }
}

/// An add to a queue; `.await` it for the [`QueueItem`].
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until it is awaited"]
pub struct AddQueueItem {
    queue: Queue,
    data: Result<Value, String>,
    priority: Option<f64>,
    expiration: Option<Duration>,
}

impl AddQueueItem {
    /// The item's priority (0 by default): higher is nearer the front; equal priorities
    /// keep the order they were added in.
    pub fn priority(mut self, priority: f64) -> Self {
        self.priority = Some(priority);
        self
    }

    /// How long the item lives: whole seconds, 1 s to
    /// [`MAX_EXPIRATION_SECONDS`](crate::MAX_EXPIRATION_SECONDS). The service's default
    /// applies without it.
    pub fn expiration(mut self, expiration: Duration) -> Self {
        self.expiration = Some(expiration);
        self
    }
}

impl Endpoint for AddQueueItem {
    type Output = QueueItem;
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "add_queue_item";

    fn client(&self) -> &Client {
        self.queue.experience.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let path = self.queue.items_path()?;
        let data = limits::value("data", &self.data)?;
        let mut body = Map::new();
        body.insert("data".into(), data);
        if let Some(priority) = self.priority {
            limits::finite("priority", priority)?;
            body.insert("priority".into(), json!(priority));
        }
        if let Some(expiration) = self.expiration {
            limits::expiration(expiration)?;
            body.insert("ttl".into(), json!(v2::duration::format(expiration)));
        }
        request::json(Method::POST, &path, &Value::Object(body))
    }

    fn idempotency(&self) -> Idempotency {
        Idempotency::NonIdempotent
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<QueueItem, Error> {
        let wire: WireQueueItem = oc_core::response::json(&response)?;
        Ok(wire.into())
    }
}

oc_core::endpoint_future!(static AddQueueItem);

/// What a queue read returned: its read id (to discard the items) and the items' data.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct QueueRead<T = Value> {
    /// The read's id; `None` when nothing was read.
    pub read_id: Option<String>,
    /// The items' data, front first.
    pub items: Vec<T>,
}

impl<T> QueueRead<T> {
    /// `true` when the read returned nothing.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// A read of a queue; `.await` it for the [`QueueRead`].
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct ReadQueueItems<'a, T> {
    queue: &'a Queue,
    count: u32,
    all_or_nothing: Option<bool>,
    invisibility_window: Option<Duration>,
    output: PhantomData<fn() -> T>,
}

impl<T> Clone for ReadQueueItems<'_, T> {
    fn clone(&self) -> Self {
        ReadQueueItems {
            queue: self.queue,
            count: self.count,
            all_or_nothing: self.all_or_nothing,
            invisibility_window: self.invisibility_window,
            output: PhantomData,
        }
    }
}

impl<T> ReadQueueItems<'_, T> {
    /// `true`: return nothing unless `count` items are visible; the service then answers
    /// 404 ([`NotFound`](oc_core::Error::NotFound)) and hides nothing.
    pub fn all_or_nothing(mut self, all_or_nothing: bool) -> Self {
        self.all_or_nothing = Some(all_or_nothing);
        self
    }

    /// How long the items read stay hidden from other reads: whole seconds, at least
    /// 1 s (30 s by default).
    pub fn invisibility_window(mut self, window: Duration) -> Self {
        self.invisibility_window = Some(window);
        self
    }
}

/// The read's answer. The reference shows `{"readId","items":[item…]}`; the live service
/// answers `{"id","data":[data…]}`: both are read.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct WireRead {
    read_id: Option<String>,
    id: Option<String>,
    items: Option<Vec<WireQueueItem>>,
    data: Option<Vec<Value>>,
}

impl<T: DeserializeOwned> Endpoint for ReadQueueItems<'_, T> {
    type Output = QueueRead<T>;
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "read_queue_items";

    fn client(&self) -> &Client {
        self.queue.experience.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let path = format!("{}:read", self.queue.items_path()?);
        limits::count(self.count)?;
        let mut query = Query::with_capacity(96).pair("count", self.count.to_string());
        if let Some(all) = self.all_or_nothing {
            query = query.pair("allOrNothing", if all { "true" } else { "false" });
        }
        if let Some(window) = self.invisibility_window {
            limits::invisibility_window(window)?;
            // The reference names `invisibilityWindow`; the live service is known to
            // honour `invisibilityTimeoutSeconds`, which clients send: both, same value.
            query = query
                .pair("invisibilityWindow", v2::duration::format(window))
                .pair("invisibilityTimeoutSeconds", window.as_secs().to_string());
        }
        request::build(Method::GET, &query.with_path(&path), Body::empty())
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<QueueRead<T>, Error> {
        // Inferred: an empty queue may answer 200 with nothing in it or 204 (one client
        // handles both); either reads as nothing read.
        let empty = response.status() == StatusCode::NO_CONTENT
            || response.body().iter().all(u8::is_ascii_whitespace);
        let wire: WireRead = if empty {
            WireRead::default()
        } else {
            oc_core::response::json(&response)?
        };
        let data: Vec<Value> = match (wire.items, wire.data) {
            (Some(items), _) => items.into_iter().map(WireQueueItem::into_data).collect(),
            (None, Some(data)) => data,
            (None, None) => Vec::new(),
        };
        let items = data
            .into_iter()
            .map(|value| {
                serde_json::from_value(value).map_err(|e| {
                    Error::decode(
                        "a queue item's data is not the expected type",
                        Some(Box::new(e) as _),
                    )
                })
            })
            .collect::<Result<Vec<T>, Error>>()?;
        Ok(QueueRead {
            read_id: wire.read_id.or(wire.id).filter(|id| !id.is_empty()),
            items,
        })
    }
}

oc_core::endpoint_future!(<T> ReadQueueItems<'a, T> where T: DeserializeOwned + 'a);

/// A discard of what a read returned; `.await` it to send it.
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until it is awaited"]
pub struct DiscardQueueItems {
    queue: Queue,
    read_id: String,
}

impl Endpoint for DiscardQueueItems {
    type Output = ();
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "discard_queue_items";

    fn client(&self) -> &Client {
        self.queue.experience.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let path = format!("{}:discard", self.queue.items_path()?);
        oc_core::validate::non_empty("read_id", &self.read_id)?;
        // The reference puts the read id in the body; clients send it in the query: both.
        let query = Query::new().pair("readId", &self.read_id);
        request::json(
            Method::POST,
            &query.with_path(&path),
            &json!({ "readId": self.read_id }),
        )
    }

    fn parse(&self, _response: http::Response<Bytes>) -> Result<(), Error> {
        Ok(())
    }
}

oc_core::endpoint_future!(static DiscardQueueItems);
