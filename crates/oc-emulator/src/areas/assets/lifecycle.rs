//! `POST /assets/v1/assets/{assetId}:archive` and `…:restore`
//! (<https://create.roblox.com/docs/cloud/reference/features/assets>): an archived asset
//! leaves the website and experiences until restored. Both answer the `Asset`. Archiving
//! an archived asset, or restoring an active one, changes nothing and answers 200 (not
//! documented; inferred).

use http::StatusCode;

use super::json::asset_json;
use super::state::AssetsState;
use super::upload::{forbidden_creator, not_found};
use super::versions::asset_id;
use crate::gateway::error_bodies::ErrorShape;
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::Ctx;
use crate::sync::lock;

fn set_archived(ctx: &Ctx<'_>, archived: bool) -> Reply {
    // The reference lists asset:read and asset:write; the route checks the second.
    if !ctx.credential.allows(None, "asset:read") {
        return ErrorShape::Status.forbidden("asset:read", None);
    }
    let id = match asset_id(ctx) {
        Ok(id) => id,
        Err(reply) => return reply,
    };
    let assets = ctx.area::<AssetsState>();
    let mut data = lock(&assets.data);
    let Some(asset) = data.assets.get_mut(&id) else {
        return not_found();
    };
    if !AssetsState::may_act_for(&ctx.state.world, ctx.credential.owner, asset.creator) {
        return forbidden_creator();
    }
    asset.archived = archived;
    responses::json(StatusCode::OK, &asset_json(asset))
}

/// Archives an asset.
pub(super) fn archive(ctx: &Ctx<'_>) -> Reply {
    set_archived(ctx, true)
}

/// Restores an archived asset.
pub(super) fn restore(ctx: &Ctx<'_>) -> Reply {
    set_archived(ctx, false)
}
