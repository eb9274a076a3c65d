//! The documented limits, checked before anything is sent
//! (<https://create.roblox.com/docs/cloud/reference/features/groups>).

use oc_core::{Error, InvalidInput};

/// The largest page of roles the service gives (larger sizes are coerced to it).
pub const MAX_ROLES_PAGE_SIZE: usize = 20;
/// The largest page of memberships.
pub const MAX_MEMBERSHIPS_PAGE_SIZE: usize = 100;
/// The largest page of join requests.
pub const MAX_JOIN_REQUESTS_PAGE_SIZE: usize = 20;
/// The largest page of forum categories.
pub const MAX_FORUM_CATEGORIES_PAGE_SIZE: usize = 10;
/// The largest page of forum posts or comments.
pub const MAX_FORUM_PAGE_SIZE: usize = 100;
/// The most users one search across groups names
/// (<https://create.roblox.com/docs/cloud/reference/patterns#list-group-memberships>).
pub const MAX_USERS_PER_SEARCH: usize = 50;

/// A group, user or role id: positive.
pub(crate) fn id(field: &'static str, value: u64) -> Result<(), Error> {
    if value == 0 {
        return Err(InvalidInput::new(field, "must be above 0").into());
    }
    Ok(())
}

/// A forum category, post or comment id: non-empty, of the characters forum ids are made
/// of (letters, digits, `-` and `_`; the service uses UUIDs), so that it is safe in a path
/// and in a filter.
pub(crate) fn forum_id(field: &'static str, value: &str) -> Result<(), Error> {
    if value.is_empty() {
        return Err(InvalidInput::new(field, "must not be empty").into());
    }
    if let Some(bad) = value
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Err(InvalidInput::new(
            field,
            format!("{bad:?} is not a letter, digit, '-' or '_'"),
        )
        .into());
    }
    Ok(())
}
