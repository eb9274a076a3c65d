//! List Group Memberships, `GET /cloud/v2/groups/{group_id}/memberships?maxPageSize=
//! &pageToken=&filter=`, answering `groupMemberships` and `nextPageToken`
//! (<https://create.roblox.com/docs/cloud/reference/patterns#list-group-memberships>).
//!
//! In one group the filter is `user == 'users/N'` or `role == 'groups/G/roles/R'` (one of
//! them); across groups (group `-`) it is `user in ['users/1', …]` with 1 to
//! [`MAX_USERS_PER_SEARCH`] users, which the service requires there.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use bytes::Bytes;
use http::Method;
use oc_core::request::Query;
use oc_core::v2::{timestamp, PREFIX};
use oc_core::{
    request, Body, Client, Endpoint, Error, Group, InvalidInput, Page, PagedEndpoint, Paging,
};
use serde::Deserialize;
use time::OffsetDateTime;

use crate::limits::{self, MAX_MEMBERSHIPS_PAGE_SIZE, MAX_USERS_PER_SEARCH};
use crate::wire;

/// The membership id of a user: base64url of the decimal user id, without padding.
pub(crate) fn membership_id(user_id: u64) -> String {
    URL_SAFE_NO_PAD.encode(user_id.to_string())
}

/// A user's membership of a group.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Membership {
    /// The group.
    pub group_id: u64,
    /// The member.
    pub user_id: u64,
    /// The membership id as the service writes it (base64url of the user id).
    pub membership_id: String,
    /// The member's highest-ranked role.
    pub role_id: Option<u64>,
    /// Every role the member holds (members may hold several).
    pub role_ids: Vec<u64>,
    /// When the user joined.
    pub create_time: Option<OffsetDateTime>,
    /// When the membership last changed.
    pub update_time: Option<OffsetDateTime>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct WireMembership {
    path: String,
    user: String,
    role: Option<String>,
    roles: Option<Vec<String>>,
    #[serde(with = "timestamp::option")]
    create_time: Option<OffsetDateTime>,
    #[serde(with = "timestamp::option")]
    update_time: Option<OffsetDateTime>,
}

impl WireMembership {
    /// The membership; `group_id` is the group asked about (the path's, when it names
    /// one, wins: across groups each item has its own).
    pub(crate) fn into_membership(self, group_id: Option<u64>) -> Result<Membership, Error> {
        let group_id = match wire::segment_after(&self.path, "groups") {
            Some(id) => id.parse().map_err(|_| {
                Error::decode(format!("path is not a membership: {:?}", self.path), None)
            })?,
            None => group_id
                .ok_or_else(|| Error::decode("a membership has no path".to_owned(), None))?,
        };
        let role_id = match self.role.as_deref() {
            None | Some("") => None,
            Some(role) => Some(oc_core::v2::ids::from_path("role", role)?),
        };
        let role_ids = match self.roles {
            Some(roles) => roles
                .iter()
                .map(|r| oc_core::v2::ids::from_path("roles", r))
                .collect::<Result<_, Error>>()?,
            // A service without `roles` (before members could hold several) has the one.
            None => role_id.into_iter().collect(),
        };
        let user_id = oc_core::v2::ids::from_path("user", &self.user)?;
        Ok(Membership {
            group_id,
            user_id,
            membership_id: wire::segment_after(&self.path, "memberships")
                .map_or_else(|| membership_id(user_id), str::to_owned),
            role_id,
            role_ids,
            create_time: self.create_time,
            update_time: self.update_time,
        })
    }
}

/// Whose memberships are listed.
#[derive(Debug, Clone)]
enum Target {
    /// One group's.
    Group(Group),
    /// These users', in every group.
    Users(Client, Vec<u64>),
}

/// Memberships: a `Stream` of [`Membership`], by user id. Nothing is requested before the
/// first poll.
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until it is polled"]
pub struct ListMemberships {
    target: Target,
    user: Option<u64>,
    role: Option<u64>,
    paging: Paging<Membership>,
}

impl ListMemberships {
    pub(crate) fn in_group(group: Group) -> Self {
        ListMemberships {
            target: Target::Group(group),
            user: None,
            role: None,
            paging: Paging::new(MAX_MEMBERSHIPS_PAGE_SIZE),
        }
    }

    pub(crate) fn across_groups(client: Client, users: Vec<u64>) -> Self {
        ListMemberships {
            target: Target::Users(client, users),
            user: None,
            role: None,
            paging: Paging::new(MAX_MEMBERSHIPS_PAGE_SIZE),
        }
    }

    /// Only user `user_id`'s membership (`user == 'users/N'`); across groups, one more
    /// user to search for.
    pub fn user(mut self, user_id: u64) -> Self {
        match &mut self.target {
            Target::Group(_) => self.user = Some(user_id),
            Target::Users(_, users) => users.push(user_id),
        }
        self
    }

    /// Only the members holding role `role_id` (`role == 'groups/G/roles/R'`). Not with
    /// [`ListMemberships::user`], nor across groups.
    pub fn role(mut self, role_id: u64) -> Self {
        self.role = Some(role_id);
        self
    }

    /// The path and the `filter`, checked.
    fn path_and_filter(&self) -> Result<(String, Option<String>), Error> {
        if let Some(user) = self.user {
            limits::id("user", user)?;
        }
        if let Some(role) = self.role {
            limits::id("role", role)?;
        }
        match &self.target {
            Target::Group(group) => {
                limits::id("group_id", group.id())?;
                let filter = match (self.user, self.role) {
                    (Some(_), Some(_)) => {
                        return Err(InvalidInput::new(
                            "filter",
                            "a user and a role cannot be filtered on together",
                        )
                        .into())
                    }
                    (Some(user), None) => Some(format!("user == 'users/{user}'")),
                    (None, Some(role)) => {
                        Some(format!("role == 'groups/{}/roles/{role}'", group.id()))
                    }
                    (None, None) => None,
                };
                Ok((
                    format!("{PREFIX}/groups/{}/memberships", group.id()),
                    filter,
                ))
            }
            Target::Users(_, users) => {
                if self.role.is_some() {
                    return Err(InvalidInput::new(
                        "role",
                        "memberships across groups are filtered by user only",
                    )
                    .into());
                }
                if users.is_empty() || users.len() > MAX_USERS_PER_SEARCH {
                    return Err(InvalidInput::new(
                        "user_ids",
                        format!(
                            "{} users: a search across groups names 1 to {MAX_USERS_PER_SEARCH}",
                            users.len()
                        ),
                    )
                    .into());
                }
                for user in users {
                    limits::id("user_ids", *user)?;
                }
                let list: Vec<String> = users.iter().map(|u| format!("'users/{u}'")).collect();
                let filter = format!("user in [{}]", list.join(", "));
                Ok((format!("{PREFIX}/groups/-/memberships"), Some(filter)))
            }
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WirePage {
    #[serde(default)]
    group_memberships: Vec<WireMembership>,
    #[serde(default)]
    next_page_token: Option<String>,
}

impl Endpoint for ListMemberships {
    type Output = Page<Membership>;
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "list_group_memberships";

    fn client(&self) -> &Client {
        match &self.target {
            Target::Group(group) => group.client(),
            Target::Users(client, _) => client,
        }
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let (path, filter) = self.path_and_filter()?;
        let query = self
            .paging
            .query_v2(Query::new())
            .pair_opt("filter", filter);
        request::build(Method::GET, &query.with_path(&path), Body::empty())
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Page<Membership>, Error> {
        let wire: WirePage = oc_core::response::json(&response)?;
        let group = match &self.target {
            Target::Group(group) => Some(group.id()),
            Target::Users(..) => None,
        };
        Ok(Page {
            items: wire
                .group_memberships
                .into_iter()
                .map(|m| m.into_membership(group))
                .collect::<Result<_, Error>>()?,
            next_cursor: wire.next_page_token,
        })
    }
}

impl PagedEndpoint for ListMemberships {
    type Item = Membership;

    fn paging(&self) -> &Paging<Membership> {
        &self.paging
    }

    fn paging_mut(&mut self) -> &mut Paging<Membership> {
        &mut self.paging
    }
}

oc_core::list_stream!(ListMemberships);
