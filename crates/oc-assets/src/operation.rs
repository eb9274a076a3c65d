//! Long-running operations: an upload or update answers an operation that is either done
//! (with the [`Asset`]) or pending ([`PendingAsset`], to [`fetch`](PendingAsset::fetch)
//! once or to [`wait`](PendingAsset::wait) on).
//!
//! `GET /assets/v1/operations/{operationId}`:
//! <https://create.roblox.com/docs/cloud/reference/features/assets>.

use std::time::{Duration, Instant};

use bytes::Bytes;
use http::Method;
use oc_core::request::{self, PathSegment};
use oc_core::{response, validate, AreaError, Body, Client, Endpoint, EndpointFuture, Error};
use serde::Deserialize;

use crate::asset::Asset;
use crate::refusal::{AssetRefused, AREA};

/// The first wait between polls: near one second, as the service's guide suggests.
pub const DEFAULT_POLL_INTERVAL: Duration = Duration::from_secs(1);
/// The longest wait between polls.
pub const MAX_POLL_INTERVAL: Duration = Duration::from_secs(30);

/// The operation of an upload or update ended with an error that is not a known refusal
/// (those are [`AssetRefused`]): the typed detail of an [`oc_core::Error::Area`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the operation failed (code {code:?}): {message}")]
#[non_exhaustive]
pub struct OperationFailed {
    /// The operation's error code.
    pub code: Option<i64>,
    /// The operation's error message.
    pub message: String,
}

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
    pub fn wait(self, timeout: Duration) -> EndpointFuture<'static, Asset> {
        EndpointFuture::from_future(async move {
            match self {
                AssetOperation::Done(asset) => Ok(asset),
                AssetOperation::Pending(pending) => pending.wait(timeout).await,
            }
        })
    }
}

/// An operation still being processed.
#[derive(Debug, Clone)]
pub struct PendingAsset {
    client: Client,
    operation_id: String,
    poll_interval: Duration,
}

/// The wire form of an operation.
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

/// What an operation says when it did not fail: done with an asset, or pending.
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

    /// Done, pending, or the operation's error: an [`AssetRefused`] when its message is a
    /// known refusal, else an [`OperationFailed`].
    fn outcome(self) -> Result<Outcome, Error> {
        if let Some(RawStatus { code, message }) = self.error {
            let error = match AssetRefused::from_message(&message) {
                Some(refused) => AreaError::new(AREA, refused),
                None => AreaError::new(AREA, OperationFailed { code, message }),
            };
            return Err(error.into());
        }
        match (self.done, self.response) {
            (_, Some(asset)) => Ok(Outcome::Done(asset)),
            (false, None) => Ok(Outcome::Pending),
            (true, None) => Err(Error::decode(
                "the operation is done but has neither a response nor an error",
                None,
            )),
        }
    }
}

/// Reads the answer of an upload or update.
pub(crate) fn from_upload_answer(
    client: &Client,
    answer: &http::Response<Bytes>,
) -> Result<AssetOperation, Error> {
    let raw: RawOperation = response::json(answer)?;
    let id = raw.id();
    match raw.outcome()? {
        Outcome::Done(asset) => Ok(AssetOperation::Done(asset)),
        Outcome::Pending => {
            let operation_id =
                id.ok_or_else(|| Error::decode("the pending operation has no id", None))?;
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

    /// Polls once: await it for the asset when done, `None` while pending.
    pub fn fetch(&self) -> FetchOperation<'_> {
        FetchOperation {
            client: &self.client,
            operation_id: &self.operation_id,
        }
    }

    /// Polls until done, for at most `timeout`: first at once, then after the poll
    /// interval, doubling each time (up to [`MAX_POLL_INTERVAL`]). A 429 waits at least
    /// its `Retry-After`. Gives [`oc_core::Error::Timeout`] when the next poll would
    /// start after the timeout.
    pub fn wait(&self, timeout: Duration) -> EndpointFuture<'_, Asset> {
        EndpointFuture::from_future(async move {
            let start = Instant::now();
            let mut interval = self.poll_interval;
            loop {
                let pause = match self.fetch().await {
                    Ok(Some(asset)) => return Ok(asset),
                    Ok(None) => interval,
                    Err(error @ Error::RateLimited { .. }) => {
                        let pause = error.retry_after().unwrap_or(interval).max(interval);
                        if start.elapsed() + pause > timeout {
                            return Err(error);
                        }
                        pause
                    }
                    Err(error) => return Err(error),
                };
                if start.elapsed() + pause > timeout {
                    return Err(Error::Timeout { after: timeout });
                }
                tokio::time::sleep(pause).await;
                interval = interval.saturating_mul(2).min(MAX_POLL_INTERVAL);
            }
        })
    }
}

/// One poll of an operation; `.await` it for the asset when done, `None` while pending.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct FetchOperation<'a> {
    client: &'a Client,
    operation_id: &'a str,
}

impl Endpoint for FetchOperation<'_> {
    type Output = Option<Asset>;
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = "get_operation";

    fn client(&self) -> &Client {
        self.client
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        validate::non_empty("operation_id", self.operation_id)?;
        validate::no_dot_segment("operation_id", self.operation_id)?;
        let path = format!("/assets/v1/operations/{}", PathSegment(self.operation_id));
        request::build(Method::GET, &path, Body::empty())
    }

    fn parse(&self, answer: http::Response<Bytes>) -> Result<Option<Asset>, Error> {
        let raw: RawOperation = response::json(&answer)?;
        match raw.outcome()? {
            Outcome::Done(asset) => Ok(Some(asset)),
            Outcome::Pending => Ok(None),
        }
    }
}

oc_core::endpoint_future!(FetchOperation<'a>);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::refusal::RefusalKind;
    use oc_core::{offline, Idempotency};

    fn client() -> Result<Client, Error> {
        Client::builder().api_key("k").build()
    }

    #[test]
    fn the_poll_request_encodes_the_id_and_refuses_dot_segments() -> Result<(), Error> {
        let pending = PendingAsset::new(client()?, "a/b c");
        let request = offline::request(&pending.fetch())?;
        assert_eq!(request.method(), Method::GET);
        assert_eq!(request.uri(), "/assets/v1/operations/a%2Fb%20c");
        assert_eq!(Idempotency::of(&request), Idempotency::Idempotent);
        for id in ["", ".", ".."] {
            let pending = PendingAsset::new(client()?, id);
            match offline::request(&pending.fetch()) {
                Err(Error::InvalidInput(invalid)) => assert_eq!(invalid.field(), "operation_id"),
                other => panic!("expected invalid operation_id for {id:?}, got {other:?}"),
            }
        }
        Ok(())
    }

    #[test]
    fn a_poll_parses_pending_done_and_failed_operations() -> Result<(), Error> {
        let pending = PendingAsset::new(client()?, "abc");
        let fetch = pending.fetch();
        let waiting = r#"{"path":"operations/abc","done":false}"#;
        assert_eq!(offline::respond(&fetch, 200, &[], waiting)?, None);
        let done = r#"{"path":"operations/abc","done":true,"response":{"path":"assets/5","assetId":"5","assetType":"ASSET_TYPE_DECAL","revisionCreateTime":"2024-01-01T00:00:00Z"}}"#;
        let asset = offline::respond(&fetch, 200, &[], done)?;
        assert_eq!(asset.as_ref().map(|a| a.id), Some(5));
        assert_eq!(
            asset
                .and_then(|a| a.revision_time)
                .map(|t| t.unix_timestamp()),
            Some(1_704_067_200)
        );

        let moderated = r#"{"done":true,"error":{"code":3,"message":"AssetName is moderated."}}"#;
        let error = offline::respond(&fetch, 200, &[], moderated).err();
        let refused = error.as_ref().and_then(|e| e.detail::<AssetRefused>());
        assert_eq!(refused.map(|r| r.kind), Some(RefusalKind::ModeratedName));
        assert!(error.as_ref().is_some_and(|e| e.api_error().is_none()));
        assert!(error.is_some_and(|e| e.certainly_not_applied()));

        let failed = r#"{"done":true,"error":{"code":13,"message":"boom"}}"#;
        let error = offline::respond(&fetch, 200, &[], failed).err();
        assert_eq!(
            error.as_ref().and_then(|e| e.detail::<OperationFailed>()),
            Some(&OperationFailed {
                code: Some(13),
                message: "boom".into()
            })
        );

        let gone = offline::respond(&fetch, 404, &[], r#"{"code":5,"message":"nope"}"#);
        assert!(gone.is_err_and(|e| e.is_not_found()));
        let limited = offline::respond(&fetch, 429, &[("retry-after", "2")], "");
        assert!(
            matches!(&limited, Err(Error::RateLimited { retry_after: Some(d), .. }) if d.as_secs() == 2)
        );
        assert!(matches!(
            offline::respond(&fetch, 200, &[], r#"{"done":true}"#),
            Err(Error::Decode { .. })
        ));
        assert!(matches!(
            offline::respond(&fetch, 200, &[], "not json"),
            Err(Error::Decode { .. })
        ));
        Ok(())
    }
}
