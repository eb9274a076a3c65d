//! [`WebhookService`]: a `tower::Service` answering Roblox's deliveries.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use http::header::{HeaderValue, ALLOW, CONTENT_TYPE};
use http::{Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use oc_core::BoxError;

use crate::dispatch::{Dispatcher, Outcome};
use crate::signature::SIGNATURE_HEADER;

/// The largest body read by default: Roblox's notifications are a few hundred bytes.
pub const DEFAULT_BODY_LIMIT: usize = 64 * 1024;

/// Called with every delivery's outcome (for logs and metrics).
type Observer = Arc<dyn Fn(&Outcome) + Send + Sync>;

/// A `tower::Service<http::Request<B>>` for any body `B`: reads the body (up to a limit),
/// verifies, deduplicates and dispatches it with a [`Dispatcher`], and answers 204 when
/// handled, 401 on a bad signature, 400 on a body that is not a notification, 413 on a
/// body over the limit, 405 on a method other than POST, 409 while another delivery of
/// the same notification is being handled and 500 when the handler failed.
///
/// Mount it in hyper directly (with `hyper_util::service::TowerToHyperService`) or as an
/// axum route:
///
/// ```text
/// let app = axum::Router::new().route_service("/roblox", dispatcher.into_service());
/// ```
///
/// The answer waits for the handler; Roblox gives up after 5 s, so handlers are stopped
/// after the dispatcher's [`handler_timeout`](Dispatcher::handler_timeout). Spawn slow
/// work from the handler instead.
#[derive(Clone)]
pub struct WebhookService {
    dispatcher: Arc<Dispatcher>,
    body_limit: usize,
    observer: Option<Observer>,
}

impl std::fmt::Debug for WebhookService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookService")
            .field("dispatcher", &self.dispatcher)
            .field("body_limit", &self.body_limit)
            .finish_non_exhaustive()
    }
}

impl Dispatcher {
    /// This dispatcher as a [`WebhookService`].
    pub fn into_service(self) -> WebhookService {
        WebhookService::new(self)
    }
}

impl WebhookService {
    /// Serves `dispatcher`, reading bodies of up to [`DEFAULT_BODY_LIMIT`] bytes.
    pub fn new(dispatcher: Dispatcher) -> Self {
        WebhookService {
            dispatcher: Arc::new(dispatcher),
            body_limit: DEFAULT_BODY_LIMIT,
            observer: None,
        }
    }

    /// The largest body accepted (a larger one is answered 413 unread).
    #[must_use]
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// Calls `observer` with the outcome of every POST, before answering.
    #[must_use]
    pub fn observe(mut self, observer: impl Fn(&Outcome) + Send + Sync + 'static) -> Self {
        self.observer = Some(Arc::new(observer));
        self
    }

    /// Handles one request; the same as `Service::call`.
    pub async fn handle<B>(&self, request: Request<B>) -> Response<Full<Bytes>>
    where
        B: http_body::Body,
        B::Error: Into<BoxError>,
    {
        if request.method() != Method::POST {
            let mut response = answer(StatusCode::METHOD_NOT_ALLOWED, "Use POST");
            response
                .headers_mut()
                .insert(ALLOW, HeaderValue::from_static("POST"));
            return response;
        }
        let (parts, body) = request.into_parts();
        let body = match Limited::new(body, self.body_limit).collect().await {
            Ok(collected) => collected.to_bytes(),
            Err(error) if error.is::<LengthLimitError>() => {
                return answer(StatusCode::PAYLOAD_TOO_LARGE, "Body too large")
            }
            Err(_) => return answer(StatusCode::BAD_REQUEST, "Unreadable body"),
        };
        let signature = parts
            .headers
            .get(SIGNATURE_HEADER)
            .map(HeaderValue::as_bytes);
        let outcome = self.dispatcher.process(signature, &body).await;
        if let Some(observer) = &self.observer {
            observer(&outcome);
        }
        let status = self.dispatcher.status(&outcome);
        let text = match &outcome {
            Outcome::Rejected(crate::RejectReason::Signature(_)) => "Invalid signature",
            Outcome::Rejected(_) => "Invalid notification",
            Outcome::Failed { .. } => "Handler failed",
            _ => "",
        };
        answer(status, text)
    }
}

/// A plain-text answer (empty for 204).
fn answer(status: StatusCode, text: &'static str) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(if status == StatusCode::NO_CONTENT {
        Bytes::new()
    } else {
        Bytes::from_static(text.as_bytes())
    }));
    *response.status_mut() = status;
    if status != StatusCode::NO_CONTENT && !text.is_empty() {
        response.headers_mut().insert(
            CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
    }
    response
}

impl<B> tower::Service<Request<B>> for WebhookService
where
    B: http_body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<BoxError>,
{
    type Response = Response<Full<Bytes>>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let service = self.clone();
        Box::pin(async move { Ok(service.handle(request).await) })
    }
}
