//! The base URL every request path is joined to, and the origin credentials belong to.

use http::uri::{Authority, PathAndQuery, Scheme, Uri};

use crate::error::{Error, InvalidInput};

/// A parsed base URL: scheme, host and an optional path prefix.
#[derive(Debug, Clone)]
pub(crate) struct Base {
    pub(crate) text: String,
    scheme: Scheme,
    authority: Authority,
    /// Path prefix without a trailing slash (empty for the host root).
    prefix: String,
}

impl Base {
    pub(crate) fn parse(text: &str) -> Result<Base, InvalidInput> {
        let invalid = |why: &str| InvalidInput::new("base_url", format!("{text:?} {why}"));
        let uri: Uri = text.parse().map_err(|_| invalid("is not a URL"))?;
        let scheme = uri
            .scheme()
            .cloned()
            .ok_or_else(|| invalid("has no scheme"))?;
        if scheme != Scheme::HTTP && scheme != Scheme::HTTPS {
            return Err(invalid("must be http or https"));
        }
        let authority = uri
            .authority()
            .cloned()
            .ok_or_else(|| invalid("has no host"))?;
        if uri.query().is_some() {
            return Err(invalid("must not have a query"));
        }
        Ok(Base {
            text: text.trim_end_matches('/').to_owned(),
            scheme,
            authority,
            prefix: uri.path().trim_end_matches('/').to_owned(),
        })
    }

    /// `true` when `uri` is relative (joined to this base) or has this base's scheme and
    /// host: only then may the client's credentials go with it.
    pub(crate) fn same_origin(&self, uri: &Uri) -> bool {
        match (uri.scheme(), uri.authority()) {
            (None, None) => true,
            (Some(scheme), Some(authority)) => {
                *scheme == self.scheme && same_authority(authority, &self.authority, scheme)
            }
            _ => false,
        }
    }

    /// The absolute URI of a request path (an absolute URI is kept as it is).
    pub(crate) fn join(&self, uri: Uri) -> Result<Uri, Error> {
        if uri.scheme().is_some() {
            return Ok(uri);
        }
        let parts = uri.into_parts();
        let path_and_query = match (parts.path_and_query, self.prefix.is_empty()) {
            // The common case: no prefix, the path is reused as it is (no re-parse).
            (Some(path_and_query), true) => path_and_query,
            (None, true) => PathAndQuery::from_static("/"),
            (path_and_query, false) => {
                let path = path_and_query.as_ref().map_or("/", PathAndQuery::as_str);
                format!("{}{}", self.prefix, path)
                    .parse()
                    .map_err(|e: http::uri::InvalidUri| InvalidInput::new("path", e.to_string()))?
            }
        };
        let mut parts = http::uri::Parts::default();
        parts.scheme = Some(self.scheme.clone());
        parts.authority = Some(self.authority.clone());
        parts.path_and_query = Some(path_and_query);
        Uri::from_parts(parts).map_err(|e| InvalidInput::new("path", e.to_string()).into())
    }
}

/// Host and port equal, the scheme's default port written or not.
fn same_authority(a: &Authority, b: &Authority, scheme: &Scheme) -> bool {
    let default = if *scheme == Scheme::HTTPS { 443 } else { 80 };
    a.host().eq_ignore_ascii_case(b.host())
        && a.port_u16().unwrap_or(default) == b.port_u16().unwrap_or(default)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_with_and_without_a_prefix() -> Result<(), Error> {
        let root = Base::parse("https://apis.roblox.com")?;
        let uri: Uri = "/a/b?c=d"
            .parse()
            .map_err(|_| InvalidInput::new("t", "t"))?;
        assert_eq!(root.join(uri.clone())?, "https://apis.roblox.com/a/b?c=d");
        let prefixed = Base::parse("http://127.0.0.1:9/prefix/")?;
        assert_eq!(prefixed.join(uri)?, "http://127.0.0.1:9/prefix/a/b?c=d");
        Ok(())
    }

    #[test]
    fn origins_compare_scheme_host_and_port() -> Result<(), Error> {
        let base = Base::parse("https://apis.roblox.com")?;
        let parse = |s: &str| s.parse::<Uri>().map_err(|_| InvalidInput::new("t", "t"));
        assert!(base.same_origin(&parse("/relative")?));
        assert!(base.same_origin(&parse("https://APIS.roblox.com:443/x")?));
        assert!(!base.same_origin(&parse("http://apis.roblox.com/x")?));
        assert!(!base.same_origin(&parse("https://evil.example/x")?));
        assert!(!base.same_origin(&parse("https://apis.roblox.com:8443/x")?));
        Ok(())
    }
}
