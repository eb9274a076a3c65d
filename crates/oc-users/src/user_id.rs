//! The user id of a path: a positive number.

use oc_core::{InvalidInput, User};

/// The user's id, refused when it is 0 (no Roblox user has it).
pub(crate) fn checked(user: &User) -> Result<u64, InvalidInput> {
    match user.id() {
        0 => Err(InvalidInput::new("user_id", "must be a positive user id")),
        id => Ok(id),
    }
}
