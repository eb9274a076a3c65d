//! List Group Join Requests (filter `user == 'users/N'`), and `:accept` / `:decline`. Each
//! needs the `acceptRequests` permission (the reference says so of the join request
//! resource). An accepted request becomes a membership with the group's lowest role above
//! the guest role; a declined one is gone; either way later lists no longer show it. An
//! unknown request is 404.

use http::StatusCode;
use serde_json::{json, Value};

use super::access::Standing;
use super::filter::{self, invalid_filter, Operand};
use super::state::Member;
use super::{json, with_group};
use crate::gateway::page_token::{page, PageRequest, PageSizes};
use crate::gateway::proto_json::message_body;
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::Ctx;
use crate::gateway::v2_codes::{V2Code, V2Error};

/// 10 requests a page unless asked, at most 20.
const SIZES: PageSizes = PageSizes {
    default: 10,
    max: 20,
};

/// `GET /cloud/v2/groups/{group_id}/join-requests`, by user id.
pub(crate) fn list(ctx: &Ctx<'_>) -> Reply {
    with_group(ctx, |record, _| {
        let request = PageRequest::from_ctx(ctx, SIZES)?;
        let user = match ctx.query.non_empty("filter") {
            None => None,
            Some(text) => match filter::parse(text)? {
                filter::Comparison {
                    field,
                    operand: Operand::Equals(value),
                } if field == "user" => Some(filter::user_path(&value)?),
                _ => return Err(invalid_filter()),
            },
        };
        Standing::of(record, ctx.credential).require("acceptRequests")?;
        let users: Vec<u64> = record
            .join_requests
            .keys()
            .filter(|u| user.is_none_or(|wanted| **u == wanted))
            .copied()
            .collect();
        let page = page(&users, |u| *u, &request)?;
        let items: Vec<Value> = page
            .items
            .iter()
            .filter_map(|u| {
                record
                    .join_requests
                    .get(u)
                    .map(|time| json::join_request(record, *u, *time))
            })
            .collect();
        Ok(responses::json(
            StatusCode::OK,
            &json!({ "groupJoinRequests": items, "nextPageToken": page.next_page_token }),
        ))
    })
    .unwrap_or_else(|error| error.reply())
}

/// `POST …/join-requests/{join_request_id}:accept`.
pub(crate) fn accept(ctx: &Ctx<'_>) -> Reply {
    decide(ctx, true).unwrap_or_else(|error| error.reply())
}

/// `POST …/join-requests/{join_request_id}:decline`.
pub(crate) fn decline(ctx: &Ctx<'_>) -> Reply {
    decide(ctx, false).unwrap_or_else(|error| error.reply())
}

fn decide(ctx: &Ctx<'_>, accept: bool) -> Result<Reply, V2Error> {
    with_group(ctx, |record, _| {
        message_body(&ctx.body)?;
        let user = ctx
            .param("join_request_id")
            .and_then(|id| id.parse::<u64>().ok())
            .filter(|id| *id > 0)
            .ok_or_else(|| V2Error::invalid_argument("Invalid join request id in the request."))?;
        Standing::of(record, ctx.credential).require("acceptRequests")?;
        if !record.join_requests.contains_key(&user) {
            return Err(V2Error::new(
                V2Code::NotFound,
                "The join request does not exist.",
            ));
        }
        let now = ctx.state.clock.now_utc();
        if accept {
            let entry = record.entry_role().map(|r| r.id).ok_or_else(|| {
                V2Error::new(
                    V2Code::FailedPrecondition,
                    "The group has no role above the guest role.",
                )
            })?;
            record.members.insert(
                user,
                Member {
                    roles: [entry].into_iter().collect(),
                    create_time: now,
                    update_time: now,
                },
            );
        }
        record.join_requests.remove(&user);
        Ok(responses::json(StatusCode::OK, &json!({})))
    })
}
