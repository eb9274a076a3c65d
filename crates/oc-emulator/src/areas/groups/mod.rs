//! Groups through Open Cloud v2
//! (<https://create.roblox.com/docs/cloud/reference/features/groups>): Get Group; List and
//! Get Group Role; List Group Memberships (also across groups with `-`); the deprecated
//! Update Group Membership and its successors `:assignRole` and `:unassignRole`; List,
//! `:accept` and `:decline` Group Join Requests; List Group Forum Categories, Posts and
//! Comments; and the removed Get Group Shout, still answered unless switched off.
//!
//! The groups (id, name, owner) are the world's; their settings, roles, members, join
//! requests and forum are this area's state, seeded from the configuration and the
//! handle. Role changes and join-request decisions change what later reads return: an
//! accepted request becomes a membership with the group's lowest role above the guest
//! role, a declined one disappears.
//!
//! The caller's standing in a group decides what it may do (who the caller is follows
//! the credential: a user's key or token acts as that user, a group's key as the group's
//! owner): role changes need the owner, or a member whose role has `changeRank` and ranks
//! above both the member and the role; join requests need `acceptRequests`; the forum
//! needs `viewForums` (a guest's when the caller is not a member).

mod access;
mod config;
mod filter;
mod forum;
mod group;
mod handle;
mod join_requests;
mod json;
mod membership_roles;
mod memberships;
mod roles;
mod state;

use http::Method;

pub(crate) use config::GroupsSeed;
pub use config::{
    ForumCategoryConfig, ForumCommentConfig, ForumPostConfig, GroupJoinRequestConfig,
    GroupMemberConfig, GroupRoleConfig, GroupSettings, GroupsApiConfig,
};
use state::{GroupRecord, GroupsData, GroupsState};

use crate::gateway::auth::Access;
use crate::gateway::error_bodies::ErrorShape;
use crate::gateway::rate_limit::{Limit, Per, RateLimitConfig};
use crate::gateway::responses::Reply;
use crate::gateway::route::{Ctx, Handler, Route};
use crate::gateway::state::State;
use crate::gateway::v2_codes::{V2Code, V2Error};
use crate::sync::lock;
use crate::world::GroupConfig;

/// Puts the configured group contents in (the configuration was checked: they fit).
pub(crate) fn seed(seed: GroupsSeed<'_>, groups: &[GroupConfig], state: &State) {
    let area = GroupsState {
        config: seed.api.clone(),
        data: std::sync::Mutex::new(GroupsData::default()),
    };
    let _ = lock(&area.data).seed(seed, groups, state.clock.now_utc());
    state.areas.insert(area);
}

/// Why the configured group contents do not fit the declared groups, if they do not.
pub(crate) fn check(seed: GroupsSeed<'_>, groups: &[GroupConfig]) -> Result<(), String> {
    GroupsData::default().seed(seed, groups, time::OffsetDateTime::UNIX_EPOCH)
}

/// Runs `work` on the record of the path's group: 400 for an id that is not a positive
/// number, 404 for a group the world does not have.
pub(crate) fn with_group<T>(
    ctx: &Ctx<'_>,
    work: impl FnOnce(&mut GroupRecord, &GroupsState) -> Result<T, V2Error>,
) -> Result<T, V2Error> {
    let raw = ctx.param("group_id").unwrap_or_default();
    let id = raw
        .parse::<u64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| V2Error::invalid_argument("Invalid group id in the request."))?;
    let group = ctx
        .state
        .world
        .group(id)
        .ok_or_else(|| V2Error::new(V2Code::NotFound, "The group does not exist."))?;
    let area = ctx.area::<GroupsState>();
    let mut data = lock(&area.data);
    let record = data.record(&group, ctx.state.clock.now_utc());
    work(record, &area)
}

const GROUP: &str = "/cloud/v2/groups/{group_id}";
const MEMBERSHIP: &str = "/cloud/v2/groups/{group_id}/memberships/{membership_id}";
const CATEGORIES: &str = "/cloud/v2/groups/{group_id}/forum-categories";
const POSTS: &str = "/cloud/v2/groups/{group_id}/forum-categories/{forum_category_id}/posts";
const COMMENTS: &str =
    "/cloud/v2/groups/{group_id}/forum-categories/{forum_category_id}/posts/{post_id}/comments";
const WRITE: &str = "group:write";

/// A route of this area: API keys and OAuth tokens, limited per API-key owner and per
/// OAuth authorization (https://create.roblox.com/docs/cloud/reference/rate-limits).
const fn route(
    name: &'static str,
    method: Method,
    path: &'static str,
    scope: &'static str,
    limits: &'static [Limit],
    handler: fn(&Ctx<'_>) -> Reply,
) -> Route {
    Route {
        name,
        method,
        path,
        access: Access::ApiKeyOrOAuth { scope },
        universe_param: None,
        shape: ErrorShape::V2,
        limits,
        max_body: 16 * 1024,
        handler: Handler::Buffered(handler),
    }
}

/// A method's two limits, each method counted on its own.
macro_rules! limits {
    ($bucket:literal, $owner:ident, $oauth:ident) => {
        &[
            Limit {
                bucket: $bucket,
                per: Per::ApiKeyOwner,
                per_minute: |c: &RateLimitConfig| c.$owner,
            },
            Limit {
                bucket: $bucket,
                per: Per::OAuthToken,
                per_minute: |c: &RateLimitConfig| c.$oauth,
            },
        ]
    };
}

/// The groups routes. `group:read` on the roles routes is optional (it shows permissions),
/// so those routes need no scope and the handler looks at it; the forum needs
/// `group-forum:read`.
#[rustfmt::skip]
pub(crate) const ROUTES: &[Route] = &[
    route("groups.get", Method::GET, GROUP, "", limits!("groups.get", groups_get_per_owner, groups_get_per_oauth_token), group::get),
    route("groups.shout.get", Method::GET, "/cloud/v2/groups/{group_id}/shout", "", limits!("groups.shout.get", groups_get_per_owner, groups_get_per_oauth_token), group::shout),
    route("groups.roles.list", Method::GET, "/cloud/v2/groups/{group_id}/roles", "", limits!("groups.roles.list", groups_per_owner, groups_per_oauth_token), roles::list),
    route("groups.roles.get", Method::GET, "/cloud/v2/groups/{group_id}/roles/{role_id}", "", limits!("groups.roles.get", groups_per_owner, groups_per_oauth_token), roles::get),
    route("groups.memberships.list", Method::GET, "/cloud/v2/groups/{group_id}/memberships", "", limits!("groups.memberships.list", groups_per_owner, groups_per_oauth_token), memberships::list),
    route("groups.memberships.update", Method::PATCH, MEMBERSHIP, WRITE, limits!("groups.memberships.update", groups_per_owner, groups_per_oauth_token), membership_roles::update),
    route("groups.memberships.assign_role", Method::POST, "/cloud/v2/groups/{group_id}/memberships/{membership_id}:assignRole", WRITE, limits!("groups.memberships.assign_role", groups_per_owner, groups_per_oauth_token), membership_roles::assign),
    route("groups.memberships.unassign_role", Method::POST, "/cloud/v2/groups/{group_id}/memberships/{membership_id}:unassignRole", WRITE, limits!("groups.memberships.unassign_role", groups_per_owner, groups_per_oauth_token), membership_roles::unassign),
    route("groups.join_requests.list", Method::GET, "/cloud/v2/groups/{group_id}/join-requests", "group:read", limits!("groups.join_requests.list", groups_per_owner, groups_per_oauth_token), join_requests::list),
    route("groups.join_requests.accept", Method::POST, "/cloud/v2/groups/{group_id}/join-requests/{join_request_id}:accept", WRITE, limits!("groups.join_requests.accept", groups_join_decisions_per_owner, groups_per_oauth_token), join_requests::accept),
    route("groups.join_requests.decline", Method::POST, "/cloud/v2/groups/{group_id}/join-requests/{join_request_id}:decline", WRITE, limits!("groups.join_requests.decline", groups_join_decisions_per_owner, groups_per_oauth_token), join_requests::decline),
    route("groups.forum.categories.list", Method::GET, CATEGORIES, "group-forum:read", limits!("groups.forum.categories.list", groups_get_per_owner, groups_get_per_oauth_token), forum::categories),
    route("groups.forum.posts.list", Method::GET, POSTS, "group-forum:read", limits!("groups.forum.posts.list", groups_get_per_owner, groups_get_per_oauth_token), forum::posts),
    route("groups.forum.comments.list", Method::GET, COMMENTS, "group-forum:read", limits!("groups.forum.comments.list", groups_get_per_owner, groups_get_per_oauth_token), forum::comments),
];
