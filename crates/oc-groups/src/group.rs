//! Get Group, `GET /cloud/v2/groups/{group_id}`, and the deprecated Get Group Shout,
//! `GET /cloud/v2/groups/{group_id}/shout`
//! (<https://create.roblox.com/docs/cloud/reference/features/groups>).

use bytes::Bytes;
use http::Method;
use oc_core::v2::{timestamp, PREFIX};
use oc_core::{request, Body, Client, Endpoint, Error, Group};
use serde::Deserialize;
use time::OffsetDateTime;

use crate::limits;
use crate::wire::optional_user;

/// A group, as Get Group answers it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct GroupInfo {
    /// The group id.
    pub id: u64,
    /// Its name.
    pub display_name: String,
    /// Its description.
    pub description: String,
    /// The owner's user id; `None` for an abandoned group.
    pub owner_id: Option<u64>,
    /// How many members it has.
    pub member_count: u64,
    /// Whether anyone may join without a request.
    pub public_entry_allowed: bool,
    /// Whether Roblox moderation locked it.
    pub locked: bool,
    /// Whether it has the verified badge.
    pub verified: bool,
    /// When it was created.
    pub create_time: Option<OffsetDateTime>,
    /// When it last changed.
    pub update_time: Option<OffsetDateTime>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct WireGroup {
    id: Option<String>,
    path: Option<String>,
    display_name: String,
    description: String,
    owner: Option<String>,
    #[serde(with = "oc_core::v2::ids::int64")]
    member_count: u64,
    public_entry_allowed: bool,
    locked: bool,
    verified: bool,
    #[serde(with = "timestamp::option")]
    create_time: Option<OffsetDateTime>,
    #[serde(with = "timestamp::option")]
    update_time: Option<OffsetDateTime>,
}

/// A read of a group; `.await` it to send it.
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetGroup {
    group: Group,
}

impl GetGroup {
    pub(crate) fn new(group: Group) -> Self {
        GetGroup { group }
    }
}

impl Endpoint for GetGroup {
    type Output = GroupInfo;
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "get_group";

    fn client(&self) -> &Client {
        self.group.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        limits::id("group_id", self.group.id())?;
        let path = format!("{PREFIX}/groups/{}", self.group.id());
        request::build(Method::GET, &path, Body::empty())
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<GroupInfo, Error> {
        let wire: WireGroup = oc_core::response::json(&response)?;
        let id = match wire.id.as_deref().or(wire.path.as_deref()) {
            Some(id) => oc_core::v2::ids::from_path("id", id)?,
            None => self.group.id(),
        };
        Ok(GroupInfo {
            id,
            display_name: wire.display_name,
            description: wire.description,
            owner_id: optional_user("owner", wire.owner.as_deref())?,
            member_count: wire.member_count,
            public_entry_allowed: wire.public_entry_allowed,
            locked: wire.locked,
            verified: wire.verified,
            create_time: wire.create_time,
            update_time: wire.update_time,
        })
    }
}

oc_core::endpoint_future!(static GetGroup);

/// A group's shout.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Shout {
    /// Its text (empty when the group never had one).
    pub content: String,
    /// Who posted it.
    pub poster_id: Option<u64>,
    /// When it was first posted.
    pub create_time: Option<OffsetDateTime>,
    /// When it last changed.
    pub update_time: Option<OffsetDateTime>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct WireShout {
    content: String,
    poster: Option<String>,
    #[serde(with = "timestamp::option")]
    create_time: Option<OffsetDateTime>,
    #[serde(with = "timestamp::option")]
    update_time: Option<OffsetDateTime>,
}

/// A read of a group's shout; `.await` it to send it. The method was removed from the
/// Open Cloud reference in April 2026 (in-game HttpService still lists it): it may stop
/// being answered, with a 404.
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetShout {
    group: Group,
}

impl GetShout {
    pub(crate) fn new(group: Group) -> Self {
        GetShout { group }
    }
}

impl Endpoint for GetShout {
    type Output = Shout;
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "get_group_shout";

    fn client(&self) -> &Client {
        self.group.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        limits::id("group_id", self.group.id())?;
        let path = format!("{PREFIX}/groups/{}/shout", self.group.id());
        request::build(Method::GET, &path, Body::empty())
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Shout, Error> {
        let wire: WireShout = oc_core::response::json(&response)?;
        Ok(Shout {
            content: wire.content,
            poster_id: optional_user("poster", wire.poster.as_deref())?,
            create_time: wire.create_time,
            update_time: wire.update_time,
        })
    }
}

oc_core::endpoint_future!(static GetShout);
