//! Get Group, and Get Group Shout (removed from the reference in April 2026, still listed
//! for in-game HttpService; answered unless `[groups_api] shout_endpoint = false`).

use http::StatusCode;
use serde_json::{json, Map};

use super::access::Standing;
use super::{json, with_group};
use crate::gateway::proto_json::format_timestamp;
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::Ctx;
use crate::gateway::v2_codes::{V2Code, V2Error};

/// `GET /cloud/v2/groups/{group_id}`.
pub(crate) fn get(ctx: &Ctx<'_>) -> Reply {
    with_group(ctx, |record, _| {
        Ok(responses::json(StatusCode::OK, &json::group(record)))
    })
    .unwrap_or_else(|error| error.reply())
}

/// `GET /cloud/v2/groups/{group_id}/shout`. Anyone reads it when guests may view the
/// shout; otherwise the caller needs `group:read` and a role that may view it.
pub(crate) fn shout(ctx: &Ctx<'_>) -> Reply {
    with_group(ctx, |record, area| {
        if !area.config.shout_endpoint {
            return Err(V2Error::new(V2Code::NotFound, "Not Found"));
        }
        let guests_view = record
            .roles
            .get(&0)
            .is_some_and(|guest| guest.grants("viewGroupShout"));
        if !guests_view {
            if !ctx.credential.allows(None, "group:read") {
                return Err(V2Error::new(
                    V2Code::PermissionDenied,
                    "Reading this group's shout needs the group:read scope.",
                ));
            }
            Standing::of(record, ctx.credential).require("viewGroupShout")?;
        }
        let mut body = Map::new();
        body.insert("path".into(), json!(format!("groups/{}/shout", record.id)));
        // A group that never had a shout answers an empty one without times or poster
        // (inferred: the reference only says `poster` is absent for an abandoned group
        // that never had one).
        if let Some(content) = &record.settings.shout {
            let time = format_timestamp(record.shout_time);
            body.insert("createTime".into(), json!(time));
            body.insert("updateTime".into(), json!(time));
            body.insert("content".into(), json!(content));
            let poster = record.settings.shout_poster.unwrap_or(record.owner);
            body.insert("poster".into(), json!(format!("users/{poster}")));
        } else {
            body.insert("content".into(), json!(""));
        }
        Ok(responses::json(
            StatusCode::OK,
            &serde_json::Value::Object(body),
        ))
    })
    .unwrap_or_else(|error| error.reply())
}
