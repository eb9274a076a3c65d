//! Arguments the data store commands share, and their parsing.

use clap::Args;
use rblx_open_cloud::datastores::Increment;
use serde_json::{Map, Value};

use crate::context::{invalid, Failure};

/// Which data store: `--universe`, `--store`, `--scope`.
#[derive(Debug, Clone, Args)]
pub struct StoreArgs {
    /// The experience (universe) id.
    #[arg(long, short = 'u')]
    pub universe: u64,
    /// The data store name.
    #[arg(long, short = 's')]
    pub store: String,
    /// The scope (default `global`).
    #[arg(long)]
    pub scope: Option<String>,
}

/// What a write attaches to the entry.
#[derive(Debug, Clone, Args)]
pub struct MetadataArgs {
    /// A user id to attach (repeat for several, at most 4).
    #[arg(long = "user-id", value_name = "ID")]
    pub user_ids: Vec<u64>,
    /// Attributes to attach, a JSON object.
    #[arg(long, value_name = "JSON")]
    pub attributes: Option<String>,
}

impl MetadataArgs {
    /// The attributes, parsed.
    pub fn attributes(&self) -> Result<Option<Map<String, Value>>, Failure> {
        match &self.attributes {
            None => Ok(None),
            Some(raw) => match serde_json::from_str(raw) {
                Ok(Value::Object(map)) => Ok(Some(map)),
                _ => Err(invalid("--attributes", "not a JSON object")),
            },
        }
    }
}

/// A value given on the command line: JSON, or with `string` the text as a JSON string.
pub fn parse_value(raw: &str, string: bool) -> Result<Value, Failure> {
    if string {
        return Ok(Value::String(raw.to_owned()));
    }
    serde_json::from_str(raw).map_err(|e| {
        invalid(
            "value",
            format!("not JSON ({e}); pass --string to store the text as a string"),
        )
    })
}

/// An increment: an integer, else a finite number.
pub fn parse_increment(raw: &str) -> Result<Increment, Failure> {
    if let Ok(int) = raw.parse::<i64>() {
        return Ok(Increment::Int(int));
    }
    match raw.parse::<f64>() {
        Ok(float) if float.is_finite() => Ok(Increment::Float(float)),
        _ => Err(invalid("by", "not a number")),
    }
}

/// A value for a table cell or a text answer.
pub fn show(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_json_or_strings_on_request() {
        assert_eq!(
            parse_value("{\"a\":1}", false).ok(),
            Some(serde_json::json!({"a": 1}))
        );
        assert_eq!(
            parse_value("plain", true).ok(),
            Some(Value::String("plain".into()))
        );
        assert!(parse_value("plain", false).is_err());
    }

    #[test]
    fn increments_are_integers_else_finite_numbers() {
        assert_eq!(parse_increment("-3").ok(), Some(Increment::Int(-3)));
        assert_eq!(parse_increment("1.5").ok(), Some(Increment::Float(1.5)));
        assert!(parse_increment("inf").is_err());
        assert!(parse_increment("x").is_err());
    }

    #[test]
    fn attributes_must_be_an_object() {
        let args = |raw: &str| MetadataArgs {
            user_ids: Vec::new(),
            attributes: Some(raw.to_owned()),
        };
        assert!(args("[1]").attributes().is_err());
        assert!(args("{\"a\":1}").attributes().is_ok_and(|a| a.is_some()));
    }
}
