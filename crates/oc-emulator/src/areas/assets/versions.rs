//! Asset versions (<https://create.roblox.com/docs/cloud/reference/features/assets>):
//! `GET /assets/v1/assets/{assetId}/versions`, `GET …/versions/{versionNumber}` and
//! `POST …/versions:rollback`.
//!
//! * Every upload, update and rollback makes a version; its number is the asset's
//!   revision.
//! * Lists are newest first (as captured), 8 a page by default and at most 50, answered in
//!   the object form `{"assetVersions":[…],"nextPageToken":"…"}`: the reference declares
//!   a bare array, but the service answers the object (captured), which is followed.
//! * A rollback makes the target version's content current. Whether that mints a new
//!   version number is not documented: the reference says every change commits a new
//!   version, so the emulator records the rollback as version N+1 (unverified), and
//!   answers the target `AssetVersion`, as captured.
//! * Its body is JSON `{"assetVersion":"assets/{id}/versions/{n}"}`; the reference's
//!   schema says `multipart/form-data` with the same field while its own sample sends
//!   JSON: both are taken.

#![allow(
    clippy::result_large_err,
    reason = "an error answer ends the request; it is built once and never moved far"
)]

use http::header::CONTENT_TYPE;
use http::StatusCode;
use serde_json::{json, Value};

use super::form::bad_request;
use super::json::version_json;
use super::state::{AssetVersionRecord, AssetsState, StoredAsset};
use super::upload::{archived, forbidden_creator, not_found};
use crate::gateway::clock;
use crate::gateway::error_bodies::{self, ErrorShape};
use crate::gateway::page_token::{self, PageRequest, PageSizes};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::Ctx;
use crate::gateway::v2_codes::V2Error;
use crate::sync::lock;

/// 8 versions a page by default, at most 50.
const SIZES: PageSizes = PageSizes {
    default: 8,
    max: 50,
};

/// The asset id of the path.
pub(super) fn asset_id(ctx: &Ctx<'_>) -> Result<u64, Reply> {
    ctx.param("assetId")
        .and_then(|id| id.parse::<u64>().ok())
        .ok_or_else(|| bad_request("Invalid argument. Invalid asset id."))
}

/// A page-token or page-size error in the Assets shape.
fn status_error(error: &V2Error) -> Reply {
    error_bodies::status(error.code.status(), &error.message)
}

fn answer(result: Result<Value, Reply>) -> Reply {
    match result {
        Ok(value) => responses::json(StatusCode::OK, &value),
        Err(reply) => reply,
    }
}

/// Lists an asset's versions, newest first.
pub(super) fn list(ctx: &Ctx<'_>) -> Reply {
    answer((|| {
        let id = asset_id(ctx)?;
        let request = PageRequest::from_ctx(ctx, SIZES).map_err(|e| status_error(&e))?;
        let assets = ctx.area::<AssetsState>();
        let data = lock(&assets.data);
        if !data.assets.contains_key(&id) {
            return Err(not_found());
        }
        let versions: Vec<&AssetVersionRecord> = data
            .asset_versions
            .get(&id)
            .map(|v| v.iter().rev().collect())
            .unwrap_or_default();
        // Sorted ascending by the page key: newest first.
        let page = page_token::page(&versions, |v| u64::MAX - v.number, &request)
            .map_err(|e| status_error(&e))?;
        let items: Vec<Value> = page.items.iter().map(|v| version_json(id, v)).collect();
        let mut body = json!({ "assetVersions": items });
        if !page.next_page_token.is_empty() {
            body["nextPageToken"] = json!(page.next_page_token);
        }
        Ok(body)
    })())
}

/// The version number of the path.
fn version_number(text: Option<&str>) -> Result<u64, Reply> {
    text.and_then(|n| n.trim().parse::<u64>().ok())
        .filter(|n| *n > 0)
        .ok_or_else(|| bad_request("Invalid argument. Invalid version number."))
}

/// Gets one version.
pub(super) fn get(ctx: &Ctx<'_>) -> Reply {
    answer((|| {
        let id = asset_id(ctx)?;
        let number = version_number(ctx.param("versionNumber").as_deref())?;
        let assets = ctx.area::<AssetsState>();
        let data = lock(&assets.data);
        if !data.assets.contains_key(&id) {
            return Err(not_found());
        }
        find(data.asset_versions.get(&id), number)
            .map(|v| version_json(id, v))
            .ok_or_else(version_not_found)
    })())
}

fn find(
    versions: Option<&std::collections::VecDeque<AssetVersionRecord>>,
    number: u64,
) -> Option<&AssetVersionRecord> {
    versions?.iter().find(|v| v.number == number)
}

/// The 404 of a version (the message is inferred).
fn version_not_found() -> Reply {
    error_bodies::status(StatusCode::NOT_FOUND, "Asset version doesn't exist")
}

/// The `assetVersion` of a rollback body: JSON, or a `multipart/form-data` field.
fn requested_version(ctx: &Ctx<'_>) -> Option<String> {
    let content_type = ctx
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if content_type
        .to_ascii_lowercase()
        .starts_with("multipart/form-data")
    {
        let boundary = content_type
            .split(';')
            .filter_map(|p| p.trim().split_once('='))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case("boundary"))
            .map(|(_, v)| v.trim().trim_matches('"').to_owned())?;
        return form_field(&ctx.body, &boundary, "assetVersion");
    }
    let body: Value = serde_json::from_slice(&ctx.body).ok()?;
    body.get("assetVersion")
        .or_else(|| body.get("asset_version"))
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// The text of field `name` in a buffered `multipart/form-data` body.
fn form_field(body: &[u8], boundary: &str, name: &str) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?;
    let delimiter = format!("--{boundary}");
    text.split(delimiter.as_str()).find_map(|part| {
        let (headers, value) = part.split_once("\r\n\r\n")?;
        let named = headers.lines().any(|line| {
            line.to_ascii_lowercase().starts_with("content-disposition")
                && (line.contains(&format!("name=\"{name}\""))
                    || line.contains(&format!("name={name}")))
        });
        named.then(|| value.trim_end_matches("\r\n").to_owned())
    })
}

/// Rolls an asset back to one of its versions.
pub(super) fn rollback(ctx: &Ctx<'_>) -> Reply {
    answer((|| {
        // The reference lists asset:read and asset:write; the route checks the second.
        if !ctx.credential.allows(None, "asset:read") {
            return Err(ErrorShape::Status.forbidden("asset:read", None));
        }
        let id = asset_id(ctx)?;
        let requested = requested_version(ctx)
            .ok_or_else(|| bad_request("Invalid argument. The assetVersion is missing."))?;
        let number = requested
            .trim()
            .strip_prefix(&format!("assets/{id}/versions/"))
            .ok_or_else(|| {
                bad_request("Invalid argument. assetVersion must be assets/{assetId}/versions/{versionNumber}.")
            })
            .and_then(|n| version_number(Some(n)))?;
        let assets = ctx.area::<AssetsState>();
        let max = assets.config.max_versions_per_asset;
        let mut data = lock(&assets.data);
        let Some(asset) = data.assets.get(&id) else {
            return Err(not_found());
        };
        if !AssetsState::may_act_for(&ctx.state.world, ctx.credential.owner, asset.creator) {
            return Err(forbidden_creator());
        }
        if asset.archived {
            return Err(archived());
        }
        let target = find(data.asset_versions.get(&id), number)
            .cloned()
            .ok_or_else(version_not_found)?;
        let rolled: StoredAsset = {
            let Some(asset) = data.assets.get_mut(&id) else {
                return Err(not_found());
            };
            asset.content_type.clone_from(&target.content_type);
            asset.size = target.size;
            asset.checksum = target.checksum;
            asset.revision += 1;
            asset.revision_time = clock::now_rfc3339();
            asset.clone()
        };
        data.record_version(&rolled, max);
        Ok(version_json(id, &target))
    })())
}
