//! The core of the Rust client for Roblox Open Cloud.
//!
//! - [`Client`]: base URL, credentials, user agent, timeouts, and a stack of tower layers
//!   over a transport that is any `tower::Service` (by default hyper-util's pooled client
//!   over hyper-rustls); [`ClientBuilder`] adds the caller's own layers;
//! - [`Endpoint`]: the one way an endpoint is written (a request built with no I/O, the
//!   parse of its answer, its idempotency), run by one future, [`EndpointFuture`];
//! - [`Error`]: the one error type of every crate, with [`Error::is_retryable`],
//!   [`Error::retry_after`], [`Error::is_not_found`] and [`Error::may_have_been_applied`];
//! - [`retry`]: the retry layer (on by default), which never repeats a non-idempotent
//!   request the service may have applied;
//! - [`pagination`]: one pager for v1 cursors and v2 page tokens, yielding a
//!   `futures::Stream`, bounded against a service that pages forever;
//! - [`offline`]: the request an endpoint builds and its parse of an answer, without a
//!   socket, for tests;
//! - tracing (feature `tracing`): a span per call and an event per retry;
//! - [`Experience`], [`Place`], [`User`], [`Group`]: handles the API crates extend;
//! - [`request`] and [`validate`]: building requests with no I/O.
//!
//! Most programs use the facade crate `rblx-open-cloud`, which re-exports this one.
//!
//! # Conventions
//!
//! Every API crate follows these; new endpoints too.
//!
//! - **Handles and builders.** A handle ([`Experience`], [`User`], [`Group`], or an area's
//!   own, such as a data store) makes no request. Its methods return request builders
//!   named after the operation (`PublishMessage`, `GetEntry`, `UploadAsset`): optional
//!   inputs are builder methods named after the field (`.description(..)`,
//!   `.match_version(..)`), and `.await` sends the request. Area crates add methods to the
//!   core handles with extension traits named `<Handle><Area>Ext`
//!   (`ExperienceMessagingExt`), all re-exported by the facade's `prelude`.
//! - **Verbs.** `get` reads one resource; `get_as::<T>` reads it typed; `list_*` returns
//!   a builder that is a `Stream` of items (with `.limit(n)`, `.page_size(n)`,
//!   `.cursor(..)`); `create`, `update`, `set`, `remove`/`delete`, `increment` write, and
//!   writes that must not be repeated declare [`Idempotency::NonIdempotent`].
//! - **Endpoints.** One file per endpoint group; each builder implements [`Endpoint`]
//!   (`build_request`, `parse`, optionally `idempotency` and `parse_error`) and is made
//!   awaitable with [`endpoint_future!`]; lists implement
//!   [`pagination::PagedEndpoint`] and use [`list_stream!`]. Unit tests check requests
//!   and parses through [`offline`].
//! - **Errors.** Every call returns [`Error`]. A failure particular to an area is an
//!   [`Error::Area`] holding the area's own typed value, reached with [`Error::detail`].
//! - **Times.** Instants are [`time::OffsetDateTime`] (UTC as the service sends them),
//!   parsed with [`response::timestamp`]; durations are [`std::time::Duration`].
//! - **Secrets.** A secret is a type declared with [`secret_type!`] (or
//!   [`SecretString`]): `Debug` and `Display` print `[redacted]`, and only
//!   `expose_secret()` reads it, where it is sent.
//! - **Names.** No module is named `utils` or `helpers`; a module is named after what it
//!   holds.

pub mod api_error;
mod base_url;
pub mod body;
pub mod builder;
pub mod client;
pub mod credentials;
mod deadline;
mod direct;
pub mod endpoint;
pub mod error;
pub mod handles;
pub mod offline;
pub mod pagination;
pub mod rate_limit;
pub mod request;
pub mod response;
pub mod retry;
pub mod secret;
#[cfg(feature = "tracing")]
mod trace;
pub mod transport;
pub mod v2;
pub mod validate;

pub use body::Body;
pub use builder::{ClientBuilder, StackLayer};
pub use client::{Client, DEFAULT_BASE_URL, DEFAULT_USER_AGENT};
pub use credentials::Credentials;
pub use endpoint::{Endpoint, EndpointFuture};
pub use error::{
    ApiError, AreaError, BoxError, Error, ErrorShape, InvalidInput, PaginationError, Result,
};
pub use handles::{Experience, Group, Place, User};
pub use pagination::{Page, PagedEndpoint, PagerConfig, Paging};
pub use retry::{Idempotency, RetryConfig, RetryLayer};
pub use secret::{AccessToken, ApiKey, SecretString};
pub use time;

/// Re-exports for the macros; not part of the API.
#[doc(hidden)]
pub mod __private {
    pub use futures::Stream;
    pub use serde;
}
