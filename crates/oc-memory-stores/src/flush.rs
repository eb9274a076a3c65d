//! Flush Memory Store: `POST /cloud/v2/universes/{u}/memory-store:flush[?scope=LIVE|TEST]`,
//! a long-running operation polled at
//! `GET /cloud/v2/universes/{u}/memory-store/operations/{id}`
//! (<https://create.roblox.com/docs/cloud/reference/features/memory-store>).
//!
//! The operation's `path` has been seen as `cloud/v2/universes/{u}/operations/{id}`;
//! polling follows the documented route and takes only the path's universe and last
//! segment from it.

use bytes::Bytes;
use http::Method;
use oc_core::request::{self, Query};
use oc_core::v2::operation::checked_path;
use oc_core::v2::{ids, Operation, OperationOutput};
use oc_core::{Body, Client, Endpoint, Error, Experience, InvalidInput};
use serde::Deserialize;

use crate::limits;

/// Which data a flush removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum FlushScope {
    /// The live experience's data (the default).
    #[default]
    Live,
    /// Studio's data.
    Test,
}

/// What a done flush answers: nothing (the memory store is empty).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Flushed {}

impl OperationOutput for Flushed {
    const AREA: &'static str = crate::AREA;

    /// `…/universes/{u}/memory-store/operations/{last segment}`, whichever form the path
    /// has (`cloud/v2/universes/{u}/operations/{id}` or the memory-store form).
    fn poll_path(operation_path: &str) -> Result<String, Error> {
        let trimmed = operation_path.trim_start_matches('/');
        let trimmed = trimmed.strip_prefix("cloud/v2/").unwrap_or(trimmed);
        checked_path(trimmed)?;
        let mut segments = trimmed.split('/');
        let universe = loop {
            match segments.next() {
                Some("universes") => break segments.next(),
                Some(_) => continue,
                None => break None,
            }
        }
        .and_then(|u| u.parse::<u64>().ok())
        .filter(|u| *u > 0)
        .ok_or_else(|| InvalidInput::new("operation", "names no universe"))?;
        let id = ids::last_segment(trimmed);
        Ok(format!(
            "{}/universes/{universe}/memory-store/operations/{id}",
            oc_core::v2::PREFIX
        ))
    }
}

/// A flush of an experience's memory store; `.await` it for the [`Operation`] (usually
/// done at once; [`Operation::wait`] polls it otherwise).
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until it is awaited"]
pub struct FlushMemoryStore {
    experience: Experience,
    scope: Option<FlushScope>,
}

impl FlushMemoryStore {
    pub(crate) fn new(experience: Experience) -> Self {
        FlushMemoryStore {
            experience,
            scope: None,
        }
    }

    /// Flushes the live data (the default) or Studio's.
    pub fn scope(mut self, scope: FlushScope) -> Self {
        self.scope = Some(scope);
        self
    }
}

impl Endpoint for FlushMemoryStore {
    type Output = Operation<Flushed>;
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "flush_memory_store";

    fn client(&self) -> &Client {
        self.experience.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        limits::universe(self.experience.universe_id())?;
        let query = Query::new().pair_opt(
            "scope",
            self.scope.map(|scope| match scope {
                FlushScope::Live => "LIVE",
                FlushScope::Test => "TEST",
            }),
        );
        let path = format!(
            "{}/universes/{}/memory-store:flush",
            oc_core::v2::PREFIX,
            self.experience.universe_id()
        );
        request::build(Method::POST, &query.with_path(&path), Body::empty())
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Operation<Flushed>, Error> {
        Operation::from_answer(self.experience.client(), &response)
    }
}

oc_core::endpoint_future!(static FlushMemoryStore);
