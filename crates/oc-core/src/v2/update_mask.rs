//! Partial updates: `PATCH {resource}?updateMask=a,b.c` with a body holding those fields
//! (<https://create.roblox.com/docs/cloud/reference/patterns#update-masks>). A field named
//! in the mask but absent from the body is cleared; a field not named is left alone.
//!
//! An update builder keeps a [`Patch`]: each setter records its field's value and names it,
//! so the mask names exactly the fields the caller set and never one they did not.

use serde_json::{Map, Value};

use crate::request::Query;

/// The fields of a partial update and its `updateMask`, built together.
///
/// ```
/// use oc_core::v2::Patch;
///
/// let mut patch = Patch::new();
/// patch.set("displayName", "Obby").set("facebookSocialLink.title", "Fans");
/// patch.clear("twitterSocialLink");
/// assert_eq!(patch.update_mask(), "displayName,facebookSocialLink.title,twitterSocialLink");
/// assert_eq!(
///     serde_json::to_string(patch.body()).unwrap(),
///     r#"{"displayName":"Obby","facebookSocialLink":{"title":"Fans"}}"#
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Patch {
    body: Map<String, Value>,
    paths: Vec<String>,
}

impl Patch {
    /// An update that changes nothing yet.
    pub fn new() -> Self {
        Patch::default()
    }

    /// Sets the field at `path` (camelCase names joined by `.`) to `value` and names it in
    /// the mask. Setting a field again keeps the last value and names it once.
    pub fn set(&mut self, path: &str, value: impl Into<Value>) -> &mut Self {
        let mut names = path.split('.').peekable();
        let mut object = &mut self.body;
        while let Some(name) = names.next() {
            if names.peek().is_none() {
                object.insert(name.to_owned(), value.into());
                break;
            }
            let entry = object
                .entry(name.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if !entry.is_object() {
                *entry = Value::Object(Map::new());
            }
            match entry {
                Value::Object(inner) => object = inner,
                _ => break,
            }
        }
        self.name(path);
        self
    }

    /// Names the field at `path` in the mask with no value in the body: the service clears
    /// it (removes a social link, turns a setting back to its default, lifts a ban).
    pub fn clear(&mut self, path: &str) -> &mut Self {
        let mut names: Vec<&str> = path.split('.').collect();
        let last = names.pop().unwrap_or(path);
        let mut object = Some(&mut self.body);
        for name in names {
            object = object
                .and_then(|o| o.get_mut(name))
                .and_then(Value::as_object_mut);
        }
        if let Some(object) = object {
            object.remove(last);
        }
        self.name(path);
        self
    }

    fn name(&mut self, path: &str) {
        if !self.paths.iter().any(|p| p == path) {
            self.paths.push(path.to_owned());
        }
    }

    /// `true` when no field was set or cleared.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// The fields named, in the order they were first set or cleared.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.paths.iter().map(String::as_str)
    }

    /// `true` when `path` was set or cleared.
    pub fn names(&self, path: &str) -> bool {
        self.paths.iter().any(|p| p == path)
    }

    /// The `updateMask` value: the fields named, comma-separated.
    pub fn update_mask(&self) -> String {
        self.paths.join(",")
    }

    /// The body: the fields set, nested by their paths.
    pub fn body(&self) -> &Map<String, Value> {
        &self.body
    }

    /// `query` with the `updateMask` parameter added.
    pub fn query(&self, query: Query) -> Query {
        query.pair("updateMask", self.update_mask())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_mask_names_exactly_what_was_set_or_cleared() {
        let mut patch = Patch::new();
        assert!(patch.is_empty());
        patch
            .set("voiceChatEnabled", false)
            .set("privateServerPriceRobux", 0)
            .set("voiceChatEnabled", true)
            .set("a.b.c", "deep")
            .clear("a.b.d")
            .clear("facebookSocialLink");
        assert_eq!(
            patch.update_mask(),
            "voiceChatEnabled,privateServerPriceRobux,a.b.c,a.b.d,facebookSocialLink"
        );
        assert_eq!(
            Value::Object(patch.body().clone()),
            json!({"voiceChatEnabled": true, "privateServerPriceRobux": 0, "a": {"b": {"c": "deep"}}})
        );
        assert!(patch.names("a.b.d") && !patch.names("a"));
        assert_eq!(
            patch.query(Query::new()).as_str(),
            "updateMask=voiceChatEnabled%2CprivateServerPriceRobux%2Ca.b.c%2Ca.b.d%2CfacebookSocialLink"
        );
    }

    #[test]
    fn clearing_a_set_field_removes_its_value_and_setting_below_a_value_replaces_it() {
        let mut patch = Patch::new();
        patch.set("link", "x").set("link.title", "t");
        assert_eq!(
            Value::Object(patch.body().clone()),
            json!({"link": {"title": "t"}})
        );
        patch.clear("link");
        assert!(patch.body().is_empty());
        assert_eq!(patch.update_mask(), "link,link.title");
    }
}
