//! Values and amounts as the v2 routes take them: `value` is a double "always rounded to
//! the nearest integer", `amount` must hold an integer
//! (<https://create.roblox.com/docs/cloud/reference/OrderedDataStoreEntry>). Both must fit
//! an `i64`, as the v1 ordered data stores require.

use serde_json::{Map, Value};

use crate::gateway::field_mask;
use crate::gateway::v2_codes::V2Error;

/// 2^63, the first double past the `i64` range.
const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;

/// A whole double as an `i64`; `None` outside the range.
pub(super) fn whole_to_i64(whole: f64) -> Option<i64> {
    if (-TWO_POW_63..TWO_POW_63).contains(&whole) {
        #[allow(
            clippy::cast_possible_truncation,
            reason = "whole and checked to be in range"
        )]
        Some(whole as i64)
    } else {
        None
    }
}

/// How a fraction is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fraction {
    /// Rounded half away from zero (`value`; the reference says "rounded to the nearest
    /// integer", the rounding mode is inferred).
    Round,
    /// Refused (`amount` "must be an integer").
    Refuse,
}

/// The number `field` of the JSON object body (`Value`/`value`/`VALUE` all taken), a
/// number or a numeric string; absent, `null` or an empty body is 0 (proto3 JSON).
pub(super) fn body_number(body: &[u8], field: &str, fraction: Fraction) -> Result<i64, V2Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(0);
    }
    let object: Map<String, Value> = match serde_json::from_slice(body) {
        Ok(Value::Object(object)) => object,
        _ => {
            return Err(V2Error::invalid_argument(
                "The request body is not a JSON object.",
            ))
        }
    };
    let invalid = || V2Error::invalid_argument(format!("Invalid {field}."));
    let number = match field_mask::field(&object, field) {
        None | Some(Value::Null) => return Ok(0),
        Some(Value::Number(n)) => match n.as_i64() {
            Some(whole) => return Ok(whole),
            None => n.as_f64().ok_or_else(invalid)?,
        },
        Some(Value::String(s)) => match s.trim().parse::<i64>() {
            Ok(whole) => return Ok(whole),
            Err(_) => s.trim().parse::<f64>().map_err(|_| invalid())?,
        },
        Some(_) => return Err(invalid()),
    };
    if !number.is_finite() {
        return Err(invalid());
    }
    let whole = match fraction {
        Fraction::Round => number.round(),
        Fraction::Refuse if number.fract() == 0.0 => number,
        Fraction::Refuse => {
            return Err(V2Error::invalid_argument(format!(
                "The {field} must be an integer."
            )))
        }
    };
    whole_to_i64(whole).ok_or_else(|| {
        V2Error::invalid_argument(format!("The {field} is outside the 64-bit integer range."))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(body: &str) -> Result<i64, String> {
        body_number(body.as_bytes(), "value", Fraction::Round).map_err(|e| e.message)
    }

    fn amount(body: &str) -> Result<i64, String> {
        body_number(body.as_bytes(), "amount", Fraction::Refuse).map_err(|e| e.message)
    }

    #[test]
    fn values_round_half_away_from_zero() {
        assert_eq!(value(r#"{"value":2.5}"#), Ok(3));
        assert_eq!(value(r#"{"value":-2.5}"#), Ok(-3));
        assert_eq!(value(r#"{"value":2.4}"#), Ok(2));
        assert_eq!(value(r#"{"value":"7"}"#), Ok(7));
        assert_eq!(value(r#"{"Value":9223372036854775807}"#), Ok(i64::MAX));
        assert_eq!(value(r"{}"), Ok(0));
        assert_eq!(value(""), Ok(0));
        assert!(value(r#"{"value":1e19}"#).is_err());
        assert!(value(r#"{"value":18446744073709551615}"#).is_err());
        assert!(value(r#"{"value":true}"#).is_err());
        assert!(value("[1]").is_err());
    }

    #[test]
    fn amounts_must_be_whole() {
        assert_eq!(amount(r#"{"amount":3}"#), Ok(3));
        assert_eq!(amount(r#"{"amount":3.0}"#), Ok(3));
        assert!(amount(r#"{"amount":0.5}"#).is_err());
    }
}
