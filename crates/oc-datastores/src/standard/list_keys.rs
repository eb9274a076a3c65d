//! List the keys of a data store: `GET …/datastore/entries?datastoreName=&scope=` or
//! `&allScopes=true`, with `prefix`, `limit` and `cursor` (wire spec 2.1, 2.5).

use futures::StreamExt;
use http::Method;
use oc_core::pagination::{paginate, Page};
use oc_core::request::Query;
use oc_core::Body;
use serde::Deserialize;

use super::{build, KeyItem, MAX_PAGE};
use crate::handles::DataStore;
use crate::listing::{page_size, ItemStream, Listing, Paged};

/// The keys of a data store: a `Stream` of [`KeyItem`]. Deleted keys the service has not
/// purged yet are listed too.
pub type ListKeys = Listing<KeysOptions>;

/// The options of [`ListKeys`].
#[derive(Debug, Clone)]
pub struct KeysOptions {
    store: DataStore,
    prefix: Option<String>,
    limit: Option<usize>,
}

impl DataStore {
    /// Lists the keys of the store's scope, or of every scope on an all-scopes handle.
    pub fn list_keys(&self) -> ListKeys {
        Listing::new(KeysOptions {
            store: self.clone(),
            prefix: None,
            limit: None,
        })
    }
}

impl ListKeys {
    /// Only keys starting with `prefix` (on an all-scopes handle, `"scope/key"` starting
    /// with it).
    pub fn prefix(self, prefix: impl Into<String>) -> Self {
        let prefix = prefix.into();
        self.with(|o| o.prefix = Some(prefix))
    }

    /// At most `limit` keys in all (across pages).
    pub fn limit(self, limit: usize) -> Self {
        self.with(|o| o.limit = Some(limit))
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

impl KeysOptions {
    /// The request of one page, with no I/O.
    pub fn build_request(
        &self,
        cursor: Option<&str>,
        remaining: Option<usize>,
    ) -> Result<http::Request<Body>, oc_core::Error> {
        let target = &self.store.target;
        target.check()?;
        let mut query = Query::new().pair("datastoreName", &target.name);
        query = match target.scope() {
            Some(scope) => query.pair("scope", scope),
            None => query.pair("allScopes", "true"),
        };
        let query = query
            .pair_opt("prefix", self.prefix.as_deref().filter(|p| !p.is_empty()))
            .pair("limit", page_size(remaining, MAX_PAGE).to_string())
            .pair_opt("cursor", cursor);
        build(
            self.store.experience().universe_id(),
            Method::GET,
            "/datastore/entries",
            &query,
            Body::empty(),
        )
    }
}

impl Paged for KeysOptions {
    type Item = KeyItem;

    fn into_stream(self) -> ItemStream<KeyItem> {
        let limit = self.limit;
        paginate(limit, move |page| {
            let options = self.clone();
            async move {
                let request = options.build_request(page.cursor.as_deref(), page.remaining)?;
                let client = options.store.experience().client();
                let wire: WirePage = client.send_json(request).await?;
                Ok(Page {
                    items: wire.keys,
                    next_cursor: wire.next_page_cursor,
                })
            }
        })
        .boxed()
    }
}
