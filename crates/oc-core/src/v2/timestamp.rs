//! Timestamps as v2 writes them: RFC 3339, in UTC with `Z` on output and 0 to 9
//! fractional digits, any offset on input
//! (<https://protobuf.dev/reference/protobuf/google.protobuf/#timestamp>). Times are
//! [`OffsetDateTime`]s throughout the client.
//!
//! Use [`serde`] (or [`option`]) in `#[serde(with = "…")]` for a field.

use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

/// Writes `time` in UTC (`2024-04-18T01:44:49Z`, with fractional digits when it has them).
pub fn format(time: OffsetDateTime) -> String {
    time.to_offset(UtcOffset::UTC)
        .format(&Rfc3339)
        .unwrap_or_else(|_| time.unix_timestamp().to_string())
}

/// `#[serde(with = "oc_core::v2::timestamp::serde")]` for an [`OffsetDateTime`] field.
pub mod serde {
    use ::serde::{de, Deserialize, Deserializer, Serializer};
    use time::format_description::well_known::Rfc3339;
    use time::OffsetDateTime;

    /// Writes the time in UTC.
    pub fn serialize<S: Serializer>(
        time: &OffsetDateTime,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&super::format(*time))
    }

    /// Reads an RFC 3339 time.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<OffsetDateTime, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        OffsetDateTime::parse(&text, &Rfc3339)
            .map_err(|e| de::Error::custom(format!("not an RFC 3339 time ({e}): {text:?}")))
    }
}

/// `#[serde(default, with = "oc_core::v2::timestamp::option")]` for an
/// `Option<OffsetDateTime>` field: absent, `null` or `""` is `None`.
pub mod option {
    use ::serde::{de, Deserialize, Deserializer, Serializer};
    use time::format_description::well_known::Rfc3339;
    use time::OffsetDateTime;

    /// Writes the time in UTC, or `null`.
    pub fn serialize<S: Serializer>(
        time: &Option<OffsetDateTime>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match time {
            Some(time) => serializer.serialize_str(&super::format(*time)),
            None => serializer.serialize_none(),
        }
    }

    /// Reads an RFC 3339 time, `null` or `""`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<OffsetDateTime>, D::Error> {
        match <Option<std::borrow::Cow<'de, str>>>::deserialize(deserializer)? {
            None => Ok(None),
            Some(text) if text.is_empty() => Ok(None),
            Some(text) => OffsetDateTime::parse(&text, &Rfc3339)
                .map(Some)
                .map_err(|e| de::Error::custom(format!("not an RFC 3339 time ({e}): {text:?}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_any_precision_and_offset_and_write_utc() -> Result<(), serde_json::Error> {
        #[derive(::serde::Deserialize, ::serde::Serialize)]
        struct Stamp {
            #[serde(with = "super::serde")]
            at: OffsetDateTime,
            #[serde(default, with = "super::option")]
            until: Option<OffsetDateTime>,
        }
        for (text, unix, nanos) in [
            ("2024-04-18T01:44:49Z", 1_713_404_689, 0),
            ("2024-10-01T02:31:46.304Z", 1_727_749_906, 304_000_000),
            ("2024-07-22T19:06:55.829412600Z", 1_721_675_215, 829_412_600),
            ("2024-04-18T03:44:49+02:00", 1_713_404_689, 0),
        ] {
            let stamp: Stamp = serde_json::from_str(&format!(r#"{{"at":"{text}","until":""}}"#))?;
            assert_eq!(stamp.at.unix_timestamp(), unix, "{text}");
            assert_eq!(stamp.at.nanosecond(), nanos, "{text}");
            assert!(stamp.until.is_none());
            let written = serde_json::to_string(&stamp)?;
            assert!(written.contains('Z'), "{written}");
        }
        assert!(serde_json::from_str::<Stamp>(r#"{"at":"yesterday"}"#).is_err());
        Ok(())
    }
}
