//! The `UserRestriction` resource and where it lives: under a universe
//! (`universes/{u}/user-restrictions/{user}`) or one of its places
//! (`universes/{u}/places/{p}/user-restrictions/{user}`)
//! (<https://create.roblox.com/docs/cloud/reference/features/user-restrictions>).

use std::time::Duration;

use oc_core::v2::{self, ids};
use oc_core::{Error, Experience, InvalidInput};
use serde::Deserialize;
use time::OffsetDateTime;

use crate::limits;

/// Where restrictions live: an experience, or one place of it.
#[derive(Debug, Clone)]
pub(crate) struct Scope {
    pub(crate) experience: Experience,
    pub(crate) place_id: Option<u64>,
}

impl Scope {
    /// Checks the ids of the scope.
    pub(crate) fn validate(&self) -> Result<(), InvalidInput> {
        limits::id("universe_id", self.experience.universe_id())?;
        if let Some(place_id) = self.place_id {
            limits::id("place_id", place_id)?;
        }
        Ok(())
    }

    /// `/cloud/v2/universes/{u}[/places/{p}]/user-restrictions`.
    pub(crate) fn collection_path(&self) -> String {
        match self.place_id {
            Some(place_id) => format!(
                "{}/universes/{}/places/{place_id}/user-restrictions",
                v2::PREFIX,
                self.experience.universe_id()
            ),
            None => format!(
                "{}/universes/{}/user-restrictions",
                v2::PREFIX,
                self.experience.universe_id()
            ),
        }
    }
}

/// A user's restriction in an experience or a place, as the service reports it.
///
/// The service answers one for any user, restricted or not: a user who never was has an
/// inactive [`GameJoinRestriction`] with empty reasons.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Restriction {
    /// The resource path (`universes/1/places/2/user-restrictions/3`).
    pub path: String,
    /// The universe id.
    pub universe_id: u64,
    /// The place id, for a place's restriction; `None` for the experience's.
    pub place_id: Option<u64>,
    /// The restricted user.
    pub user_id: u64,
    /// When the restriction last changed, if the service says.
    pub update_time: Option<OffsetDateTime>,
    /// The restriction on joining the experience (or place).
    pub game_join: GameJoinRestriction,
}

/// A restriction on joining an experience or a place: a ban.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct GameJoinRestriction {
    /// `true` while the user is restricted. A ban whose duration has run out reads
    /// inactive.
    pub active: bool,
    /// When the restriction was written (set by the service).
    pub start_time: Option<OffsetDateTime>,
    /// How long it lasts from [`GameJoinRestriction::start_time`]; `None` is permanent.
    pub duration: Option<Duration>,
    /// The reason kept for moderators, never shown to the user.
    pub private_reason: String,
    /// The reason shown to the user.
    pub display_reason: String,
    /// `true` when the restriction does not extend to the user's alternate accounts.
    pub exclude_alt_accounts: bool,
    /// `true` when a place's restriction comes from its experience's (the whole
    /// experience is restricted) rather than from the place itself.
    pub inherited: bool,
}

impl GameJoinRestriction {
    /// When a restriction with a duration ends; `None` for a permanent one (or one with
    /// no start time).
    pub fn end_time(&self) -> Option<OffsetDateTime> {
        let start = self.start_time?;
        let duration = time::Duration::try_from(self.duration?).ok()?;
        start.checked_add(duration)
    }

    /// `true` for an active restriction with no duration.
    pub fn is_permanent(&self) -> bool {
        self.active && self.duration.is_none()
    }
}

/// `UserRestriction` as the service writes it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireRestriction {
    #[serde(default)]
    path: String,
    #[serde(default)]
    user: Option<String>,
    #[serde(default, with = "v2::timestamp::option")]
    update_time: Option<OffsetDateTime>,
    #[serde(default)]
    game_join_restriction: Option<WireGameJoin>,
}

/// `UserRestriction_GameJoinRestriction`; every field may be absent (proto3 leaves out
/// defaults).
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct WireGameJoin {
    active: bool,
    #[serde(with = "v2::timestamp::option")]
    start_time: Option<OffsetDateTime>,
    #[serde(with = "v2::duration::option")]
    duration: Option<Duration>,
    #[serde(deserialize_with = "null_as_empty")]
    private_reason: String,
    #[serde(deserialize_with = "null_as_empty")]
    display_reason: String,
    exclude_alt_accounts: bool,
    inherited: bool,
}

fn null_as_empty<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.unwrap_or_default())
}

impl From<WireGameJoin> for GameJoinRestriction {
    fn from(wire: WireGameJoin) -> Self {
        GameJoinRestriction {
            active: wire.active,
            start_time: wire.start_time,
            duration: wire.duration,
            private_reason: wire.private_reason,
            display_reason: wire.display_reason,
            exclude_alt_accounts: wire.exclude_alt_accounts,
            inherited: wire.inherited,
        }
    }
}

impl WireRestriction {
    /// The restriction; the ids come from its path, else from where it was asked for.
    pub(crate) fn into_restriction(
        self,
        scope: &Scope,
        user_id: Option<u64>,
    ) -> Result<Restriction, Error> {
        let from_path = PathIds::parse(&self.path);
        let user_id = match (&self.user, from_path.user_id, user_id) {
            (Some(user), _, _) if !user.is_empty() => ids::from_path("user", user)?,
            (_, Some(id), _) | (_, None, Some(id)) => id,
            _ => {
                return Err(Error::decode(
                    format!("a user restriction names no user: path {:?}", self.path),
                    None,
                ))
            }
        };
        let path = if self.path.is_empty() {
            let mut path = scope.collection_path();
            path.push('/');
            path.push_str(&user_id.to_string());
            path.trim_start_matches(v2::PREFIX)
                .trim_start_matches('/')
                .to_owned()
        } else {
            self.path
        };
        Ok(Restriction {
            path,
            universe_id: from_path
                .universe_id
                .unwrap_or_else(|| scope.experience.universe_id()),
            place_id: if from_path.universe_id.is_some() {
                from_path.place_id
            } else {
                scope.place_id
            },
            user_id,
            update_time: self.update_time,
            game_join: self.game_join_restriction.unwrap_or_default().into(),
        })
    }
}

/// The ids in `universes/{u}[/places/{p}]/user-restrictions/{user}`.
#[derive(Debug, Default, PartialEq, Eq)]
struct PathIds {
    universe_id: Option<u64>,
    place_id: Option<u64>,
    user_id: Option<u64>,
}

impl PathIds {
    fn parse(path: &str) -> Self {
        let mut ids = PathIds::default();
        let mut segments = path.trim_start_matches('/').split('/');
        while let Some(name) = segments.next() {
            let value = segments.next().and_then(|v| v.parse().ok());
            match name {
                "universes" => ids.universe_id = value,
                "places" => ids.place_id = value,
                "user-restrictions" => ids.user_id = value,
                _ => {}
            }
        }
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_ids_read_both_forms() {
        assert_eq!(
            PathIds::parse("universes/1/places/2/user-restrictions/3"),
            PathIds {
                universe_id: Some(1),
                place_id: Some(2),
                user_id: Some(3)
            }
        );
        assert_eq!(
            PathIds::parse("universes/1/user-restrictions/3"),
            PathIds {
                universe_id: Some(1),
                place_id: None,
                user_id: Some(3)
            }
        );
    }

    #[test]
    fn the_end_of_a_ban_is_its_start_plus_its_duration() {
        let start = OffsetDateTime::from_unix_timestamp(1_000).ok();
        let ban = GameJoinRestriction {
            active: true,
            start_time: start,
            duration: Some(Duration::from_secs(60)),
            ..GameJoinRestriction::default()
        };
        assert_eq!(
            ban.end_time().map(OffsetDateTime::unix_timestamp),
            Some(1_060)
        );
        assert!(!ban.is_permanent());
        let forever = GameJoinRestriction {
            duration: None,
            ..ban
        };
        assert_eq!(forever.end_time(), None);
        assert!(forever.is_permanent());
    }
}
