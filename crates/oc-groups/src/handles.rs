//! The handles: extension traits on [`oc_core::Group`], [`oc_core::User`] and
//! [`oc_core::Client`], and handles on a group's member, join request, forum category and
//! forum post. A handle makes no request.

use oc_core::{Client, Group, User};

use crate::forum::{ListForumCategories, ListForumComments, ListForumPosts};
use crate::group::{GetGroup, GetShout};
use crate::join_requests::{AcceptJoinRequest, DeclineJoinRequest, ListJoinRequests};
use crate::membership_roles::{AssignRole, UnassignRole, UpdateMembership};
use crate::memberships::ListMemberships;
use crate::roles::{GetRole, ListRoles};

/// The groups API on a [`Group`] handle: `client.group(id).roles()`, `.memberships()`,
/// `.membership(user_id).assign_role(role_id)`, `.join_requests()`, …
pub trait GroupsExt {
    /// Reads the group (`GET /cloud/v2/groups/{id}`).
    fn get(&self) -> GetGroup;

    /// The group's roles, lowest rank first, as a `Stream` of [`crate::Role`].
    fn roles(&self) -> ListRoles;

    /// Reads one role.
    fn role(&self, role_id: u64) -> GetRole;

    /// The group's memberships, as a `Stream` of [`crate::Membership`]; narrow it with
    /// [`ListMemberships::user`] or [`ListMemberships::role`].
    fn memberships(&self) -> ListMemberships;

    /// A handle on the membership of user `user_id`, to change its roles.
    fn membership(&self, user_id: u64) -> GroupMember;

    /// The pending join requests, as a `Stream` of [`crate::JoinRequest`].
    fn join_requests(&self) -> ListJoinRequests;

    /// A handle on the join request of user `user_id`, to accept or decline it.
    fn join_request(&self, user_id: u64) -> GroupJoinRequest;

    /// The forum's categories, as a `Stream` of [`crate::ForumCategory`].
    fn forum_categories(&self) -> ListForumCategories;

    /// A handle on one forum category, to list its posts.
    fn forum_category(&self, category_id: impl Into<String>) -> GroupForumCategory;

    /// Reads the group's shout.
    #[deprecated(
        note = "Get Group Shout was removed from the Open Cloud reference in April 2026; it \
                is still answered for in-game HttpService but may stop working"
    )]
    fn shout(&self) -> GetShout;
}

impl GroupsExt for Group {
    fn get(&self) -> GetGroup {
        GetGroup::new(self.clone())
    }

    fn roles(&self) -> ListRoles {
        ListRoles::new(self.clone())
    }

    fn role(&self, role_id: u64) -> GetRole {
        GetRole::new(self.clone(), role_id)
    }

    fn memberships(&self) -> ListMemberships {
        ListMemberships::in_group(self.clone())
    }

    fn membership(&self, user_id: u64) -> GroupMember {
        GroupMember {
            group: self.clone(),
            user_id,
        }
    }

    fn join_requests(&self) -> ListJoinRequests {
        ListJoinRequests::new(self.clone())
    }

    fn join_request(&self, user_id: u64) -> GroupJoinRequest {
        GroupJoinRequest {
            group: self.clone(),
            user_id,
        }
    }

    fn forum_categories(&self) -> ListForumCategories {
        ListForumCategories::new(self.clone())
    }

    fn forum_category(&self, category_id: impl Into<String>) -> GroupForumCategory {
        GroupForumCategory {
            group: self.clone(),
            category_id: category_id.into(),
        }
    }

    #[allow(deprecated)]
    fn shout(&self) -> GetShout {
        GetShout::new(self.clone())
    }
}

/// A user's memberships in every group: `client.user(id).group_memberships()`.
pub trait UserGroupsExt {
    /// The user's memberships across groups, as a `Stream` of [`crate::Membership`]
    /// (`GET /cloud/v2/groups/-/memberships?filter=user in ['users/N']`).
    fn group_memberships(&self) -> ListMemberships;
}

impl UserGroupsExt for User {
    fn group_memberships(&self) -> ListMemberships {
        ListMemberships::across_groups(self.client().clone(), vec![self.id()])
    }
}

/// Memberships of several users across groups.
pub trait ClientGroupsExt {
    /// The memberships of up to [`crate::MAX_USERS_PER_SEARCH`] users across every group,
    /// as a `Stream` of [`crate::Membership`].
    fn group_memberships_of(&self, user_ids: impl IntoIterator<Item = u64>) -> ListMemberships;
}

impl ClientGroupsExt for Client {
    fn group_memberships_of(&self, user_ids: impl IntoIterator<Item = u64>) -> ListMemberships {
        ListMemberships::across_groups(self.clone(), user_ids.into_iter().collect())
    }
}

/// One user's membership of a group: change its roles. The membership id the service
/// uses is the base64url form of the user id ([`GroupMember::membership_id`]); the user id
/// is accepted in its place.
#[derive(Debug, Clone)]
pub struct GroupMember {
    pub(crate) group: Group,
    pub(crate) user_id: u64,
}

impl GroupMember {
    /// The group.
    pub fn group(&self) -> &Group {
        &self.group
    }

    /// The member's user id.
    pub fn user_id(&self) -> u64 {
        self.user_id
    }

    /// The membership id as the service writes it: base64url of the decimal user id,
    /// without padding (`NDUzNDgyODE` for user 45348281).
    pub fn membership_id(&self) -> String {
        crate::memberships::membership_id(self.user_id)
    }

    /// Gives the member a role (`:assignRole`). A role already held is left as it is, so
    /// the call is safe to repeat.
    pub fn assign_role(&self, role_id: u64) -> AssignRole {
        AssignRole::new(self.clone(), role_id)
    }

    /// Takes a role from the member (`:unassignRole`). A role not held is left as it is,
    /// so the call is safe to repeat.
    pub fn unassign_role(&self, role_id: u64) -> UnassignRole {
        UnassignRole::new(self.clone(), role_id)
    }

    /// Replaces the member's roles with `role_id` (the deprecated `PATCH` of the
    /// membership).
    #[deprecated(note = "Update Group Membership is deprecated: use assign_role and unassign_role")]
    pub fn update_role(&self, role_id: u64) -> UpdateMembership {
        UpdateMembership::new(self.clone(), role_id)
    }
}

/// A user's pending request to join a group; its id is the user id.
#[derive(Debug, Clone)]
pub struct GroupJoinRequest {
    pub(crate) group: Group,
    pub(crate) user_id: u64,
}

impl GroupJoinRequest {
    /// The group.
    pub fn group(&self) -> &Group {
        &self.group
    }

    /// The user who asked to join.
    pub fn user_id(&self) -> u64 {
        self.user_id
    }

    /// Accepts the request: the user becomes a member with the group's lowest role. Not
    /// safe to repeat blindly (see [`AcceptJoinRequest`]).
    pub fn accept(&self) -> AcceptJoinRequest {
        AcceptJoinRequest::new(self.clone())
    }

    /// Declines the request. Not safe to repeat blindly (see [`DeclineJoinRequest`]).
    pub fn decline(&self) -> DeclineJoinRequest {
        DeclineJoinRequest::new(self.clone())
    }
}

/// A forum category of a group.
#[derive(Debug, Clone)]
pub struct GroupForumCategory {
    pub(crate) group: Group,
    pub(crate) category_id: String,
}

impl GroupForumCategory {
    /// The group.
    pub fn group(&self) -> &Group {
        &self.group
    }

    /// The category id.
    pub fn id(&self) -> &str {
        &self.category_id
    }

    /// The category's posts, as a `Stream` of [`crate::ForumPost`].
    pub fn posts(&self) -> ListForumPosts {
        ListForumPosts::new(self.clone())
    }

    /// A handle on one post, to list its comments.
    pub fn post(&self, post_id: impl Into<String>) -> GroupForumPost {
        GroupForumPost {
            category: self.clone(),
            post_id: post_id.into(),
        }
    }
}

/// A post of a group's forum category.
#[derive(Debug, Clone)]
pub struct GroupForumPost {
    pub(crate) category: GroupForumCategory,
    pub(crate) post_id: String,
}

impl GroupForumPost {
    /// The category.
    pub fn category(&self) -> &GroupForumCategory {
        &self.category
    }

    /// The post id.
    pub fn id(&self) -> &str {
        &self.post_id
    }

    /// The comments on the post itself (its first comment, the content, included), as a
    /// `Stream` of [`crate::ForumComment`]; [`ListForumComments::replies_to`] lists the
    /// replies to one comment instead.
    pub fn comments(&self) -> ListForumComments {
        ListForumComments::new(self.clone())
    }
}
