//! List Group Join Requests, `GET /cloud/v2/groups/{g}/join-requests?maxPageSize=
//! &pageToken=&filter=` (filter `user == 'users/N'`), and
//! `POST /cloud/v2/groups/{g}/join-requests/{user_id}:accept` / `:decline` with `{}`
//! (<https://create.roblox.com/docs/cloud/reference/features/groups>). All need the
//! `acceptRequests` permission in the group.
//!
//! Idempotency: a decision removes the request, so a repeat after one that was applied is
//! answered 404, and an accept repeated after the member left would add them again.
//! Accept and decline are therefore not idempotent: the client repeats them only when the
//! service certainly did not receive them (a 429, or no connection), and any other failure
//! tells whether it [may have been applied](oc_core::Error::may_have_been_applied). After
//! such a failure, read the state (the join requests, or the membership) before deciding
//! again.

use bytes::Bytes;
use http::Method;
use oc_core::request::Query;
use oc_core::v2::{timestamp, PREFIX};
use oc_core::{
    request, Body, Client, Endpoint, Error, Group, Idempotency, Page, PagedEndpoint, Paging,
};
use serde::Deserialize;
use time::OffsetDateTime;

use crate::handles::GroupJoinRequest;
use crate::limits::{self, MAX_JOIN_REQUESTS_PAGE_SIZE};

/// A pending request to join a group.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct JoinRequest {
    /// The group.
    pub group_id: u64,
    /// The user asking to join (also the request's id).
    pub user_id: u64,
    /// When they asked.
    pub create_time: Option<OffsetDateTime>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct WireJoinRequest {
    path: String,
    user: String,
    #[serde(with = "timestamp::option")]
    create_time: Option<OffsetDateTime>,
}

/// The pending join requests of a group, by user id: a `Stream` of [`JoinRequest`].
/// Nothing is requested before the first poll.
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until it is polled"]
pub struct ListJoinRequests {
    group: Group,
    user: Option<u64>,
    paging: Paging<JoinRequest>,
}

impl ListJoinRequests {
    pub(crate) fn new(group: Group) -> Self {
        ListJoinRequests {
            group,
            user: None,
            paging: Paging::new(MAX_JOIN_REQUESTS_PAGE_SIZE),
        }
    }

    /// Only user `user_id`'s request (`user == 'users/N'`).
    pub fn user(mut self, user_id: u64) -> Self {
        self.user = Some(user_id);
        self
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WirePage {
    #[serde(default)]
    group_join_requests: Vec<WireJoinRequest>,
    #[serde(default)]
    next_page_token: Option<String>,
}

impl Endpoint for ListJoinRequests {
    type Output = Page<JoinRequest>;
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "list_group_join_requests";

    fn client(&self) -> &Client {
        self.group.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        limits::id("group_id", self.group.id())?;
        if let Some(user) = self.user {
            limits::id("user", user)?;
        }
        let query = self
            .paging
            .query_v2(Query::new())
            .pair_opt("filter", self.user.map(|u| format!("user == 'users/{u}'")));
        let path = format!("{PREFIX}/groups/{}/join-requests", self.group.id());
        request::build(Method::GET, &query.with_path(&path), Body::empty())
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Page<JoinRequest>, Error> {
        let wire: WirePage = oc_core::response::json(&response)?;
        Ok(Page {
            items: wire
                .group_join_requests
                .into_iter()
                .map(|r| {
                    // The request id is the user id; the `user` field says it too.
                    let user = if r.user.is_empty() { &r.path } else { &r.user };
                    Ok(JoinRequest {
                        group_id: self.group.id(),
                        user_id: oc_core::v2::ids::from_path("user", user)?,
                        create_time: r.create_time,
                    })
                })
                .collect::<Result<_, Error>>()?,
            next_cursor: wire.next_page_token,
        })
    }
}

impl PagedEndpoint for ListJoinRequests {
    type Item = JoinRequest;

    fn paging(&self) -> &Paging<JoinRequest> {
        &self.paging
    }

    fn paging_mut(&mut self) -> &mut Paging<JoinRequest> {
        &mut self.paging
    }
}

oc_core::list_stream!(ListJoinRequests);

/// The request of a decision.
fn decision(request: &GroupJoinRequest, verb: &str) -> Result<http::Request<Body>, Error> {
    limits::id("group_id", request.group.id())?;
    limits::id("user_id", request.user_id)?;
    let path = format!(
        "{PREFIX}/groups/{}/join-requests/{}:{verb}",
        request.group.id(),
        request.user_id
    );
    request::json(Method::POST, &path, &serde_json::json!({}))
}

macro_rules! decision {
    ($(#[$doc:meta])* $name:ident, $verb:literal, $operation:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until it is awaited"]
        pub struct $name {
            request: GroupJoinRequest,
        }

        impl $name {
            pub(crate) fn new(request: GroupJoinRequest) -> Self {
                $name { request }
            }
        }

        impl Endpoint for $name {
            type Output = ();
            const AREA: &'static str = crate::AREA;
            const OPERATION: &'static str = $operation;

            fn client(&self) -> &Client {
                self.request.group.client()
            }

            fn build_request(&self) -> Result<http::Request<Body>, Error> {
                decision(&self.request, $verb)
            }

            fn idempotency(&self) -> Idempotency {
                Idempotency::NonIdempotent
            }

            fn parse(&self, _response: http::Response<Bytes>) -> Result<(), Error> {
                Ok(())
            }
        }

        oc_core::endpoint_future!(static $name);
    };
}

decision!(
    /// Accepts a join request: the user becomes a member with the group's lowest role
    /// above the guest role. `.await` it to send it. Not idempotent (see the module docs):
    /// after a failure that [may have been applied](oc_core::Error::may_have_been_applied),
    /// look for the membership before accepting again.
    AcceptJoinRequest,
    "accept",
    "accept_group_join_request"
);

decision!(
    /// Declines a join request: it is removed. `.await` it to send it. Not idempotent
    /// (see the module docs): after a failure that
    /// [may have been applied](oc_core::Error::may_have_been_applied), list the join
    /// requests before declining again.
    DeclineJoinRequest,
    "decline",
    "decline_group_join_request"
);
