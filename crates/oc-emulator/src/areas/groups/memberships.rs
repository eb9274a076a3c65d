//! List Group Memberships (<https://create.roblox.com/docs/cloud/reference/patterns#list-group-memberships>):
//! a group's members by user id, filtered by `user == 'users/N'` or
//! `role == 'groups/G/roles/R'`; or, with `-` for the group, the memberships of up to 50
//! users across every group, filtered by `user in ['users/1', …]` (also
//! `user == 'users/N'`, which clients send).

use http::StatusCode;
use serde_json::{json, Value};

use super::filter::{self, invalid_filter, Operand};
use super::state::GroupsState;
use super::{json, with_group};
use crate::gateway::page_token::{page, PageRequest, PageSizes};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::Ctx;
use crate::gateway::v2_codes::V2Error;
use crate::sync::lock;

/// 10 memberships a page unless asked, at most 100.
const SIZES: PageSizes = PageSizes {
    default: 10,
    max: 100,
};

/// The most users one `-` search names.
const MAX_USERS: usize = 50;

/// `GET /cloud/v2/groups/{group_id}/memberships`.
pub(crate) fn list(ctx: &Ctx<'_>) -> Reply {
    let result = if ctx.param("group_id").as_deref() == Some("-") {
        across_groups(ctx)
    } else {
        in_group(ctx)
    };
    result.unwrap_or_else(|error| error.reply())
}

/// The filter of one group's list: a user, a role, or nothing.
enum GroupFilter {
    All,
    User(u64),
    Role(u64),
}

fn in_group(ctx: &Ctx<'_>) -> Result<Reply, V2Error> {
    with_group(ctx, |record, _| {
        let request = PageRequest::from_ctx(ctx, SIZES)?;
        let wanted = match ctx.query.non_empty("filter") {
            None => GroupFilter::All,
            Some(text) => {
                let comparison = filter::parse(text)?;
                match (comparison.field.as_str(), comparison.operand) {
                    ("user", Operand::Equals(value)) => {
                        GroupFilter::User(filter::user_path(&value)?)
                    }
                    ("role", Operand::Equals(value)) => {
                        let prefix = format!("groups/{}/roles/", record.id);
                        let role = value
                            .strip_prefix(&prefix)
                            .and_then(|r| r.parse::<u64>().ok())
                            .ok_or_else(invalid_filter)?;
                        GroupFilter::Role(role)
                    }
                    _ => return Err(invalid_filter()),
                }
            }
        };
        // A member holding several roles matches a role filter on any of them (the
        // reference says only "exact role"; inferred from `roles`).
        let users: Vec<u64> = record
            .members
            .iter()
            .filter(|(user, member)| match wanted {
                GroupFilter::All => true,
                GroupFilter::User(id) => **user == id,
                GroupFilter::Role(id) => member.roles.contains(&id),
            })
            .map(|(user, _)| *user)
            .collect();
        let page = page(&users, |u| *u, &request)?;
        let items: Vec<Value> = page
            .items
            .iter()
            .filter_map(|u| {
                record
                    .members
                    .get(u)
                    .map(|m| json::membership(record, *u, m))
            })
            .collect();
        Ok(responses::json(
            StatusCode::OK,
            &json!({ "groupMemberships": items, "nextPageToken": page.next_page_token }),
        ))
    })
}

fn across_groups(ctx: &Ctx<'_>) -> Result<Reply, V2Error> {
    let request = PageRequest::from_ctx(ctx, SIZES)?;
    let Some(text) = ctx.query.non_empty("filter") else {
        return Err(V2Error::invalid_argument(
            "Listing memberships across groups needs a filter naming the users.",
        ));
    };
    let comparison = filter::parse(text)?;
    let users: Vec<u64> = match (comparison.field.as_str(), comparison.operand) {
        ("user", Operand::Equals(value)) => vec![filter::user_path(&value)?],
        ("user", Operand::In(values)) if !values.is_empty() && values.len() <= MAX_USERS => values
            .iter()
            .map(|v| filter::user_path(v))
            .collect::<Result<_, _>>()?,
        ("user", Operand::In(_)) => {
            return Err(V2Error::invalid_argument(format!(
                "The filter must name 1 to {MAX_USERS} users."
            )))
        }
        _ => return Err(invalid_filter()),
    };
    let now = ctx.state.clock.now_utc();
    let area = ctx.area::<GroupsState>();
    let mut data = lock(&area.data);
    // Every group of the world, so that owners of groups never read before are found.
    let mut keys = Vec::new();
    for group in ctx.state.world.all_groups() {
        let record = data.record(&group, now);
        for user in &users {
            if record.members.contains_key(user) {
                keys.push((record.id, *user));
            }
        }
    }
    keys.sort_unstable();
    keys.dedup();
    let page = page(&keys, |k| *k, &request)?;
    let items: Vec<Value> = page
        .items
        .iter()
        .filter_map(|(group, user)| {
            let record = data.groups.get(group)?;
            record
                .members
                .get(user)
                .map(|m| json::membership(record, *user, m))
        })
        .collect();
    Ok(responses::json(
        StatusCode::OK,
        &json!({ "groupMemberships": items, "nextPageToken": page.next_page_token }),
    ))
}
