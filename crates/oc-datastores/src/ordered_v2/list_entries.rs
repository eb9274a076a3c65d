//! List ordered entries sorted by value through the v2 API: `GET …/entries?maxPageSize=
//! &pageToken=&orderBy=&filter=`, answering `orderedDataStoreEntries` and
//! `nextPageToken` (<https://create.roblox.com/docs/cloud/reference/OrderedDataStoreEntry>).

use bytes::Bytes;
use http::Method;
use oc_core::request::Query;
use oc_core::{Body, Client, Endpoint, Error, InvalidInput, Page, PagedEndpoint, Paging};
use serde::Deserialize;

use super::{build, scope_of, OrderedDataStoreV2, WireEntry};
use crate::ordered::OrderedEntry;

/// The largest page the service gives (larger values are coerced to 100).
const MAX_PAGE: usize = 100;

impl OrderedDataStoreV2 {
    /// Lists the scope's entries sorted by value, highest first (as v1 does). An
    /// all-scopes handle gets an invalid-input error.
    pub fn list_entries(&self) -> ListEntries {
        ListEntries {
            store: self.clone(),
            descending: true,
            min: None,
            max: None,
            paging: Paging::new(MAX_PAGE),
        }
    }
}

/// The entries of an ordered data store, sorted: a `Stream` of [`OrderedEntry`], highest
/// value first unless [`ListEntries::ascending`] is chosen (equal values come in id
/// order). Nothing is requested before the first poll.
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until it is polled"]
pub struct ListEntries {
    store: OrderedDataStoreV2,
    descending: bool,
    min: Option<i64>,
    max: Option<i64>,
    paging: Paging<OrderedEntry>,
}

impl ListEntries {
    /// Lowest value first (`orderBy=value`).
    pub fn ascending(mut self) -> Self {
        self.descending = false;
        self
    }

    /// Highest value first (`orderBy=value desc`; the default).
    pub fn descending(mut self) -> Self {
        self.descending = true;
        self
    }

    /// Only entries with a value of at least `min` (0 is a bound like any other).
    pub fn min(mut self, min: i64) -> Self {
        self.min = Some(min);
        self
    }

    /// Only entries with a value of at most `max`.
    pub fn max(mut self, max: i64) -> Self {
        self.max = Some(max);
        self
    }

    /// The `filter` for the bounds: `entry >= min && entry <= max`, either alone, or none.
    fn filter(&self) -> Option<String> {
        match (self.min, self.max) {
            (Some(min), Some(max)) => Some(format!("entry >= {min} && entry <= {max}")),
            (Some(min), None) => Some(format!("entry >= {min}")),
            (None, Some(max)) => Some(format!("entry <= {max}")),
            (None, None) => None,
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WirePage {
    #[serde(default)]
    ordered_data_store_entries: Vec<WireEntry>,
    #[serde(default)]
    next_page_token: Option<String>,
}

impl Endpoint for ListEntries {
    type Output = Page<OrderedEntry>;
    const AREA: &'static str = crate::failures::AREA;
    const OPERATION: &'static str = "list_ordered_entries_v2";

    fn client(&self) -> &Client {
        self.store.experience().client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let scope = scope_of(&self.store)?;
        if let (Some(min), Some(max)) = (self.min, self.max) {
            if min > max {
                return Err(InvalidInput::new("min", format!("{min} is above max {max}")).into());
            }
        }
        let order_by = if self.descending {
            "value desc"
        } else {
            "value"
        };
        let query = self
            .paging
            .query_v2(Query::new())
            .pair("orderBy", order_by)
            .pair_opt("filter", self.filter());
        build(&self.store, scope, "", &query, Method::GET, None)
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Page<OrderedEntry>, Error> {
        let wire: WirePage = oc_core::response::json(&response)?;
        let scope = self.store.scope().unwrap_or_default();
        Ok(Page {
            items: wire
                .ordered_data_store_entries
                .into_iter()
                .map(|e| e.into_entry(scope))
                .collect::<Result<_, Error>>()?,
            next_cursor: wire.next_page_token.filter(|t| !t.is_empty()),
        })
    }
}

impl PagedEndpoint for ListEntries {
    type Item = OrderedEntry;

    fn paging(&self) -> &Paging<OrderedEntry> {
        &self.paging
    }

    fn paging_mut(&mut self) -> &mut Paging<OrderedEntry> {
        &mut self.paging
    }
}

oc_core::list_stream!(ListEntries);
