//! Credentials: what an API key or an access token may do, and the scope rules.

use std::sync::Arc;

use crate::world::config::{Owner, UniverseSelector};

/// A known API key or OAuth token, with what it may do.
#[derive(Debug)]
pub(crate) struct Credential {
    /// The key's owner, or the user who authorized the token.
    pub owner: Owner,
    /// The rate-limit pool: the owner for API keys, the token itself for OAuth.
    pub pool: String,
    /// Whether it is an OAuth access token (else an API key).
    pub oauth: bool,
    /// Universes and the scopes held on them.
    pub grants: Vec<(UniverseSelector, Vec<String>)>,
}

impl Credential {
    /// Whether the credential holds `scope` on `universe` (on any universe when `None`).
    /// `scope` may list alternatives separated by `|`, any one of which suffices; an empty
    /// `scope` (a method that lists none) needs only some scope on the universe.
    pub fn allows(&self, universe: Option<u64>, scope: &str) -> bool {
        self.grants.iter().any(|(selector, scopes)| {
            universe.is_none_or(|u| selector.matches(u))
                && if scope.is_empty() {
                    !scopes.is_empty()
                } else {
                    scope
                        .split('|')
                        .any(|needed| scopes.iter().any(|held| scope_covers(held, needed)))
                }
        })
    }
}

/// Something that issues access tokens at run time (the OAuth 2.0 provider), asked after
/// the configuration's static tokens.
pub(crate) trait TokenSource: Send + Sync + std::fmt::Debug {
    /// The credential of a live access token it issued.
    fn credential(&self, token: &str) -> Option<Arc<Credential>>;
}

/// `*` covers every scope; `name:*` every operation of `name`; otherwise an exact match.
pub(crate) fn scope_covers(held: &str, needed: &str) -> bool {
    if held == "*" || held == needed {
        return true;
    }
    match (held.strip_suffix(":*"), needed.split_once(':')) {
        (Some(held_name), Some((needed_name, _))) => held_name == needed_name,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternatives_and_no_scope() {
        let credential = Credential {
            owner: crate::world::Owner::User(1),
            pool: "owner:user:1".into(),
            oauth: false,
            grants: vec![(UniverseSelector::Id(5), vec!["b:read".into()])],
        };
        assert!(credential.allows(Some(5), "a:write|b:read"));
        assert!(!credential.allows(Some(5), "a:write"));
        assert!(credential.allows(Some(5), ""));
        assert!(!credential.allows(Some(6), ""));
        let none = Credential {
            grants: vec![(UniverseSelector::All, Vec::new())],
            ..credential
        };
        assert!(!none.allows(Some(5), ""));
    }

    #[test]
    fn wildcards_cover_scopes() {
        assert!(scope_covers("*", "universe-messaging-service:publish"));
        assert!(scope_covers(
            "universe-datastores.objects:*",
            "universe-datastores.objects:read"
        ));
        assert!(!scope_covers(
            "universe-datastores.objects:*",
            "universe-datastores.control:list"
        ));
        assert!(!scope_covers(
            "universe-datastores.control:list",
            "universe-datastores.control:create"
        ));
    }
}
