//! `GET /assets/v1/assets/{assetId}` and `GET /assets/v1/operations/{operationId}`.

use http::StatusCode;

use super::form::bad_request;
use super::json::{asset_json, operation_json};
use super::read_mask;
use super::state::AssetsState;
use super::upload::not_found;
use crate::gateway::error_bodies;
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::Ctx;
use crate::sync::lock;

/// Answers an asset.
pub(super) fn get_asset(ctx: &Ctx<'_>) -> Reply {
    let assets = ctx.area::<AssetsState>();
    let Some(id) = ctx.param("assetId").and_then(|id| id.parse::<u64>().ok()) else {
        return bad_request("Invalid argument. Invalid asset id.");
    };
    let data = lock(&assets.data);
    let Some(asset) = data.assets.get(&id) else {
        return not_found();
    };
    // An archived asset still reads, with `state` `Archived`.
    match read_mask::apply(&asset_json(asset), ctx.query.get("readMask")) {
        Ok(masked) => responses::json(StatusCode::OK, &masked),
        // The documented 400 "invalid read mask".
        Err(field) => bad_request(&format!(
            "Invalid argument. invalid read mask: unknown field {field:?}."
        )),
    }
}

/// Answers an operation; each poll counts towards its end.
pub(super) fn get_operation(ctx: &Ctx<'_>) -> Reply {
    let assets = ctx.area::<AssetsState>();
    let Some(id) = ctx.param("operationId") else {
        return bad_request("Invalid argument. Invalid operation id.");
    };
    let needed = assets.config.polls_until_done;
    let mut data = lock(&assets.data);
    let Some(operation) = data.operations.get_mut(&id) else {
        // Not documented; a 404 in the Assets shape is inferred.
        return error_bodies::status(StatusCode::NOT_FOUND, "Operation not found.");
    };
    operation.polls = operation.polls.saturating_add(1);
    let done = operation.polls >= needed;
    let asset_id = operation.asset_id;
    let asset = data.assets.get(&asset_id).filter(|_| done);
    responses::json(StatusCode::OK, &operation_json(&id, asset))
}
