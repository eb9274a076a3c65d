//! The wire form of an ordered entry, as both APIs answer it.

use serde::Deserialize;

use super::OrderedEntry;

/// The wire form of an entry: `id` and `value` (`path` too in v2, not read). The value is
/// an int64 in v1 and a double "always rounded to the nearest integer" in v2; proto3 JSON
/// may send either as a number or a decimal string, and leaves a 0 out.
#[derive(Debug, Deserialize)]
pub(crate) struct WireEntry {
    #[serde(default)]
    id: String,
    #[serde(default)]
    value: Option<serde_json::Value>,
}

impl WireEntry {
    /// The value; with `rounds` a double is read as the nearest integer (v2).
    pub(crate) fn value(&self, rounds: bool) -> Result<i64, oc_core::Error> {
        let bad =
            || oc_core::Error::decode(format!("bad ordered entry value {:?}", self.value), None);
        let rounded = |double: Option<f64>| double.filter(|_| rounds).and_then(round_to_i64);
        match &self.value {
            None | Some(serde_json::Value::Null) => Ok(0),
            Some(serde_json::Value::Number(n)) => match n.as_i64() {
                Some(v) => Ok(v),
                None => rounded(n.as_f64()).ok_or_else(bad),
            },
            Some(serde_json::Value::String(s)) => {
                let s = s.trim();
                match s.parse::<i64>() {
                    Ok(v) => Ok(v),
                    Err(_) => rounded(s.parse::<f64>().ok()).ok_or_else(bad),
                }
            }
            Some(_) => Err(bad()),
        }
    }

    pub(crate) fn into_entry(
        self,
        scope: &str,
        rounds: bool,
    ) -> Result<OrderedEntry, oc_core::Error> {
        Ok(OrderedEntry {
            value: self.value(rounds)?,
            key: self.id,
            scope: scope.to_owned(),
        })
    }
}

/// A double as the nearest `i64` (half away from zero), clamped to the range; `None`
/// when it is not a number.
fn round_to_i64(value: f64) -> Option<i64> {
    if !value.is_finite() {
        return None;
    }
    // `as` saturates at the ends of the range.
    #[allow(
        clippy::cast_possible_truncation,
        reason = "rounded first; the conversion saturates"
    )]
    Some(value.round() as i64)
}
