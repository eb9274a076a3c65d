//! List Inventory Items: a user's items, filtered, a page at a time.

use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;
use http::StatusCode;
use serde_json::{json, Map, Value};

use super::config::{InventoryItemConfig, InventoryItemKind};
use super::filter;
use super::state::{key_of, InventoryState, ItemKey};
use crate::gateway::page_token::{page, PageRequest, PageSizes};
use crate::gateway::proto_json::{format_timestamp, parse_timestamp};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::Ctx;
use crate::gateway::v2_codes::{V2Code, V2Error};
use crate::sync::lock;
use crate::world::Owner;

/// 10 items a page unless told, 100 at most.
const SIZES: PageSizes = PageSizes {
    default: 10,
    max: 100,
};

/// The scope that reads a private inventory.
const INVENTORY_READ: &str = "user.inventory-item:read";

/// The item's id: base64 of `KIND_ID=<id>`.
fn item_id(item: &InventoryItemConfig) -> String {
    let id = item.instance_id.unwrap_or(item.id);
    STANDARD_NO_PAD.encode(format!("{}={id}", item.kind.id_prefix()))
}

fn item_json(item: &InventoryItemConfig) -> Value {
    let mut body = Map::new();
    body.insert(
        "path".into(),
        json!(format!(
            "users/{}/inventory-items/{}",
            item.user,
            item_id(item)
        )),
    );
    let id = item.id.to_string();
    match item.kind {
        InventoryItemKind::Asset => {
            let mut details = Map::new();
            details.insert("assetId".into(), json!(id));
            details.insert("inventoryItemAssetType".into(), json!(item.asset_type));
            details.insert(
                "instanceId".into(),
                json!(item.instance_id.unwrap_or_default().to_string()),
            );
            if let Some(c) = &item.collectible {
                let mut collectible = json!({
                    "itemId": c.item_id,
                    "instanceId": c.instance_id,
                    "instanceState": c.state,
                });
                if let Some(serial) = c.serial_number {
                    collectible["serialNumber"] = json!(serial);
                }
                details.insert("collectibleDetails".into(), collectible);
            }
            body.insert("assetDetails".into(), Value::Object(details));
        }
        InventoryItemKind::Badge => {
            body.insert("badgeDetails".into(), json!({ "badgeId": id }));
        }
        InventoryItemKind::GamePass => {
            body.insert("gamePassDetails".into(), json!({ "gamePassId": id }));
        }
        InventoryItemKind::PrivateServer => {
            body.insert(
                "privateServerDetails".into(),
                json!({ "privateServerId": id }),
            );
        }
    }
    // "Not populated for passes" (the reference).
    if item.kind != InventoryItemKind::GamePass {
        if let Some(time) = item.add_time.as_deref().and_then(parse_timestamp) {
            body.insert("addTime".into(), json!(format_timestamp(time)));
        }
    }
    Value::Object(body)
}

/// List Inventory Items.
pub(super) fn list(ctx: &Ctx<'_>) -> Reply {
    try_list(ctx).unwrap_or_else(|error| error.reply())
}

fn try_list(ctx: &Ctx<'_>) -> Result<Reply, V2Error> {
    let user = ctx
        .param("user_id")
        .and_then(|id| id.parse::<u64>().ok())
        .ok_or_else(|| V2Error::invalid_argument("Invalid User ID in the request."))?;
    if ctx.state.world.user(user).is_none() {
        return Err(V2Error::new(V2Code::NotFound, "The user does not exist."));
    }
    let selection = filter::parse(ctx.query.get("filter").unwrap_or_default())?;
    let request = PageRequest::from_ctx(ctx, SIZES)?;
    // The owner's own key or token with Inventory read sees everything; anyone else sees
    // a public inventory without its private servers and purchased places.
    let owner_access =
        ctx.credential.owner == Owner::User(user) && ctx.credential.allows(None, INVENTORY_READ);
    let area = ctx.area::<InventoryState>();
    let data = lock(&area.data);
    let denied = |message: &str| Err(V2Error::new(V2Code::PermissionDenied, message));
    if !owner_access {
        if data.private.contains(&user) {
            return denied("The user's inventory is not visible to everyone.");
        }
        if selection.asks_for_restricted() {
            return denied(
                "Private servers and purchased places need the owner's Inventory read permission.",
            );
        }
    }
    let items: Vec<(ItemKey, &InventoryItemConfig)> = data
        .items
        .get(&user)
        .map(|all| {
            all.values()
                .filter(|item| owner_access || !filter::is_restricted(item))
                .filter(|item| selection.keeps(item))
                .map(|item| (key_of(item), item))
                .collect()
        })
        .unwrap_or_default();
    let page = page(&items, |(key, _)| *key, &request)?;
    let json: Vec<Value> = page.items.iter().map(|(_, item)| item_json(item)).collect();
    Ok(responses::json(
        StatusCode::OK,
        &json!({ "inventoryItems": json, "nextPageToken": page.next_page_token }),
    ))
}
