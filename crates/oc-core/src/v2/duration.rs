//! Durations as v2 writes them: decimal seconds with an `s` suffix (`"3s"`,
//! `"1.000340012s"`, `"86400s"`), between 0 and 315,576,000,000 seconds
//! (<https://protobuf.dev/reference/protobuf/google.protobuf/#duration>).
//!
//! Use [`serde`] (or [`option`]) in `#[serde(with = "…")]` for a field.

use std::time::Duration;

/// The longest duration the format holds: 10,000 years, in seconds.
pub const MAX_SECONDS: u64 = 315_576_000_000;

/// Writes `duration` as v2 does: whole seconds as `"86400s"`, else 3, 6 or 9 fractional
/// digits (`"1.500s"`).
pub fn format(duration: Duration) -> String {
    let (seconds, nanos) = (duration.as_secs(), duration.subsec_nanos());
    if nanos == 0 {
        format!("{seconds}s")
    } else if nanos % 1_000_000 == 0 {
        format!("{seconds}.{:03}s", nanos / 1_000_000)
    } else if nanos % 1_000 == 0 {
        format!("{seconds}.{:06}s", nanos / 1_000)
    } else {
        format!("{seconds}.{nanos:09}s")
    }
}

/// Reads `"86400s"` or `"1.000340012s"` (up to nine fractional digits, at most
/// [`MAX_SECONDS`]); `None` for anything else, negative durations included.
pub fn parse(text: &str) -> Option<Duration> {
    let number = text.trim().strip_suffix('s')?;
    let (whole, fraction) = match number.split_once('.') {
        Some((whole, fraction)) => (whole, fraction),
        None => (number, ""),
    };
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if fraction.len() > 9 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let seconds: u64 = whole.parse().ok().filter(|s| *s <= MAX_SECONDS)?;
    let nanos = if fraction.is_empty() {
        0
    } else {
        let digits: u32 = fraction.parse().ok()?;
        digits * 10u32.pow(9 - u32::try_from(fraction.len()).ok()?)
    };
    if seconds == MAX_SECONDS && nanos > 0 {
        return None;
    }
    Some(Duration::new(seconds, nanos))
}

/// `#[serde(with = "oc_core::v2::duration::serde")]` for a [`Duration`] field.
pub mod serde {
    use std::time::Duration;

    use ::serde::{de, Deserialize, Deserializer, Serializer};

    /// Writes the duration as `"Ns"`.
    pub fn serialize<S: Serializer>(duration: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&super::format(*duration))
    }

    /// Reads a `"Ns"` duration.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Duration, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        super::parse(&text)
            .ok_or_else(|| de::Error::custom(format!("not a duration in seconds: {text:?}")))
    }
}

/// `#[serde(default, with = "oc_core::v2::duration::option")]` for an
/// `Option<Duration>` field: absent or `null` is `None`.
pub mod option {
    use std::time::Duration;

    use ::serde::{de, Deserialize, Deserializer, Serializer};

    /// Writes the duration as `"Ns"`, or `null`.
    pub fn serialize<S: Serializer>(
        duration: &Option<Duration>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match duration {
            Some(duration) => serializer.serialize_str(&super::format(*duration)),
            None => serializer.serialize_none(),
        }
    }

    /// Reads a `"Ns"` duration or `null`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Duration>, D::Error> {
        match <Option<std::borrow::Cow<'de, str>>>::deserialize(deserializer)? {
            None => Ok(None),
            Some(text) => super::parse(&text)
                .map(Some)
                .ok_or_else(|| de::Error::custom(format!("not a duration in seconds: {text:?}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_round_trip_in_each_precision() {
        for (text, duration) in [
            ("0s", Duration::ZERO),
            ("86400s", Duration::from_secs(86_400)),
            ("1.500s", Duration::from_millis(1_500)),
            ("2.000001s", Duration::from_micros(2_000_001)),
            ("1.000340012s", Duration::new(1, 340_012)),
            ("315576000000s", Duration::from_secs(MAX_SECONDS)),
        ] {
            assert_eq!(format(duration), text);
            assert_eq!(parse(text), Some(duration));
        }
        assert_eq!(parse("1.5s"), Some(Duration::from_millis(1_500)));
        assert_eq!(parse(" 3s "), Some(Duration::from_secs(3)));
        for bad in [
            "",
            "s",
            "3",
            "-3s",
            "3.s5",
            ".5s",
            "1.0000000001s",
            "315576000001s",
            "315576000000.1s",
            "3 s",
            "+3s",
            "99999999999999999999999s",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn serde_helpers_read_and_write_the_string_form() -> Result<(), serde_json::Error> {
        #[derive(::serde::Serialize, ::serde::Deserialize, PartialEq, Debug)]
        struct Ban {
            #[serde(with = "super::serde")]
            length: Duration,
            #[serde(default, with = "super::option")]
            grace: Option<Duration>,
        }
        let ban: Ban = serde_json::from_str(r#"{"length":"60s","grace":null}"#)?;
        assert_eq!(ban.length, Duration::from_secs(60));
        assert_eq!(ban.grace, None);
        let ban: Ban = serde_json::from_str(r#"{"length":"0.25s"}"#)?;
        assert_eq!(
            serde_json::to_string(&ban)?,
            r#"{"length":"0.250s","grace":null}"#
        );
        assert!(serde_json::from_str::<Ban>(r#"{"length":60}"#).is_err());
        Ok(())
    }
}
