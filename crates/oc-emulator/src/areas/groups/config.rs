//! The groups API's part of the configuration: what each group of the world holds (its
//! settings and shout, roles, members, join requests and forum) and the API's switches.
//! The groups themselves (id, name, owner) are the world's `[[groups]]`.

use serde::Deserialize;

/// The groups API's switches. In TOML, the `[groups_api]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GroupsApiConfig {
    /// Whether `GET /cloud/v2/groups/{group_id}/shout` is answered (`true`). The method
    /// was removed from the reference in April 2026 but in-game HttpService still lists
    /// it and clients still call it; `false` answers it 404, as a service without it.
    pub shout_endpoint: bool,
    /// The most join requests one group holds (10,000); adding one more through the
    /// handle is refused.
    pub max_join_requests_per_group: usize,
}

impl Default for GroupsApiConfig {
    fn default() -> Self {
        GroupsApiConfig {
            shout_endpoint: true,
            max_join_requests_per_group: 10_000,
        }
    }
}

/// A group's own settings and its shout. In TOML, an entry of `[[group_settings]]`; a
/// group without one has an empty description, public entry off, unlocked, unverified,
/// and no shout.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct GroupSettings {
    /// The group (declared in `[[groups]]`).
    pub group: u64,
    /// Its description (at most 1000 characters).
    #[serde(default)]
    pub description: String,
    /// Whether anyone may join without a request.
    #[serde(default)]
    pub public_entry_allowed: bool,
    /// Whether Roblox moderation locked it.
    #[serde(default)]
    pub locked: bool,
    /// Whether it has the verified badge.
    #[serde(default)]
    pub verified: bool,
    /// The shout's text (at most 255 characters), when it has one.
    #[serde(default)]
    pub shout: Option<String>,
    /// Who posted the shout (the owner when absent).
    #[serde(default)]
    pub shout_poster: Option<u64>,
}

impl GroupSettings {
    /// The settings of a group that has none.
    pub fn new(group: u64) -> Self {
        GroupSettings {
            group,
            ..GroupSettings::default()
        }
    }
}

/// A role of a group. In TOML, an entry of `[[group_roles]]`. A group with no configured
/// role has the four a new group has: `Guest` (rank 0), `Member` (1), `Admin` (254) and
/// `Owner` (255); a group with configured roles gets `Guest` and `Owner` added when it
/// lacks a role of rank 0 or 255.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct GroupRoleConfig {
    /// The group.
    pub group: u64,
    /// The role id; `group × 1000 + rank` when absent (the default roles of group 4000
    /// are 4000000, 4000001, 4000254 and 4000255).
    #[serde(default)]
    pub id: Option<u64>,
    /// Its name (at most 100 characters).
    pub name: String,
    /// Its rank, 0 to 255, unique in the group; 0 is the guest role, 255 the owner's.
    pub rank: u8,
    /// Its description (at most 1000 characters).
    #[serde(default)]
    pub description: String,
    /// The permissions it grants, by their API names (`viewWallPosts`, `changeRank`,
    /// `acceptRequests`, `viewForums`, …); when absent, the defaults of its rank: guests
    /// view, members also post, ranks from 254 hold every permission.
    #[serde(default)]
    pub permissions: Option<Vec<String>>,
}

impl GroupRoleConfig {
    /// A role named `name` of rank `rank` with its rank's default permissions.
    pub fn new(group: u64, name: impl Into<String>, rank: u8) -> Self {
        GroupRoleConfig {
            group,
            id: None,
            name: name.into(),
            rank,
            description: String::new(),
            permissions: None,
        }
    }

    /// The role id: the configured one, or `group × 1000 + rank`.
    pub fn role_id(&self) -> u64 {
        self.id
            .unwrap_or_else(|| default_role_id(self.group, self.rank))
    }
}

/// The id of a role the emulator made (or one configured without an id).
pub(crate) fn default_role_id(group: u64, rank: u8) -> u64 {
    group.saturating_mul(1000).saturating_add(u64::from(rank))
}

/// A member of a group. In TOML, an entry of `[[group_members]]`. The owner is a member
/// with the owner role without an entry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct GroupMemberConfig {
    /// The group.
    pub group: u64,
    /// The member's user id.
    pub user: u64,
    /// The ranks of the roles they hold (neither 0 nor 255); the lowest rank above the
    /// guest role when empty.
    #[serde(default)]
    pub ranks: Vec<u8>,
}

impl GroupMemberConfig {
    /// `user` as a member holding the lowest role above the guest role.
    pub fn new(group: u64, user: u64) -> Self {
        GroupMemberConfig {
            group,
            user,
            ranks: Vec::new(),
        }
    }
}

/// A pending request to join a group. In TOML, an entry of `[[group_join_requests]]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct GroupJoinRequestConfig {
    /// The group.
    pub group: u64,
    /// The user asking to join (not a member); the request's id.
    pub user: u64,
}

impl GroupJoinRequestConfig {
    /// `user` asks to join `group`.
    pub fn new(group: u64, user: u64) -> Self {
        GroupJoinRequestConfig { group, user }
    }
}

/// A forum category of a group, with its posts. In TOML, an entry of
/// `[[group_forum_categories]]` with `[[group_forum_categories.posts]]` and
/// `[[group_forum_categories.posts.comments]]` under it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ForumCategoryConfig {
    /// The group.
    pub group: u64,
    /// Its id; a random UUID when absent.
    #[serde(default)]
    pub id: Option<String>,
    /// Its name.
    pub display_name: String,
    /// Who created it (the owner when absent).
    #[serde(default)]
    pub creator: Option<u64>,
    /// Whether it is archived (hidden unless the filter says `archived == true`).
    #[serde(default)]
    pub archived: bool,
    /// Its posts, in the order they are listed.
    #[serde(default)]
    pub posts: Vec<ForumPostConfig>,
}

impl ForumCategoryConfig {
    /// An empty category named `display_name`.
    pub fn new(group: u64, display_name: impl Into<String>) -> Self {
        ForumCategoryConfig {
            group,
            id: None,
            display_name: display_name.into(),
            creator: None,
            archived: false,
            posts: Vec::new(),
        }
    }
}

/// A forum post: its title and first comment (the post's content), and the comments under
/// it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ForumPostConfig {
    /// Its id; a random UUID when absent.
    #[serde(default)]
    pub id: Option<String>,
    /// Its title.
    pub title: String,
    /// The text of its first comment (the post's content).
    pub text: String,
    /// Who wrote it (the owner when absent).
    #[serde(default)]
    pub author: Option<u64>,
    /// Whether it is pinned.
    #[serde(default)]
    pub pinned: bool,
    /// Whether it is locked.
    #[serde(default)]
    pub locked: bool,
    /// The comments after the first, in order.
    #[serde(default)]
    pub comments: Vec<ForumCommentConfig>,
}

impl ForumPostConfig {
    /// A post titled `title` whose content is `text`.
    pub fn new(title: impl Into<String>, text: impl Into<String>) -> Self {
        ForumPostConfig {
            id: None,
            title: title.into(),
            text: text.into(),
            author: None,
            pinned: false,
            locked: false,
            comments: Vec::new(),
        }
    }
}

/// A comment on a forum post.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ForumCommentConfig {
    /// Its id; a random UUID when absent.
    #[serde(default)]
    pub id: Option<String>,
    /// Its text.
    pub text: String,
    /// Who wrote it (the owner when absent).
    #[serde(default)]
    pub author: Option<u64>,
    /// The comment of the same post it replies to (one listed before it); a comment on
    /// the post itself when absent.
    #[serde(default)]
    pub replies_to: Option<String>,
}

impl ForumCommentConfig {
    /// A comment on the post itself.
    pub fn new(text: impl Into<String>) -> Self {
        ForumCommentConfig {
            id: None,
            text: text.into(),
            author: None,
            replies_to: None,
        }
    }
}

/// The permission names of a role, in the reference's order
/// (<https://create.roblox.com/docs/cloud/reference/features/groups>).
pub(crate) const PERMISSIONS: [&str; 30] = [
    "viewWallPosts",
    "createWallPosts",
    "deleteWallPosts",
    "viewGroupShout",
    "createGroupShout",
    "changeRank",
    "acceptRequests",
    "exileMembers",
    "manageRelationships",
    "viewAuditLog",
    "spendGroupFunds",
    "advertiseGroup",
    "createAvatarItems",
    "manageAvatarItems",
    "manageGroupUniverses",
    "viewUniverseAnalytics",
    "createApiKeys",
    "manageApiKeys",
    "banMembers",
    "viewForums",
    "manageCategories",
    "createPosts",
    "lockPosts",
    "pinPosts",
    "removePosts",
    "createComments",
    "removeComments",
    "manageBlockedWords",
    "viewBlockedWords",
    "bypassSlowMode",
];

/// The permissions a role of `rank` has unless configured: guests view the wall, the
/// shout and the forums; members also post; ranks from 254 hold every permission (the
/// defaults of a new group's Admin and Owner roles, inferred).
pub(crate) fn default_permissions(rank: u8) -> Vec<String> {
    let view = ["viewWallPosts", "viewGroupShout", "viewForums"];
    let post = ["createWallPosts", "createPosts", "createComments"];
    let names: Vec<&str> = match rank {
        0 => view.to_vec(),
        254.. => PERMISSIONS.to_vec(),
        _ => view.iter().chain(post.iter()).copied().collect(),
    };
    names.into_iter().map(str::to_owned).collect()
}

/// The whole groups configuration, checked together.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GroupsSeed<'a> {
    /// `[groups_api]`.
    pub api: &'a GroupsApiConfig,
    /// `[[group_settings]]`.
    pub settings: &'a [GroupSettings],
    /// `[[group_roles]]`.
    pub roles: &'a [GroupRoleConfig],
    /// `[[group_members]]`.
    pub members: &'a [GroupMemberConfig],
    /// `[[group_join_requests]]`.
    pub join_requests: &'a [GroupJoinRequestConfig],
    /// `[[group_forum_categories]]`.
    pub forum: &'a [ForumCategoryConfig],
}
