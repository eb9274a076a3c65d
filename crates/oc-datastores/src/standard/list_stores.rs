//! List the standard data stores of an experience:
//! `GET /datastores/v1/universes/{universeId}/standard-datastores?prefix=&limit=&cursor=`,
//! answering `datastores` and `nextPageCursor`
//! (<https://create.roblox.com/docs/cloud/reference/DataStore>).

use bytes::Bytes;
use http::Method;
use oc_core::request::Query;
use oc_core::{Body, Client, Endpoint, Error, Experience, Page, PagedEndpoint, Paging};
use serde::Deserialize;

use super::{build, DataStoreInfo, MAX_PAGE};

/// The list of an experience's data stores: a `Stream` of [`DataStoreInfo`]. Nothing is
/// requested before the first poll.
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until it is polled"]
pub struct ListDataStores {
    experience: Experience,
    prefix: Option<String>,
    paging: Paging<DataStoreInfo>,
}

impl ListDataStores {
    pub(crate) fn of(experience: Experience) -> Self {
        ListDataStores {
            experience,
            prefix: None,
            paging: Paging::new(MAX_PAGE),
        }
    }

    /// Only stores whose name starts with `prefix`.
    pub fn prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = Some(prefix.into());
        self
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WirePage {
    // The documentation's example and the service answer `datastores` (not `data`).
    #[serde(default)]
    datastores: Vec<DataStoreInfo>,
    #[serde(default)]
    next_page_cursor: Option<String>,
}

impl Endpoint for ListDataStores {
    type Output = Page<DataStoreInfo>;
    const AREA: &'static str = crate::failures::AREA;
    const OPERATION: &'static str = "list_data_stores";

    fn client(&self) -> &Client {
        self.experience.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        // The service's default page is a single store: the pager always sends `limit`,
        // so pages are full instead of one item each.
        let query =
            Query::new().pair_opt("prefix", self.prefix.as_deref().filter(|p| !p.is_empty()));
        build(
            &self.experience,
            Method::GET,
            "",
            &self.paging.query_v1(query),
            Body::empty(),
        )
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Page<DataStoreInfo>, Error> {
        let wire: WirePage = oc_core::response::json(&response)?;
        Ok(Page {
            items: wire.datastores,
            next_cursor: wire.next_page_cursor,
        })
    }
}

impl PagedEndpoint for ListDataStores {
    type Item = DataStoreInfo;

    fn paging(&self) -> &Paging<DataStoreInfo> {
        &self.paging
    }

    fn paging_mut(&mut self) -> &mut Paging<DataStoreInfo> {
        &mut self.paging
    }
}

oc_core::list_stream!(ListDataStores);
