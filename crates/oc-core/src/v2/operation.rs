//! Long-running operations
//! (<https://create.roblox.com/docs/cloud/reference/patterns#long-running-operations>): a
//! call that takes a while answers an `Operation`, either done (with its response or its
//! error) or still running, to poll until done.
//!
//! ```json
//! {"path":"universes/1/places/2/instances/root/operations/9d7…","done":true,
//!  "response":{"@type":"type.googleapis.com/roblox.open_cloud.cloud.v2.Instance", "…": "…"}}
//! ```
//!
//! One generic type serves every API: the output type says which API it belongs to and
//! where its operations are polled ([`OperationOutput`]), since the services disagree on
//! that.

use std::fmt;
use std::future::IntoFuture;
use std::marker::PhantomData;
use std::time::Duration;

use bytes::Bytes;
use http::Method;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use crate::body::Body;
use crate::client::Client;
use crate::endpoint::{Endpoint, EndpointFuture};
use crate::error::{AreaError, Error, Result};
use crate::request;
use crate::response;
use crate::v2::poll::{poll_until, PollConfig};
use crate::v2::rpc_code::RpcCode;
use crate::validate;

/// The output of an operation: what a done operation's `response` holds, the API it
/// belongs to, and where its operations are polled.
pub trait OperationOutput: DeserializeOwned + Clone + Send + Sync + 'static {
    /// The API area, for tracing and for the errors of failed operations.
    const AREA: &'static str;

    /// The path to poll (relative to the base URL) for the operation whose `path` is
    /// `operation_path`; [`v2_poll_path`] for most v2 APIs.
    fn poll_path(operation_path: &str) -> Result<String>;

    /// The error of a failed operation. The default is an [`Error::Area`] of
    /// [`Self::AREA`] holding the [`OperationFailed`]; an API may refine known failures.
    fn failed(failure: OperationFailed) -> Error {
        AreaError::new(Self::AREA, failure).into()
    }
}

/// The poll path of a v2 operation named by a service-relative path
/// (`universes/1/…/operations/abc` is polled at `/cloud/v2/universes/1/…/operations/abc`).
pub fn v2_poll_path(operation_path: &str) -> Result<String> {
    checked_path(operation_path)?;
    Ok(format!(
        "{}/{}",
        crate::v2::PREFIX,
        operation_path.trim_start_matches('/')
    ))
}

/// Refuses an operation path that would leave its service's prefix or carry a query.
pub fn checked_path(operation_path: &str) -> Result<()> {
    validate::non_empty("operation", operation_path)?;
    for segment in operation_path.trim_start_matches('/').split('/') {
        validate::non_empty("operation", segment)?;
        validate::no_dot_segment("operation", segment)?;
    }
    if operation_path
        .bytes()
        .any(|b| matches!(b, b'?' | b'#' | b'%' | b'\\') || b <= b' ' || b >= 0x7f)
    {
        return Err(crate::InvalidInput::new("operation", "holds characters a path cannot").into());
    }
    Ok(())
}

/// An operation that ended with an error: the detail of the [`Error::Area`] a failed
/// operation gives (unless its API refines it).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("the operation failed (code {code}): {message}")]
#[non_exhaustive]
pub struct OperationFailed {
    /// The error's code: a canonical code number (3 is `INVALID_ARGUMENT`; see
    /// [`OperationFailed::rpc_code`]), or for some APIs an HTTP status (422).
    pub code: i64,
    /// The error's message.
    pub message: String,
    /// The error's details, as the service sent them.
    pub details: Vec<Value>,
}

impl OperationFailed {
    /// The canonical code, when [`code`](OperationFailed::code) is one.
    pub fn rpc_code(&self) -> Option<RpcCode> {
        RpcCode::from_number(self.code)
    }
}

/// The wire form of an operation.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawOperation {
    #[serde(default)]
    path: Option<String>,
    /// Assets once named the operation by id only.
    #[serde(default)]
    operation_id: Option<String>,
    /// Absent or `null` while running, as well as `false`.
    #[serde(default)]
    done: Option<bool>,
    #[serde(default)]
    response: Option<Value>,
    #[serde(default)]
    error: Option<RawStatus>,
}

#[derive(Deserialize)]
struct RawStatus {
    #[serde(default, with = "crate::v2::ids::int64")]
    code: i64,
    #[serde(default)]
    message: String,
    #[serde(default)]
    details: Vec<Value>,
}

impl RawOperation {
    fn path(&self) -> Option<String> {
        match (&self.path, &self.operation_id) {
            (Some(path), _) if !path.is_empty() => Some(path.clone()),
            (_, Some(id)) if !id.is_empty() => Some(format!("operations/{id}")),
            _ => None,
        }
    }

    /// The output when done, `None` while running, or the operation's error.
    fn outcome<T: OperationOutput>(self) -> Result<Option<T>> {
        if let Some(RawStatus {
            code,
            message,
            details,
        }) = self.error
        {
            return Err(T::failed(OperationFailed {
                code,
                message,
                details,
            }));
        }
        let decode = |e: serde_json::Error| {
            Error::decode(
                "the operation's response is not the expected JSON",
                Some(Box::new(e) as _),
            )
        };
        match (self.done == Some(true), self.response) {
            (_, Some(response)) => serde_json::from_value(response).map(Some).map_err(decode),
            (false, None) => Ok(None),
            // Done with no response: an output with no required field (an empty message).
            (true, None) => serde_json::from_value(Value::Object(Default::default()))
                .map(Some)
                .map_err(|_| {
                    Error::decode(
                        "the operation is done but has neither a response nor an error",
                        None,
                    )
                }),
        }
    }
}

/// A long-running operation: done with its output, or running, to [`get`](Operation::get)
/// once or [`wait`](Operation::wait) on.
#[must_use = "an operation is only done once fetched or waited on"]
pub struct Operation<T> {
    client: Client,
    path: String,
    output: Option<T>,
    poll: PollConfig,
}

impl<T: Clone> Clone for Operation<T> {
    fn clone(&self) -> Self {
        Operation {
            client: self.client.clone(),
            path: self.path.clone(),
            output: self.output.clone(),
            poll: self.poll,
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for Operation<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Operation")
            .field("path", &self.path)
            .field("output", &self.output)
            .finish_non_exhaustive()
    }
}

impl<T: OperationOutput> Operation<T> {
    /// Reads an answer that is an operation (the answer of the call that started it). A
    /// failed operation is its error; a running one must name its path.
    pub fn from_answer(client: &Client, answer: &http::Response<Bytes>) -> Result<Self> {
        let raw: RawOperation = response::json(answer)?;
        let path = raw.path();
        let output = raw.outcome::<T>()?;
        let path = match (path, &output) {
            (Some(path), _) => path,
            (None, Some(_)) => String::new(),
            (None, None) => {
                return Err(Error::decode("the running operation has no path", None));
            }
        };
        Ok(Operation {
            client: client.clone(),
            path,
            output,
            poll: PollConfig::default(),
        })
    }

    /// A handle on a running operation whose `path` an earlier call gave
    /// (`universes/1/places/2/instances/root/operations/abc`, `operations/abc`).
    pub fn resume(client: Client, path: impl Into<String>) -> Self {
        Operation {
            client,
            path: path.into(),
            output: None,
            poll: PollConfig::default(),
        }
    }

    /// The operation's path, as the service named it (empty when the service answered a
    /// done operation with no path).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The operation's id: the last segment of its path.
    pub fn id(&self) -> &str {
        crate::v2::ids::last_segment(&self.path)
    }

    /// `true` when the service answered it done.
    pub fn is_done(&self) -> bool {
        self.output.is_some()
    }

    /// The output, when the service answered it done.
    pub fn output(&self) -> Option<&T> {
        self.output.as_ref()
    }

    /// The output, when the service answered it done.
    pub fn into_output(self) -> Option<T> {
        self.output
    }

    /// Sets how [`wait`](Operation::wait) polls (default: at once, then after 1 s,
    /// doubling up to 30 s).
    pub fn poll_config(mut self, config: PollConfig) -> Self {
        self.poll = config;
        self
    }

    /// Sets the pause after the first poll of [`wait`](Operation::wait) (at least
    /// [`MIN_INTERVAL`](crate::v2::poll::MIN_INTERVAL); it doubles after each poll).
    pub fn poll_interval(mut self, interval: Duration) -> Self {
        self.poll = self.poll.with_first_interval(interval);
        self
    }

    /// Polls once: `.await` it for the output when done, `None` while running, or the
    /// operation's error.
    pub fn get(&self) -> FetchOperation<'_, T> {
        FetchOperation {
            client: &self.client,
            path: &self.path,
            output: PhantomData,
        }
    }

    /// The output: at once when the service answered it done, else by polling (see
    /// [`poll_until`]) for at most `timeout`. A 429 pauses at least its `Retry-After`;
    /// [`Error::Timeout`] when the next poll would start after `timeout`.
    pub fn wait(&self, timeout: Duration) -> EndpointFuture<'_, T> {
        EndpointFuture::from_future(async move {
            if let Some(output) = &self.output {
                return Ok(output.clone());
            }
            poll_until(timeout, self.poll, || self.get().into_future()).await
        })
    }
}

/// One poll of an operation; `.await` it for the output when done, `None` while running.
#[must_use = "a request does nothing until it is awaited"]
pub struct FetchOperation<'a, T> {
    client: &'a Client,
    path: &'a str,
    output: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for FetchOperation<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FetchOperation")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl<T: OperationOutput> Endpoint for FetchOperation<'_, T> {
    type Output = Option<T>;
    const AREA: &'static str = T::AREA;
    const OPERATION: &'static str = "get_operation";

    fn client(&self) -> &Client {
        self.client
    }

    fn build_request(&self) -> Result<http::Request<Body>> {
        let path = T::poll_path(self.path)?;
        request::build(Method::GET, &path, Body::empty())
    }

    fn parse(&self, answer: http::Response<Bytes>) -> Result<Option<T>> {
        let raw: RawOperation = response::json(&answer)?;
        raw.outcome::<T>()
    }
}

crate::endpoint_future!(<T> FetchOperation<'a, T> where T: OperationOutput);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{offline, Idempotency};

    #[derive(Debug, Clone, PartialEq, Deserialize)]
    struct Thing {
        name: String,
    }

    impl OperationOutput for Thing {
        const AREA: &'static str = "things";
        fn poll_path(operation_path: &str) -> Result<String> {
            v2_poll_path(operation_path)
        }
    }

    #[derive(Debug, Clone, PartialEq, Deserialize)]
    struct Nothing {}

    impl OperationOutput for Nothing {
        const AREA: &'static str = "things";
        fn poll_path(operation_path: &str) -> Result<String> {
            v2_poll_path(operation_path)
        }
    }

    fn client() -> Result<Client> {
        Client::builder().api_key("k").build()
    }

    fn answer(body: &str) -> http::Response<Bytes> {
        http::Response::new(Bytes::copy_from_slice(body.as_bytes()))
    }

    #[test]
    fn answers_read_as_done_running_or_failed() -> Result<()> {
        let client = client()?;
        let done = Operation::<Thing>::from_answer(
            &client,
            &answer(
                r#"{"path":"things/1/operations/a","done":true,"response":{"@type":"x","name":"n"}}"#,
            ),
        )?;
        assert_eq!(done.output().map(|t| t.name.as_str()), Some("n"));
        assert_eq!(done.id(), "a");
        for running in [
            r#"{"path":"things/1/operations/b","done":false}"#,
            r#"{"path":"things/1/operations/b","done":null}"#,
            r#"{"path":"things/1/operations/b"}"#,
        ] {
            let op = Operation::<Thing>::from_answer(&client, &answer(running))?;
            assert!(!op.is_done(), "{running}");
            assert_eq!(op.path(), "things/1/operations/b");
        }
        let failed = Operation::<Thing>::from_answer(
            &client,
            &answer(
                r#"{"path":"p/operations/c","done":true,"error":{"code":422,"message":"too big","details":[{"@type":"t"}]}}"#,
            ),
        );
        let error = failed.err();
        let detail = error.as_ref().and_then(|e| e.detail::<OperationFailed>());
        assert_eq!(
            detail.map(|d| (d.code, d.message.as_str())),
            Some((422, "too big"))
        );
        assert_eq!(detail.and_then(OperationFailed::rpc_code), None);
        assert!(error.is_some_and(|e| e.api_error().is_none()));

        let empty =
            Operation::<Nothing>::from_answer(&client, &answer(r#"{"path":"p","done":true}"#))?;
        assert!(empty.is_done());
        assert!(
            Operation::<Thing>::from_answer(&client, &answer(r#"{"path":"p","done":true}"#))
                .is_err()
        );
        assert!(Operation::<Thing>::from_answer(&client, &answer(r#"{"done":false}"#)).is_err());
        assert!(Operation::<Thing>::from_answer(&client, &answer("[]")).is_err());
        Ok(())
    }

    #[test]
    fn a_poll_goes_to_the_operation_path_and_refuses_escapes() -> Result<()> {
        let op = Operation::<Thing>::resume(
            client()?,
            "universes/1/places/2/instances/root/operations/x-1",
        );
        let request = offline::request(&op.get())?;
        assert_eq!(request.method(), Method::GET);
        assert_eq!(
            request.uri(),
            "/cloud/v2/universes/1/places/2/instances/root/operations/x-1"
        );
        assert_eq!(Idempotency::of(&request), Idempotency::Idempotent);
        for bad in [
            "", "a/", "a//b", "a/../b", "a/./b", "a?b=c", "a b", "a%2Fb", "a\\b", "é",
        ] {
            let op = Operation::<Thing>::resume(client()?, bad);
            assert!(
                matches!(offline::request(&op.get()), Err(Error::InvalidInput(_))),
                "{bad:?}"
            );
        }
        let fetch = op.get();
        assert_eq!(
            offline::respond(&fetch, 200, &[], r#"{"done":false}"#)?,
            None
        );
        assert_eq!(
            offline::respond(&fetch, 200, &[], r#"{"done":true,"response":{"name":"m"}}"#)?,
            Some(Thing { name: "m".into() })
        );
        let failed = offline::respond(
            &fetch,
            200,
            &[],
            r#"{"done":true,"error":{"code":"5","message":"gone"}}"#,
        );
        assert_eq!(
            failed
                .err()
                .as_ref()
                .and_then(|e| e.detail::<OperationFailed>())
                .and_then(OperationFailed::rpc_code),
            Some(RpcCode::NotFound)
        );
        Ok(())
    }
}
