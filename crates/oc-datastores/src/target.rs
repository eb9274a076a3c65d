//! What both kinds of handle share: the experience, the store name and the scope choice.

use oc_core::{Experience, InvalidInput};

use crate::names;

/// The scope when none is chosen.
pub const DEFAULT_SCOPE: &str = "global";

/// A store name with its scope choice. `pub` in a private module, so that the sealed
/// trait of the ordered builders can return it without naming it outside the crate.
#[derive(Debug, Clone)]
pub struct Target {
    pub experience: Experience,
    pub name: String,
    /// A scope chosen with `with_scope`.
    pub scope: Option<String>,
    /// Whether `all_scopes` was chosen.
    pub all_scopes: bool,
}

impl Target {
    pub fn new(experience: &Experience, name: String) -> Self {
        Target {
            experience: experience.clone(),
            name,
            scope: None,
            all_scopes: false,
        }
    }

    /// The scope requests of the handle use (`None` on an all-scopes handle).
    pub fn scope(&self) -> Option<&str> {
        if self.all_scopes {
            None
        } else {
            Some(self.scope.as_deref().unwrap_or(DEFAULT_SCOPE))
        }
    }

    /// Checks the name and the scope choice.
    pub fn check(&self) -> Result<(), InvalidInput> {
        names::check("name", &self.name)?;
        if self.all_scopes && self.scope.is_some() {
            return Err(InvalidInput::new(
                "scope",
                "a scope cannot be chosen on an all-scopes handle",
            ));
        }
        if let Some(scope) = &self.scope {
            names::check("scope", scope)?;
        }
        Ok(())
    }

    /// The scope and key of `key`: on an all-scopes handle `key` is `"scope/key"`.
    pub fn locate<'k>(&'k self, key: &'k str) -> Result<(&'k str, &'k str), InvalidInput> {
        self.check()?;
        let (scope, key) = match self.scope() {
            Some(scope) => (scope, key),
            None => key.split_once('/').ok_or_else(|| {
                InvalidInput::new(
                    "key",
                    "on an all-scopes handle a key is written \"scope/key\"",
                )
            })?,
        };
        names::check("scope", scope)?;
        names::check("key", key)?;
        Ok((scope, key))
    }
}
