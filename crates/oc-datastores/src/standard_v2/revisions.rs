//! List the revisions of an entry: `GET …/entries/{key}:listRevisions` with
//! `filter=revision_create_time >= … && revision_create_time <= …`, `maxPageSize` and
//! `pageToken`, answering `dataStoreEntries` and `nextPageToken`, newest first
//! (<https://create.roblox.com/docs/cloud/reference/features/data-stores>).

use bytes::Bytes;
use http::Method;
use oc_core::request::{self, Query};
use oc_core::{Body, Client, Endpoint, Error, Page, PagedEndpoint, Paging};
use serde::Deserialize;
use time::OffsetDateTime;

use super::entry::{EntryRevision, WireEntry};
use crate::handles::DataStoreV2;

/// The largest page the service gives.
const MAX_PAGE: usize = 100;

impl DataStoreV2 {
    /// Lists the revisions of `key`, newest first (the only order v2 has).
    pub fn list_versions(&self, key: impl Into<String>) -> ListRevisions {
        ListRevisions {
            store: self.clone(),
            key: key.into(),
            after: None,
            before: None,
            paging: Paging::new(MAX_PAGE),
        }
    }
}

/// The revisions of an entry: a `Stream` of [`EntryRevision`], newest first. Nothing is
/// requested before the first poll.
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until it is polled"]
pub struct ListRevisions {
    store: DataStoreV2,
    key: String,
    after: Option<OffsetDateTime>,
    before: Option<OffsetDateTime>,
    paging: Paging<EntryRevision>,
}

impl ListRevisions {
    /// Only revisions written at or after `time`.
    pub fn after(mut self, time: OffsetDateTime) -> Self {
        self.after = Some(time);
        self
    }

    /// Only revisions written at or before `time`.
    pub fn before(mut self, time: OffsetDateTime) -> Self {
        self.before = Some(time);
        self
    }

    /// The `filter` of the time bounds, if any.
    fn filter(&self) -> Option<String> {
        let bounds: Vec<String> = [(">=", self.after), ("<=", self.before)]
            .into_iter()
            .filter_map(|(op, time)| {
                time.map(|t| {
                    format!(
                        "revision_create_time {op} {}",
                        oc_core::v2::timestamp::format(t)
                    )
                })
            })
            .collect();
        (!bounds.is_empty()).then(|| bounds.join(" && "))
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WirePage {
    #[serde(default)]
    data_store_entries: Vec<WireEntry>,
    #[serde(default)]
    next_page_token: Option<String>,
}

impl Endpoint for ListRevisions {
    type Output = Page<EntryRevision>;
    const AREA: &'static str = crate::failures::AREA;
    const OPERATION: &'static str = "list_entry_revisions";

    fn client(&self) -> &Client {
        self.store.experience().client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let path = self.store.entry_path(&self.key, ":listRevisions")?;
        let query = Query::new().pair_opt("filter", self.filter());
        request::build(
            Method::GET,
            &self.paging.query_v2(query).with_path(&path),
            Body::empty(),
        )
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Page<EntryRevision>, Error> {
        let wire: WirePage = oc_core::response::json(&response)?;
        Ok(Page {
            items: wire
                .data_store_entries
                .into_iter()
                .map(|entry| entry.into_revision(&self.store, &self.key))
                .collect::<Result<_, Error>>()?,
            next_cursor: wire.next_page_token,
        })
    }
}

impl PagedEndpoint for ListRevisions {
    type Item = EntryRevision;

    fn paging(&self) -> &Paging<EntryRevision> {
        &self.paging
    }

    fn paging_mut(&mut self) -> &mut Paging<EntryRevision> {
        &mut self.paging
    }
}

oc_core::list_stream!(ListRevisions);
