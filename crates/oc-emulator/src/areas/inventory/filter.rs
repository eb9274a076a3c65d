//! The inventory filter (<https://create.roblox.com/docs/cloud/reference/patterns>): not
//! CEL but `field=value;field=v1,v2;…`. Type fields (`badges`, `gamePasses`,
//! `privateServers`, `inventoryItemAssetTypes`, `onlyCollectibles`) and id fields
//! (`assetIds`, `badgeIds`, `gamePassIds`, `privateServerIds`) cannot be combined;
//! `onlyCollectibles` needs `inventoryItemAssetTypes`.

use super::config::{InventoryItemConfig, InventoryItemKind, ASSET_TYPES};
use crate::gateway::v2_codes::V2Error;

/// The asset types a type filter keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum AssetTypes {
    /// `*`: every type.
    All,
    /// These types.
    Only(Vec<&'static str>),
}

/// What a filter selects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Selection {
    /// No filter: every item.
    Everything,
    /// By kind and asset type.
    Types {
        /// The asset types; no assets when absent.
        asset_types: Option<AssetTypes>,
        /// Only collectible (limited) assets.
        only_collectibles: bool,
        /// Badges.
        badges: bool,
        /// Game passes.
        game_passes: bool,
        /// Private servers.
        private_servers: bool,
    },
    /// By id, to check ownership.
    Ids {
        /// Assets.
        assets: Vec<u64>,
        /// Badges.
        badges: Vec<u64>,
        /// Game passes.
        game_passes: Vec<u64>,
        /// Private servers.
        private_servers: Vec<u64>,
    },
}

fn invalid() -> V2Error {
    V2Error::invalid_argument("The provided filter is invalid.")
}

fn boolean(value: &str) -> Result<bool, V2Error> {
    if value.eq_ignore_ascii_case("true") {
        Ok(true)
    } else if value.eq_ignore_ascii_case("false") {
        Ok(false)
    } else {
        Err(invalid())
    }
}

fn ids(value: &str) -> Result<Vec<u64>, V2Error> {
    value
        .split(',')
        .map(|id| id.trim().parse::<u64>().map_err(|_| invalid()))
        .collect()
}

fn asset_types(value: &str) -> Result<AssetTypes, V2Error> {
    if value.trim() == "*" {
        return Ok(AssetTypes::All);
    }
    value
        .split(',')
        .map(|name| {
            let name = name.trim();
            ASSET_TYPES
                .iter()
                .copied()
                .find(|known| known.eq_ignore_ascii_case(name))
                .ok_or_else(invalid)
        })
        .collect::<Result<_, _>>()
        .map(AssetTypes::Only)
}

/// Parses a filter; 400 `INVALID_ARGUMENT` for anything outside the grammar.
pub(crate) fn parse(text: &str) -> Result<Selection, V2Error> {
    let mut types = (None, None, false, false, false);
    let mut by_id = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut any_type, mut any_id) = (false, false);
    for clause in text.split(';').map(str::trim).filter(|c| !c.is_empty()) {
        let (field, value) = clause.split_once('=').ok_or_else(invalid)?;
        let (field, value) = (field.trim(), value.trim());
        match field {
            "badges" => types.2 = boolean(value)?,
            "gamePasses" => types.3 = boolean(value)?,
            "privateServers" => types.4 = boolean(value)?,
            "inventoryItemAssetTypes" => types.0 = Some(asset_types(value)?),
            "onlyCollectibles" => types.1 = Some(boolean(value)?),
            "assetIds" => by_id.0 = ids(value)?,
            "badgeIds" => by_id.1 = ids(value)?,
            "gamePassIds" => by_id.2 = ids(value)?,
            "privateServerIds" => by_id.3 = ids(value)?,
            _ => return Err(invalid()),
        }
        if field.ends_with("Ids") {
            any_id = true;
        } else {
            any_type = true;
        }
    }
    if any_type && any_id {
        return Err(V2Error::invalid_argument(
            "The provided filter is invalid: type fields and id fields cannot be combined.",
        ));
    }
    if types.1.is_some() && types.0.is_none() {
        return Err(V2Error::invalid_argument(
            "The provided filter is invalid: onlyCollectibles needs inventoryItemAssetTypes.",
        ));
    }
    Ok(if any_type {
        Selection::Types {
            asset_types: types.0,
            only_collectibles: types.1.unwrap_or(false),
            badges: types.2,
            game_passes: types.3,
            private_servers: types.4,
        }
    } else if any_id {
        Selection::Ids {
            assets: by_id.0,
            badges: by_id.1,
            game_passes: by_id.2,
            private_servers: by_id.3,
        }
    } else {
        Selection::Everything
    })
}

/// Whether an item needs the owner's Inventory read permission to be seen: private
/// servers and purchased places.
pub(crate) fn is_restricted(item: &InventoryItemConfig) -> bool {
    item.kind == InventoryItemKind::PrivateServer
        || item.asset_type.as_deref() == Some("PURCHASED_PLACE")
}

impl Selection {
    /// Whether the filter names restricted items outright (private servers, purchased
    /// places), which a caller without Inventory read may not ask for.
    pub(crate) fn asks_for_restricted(&self) -> bool {
        match self {
            Selection::Everything => false,
            Selection::Types {
                asset_types,
                private_servers,
                ..
            } => {
                *private_servers
                    || matches!(asset_types, Some(AssetTypes::Only(t)) if t.contains(&"PURCHASED_PLACE"))
            }
            Selection::Ids {
                private_servers, ..
            } => !private_servers.is_empty(),
        }
    }

    /// Whether the filter keeps `item`.
    pub(crate) fn keeps(&self, item: &InventoryItemConfig) -> bool {
        match self {
            Selection::Everything => true,
            Selection::Types {
                asset_types,
                only_collectibles,
                badges,
                game_passes,
                private_servers,
            } => match item.kind {
                InventoryItemKind::Asset => {
                    let typed = match asset_types {
                        None => false,
                        Some(AssetTypes::All) => true,
                        Some(AssetTypes::Only(types)) => item
                            .asset_type
                            .as_deref()
                            .is_some_and(|t| types.contains(&t)),
                    };
                    typed && (!only_collectibles || item.collectible.is_some())
                }
                InventoryItemKind::Badge => *badges,
                InventoryItemKind::GamePass => *game_passes,
                InventoryItemKind::PrivateServer => *private_servers,
            },
            Selection::Ids {
                assets,
                badges,
                game_passes,
                private_servers,
            } => match item.kind {
                InventoryItemKind::Asset => assets.contains(&item.id),
                InventoryItemKind::Badge => badges.contains(&item.id),
                InventoryItemKind::GamePass => game_passes.contains(&item.id),
                InventoryItemKind::PrivateServer => private_servers.contains(&item.id),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_examples_parse() {
        assert!(matches!(
            parse("onlyCollectibles=true;inventoryItemAssetTypes=*"),
            Ok(Selection::Types {
                asset_types: Some(AssetTypes::All),
                only_collectibles: true,
                ..
            })
        ));
        assert!(matches!(
            parse("inventoryItemAssetTypes=HAT,CLASSIC_PANTS,TSHIRT_ACCESSORY;gamePasses=true;badges=false"),
            Ok(Selection::Types { game_passes: true, badges: false, .. })
        ));
        assert_eq!(
            parse("assetIds=1,2,3;badgeIds=4;gamePassIds=5;privateServerIds=6").ok(),
            Some(Selection::Ids {
                assets: vec![1, 2, 3],
                badges: vec![4],
                game_passes: vec![5],
                private_servers: vec![6],
            })
        );
        assert_eq!(parse("").ok(), Some(Selection::Everything));
    }

    #[test]
    fn everything_else_is_refused() {
        for bad in [
            "badges=true;assetIds=1",
            "onlyCollectibles=true",
            "badges=yes",
            "assetIds=x",
            "inventoryItemAssetTypes=NOPE",
            "colour=red",
            "badges",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
