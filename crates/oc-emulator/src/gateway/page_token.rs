//! v2 pagination (<https://create.roblox.com/docs/cloud/reference/patterns#pagination>):
//! `maxPageSize` and `pageToken` in, the list and `nextPageToken` out.
//!
//! A size of 0 or less, or none, is the method's default; a size above the method's
//! maximum is coerced to it. Tokens are opaque (base64url of a small JSON document holding
//! the key to continue after) and bound to the request's other query parameters: a token
//! sent with a changed filter is refused with 400 `INVALID_ARGUMENT`, as the pagination
//! reference requires. The token format itself is the emulator's own (clients treat
//! tokens as opaque).

use std::sync::atomic::{AtomicU64, Ordering};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::gateway::query::Query;
use crate::gateway::route::Ctx;
use crate::gateway::v2_codes::V2Error;

/// The query parameters of paging itself, in either spelling; every other parameter is
/// bound into the tokens.
const PAGING_PARAMETERS: &[&str] = &["maxPageSize", "max_page_size", "pageToken", "page_token"];

/// A list method's page sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PageSizes {
    /// The size of a page when `maxPageSize` is absent or not positive.
    pub default: usize,
    /// The largest page; a larger `maxPageSize` is coerced to it.
    pub max: usize,
}

/// What a list request asks for: the page size and where to continue.
#[derive(Debug, Clone)]
pub(crate) struct PageRequest {
    /// Items on this page at most.
    pub size: usize,
    /// The key to continue after, as JSON; `None` from the start.
    after: Option<Value>,
    /// A hash of the other query parameters.
    binding: String,
    /// The token sent, for the `repeat_cursor` fault.
    sent: Option<String>,
    /// The `repeat_cursor` fault: answer the token sent as the next one.
    repeat_token: bool,
    /// The `empty_pages` fault: no items and a fresh token every time.
    empty_pages: bool,
}

/// One page of a sorted list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Page<'a, T> {
    /// The items of the page.
    pub items: &'a [T],
    /// The token of the next page; empty on the last page.
    pub next_page_token: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TokenDocument {
    /// The key to continue after; `null` is the start.
    after: Value,
    /// The hash of the query the token belongs to.
    q: String,
    /// Makes a token unique (the `empty_pages` fault); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    n: Option<u64>,
}

fn invalid(message: &str) -> V2Error {
    V2Error::invalid_argument(message)
}

impl PageRequest {
    /// The request of a route's context, with the list faults it carries.
    pub fn from_ctx(ctx: &Ctx<'_>, sizes: PageSizes) -> Result<Self, V2Error> {
        let mut request = Self::from_query(&ctx.query, sizes)?;
        request.repeat_token = ctx.faults.repeat_cursor;
        request.empty_pages = ctx.faults.empty_pages;
        Ok(request)
    }

    /// The request of a query string: 400 `INVALID_ARGUMENT` for a size that is not a
    /// number, a token that is not one of ours, or a token of another query.
    pub fn from_query(query: &Query, sizes: PageSizes) -> Result<Self, V2Error> {
        let size = match query.int("maxPageSize").and_then(|size| match size {
            None => query.int("max_page_size"),
            some => Ok(some),
        }) {
            Ok(Some(size)) if size > 0 => usize::try_from(size).unwrap_or(usize::MAX),
            Ok(_) => sizes.default,
            Err(_) => return Err(invalid("Invalid maxPageSize.")),
        }
        .min(sizes.max)
        .max(1);
        let binding = binding(query);
        let sent = query
            .non_empty("pageToken")
            .or_else(|| query.non_empty("page_token"))
            .map(str::to_owned);
        let after = match &sent {
            None => None,
            Some(token) => {
                let document = decode(token).ok_or_else(|| invalid("Invalid page token."))?;
                if document.q != binding {
                    return Err(invalid(
                        "The page token does not match the request: every other parameter must be the same as in the request that returned it.",
                    ));
                }
                Some(document.after).filter(|after| !after.is_null())
            }
        };
        Ok(PageRequest {
            size,
            after,
            binding,
            sent,
            repeat_token: false,
            empty_pages: false,
        })
    }

    /// The key to continue after, `None` from the start; 400 when the token holds a key
    /// of another type.
    pub fn after<K: DeserializeOwned>(&self) -> Result<Option<K>, V2Error> {
        self.after
            .clone()
            .map(|after| serde_json::from_value(after).map_err(|_| invalid("Invalid page token.")))
            .transpose()
    }

    /// The token that continues after `key`.
    pub fn token_after<K: Serialize>(&self, key: &K) -> String {
        encode(&TokenDocument {
            after: serde_json::to_value(key).unwrap_or(Value::Null),
            q: self.binding.clone(),
            n: None,
        })
    }

    /// A token that continues where this request did, but that no other answer carried.
    fn fresh_token(&self) -> String {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        encode(&TokenDocument {
            after: self.after.clone().unwrap_or(Value::Null),
            q: self.binding.clone(),
            n: Some(NEXT.fetch_add(1, Ordering::Relaxed)),
        })
    }
}

/// The page `request` asks for of `sorted`, a list sorted ascending by `key` (keys
/// unique): the items after the token's key, at most `request.size` of them, and the
/// token of the next page when items remain.
pub(crate) fn page<'a, T, K>(
    sorted: &'a [T],
    key: impl Fn(&T) -> K,
    request: &PageRequest,
) -> Result<Page<'a, T>, V2Error>
where
    K: Serialize + DeserializeOwned + Ord,
{
    if request.empty_pages {
        return Ok(Page {
            items: &[],
            next_page_token: request.fresh_token(),
        });
    }
    let start = match request.after::<K>()? {
        None => 0,
        Some(after) => sorted.partition_point(|item| key(item) <= after),
    };
    let rest = sorted.get(start..).unwrap_or_default();
    let items = rest.get(..request.size.min(rest.len())).unwrap_or_default();
    let mut next_page_token = match items.last() {
        Some(last) if rest.len() > items.len() => request.token_after(&key(last)),
        _ => String::new(),
    };
    if request.repeat_token {
        if let Some(sent) = &request.sent {
            next_page_token.clone_from(sent);
        }
    }
    Ok(Page {
        items,
        next_page_token,
    })
}

/// A hash of every query parameter but the paging ones, names compared the way the
/// service compares them (any case, `snake_case` or `camelCase`).
fn binding(query: &Query) -> String {
    let mut pairs: Vec<(String, &str)> = query
        .pairs()
        .filter(|(name, _)| {
            !PAGING_PARAMETERS
                .iter()
                .any(|paging| paging.eq_ignore_ascii_case(name))
        })
        .map(|(name, value)| (name.replace('_', "").to_ascii_lowercase(), value))
        .collect();
    pairs.sort();
    let mut hash = Sha256::new();
    for (name, value) in pairs {
        hash.update(name.as_bytes());
        hash.update([0]);
        hash.update(value.as_bytes());
        hash.update([0]);
    }
    hash.finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn encode(document: &TokenDocument) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(document).unwrap_or_default())
}

fn decode(token: &str) -> Option<TokenDocument> {
    let bytes = URL_SAFE_NO_PAD.decode(token.trim()).ok()?;
    serde_json::from_slice(&bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIZES: PageSizes = PageSizes { default: 2, max: 3 };

    fn request(query: &str) -> PageRequest {
        PageRequest::from_query(&Query::parse(Some(query)), SIZES)
            .unwrap_or_else(|error| panic!("refused: {}", error.message))
    }

    #[test]
    fn sizes_default_and_coerce() {
        assert_eq!(request("").size, 2);
        assert_eq!(request("maxPageSize=0").size, 2);
        assert_eq!(request("maxPageSize=-4").size, 2);
        assert_eq!(request("maxPageSize=1").size, 1);
        assert_eq!(request("max_page_size=1").size, 1);
        assert_eq!(request("maxPageSize=1000").size, 3);
        assert!(PageRequest::from_query(&Query::parse(Some("maxPageSize=x")), SIZES).is_err());
    }

    #[test]
    fn pages_walk_a_sorted_list_to_the_end() {
        let items = ["a", "b", "c", "d", "e"];
        let mut seen = Vec::new();
        let mut query = "filter=x&maxPageSize=2".to_owned();
        loop {
            let page = page(&items, |s| (*s).to_owned(), &request(&query)).expect("a page");
            seen.extend_from_slice(page.items);
            if page.next_page_token.is_empty() {
                break;
            }
            query = format!("filter=x&maxPageSize=2&pageToken={}", page.next_page_token);
        }
        assert_eq!(seen, items);
    }

    #[test]
    fn a_token_is_bound_to_the_other_parameters() {
        let items = [1_u64, 2, 3];
        let first = page(&items, |n| *n, &request("filter=x&maxPageSize=1")).expect("a page");
        let token = first.next_page_token;
        // The page size may change; the filter may not.
        assert!(PageRequest::from_query(
            &Query::parse(Some(&format!("FILTER=x&maxPageSize=2&pageToken={token}"))),
            SIZES
        )
        .is_ok());
        let refused = PageRequest::from_query(
            &Query::parse(Some(&format!("filter=y&pageToken={token}"))),
            SIZES,
        )
        .expect_err("a changed filter");
        assert_eq!(
            refused.code,
            crate::gateway::v2_codes::V2Code::InvalidArgument
        );
        assert!(PageRequest::from_query(&Query::parse(Some("pageToken=garbage")), SIZES).is_err());
        let wrong_type = request(&format!("filter=x&pageToken={token}"));
        assert!(page(&["a"], |s| (*s).to_owned(), &wrong_type).is_err());
    }
}
