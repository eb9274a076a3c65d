//! The request bodies of the v2 entry writes: `{"value":…,"users":[…],"attributes":{…}}`
//! (plus `etag` on update, `amount` on increment), checked against the documented limits
//! (<https://create.roblox.com/docs/cloud-services/data-stores/error-codes-and-limits>).

use bytes::Bytes;
use serde_json::{Map, Value};

use crate::gateway::proto_json::message_body;
use crate::gateway::v2_codes::V2Error;

/// A value is at most 4 MiB of JSON.
const MAX_VALUE_BYTES: usize = 4 * 1024 * 1024;
/// The attributes are at most 300 characters of JSON.
const MAX_ATTRIBUTES_CHARS: usize = 300;
/// An attribute name is at most 50 characters.
const MAX_ATTRIBUTE_NAME_CHARS: usize = 50;
/// An attribute value is at most 250 characters of JSON.
const MAX_ATTRIBUTE_VALUE_CHARS: usize = 250;
/// At most 4 users (the v2 limit is not stated; v1 allowed 4 and the limits page lists
/// `UserIdLimitExceeded`; inferred).
const MAX_USERS: usize = 4;

/// A parsed write body.
#[derive(Debug)]
pub(super) struct Write {
    /// The value, serialised, when the body has one.
    pub value: Option<Bytes>,
    /// `users` as the v1 state keeps them (`[1,2]`), `None` when absent (cleared).
    pub user_ids: Option<String>,
    /// `attributes` as JSON text, `None` when absent (cleared).
    pub attributes: Option<String>,
    /// The `etag` sent, if any.
    pub etag: Option<String>,
    /// The rest of the message (`amount` for an increment).
    pub message: Map<String, Value>,
}

/// A field in camelCase or snake_case (they are the same for every field here), `null`
/// read as absent.
fn field<'m>(message: &'m Map<String, Value>, name: &str) -> Option<&'m Value> {
    message.get(name).filter(|value| !value.is_null())
}

/// Parses and checks a write body.
pub(super) fn parse(body: &[u8]) -> Result<Write, V2Error> {
    let message = message_body(body)?;
    let value = match message.get("value") {
        None => None,
        Some(value) => {
            let bytes = serde_json::to_vec(value)
                .map_err(|_| V2Error::invalid_argument("Invalid value."))?;
            if bytes.len() > MAX_VALUE_BYTES {
                return Err(V2Error::invalid_argument("The value is larger than 4 MiB."));
            }
            Some(Bytes::from(bytes))
        }
    };
    let user_ids = match field(&message, "users") {
        None => None,
        Some(Value::Array(users)) => {
            if users.len() > MAX_USERS {
                return Err(V2Error::invalid_argument(format!(
                    "At most {MAX_USERS} users can be attached to an entry."
                )));
            }
            let ids = users
                .iter()
                .map(|user| {
                    user.as_str()
                        .and_then(|u| u.strip_prefix("users/"))
                        .and_then(|id| id.parse::<u64>().ok())
                        .ok_or_else(|| V2Error::invalid_argument("Each user must be 'users/{id}'."))
                })
                .collect::<Result<Vec<u64>, _>>()?;
            serde_json::to_string(&ids).ok()
        }
        Some(_) => return Err(V2Error::invalid_argument("users must be a list.")),
    };
    let attributes = match field(&message, "attributes") {
        None => None,
        Some(Value::Object(attributes)) => {
            for (name, value) in attributes {
                let value_chars = value.to_string().chars().count();
                if name.chars().count() > MAX_ATTRIBUTE_NAME_CHARS
                    || value_chars > MAX_ATTRIBUTE_VALUE_CHARS
                {
                    return Err(V2Error::invalid_argument(
                        "An attribute name is at most 50 characters and its value at most 250.",
                    ));
                }
            }
            let text = Value::Object(attributes.clone()).to_string();
            if text.chars().count() > MAX_ATTRIBUTES_CHARS {
                return Err(V2Error::invalid_argument(
                    "The attributes are longer than 300 characters.",
                ));
            }
            // Empty attributes are kept as none, as the v1 routes keep them.
            (!attributes.is_empty()).then_some(text)
        }
        Some(_) => return Err(V2Error::invalid_argument("attributes must be an object.")),
    };
    let etag = field(&message, "etag")
        .and_then(Value::as_str)
        .filter(|etag| !etag.is_empty())
        .map(str::to_owned);
    Ok(Write {
        value,
        user_ids,
        attributes,
        etag,
        message,
    })
}

/// The `amount` of an increment: a number holding an integer.
pub(super) fn amount(message: &Map<String, Value>) -> Result<i128, V2Error> {
    let bad = || V2Error::invalid_argument("The amount must be an integer.");
    match field(message, "amount") {
        None => Err(V2Error::invalid_argument("The amount is required.")),
        Some(Value::Number(number)) => match number.as_i64() {
            Some(int) => Ok(i128::from(int)),
            None => number
                .as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 1.0e30)
                .map(|f| f as i128)
                .ok_or_else(bad),
        },
        Some(Value::String(text)) => text.trim().parse().map_err(|_| bad()),
        Some(_) => Err(bad()),
    }
}

/// The integer a stored value holds, if it holds one (`5`, `5.0`, or a sum past the
/// int64 range that an earlier increment stored).
pub(super) fn stored_integer(value: &[u8]) -> Option<i128> {
    let text = std::str::from_utf8(value).ok()?.trim();
    if let Ok(int) = text.parse::<i128>() {
        return Some(int);
    }
    text.parse::<f64>()
        .ok()
        .filter(|f| f.is_finite() && f.fract() == 0.0 && f.abs() < 1.0e30)
        .map(|f| f as i128)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_read_and_checked() {
        let write =
            parse(br#"{"value":{"a":1},"users":["users/7"],"attributes":{"k":"v"},"etag":"e"}"#)
                .unwrap();
        assert_eq!(write.value.as_deref(), Some(&br#"{"a":1}"#[..]));
        assert_eq!(write.user_ids.as_deref(), Some("[7]"));
        assert_eq!(write.attributes.as_deref(), Some(r#"{"k":"v"}"#));
        assert_eq!(write.etag.as_deref(), Some("e"));
        let cleared = parse(br#"{"value":null,"users":null}"#).unwrap();
        assert_eq!(cleared.value.as_deref(), Some(&b"null"[..]));
        assert!(cleared.user_ids.is_none() && cleared.attributes.is_none());
        assert!(parse(br#"{"value":1,"users":["7"]}"#).is_err());
        assert!(parse(b"[1]").is_err());
        assert_eq!(
            amount(&parse(br#"{"amount":3}"#).unwrap().message).unwrap(),
            3
        );
        assert_eq!(
            amount(&parse(br#"{"amount":"4"}"#).unwrap().message).unwrap(),
            4
        );
        assert!(amount(&parse(br#"{"amount":0.5}"#).unwrap().message).is_err());
        assert!(amount(&parse(b"{}").unwrap().message).is_err());
        assert_eq!(stored_integer(b"5.0"), Some(5));
        assert_eq!(
            stored_integer(b"9223372036854775808"),
            Some(9_223_372_036_854_775_808)
        );
        assert_eq!(stored_integer(b"\"x\""), None);
    }
}
