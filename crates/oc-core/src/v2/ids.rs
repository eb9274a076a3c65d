//! Ids as v2 writes them. Universe, place, user and group ids are decimal strings in
//! resource fields (`"id":"123456"`) and int64 fields may be JSON numbers or decimal
//! strings (<https://protobuf.dev/programming-guides/json/>); references to other
//! resources are resource paths (`"places/456"`) or, as the live service writes some of
//! them, bare ids (`"456"`).

use std::str::FromStr;

use crate::error::{Error, Result};

/// The last `/`-separated segment of a resource path: `"places/456"` and `"456"` are both
/// `"456"`.
pub fn last_segment(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The number at the end of a resource path or bare id (`"users/156"`, `"156"`); `field`
/// names it in the [`Error::Decode`] of anything else.
pub fn from_path<T: FromStr>(field: &str, path: &str) -> Result<T> {
    last_segment(path)
        .parse()
        .map_err(|_| Error::decode(format!("{field} is not a resource id: {path:?}"), None))
}

/// `#[serde(with = "oc_core::v2::ids::int64")]` for an integer field the service may
/// write as a JSON number or as a decimal string; written as a number.
pub mod int64 {
    use std::fmt::Display;
    use std::str::FromStr;

    use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum NumberOrText<'a, T> {
        Number(T),
        Text(std::borrow::Cow<'a, str>),
    }

    /// Writes the integer as a JSON number.
    pub fn serialize<T: Serialize, S: Serializer>(
        value: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    /// Reads a JSON number or a decimal string.
    pub fn deserialize<'de, T, D>(deserializer: D) -> Result<T, D::Error>
    where
        T: Deserialize<'de> + FromStr,
        T::Err: Display,
        D: Deserializer<'de>,
    {
        match NumberOrText::<T>::deserialize(deserializer)? {
            NumberOrText::Number(value) => Ok(value),
            NumberOrText::Text(text) => text
                .trim()
                .parse()
                .map_err(|e| de::Error::custom(format!("not an integer ({e}): {text:?}"))),
        }
    }
}

/// `#[serde(with = "oc_core::v2::ids::path_id")]` for a field holding a reference to a
/// resource by path or bare id (`"places/456"`, `"456"`), read as the id at its end and
/// written back as the bare id.
pub mod path_id {
    use std::fmt::Display;
    use std::str::FromStr;

    use serde::{de, Deserialize, Deserializer, Serializer};

    /// Writes the id as a string.
    pub fn serialize<T: Display, S: Serializer>(
        value: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_str(value)
    }

    /// Reads the id at the end of a resource path.
    pub fn deserialize<'de, T, D>(deserializer: D) -> Result<T, D::Error>
    where
        T: FromStr,
        T::Err: Display,
        D: Deserializer<'de>,
    {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        super::last_segment(&text)
            .parse()
            .map_err(|e| de::Error::custom(format!("not a resource id ({e}): {text:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_from_numbers_strings_and_paths() -> std::result::Result<(), serde_json::Error> {
        #[derive(serde::Deserialize, serde::Serialize, Debug, PartialEq)]
        struct Item {
            #[serde(with = "int64")]
            serial: u64,
            #[serde(with = "path_id")]
            place: u64,
        }
        let a: Item = serde_json::from_str(r#"{"serial":160,"place":"places/456"}"#)?;
        let b: Item = serde_json::from_str(r#"{"serial":"160","place":"456"}"#)?;
        assert_eq!(a, b);
        assert_eq!(
            serde_json::to_string(&a)?,
            r#"{"serial":160,"place":"456"}"#
        );
        for bad in [
            r#"{"serial":"x","place":"1"}"#,
            r#"{"serial":-1,"place":"1"}"#,
            r#"{"serial":1,"place":"places/"}"#,
            r#"{"serial":1.5,"place":"1"}"#,
        ] {
            assert!(serde_json::from_str::<Item>(bad).is_err(), "{bad}");
        }
        assert_eq!(last_segment("universes/1/places/2"), "2");
        assert_eq!(from_path::<u64>("user", "users/156").ok(), Some(156));
        assert!(from_path::<u64>("user", "users/x").is_err());
        Ok(())
    }
}
