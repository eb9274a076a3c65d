//! List Group Roles, `GET /cloud/v2/groups/{group_id}/roles?maxPageSize=&pageToken=`, and
//! Get Group Role, `GET /cloud/v2/groups/{group_id}/roles/{role_id}`
//! (<https://create.roblox.com/docs/cloud/reference/features/groups>).
//!
//! `permissions` are shown only as the reference says: everyone sees the guest role's; a
//! member whose credential holds `group:read` sees their own roles'; the owner holding it
//! sees every role's. The description and times are shown to the owner only.

use bytes::Bytes;
use http::Method;
use oc_core::request::Query;
use oc_core::v2::{timestamp, PREFIX};
use oc_core::{request, Body, Client, Endpoint, Error, Group, Page, PagedEndpoint, Paging};
use serde::Deserialize;
use time::OffsetDateTime;

use crate::limits::{self, MAX_ROLES_PAGE_SIZE};
use crate::wire;

/// What a role lets its holders do: the thirty permissions of a group role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[non_exhaustive]
#[allow(clippy::struct_excessive_bools, reason = "the service's thirty flags")]
pub struct RolePermissions {
    /// View the group wall.
    pub view_wall_posts: bool,
    /// Post on the group wall.
    pub create_wall_posts: bool,
    /// Delete group wall posts.
    pub delete_wall_posts: bool,
    /// View the group shout.
    pub view_group_shout: bool,
    /// Post the group shout.
    pub create_group_shout: bool,
    /// Change members' ranks.
    pub change_rank: bool,
    /// Accept join requests.
    pub accept_requests: bool,
    /// Exile members.
    pub exile_members: bool,
    /// Manage allies and enemies.
    pub manage_relationships: bool,
    /// View the audit log.
    pub view_audit_log: bool,
    /// Spend group funds.
    pub spend_group_funds: bool,
    /// Advertise the group.
    pub advertise_group: bool,
    /// Create avatar items.
    pub create_avatar_items: bool,
    /// Manage avatar items.
    pub manage_avatar_items: bool,
    /// Manage group experiences.
    pub manage_group_universes: bool,
    /// View experience analytics.
    pub view_universe_analytics: bool,
    /// Create API keys.
    pub create_api_keys: bool,
    /// Manage API keys.
    pub manage_api_keys: bool,
    /// Ban members.
    pub ban_members: bool,
    /// View the forums.
    pub view_forums: bool,
    /// Manage forum categories.
    pub manage_categories: bool,
    /// Create forum posts.
    pub create_posts: bool,
    /// Lock forum posts.
    pub lock_posts: bool,
    /// Pin forum posts.
    pub pin_posts: bool,
    /// Remove forum posts.
    pub remove_posts: bool,
    /// Comment on forum posts.
    pub create_comments: bool,
    /// Remove forum comments.
    pub remove_comments: bool,
    /// Manage blocked words.
    pub manage_blocked_words: bool,
    /// View blocked words.
    pub view_blocked_words: bool,
    /// Post without the slow mode's wait.
    pub bypass_slow_mode: bool,
}

/// A role of a group.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Role {
    /// The role id (not its rank).
    pub id: u64,
    /// The group.
    pub group_id: u64,
    /// Its name.
    pub display_name: String,
    /// Its rank, 0 (guests) to 255 (the owner).
    pub rank: u8,
    /// Its description (shown to the owner only).
    pub description: Option<String>,
    /// How many members hold it (absent for the guest role).
    pub member_count: Option<u64>,
    /// Its permissions, when the credential may see them.
    pub permissions: Option<RolePermissions>,
    /// When it was created (shown to the owner only).
    pub create_time: Option<OffsetDateTime>,
    /// When it last changed (shown to the owner only).
    pub update_time: Option<OffsetDateTime>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct WireRole {
    path: String,
    id: Option<String>,
    display_name: String,
    rank: u8,
    description: Option<String>,
    #[serde(with = "crate::wire::int64_option")]
    member_count: Option<u64>,
    permissions: Option<RolePermissions>,
    #[serde(with = "timestamp::option")]
    create_time: Option<OffsetDateTime>,
    #[serde(with = "timestamp::option")]
    update_time: Option<OffsetDateTime>,
}

impl WireRole {
    fn into_role(self, group_id: u64) -> Result<Role, Error> {
        let id = match self.id.as_deref().filter(|id| !id.is_empty()) {
            Some(id) => oc_core::v2::ids::from_path("id", id)?,
            None => wire::id_after("path", &self.path, "roles")?,
        };
        Ok(Role {
            id,
            group_id: wire::segment_after(&self.path, "groups")
                .and_then(|g| g.parse().ok())
                .unwrap_or(group_id),
            display_name: self.display_name,
            rank: self.rank,
            description: self.description,
            member_count: self.member_count,
            permissions: self.permissions,
            create_time: self.create_time,
            update_time: self.update_time,
        })
    }
}

/// A read of one role; `.await` it to send it.
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetRole {
    group: Group,
    role_id: u64,
}

impl GetRole {
    pub(crate) fn new(group: Group, role_id: u64) -> Self {
        GetRole { group, role_id }
    }
}

impl Endpoint for GetRole {
    type Output = Role;
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "get_group_role";

    fn client(&self) -> &Client {
        self.group.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        limits::id("group_id", self.group.id())?;
        limits::id("role_id", self.role_id)?;
        let path = format!("{PREFIX}/groups/{}/roles/{}", self.group.id(), self.role_id);
        request::build(Method::GET, &path, Body::empty())
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Role, Error> {
        let wire: WireRole = oc_core::response::json(&response)?;
        wire.into_role(self.group.id())
    }
}

oc_core::endpoint_future!(static GetRole);

/// The roles of a group, lowest rank first: a `Stream` of [`Role`]. Nothing is requested
/// before the first poll.
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until it is polled"]
pub struct ListRoles {
    group: Group,
    paging: Paging<Role>,
}

impl ListRoles {
    pub(crate) fn new(group: Group) -> Self {
        ListRoles {
            group,
            paging: Paging::new(MAX_ROLES_PAGE_SIZE),
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WirePage {
    #[serde(default)]
    group_roles: Vec<WireRole>,
    #[serde(default)]
    next_page_token: Option<String>,
}

impl Endpoint for ListRoles {
    type Output = Page<Role>;
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "list_group_roles";

    fn client(&self) -> &Client {
        self.group.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        limits::id("group_id", self.group.id())?;
        let query = self.paging.query_v2(Query::new());
        let path = format!("{PREFIX}/groups/{}/roles", self.group.id());
        request::build(Method::GET, &query.with_path(&path), Body::empty())
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Page<Role>, Error> {
        let wire: WirePage = oc_core::response::json(&response)?;
        Ok(Page {
            items: wire
                .group_roles
                .into_iter()
                .map(|r| r.into_role(self.group.id()))
                .collect::<Result<_, Error>>()?,
            next_cursor: wire.next_page_token,
        })
    }
}

impl PagedEndpoint for ListRoles {
    type Item = Role;

    fn paging(&self) -> &Paging<Role> {
        &self.paging
    }

    fn paging_mut(&mut self) -> &mut Paging<Role> {
        &mut self.paging
    }
}

oc_core::list_stream!(ListRoles);
