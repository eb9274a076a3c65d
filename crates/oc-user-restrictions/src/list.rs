//! List User Restrictions: `GET /cloud/v2/universes/{u}[/places/{p}]/user-restrictions
//! ?maxPageSize=&pageToken=`, answering `userRestrictions` and `nextPageToken`
//! (<https://create.roblox.com/docs/cloud/reference/features/user-restrictions>).

use bytes::Bytes;
use http::Method;
use oc_core::request::{self, Query};
use oc_core::{Body, Client, Endpoint, Error, Page, PagedEndpoint, Paging};
use serde::Deserialize;

use crate::handles::UserRestrictions;
use crate::limits::MAX_PAGE_SIZE;
use crate::resource::{Restriction, Scope, WireRestriction};

impl UserRestrictions {
    /// Lists every user ever restricted at this level (a lifted or expired ban reads
    /// inactive), as a `Stream` of [`Restriction`]. Nothing is requested before the first
    /// poll.
    pub fn list(&self) -> ListUserRestrictions {
        ListUserRestrictions {
            scope: self.scope.clone(),
            paging: Paging::new(MAX_PAGE_SIZE),
        }
    }
}

/// The restrictions of an experience or a place: a `Stream` of [`Restriction`].
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until it is polled"]
pub struct ListUserRestrictions {
    scope: Scope,
    paging: Paging<Restriction>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WirePage {
    #[serde(default)]
    user_restrictions: Vec<WireRestriction>,
    #[serde(default)]
    next_page_token: Option<String>,
}

impl Endpoint for ListUserRestrictions {
    type Output = Page<Restriction>;
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "list_user_restrictions";

    fn client(&self) -> &Client {
        self.scope.experience.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        self.scope.validate()?;
        let query = self.paging.query_v2(Query::new());
        request::build(
            Method::GET,
            &query.with_path(&self.scope.collection_path()),
            Body::empty(),
        )
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Page<Restriction>, Error> {
        let wire: WirePage = oc_core::response::json(&response)?;
        Ok(Page {
            items: wire
                .user_restrictions
                .into_iter()
                .map(|r| r.into_restriction(&self.scope, None))
                .collect::<Result<_, Error>>()?,
            next_cursor: wire.next_page_token,
        })
    }
}

impl PagedEndpoint for ListUserRestrictions {
    type Item = Restriction;

    fn paging(&self) -> &Paging<Restriction> {
        &self.paging
    }

    fn paging_mut(&mut self) -> &mut Paging<Restriction> {
        &mut self.paging
    }
}

oc_core::list_stream!(ListUserRestrictions);
