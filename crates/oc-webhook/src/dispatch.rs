//! [`Dispatcher`]: verify, parse, deduplicate and hand each notification to its handler;
//! the result is an HTTP status for Roblox.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use http::StatusCode;
use oc_core::BoxError;

use crate::dedup::{Claim, Deduplicate};
use crate::notification::{Event, Notification, RightToErasureRequest, SampleNotification};
use crate::webhook::{RejectReason, Webhook};

/// How long a handler may run by default before the delivery is answered 500: Roblox
/// waits 5 s for an answer, and this leaves room for the network.
pub const DEFAULT_HANDLER_TIMEOUT: Duration = Duration::from_secs(4);

/// What a handler returns.
pub type HandlerFuture = Pin<Box<dyn Future<Output = Result<(), BoxError>> + Send>>;

type Handler<T> = Arc<dyn Fn(Notification, T) -> HandlerFuture + Send + Sync>;
type ErrorHandler = Arc<dyn Fn(&Notification, &HandlerError) + Send + Sync>;

/// Why a handler did not handle a notification.
#[derive(Debug)]
#[non_exhaustive]
pub enum HandlerError {
    /// The handler returned an error.
    Failed(BoxError),
    /// The handler ran longer than the dispatcher's timeout and was stopped.
    TimedOut(Duration),
}

impl fmt::Display for HandlerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HandlerError::Failed(e) => write!(f, "handler failed: {e}"),
            HandlerError::TimedOut(after) => {
                write!(f, "handler stopped after {} ms", after.as_millis())
            }
        }
    }
}

impl std::error::Error for HandlerError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            HandlerError::Failed(e) => Some(&**e),
            HandlerError::TimedOut(_) => None,
        }
    }
}

/// What became of one delivery.
#[derive(Debug)]
#[non_exhaustive]
pub enum Outcome {
    /// A handler handled it: 204.
    Handled {
        /// The notification.
        notification: Notification,
    },
    /// Its id was handled before, so no handler ran: 204 (Roblox stops retrying).
    Duplicate {
        /// The notification.
        notification: Notification,
    },
    /// Another delivery with its id is being handled: 409, so that Roblox tries again
    /// once that one is over (and gets 204, or a fresh try if it failed).
    InProgress {
        /// The notification.
        notification: Notification,
    },
    /// No handler is registered for its event type: the dispatcher's
    /// [`unhandled_status`](Dispatcher::unhandled_status), 204 by default.
    Unhandled {
        /// The notification.
        notification: Notification,
    },
    /// The handler failed or ran out of time: 500, so that Roblox retries.
    Failed {
        /// The notification.
        notification: Notification,
        /// What went wrong.
        error: HandlerError,
    },
    /// The signature or the body was refused: 401 or 400.
    Rejected(RejectReason),
}

/// The settings and handlers of a webhook endpoint.
///
/// ```
/// use oc_webhook::{Dispatcher, Webhook};
///
/// # fn main() -> Result<(), oc_webhook::InvalidWebhookSecret> {
/// let dispatcher = Dispatcher::new(Webhook::new("secret")?)
///     .on_test(|_notification, test| async move {
///         println!("test notification from user {}", test.user_id);
///         Ok(())
///     })
///     .on_right_to_erasure(|notification, request| async move {
///         println!("{}: erase user {} in {:?}", notification.id, request.user_id, request.universe_ids);
///         Ok(())
///     })
///     .on_error(|notification, error| eprintln!("{}: {error}", notification.id));
/// # let _ = dispatcher;
/// # Ok(())
/// # }
/// ```
///
/// Handlers must finish within Roblox's 5 s: work that takes longer belongs in a task
/// the handler spawns (or a queue it feeds), answering at once.
///
/// An event without a handler is answered [`unhandled_status`](Self::unhandled_status),
/// 204 by default: the reference library raises `UnhandledEventType` instead, which
/// becomes a 500 and makes Roblox retry a delivery no retry can help.
#[derive(Clone)]
pub struct Dispatcher {
    webhook: Webhook,
    on_test: Option<Handler<SampleNotification>>,
    on_erasure: Option<Handler<RightToErasureRequest>>,
    on_other: Option<Handler<serde_json::Value>>,
    on_error: Option<ErrorHandler>,
    dedup: Option<Arc<dyn Deduplicate>>,
    unhandled_status: StatusCode,
    handler_timeout: Option<Duration>,
}

impl fmt::Debug for Dispatcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Dispatcher")
            .field("webhook", &self.webhook)
            .field("on_test", &self.on_test.is_some())
            .field("on_right_to_erasure", &self.on_erasure.is_some())
            .field("on_other", &self.on_other.is_some())
            .field("on_error", &self.on_error.is_some())
            .field("deduplicates", &self.dedup.is_some())
            .field("unhandled_status", &self.unhandled_status)
            .field("handler_timeout", &self.handler_timeout)
            .finish()
    }
}

fn boxed<T, F, Fut>(handler: F) -> Handler<T>
where
    F: Fn(Notification, T) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(), BoxError>> + Send + 'static,
{
    Arc::new(move |notification, payload| Box::pin(handler(notification, payload)))
}

impl Dispatcher {
    /// A dispatcher with no handler yet.
    pub fn new(webhook: Webhook) -> Self {
        Dispatcher {
            webhook,
            on_test: None,
            on_erasure: None,
            on_other: None,
            on_error: None,
            dedup: None,
            unhandled_status: StatusCode::NO_CONTENT,
            handler_timeout: Some(DEFAULT_HANDLER_TIMEOUT),
        }
    }

    /// The webhook settings.
    pub fn webhook(&self) -> &Webhook {
        &self.webhook
    }

    /// Handles `SampleNotification` (the Creator Hub's test button).
    #[must_use]
    pub fn on_test<F, Fut>(mut self, handler: F) -> Self
    where
        F: Fn(Notification, SampleNotification) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), BoxError>> + Send + 'static,
    {
        self.on_test = Some(boxed(handler));
        self
    }

    /// Handles `RightToErasureRequest`.
    #[must_use]
    pub fn on_right_to_erasure<F, Fut>(mut self, handler: F) -> Self
    where
        F: Fn(Notification, RightToErasureRequest) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), BoxError>> + Send + 'static,
    {
        self.on_erasure = Some(boxed(handler));
        self
    }

    /// Handles every event type this version does not model, with its raw payload.
    #[must_use]
    pub fn on_other<F, Fut>(mut self, handler: F) -> Self
    where
        F: Fn(Notification, serde_json::Value) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), BoxError>> + Send + 'static,
    {
        self.on_other = Some(boxed(handler));
        self
    }

    /// Called when a handler fails or runs out of time (the delivery is answered 500).
    #[must_use]
    pub fn on_error<F>(mut self, handler: F) -> Self
    where
        F: Fn(&Notification, &HandlerError) + Send + Sync + 'static,
    {
        self.on_error = Some(Arc::new(handler));
        self
    }

    /// Drops notifications whose id `dedup` has seen (answered 204, no handler runs).
    /// [`RecentIds`](crate::RecentIds) remembers recent ids in memory.
    #[must_use]
    pub fn deduplicate(mut self, dedup: impl Deduplicate + 'static) -> Self {
        self.dedup = Some(Arc::new(dedup));
        self
    }

    /// The answer to an event without a handler (default 204 No Content).
    #[must_use]
    pub fn unhandled_status(mut self, status: StatusCode) -> Self {
        self.unhandled_status = status;
        self
    }

    /// How long a handler may run before it is stopped and the delivery answered 500
    /// (default [`DEFAULT_HANDLER_TIMEOUT`]); `None` lets handlers run as long as they
    /// like. The timeout needs a tokio runtime with its time driver.
    #[must_use]
    pub fn handler_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.handler_timeout = timeout;
        self
    }

    /// The HTTP status for `outcome`.
    pub fn status(&self, outcome: &Outcome) -> StatusCode {
        match outcome {
            Outcome::Handled { .. } | Outcome::Duplicate { .. } => StatusCode::NO_CONTENT,
            Outcome::InProgress { .. } => StatusCode::CONFLICT,
            Outcome::Unhandled { .. } => self.unhandled_status,
            Outcome::Failed { .. } => StatusCode::INTERNAL_SERVER_ERROR,
            Outcome::Rejected(RejectReason::Signature(_)) => StatusCode::UNAUTHORIZED,
            Outcome::Rejected(RejectReason::Body(_)) => StatusCode::BAD_REQUEST,
        }
    }

    /// Verifies and parses a delivery (the `roblox-signature` header value and the raw
    /// body), then runs its handler.
    pub async fn process(&self, signature: Option<&[u8]>, body: &[u8]) -> Outcome {
        let notification = match self.webhook.verify_and_parse(signature, body) {
            Ok(notification) => notification,
            Err(reason) => return Outcome::Rejected(reason),
        };
        let handled = match &notification.event {
            Event::Sample(_) => self.on_test.is_some(),
            Event::RightToErasure(_) => self.on_erasure.is_some(),
            Event::Unknown(_) => self.on_other.is_some(),
        };
        if !handled {
            return Outcome::Unhandled { notification };
        }
        let mut guard = None;
        if let Some(dedup) = &self.dedup {
            match dedup.claim(&notification.id) {
                Claim::First => {
                    guard = Some(ClaimGuard {
                        dedup: dedup.clone(),
                        id: notification.id.clone(),
                        completed: false,
                    })
                }
                Claim::InProgress => return Outcome::InProgress { notification },
                Claim::Done => return Outcome::Duplicate { notification },
            }
        }
        let run = match (
            &notification.event,
            &self.on_test,
            &self.on_erasure,
            &self.on_other,
        ) {
            (Event::Sample(test), Some(h), _, _) => h(notification.clone(), *test),
            (Event::RightToErasure(request), _, Some(h), _) => {
                h(notification.clone(), request.clone())
            }
            (Event::Unknown(payload), _, _, Some(h)) => h(notification.clone(), payload.clone()),
            _ => return Outcome::Unhandled { notification },
        };
        let result = match self.handler_timeout {
            Some(limit) => match tokio::time::timeout(limit, run).await {
                Ok(result) => result.map_err(HandlerError::Failed),
                Err(_) => Err(HandlerError::TimedOut(limit)),
            },
            None => run.await.map_err(HandlerError::Failed),
        };
        match result {
            Ok(()) => {
                if let Some(guard) = guard {
                    guard.complete();
                }
                Outcome::Handled { notification }
            }
            Err(error) => {
                // Dropping the guard releases the id, so that the retry is handled.
                drop(guard);
                if let Some(on_error) = &self.on_error {
                    on_error(&notification, &error);
                }
                Outcome::Failed {
                    notification,
                    error,
                }
            }
        }
    }
}

/// A claimed notification id: released when dropped (a failed handler, or the whole
/// processing cancelled because the connection closed), unless completed.
struct ClaimGuard {
    dedup: Arc<dyn Deduplicate>,
    id: String,
    completed: bool,
}

impl ClaimGuard {
    fn complete(mut self) {
        self.dedup.complete(&self.id);
        self.completed = true;
    }
}

impl Drop for ClaimGuard {
    fn drop(&mut self) {
        if !self.completed {
            self.dedup.release(&self.id);
        }
    }
}
