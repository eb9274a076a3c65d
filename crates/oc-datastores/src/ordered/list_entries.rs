//! List ordered entries sorted by value, through either API: v1 `GET …/entries?
//! max_page_size=&page_token=&order_by=&filter=` answering `entries`, v2 `GET …/entries?
//! maxPageSize=&pageToken=&orderBy=&filter=` answering `orderedDataStoreEntries`; both
//! answer `nextPageToken` (<https://create.roblox.com/docs/cloud/reference/OrderedDataStore>,
//! <https://create.roblox.com/docs/cloud/reference/OrderedDataStoreEntry>).

use bytes::Bytes;
use http::Method;
use oc_core::{Body, Client, Endpoint, Error, InvalidInput, Page, PagedEndpoint, Paging};
use serde::Deserialize;

use super::api::{build, OrderedApi};
use super::wire::WireEntry;
use super::OrderedEntry;
use crate::handles::OrderedDataStore;
use crate::ordered_v2::OrderedDataStoreV2;

/// The largest page the service gives (larger values are coerced to 100).
const MAX_PAGE: usize = 100;

/// The entries of an ordered data store, sorted: a `Stream` of [`OrderedEntry`], highest
/// value first unless [`ListEntries::ascending`] is chosen (through v2, equal values come
/// in id order). Nothing is requested before the first poll.
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until it is polled"]
pub struct ListEntries<S = OrderedDataStore> {
    store: S,
    descending: bool,
    min: Option<i64>,
    max: Option<i64>,
    paging: Paging<OrderedEntry>,
}

impl<S: OrderedApi> ListEntries<S> {
    pub(crate) fn new(store: S) -> Self {
        ListEntries {
            store,
            descending: true,
            min: None,
            max: None,
            paging: Paging::new(MAX_PAGE),
        }
    }

    /// Lowest value first (v2 `orderBy=value`).
    pub fn ascending(mut self) -> Self {
        self.descending = false;
        self
    }

    /// Highest value first (v2 `orderBy=value desc`; the default).
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

/// A page of either API: v1 names its entries `entries`, v2 `orderedDataStoreEntries`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WirePage {
    #[serde(default)]
    entries: Vec<WireEntry>,
    #[serde(default)]
    ordered_data_store_entries: Vec<WireEntry>,
    #[serde(default)]
    next_page_token: Option<String>,
}

impl<S: OrderedApi> Endpoint for ListEntries<S> {
    type Output = Page<OrderedEntry>;
    const AREA: &'static str = crate::failures::AREA;
    const OPERATION: &'static str = S::OPERATIONS.list;

    fn client(&self) -> &Client {
        self.store.target().experience.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let scope = self.store.list_scope()?;
        if let (Some(min), Some(max)) = (self.min, self.max) {
            if min > max {
                return Err(InvalidInput::new("min", format!("{min} is above max {max}")).into());
            }
        }
        let query = S::list_query(&self.paging, self.descending).pair_opt("filter", self.filter());
        build(&self.store, scope, "", &query, Method::GET, None)
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Page<OrderedEntry>, Error> {
        let wire: WirePage = oc_core::response::json(&response)?;
        let scope = self.store.target().scope().unwrap_or_default();
        Ok(Page {
            items: wire
                .entries
                .into_iter()
                .chain(wire.ordered_data_store_entries)
                .map(|e| e.into_entry(scope, S::ROUNDS_DOUBLES))
                .collect::<Result<_, Error>>()?,
            next_cursor: wire.next_page_token.filter(|t| !t.is_empty()),
        })
    }
}

impl<S: OrderedApi> PagedEndpoint for ListEntries<S> {
    type Item = OrderedEntry;

    fn paging(&self) -> &Paging<OrderedEntry> {
        &self.paging
    }

    fn paging_mut(&mut self) -> &mut Paging<OrderedEntry> {
        &mut self.paging
    }
}

oc_core::list_stream!(
    ListEntries<OrderedDataStore>,
    ListEntries<OrderedDataStoreV2>
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ExperienceDataStoresExt;
    use oc_core::offline;

    fn list_entries() -> Result<ListEntries, Error> {
        let client = oc_core::Client::builder().api_key("k").build()?;
        Ok(client
            .experience(7)
            .ordered_data_store("board")
            .list_entries())
    }

    #[test]
    fn bounds_combine_and_zero_is_a_bound() -> Result<(), Error> {
        let filter = |list: ListEntries| list.filter();
        assert_eq!(
            filter(list_entries()?.min(0).max(10)).as_deref(),
            Some("entry >= 0 && entry <= 10")
        );
        assert_eq!(
            filter(list_entries()?.min(0)).as_deref(),
            Some("entry >= 0")
        );
        assert_eq!(
            filter(list_entries()?.max(0)).as_deref(),
            Some("entry <= 0")
        );
        assert_eq!(filter(list_entries()?), None);
        let request = offline::request(&list_entries()?.min(1).cursor("tok").limit(7))?;
        assert_eq!(
            request.uri().to_string(),
            "/ordered-data-stores/v1/universes/7/orderedDataStores/board/scopes/global/entries\
             ?max_page_size=7&page_token=tok&order_by=desc&filter=entry+%3E%3D+1"
        );
        let ascending = offline::request(&list_entries()?.ascending())?;
        assert_eq!(ascending.uri().query(), Some("max_page_size=100"));
        Ok(())
    }
}
