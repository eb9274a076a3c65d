//! The documented limits of memory stores, checked before anything is sent
//! (<https://create.roblox.com/docs/cloud-services/memory-stores>,
//! <https://create.roblox.com/docs/cloud/reference/features/memory-store>).

use std::time::Duration;

use oc_core::{validate, InvalidInput};
use serde_json::Value;

/// The longest expiration of an item, in seconds (45 days).
pub const MAX_EXPIRATION_SECONDS: u64 = 3_888_000;

/// The longest sorted-map key, in characters.
pub const MAX_KEY_CHARS: usize = 127;

/// The longest string sort key, in characters.
pub const MAX_SORT_KEY_CHARS: usize = 128;

/// The largest value or queue item, serialised as JSON, in bytes (32 KB).
pub const MAX_VALUE_BYTES: usize = 32 * 1024;

/// The most items one queue read returns.
pub const MAX_READ_COUNT: u32 = 200;

/// The largest page of the sorted-map list (larger sizes are coerced to it).
pub const MAX_PAGE_SIZE: usize = 100;

/// Fails unless `id` is a positive universe id.
pub(crate) fn universe(id: u64) -> Result<(), InvalidInput> {
    if id == 0 {
        return Err(InvalidInput::new("universe_id", "must be a positive id"));
    }
    Ok(())
}

/// Fails unless a queue or sorted-map name can be a path segment.
pub(crate) fn name(field: &'static str, name: &str) -> Result<(), InvalidInput> {
    validate::non_empty(field, name)?;
    validate::no_dot_segment(field, name)
}

/// Fails unless a sorted-map key is 1 to [`MAX_KEY_CHARS`] characters and can be a path
/// segment.
pub(crate) fn key(key: &str) -> Result<(), InvalidInput> {
    validate::non_empty("key", key)?;
    validate::max_chars("key", key, MAX_KEY_CHARS)?;
    validate::no_dot_segment("key", key)
}

/// Fails unless `expiration` is whole seconds from 1 s to [`MAX_EXPIRATION_SECONDS`].
pub(crate) fn expiration(expiration: Duration) -> Result<(), InvalidInput> {
    if expiration.subsec_nanos() != 0 {
        return Err(InvalidInput::new(
            "expiration",
            format!("{expiration:?} is not a whole number of seconds"),
        ));
    }
    let seconds = expiration.as_secs();
    if !(1..=MAX_EXPIRATION_SECONDS).contains(&seconds) {
        return Err(InvalidInput::new(
            "expiration",
            format!("{seconds} s is outside 1..={MAX_EXPIRATION_SECONDS} s"),
        ));
    }
    Ok(())
}

/// Fails unless `window` is whole seconds, at least 1 s.
pub(crate) fn invisibility_window(window: Duration) -> Result<(), InvalidInput> {
    if window.subsec_nanos() != 0 || window.as_secs() == 0 {
        return Err(InvalidInput::new(
            "invisibility_window",
            format!("{window:?} is not a whole number of seconds of at least 1 s"),
        ));
    }
    Ok(())
}

/// Fails unless `count` is 1 to [`MAX_READ_COUNT`].
pub(crate) fn count(count: u32) -> Result<(), InvalidInput> {
    if !(1..=MAX_READ_COUNT).contains(&count) {
        return Err(InvalidInput::new(
            "count",
            format!("{count} is outside 1..={MAX_READ_COUNT}"),
        ));
    }
    Ok(())
}

/// The value as JSON, unless it could not be serialised or is larger than
/// [`MAX_VALUE_BYTES`].
pub(crate) fn value(
    field: &'static str,
    value: &Result<Value, String>,
) -> Result<Value, InvalidInput> {
    let value = value
        .as_ref()
        .map_err(|e| InvalidInput::new(field, format!("cannot be serialised: {e}")))?;
    validate::max_bytes(field, value.to_string().as_bytes(), MAX_VALUE_BYTES)?;
    Ok(value.clone())
}

/// Fails unless a number (priority, numeric sort key) is finite.
pub(crate) fn finite(field: &'static str, number: f64) -> Result<(), InvalidInput> {
    if !number.is_finite() {
        return Err(InvalidInput::new(field, "must be a finite number"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(result: Result<(), InvalidInput>) -> Option<String> {
        result.err().map(|e| e.field().to_owned())
    }

    #[test]
    fn each_limit_refuses_what_is_out_of_range() {
        assert!(expiration(Duration::from_secs(1)).is_ok());
        assert!(expiration(Duration::from_secs(MAX_EXPIRATION_SECONDS)).is_ok());
        for bad in [
            Duration::ZERO,
            Duration::from_millis(1_500),
            Duration::from_secs(MAX_EXPIRATION_SECONDS + 1),
        ] {
            assert_eq!(field(expiration(bad)).as_deref(), Some("expiration"));
        }
        assert!(invisibility_window(Duration::from_secs(1)).is_ok());
        assert!(invisibility_window(Duration::from_millis(1_500)).is_err());
        assert!(invisibility_window(Duration::ZERO).is_err());
        assert!(count(1).is_ok() && count(200).is_ok());
        assert!(count(0).is_err() && count(201).is_err());
        assert!(key(&"k".repeat(127)).is_ok());
        assert!(key(&"k".repeat(128)).is_err() && key("").is_err() && key("..").is_err());
        assert!(name("queue", ".").is_err() && name("queue", "").is_err());
        assert!(universe(0).is_err());
        assert!(finite("priority", f64::NAN).is_err());
        let big = Ok(Value::String("x".repeat(MAX_VALUE_BYTES)));
        assert!(value("value", &big).is_err());
        assert!(value("value", &Ok(Value::Null)).is_ok());
        assert!(value("value", &Err("no".into())).is_err());
    }
}
