//! The filters of the user-restriction lists
//! (<https://create.roblox.com/docs/cloud/reference/features/user-restrictions>):
//!
//! * `:listLogs`: `user == 'users/N'`, `place == 'places/N'`, or both joined by `&&`,
//!   with or without spaces around `&&` (clients send both) and either quote style. The
//!   reference's own example is mis-quoted; the form above is what clients send.
//! * the list's removed filter `game_join_restriction.active == "true"` (or `"false"`),
//!   still accepted for clients written before its removal.
//!
//! Anything else is 400 `INVALID_ARGUMENT`.

use crate::gateway::field_mask::same_name;
use crate::gateway::v2_codes::V2Error;

/// What a `:listLogs` filter keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct LogFilter {
    /// Only this user's changes.
    pub user: Option<u64>,
    /// Only this place's changes.
    pub place: Option<u64>,
}

fn invalid() -> V2Error {
    V2Error::invalid_argument("The provided filter is invalid.")
}

/// `field == value`, the value unquoted.
fn comparison(term: &str) -> Result<(&str, &str), V2Error> {
    let (field, value) = term.split_once("==").ok_or_else(invalid)?;
    let value = value.trim();
    let unquoted = ['\'', '"']
        .iter()
        .find_map(|q| value.strip_prefix(*q).and_then(|v| v.strip_suffix(*q)))
        .unwrap_or(value);
    Ok((field.trim(), unquoted))
}

/// The id in `prefix/N`, N a positive integer.
fn id(value: &str, prefix: &str) -> Result<u64, V2Error> {
    value
        .strip_prefix(prefix)
        .and_then(|rest| rest.strip_prefix('/'))
        .and_then(|n| n.parse::<u64>().ok())
        .filter(|n| *n > 0)
        .ok_or_else(invalid)
}

impl LogFilter {
    /// Parses a `:listLogs` filter; an empty one keeps everything.
    pub fn parse(text: &str) -> Result<Self, V2Error> {
        let mut filter = LogFilter::default();
        if text.trim().is_empty() {
            return Ok(filter);
        }
        for term in text.split("&&") {
            let (field, value) = comparison(term)?;
            let slot = match field {
                "user" => (&mut filter.user, "users"),
                "place" => (&mut filter.place, "places"),
                _ => return Err(invalid()),
            };
            if slot.0.is_some() {
                return Err(invalid());
            }
            *slot.0 = Some(id(value, slot.1)?);
        }
        Ok(filter)
    }

    /// Whether a change of `user` at `place` passes.
    pub fn keeps(&self, user: u64, place: Option<u64>) -> bool {
        self.user.is_none_or(|u| u == user) && self.place.is_none_or(|p| place == Some(p))
    }
}

/// Parses the list's removed filter: `Some(active)` to keep only restrictions whose
/// `active` is that, `None` for no filter.
pub(crate) fn active_filter(text: &str) -> Result<Option<bool>, V2Error> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let (field, value) = comparison(text)?;
    let mut names = field.split('.');
    let known = matches!(
        (names.next(), names.next(), names.next()),
        (Some(a), Some(b), None) if same_name(a, "gameJoinRestriction") && same_name(b, "active")
    );
    if !known {
        return Err(invalid());
    }
    match value.to_ascii_lowercase().as_str() {
        "true" => Ok(Some(true)),
        "false" => Ok(Some(false)),
        _ => Err(invalid()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_filters_take_both_spellings() {
        assert_eq!(
            LogFilter::parse("user == 'users/123'&&place == 'places/456'"),
            Ok(LogFilter {
                user: Some(123),
                place: Some(456)
            })
        );
        assert_eq!(
            LogFilter::parse(r#"place == "places/2" && user == "users/1""#),
            Ok(LogFilter {
                user: Some(1),
                place: Some(2)
            })
        );
        assert_eq!(LogFilter::parse(""), Ok(LogFilter::default()));
        for bad in [
            "user == 'users/x'",
            "user == 'places/1'",
            "user == 'users/0'",
            "user = 'users/1'",
            "moderator == 'users/1'",
            "user == 'users/1' && user == 'users/2'",
            "user == 'users/1' ||place == 'places/2'",
            "user == 'users/1' &&",
        ] {
            assert!(LogFilter::parse(bad).is_err(), "{bad}");
        }
        let filter = LogFilter {
            user: Some(1),
            place: None,
        };
        assert!(filter.keeps(1, Some(9)) && filter.keeps(1, None) && !filter.keeps(2, None));
        let place = LogFilter {
            user: None,
            place: Some(9),
        };
        assert!(place.keeps(1, Some(9)) && !place.keeps(1, None));
    }

    #[test]
    fn the_removed_list_filter_is_still_understood() {
        assert_eq!(
            active_filter(r#"game_join_restriction.active == "true""#),
            Ok(Some(true))
        );
        assert_eq!(
            active_filter("gameJoinRestriction.active == 'false'"),
            Ok(Some(false))
        );
        assert_eq!(active_filter(""), Ok(None));
        assert!(active_filter("active == 'true'").is_err());
        assert!(active_filter("gameJoinRestriction.active == 'maybe'").is_err());
    }
}
