//! Reading proto3 JSON as the v2 services write it: a field may be absent, `null` or
//! present with its default, and all three mean the default
//! (<https://protobuf.dev/programming-guides/json/>).

use serde::{Deserialize, Deserializer};

/// `#[serde(default, deserialize_with = "crate::absent::or_default")]`: `null` reads as the
/// type's default, as an absent field does.
pub(crate) fn or_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// `Some(text)` unless `text` is empty: v2 writes an unset reference either way.
pub(crate) fn non_empty(text: Option<String>) -> Option<String> {
    text.filter(|t| !t.is_empty())
}
