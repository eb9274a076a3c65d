//! Query strings. The real service (ASP.NET) matches parameter names and boolean values
//! case-insensitively, and clients rely on it (`AllScopes`, `True`), so the emulator does
//! the same (inferred).

/// The decoded parameters of one request, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Query {
    pairs: Vec<(String, String)>,
}

/// A parameter whose value has the wrong form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InvalidValue {
    /// The parameter name as the route spells it.
    pub name: &'static str,
}

impl Query {
    /// Parses `a=1&b=x%20y` (with `+` as a space).
    pub fn parse(query: Option<&str>) -> Self {
        let pairs = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
            .map(|(name, value)| (name.into_owned(), value.into_owned()))
            .collect();
        Query { pairs }
    }

    /// The first value of `name`, whatever its case.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The first value of `name`, treating an empty value as absent.
    pub fn non_empty(&self, name: &str) -> Option<&str> {
        self.get(name).filter(|v| !v.is_empty())
    }

    /// Every parameter, in order, as `(name, value)`.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// A boolean parameter (`true`/`false` in any case, so Python's `True` too); absent or
    /// empty is `None`.
    pub fn bool(&self, name: &'static str) -> Result<Option<bool>, InvalidValue> {
        match self.non_empty(name) {
            None => Ok(None),
            Some(v) if v.eq_ignore_ascii_case("true") => Ok(Some(true)),
            Some(v) if v.eq_ignore_ascii_case("false") => Ok(Some(false)),
            Some(_) => Err(InvalidValue { name }),
        }
    }

    /// An integer parameter; absent or empty is `None`.
    pub fn int(&self, name: &'static str) -> Result<Option<i64>, InvalidValue> {
        self.non_empty(name)
            .map(|v| v.trim().parse().map_err(|_| InvalidValue { name }))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_booleans_ignore_case() {
        let query = Query::parse(Some("AllScopes=True&Limit=5&prefix=a+b%2Fc&cursor="));
        assert_eq!(query.bool("allScopes"), Ok(Some(true)));
        assert_eq!(query.int("limit"), Ok(Some(5)));
        assert_eq!(query.get("PREFIX"), Some("a b/c"));
        assert_eq!(query.non_empty("cursor"), None);
        assert_eq!(query.get("cursor"), Some(""));
        assert!(Query::parse(Some("x=maybe")).bool("x").is_err());
    }
}
