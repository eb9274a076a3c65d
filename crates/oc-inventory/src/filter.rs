//! The inventory filter (<https://create.roblox.com/docs/cloud/reference/patterns>): not
//! CEL but `field=value;field=v1,v2;…`, built from typed settings and checked before
//! anything is sent. Type fields (badges, game passes, private servers, asset types, only
//! collectibles) and id fields (asset, badge, game pass and private server ids) cannot be
//! combined, and only-collectibles needs asset types.

use oc_core::InvalidInput;

use crate::item::InventoryAssetType;

/// The asset types a filter asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum AssetTypes {
    /// `*`: every asset type.
    All,
    /// These types.
    Only(Vec<InventoryAssetType>),
}

/// The settings of a filter, each as the caller set it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Filter {
    pub asset_types: Option<AssetTypes>,
    pub only_collectibles: bool,
    pub badges: Option<bool>,
    pub game_passes: Option<bool>,
    pub private_servers: Option<bool>,
    pub asset_ids: Option<Vec<u64>>,
    pub badge_ids: Option<Vec<u64>>,
    pub game_pass_ids: Option<Vec<u64>>,
    pub private_server_ids: Option<Vec<u64>>,
}

fn ids(field: &'static str, ids: &[u64]) -> Result<String, InvalidInput> {
    if ids.is_empty() {
        return Err(InvalidInput::new(field, "must name at least one id"));
    }
    if ids.contains(&0) {
        return Err(InvalidInput::new(field, "ids must be positive"));
    }
    Ok(ids.iter().map(u64::to_string).collect::<Vec<_>>().join(","))
}

fn asset_types(types: &AssetTypes) -> Result<String, InvalidInput> {
    const FIELD: &str = "asset_types";
    match types {
        AssetTypes::All => Ok("*".to_owned()),
        AssetTypes::Only(types) if types.is_empty() => Err(InvalidInput::new(
            FIELD,
            "must name at least one asset type",
        )),
        AssetTypes::Only(types) => {
            let mut names = Vec::with_capacity(types.len());
            for asset_type in types {
                let name = asset_type.as_str();
                let well_formed = !name.is_empty()
                    && name
                        .bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
                if !well_formed || *asset_type == InventoryAssetType::Unspecified {
                    return Err(InvalidInput::new(
                        FIELD,
                        format!("{name:?} is not an asset type to filter by"),
                    ));
                }
                names.push(name);
            }
            Ok(names.join(","))
        }
    }
}

impl Filter {
    /// The `filter` parameter, `None` when nothing was set; an invalid input when the
    /// settings break the grammar's rules.
    pub(crate) fn to_query(&self) -> Result<Option<String>, InvalidInput> {
        let has_types = self.asset_types.is_some()
            || self.only_collectibles
            || self.badges.is_some()
            || self.game_passes.is_some()
            || self.private_servers.is_some();
        let has_ids = self.asset_ids.is_some()
            || self.badge_ids.is_some()
            || self.game_pass_ids.is_some()
            || self.private_server_ids.is_some();
        if has_types && has_ids {
            return Err(InvalidInput::new(
                "filter",
                "type filters (badges, game passes, private servers, asset types, collectibles) \
                 and id filters cannot be combined",
            ));
        }
        if self.only_collectibles && self.asset_types.is_none() {
            return Err(InvalidInput::new(
                "only_collectibles",
                "needs asset types too (all_asset_types() for every type)",
            ));
        }
        let mut clauses = Vec::new();
        if let Some(types) = &self.asset_types {
            clauses.push(format!("inventoryItemAssetTypes={}", asset_types(types)?));
        }
        if self.only_collectibles {
            clauses.push("onlyCollectibles=true".to_owned());
        }
        for (name, value) in [
            ("badges", self.badges),
            ("gamePasses", self.game_passes),
            ("privateServers", self.private_servers),
        ] {
            if let Some(value) = value {
                clauses.push(format!("{name}={value}"));
            }
        }
        for (field, name, value) in [
            ("asset_ids", "assetIds", &self.asset_ids),
            ("badge_ids", "badgeIds", &self.badge_ids),
            ("game_pass_ids", "gamePassIds", &self.game_pass_ids),
            (
                "private_server_ids",
                "privateServerIds",
                &self.private_server_ids,
            ),
        ] {
            if let Some(value) = value {
                clauses.push(format!("{name}={}", ids(field, value)?));
            }
        }
        Ok((!clauses.is_empty()).then(|| clauses.join(";")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_examples_are_built() {
        let collectibles = Filter {
            asset_types: Some(AssetTypes::All),
            only_collectibles: true,
            ..Filter::default()
        };
        assert_eq!(
            collectibles.to_query().ok().flatten().as_deref(),
            Some("inventoryItemAssetTypes=*;onlyCollectibles=true")
        );
        let types = Filter {
            asset_types: Some(AssetTypes::Only(vec![
                InventoryAssetType::Hat,
                InventoryAssetType::ClassicPants,
                InventoryAssetType::TshirtAccessory,
            ])),
            game_passes: Some(true),
            badges: Some(false),
            ..Filter::default()
        };
        assert_eq!(
            types.to_query().ok().flatten().as_deref(),
            Some("inventoryItemAssetTypes=HAT,CLASSIC_PANTS,TSHIRT_ACCESSORY;badges=false;gamePasses=true")
        );
        let by_id = Filter {
            asset_ids: Some(vec![1, 2, 3]),
            badge_ids: Some(vec![4]),
            game_pass_ids: Some(vec![5]),
            private_server_ids: Some(vec![6]),
            ..Filter::default()
        };
        assert_eq!(
            by_id.to_query().ok().flatten().as_deref(),
            Some("assetIds=1,2,3;badgeIds=4;gamePassIds=5;privateServerIds=6")
        );
        assert_eq!(Filter::default().to_query().ok(), Some(None));
    }
}
