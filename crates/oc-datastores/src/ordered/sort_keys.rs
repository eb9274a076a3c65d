//! List ordered entries sorted by value: `GET …/entries?max_page_size=&page_token=
//! &order_by=&filter=` (wire spec 3).

use futures::StreamExt;
use http::Method;
use oc_core::pagination::{paginate, Page};
use oc_core::request::Query;
use oc_core::{Body, InvalidInput};
use serde::Deserialize;

use super::{build, OrderedEntry, WireEntry};
use crate::handles::OrderedDataStore;
use crate::listing::{page_size, ItemStream, Listing, Paged};

/// The largest page the service gives (larger values are coerced to 100).
const MAX_PAGE: usize = 100;

/// The entries of an ordered data store, sorted: a `Stream` of [`OrderedEntry`],
/// highest value first unless [`SortKeys::ascending`] is chosen.
pub type SortKeys = Listing<SortOptions>;

/// The options of [`SortKeys`].
#[derive(Debug, Clone)]
pub struct SortOptions {
    store: OrderedDataStore,
    descending: bool,
    min: Option<i64>,
    max: Option<i64>,
    limit: Option<usize>,
}

impl OrderedDataStore {
    /// Lists the scope's entries sorted by value, highest first. Needs a scope: an
    /// all-scopes handle gets an invalid-input error.
    pub fn sort_keys(&self) -> SortKeys {
        Listing::new(SortOptions {
            store: self.clone(),
            descending: true,
            min: None,
            max: None,
            limit: None,
        })
    }
}

impl SortKeys {
    /// Lowest value first.
    pub fn ascending(self) -> Self {
        self.with(|o| o.descending = false)
    }

    /// Highest value first (the default).
    pub fn descending(self) -> Self {
        self.with(|o| o.descending = true)
    }

    /// Only entries with a value of at least `min` (0 is a bound like any other).
    pub fn min(self, min: i64) -> Self {
        self.with(|o| o.min = Some(min))
    }

    /// Only entries with a value of at most `max`.
    pub fn max(self, max: i64) -> Self {
        self.with(|o| o.max = Some(max))
    }

    /// At most `limit` entries in all (across pages).
    pub fn limit(self, limit: usize) -> Self {
        self.with(|o| o.limit = Some(limit))
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WirePage {
    #[serde(default)]
    entries: Vec<WireEntry>,
    #[serde(default)]
    next_page_token: Option<String>,
}

impl SortOptions {
    /// The `filter` for the bounds: `entry >= min && entry <= max`, either alone, or none.
    fn filter(&self) -> Option<String> {
        match (self.min, self.max) {
            (Some(min), Some(max)) => Some(format!("entry >= {min} && entry <= {max}")),
            (Some(min), None) => Some(format!("entry >= {min}")),
            (None, Some(max)) => Some(format!("entry <= {max}")),
            (None, None) => None,
        }
    }

    /// The request of one page, with no I/O.
    pub fn build_request(
        &self,
        page_token: Option<&str>,
        remaining: Option<usize>,
    ) -> Result<http::Request<Body>, oc_core::Error> {
        let target = &self.store.target;
        target.check()?;
        let scope = target.scope().ok_or_else(|| {
            InvalidInput::new(
                "scope",
                "sorting needs one scope; this handle covers all scopes",
            )
        })?;
        crate::names::check("scope", scope)?;
        if let (Some(min), Some(max)) = (self.min, self.max) {
            if min > max {
                return Err(InvalidInput::new("min", format!("{min} is above max {max}")).into());
            }
        }
        let query = Query::new()
            .pair("max_page_size", page_size(remaining, MAX_PAGE).to_string())
            .pair_opt("page_token", page_token)
            .pair_opt("order_by", self.descending.then_some("desc"))
            .pair_opt("filter", self.filter());
        build(&self.store, scope, "", &query, Method::GET, None)
    }
}

impl Paged for SortOptions {
    type Item = OrderedEntry;

    fn into_stream(self) -> ItemStream<OrderedEntry> {
        let limit = self.limit;
        paginate(limit, move |page| {
            let options = self.clone();
            async move {
                let request = options.build_request(page.cursor.as_deref(), page.remaining)?;
                let client = options.store.experience().client();
                let wire: WirePage = client.send_json(request).await?;
                let scope = options.store.scope().unwrap_or_default().to_owned();
                let items = wire
                    .entries
                    .iter()
                    .map(|e| {
                        Ok(OrderedEntry {
                            key: e.id.clone(),
                            scope: scope.clone(),
                            value: e.value()?,
                        })
                    })
                    .collect::<Result<_, oc_core::Error>>()?;
                Ok(Page {
                    items,
                    next_cursor: wire.next_page_token,
                })
            }
        })
        .boxed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ExperienceDataStoresExt;

    fn options(min: Option<i64>, max: Option<i64>, descending: bool) -> SortOptions {
        let client = oc_core::Client::builder().api_key("k").build();
        let store = client
            .map(|c| c.experience(7).ordered_data_store("board"))
            .unwrap_or_else(|e| panic!("client: {e}"));
        SortOptions {
            store,
            descending,
            min,
            max,
            limit: None,
        }
    }

    #[test]
    fn bounds_combine_and_zero_is_a_bound() -> Result<(), oc_core::Error> {
        assert_eq!(
            options(Some(0), Some(10), true).filter().as_deref(),
            Some("entry >= 0 && entry <= 10")
        );
        assert_eq!(
            options(Some(0), None, true).filter().as_deref(),
            Some("entry >= 0")
        );
        assert_eq!(
            options(None, Some(0), true).filter().as_deref(),
            Some("entry <= 0")
        );
        assert_eq!(options(None, None, true).filter(), None);
        let request = options(Some(1), None, true).build_request(Some("tok"), Some(7))?;
        assert_eq!(
            request.uri().to_string(),
            "/ordered-data-stores/v1/universes/7/orderedDataStores/board/scopes/global/entries\
             ?max_page_size=7&page_token=tok&order_by=desc&filter=entry+%3E%3D+1"
        );
        let ascending = options(None, None, false).build_request(None, None)?;
        assert_eq!(ascending.uri().query(), Some("max_page_size=100"));
        Ok(())
    }
}
