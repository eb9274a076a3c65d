//! List sorted-map items: `GET …/memory-store/sorted-maps/{map}/items?maxPageSize=
//! &pageToken=&orderBy=&filter=`, answering `items` and `nextPageToken`
//! (<https://create.roblox.com/docs/cloud/reference/features/memory-store>).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use bytes::Bytes;
use http::{Method, StatusCode};
use oc_core::request::{self, Query};
use oc_core::{Body, Client, Endpoint, Error, InvalidInput, Page, PagedEndpoint, Paging};
use serde::Deserialize;

use crate::handles::SortedMap;
use crate::limits::MAX_PAGE_SIZE;
use crate::resource::{SortedMapItem, WireMapItem};

impl SortedMap {
    /// Lists the items in the map's order (numeric sort keys, then string sort keys,
    /// then none; ties by key), as a `Stream` of [`SortedMapItem`]. Nothing is requested
    /// before the first poll.
    pub fn list(&self) -> ListSortedMapItems {
        ListSortedMapItems {
            map: self.clone(),
            descending: false,
            plain_desc: Arc::new(AtomicBool::new(false)),
            bounds: Vec::new(),
            paging: Paging::new(MAX_PAGE_SIZE),
        }
    }
}

/// A bound on a sort key, for [`ListSortedMapItems::sort_key_after`] and
/// [`ListSortedMapItems::sort_key_before`]: a bound of one type keeps only items whose
/// sort key is of that type.
#[derive(Debug, Clone, PartialEq)]
pub enum SortKeyBound {
    /// A numeric bound.
    Numeric(f64),
    /// A string bound.
    String(String),
}

impl From<f64> for SortKeyBound {
    fn from(number: f64) -> Self {
        SortKeyBound::Numeric(number)
    }
}

impl From<i32> for SortKeyBound {
    fn from(number: i32) -> Self {
        SortKeyBound::Numeric(f64::from(number))
    }
}

impl From<&str> for SortKeyBound {
    fn from(text: &str) -> Self {
        SortKeyBound::String(text.to_owned())
    }
}

impl From<String> for SortKeyBound {
    fn from(text: String) -> Self {
        SortKeyBound::String(text)
    }
}

/// One clause of the filter.
#[derive(Debug, Clone, PartialEq)]
enum Bound {
    Key { greater: bool, key: String },
    SortKey { greater: bool, bound: SortKeyBound },
}

/// A quoted string of the filter grammar; a `"` cannot be written in it.
fn quoted(field: &'static str, text: &str) -> Result<String, InvalidInput> {
    if text.contains('"') || text.contains('\\') {
        return Err(InvalidInput::new(
            field,
            "a filter bound cannot hold a double quote or a backslash",
        ));
    }
    Ok(format!("\"{text}\""))
}

impl Bound {
    fn clause(&self) -> Result<String, InvalidInput> {
        let op = |greater: bool| if greater { ">" } else { "<" };
        Ok(match self {
            Bound::Key { greater, key } => {
                format!("id {} {}", op(*greater), quoted("key_bound", key)?)
            }
            Bound::SortKey { greater, bound } => {
                let value = match bound {
                    SortKeyBound::Numeric(number) => {
                        crate::limits::finite("sort_key_bound", *number)?;
                        number.to_string()
                    }
                    SortKeyBound::String(text) => quoted("sort_key_bound", text)?,
                };
                format!("sortKey {} {value}", op(*greater))
            }
        })
    }
}

/// The items of a sorted map: a `Stream` of [`SortedMapItem`].
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until it is polled"]
pub struct ListSortedMapItems {
    map: SortedMap,
    descending: bool,
    /// Set once the service refused `orderBy=id desc`: the list then sends `desc`.
    plain_desc: Arc<AtomicBool>,
    bounds: Vec<Bound>,
    paging: Paging<SortedMapItem>,
}

impl ListSortedMapItems {
    /// Lists in descending order: sent as `orderBy=id desc`, the reference's form; when
    /// the service refuses it (400) on the first page, the list asks again with `desc`,
    /// the form clients are known to send, and keeps it for the later pages.
    pub fn descending(mut self) -> Self {
        self.descending = true;
        self
    }

    /// Lists in ascending order (the default).
    pub fn ascending(mut self) -> Self {
        self.descending = false;
        self
    }

    /// Only items whose key is after `key` (`id > "key"`).
    pub fn key_after(mut self, key: impl Into<String>) -> Self {
        self.bounds.push(Bound::Key {
            greater: true,
            key: key.into(),
        });
        self
    }

    /// Only items whose key is before `key` (`id < "key"`).
    pub fn key_before(mut self, key: impl Into<String>) -> Self {
        self.bounds.push(Bound::Key {
            greater: false,
            key: key.into(),
        });
        self
    }

    /// Only items whose sort key is of the bound's type and after it (`sortKey > 5`).
    pub fn sort_key_after(mut self, bound: impl Into<SortKeyBound>) -> Self {
        self.bounds.push(Bound::SortKey {
            greater: true,
            bound: bound.into(),
        });
        self
    }

    /// Only items whose sort key is of the bound's type and before it (`sortKey < 5`).
    pub fn sort_key_before(mut self, bound: impl Into<SortKeyBound>) -> Self {
        self.bounds.push(Bound::SortKey {
            greater: false,
            bound: bound.into(),
        });
        self
    }

    /// The `filter` sent: every bound joined with `&&`.
    fn filter(&self) -> Result<Option<String>, InvalidInput> {
        if self.bounds.is_empty() {
            return Ok(None);
        }
        let clauses = self
            .bounds
            .iter()
            .map(Bound::clause)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Some(clauses.join(" && ")))
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WirePage {
    #[serde(default)]
    items: Vec<WireMapItem>,
    #[serde(default)]
    next_page_token: Option<String>,
}

impl Endpoint for ListSortedMapItems {
    type Output = Page<SortedMapItem>;
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "list_sorted_map_items";

    fn client(&self) -> &Client {
        self.map.experience.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let path = self.map.items_path()?;
        let mut query = Query::with_capacity(128);
        if self.descending {
            let order = if self.plain_desc.load(Ordering::Relaxed) {
                "desc"
            } else {
                "id desc"
            };
            query = query.pair("orderBy", order);
        }
        query = query.pair_opt("filter", self.filter()?);
        let query = self.paging.query_v2(query);
        request::build(Method::GET, &query.with_path(&path), Body::empty())
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Page<SortedMapItem>, Error> {
        let wire: WirePage = oc_core::response::json(&response)?;
        Ok(Page {
            items: wire
                .items
                .into_iter()
                .map(|item| item.into_item(None))
                .collect::<Result<_, Error>>()?,
            next_cursor: wire.next_page_token,
        })
    }
}

impl PagedEndpoint for ListSortedMapItems {
    type Item = SortedMapItem;

    fn paging(&self) -> &Paging<SortedMapItem> {
        &self.paging
    }

    fn paging_mut(&mut self) -> &mut Paging<SortedMapItem> {
        &mut self.paging
    }

    /// One call; a first descending page refused with 400 is asked again with the other
    /// spelling of the order (the reference and the clients disagree on it).
    async fn fetch_page(&self) -> Result<Page<SortedMapItem>, Error> {
        match self.client().execute(self).await {
            Err(error)
                if self.descending
                    && self.paging.cursor().is_none()
                    && error.status() == Some(StatusCode::BAD_REQUEST)
                    && !self.plain_desc.swap(true, Ordering::Relaxed) =>
            {
                self.client().execute(self).await
            }
            other => other,
        }
    }
}

oc_core::list_stream!(ListSortedMapItems);
