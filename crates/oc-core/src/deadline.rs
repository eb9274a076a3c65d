//! The per-attempt deadline: one timeout over the whole exchange (response head and
//! body), with the body read into memory so retry and error mapping can look at it.

use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use futures::future::BoxFuture;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use tower::Service;

use crate::body::Body;
use crate::error::{BoxError, Error};

/// Wraps a transport: each call must complete, body included, within `timeout`.
#[derive(Clone)]
pub(crate) struct Deadline<S> {
    inner: S,
    timeout: Option<Duration>,
    max_response_bytes: usize,
}

impl<S> Deadline<S> {
    pub(crate) fn new(inner: S, timeout: Option<Duration>, max_response_bytes: usize) -> Self {
        Deadline {
            inner,
            timeout,
            max_response_bytes,
        }
    }
}

impl<S> Service<http::Request<Body>> for Deadline<S>
where
    S: Service<http::Request<Body>, Response = http::Response<Body>, Error = BoxError>,
    S::Future: Send + 'static,
{
    type Response = http::Response<Body>;
    type Error = BoxError;
    type Future = BoxFuture<'static, Result<http::Response<Body>, BoxError>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<Body>) -> Self::Future {
        let pending = self.inner.call(request);
        let max = self.max_response_bytes;
        let exchange = async move {
            let response = pending.await?;
            let (parts, body) = response.into_parts();
            let bytes = match Limited::new(body, max).collect().await {
                Ok(collected) => collected.to_bytes(),
                // An error answer keeps its status: its body is dropped, not the error.
                Err(e) if e.is::<LengthLimitError>() && !parts.status.is_success() => Bytes::new(),
                Err(e) if e.is::<LengthLimitError>() => {
                    return Err(BoxError::from(Error::decode(
                        format!("the response body is larger than {max} bytes"),
                        Some(e),
                    )))
                }
                Err(e) => return Err(e),
            };
            Ok(http::Response::from_parts(parts, Body::full(bytes)))
        };
        match self.timeout {
            None => Box::pin(exchange),
            Some(after) => Box::pin(async move {
                tokio::time::timeout(after, exchange)
                    .await
                    .map_err(|_| BoxError::from(Error::Timeout { after }))?
            }),
        }
    }
}
