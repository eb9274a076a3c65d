//! List Inventory Items: `GET /cloud/v2/users/{user_id}/inventory-items?maxPageSize=
//! &pageToken=&filter=` (<https://create.roblox.com/docs/cloud/reference/features/inventory>),
//! answering `inventoryItems` and `nextPageToken`. A user who shows their inventory to
//! everyone needs no scope; otherwise only the user's own API key with Inventory read, or an
//! OAuth token the user granted `user.inventory-item:read`, lists it.

use bytes::Bytes;
use http::Method;
use oc_core::request::{self, Query};
use oc_core::{Body, Client, Endpoint, Error, InvalidInput, Page, PagedEndpoint, Paging, User};
use serde::Deserialize;

use crate::filter::{AssetTypes, Filter};
use crate::item::{InventoryAssetType, InventoryItem, WireItem};

/// The area name of this crate's calls.
const AREA: &str = "inventory";

/// The largest page the service gives (larger values are coerced to 100).
const MAX_PAGE: usize = 100;

/// Inventory methods on a [`User`].
pub trait UserInventoryExt {
    /// Lists the items of the user's inventory: a `Stream` of [`InventoryItem`], every
    /// item unless filtered with the builder's methods.
    fn inventory(&self) -> ListInventoryItems;
}

impl UserInventoryExt for User {
    fn inventory(&self) -> ListInventoryItems {
        ListInventoryItems {
            user: self.clone(),
            filter: Filter::default(),
            paging: Paging::new(MAX_PAGE),
        }
    }
}

/// The items of a user's inventory: a `Stream` of [`InventoryItem`]. Nothing is
/// requested before the first poll.
///
/// Filter by kind and type ([`asset_types`](Self::asset_types),
/// [`all_asset_types`](Self::all_asset_types), [`only_collectibles`](Self::only_collectibles),
/// [`badges`](Self::badges), [`game_passes`](Self::game_passes),
/// [`private_servers`](Self::private_servers)) **or** by id, to check ownership
/// ([`asset_ids`](Self::asset_ids), [`badge_ids`](Self::badge_ids),
/// [`game_pass_ids`](Self::game_pass_ids), [`private_server_ids`](Self::private_server_ids)):
/// the two cannot be combined, which is refused before anything is sent. With a type
/// filter, a kind not asked for is left out.
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until it is polled"]
pub struct ListInventoryItems {
    user: User,
    filter: Filter,
    paging: Paging<InventoryItem>,
}

impl ListInventoryItems {
    /// Assets of these types (added to those set before).
    pub fn asset_types(mut self, types: impl IntoIterator<Item = InventoryAssetType>) -> Self {
        let mut list = match self.filter.asset_types.take() {
            Some(AssetTypes::Only(list)) => list,
            _ => Vec::new(),
        };
        list.extend(types);
        self.filter.asset_types = Some(AssetTypes::Only(list));
        self
    }

    /// Assets of every type (`inventoryItemAssetTypes=*`).
    pub fn all_asset_types(mut self) -> Self {
        self.filter.asset_types = Some(AssetTypes::All);
        self
    }

    /// Only collectible (limited, non-UGC) assets; needs asset types as well.
    pub fn only_collectibles(mut self, only: bool) -> Self {
        self.filter.only_collectibles = only;
        self
    }

    /// Badges or not.
    pub fn badges(mut self, badges: bool) -> Self {
        self.filter.badges = Some(badges);
        self
    }

    /// Game passes or not.
    pub fn game_passes(mut self, passes: bool) -> Self {
        self.filter.game_passes = Some(passes);
        self
    }

    /// Private servers or not (needs the owner's Inventory read permission).
    pub fn private_servers(mut self, servers: bool) -> Self {
        self.filter.private_servers = Some(servers);
        self
    }

    /// Copies of these assets (added to those set before).
    pub fn asset_ids(mut self, ids: impl IntoIterator<Item = u64>) -> Self {
        self.filter
            .asset_ids
            .get_or_insert_with(Vec::new)
            .extend(ids);
        self
    }

    /// These badges (added to those set before).
    pub fn badge_ids(mut self, ids: impl IntoIterator<Item = u64>) -> Self {
        self.filter
            .badge_ids
            .get_or_insert_with(Vec::new)
            .extend(ids);
        self
    }

    /// These game passes (added to those set before).
    pub fn game_pass_ids(mut self, ids: impl IntoIterator<Item = u64>) -> Self {
        self.filter
            .game_pass_ids
            .get_or_insert_with(Vec::new)
            .extend(ids);
        self
    }

    /// These private servers (added to those set before; needs the owner's Inventory
    /// read permission).
    pub fn private_server_ids(mut self, ids: impl IntoIterator<Item = u64>) -> Self {
        self.filter
            .private_server_ids
            .get_or_insert_with(Vec::new)
            .extend(ids);
        self
    }

    /// The `filter` parameter the settings make (`None` without any), or why they are
    /// refused.
    pub fn filter_text(&self) -> Result<Option<String>, Error> {
        Ok(self.filter.to_query()?)
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WirePage {
    #[serde(default)]
    inventory_items: Vec<WireItem>,
    #[serde(default)]
    next_page_token: Option<String>,
}

impl Endpoint for ListInventoryItems {
    type Output = Page<InventoryItem>;
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = "list_inventory_items";

    fn client(&self) -> &Client {
        self.user.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let id = match self.user.id() {
            0 => return Err(InvalidInput::new("user_id", "must be a positive user id").into()),
            id => id,
        };
        let query = self
            .paging
            .query_v2(Query::new())
            .pair_opt("filter", self.filter.to_query()?);
        let path = format!("{}/users/{id}/inventory-items", oc_core::v2::PREFIX);
        request::build(Method::GET, &query.with_path(&path), Body::empty())
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Page<InventoryItem>, Error> {
        let wire: WirePage = oc_core::response::json(&response)?;
        Ok(Page {
            items: wire
                .inventory_items
                .into_iter()
                .map(WireItem::into_item)
                .collect(),
            next_cursor: wire.next_page_token,
        })
    }
}

impl PagedEndpoint for ListInventoryItems {
    type Item = InventoryItem;

    fn paging(&self) -> &Paging<InventoryItem> {
        &self.paging
    }

    fn paging_mut(&mut self) -> &mut Paging<InventoryItem> {
        &mut self.paging
    }
}

oc_core::list_stream!(ListInventoryItems);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::item::{CollectibleState, InventoryItemDetails};
    use oc_core::offline;

    fn user(id: u64) -> Result<User, Error> {
        Ok(Client::builder().api_key("k").build()?.user(id))
    }

    #[test]
    fn builds_the_request_with_its_filter() -> Result<(), Error> {
        let list = user(11)?
            .inventory()
            .badges(true)
            .game_passes(true)
            .page_size(5);
        assert_eq!(
            offline::request(&list)?.uri(),
            "/cloud/v2/users/11/inventory-items?maxPageSize=5&filter=badges%3Dtrue%3BgamePasses%3Dtrue"
        );
        assert_eq!(
            offline::request(&user(11)?.inventory())?.uri(),
            "/cloud/v2/users/11/inventory-items?maxPageSize=100"
        );
        Ok(())
    }

    #[test]
    fn every_broken_rule_is_refused_with_its_field() -> Result<(), Error> {
        let u = user(11)?;
        for (list, field) in [
            (u.inventory().badges(true).asset_ids([1]), "filter"),
            (u.inventory().only_collectibles(true), "only_collectibles"),
            (u.inventory().asset_ids([]), "asset_ids"),
            (u.inventory().badge_ids([0]), "badge_ids"),
            (u.inventory().game_pass_ids([]), "game_pass_ids"),
            (
                u.inventory().private_server_ids([0, 1]),
                "private_server_ids",
            ),
            (u.inventory().asset_types([]), "asset_types"),
            (
                u.inventory().asset_types([InventoryAssetType::Unspecified]),
                "asset_types",
            ),
            (
                u.inventory()
                    .asset_types([InventoryAssetType::Other("a;b".into())]),
                "asset_types",
            ),
            (user(0)?.inventory(), "user_id"),
        ] {
            let refused = offline::request(&list);
            assert!(
                matches!(&refused, Err(Error::InvalidInput(e)) if e.field() == field),
                "{field}: {refused:?}"
            );
        }
        Ok(())
    }

    #[test]
    fn items_of_every_kind_parse() -> Result<(), Error> {
        let list = user(11)?.inventory();
        let body = r#"{"inventoryItems":[
            {"path":"users/11/inventory-items/VVNFUl9BU1NFVF9JRD0yMDAxMDUxMTkzODg","assetDetails":{"assetId":"1028595","inventoryItemAssetType":"CLASSIC_TSHIRT","instanceId":"200105119388"}},
            {"path":"users/11/inventory-items/a","assetDetails":{"assetId":"5","inventoryItemAssetType":"SOMETHING_NEW","instanceId":"6","collectibleDetails":{"itemId":"i","instanceId":"j","instanceState":"HOLD","serialNumber":160}},"addTime":"2024-01-01T00:00:00Z"},
            {"path":"users/11/inventory-items/b","badgeDetails":{"badgeId":"7"}},
            {"path":"users/11/inventory-items/c","gamePassDetails":{"gamePassId":"12527"}},
            {"path":"users/11/inventory-items/d","privateServerDetails":{"privateServerId":"8"}},
            {"path":"users/11/inventory-items/e"}
        ],"nextPageToken":""}"#;
        let page = offline::respond(&list, 200, &[], body)?;
        assert_eq!(page.items.len(), 6);
        assert_eq!(page.items[0].id(), "VVNFUl9BU1NFVF9JRD0yMDAxMDUxMTkzODg");
        let InventoryItemDetails::Asset(asset) = &page.items[1].details else {
            panic!("an asset: {:?}", page.items[1]);
        };
        assert_eq!(
            asset.asset_type,
            InventoryAssetType::Other("SOMETHING_NEW".into())
        );
        let collectible = asset
            .collectible
            .as_ref()
            .map(|c| (c.instance_state.clone(), c.serial_number));
        assert_eq!(collectible, Some((CollectibleState::Hold, Some(160))));
        assert!(page.items[1].add_time.is_some());
        assert_eq!(
            page.items[2].details,
            InventoryItemDetails::Badge { badge_id: 7 }
        );
        assert_eq!(
            page.items[3].details,
            InventoryItemDetails::GamePass {
                game_pass_id: 12527
            }
        );
        assert_eq!(
            page.items[4].details,
            InventoryItemDetails::PrivateServer {
                private_server_id: 8
            }
        );
        assert_eq!(page.items[5].details, InventoryItemDetails::Unknown);
        assert_eq!(page.next_cursor.as_deref(), Some(""));
        Ok(())
    }
}
