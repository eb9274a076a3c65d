//! Long-running operations: an upload or update answers an operation that is either done
//! (with the [`Asset`]) or pending ([`PendingAsset`], to [`fetch`](PendingAsset::fetch)
//! once or to [`wait`](PendingAsset::wait) on).

use std::time::{Duration, Instant};

use http::Method;
use oc_core::request::{self, PathSegment};
use oc_core::{Body, Client};
use serde::Deserialize;

use crate::asset::Asset;
use crate::error::Error;

/// The first wait between polls: near one second, as the service's guide suggests.
pub const DEFAULT_POLL_INTERVAL: Duration = Duration::from_secs(1);
/// The longest wait between polls.
pub const MAX_POLL_INTERVAL: Duration = Duration::from_secs(30);

/// The outcome of an upload or update.
#[derive(Debug, Clone)]
#[must_use = "a pending operation is only done once fetched or waited on"]
pub enum AssetOperation {
    /// The service finished at once.
    Done(Asset),
    /// The service is still processing.
    Pending(PendingAsset),
}

impl AssetOperation {
    /// The asset, when done.
    pub fn asset(&self) -> Option<&Asset> {
        match self {
            AssetOperation::Done(asset) => Some(asset),
            AssetOperation::Pending(_) => None,
        }
    }

    /// Sets the first wait between polls of [`AssetOperation::wait`].
    pub fn poll_interval(self, interval: Duration) -> Self {
        match self {
            AssetOperation::Pending(pending) => {
                AssetOperation::Pending(pending.poll_interval(interval))
            }
            done => done,
        }
    }

    /// The asset: at once when done, else by [`PendingAsset::wait`].
    pub async fn wait(self, timeout: Duration) -> Result<Asset, Error> {
        match self {
            AssetOperation::Done(asset) => Ok(asset),
            AssetOperation::Pending(pending) => pending.wait(timeout).await,
        }
    }
}

/// An operation still being processed.
#[derive(Debug, Clone)]
pub struct PendingAsset {
    client: Client,
    operation_id: String,
    poll_interval: Duration,
}

/// The wire form of an operation (wire spec 5).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawOperation {
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    operation_id: Option<String>,
    #[serde(default)]
    done: bool,
    #[serde(default)]
    response: Option<Asset>,
    #[serde(default)]
    error: Option<RawStatus>,
}

#[derive(Debug, Deserialize)]
struct RawStatus {
    #[serde(default)]
    code: Option<i64>,
    #[serde(default)]
    message: String,
}

/// What an operation says: done with an asset, failed, or pending.
enum Outcome {
    Done(Asset),
    Pending,
}

impl RawOperation {
    /// The operation id: from `path` (`operations/{id}`), else `operationId`.
    fn id(&self) -> Option<String> {
        self.path
            .as_deref()
            .and_then(|p| p.strip_prefix("operations/"))
            .filter(|id| !id.is_empty())
            .map(str::to_owned)
            .or_else(|| self.operation_id.clone())
    }

    fn outcome(self) -> Result<Outcome, Error> {
        if let Some(error) = self.error {
            return Err(Error::from_operation(error.code, error.message));
        }
        match (self.done, self.response) {
            (_, Some(asset)) => Ok(Outcome::Done(asset)),
            (false, None) => Ok(Outcome::Pending),
            (true, None) => Err(oc_core::Error::decode(
                "the operation is done but has neither a response nor an error",
                None,
            )
            .into()),
        }
    }
}

fn parse(body: &[u8]) -> Result<RawOperation, Error> {
    serde_json::from_slice(body).map_err(|e| {
        oc_core::Error::decode(
            "the operation is not the expected JSON",
            Some(Box::new(e) as _),
        )
        .into()
    })
}

/// Reads the answer of an upload or update.
pub(crate) fn from_upload_answer(client: &Client, body: &[u8]) -> Result<AssetOperation, Error> {
    let raw = parse(body)?;
    let id = raw.id();
    match raw.outcome()? {
        Outcome::Done(asset) => Ok(AssetOperation::Done(asset)),
        Outcome::Pending => {
            let operation_id =
                id.ok_or_else(|| oc_core::Error::decode("the pending operation has no id", None))?;
            Ok(AssetOperation::Pending(PendingAsset::new(
                client.clone(),
                operation_id,
            )))
        }
    }
}

impl PendingAsset {
    /// A handle on operation `operation_id` (from an earlier upload, say).
    pub fn new(client: Client, operation_id: impl Into<String>) -> Self {
        PendingAsset {
            client,
            operation_id: operation_id.into(),
            poll_interval: DEFAULT_POLL_INTERVAL,
        }
    }

    /// The operation id.
    pub fn operation_id(&self) -> &str {
        &self.operation_id
    }

    /// Sets the first wait between polls of [`PendingAsset::wait`] (default one second;
    /// it doubles after each poll, up to [`MAX_POLL_INTERVAL`]).
    pub fn poll_interval(mut self, interval: Duration) -> Self {
        self.poll_interval = interval;
        self
    }

    /// The poll request, with no I/O.
    pub fn build_request(&self) -> Result<http::Request<Body>, oc_core::Error> {
        oc_core::validate::non_empty("operation_id", &self.operation_id)?;
        let path = format!("/assets/v1/operations/{}", PathSegment(&self.operation_id));
        request::build(Method::GET, &path, Body::empty())
    }

    /// Polls once: the asset when done, `None` while pending.
    pub async fn fetch(&self) -> Result<Option<Asset>, Error> {
        let request = self.build_request()?;
        let response = self.client.send(request).await?;
        match parse(response.body())?.outcome()? {
            Outcome::Done(asset) => Ok(Some(asset)),
            Outcome::Pending => Ok(None),
        }
    }

    /// Polls until done, for at most `timeout`: first at once, then after the poll
    /// interval, doubling each time (up to [`MAX_POLL_INTERVAL`]). A 429 waits at least
    /// its `Retry-After`. Gives [`oc_core::Error::Timeout`] when the next poll would
    /// start after the timeout.
    pub async fn wait(&self, timeout: Duration) -> Result<Asset, Error> {
        let start = Instant::now();
        let mut interval = self.poll_interval;
        loop {
            let pause = match self.fetch().await {
                Ok(Some(asset)) => return Ok(asset),
                Ok(None) => interval,
                Err(Error::Core(error @ oc_core::Error::RateLimited { .. })) => {
                    let retry_after = error.retry_after().unwrap_or(interval);
                    if start.elapsed() + retry_after.max(interval) > timeout {
                        return Err(Error::Core(error));
                    }
                    retry_after.max(interval)
                }
                Err(error) => return Err(error),
            };
            if start.elapsed() + pause > timeout {
                return Err(oc_core::Error::Timeout { after: timeout }.into());
            }
            tokio::time::sleep(pause).await;
            interval = interval.saturating_mul(2).min(MAX_POLL_INTERVAL);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client() -> Result<Client, oc_core::Error> {
        Client::builder().api_key("k").build()
    }

    #[test]
    fn operations_parse_in_every_form() -> Result<(), Error> {
        let client = client()?;
        let pending = br#"{"path":"operations/abc","done":false}"#;
        match from_upload_answer(&client, pending)? {
            AssetOperation::Pending(p) => assert_eq!(p.operation_id(), "abc"),
            other => panic!("expected pending, got {other:?}"),
        }
        let by_id = br#"{"operationId":"xyz"}"#;
        match from_upload_answer(&client, by_id)? {
            AssetOperation::Pending(p) => assert_eq!(p.operation_id(), "xyz"),
            other => panic!("expected pending, got {other:?}"),
        }
        let done = br#"{"path":"operations/abc","done":true,"response":{"assetId":"5","assetType":"Decal"}}"#;
        assert_eq!(
            from_upload_answer(&client, done)?.asset().map(|a| a.id),
            Some(5)
        );
        let failed = br#"{"path":"operations/abc","done":true,"error":{"code":400,"message":"AssetName is moderated."}}"#;
        assert!(matches!(
            from_upload_answer(&client, failed),
            Err(Error::ModeratedName { api: None, .. })
        ));
        assert!(from_upload_answer(&client, br#"{"done":false}"#).is_err());
        assert!(from_upload_answer(&client, br#"{"done":true}"#).is_err());
        Ok(())
    }

    #[test]
    fn the_poll_request_encodes_the_id() -> Result<(), oc_core::Error> {
        let pending = PendingAsset::new(client()?, "a/b c");
        let request = pending.build_request()?;
        assert_eq!(request.method(), Method::GET);
        assert_eq!(request.uri(), "/assets/v1/operations/a%2Fb%20c");
        Ok(())
    }
}
