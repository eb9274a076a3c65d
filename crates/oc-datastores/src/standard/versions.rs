//! List the versions of an entry: `GET …/datastore/entries/entry/versions` with
//! `startTime`, `endTime`, `sortOrder`, `limit` and `cursor` (wire spec 2.1, 2.5).

use std::time::SystemTime;

use futures::StreamExt;
use http::Method;
use oc_core::pagination::{paginate, Page};
use oc_core::Body;
use serde::Deserialize;

use super::info::{format_time, WireVersion};
use super::{build, entry_query, EntryVersion, MAX_PAGE};
use crate::handles::DataStore;
use crate::listing::{page_size, ItemStream, Listing, Paged};

/// The versions of an entry: a `Stream` of [`EntryVersion`], newest first unless
/// [`ListVersions::ascending`] is chosen.
pub type ListVersions = Listing<VersionsOptions>;

/// The options of [`ListVersions`].
#[derive(Debug, Clone)]
pub struct VersionsOptions {
    store: DataStore,
    key: String,
    after: Option<SystemTime>,
    before: Option<SystemTime>,
    limit: Option<usize>,
    descending: bool,
}

impl DataStore {
    /// Lists the versions of `key`, newest first.
    pub fn list_versions(&self, key: impl Into<String>) -> ListVersions {
        Listing::new(VersionsOptions {
            store: self.clone(),
            key: key.into(),
            after: None,
            before: None,
            limit: None,
            descending: true,
        })
    }
}

impl ListVersions {
    /// Only versions written at or after `time`.
    pub fn after(self, time: SystemTime) -> Self {
        self.with(|o| o.after = Some(time))
    }

    /// Only versions written at or before `time`.
    pub fn before(self, time: SystemTime) -> Self {
        self.with(|o| o.before = Some(time))
    }

    /// At most `limit` versions in all (across pages).
    pub fn limit(self, limit: usize) -> Self {
        self.with(|o| o.limit = Some(limit))
    }

    /// Oldest first.
    pub fn ascending(self) -> Self {
        self.with(|o| o.descending = false)
    }

    /// Newest first (the default).
    pub fn descending(self) -> Self {
        self.with(|o| o.descending = true)
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WirePage {
    // Wire spec 10.3: a list, though the OpenAPI declares a single version.
    #[serde(default)]
    versions: Vec<WireVersion>,
    #[serde(default)]
    next_page_cursor: Option<String>,
}

impl VersionsOptions {
    /// The request of one page, with no I/O.
    pub fn build_request(
        &self,
        cursor: Option<&str>,
        remaining: Option<usize>,
    ) -> Result<http::Request<Body>, oc_core::Error> {
        let order = if self.descending {
            "Descending"
        } else {
            "Ascending"
        };
        let query = entry_query(&self.store, &self.key)?
            .pair_opt("startTime", self.after.map(format_time).transpose()?)
            .pair_opt("endTime", self.before.map(format_time).transpose()?)
            .pair("sortOrder", order)
            .pair("limit", page_size(remaining, MAX_PAGE).to_string())
            .pair_opt("cursor", cursor);
        build(
            self.store.experience().universe_id(),
            Method::GET,
            "/datastore/entries/entry/versions",
            &query,
            Body::empty(),
        )
    }
}

impl Paged for VersionsOptions {
    type Item = EntryVersion;

    fn into_stream(self) -> ItemStream<EntryVersion> {
        let limit = self.limit;
        paginate(limit, move |page| {
            let options = self.clone();
            async move {
                let request = options.build_request(page.cursor.as_deref(), page.remaining)?;
                let client = options.store.experience().client();
                let wire: WirePage = client.send_json(request).await?;
                let items = wire
                    .versions
                    .into_iter()
                    .map(|v| v.into_version(&options.store, &options.key))
                    .collect::<Result<_, _>>()?;
                Ok(Page {
                    items,
                    next_cursor: wire.next_page_cursor,
                })
            }
        })
        .boxed()
    }
}
