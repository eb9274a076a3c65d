//! List the keys of a data store: `GET …/scopes/{scope}/entries` (`scope` `-` for every
//! scope) with `filter=id.startsWith("…")`, `showDeleted`, `maxPageSize` and
//! `pageToken`, answering `dataStoreEntries` (only `path` and `id`) and `nextPageToken`
//! (<https://create.roblox.com/docs/cloud/reference/features/data-stores>).

use bytes::Bytes;
use http::Method;
use oc_core::request::{self, Query};
use oc_core::{Body, Client, Endpoint, Error, Page, PagedEndpoint, Paging};
use serde::Deserialize;

use super::entry::WireEntry;
use crate::handles::DataStoreV2;
use crate::KeyItem;

/// The largest page the service gives.
const MAX_PAGE: usize = 256;

impl DataStoreV2 {
    /// Lists the keys of the store's scope, or of every scope on an all-scopes handle.
    pub fn list_keys(&self) -> ListKeys {
        ListKeys {
            store: self.clone(),
            prefix: None,
            show_deleted: false,
            paging: Paging::new(MAX_PAGE),
        }
    }
}

/// The keys of a data store: a `Stream` of [`KeyItem`]. Nothing is requested before the
/// first poll.
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until it is polled"]
pub struct ListKeys {
    store: DataStoreV2,
    prefix: Option<String>,
    show_deleted: bool,
    paging: Paging<KeyItem>,
}

impl ListKeys {
    /// Only keys starting with `prefix` (`filter=id.startsWith("…")`; on an all-scopes
    /// handle the key, not `"scope/key"`).
    pub fn prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = Some(prefix.into());
        self
    }

    /// List deleted keys too (`showDeleted=true`).
    pub fn show_deleted(mut self) -> Self {
        self.show_deleted = true;
        self
    }
}

/// `id.startsWith("<prefix>")`, the prefix as a JSON string (quotes and backslashes
/// escaped).
pub(crate) fn starts_with(prefix: &str) -> String {
    format!(
        "id.startsWith({})",
        serde_json::to_string(prefix).unwrap_or_default()
    )
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WirePage {
    #[serde(default)]
    data_store_entries: Vec<WireEntry>,
    #[serde(default)]
    next_page_token: Option<String>,
}

/// The scope segment of an entry's `path` (`…/scopes/{scope}/entries/…`), decoded.
fn scope_of_path(path: &str) -> Option<String> {
    let (_, rest) = path.split_once("/scopes/")?;
    let scope = rest.split('/').next()?;
    percent_encoding::percent_decode_str(scope)
        .decode_utf8()
        .ok()
        .map(|s| s.into_owned())
}

impl Endpoint for ListKeys {
    type Output = Page<KeyItem>;
    const AREA: &'static str = crate::failures::AREA;
    const OPERATION: &'static str = "list_keys_v2";

    fn client(&self) -> &Client {
        self.store.experience().client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let path = self.store.list_path()?;
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
            &self.paging.query_v2(query).with_path(&path),
            Body::empty(),
        )
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Page<KeyItem>, Error> {
        let wire: WirePage = oc_core::response::json(&response)?;
        let fixed = self.store.scope().map(str::to_owned);
        let items = wire
            .data_store_entries
            .into_iter()
            .map(|entry| {
                let scope = match &fixed {
                    Some(scope) => scope.clone(),
                    None => scope_of_path(&entry.path).ok_or_else(|| {
                        Error::decode(format!("no scope in the entry path {:?}", entry.path), None)
                    })?,
                };
                Ok(KeyItem {
                    scope,
                    key: entry.id,
                })
            })
            .collect::<Result<_, Error>>()?;
        Ok(Page {
            items,
            next_cursor: wire.next_page_token,
        })
    }
}

impl PagedEndpoint for ListKeys {
    type Item = KeyItem;

    fn paging(&self) -> &Paging<KeyItem> {
        &self.paging
    }

    fn paging_mut(&mut self) -> &mut Paging<KeyItem> {
        &mut self.paging
    }
}

oc_core::list_stream!(ListKeys);
