//! The documented limits of user restrictions, checked before anything is sent
//! (<https://create.roblox.com/docs/cloud/reference/features/user-restrictions>).

use std::time::Duration;

use oc_core::{validate, InvalidInput};

/// The longest reason shown to the restricted user, in characters.
pub const MAX_DISPLAY_REASON_CHARS: usize = 400;

/// The longest private reason (never shown to the user), in characters.
pub const MAX_PRIVATE_REASON_CHARS: usize = 1_000;

/// The shortest restriction, in seconds.
pub const MIN_DURATION_SECONDS: u64 = 1;

/// The longest restriction, in seconds (10,000 years; longer means permanent: leave the
/// duration out).
pub const MAX_DURATION_SECONDS: u64 = oc_core::v2::duration::MAX_SECONDS;

/// The largest page the service serves for either list (larger sizes are coerced to it).
pub const MAX_PAGE_SIZE: usize = 100;

/// Fails unless `id` (a universe, place or user id) is positive.
pub(crate) fn id(field: &'static str, id: u64) -> Result<(), InvalidInput> {
    if id == 0 {
        return Err(InvalidInput::new(field, "must be a positive id"));
    }
    Ok(())
}

/// Fails unless `duration` is whole seconds between [`MIN_DURATION_SECONDS`] and
/// [`MAX_DURATION_SECONDS`].
pub(crate) fn duration(duration: Duration) -> Result<(), InvalidInput> {
    if duration.subsec_nanos() != 0 {
        return Err(InvalidInput::new(
            "duration",
            format!("{duration:?} is not a whole number of seconds"),
        ));
    }
    let seconds = duration.as_secs();
    if !(MIN_DURATION_SECONDS..=MAX_DURATION_SECONDS).contains(&seconds) {
        return Err(InvalidInput::new(
            "duration",
            format!(
                "{seconds} s is outside {MIN_DURATION_SECONDS}..={MAX_DURATION_SECONDS} s \
                 (leave the duration out for a permanent restriction)"
            ),
        ));
    }
    Ok(())
}

/// Fails when a reason is longer than its limit.
pub(crate) fn reasons(display: Option<&str>, private: Option<&str>) -> Result<(), InvalidInput> {
    if let Some(display) = display {
        validate::max_chars("display_reason", display, MAX_DISPLAY_REASON_CHARS)?;
    }
    if let Some(private) = private {
        validate::max_chars("private_reason", private, MAX_PRIVATE_REASON_CHARS)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_whole_seconds_in_range() {
        assert!(duration(Duration::from_secs(1)).is_ok());
        assert!(duration(Duration::from_secs(MAX_DURATION_SECONDS)).is_ok());
        for bad in [
            Duration::ZERO,
            Duration::from_millis(1_500),
            Duration::from_millis(999),
            Duration::from_secs(MAX_DURATION_SECONDS + 1),
        ] {
            assert_eq!(
                duration(bad).err().as_ref().map(InvalidInput::field),
                Some("duration"),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn reasons_count_characters() {
        assert!(reasons(Some(&"é".repeat(400)), Some(&"日".repeat(1000))).is_ok());
        let long_display = "a".repeat(401);
        let long_private = "a".repeat(1001);
        assert_eq!(
            reasons(Some(&long_display), None)
                .err()
                .as_ref()
                .map(InvalidInput::field),
            Some("display_reason")
        );
        assert_eq!(
            reasons(None, Some(&long_private))
                .err()
                .as_ref()
                .map(InvalidInput::field),
            Some("private_reason")
        );
        assert_eq!(
            id("user_id", 0).err().as_ref().map(InvalidInput::field),
            Some("user_id")
        );
        assert!(id("user_id", 1).is_ok());
    }
}
