//! The `readMask` of Get Asset
//! (<https://create.roblox.com/docs/cloud/reference/features/assets>): a comma list of
//! `Asset` fields. Without one only the core fields come back (the reference says "only
//! part of the metadata"; which part is inferred); with one, the named fields and `path`.

use serde_json::{json, Map, Value};

use crate::gateway::field_mask::same_name;

/// The fields answered without a mask (inferred).
const CORE: &[&str] = &[
    "path",
    "assetId",
    "assetType",
    "displayName",
    "revisionId",
    "revisionCreateTime",
    "creationContext",
    "moderationResult",
    "state",
];

/// Fields the emulator keeps no value for: named in a mask, they come back empty
/// (`previews` as `[]`, as captured) or not at all.
const UNSET: &[&str] = &[
    "icon",
    "previews",
    "socialLink",
    "facebookSocialLink",
    "twitterSocialLink",
    "youtubeSocialLink",
    "twitchSocialLink",
    "discordSocialLink",
    "githubSocialLink",
    "robloxSocialLink",
    "guildedSocialLink",
    "devForumSocialLink",
];

/// Every field a mask may name: the core ones, `description` and the unset ones.
fn known(field: &str) -> Option<&'static str> {
    CORE.iter()
        .chain(&["description"])
        .chain(UNSET)
        .find(|known| same_name(field, known))
        .copied()
}

/// `full` (every field the emulator has) cut to `mask`: the core fields without one, the
/// named fields and `path` with one. `Err` names a field no `Asset` has (the documented
/// 400 "invalid read mask").
pub(super) fn apply(full: &Value, mask: Option<&str>) -> Result<Value, String> {
    let fields: Vec<&'static str> = match mask.map(str::trim).filter(|m| !m.is_empty()) {
        None => CORE.to_vec(),
        Some(mask) => {
            let mut fields = vec!["path"];
            for field in mask.split(',').map(str::trim) {
                match known(field) {
                    Some(known) => fields.push(known),
                    None => return Err(field.to_owned()),
                }
            }
            fields
        }
    };
    let mut out = Map::new();
    for field in fields {
        if let Some(value) = full.get(field) {
            out.insert(field.to_owned(), value.clone());
        } else if field == "previews" {
            out.insert(field.to_owned(), json!([]));
        }
    }
    Ok(Value::Object(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_pick_fields_and_refuse_unknown_ones() {
        let full =
            json!({"path": "assets/1", "assetId": "1", "description": "d", "state": "Active"});
        let core = apply(&full, None).unwrap_or_default();
        assert_eq!(
            core,
            json!({"path": "assets/1", "assetId": "1", "state": "Active"})
        );
        let masked = apply(&full, Some("description, previews")).unwrap_or_default();
        assert_eq!(
            masked,
            json!({"path": "assets/1", "description": "d", "previews": []})
        );
        let snake = apply(&full, Some("asset_id")).unwrap_or_default();
        assert_eq!(snake, json!({"path": "assets/1", "assetId": "1"}));
        assert_eq!(apply(&full, Some("nope")), Err("nope".to_owned()));
    }
}
