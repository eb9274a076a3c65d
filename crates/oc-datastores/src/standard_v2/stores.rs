//! The data store methods of v2: list (`GET …/data-stores`, with deleted stores on
//! request), delete (`DELETE …/data-stores/{ds}`), `:undelete`, and `:snapshot`
//! (<https://create.roblox.com/docs/cloud/reference/features/data-stores>).

use bytes::Bytes;
use http::header::{HeaderValue, CONTENT_TYPE};
use http::Method;
use oc_core::request::{self, Query};
use oc_core::v2::timestamp;
use oc_core::{
    Body, Client, Endpoint, Error, Experience, Idempotency, Page, PagedEndpoint, Paging,
};
use serde::Deserialize;
use time::OffsetDateTime;

use super::list_keys::starts_with;
use super::{store_path, stores_path};
use crate::handles::DataStoreV2;

/// The largest page the service gives.
const MAX_PAGE: usize = 100;

oc_core::wire_enum! {
    /// The state of a data store.
    DataStoreState { Active = "ACTIVE", Deleted = "DELETED", }
}

/// A standard data store, as v2 lists it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DataStoreV2Info {
    /// Its name.
    #[serde(rename = "id")]
    pub name: String,
    /// When it was created; listings have been seen without it.
    #[serde(default, rename = "createTime", with = "timestamp::option")]
    pub created: Option<OffsetDateTime>,
    /// Its state; listings have been seen without it.
    #[serde(default)]
    pub state: Option<DataStoreState>,
    /// While deleted: when it is purged for good (it can be undeleted until then).
    #[serde(default, with = "timestamp::option")]
    pub expire_time: Option<OffsetDateTime>,
}

/// The answer of a snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Snapshot {
    /// Whether this call took a snapshot (`false` when one was taken earlier the same UTC
    /// day).
    #[serde(default)]
    pub new_snapshot_taken: bool,
    /// When the latest snapshot was taken.
    #[serde(default, with = "timestamp::option")]
    pub latest_snapshot_time: Option<OffsetDateTime>,
}

/// The data stores of an experience (v2): a `Stream` of [`DataStoreV2Info`]. Nothing is
/// requested before the first poll.
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until it is polled"]
pub struct ListDataStores {
    experience: Experience,
    prefix: Option<String>,
    show_deleted: bool,
    paging: Paging<DataStoreV2Info>,
}

impl ListDataStores {
    pub(crate) fn of(experience: Experience) -> Self {
        ListDataStores {
            experience,
            prefix: None,
            show_deleted: false,
            paging: Paging::new(MAX_PAGE),
        }
    }

    /// Only stores whose name starts with `prefix`.
    pub fn prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = Some(prefix.into());
        self
    }

    /// List deleted stores too, with their `expire_time`.
    pub fn show_deleted(mut self) -> Self {
        self.show_deleted = true;
        self
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WirePage {
    #[serde(default)]
    data_stores: Vec<DataStoreV2Info>,
    #[serde(default)]
    next_page_token: Option<String>,
}

impl Endpoint for ListDataStores {
    type Output = Page<DataStoreV2Info>;
    const AREA: &'static str = crate::failures::AREA;
    const OPERATION: &'static str = "list_data_stores_v2";

    fn client(&self) -> &Client {
        self.experience.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let query = Query::new()
            .pair_opt(
                "filter",
                self.prefix
                    .as_deref()
                    .filter(|p| !p.is_empty())
                    .map(starts_with),
            )
            .pair_opt("showDeleted", self.show_deleted.then_some("true"));
        request::build(
            Method::GET,
            &self
                .paging
                .query_v2(query)
                .with_path(&stores_path(&self.experience)),
            Body::empty(),
        )
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Page<DataStoreV2Info>, Error> {
        let wire: WirePage = oc_core::response::json(&response)?;
        Ok(Page {
            items: wire.data_stores,
            next_cursor: wire.next_page_token,
        })
    }
}

impl PagedEndpoint for ListDataStores {
    type Item = DataStoreV2Info;

    fn paging(&self) -> &Paging<DataStoreV2Info> {
        &self.paging
    }

    fn paging_mut(&mut self) -> &mut Paging<DataStoreV2Info> {
        &mut self.paging
    }
}

oc_core::list_stream!(ListDataStores);

impl DataStoreV2 {
    /// Deletes the whole data store: its entries can no longer be read or written, and
    /// it can be undeleted until its `expire_time` (30 days). Deleting a deleted store
    /// answers it unchanged.
    pub fn delete_store(&self) -> DeleteDataStore<'_> {
        DeleteDataStore { store: self }
    }

    /// Undeletes the data store before its `expire_time`.
    pub fn undelete_store(&self) -> UndeleteDataStore<'_> {
        UndeleteDataStore { store: self }
    }
}

/// A delete of a data store; `.await` it for the store, `DELETED`, with its
/// `expire_time`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct DeleteDataStore<'a> {
    store: &'a DataStoreV2,
}

impl Endpoint for DeleteDataStore<'_> {
    type Output = DataStoreV2Info;
    const AREA: &'static str = crate::failures::AREA;
    const OPERATION: &'static str = "delete_data_store";

    fn client(&self) -> &Client {
        self.store.experience().client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        request::build(Method::DELETE, &store_path(self.store)?, Body::empty())
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<DataStoreV2Info, Error> {
        oc_core::response::json(&response)
    }
}

oc_core::endpoint_future!(DeleteDataStore<'a>);

/// An empty JSON message posted to `path`.
fn post_empty(path: &str) -> Result<http::Request<Body>, Error> {
    let mut request = request::build(Method::POST, path, Body::full(Bytes::from_static(b"{}")))?;
    request
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Ok(request)
}

/// An undelete of a data store; `.await` it for the store, `ACTIVE` again.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct UndeleteDataStore<'a> {
    store: &'a DataStoreV2,
}

impl Endpoint for UndeleteDataStore<'_> {
    type Output = DataStoreV2Info;
    const AREA: &'static str = crate::failures::AREA;
    const OPERATION: &'static str = "undelete_data_store";

    fn client(&self) -> &Client {
        self.store.experience().client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        post_empty(&format!("{}:undelete", store_path(self.store)?))
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<DataStoreV2Info, Error> {
        oc_core::response::json(&response)
    }
}

oc_core::endpoint_future!(UndeleteDataStore<'a>);

/// A snapshot of every data store of an experience (at most one per UTC day); `.await`
/// it for the [`Snapshot`].
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct SnapshotDataStores {
    experience: Experience,
}

impl SnapshotDataStores {
    pub(crate) fn of(experience: Experience) -> Self {
        SnapshotDataStores { experience }
    }
}

impl Endpoint for SnapshotDataStores {
    type Output = Snapshot;
    const AREA: &'static str = crate::failures::AREA;
    const OPERATION: &'static str = "snapshot_data_stores";

    fn client(&self) -> &Client {
        self.experience.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        post_empty(&format!("{}:snapshot", stores_path(&self.experience)))
    }

    /// A repeat of an applied snapshot would answer `new_snapshot_taken: false` and hide
    /// the one taken.
    fn idempotency(&self) -> Idempotency {
        Idempotency::NonIdempotent
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Snapshot, Error> {
        oc_core::response::json(&response)
    }
}

oc_core::endpoint_future!(static SnapshotDataStores);
