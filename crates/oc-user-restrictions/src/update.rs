//! Update User Restriction (ban, unban):
//! `PATCH /cloud/v2/universes/{u}[/places/{p}]/user-restrictions/{user}?updateMask=gameJoinRestriction`
//! with `idempotencyKey.key` and `idempotencyKey.firstSent`
//! (<https://create.roblox.com/docs/cloud/reference/features/user-restrictions>).
//!
//! The mask may only name `gameJoinRestriction` as a whole: the service replaces the whole
//! restriction with the one sent, so a field left out takes its default (no duration is
//! permanent, no reason is an empty one).
//!
//! # Idempotency
//!
//! Replaying a ban is not quite harmless: the service restarts the ban's clock
//! (`startTime`) on every write, logs the change again, and allows only two updates of a
//! user per minute. The service offers an idempotency key for this: a repeat carrying the
//! same key is answered with the first answer and not applied again. Every update
//! therefore carries a key, made when the builder is made (so each retry of one call sends
//! the same key), and is safe for the client to retry. A caller who turns the key off
//! ([`UpdateUserRestriction::without_idempotency_key`]) gets a non-idempotent update: it
//! is retried only when the service certainly did not see it, and a failure says whether
//! it [may have been applied](oc_core::Error::may_have_been_applied).

use std::time::Duration;

use bytes::Bytes;
use http::Method;
use oc_core::request::{self, Query};
use oc_core::v2::{self, Patch};
use oc_core::{validate, Body, Client, Endpoint, Error, Idempotency};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use crate::get::resource_path;
use crate::handles::UserRestriction;
use crate::limits;
use crate::resource::{Restriction, WireRestriction};

impl UserRestriction {
    /// Bans the user: a restriction on joining, permanent unless
    /// [`UpdateUserRestriction::duration`] is set. Await the returned request to send it.
    ///
    /// The whole restriction is replaced: set every field you want kept.
    pub fn ban(&self) -> UpdateUserRestriction {
        UpdateUserRestriction::new(self.clone(), true)
    }

    /// Lifts the user's restriction. Await the returned request to send it.
    ///
    /// A place's restriction that is inherited from the experience stays until the
    /// experience's is lifted.
    pub fn unban(&self) -> UpdateUserRestriction {
        UpdateUserRestriction::new(self.clone(), false)
    }
}

/// The idempotency key of an update: a repeat with the same key within the service's key
/// lifetime is answered with the first answer and not applied again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey {
    /// The key: any string unique to this change.
    pub key: String,
    /// When the change was first sent; the service refuses a key first sent longer ago
    /// than its key lifetime.
    pub first_sent: OffsetDateTime,
}

impl IdempotencyKey {
    /// A key first sent at `first_sent`.
    pub fn new(key: impl Into<String>, first_sent: OffsetDateTime) -> Self {
        IdempotencyKey {
            key: key.into(),
            first_sent,
        }
    }

    /// A fresh random key, first sent now.
    pub fn generate() -> Self {
        IdempotencyKey {
            key: format!("{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..)),
            first_sent: OffsetDateTime::now_utc(),
        }
    }
}

/// A change of a user's restriction (a ban or an unban); `.await` it to send it.
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until it is awaited"]
pub struct UpdateUserRestriction {
    target: UserRestriction,
    active: bool,
    duration: Option<Duration>,
    display_reason: Option<String>,
    private_reason: Option<String>,
    exclude_alt_accounts: Option<bool>,
    idempotency_key: Option<IdempotencyKey>,
}

impl UpdateUserRestriction {
    fn new(target: UserRestriction, active: bool) -> Self {
        UpdateUserRestriction {
            target,
            active,
            duration: None,
            display_reason: None,
            private_reason: None,
            exclude_alt_accounts: None,
            idempotency_key: Some(IdempotencyKey::generate()),
        }
    }

    /// How long the ban lasts: whole seconds, from 1 s to
    /// [`MAX_DURATION_SECONDS`](crate::MAX_DURATION_SECONDS). Without it the ban is
    /// permanent.
    pub fn duration(mut self, duration: Duration) -> Self {
        self.duration = Some(duration);
        self
    }

    /// A permanent ban (the default): no duration is sent.
    pub fn permanent(mut self) -> Self {
        self.duration = None;
        self
    }

    /// The reason shown to the user (at most
    /// [`MAX_DISPLAY_REASON_CHARS`](crate::MAX_DISPLAY_REASON_CHARS) characters).
    pub fn display_reason(mut self, reason: impl Into<String>) -> Self {
        self.display_reason = Some(reason.into());
        self
    }

    /// The reason kept for moderators, never shown to the user (at most
    /// [`MAX_PRIVATE_REASON_CHARS`](crate::MAX_PRIVATE_REASON_CHARS) characters).
    pub fn private_reason(mut self, reason: impl Into<String>) -> Self {
        self.private_reason = Some(reason.into());
        self
    }

    /// `true` to leave the user's alternate accounts unrestricted; by default the
    /// restriction extends to them.
    pub fn exclude_alt_accounts(mut self, exclude: bool) -> Self {
        self.exclude_alt_accounts = Some(exclude);
        self
    }

    /// Whether the restriction is active: `true` for a ban, `false` for an unban.
    pub fn active(mut self, active: bool) -> Self {
        self.active = active;
        self
    }

    /// Uses this idempotency key instead of the one made with the builder: to repeat a
    /// change safely across processes, send it again with the key and first-sent time it
    /// was first sent with.
    pub fn idempotency_key(mut self, key: IdempotencyKey) -> Self {
        self.idempotency_key = Some(key);
        self
    }

    /// Sends no idempotency key. The update is then not idempotent (a repeat restarts the
    /// ban and logs it again), so it is retried only when the service certainly did not
    /// see it.
    pub fn without_idempotency_key(mut self) -> Self {
        self.idempotency_key = None;
        self
    }

    /// The key this update sends, if any.
    pub fn current_idempotency_key(&self) -> Option<&IdempotencyKey> {
        self.idempotency_key.as_ref()
    }

    /// The update: `gameJoinRestriction` as a whole, holding the fields set.
    fn patch(&self) -> Patch {
        let mut restriction = Map::new();
        restriction.insert("active".into(), Value::Bool(self.active));
        if let Some(duration) = self.duration {
            restriction.insert(
                "duration".into(),
                Value::String(v2::duration::format(duration)),
            );
        }
        if let Some(reason) = &self.private_reason {
            restriction.insert("privateReason".into(), Value::String(reason.clone()));
        }
        if let Some(reason) = &self.display_reason {
            restriction.insert("displayReason".into(), Value::String(reason.clone()));
        }
        if let Some(exclude) = self.exclude_alt_accounts {
            restriction.insert("excludeAltAccounts".into(), Value::Bool(exclude));
        }
        let mut patch = Patch::new();
        patch.set("gameJoinRestriction", Value::Object(restriction));
        patch
    }
}

impl Endpoint for UpdateUserRestriction {
    type Output = Restriction;
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "update_user_restriction";

    fn client(&self) -> &Client {
        self.target.scope.experience.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let path = resource_path(&self.target)?;
        if let Some(duration) = self.duration {
            limits::duration(duration)?;
        }
        limits::reasons(
            self.display_reason.as_deref(),
            self.private_reason.as_deref(),
        )?;
        let patch = self.patch();
        let mut query = patch.query(Query::with_capacity(128));
        if let Some(key) = &self.idempotency_key {
            validate::non_empty("idempotency_key", &key.key)?;
            query = query.pair("idempotencyKey.key", &key.key).pair(
                "idempotencyKey.firstSent",
                v2::timestamp::format(key.first_sent),
            );
        }
        request::json(Method::PATCH, &query.with_path(&path), patch.body())
    }

    fn idempotency(&self) -> Idempotency {
        if self.idempotency_key.is_some() {
            Idempotency::Idempotent
        } else {
            Idempotency::NonIdempotent
        }
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Restriction, Error> {
        let wire: WireRestriction = oc_core::response::json(&response)?;
        wire.into_restriction(&self.target.scope, Some(self.target.user_id))
    }
}

oc_core::endpoint_future!(static UpdateUserRestriction);
