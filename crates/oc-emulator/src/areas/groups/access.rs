//! Who the caller is in a group: the owner (a key of the owner, or of the group itself), a
//! member with their roles, or a guest; and what their roles let them do
//! (<https://create.roblox.com/docs/cloud/reference/features/groups>).

use std::collections::BTreeSet;

use super::state::GroupRecord;
use crate::gateway::v2_codes::{V2Code, V2Error};
use crate::world::{Credential, Owner};

/// The caller's standing in one group.
#[derive(Debug, Clone)]
pub(crate) struct Standing {
    /// The caller's user id, when the credential is a user's.
    pub user: Option<u64>,
    /// Whether the caller owns the group (or is the group, through a group's API key).
    pub owner: bool,
    /// The ids of the roles the caller holds (empty for a guest).
    pub roles: BTreeSet<u64>,
    /// The caller's highest rank: 255 for the owner, 0 for a guest.
    pub rank: u8,
    /// The permissions of every role the caller holds (the guest role's for a guest).
    permissions: BTreeSet<String>,
}

impl Standing {
    /// The standing of `credential` in the group of `record`.
    pub fn of(record: &GroupRecord, credential: &Credential) -> Self {
        let (user, owner) = match credential.owner {
            Owner::User(user) => (Some(user), user == record.owner),
            Owner::Group(group) => (None, group == record.id),
        };
        let roles = user
            .and_then(|u| record.members.get(&u))
            .map(|m| m.roles.clone())
            .unwrap_or_default();
        let held: Vec<_> = if roles.is_empty() {
            record.roles.get(&0).into_iter().collect()
        } else {
            record
                .roles
                .values()
                .filter(|r| roles.contains(&r.id))
                .collect()
        };
        let rank = if owner {
            255
        } else {
            held.iter().map(|r| r.rank).max().unwrap_or(0)
        };
        let permissions = held
            .iter()
            .flat_map(|r| r.permissions.iter().cloned())
            .collect();
        Standing {
            user,
            owner,
            roles,
            rank,
            permissions,
        }
    }

    /// Whether the caller may do what `permission` allows (the owner may do everything).
    pub fn can(&self, permission: &str) -> bool {
        self.owner || self.permissions.contains(permission)
    }

    /// 403 unless the caller holds `permission`.
    pub fn require(&self, permission: &str) -> Result<(), V2Error> {
        if self.can(permission) {
            Ok(())
        } else {
            Err(V2Error::new(
                V2Code::PermissionDenied,
                format!("The caller's role in the group lacks the {permission} permission."),
            ))
        }
    }
}
