//! Offline checks of endpoints: the request an endpoint builds and what it makes of an
//! answer, with no socket. Every endpoint's unit tests use these two functions, which run
//! the same steps as a real call (idempotency marking, error mapping, the area's parse).
//!
//! ```
//! # use oc_core::{Body, Client, Endpoint, Error};
//! # struct Ping(Client);
//! # impl Endpoint for Ping {
//! #     type Output = String;
//! #     const AREA: &'static str = "example";
//! #     const OPERATION: &'static str = "ping";
//! #     fn client(&self) -> &Client { &self.0 }
//! #     fn build_request(&self) -> Result<http::Request<Body>, Error> {
//! #         oc_core::request::build(http::Method::GET, "/ping", Body::empty())
//! #     }
//! #     fn parse(&self, response: http::Response<bytes::Bytes>) -> Result<String, Error> {
//! #         Ok(String::from_utf8_lossy(response.body()).into_owned())
//! #     }
//! # }
//! # fn main() -> Result<(), Error> {
//! let ping = Ping(Client::builder().build()?);
//! let request = oc_core::offline::request(&ping)?;
//! assert_eq!(request.uri(), "/ping");
//! assert_eq!(oc_core::offline::respond(&ping, 200, &[], "pong")?, "pong");
//! assert!(oc_core::offline::respond(&ping, 404, &[], "").is_err_and(|e| e.is_not_found()));
//! # Ok(()) }
//! ```

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};

use crate::body::Body;
use crate::endpoint::Endpoint;
use crate::error::{ApiError, Error, InvalidInput, Result};
use crate::retry::Idempotency;

/// The request `endpoint` sends (relative to the base URL, before credentials), marked
/// with its idempotency as a call marks it.
pub fn request<E: Endpoint + ?Sized>(endpoint: &E) -> Result<http::Request<Body>> {
    let mut request = endpoint.build_request()?;
    if endpoint.idempotency() == Idempotency::NonIdempotent {
        Idempotency::NonIdempotent.mark(&mut request);
    }
    Ok(request)
}

/// What a call of `endpoint` returns when the service answers `status` with `headers` and
/// `body`.
pub fn respond<E: Endpoint + ?Sized>(
    endpoint: &E,
    status: u16,
    headers: &[(&str, &str)],
    body: impl Into<Bytes>,
) -> Result<E::Output> {
    let status =
        StatusCode::from_u16(status).map_err(|e| InvalidInput::new("status", e.to_string()))?;
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|e| InvalidInput::new("header", e.to_string()))?;
        let value =
            HeaderValue::from_str(value).map_err(|e| InvalidInput::new("header", e.to_string()))?;
        map.append(name, value);
    }
    match answer(status, map, body.into()) {
        Ok(response) => endpoint.parse(response),
        Err(error) => Err(endpoint.parse_error(error)),
    }
}

/// A whole answer: the response on success, else the error its status and body mean.
pub(crate) fn answer(
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
) -> Result<http::Response<Bytes>> {
    if status.is_success() {
        let mut response = http::Response::new(body);
        *response.status_mut() = status;
        *response.headers_mut() = headers;
        Ok(response)
    } else {
        Err(Error::from_api(ApiError::from_parts(status, headers, body)))
    }
}
