//! List the standard data stores of an experience:
//! `GET /datastores/v1/universes/{universeId}/standard-datastores?prefix=&limit=&cursor=`.

use futures::StreamExt;
use http::Method;
use oc_core::pagination::{paginate, Page};
use oc_core::request::Query;
use oc_core::{Body, Experience};
use serde::Deserialize;

use super::info::parse_time;
use super::{build, DataStoreInfo, MAX_PAGE};
use crate::listing::{page_size, ItemStream, Listing, Paged};

/// The list of an experience's data stores: a `Stream` of [`DataStoreInfo`].
pub type ListDataStores = Listing<StoresOptions>;

/// The options of [`ListDataStores`].
#[derive(Debug, Clone)]
pub struct StoresOptions {
    experience: Experience,
    prefix: Option<String>,
    limit: Option<usize>,
}

impl ListDataStores {
    pub(crate) fn of(experience: Experience) -> Self {
        Listing::new(StoresOptions {
            experience,
            prefix: None,
            limit: None,
        })
    }

    /// Only stores whose name starts with `prefix`.
    pub fn prefix(self, prefix: impl Into<String>) -> Self {
        let prefix = prefix.into();
        self.with(|o| o.prefix = Some(prefix))
    }

    /// At most `limit` stores in all (across pages).
    pub fn limit(self, limit: usize) -> Self {
        self.with(|o| o.limit = Some(limit))
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WirePage {
    // Wire spec 10.1: the example and every client use `datastores`, not `data`.
    #[serde(default)]
    datastores: Vec<WireStore>,
    #[serde(default)]
    next_page_cursor: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireStore {
    name: String,
    created_time: String,
}

impl StoresOptions {
    /// The request of one page, with no I/O.
    pub fn build_request(
        &self,
        cursor: Option<&str>,
        remaining: Option<usize>,
    ) -> Result<http::Request<Body>, oc_core::Error> {
        // The service's default page is a single store (wire spec 10.7): always ask for
        // a full page instead of following one-item pages.
        let query = Query::new()
            .pair_opt("prefix", self.prefix.as_deref().filter(|p| !p.is_empty()))
            .pair("limit", page_size(remaining, MAX_PAGE).to_string())
            .pair_opt("cursor", cursor);
        build(
            self.experience.universe_id(),
            Method::GET,
            "",
            &query,
            Body::empty(),
        )
    }
}

impl Paged for StoresOptions {
    type Item = DataStoreInfo;

    fn into_stream(self) -> ItemStream<DataStoreInfo> {
        let limit = self.limit;
        paginate(limit, move |page| {
            let options = self.clone();
            async move {
                let request = options.build_request(page.cursor.as_deref(), page.remaining)?;
                let wire: WirePage = options.experience.client().send_json(request).await?;
                let items = wire
                    .datastores
                    .into_iter()
                    .map(|s| {
                        Ok(DataStoreInfo {
                            created: parse_time(&s.created_time)?,
                            name: s.name,
                        })
                    })
                    .collect::<Result<_, oc_core::Error>>()?;
                Ok(Page {
                    items,
                    next_cursor: wire.next_page_cursor,
                })
            }
        })
        .boxed()
    }
}
