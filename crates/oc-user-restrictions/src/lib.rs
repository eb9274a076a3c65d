//! User restrictions (bans): ban a user from an experience or one of its places, for a
//! while or for good, with a reason shown to them and a private one; read a restriction;
//! list everyone ever restricted; list the log of every change
//! (<https://create.roblox.com/docs/cloud/reference/features/user-restrictions>).
//!
//! ```no_run
//! use std::time::Duration;
//!
//! use futures::TryStreamExt;
//! use oc_user_restrictions::{ExperienceUserRestrictionsExt, PlaceUserRestrictionsExt};
//!
//! # async fn demo() -> Result<(), oc_core::Error> {
//! let client = oc_core::Client::new("my-api-key")?;
//! let experience = client.experience(1234);
//!
//! // A week's ban from the whole experience.
//! let ban = experience
//!     .user_restriction(156)
//!     .ban()
//!     .duration(Duration::from_secs(7 * 24 * 3600))
//!     .display_reason("Harassing other players")
//!     .private_reason("Reports 1041 and 1042")
//!     .exclude_alt_accounts(false)
//!     .await?;
//! assert!(ban.game_join.active);
//!
//! // A permanent ban from one place only.
//! experience.place(5678).user_restriction(157).ban().await?;
//!
//! let active: Vec<_> = experience
//!     .user_restrictions()
//!     .list()
//!     .try_filter(|r| futures::future::ready(r.game_join.active))
//!     .try_collect()
//!     .await?;
//! let history: Vec<_> = experience.user_restrictions().logs().user(156).try_collect().await?;
//!
//! experience.user_restriction(156).unban().await?;
//! # let _ = (active, history); Ok(()) }
//! ```
//!
//! Every input is checked before anything is sent: ids are positive, a duration is whole
//! seconds from 1 s to [`MAX_DURATION_SECONDS`], the reasons are at most
//! [`MAX_DISPLAY_REASON_CHARS`] and [`MAX_PRIVATE_REASON_CHARS`] characters.
//!
//! A ban or unban replaces the user's whole restriction (the update mask names
//! `gameJoinRestriction` only), and carries an idempotency key so that the client's retries
//! never apply it twice: see [`UpdateUserRestriction`]. The service allows two updates of
//! the same user per minute, and ten updates per second in an experience.
//!
//! The handles: [`UserRestriction`] (one user's) and [`UserRestrictions`] (a level's), made
//! from an [`oc_core::Experience`] or an [`oc_core::Place`] by
//! [`ExperienceUserRestrictionsExt`] and [`PlaceUserRestrictionsExt`].

#![forbid(unsafe_code)]

mod get;
mod handles;
mod limits;
mod list;
mod logs;
mod resource;
mod update;

pub use get::GetUserRestriction;
pub use handles::{
    ExperienceUserRestrictionsExt, PlaceUserRestrictionsExt, UserRestriction, UserRestrictions,
};
pub use limits::{
    MAX_DISPLAY_REASON_CHARS, MAX_DURATION_SECONDS, MAX_PAGE_SIZE, MAX_PRIVATE_REASON_CHARS,
    MIN_DURATION_SECONDS,
};
pub use list::ListUserRestrictions;
pub use logs::{ListRestrictionLogs, Moderator, RestrictionLog};
pub use resource::{GameJoinRestriction, Restriction};
pub use update::{IdempotencyKey, UpdateUserRestriction};

/// The API area, as tracing reports it.
const AREA: &str = "user_restrictions";

#[cfg(test)]
mod request_tests;
