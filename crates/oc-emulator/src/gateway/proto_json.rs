//! Values in the proto3 JSON encoding of the v2 APIs
//! (<https://create.roblox.com/docs/cloud/reference/types>): int64 as a JSON number or a
//! decimal string, durations as decimal seconds with an `s` (`"86400s"`, `"1.5s"`),
//! timestamps as RFC 3339 (any offset in, UTC with 0, 3, 6 or 9 fractional digits out).

use serde_json::{Map, Value};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime, UtcOffset};

use crate::gateway::v2_codes::V2Error;

/// The largest duration the encoding allows, in seconds (either sign).
#[allow(
    dead_code,
    reason = "for the v2 durations (user restrictions, memory stores)"
)]
pub(crate) const MAX_DURATION_SECS: i64 = 315_576_000_000;

/// A request message: a JSON object. An empty body is the empty message, as the custom
/// methods whose fields are all optional are sent with `{}` or nothing at all.
pub(crate) fn message_body(body: &[u8]) -> Result<Map<String, Value>, V2Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice(body) {
        Ok(Value::Object(message)) => Ok(message),
        Ok(_) => Err(V2Error::invalid_argument(
            "The request body must be a JSON object.",
        )),
        Err(error) => Err(V2Error::invalid_argument(format!(
            "The request body is not valid JSON: {error}."
        ))),
    }
}

/// An int64 field: a JSON integer (an integral float too) or a decimal string (`"123"`);
/// `None` for anything else.
pub(crate) fn int64(value: &Value) -> Option<i64> {
    match value {
        Value::Number(number) => number.as_i64().or_else(|| {
            number
                .as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e18)
                .map(|f| f as i64)
        }),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

/// An int32 field, read as [`int64`] and in range.
pub(crate) fn int32(value: &Value) -> Option<i32> {
    int64(value).and_then(|v| i32::try_from(v).ok())
}

/// A duration: decimal seconds with the suffix `s`, at most nine fractional digits,
/// optionally negative (`"3s"`, `"1.000340012s"`, `"-0.5s"`), within
/// ±[`MAX_DURATION_SECS`].
#[allow(
    dead_code,
    reason = "for the v2 durations (user restrictions, memory stores)"
)]
pub(crate) fn parse_duration(text: &str) -> Option<Duration> {
    let number = text.trim().strip_suffix('s')?;
    let (negative, digits) = match number.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, number),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty())
        || !all_digits(whole)
        || !all_digits(fraction)
        || fraction.len() > 9
    {
        return None;
    }
    let secs: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    if secs > MAX_DURATION_SECS {
        return None;
    }
    let nanos: i32 = format!("{fraction:0<9}").parse().ok()?;
    let duration = Duration::new(secs, nanos);
    Some(if negative { -duration } else { duration })
}

/// A duration as the service writes it: `"86400s"`, `"1.500s"`, `"-0.000000001s"`.
#[allow(
    dead_code,
    reason = "for the v2 durations (user restrictions, memory stores)"
)]
pub(crate) fn format_duration(duration: Duration) -> String {
    let sign = if duration.is_negative() { "-" } else { "" };
    let secs = duration.whole_seconds().unsigned_abs();
    let nanos = duration.subsec_nanoseconds().unsigned_abs();
    format!("{sign}{secs}{}s", fraction(nanos))
}

/// A timestamp in RFC 3339, with any offset.
pub(crate) fn parse_timestamp(text: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(text.trim(), &Rfc3339).ok()
}

/// A timestamp as the service writes it: UTC, `Z`, 0, 3, 6 or 9 fractional digits
/// (`2024-10-01T02:31:46.304Z`).
pub(crate) fn format_timestamp(time: OffsetDateTime) -> String {
    let utc = time.to_offset(UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}Z",
        utc.year(),
        u8::from(utc.month()),
        utc.day(),
        utc.hour(),
        utc.minute(),
        utc.second(),
        fraction(utc.nanosecond())
    )
}

/// `""`, `".123"`, `".123456"` or `".123456789"`: the shortest of the three groupings that
/// holds `nanos` exactly.
fn fraction(nanos: u32) -> String {
    match nanos {
        0 => String::new(),
        n if n % 1_000_000 == 0 => format!(".{:03}", n / 1_000_000),
        n if n % 1_000 == 0 => format!(".{:06}", n / 1_000),
        n => format!(".{n:09}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bodies_are_objects_or_empty() {
        assert_eq!(message_body(b"").map(|m| m.len()), Ok(0));
        assert_eq!(message_body(b" {} ").map(|m| m.len()), Ok(0));
        assert_eq!(message_body(br#"{"a":1}"#).map(|m| m.len()), Ok(1));
        assert!(message_body(b"[]").is_err());
        assert!(message_body(b"{").is_err());
    }

    #[test]
    fn int64_takes_numbers_and_strings() {
        assert_eq!(int64(&json!(12)), Some(12));
        assert_eq!(int64(&json!("-12")), Some(-12));
        assert_eq!(int64(&json!("9223372036854775807")), Some(i64::MAX));
        assert_eq!(int64(&json!(3.0)), Some(3));
        assert_eq!(int64(&json!(3.5)), None);
        assert_eq!(int64(&json!("x")), None);
        assert_eq!(int64(&json!(true)), None);
        assert_eq!(int32(&json!("4294967296")), None);
        assert_eq!(int32(&json!("25")), Some(25));
    }

    #[test]
    fn durations_round_trip() {
        assert_eq!(parse_duration("86400s"), Some(Duration::seconds(86_400)));
        assert_eq!(
            parse_duration("1.000340012s"),
            Some(Duration::new(1, 340_012))
        );
        assert_eq!(parse_duration("0.5s"), Some(Duration::milliseconds(500)));
        assert_eq!(parse_duration("-3s"), Some(Duration::seconds(-3)));
        for bad in [
            "",
            "s",
            "3",
            "1.0000000001s",
            "1e3s",
            "+3s",
            "315576000001s",
        ] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
        assert_eq!(format_duration(Duration::seconds(86_400)), "86400s");
        assert_eq!(format_duration(Duration::milliseconds(1500)), "1.500s");
        assert_eq!(format_duration(Duration::new(1, 340_012)), "1.000340012s");
        assert_eq!(format_duration(Duration::nanoseconds(-1)), "-0.000000001s");
    }

    #[test]
    fn timestamps_parse_any_offset_and_print_utc() {
        let time = parse_timestamp("2024-10-01T04:31:46.304+02:00").expect("valid");
        assert_eq!(format_timestamp(time), "2024-10-01T02:31:46.304Z");
        let time = parse_timestamp("2024-07-22T19:06:55.8294126Z").expect("valid");
        assert_eq!(format_timestamp(time), "2024-07-22T19:06:55.829412600Z");
        let time = parse_timestamp("2024-04-18T01:44:49Z").expect("valid");
        assert_eq!(format_timestamp(time), "2024-04-18T01:44:49Z");
        assert_eq!(parse_timestamp("2024-04-18"), None);
    }
}
