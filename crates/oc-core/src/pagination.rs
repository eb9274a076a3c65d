//! One cursor pager for every list endpoint: a `Stream` of items that follows the
//! cursor, honours an item limit across pages, and stops on an empty, missing or
//! repeated cursor.

use std::collections::{HashSet, VecDeque};
use std::future::Future;

use futures::stream::{self, Stream};

use crate::error::{Error, Result};

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// The page's items.
    pub items: Vec<T>,
    /// The cursor of the next page; `None` or empty at the end.
    pub next_cursor: Option<String>,
}

/// What the pager asks the fetch function for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRequest {
    /// The cursor to send; `None` for the first page.
    pub cursor: Option<String>,
    /// How many more items the caller wants (`None`: all). Use it to ask for smaller
    /// pages near the end of a limit.
    pub remaining: Option<usize>,
}

/// Pages through a list lazily: `fetch` is called with each [`PageRequest`] only when the
/// items before it have been consumed.
///
/// The stream ends after `limit` items (if given), or when a page has no next cursor (or
/// an empty one). A cursor the service already gave ends the stream with
/// [`Error::RepeatedCursor`] instead of looping; so does any error of `fetch`.
///
/// ```
/// use futures::TryStreamExt;
/// use oc_core::pagination::{paginate, Page};
///
/// # async fn demo() -> Result<(), oc_core::Error> {
/// let names: Vec<u32> = paginate(Some(5), |request| async move {
///     let start: u32 = request.cursor.as_deref().unwrap_or("0").parse().unwrap_or(0);
///     Ok(Page { items: (start..start + 3).collect(), next_cursor: Some((start + 3).to_string()) })
/// })
/// .try_collect()
/// .await?;
/// assert_eq!(names, [0, 1, 2, 3, 4]);
/// # Ok(()) }
/// ```
pub fn paginate<'a, T, F, Fut>(limit: Option<usize>, fetch: F) -> impl Stream<Item = Result<T>> + 'a
where
    T: 'a,
    F: FnMut(PageRequest) -> Fut + 'a,
    Fut: Future<Output = Result<Page<T>>> + 'a,
{
    struct Pager<F, T> {
        fetch: F,
        items: VecDeque<T>,
        cursor: Option<String>,
        seen: HashSet<String>,
        remaining: Option<usize>,
        /// Set when no further page may be fetched; an error is yielded after the items.
        end: Option<Option<Error>>,
    }

    let pager = Pager {
        fetch,
        items: VecDeque::new(),
        cursor: None,
        seen: HashSet::new(),
        remaining: limit,
        end: None,
    };
    stream::unfold(pager, |mut pager| async move {
        loop {
            if pager.remaining == Some(0) {
                return None;
            }
            if let Some(item) = pager.items.pop_front() {
                if let Some(remaining) = pager.remaining.as_mut() {
                    *remaining -= 1;
                }
                return Some((Ok(item), pager));
            }
            if let Some(end) = pager.end.as_mut() {
                return end.take().map(|error| (Err(error), pager));
            }
            let request = PageRequest {
                cursor: pager.cursor.clone(),
                remaining: pager.remaining,
            };
            match (pager.fetch)(request).await {
                Err(error) => pager.end = Some(Some(error)),
                Ok(page) => {
                    pager.items.extend(page.items);
                    match page.next_cursor.filter(|cursor| !cursor.is_empty()) {
                        None => pager.end = Some(None),
                        Some(cursor) if !pager.seen.insert(cursor.clone()) => {
                            pager.end = Some(Some(Error::RepeatedCursor { cursor }));
                        }
                        Some(cursor) => pager.cursor = Some(cursor),
                    }
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::{StreamExt, TryStreamExt};
    use std::cell::Cell;

    fn numbers(
        calls: &Cell<usize>,
        last: u32,
        page: u32,
    ) -> impl FnMut(PageRequest) -> std::future::Ready<Result<Page<u32>>> + '_ {
        move |request| {
            calls.set(calls.get() + 1);
            let start: u32 = request
                .cursor
                .as_deref()
                .map_or(Ok(0), str::parse)
                .unwrap_or(0);
            let end = (start + page).min(last);
            std::future::ready(Ok(Page {
                items: (start..end).collect(),
                next_cursor: (end < last).then(|| end.to_string()),
            }))
        }
    }

    #[tokio::test]
    async fn follows_cursors_to_the_end() -> Result<()> {
        let calls = Cell::new(0);
        let all: Vec<u32> = paginate(None, numbers(&calls, 10, 3)).try_collect().await?;
        assert_eq!(all, (0..10).collect::<Vec<_>>());
        assert_eq!(calls.get(), 4);
        Ok(())
    }

    #[tokio::test]
    async fn the_limit_spans_pages_and_fetches_no_more_than_needed() -> Result<()> {
        let calls = Cell::new(0);
        let some: Vec<u32> = paginate(Some(4), numbers(&calls, 100, 3))
            .try_collect()
            .await?;
        assert_eq!(some, [0, 1, 2, 3]);
        assert_eq!(calls.get(), 2);
        let none: Vec<u32> = paginate(Some(0), numbers(&calls, 100, 3))
            .try_collect()
            .await?;
        assert!(none.is_empty());
        Ok(())
    }

    #[tokio::test]
    async fn an_empty_cursor_ends_the_list() -> Result<()> {
        let items: Vec<u8> = paginate(None, |_| async {
            Ok(Page {
                items: vec![1, 2],
                next_cursor: Some(String::new()),
            })
        })
        .try_collect()
        .await?;
        assert_eq!(items, [1, 2]);
        Ok(())
    }

    #[tokio::test]
    async fn a_repeated_cursor_is_an_error_not_a_loop() {
        let calls = Cell::new(0);
        let results: Vec<Result<u8>> = paginate(None, |_| {
            calls.set(calls.get() + 1);
            async {
                Ok(Page {
                    items: vec![7],
                    next_cursor: Some("same".to_owned()),
                })
            }
        })
        .collect()
        .await;
        assert_eq!(calls.get(), 2);
        assert!(
            matches!(results[..], [Ok(7), Ok(7), Err(Error::RepeatedCursor { ref cursor })] if cursor == "same")
        );
    }

    #[tokio::test]
    async fn a_fetch_error_ends_the_stream() {
        let results: Vec<Result<u8>> =
            paginate(None, |_| async { Err(Error::decode("bad page", None)) })
                .collect()
                .await;
        assert!(matches!(results[..], [Err(Error::Decode { .. })]));
    }
}
