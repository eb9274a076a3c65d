//! Roblox Open Cloud webhooks: signature verification, typed notifications and a tower
//! service to mount in a server.
//!
//! Roblox POSTs each notification as JSON and signs it in the `roblox-signature` header:
//! `t=<unix seconds>,v1=<base64 HMAC-SHA256(secret, "<t>.<raw body>")>`. A [`Webhook`]
//! checks that header (parts in any order, several `v1` values and several secrets
//! accepted, compared in constant time, the timestamp within 600 s either way by
//! default) and [`Notification::parse`] types the body. A [`Dispatcher`] runs your
//! handler for each event type and maps the result to the HTTP answer Roblox expects;
//! [`WebhookService`] is that as a `tower::Service`.
//!
//! ```no_run
//! use oc_webhook::{Dispatcher, RecentIds, Webhook};
//!
//! # fn demo(client: oc_core::Client) -> Result<(), oc_webhook::InvalidWebhookSecret> {
//! let service = Dispatcher::new(Webhook::new("my-webhook-secret")?)
//!     .deduplicate(RecentIds::default())
//!     .on_right_to_erasure(move |_notification, request| {
//!         let experiences = request.experiences(&client);
//!         async move {
//!             for experience in experiences {
//!                 // remove the keys of `request.user_id` from the experience's data stores
//!                 # let _ = experience;
//!             }
//!             Ok(())
//!         }
//!     })
//!     .into_service();
//! // Mount `service` in hyper (`hyper_util::service::TowerToHyperService`) or axum
//! // (`Router::route_service`).
//! # let _ = service;
//! # Ok(())
//! # }
//! ```
//!
//! | answer | when |
//! |---|---|
//! | 204 | handled, or a duplicate dropped by the [`Deduplicate`] hook, or (by default) an event type without a handler |
//! | 401 | signature missing, malformed, stale, from the future or wrong |
//! | 400 | the body is not a notification |
//! | 409 | another delivery of the same notification is being handled right now (Roblox retries later) |
//! | 500 | the handler failed or ran out of time (Roblox retries) |
//!
//! Roblox waits 5 s for the answer and retries a failed delivery up to 5 times with the
//! same `NotificationId`: keep handlers short (spawn longer work) and deduplicate.

#![forbid(unsafe_code)]

mod dedup;
mod dispatch;
mod notification;
mod secret;
mod service;
mod signature;
mod webhook;

#[doc(hidden)]
pub mod fuzzing;

pub use dedup::{Claim, Deduplicate, RecentIds};
pub use dispatch::{Dispatcher, HandlerError, HandlerFuture, Outcome, DEFAULT_HANDLER_TIMEOUT};
pub use notification::{
    Event, Notification, ParseError, RightToErasureRequest, SampleNotification,
    RIGHT_TO_ERASURE_REQUEST, SAMPLE_NOTIFICATION,
};
pub use secret::{InvalidWebhookSecret, WebhookSecret};
pub use service::{WebhookService, DEFAULT_BODY_LIMIT};
pub use signature::{sign, SignatureError, SignatureHeader, MAX_SIGNATURES, SIGNATURE_HEADER};
pub use webhook::{RejectReason, Webhook, DEFAULT_TOLERANCE};
