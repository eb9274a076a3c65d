//! The handles: a user's restriction ([`UserRestriction`]) and the restrictions of an
//! experience or a place ([`UserRestrictions`]), made from an [`Experience`] or a
//! [`Place`] by the extension traits. No handle makes a request.

use oc_core::{Experience, Place};

use crate::resource::Scope;

/// User restriction methods on an [`Experience`]: restrictions from the whole experience.
pub trait ExperienceUserRestrictionsExt {
    /// The restriction of user `user_id` from the whole experience (every place in it).
    fn user_restriction(&self, user_id: u64) -> UserRestriction;

    /// The experience's restrictions: list them, or list the log of every change (the
    /// experience's and its places').
    fn user_restrictions(&self) -> UserRestrictions;
}

impl ExperienceUserRestrictionsExt for Experience {
    fn user_restriction(&self, user_id: u64) -> UserRestriction {
        UserRestriction {
            scope: Scope {
                experience: self.clone(),
                place_id: None,
            },
            user_id,
        }
    }

    fn user_restrictions(&self) -> UserRestrictions {
        UserRestrictions {
            scope: Scope {
                experience: self.clone(),
                place_id: None,
            },
        }
    }
}

/// User restriction methods on a [`Place`]: restrictions from one place of an experience.
pub trait PlaceUserRestrictionsExt {
    /// The restriction of user `user_id` from this place only.
    fn user_restriction(&self, user_id: u64) -> UserRestriction;

    /// The place's restrictions: list them, or list the log of this place's changes.
    fn user_restrictions(&self) -> UserRestrictions;
}

impl PlaceUserRestrictionsExt for Place {
    fn user_restriction(&self, user_id: u64) -> UserRestriction {
        UserRestriction {
            scope: Scope {
                experience: self.experience().clone(),
                place_id: Some(self.place_id()),
            },
            user_id,
        }
    }

    fn user_restrictions(&self) -> UserRestrictions {
        UserRestrictions {
            scope: Scope {
                experience: self.experience().clone(),
                place_id: Some(self.place_id()),
            },
        }
    }
}

/// One user's restriction from an experience or a place: read it, ban, unban. Cheap to
/// clone; makes no request by itself.
#[derive(Debug, Clone)]
pub struct UserRestriction {
    pub(crate) scope: Scope,
    pub(crate) user_id: u64,
}

impl UserRestriction {
    /// The restricted user.
    pub fn user_id(&self) -> u64 {
        self.user_id
    }

    /// The universe id.
    pub fn universe_id(&self) -> u64 {
        self.scope.experience.universe_id()
    }

    /// The place id, for a place's restriction.
    pub fn place_id(&self) -> Option<u64> {
        self.scope.place_id
    }

    /// The experience the restriction belongs to.
    pub fn experience(&self) -> &Experience {
        &self.scope.experience
    }
}

/// The restrictions of an experience or a place: list them and their log. Cheap to clone;
/// makes no request by itself.
#[derive(Debug, Clone)]
pub struct UserRestrictions {
    pub(crate) scope: Scope,
}

impl UserRestrictions {
    /// The universe id.
    pub fn universe_id(&self) -> u64 {
        self.scope.experience.universe_id()
    }

    /// The place id, for a place's restrictions.
    pub fn place_id(&self) -> Option<u64> {
        self.scope.place_id
    }

    /// The experience the restrictions belong to.
    pub fn experience(&self) -> &Experience {
        &self.scope.experience
    }

    /// One user's restriction at the same level.
    pub fn user(&self, user_id: u64) -> UserRestriction {
        UserRestriction {
            scope: self.scope.clone(),
            user_id,
        }
    }
}
