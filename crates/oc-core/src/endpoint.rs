//! The one way to define and call an endpoint.
//!
//! An endpoint is a builder struct holding the caller's inputs. It implements
//! [`Endpoint`]: its request, built with no I/O (path, query, headers, body), its
//! idempotency, and the parse of the success answer into its output. The macro
//! [`endpoint_future!`](crate::endpoint_future) makes the builder awaitable through the one
//! generic future, [`EndpointFuture`]; every call runs through [`Client::execute`].
//!
//! ```
//! use bytes::Bytes;
//! use oc_core::{Body, Client, Endpoint, Error, Experience};
//! use oc_core::request::{self, PathSegment};
//!
//! /// `GET /example/v1/universes/{universeId}/things/{name}`: the thing's size.
//! #[derive(Debug)]
//! #[must_use = "a request does nothing until it is awaited"]
//! pub struct GetThing<'a> {
//!     experience: &'a Experience,
//!     name: String,
//! }
//!
//! impl Endpoint for GetThing<'_> {
//!     type Output = usize;
//!     const AREA: &'static str = "example";
//!     const OPERATION: &'static str = "get_thing";
//!
//!     fn client(&self) -> &Client {
//!         self.experience.client()
//!     }
//!
//!     fn build_request(&self) -> Result<http::Request<Body>, Error> {
//!         oc_core::validate::non_empty("name", &self.name)?;
//!         let path = format!(
//!             "/example/v1/universes/{}/things/{}",
//!             self.experience.universe_id(),
//!             PathSegment(&self.name)
//!         );
//!         request::build(http::Method::GET, &path, Body::empty())
//!     }
//!
//!     fn parse(&self, response: http::Response<Bytes>) -> Result<usize, Error> {
//!         Ok(response.body().len())
//!     }
//! }
//! oc_core::endpoint_future!(GetThing<'a>);
//!
//! # async fn demo(experience: Experience) -> Result<(), Error> {
//! let size = GetThing { experience: &experience, name: "a".into() }.await?;
//! # let _ = size; Ok(()) }
//! ```

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;

use crate::body::Body;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::retry::Idempotency;

/// An Open Cloud endpoint: a request built with no I/O and the parse of its answer.
///
/// Implement it on a request builder, then make the builder awaitable with
/// [`endpoint_future!`](crate::endpoint_future). The same two steps serve offline tests
/// (see [`crate::offline`]).
pub trait Endpoint: Send + Sync {
    /// What a successful call returns.
    type Output;

    /// The API area, as tracing reports it (`"datastores"`, `"assets"`, ...).
    const AREA: &'static str;

    /// The operation, as tracing reports it (`"get_entry"`, `"upload_asset"`, ...).
    const OPERATION: &'static str;

    /// The client the call goes through.
    fn client(&self) -> &Client;

    /// Checks the input and builds the request (path relative to the base URL), with no
    /// I/O. Bad input is an [`Error::InvalidInput`] and nothing is sent.
    fn build_request(&self) -> Result<http::Request<Body>>;

    /// Whether the request may be repeated after a failure the service may have applied.
    /// Creates, increments, publishes and uploads answer
    /// [`Idempotency::NonIdempotent`]; the default is idempotent.
    fn idempotency(&self) -> Idempotency {
        Idempotency::Idempotent
    }

    /// Parses the success answer (status 2xx, whole body in memory).
    fn parse(&self, response: http::Response<Bytes>) -> Result<Self::Output>;

    /// Refines a failure into the area's own error (a precondition failure with the
    /// current value, a moderated name, ...). The default keeps it as it is.
    fn parse_error(&self, error: Error) -> Error {
        error
    }
}

/// The future of every endpoint call: `.await` a request builder to get one.
///
/// It builds the request, sends it through the client's stack (retries, deadline,
/// tracing, the user's layers, the transport) and parses the answer.
#[must_use = "futures do nothing unless you `.await` or poll them"]
pub struct EndpointFuture<'a, T> {
    inner: Pin<Box<dyn Future<Output = Result<T>> + Send + 'a>>,
}

impl<'a, T> EndpointFuture<'a, T> {
    /// The future of a call of `endpoint`.
    pub fn new<E>(endpoint: E) -> Self
    where
        E: Endpoint<Output = T> + 'a,
    {
        EndpointFuture {
            // The endpoint lends its client: no reference count is touched per call.
            inner: Box::pin(async move { endpoint.client().execute(&endpoint).await }),
        }
    }

    /// A future of any other computation returning the client's result (for calls made of
    /// several endpoint calls, such as waiting on an operation).
    pub fn from_future(future: impl Future<Output = Result<T>> + Send + 'a) -> Self {
        EndpointFuture {
            inner: Box::pin(future),
        }
    }
}

impl<T> Future for EndpointFuture<'_, T> {
    type Output = Result<T>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<T>> {
        self.inner.as_mut().poll(cx)
    }
}

impl<T> std::fmt::Debug for EndpointFuture<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EndpointFuture")
    }
}

/// Makes request builders awaitable: implements `IntoFuture` with [`EndpointFuture`] for
/// each type given, which must implement [`Endpoint`].
///
/// Name the borrowed lifetime `'a` (or write none for an owned builder); add type
/// parameters and their bounds in a `where` clause:
///
/// ```ignore
/// oc_core::endpoint_future!(PublishMessage<'a>);
/// oc_core::endpoint_future!(<T> GetEntry<'a, T> where T: serde::de::DeserializeOwned + Send + 'a);
/// oc_core::endpoint_future!(static FetchOperation);
/// ```
///
/// A builder whose call is several requests (a code exchange that then fetches the keys
/// to verify its id_token) is not an [`Endpoint`]: it has a method returning an
/// [`EndpointFuture`], and `call` makes `.await` run that method:
///
/// ```ignore
/// oc_core::endpoint_future!(call ExchangeCode<'a> => send -> TokenSet);
/// ```
///
/// `call static` does the same for a builder that owns its inputs and whose method takes
/// it by value (`oc_core::endpoint_future!(call static UploadInput => send -> Input);`).
#[macro_export]
macro_rules! endpoint_future {
    (call static $ty:ty => $method:ident -> $output:ty) => {
        impl ::std::future::IntoFuture for $ty {
            type Output = $crate::Result<$output>;
            type IntoFuture = $crate::EndpointFuture<'static, $output>;

            fn into_future(self) -> Self::IntoFuture {
                self.$method()
            }
        }
    };
    (call $ty:ty => $method:ident -> $output:ty) => {
        impl<'a> ::std::future::IntoFuture for $ty {
            type Output = $crate::Result<$output>;
            type IntoFuture = $crate::EndpointFuture<'a, $output>;

            fn into_future(self) -> Self::IntoFuture {
                self.$method()
            }
        }
    };
    (static $ty:ty) => {
        impl ::std::future::IntoFuture for $ty {
            type Output = $crate::Result<<$ty as $crate::Endpoint>::Output>;
            type IntoFuture = $crate::EndpointFuture<'static, <$ty as $crate::Endpoint>::Output>;

            fn into_future(self) -> Self::IntoFuture {
                $crate::EndpointFuture::new(self)
            }
        }
    };
    (<$($param:ident),+> $ty:ty $(where $($bound:tt)+)?) => {
        impl<'a, $($param),+> ::std::future::IntoFuture for $ty
        $(where $($bound)+)?
        {
            type Output = $crate::Result<<$ty as $crate::Endpoint>::Output>;
            type IntoFuture = $crate::EndpointFuture<'a, <$ty as $crate::Endpoint>::Output>;

            fn into_future(self) -> Self::IntoFuture {
                $crate::EndpointFuture::new(self)
            }
        }
    };
    ($ty:ty $(where $($bound:tt)+)?) => {
        impl<'a> ::std::future::IntoFuture for $ty
        $(where $($bound)+)?
        {
            type Output = $crate::Result<<$ty as $crate::Endpoint>::Output>;
            type IntoFuture = $crate::EndpointFuture<'a, <$ty as $crate::Endpoint>::Output>;

            fn into_future(self) -> Self::IntoFuture {
                $crate::EndpointFuture::new(self)
            }
        }
    };
}
