//! List User Restriction Logs: `GET /cloud/v2/universes/{u}/user-restrictions:listLogs
//! ?maxPageSize=&pageToken=&filter=`, answering `logs` and `nextPageToken`
//! (<https://create.roblox.com/docs/cloud/reference/features/user-restrictions>).
//!
//! The log lives at the experience level only and holds the changes of its places too;
//! the filter narrows it to a user (`user == 'users/N'`), a place (`place == 'places/N'`)
//! or both, joined with `&&`.

use std::time::Duration;

use bytes::Bytes;
use http::Method;
use oc_core::request::{self, Query};
use oc_core::v2::{self, ids};
use oc_core::{Body, Client, Endpoint, Error, Page, PagedEndpoint, Paging};
use serde::Deserialize;
use time::OffsetDateTime;

use crate::handles::UserRestrictions;
use crate::limits::{self, MAX_PAGE_SIZE};
use crate::resource::Scope;

impl UserRestrictions {
    /// Lists the log of restriction changes, as a `Stream` of [`RestrictionLog`]. From an
    /// experience it holds every change, its places' included; from a place, only that
    /// place's. Narrow it with [`ListRestrictionLogs::user`] and
    /// [`ListRestrictionLogs::place`].
    pub fn logs(&self) -> ListRestrictionLogs {
        ListRestrictionLogs {
            scope: Scope {
                experience: self.scope.experience.clone(),
                place_id: None,
            },
            user_id: None,
            place_id: self.scope.place_id,
            paging: Paging::new(MAX_PAGE_SIZE),
        }
    }
}

/// Who made a restriction change.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Moderator {
    /// A Roblox user (through an API key or OAuth2 app, or the Creator Dashboard).
    User(u64),
    /// A script on a game server (`Players:BanAsync`).
    GameServerScript,
    /// A moderator the service did not describe.
    Unknown,
}

/// One change of a restriction, as the log keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RestrictionLog {
    /// The user whose restriction changed.
    pub user_id: u64,
    /// The place, for a place's restriction; `None` for the experience's.
    pub place_id: Option<u64>,
    /// Who made the change.
    pub moderator: Moderator,
    /// When the change was made.
    pub create_time: Option<OffsetDateTime>,
    /// Whether the change restricted the user (`false` for an unban).
    pub active: bool,
    /// When the restriction started.
    pub start_time: Option<OffsetDateTime>,
    /// How long it lasts; `None` is permanent.
    pub duration: Option<Duration>,
    /// The private reason given.
    pub private_reason: String,
    /// The reason shown to the user.
    pub display_reason: String,
    /// Whether alternate accounts were left unrestricted.
    pub exclude_alt_accounts: bool,
}

/// The log of restriction changes: a `Stream` of [`RestrictionLog`], newest first as the
/// service orders it.
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until it is polled"]
pub struct ListRestrictionLogs {
    scope: Scope,
    user_id: Option<u64>,
    place_id: Option<u64>,
    paging: Paging<RestrictionLog>,
}

impl ListRestrictionLogs {
    /// Only the changes of user `user_id`.
    pub fn user(mut self, user_id: u64) -> Self {
        self.user_id = Some(user_id);
        self
    }

    /// Only the changes of place `place_id`'s restrictions.
    pub fn place(mut self, place_id: u64) -> Self {
        self.place_id = Some(place_id);
        self
    }

    /// The `filter`: `user == 'users/N'`, `place == 'places/N'`, both joined by `&&`, or
    /// none.
    fn filter(&self) -> Option<String> {
        let user = self.user_id.map(|id| format!("user == 'users/{id}'"));
        let place = self.place_id.map(|id| format!("place == 'places/{id}'"));
        match (user, place) {
            (Some(user), Some(place)) => Some(format!("{user} && {place}")),
            (user, place) => user.or(place),
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WirePage {
    #[serde(default)]
    logs: Vec<WireLog>,
    #[serde(default)]
    next_page_token: Option<String>,
}

/// `UserRestrictionLog`. The live service writes `place` and `moderator.robloxUser` as
/// bare ids (`"456"`) where the reference shows paths (`"places/456"`): both are read.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct WireLog {
    user: String,
    place: Option<String>,
    moderator: Option<WireModerator>,
    #[serde(with = "v2::timestamp::option")]
    create_time: Option<OffsetDateTime>,
    active: bool,
    #[serde(with = "v2::timestamp::option")]
    start_time: Option<OffsetDateTime>,
    #[serde(with = "v2::duration::option")]
    duration: Option<Duration>,
    private_reason: Option<String>,
    display_reason: Option<String>,
    exclude_alt_accounts: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireModerator {
    #[serde(default)]
    roblox_user: Option<String>,
    #[serde(default)]
    game_server_script: Option<serde_json::Value>,
}

impl WireLog {
    fn into_log(self) -> Result<RestrictionLog, Error> {
        let place_id = match self.place.as_deref() {
            None | Some("") => None,
            Some(place) => Some(ids::from_path("place", place)?),
        };
        let moderator = match self.moderator {
            Some(WireModerator {
                roblox_user: Some(user),
                ..
            }) if !user.is_empty() => Moderator::User(ids::from_path("moderator", &user)?),
            Some(WireModerator {
                game_server_script: Some(_),
                ..
            }) => Moderator::GameServerScript,
            _ => Moderator::Unknown,
        };
        Ok(RestrictionLog {
            user_id: ids::from_path("user", &self.user)?,
            place_id,
            moderator,
            create_time: self.create_time,
            active: self.active,
            start_time: self.start_time,
            duration: self.duration,
            private_reason: self.private_reason.unwrap_or_default(),
            display_reason: self.display_reason.unwrap_or_default(),
            exclude_alt_accounts: self.exclude_alt_accounts,
        })
    }
}

impl Endpoint for ListRestrictionLogs {
    type Output = Page<RestrictionLog>;
    const AREA: &'static str = crate::AREA;
    const OPERATION: &'static str = "list_user_restriction_logs";

    fn client(&self) -> &Client {
        self.scope.experience.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        self.scope.validate()?;
        if let Some(user_id) = self.user_id {
            limits::id("user_id", user_id)?;
        }
        if let Some(place_id) = self.place_id {
            limits::id("place_id", place_id)?;
        }
        let query = self
            .paging
            .query_v2(Query::new())
            .pair_opt("filter", self.filter());
        let path = format!("{}:listLogs", self.scope.collection_path());
        request::build(Method::GET, &query.with_path(&path), Body::empty())
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Page<RestrictionLog>, Error> {
        let wire: WirePage = oc_core::response::json(&response)?;
        Ok(Page {
            items: wire
                .logs
                .into_iter()
                .map(WireLog::into_log)
                .collect::<Result<_, Error>>()?,
            next_cursor: wire.next_page_token,
        })
    }
}

impl PagedEndpoint for ListRestrictionLogs {
    type Item = RestrictionLog;

    fn paging(&self) -> &Paging<RestrictionLog> {
        &self.paging
    }

    fn paging_mut(&mut self) -> &mut Paging<RestrictionLog> {
        &mut self.paging
    }
}

oc_core::list_stream!(ListRestrictionLogs);
