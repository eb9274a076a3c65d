//! The core of the Rust client for Roblox Open Cloud.
//!
//! - [`Client`]: base URL, credentials, user agent, timeouts, and a transport that is any
//!   `tower::Service` (by default hyper-util's pooled client over hyper-rustls);
//! - [`Error`]: the one error type of every crate, with [`Error::is_retryable`],
//!   [`Error::retry_after`], [`Error::is_not_found`] and [`Error::may_have_been_applied`];
//! - [`retry`]: the retry layer (on by default), which never repeats a non-idempotent
//!   request the service may have applied;
//! - [`pagination`]: one cursor pager yielding a `futures::Stream`;
//! - [`Experience`], [`User`], [`Group`]: handles the API crates extend;
//! - [`request`] and [`validate`]: building requests with no I/O.
//!
//! Most programs use the facade crate `rblx-open-cloud`, which re-exports this one.

pub mod api_error;
pub mod body;
pub mod client;
pub mod credentials;
mod deadline;
pub mod error;
pub mod handles;
pub mod pagination;
pub mod rate_limit;
pub mod request;
pub mod retry;
pub mod secret;
pub mod transport;
pub mod validate;

pub use body::Body;
pub use client::{Client, ClientBuilder, DEFAULT_BASE_URL, DEFAULT_USER_AGENT};
pub use credentials::Credentials;
pub use error::{ApiError, BoxError, Error, ErrorShape, InvalidInput, Result};
pub use handles::{Experience, Group, User};
pub use pagination::{paginate, Page, PageRequest};
pub use retry::{Idempotency, RetryConfig, RetryLayer};
pub use secret::{AccessToken, ApiKey, SecretString};
