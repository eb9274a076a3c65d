//! The per-attempt deadline: one timeout over the whole exchange (response head and
//! body), with the body read into memory so retry and error mapping can look at it.

use std::task::{Context, Poll};
use std::time::Duration;

use futures::future::BoxFuture;
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
            let (parts, body) = pending.await?.into_parts();
            let bytes = crate::direct::read_limited(&parts, body, max).await?;
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
