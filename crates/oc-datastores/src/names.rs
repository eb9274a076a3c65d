//! Checks of names, scopes and keys: non-empty, at most 50 bytes
//! (<https://create.roblox.com/docs/cloud/reference/DataStore>).

use oc_core::validate;
use oc_core::InvalidInput;

/// The longest data store name, scope or key, in bytes.
pub const MAX_NAME_BYTES: usize = 50;

/// Fails when `value` is empty or longer than 50 bytes.
pub(crate) fn check(field: &'static str, value: &str) -> Result<(), InvalidInput> {
    validate::non_empty(field, value)?;
    validate::max_bytes(field, value.as_bytes(), MAX_NAME_BYTES)
}
