//! Generate User Thumbnail: an operation whose response is the thumbnail's URI, and the
//! poll of that operation.

use http::StatusCode;
use serde_json::{json, Map};

use super::state::UsersState;
use super::user_of;
use crate::gateway::operations::OperationOutcome;
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::Ctx;
use crate::gateway::v2_codes::{V2Code, V2Error};

/// The `@type` of the response, with the type-URL host the captured answers show.
const RESPONSE_TYPE: &str =
    "apis.roblox.com/roblox.open_cloud.cloud.v2.GenerateUserThumbnailResponse";

/// The sizes the service renders (`size × size` pixels).
const SIZES: &[i64] = &[48, 50, 60, 75, 100, 110, 150, 180, 352, 420, 720];

/// Generate User Thumbnail: `size` (420), `format` (`PNG` or `JPEG`) and `shape`
/// (`ROUND` or `SQUARE`), each checked; the URI is a made-up CDN address naming them.
pub(super) fn generate(ctx: &Ctx<'_>) -> Reply {
    try_generate(ctx).unwrap_or_else(|error| error.reply())
}

fn try_generate(ctx: &Ctx<'_>) -> Result<Reply, V2Error> {
    let user = user_of(ctx)?.id;
    let size = match ctx.query.int("size") {
        Ok(None | Some(0)) => 420,
        Ok(Some(size)) if SIZES.contains(&size) => size,
        // 400 for an unsupported size (inferred).
        _ => {
            return Err(V2Error::invalid_argument(format!(
                "size must be one of {SIZES:?}."
            )))
        }
    };
    let format = match ctx.query.non_empty("format") {
        None => "Png",
        Some(f)
            if f.eq_ignore_ascii_case("PNG") || f.eq_ignore_ascii_case("FORMAT_UNSPECIFIED") =>
        {
            "Png"
        }
        Some(f) if f.eq_ignore_ascii_case("JPEG") => "Jpeg",
        Some(_) => return Err(V2Error::invalid_argument("format must be PNG or JPEG.")),
    };
    let circular = match ctx.query.non_empty("shape") {
        None => true,
        Some(s)
            if s.eq_ignore_ascii_case("ROUND") || s.eq_ignore_ascii_case("SHAPE_UNSPECIFIED") =>
        {
            true
        }
        Some(s) if s.eq_ignore_ascii_case("SQUARE") => false,
        Some(_) => return Err(V2Error::invalid_argument("shape must be ROUND or SQUARE.")),
    };
    let uri = format!(
        "https://tr.rbxcdn.com/30DAY-AvatarHeadshot-{user:016X}-{format}/{size}/{size}/AvatarHeadshot/{format}/{}",
        if circular { "isCircular" } else { "noFilter" }
    );
    let mut fields = Map::new();
    fields.insert("imageUri".into(), json!(uri));
    let area = ctx.area::<UsersState>();
    let operation = area.thumbnails.start(
        &format!("users/{user}"),
        OperationOutcome::Response {
            type_url: RESPONSE_TYPE,
            fields,
        },
        ctx.state.clock.now(),
    );
    Ok(responses::json(StatusCode::OK, &operation))
}

/// Get a thumbnail operation: each poll counts towards its end.
pub(super) fn operation(ctx: &Ctx<'_>) -> Reply {
    try_operation(ctx).unwrap_or_else(|error| error.reply())
}

fn try_operation(ctx: &Ctx<'_>) -> Result<Reply, V2Error> {
    let user = ctx
        .param("user_id")
        .and_then(|id| id.parse::<u64>().ok())
        .ok_or_else(|| V2Error::invalid_argument("Invalid User ID in the request."))?;
    let id = ctx.param("operation_id").unwrap_or_default();
    let area = ctx.area::<UsersState>();
    match area.thumbnails.poll(
        &format!("users/{user}/operations/{id}"),
        ctx.state.clock.now(),
    ) {
        Some(operation) => Ok(responses::json(StatusCode::OK, &operation)),
        // Unknown or expired (inferred: the reference documents neither).
        None => Err(V2Error::new(
            V2Code::NotFound,
            "The operation does not exist.",
        )),
    }
}
