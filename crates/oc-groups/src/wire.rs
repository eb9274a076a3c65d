//! Reading references in answers: `users/156` (or a bare `156`), and the group and
//! parent ids inside resource paths.

use oc_core::v2::ids;
use oc_core::Error;

/// The user of an optional `users/N` field; `None` when absent or empty.
pub(crate) fn optional_user(field: &str, value: Option<&str>) -> Result<Option<u64>, Error> {
    match value {
        None | Some("") => Ok(None),
        Some(path) => ids::from_path(field, path).map(Some),
    }
}

/// The segment after `collection` in a resource path (`groups/7/roles/9`, `roles` → `9`).
pub(crate) fn segment_after<'a>(path: &'a str, collection: &str) -> Option<&'a str> {
    let mut parts = path.split('/');
    while let Some(part) = parts.next() {
        if part == collection {
            return parts.next().filter(|s| !s.is_empty());
        }
    }
    None
}

/// The number after `collection` in a resource path.
pub(crate) fn id_after(field: &str, path: &str, collection: &str) -> Result<u64, Error> {
    segment_after(path, collection)
        .and_then(|id| id.parse().ok())
        .ok_or_else(|| Error::decode(format!("{field} is not a resource path: {path:?}"), None))
}

/// `#[serde(default, with = "crate::wire::int64_option")]` for an optional int64 the
/// service may write as a number or a decimal string.
pub(crate) mod int64_option {
    use serde::{de, Deserialize, Deserializer};

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum NumberOrText {
        Number(u64),
        Text(String),
    }

    /// Reads a JSON number, a decimal string, or `null`.
    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<u64>, D::Error> {
        match Option::<NumberOrText>::deserialize(deserializer)? {
            None => Ok(None),
            Some(NumberOrText::Number(n)) => Ok(Some(n)),
            Some(NumberOrText::Text(text)) => text
                .trim()
                .parse()
                .map(Some)
                .map_err(|e| de::Error::custom(format!("not an integer ({e}): {text:?}"))),
        }
    }
}
