//! Long-running operations of the v2 APIs
//! (<https://create.roblox.com/docs/cloud/reference/patterns#long-running-operations>):
//! `{"path":"…/operations/{id}","done":true,"response":{"@type":"…",…}}`, or `"error":
//! {"code":<int>,"message":"…"}` instead of `response`, and neither while not done.
//!
//! An area keeps one [`OperationStore`] per kind of operation. An operation completes
//! after a configurable number of polls (0: its first answer is already done), driven by
//! the polls and not by wall time, so tests never wait. Operations are kept for a
//! retention time (24 hours by default, measured on the emulator's clock: the service's
//! retention is not documented, at least 24 hours is inferred) and at most a configured
//! number of them; an unknown or expired one is 404 `NOT_FOUND`.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use serde_json::{json, Map, Value};

use crate::gateway::uuid::random_uuid;
use crate::sync::lock;

/// How an operation store behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct OperationLimits {
    /// Polls until an operation is done; 0 makes the answer that starts it done.
    pub polls_until_done: u32,
    /// Operations kept; beyond it the oldest is dropped.
    pub max_operations: usize,
    /// How long an operation is kept after it starts.
    pub retention: Duration,
}

impl Default for OperationLimits {
    fn default() -> Self {
        OperationLimits {
            polls_until_done: 0,
            max_operations: 10_000,
            retention: Duration::from_secs(24 * 60 * 60),
        }
    }
}

/// How an operation ends.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum OperationOutcome {
    /// A `response`: the resource fields, with `@type` added.
    Response {
        /// The type URL, e.g. `type.googleapis.com/roblox.open_cloud.cloud.v2.Instance`.
        type_url: &'static str,
        /// The response's fields.
        fields: Map<String, Value>,
    },
    /// An `error`: an integer code (a `google.rpc.Code` number, or an HTTP status where
    /// the method documents one) and a message.
    Error {
        /// The code.
        code: i32,
        /// The message.
        message: String,
    },
}

impl OperationOutcome {
    /// The JSON of the `response` or `error` member, and its name.
    fn member(&self) -> (&'static str, Value) {
        match self {
            OperationOutcome::Response { type_url, fields } => {
                let mut response = Map::new();
                response.insert("@type".into(), json!(type_url));
                response.extend(fields.clone());
                ("response", Value::Object(response))
            }
            OperationOutcome::Error { code, message } => {
                ("error", json!({ "code": code, "message": message }))
            }
        }
    }
}

#[derive(Debug)]
struct StoredOperation {
    outcome: OperationOutcome,
    polls: u32,
    started: SystemTime,
}

#[derive(Debug, Default)]
struct Stored {
    /// Operations by path.
    operations: HashMap<String, StoredOperation>,
    /// Paths, oldest first.
    order: VecDeque<String>,
}

/// A bounded store of operations.
#[derive(Debug)]
pub(crate) struct OperationStore {
    limits: OperationLimits,
    stored: Mutex<Stored>,
}

impl Default for OperationStore {
    fn default() -> Self {
        OperationStore::new(OperationLimits::default())
    }
}

impl OperationStore {
    /// An empty store.
    pub fn new(limits: OperationLimits) -> Self {
        OperationStore {
            limits,
            stored: Mutex::new(Stored::default()),
        }
    }

    /// Starts an operation named `{parent}/operations/{random uuid}` that ends with
    /// `outcome`, and returns its first answer (done when `polls_until_done` is 0).
    pub fn start(&self, parent: &str, outcome: OperationOutcome, now: SystemTime) -> Value {
        let path = format!("{parent}/operations/{}", random_uuid());
        let done = self.limits.polls_until_done == 0;
        let answer = answer(&path, done.then_some(&outcome));
        let mut stored = lock(&self.stored);
        self.expire(&mut stored, now);
        stored.operations.insert(
            path.clone(),
            StoredOperation {
                outcome,
                polls: 0,
                started: now,
            },
        );
        stored.order.push_back(path);
        while stored.order.len() > self.limits.max_operations.max(1) {
            if let Some(oldest) = stored.order.pop_front() {
                stored.operations.remove(&oldest);
            }
        }
        answer
    }

    /// Polls the operation named `path`: counts the poll and answers it, done once it has
    /// been polled `polls_until_done` times. `None` when unknown or expired.
    pub fn poll(&self, path: &str, now: SystemTime) -> Option<Value> {
        let mut stored = lock(&self.stored);
        self.expire(&mut stored, now);
        let operation = stored.operations.get_mut(path)?;
        operation.polls = operation.polls.saturating_add(1);
        let done = operation.polls >= self.limits.polls_until_done;
        Some(answer(path, done.then_some(&operation.outcome)))
    }

    /// How many operations are kept.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        lock(&self.stored).operations.len()
    }

    /// Drops the operations older than the retention (oldest first, as they started in
    /// order on a clock that only moves forward).
    fn expire(&self, stored: &mut Stored, now: SystemTime) {
        while let Some(oldest) = stored.order.front() {
            let expired = stored.operations.get(oldest).is_none_or(|operation| {
                now.duration_since(operation.started).unwrap_or_default() >= self.limits.retention
            });
            if !expired {
                break;
            }
            if let Some(oldest) = stored.order.pop_front() {
                stored.operations.remove(&oldest);
            }
        }
    }
}

/// An operation's JSON: `path` and `done`, and the outcome once done.
fn answer(path: &str, outcome: Option<&OperationOutcome>) -> Value {
    let mut operation = Map::new();
    operation.insert("path".into(), json!(path));
    operation.insert("done".into(), json!(outcome.is_some()));
    if let Some(outcome) = outcome {
        let (name, member) = outcome.member();
        operation.insert(name.into(), member);
    }
    Value::Object(operation)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response() -> OperationOutcome {
        let mut fields = Map::new();
        fields.insert("path".into(), json!("things/1"));
        OperationOutcome::Response {
            type_url: "type.googleapis.com/test.Thing",
            fields,
        }
    }

    fn limits(polls_until_done: u32, max_operations: usize) -> OperationLimits {
        OperationLimits {
            polls_until_done,
            max_operations,
            retention: Duration::from_secs(60),
        }
    }

    #[test]
    fn an_operation_is_done_after_its_polls() {
        let store = OperationStore::new(limits(2, 10));
        let now = SystemTime::now();
        let first = store.start("things/1", response(), now);
        assert_eq!(first["done"], false);
        assert!(first.get("response").is_none());
        let path = first["path"].as_str().unwrap_or_default().to_owned();
        assert!(path.starts_with("things/1/operations/"));
        assert_eq!(
            store.poll(&path, now).map(|o| o["done"].clone()),
            Some(json!(false))
        );
        let done = store.poll(&path, now).unwrap_or_default();
        assert_eq!(done["done"], true);
        assert_eq!(done["response"]["@type"], "type.googleapis.com/test.Thing");
        assert_eq!(done["response"]["path"], "things/1");
        assert_eq!(store.poll("things/1/operations/nope", now), None);
    }

    #[test]
    fn errors_and_immediate_completion() {
        let store = OperationStore::new(limits(0, 10));
        let error = OperationOutcome::Error {
            code: 422,
            message: "too large".into(),
        };
        let first = store.start("p", error, SystemTime::now());
        assert_eq!(first["done"], true);
        assert_eq!(first["error"], json!({"code": 422, "message": "too large"}));
        assert!(first.get("response").is_none());
    }

    #[test]
    fn the_store_is_bounded_in_number_and_age() {
        let store = OperationStore::new(limits(0, 2));
        let now = SystemTime::now();
        let paths: Vec<String> = (0..3)
            .map(|_| {
                store.start("p", response(), now)["path"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect();
        assert_eq!(store.len(), 2);
        assert_eq!(store.poll(&paths[0], now), None);
        assert!(store.poll(&paths[2], now).is_some());
        let later = now + Duration::from_secs(61);
        assert_eq!(store.poll(&paths[2], later), None);
        assert_eq!(store.len(), 0);
    }
}
