//! Field masks (<https://create.roblox.com/docs/cloud/reference/types#fieldmask>) and
//! the update they steer, with the AIP-134 semantics the v2 reference follows:
//!
//! * a mask is a comma-separated list of field paths, nested with `.`; whitespace around
//!   a path is ignored (the types reference's own example has a space);
//! * names match in lowerCamelCase, snake_case or any case (`voiceChatEnabled`,
//!   `voice_chat_enabled`; instance `Details` and `details`);
//! * a field in the mask but absent (or `null`) in the body is cleared, which is how a
//!   social link is removed or private servers are turned off;
//! * without a mask, every writable field present in the body is updated;
//! * read-only fields, in the mask or the body, are ignored, not refused (inferred: clients
//!   send them and succeed); a path that names no field is 400 `INVALID_ARGUMENT`.

use serde_json::{Map, Value};

use crate::gateway::query::Query;
use crate::gateway::v2_codes::V2Error;

/// A parsed field mask: its paths, each a list of names as sent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct FieldMask {
    paths: Vec<Vec<String>>,
}

/// The fields of a resource an update may name, as canonical dotted paths
/// (`twitchSocialLink`, `engineInstance.Details`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct UpdatableFields {
    /// Fields the update writes.
    pub writable: &'static [&'static str],
    /// Fields the update ignores.
    pub read_only: &'static [&'static str],
}

fn invalid(message: &str) -> V2Error {
    V2Error::invalid_argument(message)
}

impl FieldMask {
    /// Parses `a, b.c`: 400 `INVALID_ARGUMENT` for an empty path or name.
    pub fn parse(text: &str) -> Result<Self, V2Error> {
        let mut paths = Vec::new();
        for path in text.split(',') {
            let names: Vec<String> = path.trim().split('.').map(str::to_owned).collect();
            if names
                .iter()
                .any(|name| name.trim().is_empty() || name.trim() != name)
            {
                return Err(invalid(&format!(
                    "Invalid field mask path {:?}.",
                    path.trim()
                )));
            }
            paths.push(names);
        }
        Ok(FieldMask { paths })
    }

    /// The `updateMask` (or `update_mask`) query parameter; `None` when absent or empty.
    pub fn from_query(query: &Query) -> Result<Option<Self>, V2Error> {
        match query
            .non_empty("updateMask")
            .or_else(|| query.non_empty("update_mask"))
        {
            None => Ok(None),
            Some(text) => Self::parse(text).map(Some),
        }
    }

    /// The mask naming every leaf of `body` (a value that is not a non-empty object): what
    /// an update without a mask writes for a method that merges nested messages, as
    /// clients build their masks from the body's leaves.
    pub fn of_leaves(body: &Map<String, Value>) -> Self {
        fn walk(object: &Map<String, Value>, prefix: &[String], paths: &mut Vec<Vec<String>>) {
            for (name, value) in object {
                let mut path = prefix.to_vec();
                path.push(name.clone());
                match value {
                    Value::Object(inner) if !inner.is_empty() => walk(inner, &path, paths),
                    _ => paths.push(path),
                }
            }
        }
        let mut paths = Vec::new();
        walk(body, &[], &mut paths);
        FieldMask { paths }
    }

    /// The paths, each a list of names as sent.
    pub fn paths(&self) -> &[Vec<String>] {
        &self.paths
    }

    /// Whether the mask names `path` (canonical, dotted) or a field inside or around it.
    pub fn touches(&self, path: &str) -> bool {
        let wanted: Vec<&str> = path.split('.').collect();
        self.paths
            .iter()
            .any(|p| p.iter().zip(wanted.iter()).all(|(a, b)| same_name(a, b)))
    }
}

/// Whether two field names are the same field: compared without case and underscores,
/// so `gameJoinRestriction`, `game_join_restriction` and `GameJoinRestriction` match.
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    let mut a = a.chars().filter(|c| *c != '_');
    let mut b = b.chars().filter(|c| *c != '_');
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x.eq_ignore_ascii_case(&y) => {}
            _ => return false,
        }
    }
}

/// The value of the field `name` in `object`, whatever the spelling of the name.
pub(crate) fn field<'a>(object: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    object.get(name).or_else(|| {
        object
            .iter()
            .find(|(k, _)| same_name(k, name))
            .map(|(_, v)| v)
    })
}

/// Applies the update of `body` to `resource` (both JSON objects) under `mask`, for a
/// resource whose fields are `fields`. Values are copied as sent: the caller validates
/// the result.
pub(crate) fn apply_update(
    resource: &mut Map<String, Value>,
    body: &Map<String, Value>,
    mask: Option<&FieldMask>,
    fields: UpdatableFields,
) -> Result<(), V2Error> {
    let split =
        |path: &'static str| -> Vec<String> { path.split('.').map(str::to_owned).collect() };
    let Some(mask) = mask else {
        for writable in fields.writable {
            let path = split(writable);
            if lookup(body, &path).is_some() {
                copy(resource, body, &path);
            }
        }
        return Ok(());
    };
    for sent in mask.paths() {
        if fields.read_only.iter().any(|r| is_prefix(&split(r), sent)) {
            continue;
        }
        if let Some(writable) = fields.writable.iter().find(|w| is_prefix(&split(w), sent)) {
            let canonical = split(writable);
            let mut path = canonical.clone();
            path.extend(sent.iter().skip(canonical.len()).cloned());
            copy(resource, body, &path);
            continue;
        }
        let inside: Vec<&&str> = fields
            .writable
            .iter()
            .filter(|w| is_prefix(sent, &split(w)))
            .collect();
        if inside.is_empty() {
            return Err(invalid(&format!(
                "The update mask names an unknown field {:?}.",
                sent.join(".")
            )));
        }
        for writable in inside {
            copy(resource, body, &split(writable));
        }
    }
    Ok(())
}

/// Whether `prefix` is a prefix of `path`, name by name.
fn is_prefix(prefix: &[String], path: &[String]) -> bool {
    prefix.len() <= path.len() && prefix.iter().zip(path).all(|(a, b)| same_name(a, b))
}

/// The value at `path` in `object`, names matched in any spelling.
fn lookup<'a>(object: &'a Map<String, Value>, path: &[String]) -> Option<&'a Value> {
    let (first, rest) = path.split_first()?;
    let value = field(object, first)?;
    if rest.is_empty() {
        return Some(value);
    }
    lookup(value.as_object()?, rest)
}

/// Sets `path` in `resource` to its value in `body`, or removes it when the body has no
/// value (or `null`) there. Names already in the resource keep their spelling.
fn copy(resource: &mut Map<String, Value>, body: &Map<String, Value>, path: &[String]) {
    match lookup(body, path).filter(|v| !v.is_null()) {
        Some(value) => set(resource, path, value.clone()),
        None => remove(resource, path),
    }
}

/// The key of `name` in `object`: an existing spelling, or `name` itself.
fn key_of(object: &Map<String, Value>, name: &str) -> String {
    object
        .keys()
        .find(|k| same_name(k, name))
        .cloned()
        .unwrap_or_else(|| name.to_owned())
}

fn set(object: &mut Map<String, Value>, path: &[String], value: Value) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    let key = key_of(object, first);
    if rest.is_empty() {
        object.insert(key, value);
        return;
    }
    let child = object
        .entry(key)
        .or_insert_with(|| Value::Object(Map::new()));
    if !child.is_object() {
        *child = Value::Object(Map::new());
    }
    if let Value::Object(child) = child {
        set(child, rest, value);
    }
}

fn remove(object: &mut Map<String, Value>, path: &[String]) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    let key = key_of(object, first);
    if rest.is_empty() {
        object.remove(&key);
    } else if let Some(Value::Object(child)) = object.get_mut(&key) {
        remove(child, rest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const FIELDS: UpdatableFields = UpdatableFields {
        writable: &[
            "voiceChatEnabled",
            "twitchSocialLink",
            "privateServerPriceRobux",
        ],
        read_only: &["path", "displayName"],
    };

    fn object(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    fn update(resource: Value, body: Value, mask: Option<&str>) -> Result<Value, u16> {
        let mut resource = object(resource);
        let mask = mask.map(|m| FieldMask::parse(m).map_err(|r| r.code.status().as_u16()));
        let mask = mask.transpose()?;
        apply_update(&mut resource, &object(body), mask.as_ref(), FIELDS)
            .map_err(|r| r.code.status().as_u16())?;
        Ok(Value::Object(resource))
    }

    #[test]
    fn masks_parse_trimmed_in_either_case() {
        let mask = FieldMask::parse("voiceChatEnabled, twitch_social_link.title").expect("valid");
        assert_eq!(mask.paths().len(), 2);
        assert!(mask.touches("twitchSocialLink"));
        assert!(mask.touches("voiceChatEnabled"));
        assert!(!mask.touches("privateServerPriceRobux"));
        for bad in ["", "a,,b", "a..b", "a.", " . "] {
            assert!(FieldMask::parse(bad).is_err(), "{bad:?}");
        }
        let leaves = FieldMask::of_leaves(&object(json!({"a": {"b": 1, "c": {}}, "d": 2})));
        assert_eq!(
            leaves.paths(),
            [
                vec!["a".to_owned(), "b".to_owned()],
                vec!["a".to_owned(), "c".to_owned()],
                vec!["d".to_owned()]
            ]
        );
        assert!(same_name("game_join_restriction", "gameJoinRestriction"));
        assert!(same_name("Details", "details"));
        assert!(!same_name("details", "detail"));
    }

    #[test]
    fn without_a_mask_present_fields_are_written() {
        let updated = update(
            json!({"voiceChatEnabled": false, "privateServerPriceRobux": 5}),
            json!({"voice_chat_enabled": true, "displayName": "ignored"}),
            None,
        );
        assert_eq!(
            updated,
            Ok(json!({"voiceChatEnabled": true, "privateServerPriceRobux": 5}))
        );
    }

    #[test]
    fn a_masked_field_absent_from_the_body_is_cleared() {
        let updated = update(
            json!({"privateServerPriceRobux": 5, "twitchSocialLink": {"title": "t", "uri": "u"}}),
            json!({}),
            Some("privateServerPriceRobux,twitchSocialLink"),
        );
        assert_eq!(updated, Ok(json!({})));
    }

    #[test]
    fn nested_paths_write_inside_a_field() {
        let updated = update(
            json!({"twitchSocialLink": {"title": "old", "uri": "u"}}),
            json!({"twitchSocialLink": {"title": "new", "uri": "ignored"}}),
            Some("twitchSocialLink.title, path"),
        );
        assert_eq!(
            updated,
            Ok(json!({"twitchSocialLink": {"title": "new", "uri": "u"}}))
        );
        assert_eq!(update(json!({}), json!({}), Some("nope")), Err(400));
    }
}
