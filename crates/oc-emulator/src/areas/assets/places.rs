//! `POST /universes/v1/{universeId}/places/{placeId}/versions?versionType=Saved|Published`
//! (<https://create.roblox.com/docs/cloud/guides/usage-place-publishing>): the raw place file as
//! the body, read as it arrives.

use crate::gateway::body::RequestBody;
use http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use http::StatusCode;
use http_body_util::BodyExt;
use serde_json::json;

use super::state::{AssetsState, Fnv, PlaceVersion};
use crate::gateway::error_bodies::{self, ErrorShape};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::{Ctx, StreamReply};
use crate::sync::lock;

/// The route's handler.
pub(super) fn publish(ctx: Ctx<'_>, body: RequestBody) -> StreamReply<'_> {
    Box::pin(async move {
        match publish_place(&ctx, body).await {
            Ok(reply) | Err(reply) => reply,
        }
    })
}

/// An error body. The universes API's bodies are not documented; the v1 `code` shape
/// (<https://create.roblox.com/docs/cloud/reference/errors>) carries the documented messages and
/// the code of the status
/// table (409 `ABORTED`), and clients read its `message` (inferred).
fn error(status: StatusCode, message: &str) -> Reply {
    responses::json(
        status,
        &json!({ "code": error_bodies::canonical_code(status), "message": message }),
    )
}

async fn publish_place(ctx: &Ctx<'_>, mut body: RequestBody) -> Result<Reply, Reply> {
    let assets = ctx.area::<AssetsState>();
    let config = &assets.config;
    let version_type = match ctx.query.get("versionType") {
        Some(v) if v.eq_ignore_ascii_case("Saved") => "Saved",
        Some(v) if v.eq_ignore_ascii_case("Published") => "Published",
        other => {
            return Err(error_bodies::problem_details(
                StatusCode::BAD_REQUEST,
                Some(json!({ "versionType": [format!(
                    "The value '{}' is not valid.",
                    other.unwrap_or_default()
                )] })),
            ))
        }
    };
    let content_type = ctx
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let xml = match content_type.as_str() {
        "application/octet-stream" => false,
        "application/xml" | "text/xml" => true,
        _ => {
            return Err(error_bodies::problem_details(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                None,
            ))
        }
    };
    let universe_id = ctx.universe.unwrap_or_default();
    let place_id = ctx
        .param("placeId")
        .and_then(|p| p.parse::<u64>().ok())
        .ok_or_else(|| error(StatusCode::BAD_REQUEST, "Invalid place id."))?;
    if !ctx.state.world.has_universe(universe_id) {
        return Err(error(StatusCode::NOT_FOUND, "Universe does not exist."));
    }
    match ctx.state.world.universe_of_place(place_id) {
        None => return Err(error(StatusCode::NOT_FOUND, "Place does not exist.")),
        Some(owner) if owner != universe_id => {
            return Err(error(
                StatusCode::CONFLICT,
                "Place not part of the universe.",
            ));
        }
        Some(_) => {}
    }
    if config.team_create_places.contains(&place_id) {
        // 409 while the place is open in Team Create (reported by client authors; inferred); the
        // message
        // is inferred.
        return Err(error(
            StatusCode::CONFLICT,
            "The place is open in Team Create; close Team Create to publish.",
        ));
    }
    // The answer to a body over `x-roblox-size-limit` is not documented; the gateway's 413
    // is inferred.
    let cap = config.max_place_bytes;
    let declared = ctx
        .headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > cap) {
        return Err(ErrorShape::Gateway.payload_too_large());
    }
    let mut size = 0u64;
    let mut hash = Fnv::default();
    let mut head = Vec::new();
    while let Some(frame) = body.frame().await {
        let Ok(frame) = frame else {
            return Err(error(
                StatusCode::BAD_REQUEST,
                "Invalid request or file content.",
            ));
        };
        if let Ok(chunk) = frame.into_data() {
            size += chunk.len() as u64;
            if size > cap {
                return Err(ErrorShape::Gateway.payload_too_large());
            }
            if head.len() < 64 {
                head.extend_from_slice(&chunk[..(64 - head.len()).min(chunk.len())]);
            }
            hash.update(&chunk);
        }
    }
    // A binary place starts `<roblox!`, an XML one `<roblox` (after an optional XML
    // declaration); the service parses the whole file, the emulator its start.
    // `application/octet-stream` takes either: the reference Python client sends it for
    // every place file, and the documentation does not say an XML place sent that way is
    // refused (inferred: no stricter than the service is known to be).
    let text = String::from_utf8_lossy(&head);
    let binary = head.starts_with(b"<roblox!");
    let valid = if xml {
        text.contains("<roblox")
    } else {
        binary || text.contains("<roblox")
    };
    if !valid {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "Invalid request or file content.",
        ));
    }
    let mut data = lock(&assets.data);
    let record = PlaceVersion {
        universe_id,
        place_id,
        version: 0,
        version_type: version_type.to_owned(),
        content_type,
        size,
        checksum: hash.finish(),
    };
    let version = data.add_place_version(record, config.max_place_versions);
    drop(data);
    ctx.state
        .world
        .record_place_version(place_id, version, version_type == "Published");
    Ok(responses::json(
        StatusCode::OK,
        &json!({ "versionNumber": version }),
    ))
}
