//! The JSON of assets and operations, as the service writes them
//! (<https://create.roblox.com/docs/reference/cloud/assets/v1>): int64 ids
//! as strings, enums in PascalCase (`Decal`, `Approved`) as captured responses show
//! (inferred).

use serde_json::{json, Value};

use super::state::{AssetVersionRecord, StoredAsset};
use crate::world::Owner;

/// An id as the service writes int64 values: a string.
pub(super) fn text_id(id: u64) -> String {
    id.to_string()
}

/// The `creator` of a creation context.
fn creator_json(creator: Owner) -> Value {
    match creator {
        Owner::User(id) => json!({ "userId": text_id(id) }),
        Owner::Group(id) => json!({ "groupId": text_id(id) }),
    }
}

/// An `Asset`.
pub(super) fn asset_json(asset: &StoredAsset) -> Value {
    let creator = creator_json(asset.creator);
    json!({
        "path": format!("assets/{}", asset.id),
        "revisionId": text_id(asset.revision),
        "revisionCreateTime": asset.revision_time,
        "assetId": text_id(asset.id),
        "displayName": asset.display_name,
        "description": asset.description,
        "assetType": asset.asset_type,
        "creationContext": { "creator": creator },
        "moderationResult": { "moderationState": "Approved" },
        "state": if asset.archived { "Archived" } else { "Active" },
    })
}

/// An `AssetVersion`: its path, creator and moderation (`published` is for places only,
/// and left out).
pub(super) fn version_json(asset_id: u64, version: &AssetVersionRecord) -> Value {
    json!({
        "path": format!("assets/{asset_id}/versions/{}", version.number),
        "creationContext": { "creator": creator_json(version.creator) },
        "moderationResult": { "moderationState": "Approved" },
    })
}

/// An `Operation`: done with its asset as `response`, or pending without one.
pub(super) fn operation_json(operation_id: &str, done_with: Option<&StoredAsset>) -> Value {
    let mut operation = json!({
        "path": format!("operations/{operation_id}"),
        "operationId": operation_id,
        "done": done_with.is_some(),
    });
    if let (Some(asset), Some(object)) = (done_with, operation.as_object_mut()) {
        let mut response = asset_json(asset);
        if let Some(response) = response.as_object_mut() {
            response.insert(
                "@type".into(),
                "type.googleapis.com/roblox.open_cloud.assets.v1.Asset".into(),
            );
        }
        object.insert("response".into(), response);
    }
    operation
}
