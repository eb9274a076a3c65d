//! The JSON of memory-store resources, and the parse of their request bodies.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{json, Map, Value};
use time::Duration;

use super::config::MemoryStoresConfig;
use super::state::{MapItem, QueueItem, SortKey};
use crate::gateway::field_mask::field;
use crate::gateway::proto_json::{format_timestamp, parse_duration};
use crate::gateway::v2_codes::V2Error;

/// What a path segment keeps unencoded: RFC 3986's unreserved characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn segment(text: &str) -> String {
    utf8_percent_encode(text, SEGMENT).to_string()
}

/// A queue item: `path` carries the `cloud/v2/` prefix, as memory-store items do.
pub(crate) fn queue_item_json(universe: u64, queue: &str, item: &QueueItem) -> Value {
    json!({
        "path": format!(
            "cloud/v2/universes/{universe}/memory-store/queues/{}/items/{}",
            segment(queue),
            item.id
        ),
        "data": item.data,
        "priority": item.priority,
        "expireTime": format_timestamp(item.expire),
        "id": item.id,
    })
}

/// A sorted-map item, with the full path the reference shows (the live service's paths
/// are sometimes cut short; clients use `id`).
pub(crate) fn map_item_json(universe: u64, map: &str, key: &str, item: &MapItem) -> Value {
    let mut object = Map::new();
    object.insert(
        "path".into(),
        json!(format!(
            "cloud/v2/universes/{universe}/memory-store/sorted-maps/{}/items/{}",
            segment(map),
            segment(key)
        )),
    );
    object.insert("value".into(), item.value.clone());
    object.insert("etag".into(), json!(item.etag.to_string()));
    object.insert("expireTime".into(), json!(format_timestamp(item.expire)));
    object.insert("id".into(), json!(key));
    match &item.sort_key {
        SortKey::Numeric(number) => {
            object.insert("numericSortKey".into(), json!(number));
        }
        SortKey::String(text) => {
            object.insert("stringSortKey".into(), json!(text));
        }
        SortKey::None => {}
    }
    Value::Object(object)
}

/// The expiration of a body: `ttl` as a duration (`"300s"`) or a number of seconds,
/// more than 0 and at most the longest; absent is the default (inferred: the service
/// documents none; the engine's default is the longest, 45 days).
pub(crate) fn ttl_of(
    body: &Map<String, Value>,
    config: &MemoryStoresConfig,
) -> Result<Duration, V2Error> {
    let max = Duration::seconds(i64::try_from(config.max_ttl_secs).unwrap_or(i64::MAX));
    let ttl = match field(body, "ttl") {
        None | Some(Value::Null) => {
            return Ok(Duration::seconds(
                i64::try_from(config.default_ttl_secs).unwrap_or(i64::MAX),
            ))
        }
        Some(Value::String(text)) => parse_duration(text),
        // Inferred: a number is taken as seconds.
        Some(Value::Number(number)) => number.as_f64().and_then(Duration::checked_seconds_f64),
        Some(_) => None,
    }
    .ok_or_else(|| V2Error::invalid_argument("InvalidRequest: ttl is not a duration."))?;
    if ttl <= Duration::ZERO || ttl > max {
        return Err(V2Error::invalid_argument(format!(
            "InvalidRequest: the expiration must be between 0 and {} seconds.",
            config.max_ttl_secs
        )));
    }
    Ok(ttl)
}

/// Refuses a value whose JSON is larger than the largest item.
pub(crate) fn check_value_size(value: &Value, config: &MemoryStoresConfig) -> Result<(), V2Error> {
    if value.to_string().len() > config.max_value_bytes {
        return Err(V2Error::invalid_argument(format!(
            "ItemValueSizeTooLarge: the value is larger than {} bytes.",
            config.max_value_bytes
        )));
    }
    Ok(())
}

/// The sort key of a sorted-map body: `numericSortKey` or `stringSortKey` (one of them;
/// `null` is none), the string at most the longest sort key.
pub(crate) fn sort_key_of(
    body: &Map<String, Value>,
    config: &MemoryStoresConfig,
) -> Result<SortKey, V2Error> {
    let numeric = field(body, "numericSortKey").filter(|v| !v.is_null());
    let string = field(body, "stringSortKey").filter(|v| !v.is_null());
    match (numeric, string) {
        (Some(_), Some(_)) => Err(V2Error::invalid_argument(
            "InvalidRequest: only one of numericSortKey and stringSortKey may be set.",
        )),
        (Some(number), None) => number
            .as_f64()
            .filter(|n| n.is_finite())
            .map(SortKey::Numeric)
            .ok_or_else(|| {
                V2Error::invalid_argument("InvalidRequest: numericSortKey is not a number.")
            }),
        (None, Some(Value::String(text))) => {
            if text.chars().count() > config.max_sort_key_chars {
                return Err(V2Error::invalid_argument(format!(
                    "InvalidRequest: the sort key is longer than {} characters.",
                    config.max_sort_key_chars
                )));
            }
            Ok(SortKey::String(text.clone()))
        }
        (None, Some(_)) => Err(V2Error::invalid_argument(
            "InvalidRequest: stringSortKey is not a string.",
        )),
        (None, None) => Ok(SortKey::None),
    }
}
