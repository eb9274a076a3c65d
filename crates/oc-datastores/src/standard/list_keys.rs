//! List the keys of a data store: `GET …/datastore/entries?datastoreName=&scope=` or
//! `&allScopes=true`, with `prefix`, `limit` and `cursor`, answering `keys` and
//! `nextPageCursor` (<https://create.roblox.com/docs/cloud/reference/DataStore>).

use bytes::Bytes;
use http::Method;
use oc_core::request::Query;
use oc_core::{Body, Client, Endpoint, Error, Page, PagedEndpoint, Paging};
use serde::Deserialize;

use super::{build, KeyItem, MAX_PAGE};
use crate::handles::DataStore;

impl DataStore {
    /// Lists the keys of the store's scope, or of every scope on an all-scopes handle.
    pub fn list_keys(&self) -> ListKeys {
        ListKeys {
            store: self.clone(),
            prefix: None,
            paging: Paging::new(MAX_PAGE),
        }
    }
}

/// The keys of a data store: a `Stream` of [`KeyItem`]. Deleted keys the service has not
/// purged yet are listed too. Nothing is requested before the first poll.
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until it is polled"]
pub struct ListKeys {
    store: DataStore,
    prefix: Option<String>,
    paging: Paging<KeyItem>,
}

impl ListKeys {
    /// Only keys starting with `prefix` (on an all-scopes handle, `"scope/key"` starting
    /// with it).
    pub fn prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = Some(prefix.into());
        self
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WirePage {
    #[serde(default)]
    keys: Vec<KeyItem>,
    #[serde(default)]
    next_page_cursor: Option<String>,
}

impl Endpoint for ListKeys {
    type Output = Page<KeyItem>;
    const AREA: &'static str = crate::failures::AREA;
    const OPERATION: &'static str = "list_keys";

    fn client(&self) -> &Client {
        self.store.experience().client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let target = &self.store.target;
        target.check()?;
        let query = Query::new().pair("datastoreName", &target.name);
        let query = match target.scope() {
            Some(scope) => query.pair("scope", scope),
            None => query.pair("allScopes", "true"),
        };
        let query = query.pair_opt("prefix", self.prefix.as_deref().filter(|p| !p.is_empty()));
        build(
            self.store.experience(),
            Method::GET,
            "/datastore/entries",
            &self.paging.query_v1(query),
            Body::empty(),
        )
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Page<KeyItem>, Error> {
        let wire: WirePage = oc_core::response::json(&response)?;
        Ok(Page {
            items: wire.keys,
            next_cursor: wire.next_page_cursor,
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
