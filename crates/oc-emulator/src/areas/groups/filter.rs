//! The `filter` grammars of the group lists, tiny subsets of CEL
//! (<https://create.roblox.com/docs/cloud/reference/patterns#list-group-memberships>): one
//! comparison, `field == value` or `field in [value, …]`. Strings take single or double
//! quotes; the forum examples of the reference write them bare
//! (`repliesToCommentId==0123…`), so a bare value is read as far as the end. Anything else
//! is 400 `INVALID_ARGUMENT`.

use crate::gateway::v2_codes::V2Error;

/// The right-hand side of a comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Operand {
    /// `field == value`.
    Equals(String),
    /// `field in [a, b]`.
    In(Vec<String>),
}

/// One parsed comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Comparison {
    /// The field, as written.
    pub field: String,
    /// What it is compared with.
    pub operand: Operand,
}

/// The error every unsupported filter gets (the message the errors reference shows).
pub(crate) fn invalid_filter() -> V2Error {
    V2Error::invalid_argument("The provided filter is invalid.")
}

/// Parses `field == value` or `field in [v1, v2]`.
pub(crate) fn parse(text: &str) -> Result<Comparison, V2Error> {
    let text = text.trim();
    let field_end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
        .unwrap_or(text.len());
    let (field, rest) = text.split_at(field_end);
    if field.is_empty() {
        return Err(invalid_filter());
    }
    let rest = rest.trim_start();
    if let Some(value) = rest.strip_prefix("==") {
        let value = single(value.trim())?;
        return Ok(Comparison {
            field: field.to_owned(),
            operand: Operand::Equals(value),
        });
    }
    if let Some(list) = rest.strip_prefix("in") {
        let list = list.trim();
        let inner = list
            .strip_prefix('[')
            .and_then(|l| l.strip_suffix(']'))
            .ok_or_else(invalid_filter)?;
        let values = if inner.trim().is_empty() {
            Vec::new()
        } else {
            inner
                .split(',')
                .map(|v| quoted(v.trim()).ok_or_else(invalid_filter))
                .collect::<Result<_, _>>()?
        };
        return Ok(Comparison {
            field: field.to_owned(),
            operand: Operand::In(values),
        });
    }
    Err(invalid_filter())
}

/// A quoted string, or a bare value without quotes or spaces.
fn single(value: &str) -> Result<String, V2Error> {
    if let Some(text) = quoted(value) {
        return Ok(text);
    }
    if value.is_empty() || value.contains(['\'', '"', ' ', '[', ']', ',']) {
        return Err(invalid_filter());
    }
    Ok(value.to_owned())
}

/// `'text'` or `"text"` (no quote inside).
fn quoted(value: &str) -> Option<String> {
    for quote in ['\'', '"'] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            if !inner.contains(quote) {
                return Some(inner.to_owned());
            }
        }
    }
    None
}

/// The id of `users/N`.
pub(crate) fn user_path(value: &str) -> Result<u64, V2Error> {
    value
        .strip_prefix("users/")
        .and_then(|id| id.parse().ok())
        .filter(|id| *id > 0)
        .ok_or_else(invalid_filter)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn equals(field: &str, value: &str) -> Comparison {
        Comparison {
            field: field.into(),
            operand: Operand::Equals(value.into()),
        }
    }

    #[test]
    fn comparisons_parse_with_any_spacing_and_quotes() {
        assert_eq!(parse("user == 'users/1'"), Ok(equals("user", "users/1")));
        assert_eq!(parse("user==\"users/1\""), Ok(equals("user", "users/1")));
        assert_eq!(parse("archived==true"), Ok(equals("archived", "true")));
        assert_eq!(
            parse("repliesToCommentId == ''"),
            Ok(equals("repliesToCommentId", ""))
        );
        assert_eq!(
            parse("user in ['users/1', \"users/2\"]"),
            Ok(Comparison {
                field: "user".into(),
                operand: Operand::In(vec!["users/1".into(), "users/2".into()]),
            })
        );
        for bad in [
            "",
            "user",
            "user = 'users/1'",
            "user == 'users/1' && role == 'x'",
            "user in 'users/1'",
            "user in [users/1]",
            "== 'x'",
            "user == 'a'b'",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert_eq!(user_path("users/5"), Ok(5));
        assert!(user_path("users/0").is_err());
        assert!(user_path("5").is_err());
    }
}
