//! What the groups API keeps for each group of the world: settings and shout, roles,
//! members and their roles, pending join requests, and the forum. A group's record is
//! made the first time it is needed, with a new group's roles and its owner as a member.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use time::OffsetDateTime;

use super::config::{
    default_permissions, default_role_id, ForumCategoryConfig, GroupJoinRequestConfig,
    GroupMemberConfig, GroupRoleConfig, GroupSettings, GroupsApiConfig, GroupsSeed, PERMISSIONS,
};
use crate::gateway::uuid::random_uuid;
use crate::world::GroupConfig;

/// The longest role name.
const MAX_ROLE_NAME_CHARS: usize = 100;
/// The longest role or group description.
const MAX_DESCRIPTION_CHARS: usize = 1000;
/// The longest shout.
const MAX_SHOUT_CHARS: usize = 255;

/// A role.
#[derive(Debug, Clone)]
pub(crate) struct Role {
    pub id: u64,
    pub name: String,
    pub rank: u8,
    pub description: String,
    pub permissions: BTreeSet<String>,
    pub create_time: OffsetDateTime,
    pub update_time: OffsetDateTime,
}

impl Role {
    /// Whether the role grants `permission`.
    pub fn grants(&self, permission: &str) -> bool {
        self.permissions.contains(permission)
    }
}

/// A member: the ids of the roles they hold.
#[derive(Debug, Clone)]
pub(crate) struct Member {
    pub roles: BTreeSet<u64>,
    pub create_time: OffsetDateTime,
    pub update_time: OffsetDateTime,
}

/// A forum comment.
#[derive(Debug, Clone)]
pub(crate) struct Comment {
    pub seq: u64,
    pub id: String,
    pub text: String,
    pub author: u64,
    pub replies_to: Option<String>,
    pub time: OffsetDateTime,
}

/// A forum post; its first comment is its content.
#[derive(Debug, Clone)]
pub(crate) struct Post {
    pub seq: u64,
    pub id: String,
    pub title: String,
    pub author: u64,
    pub pinned: bool,
    pub locked: bool,
    pub time: OffsetDateTime,
    /// Every comment, the first (the content) first.
    pub comments: Vec<Comment>,
}

/// A forum category.
#[derive(Debug, Clone)]
pub(crate) struct Category {
    pub seq: u64,
    pub id: String,
    pub display_name: String,
    pub creator: u64,
    pub archived: bool,
    pub time: OffsetDateTime,
    pub posts: Vec<Post>,
}

/// Everything about one group.
#[derive(Debug, Clone)]
pub(crate) struct GroupRecord {
    pub id: u64,
    pub name: String,
    pub owner: u64,
    pub settings: GroupSettings,
    pub create_time: OffsetDateTime,
    pub update_time: OffsetDateTime,
    /// When the shout was last set.
    pub shout_time: OffsetDateTime,
    /// The roles, by rank.
    pub roles: BTreeMap<u8, Role>,
    /// The members, by user id.
    pub members: BTreeMap<u64, Member>,
    /// Pending join requests: user id → when asked.
    pub join_requests: BTreeMap<u64, OffsetDateTime>,
    /// Forum categories, in listing order.
    pub forum: Vec<Category>,
}

impl GroupRecord {
    /// A group's record with no role and no member.
    fn empty(group: &GroupConfig, now: OffsetDateTime) -> Self {
        GroupRecord {
            id: group.id,
            name: group.name.clone(),
            owner: group.owner,
            settings: GroupSettings::new(group.id),
            create_time: now,
            update_time: now,
            shout_time: now,
            roles: BTreeMap::new(),
            members: BTreeMap::new(),
            join_requests: BTreeMap::new(),
            forum: Vec::new(),
        }
    }

    /// A new group's record: the default roles unless `roles` names some (then with a
    /// guest and an owner role added when missing), and the owner as the owner-role
    /// member.
    fn new(
        group: &GroupConfig,
        roles: &[&GroupRoleConfig],
        now: OffsetDateTime,
    ) -> Result<Self, String> {
        let mut record = GroupRecord::empty(group, now);
        for role in roles {
            record.set_role(role, now)?;
        }
        record.complete(roles.is_empty(), now);
        Ok(record)
    }

    /// Adds the default roles (all four, or only the guest and owner roles when missing)
    /// and the owner's membership.
    fn complete(&mut self, all_defaults: bool, now: OffsetDateTime) {
        let defaults = [(0, "Guest"), (1, "Member"), (254, "Admin"), (255, "Owner")];
        for (rank, name) in defaults {
            if (all_defaults || rank == 0 || rank == 255) && !self.roles.contains_key(&rank) {
                self.roles.insert(
                    rank,
                    Role {
                        id: default_role_id(self.id, rank),
                        name: name.to_owned(),
                        rank,
                        description: String::new(),
                        permissions: default_permissions(rank).into_iter().collect(),
                        create_time: now,
                        update_time: now,
                    },
                );
            }
        }
        let owner_role = self.role_id_of_rank(255);
        self.members.insert(
            self.owner,
            Member {
                roles: owner_role.into_iter().collect(),
                create_time: now,
                update_time: now,
            },
        );
    }

    /// Adds or replaces (by rank) a role.
    pub fn set_role(
        &mut self,
        config: &GroupRoleConfig,
        now: OffsetDateTime,
    ) -> Result<(), String> {
        if config.name.is_empty() || config.name.chars().count() > MAX_ROLE_NAME_CHARS {
            return Err(format!(
                "role {:?}: the name must have 1 to {MAX_ROLE_NAME_CHARS} characters",
                config.name
            ));
        }
        if config.description.chars().count() > MAX_DESCRIPTION_CHARS {
            return Err(format!(
                "role {:?}: the description is longer than {MAX_DESCRIPTION_CHARS} characters",
                config.name
            ));
        }
        let id = config.role_id();
        if id == 0 {
            return Err(format!("role {:?}: the id must be above 0", config.name));
        }
        if self
            .roles
            .values()
            .any(|r| r.id == id && r.rank != config.rank)
        {
            return Err(format!(
                "role id {id} is declared twice in group {}",
                self.id
            ));
        }
        let permissions = match &config.permissions {
            Some(names) => {
                if let Some(unknown) = names.iter().find(|n| !PERMISSIONS.contains(&n.as_str())) {
                    return Err(format!(
                        "role {:?}: {unknown:?} is not a permission (one of {})",
                        config.name,
                        PERMISSIONS.join(", ")
                    ));
                }
                names.clone()
            }
            None => default_permissions(config.rank),
        };
        let create_time = self
            .roles
            .get(&config.rank)
            .map_or(now, |old| old.create_time);
        if let Some(old) = self.roles.get(&config.rank) {
            // A replaced role keeps its holders under the new id.
            let old_id = old.id;
            for member in self.members.values_mut() {
                if member.roles.remove(&old_id) {
                    member.roles.insert(id);
                }
            }
        }
        self.roles.insert(
            config.rank,
            Role {
                id,
                name: config.name.clone(),
                rank: config.rank,
                description: config.description.clone(),
                permissions: permissions.into_iter().collect(),
                create_time,
                update_time: now,
            },
        );
        Ok(())
    }

    /// The id of the role of `rank`.
    pub fn role_id_of_rank(&self, rank: u8) -> Option<u64> {
        self.roles.get(&rank).map(|r| r.id)
    }

    /// The role with id `id`.
    pub fn role(&self, id: u64) -> Option<&Role> {
        self.roles.values().find(|r| r.id == id)
    }

    /// The lowest role above the guest role (what an accepted request joins with).
    pub fn entry_role(&self) -> Option<&Role> {
        self.roles.values().find(|r| r.rank > 0 && r.rank < 255)
    }

    /// The highest-ranked role among `roles`.
    pub fn highest<'a>(&'a self, roles: &BTreeSet<u64>) -> Option<&'a Role> {
        self.roles.values().rev().find(|r| roles.contains(&r.id))
    }

    /// The member's roles, lowest rank first.
    pub fn roles_of(&self, member: &Member) -> Vec<&Role> {
        self.roles
            .values()
            .filter(|r| member.roles.contains(&r.id))
            .collect()
    }

    /// Adds a member with the roles of `ranks` (the entry role when empty).
    fn add_member(
        &mut self,
        config: &GroupMemberConfig,
        now: OffsetDateTime,
    ) -> Result<(), String> {
        if config.user == 0 {
            return Err("a member's user id must be above 0".into());
        }
        if config.user == self.owner {
            return Err(format!(
                "user {} owns group {}: the owner is a member without an entry",
                config.user, self.id
            ));
        }
        let mut roles = BTreeSet::new();
        if config.ranks.is_empty() {
            let entry = self
                .entry_role()
                .ok_or_else(|| format!("group {} has no role above the guest role", self.id))?;
            roles.insert(entry.id);
        }
        for rank in &config.ranks {
            if *rank == 0 || *rank == 255 {
                return Err(format!(
                    "member {} of group {}: the guest and owner roles cannot be held",
                    config.user, self.id
                ));
            }
            let id = self.role_id_of_rank(*rank).ok_or_else(|| {
                format!(
                    "member {} of group {}: no role has rank {rank}",
                    config.user, self.id
                )
            })?;
            roles.insert(id);
        }
        self.join_requests.remove(&config.user);
        self.members.insert(
            config.user,
            Member {
                roles,
                create_time: now,
                update_time: now,
            },
        );
        Ok(())
    }

    /// Adds a pending join request.
    fn add_join_request(
        &mut self,
        config: &GroupJoinRequestConfig,
        max: usize,
        now: OffsetDateTime,
    ) -> Result<(), String> {
        if config.user == 0 {
            return Err("a join request's user id must be above 0".into());
        }
        if self.members.contains_key(&config.user) {
            return Err(format!(
                "user {} is a member of group {} already: no join request",
                config.user, self.id
            ));
        }
        if !self.join_requests.contains_key(&config.user) && self.join_requests.len() >= max {
            return Err(format!(
                "group {} holds {max} join requests already ([groups_api] max_join_requests_per_group)",
                self.id
            ));
        }
        self.join_requests.insert(config.user, now);
        Ok(())
    }

    /// Adds a forum category with its posts and comments.
    fn add_category(
        &mut self,
        config: &ForumCategoryConfig,
        seq: &mut u64,
        now: OffsetDateTime,
    ) -> Result<(), String> {
        let mut next = || {
            *seq += 1;
            *seq
        };
        let id = forum_id(config.id.as_deref(), "forum category")?;
        if self.forum.iter().any(|c| c.id == id) {
            return Err(format!(
                "forum category {id} is declared twice in group {}",
                self.id
            ));
        }
        let mut posts: Vec<Post> = Vec::new();
        for post in &config.posts {
            let post_id = forum_id(post.id.as_deref(), "forum post")?;
            if posts.iter().any(|p| p.id == post_id) {
                return Err(format!("forum post {post_id} is declared twice"));
            }
            let author = post.author.unwrap_or(self.owner);
            let mut comments = vec![Comment {
                seq: next(),
                id: random_uuid(),
                text: post.text.clone(),
                author,
                replies_to: None,
                time: now,
            }];
            for comment in &post.comments {
                let comment_id = forum_id(comment.id.as_deref(), "forum comment")?;
                if comments.iter().any(|c| c.id == comment_id) {
                    return Err(format!("forum comment {comment_id} is declared twice"));
                }
                if let Some(target) = &comment.replies_to {
                    if !comments.iter().any(|c| &c.id == target) {
                        return Err(format!(
                            "forum comment {comment_id} replies to {target}, which is not a comment listed before it in post {post_id}"
                        ));
                    }
                }
                comments.push(Comment {
                    seq: next(),
                    id: comment_id,
                    text: comment.text.clone(),
                    author: comment.author.unwrap_or(self.owner),
                    replies_to: comment.replies_to.clone(),
                    time: now,
                });
            }
            posts.push(Post {
                seq: next(),
                id: post_id,
                title: post.title.clone(),
                author,
                pinned: post.pinned,
                locked: post.locked,
                time: now,
                comments,
            });
        }
        self.forum.push(Category {
            seq: next(),
            id,
            display_name: config.display_name.clone(),
            creator: config.creator.unwrap_or(self.owner),
            archived: config.archived,
            time: now,
            posts,
        });
        Ok(())
    }
}

/// A forum resource id: the configured one (a single non-empty path segment), or a random
/// UUID.
fn forum_id(configured: Option<&str>, what: &str) -> Result<String, String> {
    match configured {
        None => Ok(random_uuid()),
        Some(id) if id.is_empty() || id.contains(['/', '?', '#', ' ', '\'', '"']) => Err(format!(
            "{what} id {id:?} must be non-empty without '/', '?', '#', spaces or quotes"
        )),
        Some(id) => Ok(id.to_owned()),
    }
}

/// Every group record.
#[derive(Debug, Default)]
pub(crate) struct GroupsData {
    /// Records, by group id.
    pub groups: BTreeMap<u64, GroupRecord>,
    /// The last forum sequence number given (forum lists page by it).
    pub forum_seq: u64,
}

impl GroupsData {
    /// The record of `group`, made as a new group's when there is none.
    pub fn record(&mut self, group: &GroupConfig, now: OffsetDateTime) -> &mut GroupRecord {
        self.groups.entry(group.id).or_insert_with(|| {
            let mut record = GroupRecord::empty(group, now);
            record.complete(true, now);
            record
        })
    }

    /// Puts a whole configuration in, failing on the first thing that does not fit.
    pub fn seed(
        &mut self,
        seed: GroupsSeed<'_>,
        groups: &[GroupConfig],
        now: OffsetDateTime,
    ) -> Result<(), String> {
        let group = |id: u64, what: &str| {
            groups
                .iter()
                .find(|g| g.id == id)
                .ok_or_else(|| format!("{what} names group {id}, which is not declared"))
        };
        for role in seed.roles {
            group(role.group, "a group_roles entry")?;
        }
        for config in groups {
            let roles: Vec<&GroupRoleConfig> =
                seed.roles.iter().filter(|r| r.group == config.id).collect();
            let mut ranks = BTreeSet::new();
            if let Some(twice) = roles.iter().find(|r| !ranks.insert(r.rank)) {
                return Err(format!(
                    "rank {} is declared twice in group {}",
                    twice.rank, config.id
                ));
            }
            let record = GroupRecord::new(config, &roles, now)
                .map_err(|why| format!("group {}: {why}", config.id))?;
            self.groups.insert(config.id, record);
        }
        for settings in seed.settings {
            let config = group(settings.group, "a group_settings entry")?;
            self.set_settings(config, settings, now)?;
        }
        for member in seed.members {
            let config = group(member.group, "a group_members entry")?;
            if self
                .groups
                .get(&member.group)
                .is_some_and(|r| r.owner != member.user && r.members.contains_key(&member.user))
            {
                return Err(format!(
                    "user {} is declared twice as a member of group {}",
                    member.user, member.group
                ));
            }
            self.add_member(config, member, now)?;
        }
        for request in seed.join_requests {
            let config = group(request.group, "a group_join_requests entry")?;
            self.add_join_request(config, request, seed.api.max_join_requests_per_group, now)?;
        }
        for category in seed.forum {
            let config = group(category.group, "a group_forum_categories entry")?;
            self.add_category(config, category, now)?;
        }
        Ok(())
    }

    /// Sets a group's settings and shout.
    pub fn set_settings(
        &mut self,
        group: &GroupConfig,
        settings: &GroupSettings,
        now: OffsetDateTime,
    ) -> Result<(), String> {
        if settings.description.chars().count() > MAX_DESCRIPTION_CHARS {
            return Err(format!(
                "group {}: the description is longer than {MAX_DESCRIPTION_CHARS} characters",
                group.id
            ));
        }
        if settings
            .shout
            .as_ref()
            .is_some_and(|s| s.chars().count() > MAX_SHOUT_CHARS)
        {
            return Err(format!(
                "group {}: the shout is longer than {MAX_SHOUT_CHARS} characters",
                group.id
            ));
        }
        let record = self.record(group, now);
        if record.settings.shout != settings.shout {
            record.shout_time = now;
        }
        record.settings = settings.clone();
        record.update_time = now;
        Ok(())
    }

    /// Adds or replaces a role of a group.
    pub fn set_role(
        &mut self,
        group: &GroupConfig,
        role: &GroupRoleConfig,
        now: OffsetDateTime,
    ) -> Result<(), String> {
        self.record(group, now)
            .set_role(role, now)
            .map_err(|why| format!("group {}: {why}", group.id))
    }

    /// Adds (or replaces) a member.
    pub fn add_member(
        &mut self,
        group: &GroupConfig,
        member: &GroupMemberConfig,
        now: OffsetDateTime,
    ) -> Result<(), String> {
        self.record(group, now).add_member(member, now)
    }

    /// Adds a pending join request.
    pub fn add_join_request(
        &mut self,
        group: &GroupConfig,
        request: &GroupJoinRequestConfig,
        max: usize,
        now: OffsetDateTime,
    ) -> Result<(), String> {
        self.record(group, now).add_join_request(request, max, now)
    }

    /// Adds a forum category with its content.
    pub fn add_category(
        &mut self,
        group: &GroupConfig,
        category: &ForumCategoryConfig,
        now: OffsetDateTime,
    ) -> Result<(), String> {
        let mut seq = self.forum_seq;
        let result = self
            .record(group, now)
            .add_category(category, &mut seq, now);
        self.forum_seq = seq;
        result
    }
}

/// The groups API's state.
#[derive(Debug, Default)]
pub(crate) struct GroupsState {
    /// The switches.
    pub config: GroupsApiConfig,
    /// Every group's record.
    pub data: Mutex<GroupsData>,
}
