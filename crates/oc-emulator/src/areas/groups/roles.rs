//! List Group Roles and Get Group Role: roles by ascending rank; `group:read` (optional)
//! shows permissions as [`json::role`] says.

use http::StatusCode;
use serde_json::json;

use super::access::Standing;
use super::state::Role;
use super::{json, with_group};
use crate::gateway::page_token::{page, PageRequest, PageSizes};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::Ctx;
use crate::gateway::v2_codes::{V2Code, V2Error};

/// 10 roles a page unless asked, at most 20.
const SIZES: PageSizes = PageSizes {
    default: 10,
    max: 20,
};

/// `GET /cloud/v2/groups/{group_id}/roles`, ascending rank (the order is not documented;
/// inferred).
pub(crate) fn list(ctx: &Ctx<'_>) -> Reply {
    with_group(ctx, |record, _| {
        let request = PageRequest::from_ctx(ctx, SIZES)?;
        let read = ctx.credential.allows(None, "group:read");
        let standing = Standing::of(record, ctx.credential);
        let roles: Vec<&Role> = record.roles.values().collect();
        let page = page(&roles, |r| r.rank, &request)?;
        let items: Vec<_> = page
            .items
            .iter()
            .map(|r| json::role(record, r, &standing, read))
            .collect();
        Ok(responses::json(
            StatusCode::OK,
            &json!({ "groupRoles": items, "nextPageToken": page.next_page_token }),
        ))
    })
    .unwrap_or_else(|error| error.reply())
}

/// `GET /cloud/v2/groups/{group_id}/roles/{role_id}`.
pub(crate) fn get(ctx: &Ctx<'_>) -> Reply {
    with_group(ctx, |record, _| {
        let id = ctx
            .param("role_id")
            .and_then(|id| id.parse::<u64>().ok())
            .ok_or_else(|| V2Error::invalid_argument("Invalid role id in the request."))?;
        let role = record
            .role(id)
            .ok_or_else(|| V2Error::new(V2Code::NotFound, "The role does not exist."))?;
        let read = ctx.credential.allows(None, "group:read");
        let standing = Standing::of(record, ctx.credential);
        Ok(responses::json(
            StatusCode::OK,
            &json::role(record, role, &standing, read),
        ))
    })
    .unwrap_or_else(|error| error.reply())
}
