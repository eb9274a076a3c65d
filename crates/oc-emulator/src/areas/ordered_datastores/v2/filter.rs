//! The list's `orderBy` and `filter` parameters
//! (<https://create.roblox.com/docs/cloud/reference/OrderedDataStoreEntry>).

/// The bounds of a `filter`: `entry >= N`, `entry <= N`, or both joined with `&&`, in
/// either order. The reference asks for single spaces between tokens; any run of
/// whitespace is taken (no stricter than needed). A decimal bound is taken as the
/// nearest whole value inside it (values are whole). `None` for anything else.
pub(super) fn parse_filter(filter: &str) -> Option<(Option<i64>, Option<i64>)> {
    let (mut min, mut max) = (None, None);
    for part in filter.split("&&") {
        let words: Vec<&str> = part.split_whitespace().collect();
        let [subject, op, number] = words[..] else {
            return None;
        };
        if subject != "entry" {
            return None;
        }
        let bound = |round_up: bool| -> Option<i64> {
            if let Ok(whole) = number.parse::<i64>() {
                return Some(whole);
            }
            let decimal: f64 = number.parse().ok().filter(|d: &f64| d.is_finite())?;
            let whole = if round_up {
                decimal.ceil()
            } else {
                decimal.floor()
            };
            super::value::whole_to_i64(whole)
        };
        match op {
            ">=" if min.is_none() => min = Some(bound(true)?),
            "<=" if max.is_none() => max = Some(bound(false)?),
            _ => return None,
        }
    }
    Some((min, max))
}

/// `orderBy`: `value` (ascending, also when empty or absent, as one client sends it) or
/// `value desc`; `Some(true)` for descending, `None` for anything else.
pub(super) fn parse_order_by(order_by: Option<&str>) -> Option<bool> {
    let words: Vec<&str> = order_by.unwrap_or_default().split_whitespace().collect();
    match words[..] {
        [] => Some(false),
        ["value"] => Some(false),
        ["value", direction] if direction.eq_ignore_ascii_case("desc") => Some(true),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_in_either_order() {
        assert_eq!(parse_filter("entry >= 10"), Some((Some(10), None)));
        assert_eq!(parse_filter("entry <= -5"), Some((None, Some(-5))));
        assert_eq!(
            parse_filter("entry <= 80 && entry >= 70"),
            Some((Some(70), Some(80)))
        );
        assert_eq!(
            parse_filter("entry >= 1.5 && entry <= 2.5"),
            Some((Some(2), Some(2)))
        );
        for bad in [
            "entry > 1",
            "entry >= 1 && entry >= 2",
            "value >= 1",
            "entry >= x",
            "entry >= 1 || entry <= 2",
            "entry>=1",
            "entry >= 1 &&",
            "entry >= 99999999999999999999",
        ] {
            assert_eq!(parse_filter(bad), None, "{bad}");
        }
    }

    #[test]
    fn order_by_is_value_or_value_desc() {
        assert_eq!(parse_order_by(None), Some(false));
        assert_eq!(parse_order_by(Some("")), Some(false));
        assert_eq!(parse_order_by(Some("value")), Some(false));
        assert_eq!(parse_order_by(Some("value desc")), Some(true));
        assert_eq!(parse_order_by(Some("value DESC")), Some(true));
        assert_eq!(parse_order_by(Some("id")), None);
        assert_eq!(parse_order_by(Some("value up")), None);
    }
}
