//! List the versions of an entry: `GET …/datastore/entries/entry/versions` with
//! `startTime`, `endTime`, `sortOrder`, `limit` and `cursor`, answering `versions` and
//! `nextPageCursor` (<https://create.roblox.com/docs/cloud/reference/DataStore>).

use bytes::Bytes;
use http::Method;
use oc_core::{Body, Client, Endpoint, Error, Page, PagedEndpoint, Paging};
use serde::Deserialize;
use time::OffsetDateTime;

use super::info::{format_time, WireVersion};
use super::{build, entry_query, EntryVersion, MAX_PAGE};
use crate::handles::DataStore;

impl DataStore {
    /// Lists the versions of `key`, newest first.
    pub fn list_versions(&self, key: impl Into<String>) -> ListVersions {
        ListVersions {
            store: self.clone(),
            key: key.into(),
            after: None,
            before: None,
            descending: true,
            paging: Paging::new(MAX_PAGE),
        }
    }
}

/// The versions of an entry: a `Stream` of [`EntryVersion`], newest first unless
/// [`ListVersions::ascending`] is chosen. Nothing is requested before the first poll.
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until it is polled"]
pub struct ListVersions {
    store: DataStore,
    key: String,
    after: Option<OffsetDateTime>,
    before: Option<OffsetDateTime>,
    descending: bool,
    paging: Paging<EntryVersion>,
}

impl ListVersions {
    /// Only versions written at or after `time`.
    pub fn after(mut self, time: OffsetDateTime) -> Self {
        self.after = Some(time);
        self
    }

    /// Only versions written at or before `time`.
    pub fn before(mut self, time: OffsetDateTime) -> Self {
        self.before = Some(time);
        self
    }

    /// Oldest first.
    pub fn ascending(mut self) -> Self {
        self.descending = false;
        self
    }

    /// Newest first (the default).
    pub fn descending(mut self) -> Self {
        self.descending = true;
        self
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WirePage {
    // A list of versions, though the reference's schema shows a single one.
    #[serde(default)]
    versions: Vec<WireVersion>,
    #[serde(default)]
    next_page_cursor: Option<String>,
}

impl Endpoint for ListVersions {
    type Output = Page<EntryVersion>;
    const AREA: &'static str = crate::failures::AREA;
    const OPERATION: &'static str = "list_entry_versions";

    fn client(&self) -> &Client {
        self.store.experience().client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let order = if self.descending {
            "Descending"
        } else {
            "Ascending"
        };
        let query = entry_query(&self.store, &self.key)?
            .pair_opt("startTime", self.after.map(format_time).transpose()?)
            .pair_opt("endTime", self.before.map(format_time).transpose()?)
            .pair("sortOrder", order);
        build(
            self.store.experience(),
            Method::GET,
            "/datastore/entries/entry/versions",
            &self.paging.query_v1(query),
            Body::empty(),
        )
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Page<EntryVersion>, Error> {
        let wire: WirePage = oc_core::response::json(&response)?;
        Ok(Page {
            items: wire
                .versions
                .into_iter()
                .map(|v| v.into_version(&self.store, &self.key))
                .collect(),
            next_cursor: wire.next_page_cursor,
        })
    }
}

impl PagedEndpoint for ListVersions {
    type Item = EntryVersion;

    fn paging(&self) -> &Paging<EntryVersion> {
        &self.paging
    }

    fn paging_mut(&mut self) -> &mut Paging<EntryVersion> {
        &mut self.paging
    }
}

oc_core::list_stream!(ListVersions);
