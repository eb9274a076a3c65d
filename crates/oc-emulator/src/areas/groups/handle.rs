//! The [`EmulatorHandle`]'s view of groups: seeding a group's settings, roles, members,
//! join requests and forum while the emulator runs, and reading members and join requests
//! back. Each names a group of the world ([`EmulatorHandle::add_group`] first).

use super::config::{
    ForumCategoryConfig, GroupJoinRequestConfig, GroupMemberConfig, GroupRoleConfig, GroupSettings,
};
use super::state::{GroupsData, GroupsState};
use crate::gateway::EmulatorHandle;
use crate::sync::lock;
use crate::world::GroupConfig;

impl EmulatorHandle {
    /// Runs `work` on the groups data with the world's `group`; an error for an unknown
    /// group.
    fn with_groups<T>(
        &self,
        group: u64,
        work: impl FnOnce(
            &mut GroupsData,
            &GroupConfig,
            time::OffsetDateTime,
            usize,
        ) -> Result<T, String>,
    ) -> Result<T, String> {
        let state = self.state();
        let config = state
            .world
            .group(group)
            .ok_or_else(|| format!("group {group} is not in the world"))?;
        let area = state.area::<GroupsState>();
        let max = area.config.max_join_requests_per_group;
        let mut data = lock(&area.data);
        work(&mut data, &config, state.clock.now_utc(), max)
    }

    /// Sets a group's description, flags and shout.
    pub fn set_group_settings(&self, settings: &GroupSettings) -> Result<(), String> {
        self.with_groups(settings.group, |data, group, now, _| {
            data.set_settings(group, settings, now)
        })
    }

    /// Adds a role to a group, or replaces the one of the same rank (its holders keep it).
    pub fn set_group_role(&self, role: &GroupRoleConfig) -> Result<(), String> {
        self.with_groups(role.group, |data, group, now, _| {
            data.set_role(group, role, now)
        })
    }

    /// Adds a member (or replaces one), removing their pending join request.
    pub fn add_group_member(&self, member: &GroupMemberConfig) -> Result<(), String> {
        self.with_groups(member.group, |data, group, now, _| {
            data.add_member(group, member, now)
        })
    }

    /// Adds a pending join request of a user who is not a member.
    pub fn add_group_join_request(&self, request: &GroupJoinRequestConfig) -> Result<(), String> {
        self.with_groups(request.group, |data, group, now, max| {
            data.add_join_request(group, request, max, now)
        })
    }

    /// Adds a forum category with its posts and comments; returns its id (the configured
    /// one or a random UUID).
    pub fn add_group_forum_category(
        &self,
        category: &ForumCategoryConfig,
    ) -> Result<String, String> {
        self.with_groups(category.group, |data, group, now, _| {
            data.add_category(group, category, now)?;
            Ok(data
                .groups
                .get(&group.id)
                .and_then(|g| g.forum.last())
                .map(|c| c.id.clone())
                .unwrap_or_default())
        })
    }

    /// The ids of the posts of a forum category, in order, and of each post's comments
    /// (the first is the post's content): what a test needs to address them.
    pub fn group_forum_posts(&self, group: u64, category: &str) -> Vec<(String, Vec<String>)> {
        self.with_groups(group, |data, config, now, _| {
            Ok(data
                .record(config, now)
                .forum
                .iter()
                .find(|c| c.id == category)
                .map(|c| {
                    c.posts
                        .iter()
                        .map(|p| {
                            (
                                p.id.clone(),
                                p.comments.iter().map(|c| c.id.clone()).collect(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default())
        })
        .unwrap_or_default()
    }

    /// The ids of the roles a user holds in a group, lowest rank first; `None` when they
    /// are not a member.
    pub fn group_member_roles(&self, group: u64, user: u64) -> Option<Vec<u64>> {
        self.with_groups(group, |data, config, now, _| {
            let record = data.record(config, now);
            Ok(record
                .members
                .get(&user)
                .map(|m| record.roles_of(m).iter().map(|r| r.id).collect()))
        })
        .ok()
        .flatten()
    }

    /// The users with a pending request to join a group, by id.
    pub fn group_join_requests(&self, group: u64) -> Vec<u64> {
        self.with_groups(group, |data, config, now, _| {
            Ok(data
                .record(config, now)
                .join_requests
                .keys()
                .copied()
                .collect())
        })
        .unwrap_or_default()
    }

    /// The id of a group's role of `rank`.
    pub fn group_role_id(&self, group: u64, rank: u8) -> Option<u64> {
        self.with_groups(group, |data, config, now, _| {
            Ok(data.record(config, now).role_id_of_rank(rank))
        })
        .ok()
        .flatten()
    }
}
