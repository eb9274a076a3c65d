//! Role changes of a membership: the deprecated Update Group Membership (`PATCH`, the
//! member's roles become the one given) and its successors `:assignRole` and
//! `:unassignRole`. Assigning a role already held, or unassigning one not held, changes
//! nothing, as the reference says.
//!
//! Rules (<https://create.roblox.com/docs/cloud/reference/features/groups>): the guest and
//! owner roles cannot be assigned (or unassigned), callers cannot change their own roles,
//! and a caller other than the owner needs `changeRank` and a rank above both the member's
//! and the role's; each is 403 `PERMISSION_DENIED`. An unknown role is 400, as is taking
//! a member's last role away (undocumented; inferred).

use http::StatusCode;

use super::access::Standing;
use super::state::GroupRecord;
use super::{json, with_group};
use crate::gateway::proto_json::message_body;
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::Ctx;
use crate::gateway::v2_codes::{V2Code, V2Error};

/// What a call does to the member's roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    /// The roles become the one given.
    Replace,
    /// The role is added.
    Assign,
    /// The role is taken away.
    Unassign,
}

/// `PATCH /cloud/v2/groups/{group_id}/memberships/{membership_id}`.
pub(crate) fn update(ctx: &Ctx<'_>) -> Reply {
    change(ctx, Change::Replace).unwrap_or_else(|error| error.reply())
}

/// `POST …/memberships/{membership_id}:assignRole`.
pub(crate) fn assign(ctx: &Ctx<'_>) -> Reply {
    change(ctx, Change::Assign).unwrap_or_else(|error| error.reply())
}

/// `POST …/memberships/{membership_id}:unassignRole`.
pub(crate) fn unassign(ctx: &Ctx<'_>) -> Reply {
    change(ctx, Change::Unassign).unwrap_or_else(|error| error.reply())
}

fn denied(message: &str) -> V2Error {
    V2Error::new(V2Code::PermissionDenied, message)
}

/// The role id of `groups/{g}/roles/{r}` in the body.
fn role_of_body(ctx: &Ctx<'_>, record: &GroupRecord) -> Result<u64, V2Error> {
    let body = message_body(&ctx.body)?;
    let path = body
        .get("role")
        .and_then(|v| v.as_str())
        .filter(|p| !p.is_empty())
        .ok_or_else(|| V2Error::invalid_argument("role is required."))?;
    let prefix = format!("groups/{}/roles/", record.id);
    path.strip_prefix(&prefix)
        .and_then(|id| id.parse::<u64>().ok())
        .ok_or_else(|| {
            V2Error::invalid_argument(format!(
                "role must be a role of this group: groups/{}/roles/{{role_id}}.",
                record.id
            ))
        })
}

fn change(ctx: &Ctx<'_>, change: Change) -> Result<Reply, V2Error> {
    with_group(ctx, |record, _| {
        let user = ctx
            .param("membership_id")
            .as_deref()
            .and_then(json::membership_user)
            .ok_or_else(|| V2Error::invalid_argument("Invalid membership id in the request."))?;
        let role_id = role_of_body(ctx, record)?;
        let Some(member) = record.members.get(&user) else {
            return Err(V2Error::new(
                V2Code::NotFound,
                "The membership does not exist.",
            ));
        };
        let role = record
            .role(role_id)
            .ok_or_else(|| V2Error::invalid_argument("The role does not exist in this group."))?;
        if role.rank == 0 || role.rank == 255 {
            return Err(denied("The guest and owner roles cannot be assigned."));
        }
        let standing = Standing::of(record, ctx.credential);
        if standing.user == Some(user) {
            return Err(denied("Callers cannot change their own roles."));
        }
        if !standing.owner {
            standing.require("changeRank")?;
            let member_rank = record.highest(&member.roles).map_or(0, |r| r.rank);
            if standing.rank <= member_rank || standing.rank <= role.rank {
                return Err(denied(
                    "The caller can only manage lower-ranked members and roles.",
                ));
            }
        }
        let mut roles = member.roles.clone();
        match change {
            Change::Replace => {
                roles.clear();
                roles.insert(role_id);
            }
            Change::Assign => {
                roles.insert(role_id);
            }
            Change::Unassign => {
                if roles.len() == 1 && roles.contains(&role_id) {
                    return Err(V2Error::invalid_argument(
                        "A member's last role cannot be unassigned.",
                    ));
                }
                roles.remove(&role_id);
            }
        }
        let now = ctx.state.clock.now_utc();
        let Some(member) = record.members.get_mut(&user) else {
            return Err(V2Error::new(
                V2Code::NotFound,
                "The membership does not exist.",
            ));
        };
        if member.roles != roles {
            member.roles = roles;
            member.update_time = now;
        }
        let member = member.clone();
        Ok(responses::json(
            StatusCode::OK,
            &json::membership(record, user, &member),
        ))
    })
}
