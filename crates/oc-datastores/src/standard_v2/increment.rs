//! Increment an entry: `POST …/entries/{key}:increment` with
//! `{"amount":3,"users":[…],"attributes":{…}}`
//! (<https://create.roblox.com/docs/cloud/reference/features/data-stores>). Not
//! idempotent: never retried once the service may have applied it.

use bytes::Bytes;
use http::header::{HeaderValue, CONTENT_TYPE};
use http::Method;
use oc_core::{request, Body, Client, Endpoint, Error, Idempotency, InvalidInput};

use super::entry::{DataStoreEntry, WireEntry};
use super::write::{metadata_json, precondition};
use crate::handles::DataStoreV2;
use crate::Increment;

/// The largest float amount sent as an integer (2^63).
const MAX_FLOAT_AMOUNT: f64 = 9_223_372_036_854_775_808.0;

impl DataStoreV2 {
    /// Adds `by` (an integer: a float must hold one) to the integer stored at `key` (a
    /// missing key starts at `by`). Await it for the new value and its
    /// [`DataStoreEntry`].
    pub fn increment(
        &self,
        key: impl Into<String>,
        by: impl Into<Increment>,
    ) -> IncrementEntry<'_> {
        IncrementEntry {
            store: self,
            key: key.into(),
            by: by.into(),
            user_ids: None,
            attributes: None,
        }
    }
}

/// An increment; `.await` it for the new value and its [`DataStoreEntry`].
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct IncrementEntry<'a> {
    store: &'a DataStoreV2,
    key: String,
    by: Increment,
    user_ids: Option<Vec<u64>>,
    attributes: Option<serde_json::Map<String, serde_json::Value>>,
}

impl IncrementEntry<'_> {
    /// The user ids to attach (at most 4); those not given are cleared.
    pub fn user_ids(mut self, ids: impl IntoIterator<Item = u64>) -> Self {
        self.user_ids = Some(ids.into_iter().collect());
        self
    }

    /// The attributes to attach (at most 300 characters of JSON); those not given are
    /// cleared.
    pub fn attributes(mut self, attributes: serde_json::Map<String, serde_json::Value>) -> Self {
        self.attributes = Some(attributes);
        self
    }
}

/// The amount as an integer: v2 refuses fractions.
fn integral(by: Increment) -> Result<i64, InvalidInput> {
    match by {
        Increment::Int(by) => Ok(by),
        Increment::Float(by)
            if by.is_finite() && by.fract() == 0.0 && by.abs() < MAX_FLOAT_AMOUNT =>
        {
            Ok(by as i64)
        }
        Increment::Float(_) => Err(InvalidInput::new(
            "by",
            "must be an integer for data stores v2",
        )),
    }
}

impl Endpoint for IncrementEntry<'_> {
    type Output = (serde_json::Number, DataStoreEntry);
    const AREA: &'static str = crate::failures::AREA;
    const OPERATION: &'static str = "increment_entry_v2";

    fn client(&self) -> &Client {
        self.store.experience().client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let amount = integral(self.by)?;
        let path = self.store.entry_path(&self.key, ":increment")?;
        let metadata = metadata_json(self.user_ids.as_deref(), self.attributes.as_ref())?;
        let body = format!("{{\"amount\":{amount}{metadata}}}");
        let mut request = request::build(Method::POST, &path, Body::full(Bytes::from(body)))?;
        request
            .headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        Ok(request)
    }

    fn idempotency(&self) -> Idempotency {
        Idempotency::NonIdempotent
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Self::Output, Error> {
        let wire: WireEntry = oc_core::response::json(&response)?;
        let (scope, key) = self.store.locate(&self.key)?;
        let entry = wire.into_entry(scope, key)?;
        match &entry.value {
            serde_json::Value::Number(number) => Ok((number.clone(), entry)),
            other => Err(Error::decode(
                format!("an increment answered a value that is not a number: {other}"),
                None,
            )),
        }
    }

    fn parse_error(&self, error: Error) -> Error {
        precondition(error, false)
    }
}

oc_core::endpoint_future!(IncrementEntry<'a>);
