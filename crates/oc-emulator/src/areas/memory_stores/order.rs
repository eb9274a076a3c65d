//! The order of a sorted map and the filters of its list: items with a numeric sort key
//! by sort key, then those with a string sort key by sort key, then those without, ties
//! by key (<https://create.roblox.com/docs/cloud-services/memory-stores/sorted-map>);
//! `orderBy` reverses it; `filter` bounds `id` and `sortKey` with `<`, `>` and `&&`.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use super::state::{order_bits, SortKey};
use crate::gateway::v2_codes::V2Error;

/// An item's place in the ascending order: the group (numeric, string, none), the
/// number's ordered bits, the string sort key, the key.
pub(crate) type OrderKey = (u8, u64, String, String);

/// The place of `key` with `sort_key`.
pub(crate) fn order_key(key: &str, sort_key: &SortKey) -> OrderKey {
    match sort_key {
        SortKey::Numeric(number) => (0, order_bits(*number), String::new(), key.to_owned()),
        SortKey::String(text) => (1, 0, text.clone(), key.to_owned()),
        SortKey::None => (2, 0, String::new(), key.to_owned()),
    }
}

/// The descending order: the same key, compared the other way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub(crate) struct Desc(pub OrderKey);

impl Ord for Desc {
    fn cmp(&self, other: &Self) -> Ordering {
        other.0.cmp(&self.0)
    }
}

impl PartialOrd for Desc {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Whether `orderBy` asks for the descending order. The reference names `id desc`;
/// clients send `desc` and `asc` alone, and every spelling is accepted (inferred).
pub(crate) fn descending(order_by: Option<&str>) -> Result<bool, V2Error> {
    let text = order_by.unwrap_or_default();
    let words: Vec<String> = text
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .collect();
    match words
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] | ["asc"] | ["id"] | ["id", "asc"] => Ok(false),
        ["desc"] | ["id", "desc"] => Ok(true),
        _ => Err(V2Error::invalid_argument("The orderBy is invalid.")),
    }
}

/// A bound's field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Id,
    SortKey,
}

/// A bound's value.
#[derive(Debug, Clone, PartialEq)]
enum Literal {
    Text(String),
    Number(f64),
}

/// One bound: `field < value` or `field > value`.
#[derive(Debug, Clone, PartialEq)]
struct Bound {
    field: Field,
    greater: bool,
    value: Literal,
}

/// A list's filter: every bound must hold.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Filter {
    bounds: Vec<Bound>,
}

fn invalid() -> V2Error {
    V2Error::invalid_argument("The provided filter is invalid.")
}

impl Filter {
    /// Parses `id > "a" && sortKey < 5`; strings in double or single quotes, numbers bare.
    pub fn parse(text: &str) -> Result<Self, V2Error> {
        let mut bounds = Vec::new();
        if text.trim().is_empty() {
            return Ok(Filter { bounds });
        }
        for clause in text.split("&&") {
            let clause = clause.trim();
            let at = clause.find(['<', '>']).ok_or_else(invalid)?;
            let (name, rest) = clause.split_at(at);
            let greater = rest.starts_with('>');
            let value = rest.get(1..).unwrap_or_default().trim();
            let field = match name.trim() {
                n if n.eq_ignore_ascii_case("id") => Field::Id,
                n if n.eq_ignore_ascii_case("sortKey") || n.eq_ignore_ascii_case("sort_key") => {
                    Field::SortKey
                }
                _ => return Err(invalid()),
            };
            let quoted = |q: char| value.strip_prefix(q).and_then(|v| v.strip_suffix(q));
            let value = match quoted('"').or_else(|| quoted('\'')) {
                Some(text) => Literal::Text(text.to_owned()),
                None => Literal::Number(
                    value
                        .parse::<f64>()
                        .ok()
                        .filter(|n| n.is_finite())
                        .ok_or_else(invalid)?,
                ),
            };
            if field == Field::Id && matches!(value, Literal::Number(_)) {
                return Err(invalid());
            }
            bounds.push(Bound {
                field,
                greater,
                value,
            });
        }
        Ok(Filter { bounds })
    }

    /// Whether the item `key` with `sort_key` passes. A bound on `sortKey` compares
    /// within its type: a numeric bound keeps only numeric sort keys, a string bound only
    /// string ones (inferred from the engine's ordering rules).
    pub fn keeps(&self, key: &str, sort_key: &SortKey) -> bool {
        self.bounds.iter().all(|bound| {
            let ordering = match (bound.field, &bound.value, sort_key) {
                (Field::Id, Literal::Text(text), _) => key.cmp(text.as_str()),
                (Field::SortKey, Literal::Number(n), SortKey::Numeric(k)) => {
                    match k.partial_cmp(n) {
                        Some(ordering) => ordering,
                        None => return false,
                    }
                }
                (Field::SortKey, Literal::Text(text), SortKey::String(k)) => {
                    k.as_str().cmp(text.as_str())
                }
                _ => return false,
            };
            if bound.greater {
                ordering == Ordering::Greater
            } else {
                ordering == Ordering::Less
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_and_keep() {
        let filter = Filter::parse(r#"id > "key-001" && id < 'key-100'"#).unwrap_or_default();
        assert!(filter.keeps("key-050", &SortKey::None));
        assert!(!filter.keeps("key-001", &SortKey::None));
        let numeric = Filter::parse("sortKey > 5").unwrap_or_default();
        assert!(numeric.keeps("a", &SortKey::Numeric(6.0)));
        assert!(!numeric.keeps("a", &SortKey::Numeric(5.0)));
        assert!(!numeric.keeps("a", &SortKey::String("z".into())));
        for bad in [
            "id = \"a\"",
            "name > \"a\"",
            "id > 5",
            "sortKey > x",
            "id >",
        ] {
            assert!(Filter::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_order_is_numbers_strings_none() {
        let mut keys = [
            order_key("c", &SortKey::None),
            order_key("b", &SortKey::String("a".into())),
            order_key("z", &SortKey::Numeric(-1.5)),
            order_key("a", &SortKey::Numeric(2.0)),
            order_key("a", &SortKey::None),
        ];
        keys.sort();
        let names: Vec<&str> = keys.iter().map(|k| k.3.as_str()).collect();
        assert_eq!(names, ["z", "a", "b", "a", "c"]);
        assert_eq!(descending(Some("id desc")).ok(), Some(true));
        assert_eq!(descending(Some("DESC")).ok(), Some(true));
        assert_eq!(descending(Some("asc")).ok(), Some(false));
        assert_eq!(descending(None).ok(), Some(false));
        assert!(descending(Some("sortKey")).is_err());
    }
}
