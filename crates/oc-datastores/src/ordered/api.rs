//! [`OrderedApi`]: the handle an ordered builder goes through, and what the two APIs do
//! differently.

use http::Method;
use oc_core::request::{self, PathSegment, Query};
use oc_core::{Body, Error};

/// The handles the ordered builders ([`OrderedGet`](super::OrderedGet),
/// [`ListEntries`](super::ListEntries), ...) go through:
/// [`OrderedDataStore`](crate::OrderedDataStore) for the v1 API and
/// [`OrderedDataStoreV2`](crate::OrderedDataStoreV2) for Cloud v2. The builders are the same
/// types for both; this trait is sealed (only those two handles implement it).
pub trait OrderedApi: sealed::Api {}

impl<S: sealed::Api> OrderedApi for S {}

pub(crate) mod sealed {
    use std::fmt::Debug;

    use oc_core::request::Query;
    use oc_core::{ApiError, Error, Idempotency, InvalidInput, Paging};

    use crate::ordered::OrderedEntry;
    use crate::target::Target;

    /// The operation names tracing reports.
    #[derive(Debug)]
    pub struct Operations {
        pub get: &'static str,
        pub set: &'static str,
        pub increment: &'static str,
        pub remove: &'static str,
        pub list: &'static str,
    }

    /// What differs between the v1 and the v2 API. Unnameable outside the crate, so
    /// [`OrderedApi`](super::OrderedApi) cannot be implemented there.
    pub trait Api: Clone + Debug + Send + Sync + Unpin + 'static {
        /// The path up to the universe id (`{ROOT}/{universeId}/{STORES}/{store}/…`).
        const ROOT: &'static str;
        /// The path segment before the store name.
        const STORES: &'static str;
        /// The operation names.
        const OPERATIONS: Operations;
        /// Whether a remove may be repeated after the service may have applied it.
        const REMOVE: Idempotency;
        /// Whether entry values may come as doubles, read rounded to the nearest integer.
        const ROUNDS_DOUBLES: bool;

        /// The store name and scope choice.
        fn target(&self) -> &Target;

        /// The one scope a list covers, with the name and scope checked.
        fn list_scope(&self) -> Result<&str, InvalidInput>;

        /// The scope and key of `key`, checked with the name and the scope.
        fn locate<'k>(&'k self, key: &'k str) -> Result<(&'k str, &'k str), InvalidInput>;

        /// The query of an update (`update_only`) or an upsert (`PATCH …/entries/{key}`).
        fn patch_query(update_only: bool) -> Query;

        /// The paging and order parameters of a list.
        fn list_query(paging: &Paging<OrderedEntry>, descending: bool) -> Query;

        /// Whether a create failed because the entry exists.
        fn already_exists(api: &ApiError) -> bool;

        /// Refines a failed increment of `by`.
        fn increment_error(by: i64, error: Error) -> Error;
    }
}

/// Builds a request to `…/scopes/{scope}/entries{suffix}?{query}`.
pub(crate) fn build<S: OrderedApi>(
    store: &S,
    scope: &str,
    suffix: &str,
    query: &Query,
    method: Method,
    body: Option<serde_json::Value>,
) -> Result<http::Request<Body>, Error> {
    let target = store.target();
    let path = format!(
        "{}/{}/{}/{}/scopes/{}/entries{suffix}",
        S::ROOT,
        target.experience.universe_id(),
        S::STORES,
        PathSegment(&target.name),
        PathSegment(scope),
    );
    let path = query.with_path(&path);
    match body {
        Some(body) => request::json(method, &path, &body),
        None => request::build(method, &path, Body::empty()),
    }
}

/// Builds a request to `…/entries/{key}{tail}?{query}` for `key`, checked.
pub(crate) fn entry_request<S: OrderedApi>(
    store: &S,
    key: &str,
    tail: &str,
    query: &Query,
    method: Method,
    body: Option<serde_json::Value>,
) -> Result<http::Request<Body>, Error> {
    let (scope, key) = store.locate(key)?;
    build(
        store,
        scope,
        &(entry_suffix(key) + tail),
        query,
        method,
        body,
    )
}

/// `/{key}`, the path of an entry below `…/entries`.
pub(crate) fn entry_suffix(key: &str) -> String {
    format!("/{}", PathSegment(key))
}
