//! `POST /assets/v1/assets` (create) and `PATCH /assets/v1/assets/{assetId}` (update):
//! multipart bodies with a `request` JSON part and a `fileContent` part.

// A refusal is the answer itself; it is built once per request, so its size is no cost.
#![allow(clippy::result_large_err)]

use crate::gateway::body::RequestBody;
use serde_json::Value;

use super::config::AssetsConfig;
use super::form::{self, bad_request, FileInfo, UNPARSABLE};
use super::json::operation_json;
use super::state::{AssetsState, Operation, StoredAsset};
use super::types::{self, AssetType};
use crate::gateway::clock;
use crate::gateway::error_bodies;
use crate::gateway::responses::Reply;
use crate::gateway::route::{Ctx, StreamReply};
use crate::sync::lock;
use crate::world::Owner;

/// The longest description (<https://create.roblox.com/docs/cloud/guides/usage-assets>).
const MAX_DESCRIPTION_CHARS: usize = 1000;

/// The route's handler.
pub(super) fn create(ctx: Ctx<'_>, body: RequestBody) -> StreamReply<'_> {
    Box::pin(async move {
        match create_asset(&ctx, body).await {
            Ok(reply) | Err(reply) => reply,
        }
    })
}

/// The route's handler.
pub(super) fn update(ctx: Ctx<'_>, body: RequestBody) -> StreamReply<'_> {
    Box::pin(async move {
        match update_asset(&ctx, body).await {
            Ok(reply) | Err(reply) => reply,
        }
    })
}

/// The largest file of the asset type named in a request (the largest of all when the
/// type is unknown yet).
fn cap_for(config: &AssetsConfig, request: Option<&Value>) -> u64 {
    let name = request
        .and_then(|r| r.get("assetType"))
        .and_then(Value::as_str);
    match name.and_then(types::asset_type) {
        Some(t) if t.name == "Video" => config.max_video_bytes,
        Some(_) => config.max_file_bytes,
        None => config.max_file_bytes.max(config.max_video_bytes),
    }
}

async fn create_asset(ctx: &Ctx<'_>, body: RequestBody) -> Result<Reply, Reply> {
    let assets = ctx.area::<AssetsState>();
    let config = &assets.config;
    let max = config.max_file_bytes.max(config.max_video_bytes);
    let form = form::read(ctx.headers, body, config.preamble(), max, |r| {
        cap_for(config, r)
    })
    .await?;
    let (Some(request), Some(file)) = (form.request, form.file) else {
        return Err(bad_request(UNPARSABLE));
    };
    // The messages of the checks below are not documented except those of
    // a bad file and of moderation; their wording is inferred.
    let asset_type = request
        .get("assetType")
        .and_then(Value::as_str)
        .and_then(types::asset_type)
        .ok_or_else(|| bad_request("Invalid argument. Unsupported asset type."))?;
    let name = request
        .get("displayName")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let description = request
        .get("description")
        .and_then(Value::as_str)
        .unwrap_or_default();
    check_texts(config, Some(name), Some(description))?;
    let context = request.get("creationContext");
    let creator = context
        .and_then(|c| c.get("creator"))
        .and_then(creator_of)
        .ok_or_else(|| bad_request("Invalid argument. The creator is missing."))?;
    if !AssetsState::may_act_for(&ctx.state.world, ctx.credential.owner, creator) {
        return Err(forbidden_creator());
    }
    check_file(asset_type, &file)?;
    let expected = context
        .and_then(|c| c.get("expectedPrice"))
        .and_then(number)
        .unwrap_or(0);
    if expected < config.upload_price {
        return Err(bad_request(&format!(
            "Expected price {expected} is lower than the actual price {}.",
            config.upload_price
        )));
    }
    let mut data = lock(&assets.data);
    let id = data.next_asset_id;
    data.next_asset_id += 1;
    let asset = StoredAsset {
        id,
        asset_type: asset_type.name.to_owned(),
        display_name: name.to_owned(),
        description: description.to_owned(),
        creator,
        revision: 1,
        revision_time: clock::now_rfc3339(),
        content_type: file.content_type,
        size: file.size,
        checksum: file.checksum,
        archived: false,
    };
    let reply = start_operation(&mut data, config, &asset);
    data.record_version(&asset, config.max_versions_per_asset);
    data.assets.insert(id, asset);
    Ok(reply)
}

async fn update_asset(ctx: &Ctx<'_>, body: RequestBody) -> Result<Reply, Reply> {
    let assets = ctx.area::<AssetsState>();
    let config = &assets.config;
    let id = ctx
        .param("assetId")
        .and_then(|id| id.parse::<u64>().ok())
        .ok_or_else(|| bad_request("Invalid argument. Invalid asset id."))?;
    let existing = lock(&assets.data).assets.get(&id).cloned();
    let Some(existing) = existing else {
        return Err(not_found());
    };
    if !AssetsState::may_act_for(&ctx.state.world, ctx.credential.owner, existing.creator) {
        return Err(forbidden_creator());
    }
    if existing.archived {
        return Err(archived());
    }
    let asset_type = types::asset_type(&existing.asset_type)
        .ok_or_else(|| bad_request("Invalid argument. Unsupported asset type."))?;
    let cap = if asset_type.name == "Video" {
        config.max_video_bytes
    } else {
        config.max_file_bytes
    };
    let form = form::read(ctx.headers, body, config.preamble(), cap, |_| cap).await?;
    let Some(request) = form.request else {
        return Err(bad_request(UNPARSABLE));
    };
    // The update mask lists the fields to change; without one, the fields present are.
    let mask: Option<Vec<String>> = ctx
        .query
        .get("updateMask")
        .map(|m| m.split(',').map(|f| f.trim().to_owned()).collect());
    let wanted = |field: &str| mask.as_ref().is_none_or(|m| m.iter().any(|f| f == field));
    let name = request
        .get("displayName")
        .and_then(Value::as_str)
        .filter(|_| wanted("displayName"));
    let description = request
        .get("description")
        .and_then(Value::as_str)
        .filter(|_| wanted("description"));
    check_texts(config, name, description)?;
    if let Some(file) = &form.file {
        if !asset_type.updatable {
            return Err(bad_request(&format!(
                "Invalid argument. The content of a {} cannot be updated.",
                asset_type.name
            )));
        }
        check_file(asset_type, file)?;
    }
    let mut data = lock(&assets.data);
    let Some(asset) = data.assets.get_mut(&id) else {
        return Err(not_found());
    };
    if asset.archived {
        return Err(archived());
    }
    if let Some(name) = name {
        asset.display_name = name.to_owned();
    }
    if let Some(description) = description {
        asset.description = description.to_owned();
    }
    if let Some(file) = form.file {
        asset.content_type = file.content_type;
        asset.size = file.size;
        asset.checksum = file.checksum;
    }
    asset.revision += 1;
    asset.revision_time = clock::now_rfc3339();
    let asset = asset.clone();
    data.record_version(&asset, config.max_versions_per_asset);
    Ok(start_operation(&mut data, config, &asset))
}

/// Records the operation of an upload or update and answers it, done or not.
fn start_operation(
    data: &mut super::state::AssetsData,
    config: &AssetsConfig,
    asset: &StoredAsset,
) -> Reply {
    let operation_id = operation_id();
    data.add_operation(
        operation_id.clone(),
        Operation {
            asset_id: asset.id,
            polls: 0,
        },
        config.max_operations,
    );
    let done = config.polls_until_done == 0;
    crate::gateway::responses::json(
        http::StatusCode::OK,
        &operation_json(&operation_id, done.then_some(asset)),
    )
}

/// A random operation id in the form the service uses (a UUID).
fn operation_id() -> String {
    let n = fastrand::u128(..);
    let hex = format!("{n:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// Refuses an empty name, a long description and moderated words.
fn check_texts(
    config: &AssetsConfig,
    name: Option<&str>,
    description: Option<&str>,
) -> Result<(), Reply> {
    if name.is_some_and(str::is_empty) {
        return Err(bad_request("Invalid argument. The display name is empty."));
    }
    if description.is_some_and(|d| d.chars().count() > MAX_DESCRIPTION_CHARS) {
        return Err(bad_request(
            "Invalid argument. The description is longer than 1000 characters.",
        ));
    }
    let moderated = |text: &str| {
        let text = text.to_lowercase();
        config
            .moderated_words
            .iter()
            .any(|w| !w.is_empty() && text.contains(&w.to_lowercase()))
    };
    // The two messages clients match on (inferred from the reference Python client).
    if name.is_some_and(moderated) {
        return Err(bad_request("AssetName is moderated."));
    }
    if description.is_some_and(moderated) {
        return Err(bad_request("AssetDescription is moderated."));
    }
    Ok(())
}

/// Refuses a content type the asset type does not take, and a file that is not what its
/// content type says.
fn check_file(asset_type: &AssetType, file: &FileInfo) -> Result<(), Reply> {
    if !asset_type
        .content_types
        .contains(&file.content_type.as_str())
    {
        return Err(bad_request(&format!(
            "Invalid argument. Content type {:?} is not supported for asset type {}.",
            file.content_type, asset_type.name
        )));
    }
    if file.size == 0 || !types::matches_content(&file.content_type, &file.head) {
        return Err(bad_request(asset_type.invalid_message));
    }
    Ok(())
}

/// `{"userId":"123"}` or `{"groupId":456}`: ids as strings or numbers
/// (<https://create.roblox.com/docs/reference/cloud/assets/v1>).
fn creator_of(creator: &Value) -> Option<Owner> {
    if let Some(user) = creator.get("userId").and_then(number) {
        return Some(Owner::User(user));
    }
    creator.get("groupId").and_then(number).map(Owner::Group)
}

/// A non-negative integer sent as a number or a string.
fn number(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// The documented 404 (<https://create.roblox.com/docs/reference/cloud/assets/v1>).
pub(super) fn not_found() -> Reply {
    error_bodies::status(http::StatusCode::NOT_FOUND, "Asset doesn't exist")
}

/// An archived asset refuses changes until it is restored. The reference only says an
/// archived asset is unusable until restored; the 400 and its message are inferred.
pub(super) fn archived() -> Reply {
    error_bodies::status(
        http::StatusCode::BAD_REQUEST,
        "Invalid argument. The asset is archived; restore it first.",
    )
}

/// The credential may not act for this creator (the message is inferred).
pub(super) fn forbidden_creator() -> Reply {
    error_bodies::status(
        http::StatusCode::FORBIDDEN,
        "The credential may not manage assets of this creator.",
    )
}

#[cfg(test)]
mod tests {
    use super::super::json::text_id;
    use super::*;

    #[test]
    fn creators_take_ids_as_strings_or_numbers() {
        let user = serde_json::json!({"userId": "12"});
        let group = serde_json::json!({"groupId": 34});
        assert_eq!(creator_of(&user), Some(Owner::User(12)));
        assert_eq!(creator_of(&group), Some(Owner::Group(34)));
        assert_eq!(creator_of(&serde_json::json!({})), None);
        let id = operation_id();
        assert_eq!(id.len(), 36);
        assert_eq!(text_id(7), "7");
    }
}
