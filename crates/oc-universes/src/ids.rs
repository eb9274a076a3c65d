//! Checks of the ids that go into paths and bodies, made before anything is sent.

use oc_core::{Experience, InvalidInput};

/// The id the Engine Instance API gives the place's `DataModel`
/// (<https://create.roblox.com/docs/cloud/guides/instance>).
pub const ROOT_INSTANCE: &str = "root";

/// Fails when `id` is 0: no universe, place or user has that id.
pub(crate) fn positive(field: &'static str, id: u64) -> Result<u64, InvalidInput> {
    if id == 0 {
        return Err(InvalidInput::new(field, "must be greater than 0"));
    }
    Ok(id)
}

/// The experience's universe id, checked.
pub(crate) fn universe_id(experience: &Experience) -> Result<u64, InvalidInput> {
    positive("universe_id", experience.universe_id())
}

/// Fails unless `id` is an instance id: `root`, or lower-case hexadecimal digits, either
/// in the 8-4-4-4-12 groups the service writes (`44b188da-ce63-2b47-02e9-c68d004815fc`) or
/// as the 32 digits of the reference's path example
/// (<https://create.roblox.com/docs/cloud/reference/features/engine>). Either way the id is
/// a single path segment that needs no encoding.
pub(crate) fn instance_id(field: &'static str, id: &str) -> Result<(), InvalidInput> {
    if id == ROOT_INSTANCE || is_hex_id(id) {
        return Ok(());
    }
    Err(InvalidInput::new(
        field,
        format!(
            "{id:?} is not an instance id (`root`, or lower-case hexadecimal such as \
             44b188da-ce63-2b47-02e9-c68d004815fc)"
        ),
    ))
}

fn is_hex_id(id: &str) -> bool {
    let hex = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    };
    let groups: Vec<&str> = id.split('-').collect();
    match groups.as_slice() {
        [whole] => whole.len() == 32 && hex(whole),
        [a, b, c, d, e] => {
            [a.len(), b.len(), c.len(), d.len(), e.len()] == [8, 4, 4, 4, 12]
                && groups.iter().all(|g| hex(g))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instance_ids_are_root_or_lower_case_hex() {
        for good in [
            "root",
            "44b188da-ce63-2b47-02e9-c68d004815fc",
            "0123456789abcdef0123456789abcdef",
        ] {
            assert!(instance_id("instance_id", good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "Root",
            "44B188DA-CE63-2B47-02E9-C68D004815FC",
            "44b188da-ce63-2b47-02e9-c68d004815f",
            "44b188dace632b4702e9c68d004815fcc",
            "44b188da-ce63-2b47-02e9c-68d004815fc",
            "xyz",
            "..",
            "44b188da-ce63-2b47-02e9-c68d00481/fc",
        ] {
            let error = instance_id("instance_id", bad).err();
            assert_eq!(
                error.as_ref().map(InvalidInput::field),
                Some("instance_id"),
                "{bad}"
            );
        }
        assert!(positive("place_id", 0).is_err());
        assert_eq!(positive("place_id", 7).ok(), Some(7));
    }
}
