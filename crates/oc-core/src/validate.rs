//! Input checks shared by the API crates; each failure is an [`InvalidInput`] naming the
//! field, raised before anything is sent.

use crate::error::InvalidInput;

/// Fails when `value` is empty.
pub fn non_empty(field: &'static str, value: &str) -> Result<(), InvalidInput> {
    if value.is_empty() {
        return Err(InvalidInput::new(field, "must not be empty"));
    }
    Ok(())
}

/// Fails when `value` has more than `max` characters (Unicode scalar values).
pub fn max_chars(field: &'static str, value: &str, max: usize) -> Result<(), InvalidInput> {
    let count = value.chars().count();
    if count > max {
        return Err(InvalidInput::new(
            field,
            format!("is {count} characters long; the limit is {max}"),
        ));
    }
    Ok(())
}

/// Fails when `value` is longer than `max` bytes.
pub fn max_bytes(field: &'static str, value: &[u8], max: usize) -> Result<(), InvalidInput> {
    if value.len() > max {
        return Err(InvalidInput::new(
            field,
            format!("is {} bytes long; the limit is {max}", value.len()),
        ));
    }
    Ok(())
}

/// Fails when `value` is `.` or `..`: in a URL path such a segment is removed or climbs
/// a level when the URL is normalised (by a proxy, a load balancer or the service's own
/// router), so the request would reach another resource. Percent-encoding does not help:
/// `%2E` is equivalent to `.` (RFC 3986, section 6.2.2.2).
pub fn no_dot_segment(field: &'static str, value: &str) -> Result<(), InvalidInput> {
    if value == "." || value == ".." {
        return Err(InvalidInput::new(
            field,
            format!("{value:?} cannot be a path segment (URL normalisation removes it)"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_count_what_they_say() {
        assert!(non_empty("topic", "").is_err());
        assert!(non_empty("topic", "x").is_ok());
        assert!(max_chars("m", &"é".repeat(10), 10).is_ok());
        let err = max_chars("m", &"é".repeat(11), 10).err();
        assert_eq!(err.as_ref().map(InvalidInput::field), Some("m"));
        assert!(max_bytes("m", "é".repeat(10).as_bytes(), 10).is_err());
        assert!(max_bytes("m", b"0123456789", 10).is_ok());
        assert!(no_dot_segment("key", ".").is_err());
        assert!(no_dot_segment("key", "..").is_err());
        assert!(no_dot_segment("key", "...").is_ok());
        assert!(no_dot_segment("key", ".a").is_ok());
    }
}
