//! One pager for every list: v1 cursors (`cursor` / `nextPageCursor`, `limit`) and v2
//! page tokens (`pageToken` / `nextPageToken`, `maxPageSize`).
//!
//! A list endpoint is an [`Endpoint`] whose output is a [`Page`], holding a [`Paging`]
//! (its cursor, item limit and page size) and implementing [`PagedEndpoint`]. The macro
//! [`list_stream!`](crate::list_stream) makes the builder a `Stream` of items: nothing is
//! requested before the first poll, then pages are fetched one at a time as the items
//! before them are consumed.
//!
//! The pager bounds its work against a service that pages forever (see [`PagerConfig`]):
//! - a cursor the service already gave stops the list with
//!   [`PaginationError::RepeatedCursor`]; the cursors remembered for this are bounded;
//! - a run of empty pages (each with a further cursor) stops it with
//!   [`PaginationError::EmptyPages`];
//! - with an item limit of `n`, at most `n + max_empty_pages` requests are sent
//!   ([`PaginationError::TooManyPages`] after that), so `limit` bounds requests as well as
//!   items.

use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::future::Future;
use std::task::{Context, Poll};

use futures::stream::{self, BoxStream, StreamExt};
use sync_wrapper::SyncWrapper;

use crate::endpoint::Endpoint;
use crate::error::{Error, PaginationError, Result};
use crate::request::Query;

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// The page's items.
    pub items: Vec<T>,
    /// The cursor (or page token) of the next page; `None` or empty at the end.
    pub next_cursor: Option<String>,
}

/// The pager's bounds. The defaults: 10 empty pages in a row, 1,024 cursors remembered.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PagerConfig {
    /// How many empty pages in a row (each with a further cursor) end a list with
    /// [`PaginationError::EmptyPages`].
    pub max_empty_pages: u32,
    /// How many of the latest cursors are remembered to detect a repeated one.
    pub max_remembered_cursors: usize,
}

impl Default for PagerConfig {
    fn default() -> Self {
        PagerConfig {
            max_empty_pages: 10,
            max_remembered_cursors: 1024,
        }
    }
}

impl PagerConfig {
    /// Sets [`PagerConfig::max_empty_pages`] (at least 1).
    pub fn with_max_empty_pages(mut self, pages: u32) -> Self {
        self.max_empty_pages = pages.max(1);
        self
    }

    /// Sets [`PagerConfig::max_remembered_cursors`] (at least 1).
    pub fn with_max_remembered_cursors(mut self, cursors: usize) -> Self {
        self.max_remembered_cursors = cursors.max(1);
        self
    }
}

/// The paging state a list builder holds: the cursor of the next request, the caller's
/// item limit, the largest page the service serves, and the running stream once polled.
pub struct Paging<T> {
    cursor: Option<String>,
    limit: Option<usize>,
    remaining: Option<usize>,
    max_page_size: usize,
    page_size: Option<usize>,
    running: Option<SyncWrapper<BoxStream<'static, Result<T>>>>,
}

impl<T> Paging<T> {
    /// Paging of a list whose pages hold at most `max_page_size` items.
    pub fn new(max_page_size: usize) -> Self {
        Paging {
            cursor: None,
            limit: None,
            remaining: None,
            max_page_size: max_page_size.max(1),
            page_size: None,
            running: None,
        }
    }

    /// Sets the item limit (across pages).
    pub fn set_limit(&mut self, limit: usize) {
        self.limit = Some(limit);
        self.remaining = Some(limit);
    }

    /// Sets the page size to ask for (capped at the largest the service serves).
    pub fn set_page_size(&mut self, size: usize) {
        self.page_size = Some(size.clamp(1, self.max_page_size));
    }

    /// Starts from this cursor (or page token) instead of the first page.
    pub fn set_cursor(&mut self, cursor: impl Into<String>) {
        self.cursor = Some(cursor.into()).filter(|c| !c.is_empty());
    }

    /// The cursor (or page token) the next request sends; `None` on the first page.
    pub fn cursor(&self) -> Option<&str> {
        self.cursor.as_deref()
    }

    /// The item limit, if one was set.
    pub fn limit(&self) -> Option<usize> {
        self.limit
    }

    /// The page size to ask for: the page size set (else the largest the service serves),
    /// at most what is left of the limit.
    pub fn page_size(&self) -> usize {
        let size = self.page_size.unwrap_or(self.max_page_size);
        self.remaining.map_or(size, |left| left.clamp(1, size))
    }

    /// Adds the v1 paging parameters: `limit` and `cursor`.
    pub fn query_v1(&self, query: Query) -> Query {
        self.query(query, "limit", "cursor")
    }

    /// Adds the v2 paging parameters: `maxPageSize` and `pageToken`.
    pub fn query_v2(&self, query: Query) -> Query {
        self.query(query, "maxPageSize", "pageToken")
    }

    /// Adds the paging parameters under the names an endpoint uses.
    pub fn query(&self, query: Query, size_name: &str, cursor_name: &str) -> Query {
        query
            .pair(size_name, self.page_size().to_string())
            .pair_opt(cursor_name, self.cursor())
    }
}

// The running stream is not cloned: a clone starts its own listing from the options.
impl<T> Clone for Paging<T> {
    fn clone(&self) -> Self {
        Paging {
            cursor: self.cursor.clone(),
            limit: self.limit,
            remaining: self.remaining,
            max_page_size: self.max_page_size,
            page_size: self.page_size,
            running: None,
        }
    }
}

impl<T> fmt::Debug for Paging<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paging")
            .field("cursor", &self.cursor)
            .field("limit", &self.limit)
            .field("page_size", &self.page_size())
            .field("started", &self.running.is_some())
            .finish()
    }
}

/// A list endpoint: an [`Endpoint`] answering one [`Page`], whose [`Paging`] the pager
/// moves from page to page.
pub trait PagedEndpoint:
    Endpoint<Output = Page<Self::Item>> + Clone + Unpin + Send + Sync + 'static
{
    /// The item of the list.
    type Item: Send + 'static;

    /// The builder's paging state.
    fn paging(&self) -> &Paging<Self::Item>;

    /// The builder's paging state, to change.
    fn paging_mut(&mut self) -> &mut Paging<Self::Item>;

    /// Fetches the page the paging state points at. By default one call of the endpoint
    /// ([`Client::execute`](crate::Client::execute)); a list whose pages arrive as
    /// long-running operations (an instance's children) overrides it to wait on each
    /// page's operation.
    fn fetch_page(&self) -> impl Future<Output = Result<Page<Self::Item>>> + Send + '_ {
        async move { self.client().execute(self).await }
    }
}

/// Makes list builders `Stream`s of their items through the one pager, and gives each a
/// `limit` method. Each type given must implement [`PagedEndpoint`].
///
/// ```ignore
/// oc_core::list_stream!(ListKeys);
/// ```
#[macro_export]
macro_rules! list_stream {
    ($($ty:ty),+ $(,)?) => {$(
        impl $crate::__private::Stream for $ty {
            type Item = $crate::Result<<$ty as $crate::pagination::PagedEndpoint>::Item>;

            fn poll_next(
                self: ::std::pin::Pin<&mut Self>,
                cx: &mut ::std::task::Context<'_>,
            ) -> ::std::task::Poll<Option<Self::Item>> {
                $crate::pagination::poll_list(self.get_mut(), cx)
            }
        }

        impl $ty {
            /// At most `limit` items in all, across pages; it bounds the requests sent as
            /// well (see [`oc_core::pagination`]).
            pub fn limit(mut self, limit: usize) -> Self {
                $crate::pagination::PagedEndpoint::paging_mut(&mut self).set_limit(limit);
                self
            }

            /// The number of items to ask for per page (the service's largest by default).
            pub fn page_size(mut self, size: usize) -> Self {
                $crate::pagination::PagedEndpoint::paging_mut(&mut self).set_page_size(size);
                self
            }

            /// Starts from this cursor (a page's `next_cursor`) instead of the first page.
            pub fn cursor(mut self, cursor: impl Into<String>) -> Self {
                $crate::pagination::PagedEndpoint::paging_mut(&mut self).set_cursor(cursor);
                self
            }
        }
    )+};
}

/// Polls a list builder as a stream: the first poll starts the pager on a copy of the
/// builder. Used by [`list_stream!`](crate::list_stream).
pub fn poll_list<E: PagedEndpoint>(
    endpoint: &mut E,
    cx: &mut Context<'_>,
) -> Poll<Option<Result<E::Item>>> {
    if endpoint.paging().running.is_none() {
        let stream = pages(endpoint.clone());
        endpoint.paging_mut().running = Some(SyncWrapper::new(stream));
    }
    match endpoint.paging_mut().running.as_mut() {
        Some(running) => running.get_mut().poll_next_unpin(cx),
        None => Poll::Ready(None),
    }
}

/// The items of a list endpoint, page after page, as a boxed stream.
pub fn pages<E: PagedEndpoint>(endpoint: E) -> BoxStream<'static, Result<E::Item>> {
    let config = endpoint.client().pager_config().clone();
    let pager = Pager {
        remaining: endpoint.paging().limit,
        budget: endpoint
            .paging()
            .limit
            .map(|limit| limit.saturating_add(config.max_empty_pages as usize)),
        endpoint,
        items: VecDeque::new(),
        seen: Seen::new(config.max_remembered_cursors),
        empty_run: 0,
        requests: 0,
        config,
        end: None,
    };
    stream::unfold(pager, Pager::next).fuse().boxed()
}

/// The cursors seen lately: a set bounded by forgetting the oldest.
struct Seen {
    set: HashSet<String>,
    order: VecDeque<String>,
    max: usize,
}

impl Seen {
    fn new(max: usize) -> Self {
        Seen {
            set: HashSet::new(),
            order: VecDeque::new(),
            max: max.max(1),
        }
    }

    /// `false` when the cursor was seen already.
    fn insert(&mut self, cursor: &str) -> bool {
        if self.set.contains(cursor) {
            return false;
        }
        if self.order.len() >= self.max {
            if let Some(oldest) = self.order.pop_front() {
                self.set.remove(&oldest);
            }
        }
        self.set.insert(cursor.to_owned());
        self.order.push_back(cursor.to_owned());
        true
    }
}

struct Pager<E: PagedEndpoint> {
    endpoint: E,
    items: VecDeque<E::Item>,
    seen: Seen,
    remaining: Option<usize>,
    budget: Option<usize>,
    empty_run: u32,
    requests: usize,
    config: PagerConfig,
    /// Set when no further page may be fetched; an error is yielded after the items.
    end: Option<Option<Error>>,
}

impl<E: PagedEndpoint> Pager<E> {
    async fn next(mut self) -> Option<(Result<E::Item>, Self)> {
        loop {
            if self.remaining == Some(0) {
                return None;
            }
            if let Some(item) = self.items.pop_front() {
                if let Some(remaining) = self.remaining.as_mut() {
                    *remaining -= 1;
                }
                return Some((Ok(item), self));
            }
            if let Some(end) = self.end.as_mut() {
                return end.take().map(|error| (Err(error), self));
            }
            if self.budget.is_some_and(|budget| self.requests >= budget) {
                let requests = u32::try_from(self.requests).unwrap_or(u32::MAX);
                self.end = Some(Some(PaginationError::TooManyPages { requests }.into()));
                continue;
            }
            self.endpoint.paging_mut().remaining = self.remaining;
            self.requests += 1;
            match self.endpoint.fetch_page().await {
                Err(error) => self.end = Some(Some(error)),
                Ok(page) => self.take(page),
            }
        }
    }

    fn take(&mut self, page: Page<E::Item>) {
        if page.items.is_empty() {
            self.empty_run += 1;
        } else {
            self.empty_run = 0;
        }
        self.items.extend(page.items);
        match page.next_cursor.filter(|cursor| !cursor.is_empty()) {
            None => self.end = Some(None),
            Some(cursor) if !self.seen.insert(&cursor) => {
                self.end = Some(Some(PaginationError::RepeatedCursor { cursor }.into()));
            }
            Some(_) if self.empty_run >= self.config.max_empty_pages => {
                let pages = self.empty_run;
                self.end = Some(Some(PaginationError::EmptyPages { pages }.into()));
            }
            Some(cursor) => self.endpoint.paging_mut().cursor = Some(cursor),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_memory_of_cursors_is_bounded_and_forgets_the_oldest() {
        let mut seen = Seen::new(1024);
        for i in 0..10_000 {
            assert!(seen.insert(&format!("cursor-{i}")));
        }
        assert_eq!(seen.set.len(), 1024);
        assert_eq!(seen.order.len(), 1024);
        assert!(!seen.insert("cursor-9999"), "a recent cursor is remembered");
        assert!(seen.insert("cursor-0"), "the oldest was forgotten");
    }

    #[test]
    fn the_page_size_follows_the_limit_and_the_cap() {
        let mut paging = Paging::<u8>::new(100);
        assert_eq!(paging.page_size(), 100);
        paging.set_page_size(500);
        assert_eq!(paging.page_size(), 100);
        paging.set_page_size(25);
        paging.set_limit(7);
        assert_eq!(paging.page_size(), 7);
        assert_eq!(paging.query_v2(Query::new()).to_string(), "maxPageSize=7");
        paging.set_cursor("abc");
        assert_eq!(
            paging.query_v1(Query::new()).to_string(),
            "limit=7&cursor=abc"
        );
    }
}
