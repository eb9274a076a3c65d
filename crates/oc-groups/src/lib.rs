//! Groups through Open Cloud v2: read a group, its roles and its members; give and take
//! roles; accept or decline join requests; read the group forum
//! (<https://create.roblox.com/docs/cloud/reference/features/groups>).
//!
//! ```no_run
//! use futures::TryStreamExt;
//! use oc_groups::GroupsExt;
//!
//! # async fn demo() -> Result<(), oc_core::Error> {
//! let client = oc_core::Client::new("my-api-key")?;
//! let group = client.group(7);
//!
//! let info = group.get().await?;
//! let roles: Vec<_> = group.roles().try_collect().await?;
//! let moderator = roles.iter().find(|r| r.display_name == "Moderator").map(|r| r.id);
//!
//! // Accept every pending request; promote one member.
//! let pending: Vec<_> = group.join_requests().try_collect().await?;
//! for request in pending {
//!     group.join_request(request.user_id).accept().await?;
//! }
//! if let Some(moderator) = moderator {
//!     let membership = group.membership(156).assign_role(moderator).await?;
//!     assert!(membership.role_ids.contains(&moderator));
//!     let moderators: Vec<_> = group.memberships().role(moderator).try_collect().await?;
//!     # let _ = moderators;
//! }
//! # let _ = info; Ok(()) }
//! ```
//!
//! Every input is checked before anything is sent: ids are positive, a search across
//! groups names 1 to [`MAX_USERS_PER_SEARCH`] users, a membership list filters on a user
//! or a role (not both), and forum ids are made of letters, digits, `-` and `_`.
//!
//! Lists are `Stream`s through the one pager (`maxPageSize`, `pageToken`); each has
//! `limit`, `page_size` and `cursor`.
//!
//! Idempotency: [`AssignRole`] and [`UnassignRole`] are safe to repeat (a role already
//! held, or not held, is left as it is), and so is the deprecated [`UpdateMembership`]
//! (it sets one role); the client retries them like reads. [`AcceptJoinRequest`] and
//! [`DeclineJoinRequest`] are not: a decision removes the request, so a blind repeat after
//! one that was applied fails with 404 (or, for an accept, could add back a member who
//! left since). They are retried only when the service certainly did not receive them,
//! and a failure says whether it [may have been applied](oc_core::Error::may_have_been_applied).
//!
//! The handles: [`GroupsExt`] on [`oc_core::Group`] (`client.group(id)`), with
//! [`GroupMember`], [`GroupJoinRequest`], [`GroupForumCategory`] and [`GroupForumPost`];
//! [`UserGroupsExt`] on [`oc_core::User`] and [`ClientGroupsExt`] on [`oc_core::Client`]
//! for memberships across groups.

#![forbid(unsafe_code)]

mod forum;
mod group;
mod handles;
mod join_requests;
mod limits;
mod membership_roles;
mod memberships;
mod roles;
mod wire;

#[cfg(test)]
mod request_tests;

pub use forum::{
    ForumCategory, ForumComment, ForumPost, ListForumCategories, ListForumComments, ListForumPosts,
    PostView, Reaction,
};
pub use group::{GetGroup, GetShout, GroupInfo, Shout};
pub use handles::{
    ClientGroupsExt, GroupForumCategory, GroupForumPost, GroupJoinRequest, GroupMember, GroupsExt,
    UserGroupsExt,
};
pub use join_requests::{AcceptJoinRequest, DeclineJoinRequest, JoinRequest, ListJoinRequests};
pub use limits::{
    MAX_FORUM_CATEGORIES_PAGE_SIZE, MAX_FORUM_PAGE_SIZE, MAX_JOIN_REQUESTS_PAGE_SIZE,
    MAX_MEMBERSHIPS_PAGE_SIZE, MAX_ROLES_PAGE_SIZE, MAX_USERS_PER_SEARCH,
};
pub use membership_roles::{AssignRole, UnassignRole, UpdateMembership};
pub use memberships::{ListMemberships, Membership};
pub use roles::{GetRole, ListRoles, Role, RolePermissions};

/// The API area, as tracing reports it.
const AREA: &str = "groups";
