//! User restrictions v2 (bans)
//! (<https://create.roblox.com/docs/cloud/reference/features/user-restrictions>): get,
//! update and list the restrictions of a universe or one of its places under
//! `/cloud/v2/universes/{universeId}[/places/{placeId}]/user-restrictions`, and list the
//! log of every change with `…/user-restrictions:listLogs`.
//!
//! * A user never restricted reads as an inactive restriction (the resource is documented
//!   to exist for everyone, inactive by default; the answer itself is inferred).
//! * An update replaces `gameJoinRestriction` as a whole (the only field its mask may
//!   name), sets `startTime` to the emulator's clock on every write that is active (a
//!   re-ban restarts the ban), and logs the change with the credential's user as
//!   moderator.
//! * A ban whose duration is over reads inactive from then on, computed when read on the
//!   emulator's clock, which tests move forward.
//! * A place reads the universe's active restriction, marked `inherited`, unless its own
//!   is active.
//! * An update with `idempotencyKey.key` is remembered for the key lifetime (24 h by
//!   default; the lifetime is undocumented): a repeat gets the first answer and is not
//!   applied again, a key first sent longer ago than that gets 400, and the same key with
//!   another request gets 400 (inferred from the AIP-155 conventions the v2 APIs follow).
//! * Lists keep one record per user ever restricted at the level, first restricted first;
//!   the log is newest first (its order is undocumented) and bounded.

#![allow(
    clippy::result_large_err,
    reason = "an error answer ends the request; it is built once and never moved far"
)]

mod config;
mod filter;
mod handle;
mod state;
mod wire;

use http::header::{HeaderValue, RETRY_AFTER};
use http::{Method, StatusCode};
use serde_json::{json, Map, Value};

pub use config::{LogIds, UserRestrictionConfig, UserRestrictionsConfig};
use filter::LogFilter;
pub use handle::{UserRestrictionLogRecord, UserRestrictionState};
use state::{Level, Moderator, Refused, Remembered, Restrictions};
use wire::View;

use crate::gateway::auth::Access;
use crate::gateway::error_bodies::ErrorShape;
use crate::gateway::field_mask::{self, FieldMask, UpdatableFields};
use crate::gateway::page_token::{self, PageRequest, PageSizes};
use crate::gateway::proto_json::parse_timestamp;
use crate::gateway::rate_limit::{Limit, Per};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::{Ctx, Handler, Route};
use crate::gateway::state::State;
use crate::gateway::v2_codes::{V2Code, V2Error};
use crate::world::Owner;

/// Sets the area's state up, with the configured restrictions (and their universes).
pub(crate) fn seed(config: &UserRestrictionsConfig, state: &State) {
    let store = Restrictions::new(config);
    let now = state.clock.now_utc();
    for existing in &config.existing {
        handle::ensure_level(&state.world, existing);
        handle::seed_one(&store, existing, now);
    }
    state.areas.insert(store);
}

const READ: &str = "universe.user-restriction:read";
const WRITE: &str = "universe.user-restriction:write";
const BASE: &str = "/cloud/v2/universes/{universeId}/user-restrictions";
const PLACE_BASE: &str = "/cloud/v2/universes/{universeId}/places/{placeId}/user-restrictions";

/// Both lists: 10 by default, at most 100.
const SIZES: PageSizes = PageSizes {
    default: 10,
    max: 100,
};

/// The limits of one method: per API-key owner, per OAuth authorization and per universe
/// (the per-second numbers Roblox publishes, as one-minute windows).
macro_rules! limits {
    ($bucket:literal, $universe:ident) => {
        &[
            Limit {
                bucket: $bucket,
                per: Per::ApiKeyOwner,
                per_minute: |c| c.user_restrictions_per_owner,
            },
            Limit {
                bucket: $bucket,
                per: Per::OAuthToken,
                per_minute: |c| c.user_restrictions_per_oauth,
            },
            Limit {
                bucket: $bucket,
                per: Per::Universe,
                per_minute: |c| c.$universe,
            },
        ]
    };
}

const fn route(
    name: &'static str,
    method: Method,
    path: &'static str,
    scope: &'static str,
    limits: &'static [Limit],
    handler: fn(&Ctx<'_>) -> Reply,
) -> Route {
    Route {
        name,
        method,
        path,
        access: Access::ApiKeyOrOAuth { scope },
        universe_param: Some("universeId"),
        shape: ErrorShape::V2,
        limits,
        max_body: 64 * 1024,
        handler: Handler::Buffered(handler),
    }
}

const GET_LIMITS: &[Limit] = limits!(
    "user_restrictions.get",
    user_restrictions_reads_per_universe
);
const LIST_LIMITS: &[Limit] = limits!(
    "user_restrictions.list",
    user_restrictions_reads_per_universe
);
const LOG_LIMITS: &[Limit] = limits!(
    "user_restrictions.logs",
    user_restrictions_reads_per_universe
);
const UPDATE_LIMITS: &[Limit] = limits!(
    "user_restrictions.update",
    user_restrictions_updates_per_universe
);

/// The user-restriction routes.
#[rustfmt::skip]
pub(crate) const ROUTES: &[Route] = &[
    route("user_restrictions.logs", Method::GET, "/cloud/v2/universes/{universeId}/user-restrictions:listLogs", READ, LOG_LIMITS, list_logs),
    route("user_restrictions.list", Method::GET, BASE, READ, LIST_LIMITS, list),
    route("user_restrictions.get", Method::GET, "/cloud/v2/universes/{universeId}/user-restrictions/{userRestrictionId}", READ, GET_LIMITS, get),
    route("user_restrictions.update", Method::PATCH, "/cloud/v2/universes/{universeId}/user-restrictions/{userRestrictionId}", WRITE, UPDATE_LIMITS, update),
    route("user_restrictions.place.list", Method::GET, PLACE_BASE, READ, LIST_LIMITS, list),
    route("user_restrictions.place.get", Method::GET, "/cloud/v2/universes/{universeId}/places/{placeId}/user-restrictions/{userRestrictionId}", READ, GET_LIMITS, get),
    route("user_restrictions.place.update", Method::PATCH, "/cloud/v2/universes/{universeId}/places/{placeId}/user-restrictions/{userRestrictionId}", WRITE, UPDATE_LIMITS, update),
];

/// The universe (which must exist) and the place (which must be the universe's), or the
/// answer refusing them.
fn level_of(ctx: &Ctx<'_>) -> Result<Level, V2Error> {
    let universe = ctx.universe.unwrap_or_default();
    if !ctx.state.world.has_universe(universe) {
        return Err(V2Error::new(
            V2Code::NotFound,
            "The universe does not exist.",
        ));
    }
    let place = match ctx.params.iter().any(|(name, _)| *name == "placeId") {
        false => None,
        true => {
            let place = ctx
                .param("placeId")
                .and_then(|p| p.parse::<u64>().ok())
                .filter(|p| *p > 0)
                .ok_or_else(|| V2Error::invalid_argument("Invalid place ID in the request."))?;
            if ctx.state.world.universe_of_place(place) != Some(universe) {
                return Err(V2Error::new(
                    V2Code::NotFound,
                    "The place does not exist in this universe.",
                ));
            }
            Some(place)
        }
    };
    Ok(Level { universe, place })
}

/// The user id of the path (`Invalid User ID in the request.` is the documented answer
/// to a bad one).
fn user_of(ctx: &Ctx<'_>) -> Result<u64, V2Error> {
    ctx.param("userRestrictionId")
        .and_then(|u| u.parse::<u64>().ok())
        .filter(|u| *u > 0)
        .ok_or_else(|| V2Error::invalid_argument("Invalid User ID in the request."))
}

/// The restriction of `user` at `level` as it reads at `now`.
fn view_json(store: &Restrictions, level: Level, user: u64, now: time::OffsetDateTime) -> Value {
    let own = store.record(level, user);
    let universe = level.place.and_then(|_| {
        store.record(
            Level {
                universe: level.universe,
                place: None,
            },
            user,
        )
    });
    View {
        level,
        user,
        own: own.as_ref(),
        universe: universe.as_ref(),
    }
    .to_json(now)
}

fn answer(result: Result<Value, V2Error>) -> Reply {
    match result {
        Ok(value) => responses::json(StatusCode::OK, &value),
        Err(error) => error.reply(),
    }
}

fn get(ctx: &Ctx<'_>) -> Reply {
    answer((|| {
        let level = level_of(ctx)?;
        let user = user_of(ctx)?;
        Ok(view_json(
            &ctx.area::<Restrictions>(),
            level,
            user,
            ctx.state.clock.now_utc(),
        ))
    })())
}

/// The fields an update may name: `gameJoinRestriction` as a whole; the read-only ones
/// are ignored.
const FIELDS: UpdatableFields = UpdatableFields {
    writable: &["gameJoinRestriction"],
    read_only: &["path", "user", "updateTime"],
};

/// A query parameter in camelCase or snake_case (`idempotencyKey.key`,
/// `idempotency_key.key`).
fn query_value<'q>(ctx: &'q Ctx<'_>, camel: &str, snake: &str) -> Option<&'q str> {
    ctx.query
        .non_empty(camel)
        .or_else(|| ctx.query.non_empty(snake))
}

fn update(ctx: &Ctx<'_>) -> Reply {
    match update_inner(ctx) {
        Ok(value) => responses::json(StatusCode::OK, &value),
        Err(reply) => reply,
    }
}

fn update_inner(ctx: &Ctx<'_>) -> Result<Value, Reply> {
    let level = level_of(ctx)?;
    let user = user_of(ctx)?;
    let store = ctx.area::<Restrictions>();
    let now = ctx.state.clock.now_utc();
    let mask = FieldMask::from_query(&ctx.query)?;
    if let Some(mask) = &mask {
        if mask
            .paths()
            .iter()
            .any(|path| path.len() > 1 && field_mask::same_name(&path[0], "gameJoinRestriction"))
        {
            return Err(V2Error::invalid_argument(
                "The update mask may only name gameJoinRestriction as a whole.",
            )
            .into());
        }
    }
    let body: Map<String, Value> = if ctx.body.iter().all(u8::is_ascii_whitespace) {
        Map::new()
    } else {
        match serde_json::from_slice(&ctx.body) {
            Ok(Value::Object(object)) => object,
            _ => {
                return Err(
                    V2Error::invalid_argument("The request body is not a JSON object.").into(),
                )
            }
        }
    };
    let mut resource = Map::new();
    field_mask::apply_update(&mut resource, &body, mask.as_ref(), FIELDS)?;
    let changes = mask
        .as_ref()
        .is_some_and(|m| m.touches("gameJoinRestriction"))
        || (mask.is_none() && field_mask::field(&body, "gameJoinRestriction").is_some());
    let write = wire::write_of(field_mask::field(&resource, "gameJoinRestriction"))?;

    let key = query_value(ctx, "idempotencyKey.key", "idempotency_key.key");
    if let Some(first_sent) = query_value(
        ctx,
        "idempotencyKey.firstSent",
        "idempotency_key.first_sent",
    ) {
        let first_sent = parse_timestamp(first_sent).ok_or_else(|| {
            V2Error::invalid_argument("idempotencyKey.firstSent is not an RFC 3339 time.")
        })?;
        if now - first_sent > store.key_lifetime() {
            return Err(V2Error::invalid_argument(
                "The idempotency key has expired: it was first sent longer ago than its lifetime.",
            )
            .into());
        }
    }
    let fingerprint = format!(
        "{}\n{}",
        mask.as_ref()
            .map(|m| m
                .paths()
                .iter()
                .map(|p| p.join("."))
                .collect::<Vec<_>>()
                .join(","))
            .unwrap_or_default(),
        Value::Object(body.clone())
    );
    let key_id = key.map(|key| (level, user, key.to_owned()));
    if let Some(key_id) = &key_id {
        if let Some(remembered) = store.remembered(key_id, now) {
            if remembered.fingerprint != fingerprint {
                return Err(V2Error::invalid_argument(
                    "The idempotency key was already used with a different request.",
                )
                .into());
            }
            return Ok(remembered.answer);
        }
    }
    if !changes {
        return Ok(view_json(&store, level, user, now));
    }

    let per_user = ctx
        .state
        .limiter
        .config()
        .user_restrictions_updates_per_user;
    if ctx.state.limiter.is_enabled() && per_user > 0 {
        if let Err(wait) = store.count_update(level.universe, user, per_user, now) {
            let mut reply = V2Code::ResourceExhausted
                .reply("Too many updates of this user's restrictions: at most 2 per minute.");
            let secs = u64::try_from(wait.whole_seconds()).unwrap_or(0).max(1);
            reply
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from(secs));
            return Err(reply);
        }
    }
    let moderator = match ctx.credential.owner {
        Owner::User(id) => id,
        Owner::Group(group) => ctx.state.world.group_owner(group).unwrap_or_default(),
    };
    store
        .write(level, user, write, now, Some(Moderator::User(moderator)))
        .map_err(|Refused::Full| {
            V2Code::ResourceExhausted.reply("The emulator holds its most user restrictions.")
        })?;
    let answer = view_json(&store, level, user, now);
    if let Some(key_id) = key_id {
        store.remember(
            key_id,
            Remembered {
                fingerprint,
                answer: answer.clone(),
                at: now,
            },
        );
    }
    Ok(answer)
}

fn list(ctx: &Ctx<'_>) -> Reply {
    answer((|| {
        let level = level_of(ctx)?;
        let only = filter::active_filter(ctx.query.get("filter").unwrap_or_default())?;
        let request = PageRequest::from_ctx(ctx, SIZES)?;
        let store = ctx.area::<Restrictions>();
        let now = ctx.state.clock.now_utc();
        let mut rows: Vec<(u64, Value)> = store
            .records(level)
            .into_iter()
            .map(|(user, record)| (record.seq, view_json(&store, level, user, now)))
            .collect();
        if let Some(active) = only {
            rows.retain(|(_, value)| value["gameJoinRestriction"]["active"] == active);
        }
        let page = page_token::page(&rows, |(seq, _)| *seq, &request)?;
        let items: Vec<&Value> = page.items.iter().map(|(_, value)| value).collect();
        Ok(with_token(
            json!({ "userRestrictions": items }),
            page.next_page_token,
        ))
    })())
}

fn list_logs(ctx: &Ctx<'_>) -> Reply {
    answer((|| {
        let level = level_of(ctx)?;
        let filter = LogFilter::parse(ctx.query.get("filter").unwrap_or_default())?;
        let request = PageRequest::from_ctx(ctx, SIZES)?;
        let store = ctx.area::<Restrictions>();
        let form = store.log_ids();
        // Newest first: the page key counts down.
        let rows: Vec<(u64, Value)> = store
            .logs(level.universe)
            .iter()
            .filter(|entry| filter.keeps(entry.user, entry.place))
            .map(|entry| (u64::MAX - entry.seq, wire::log_json(entry, form)))
            .collect();
        let page = page_token::page(&rows, |(key, _)| *key, &request)?;
        let items: Vec<&Value> = page.items.iter().map(|(_, value)| value).collect();
        Ok(with_token(json!({ "logs": items }), page.next_page_token))
    })())
}

/// Adds `nextPageToken` unless the list is over (then it is left out, as proto3 leaves
/// out an empty string).
fn with_token(mut value: Value, token: String) -> Value {
    if let (false, Value::Object(object)) = (token.is_empty(), &mut value) {
        object.insert("nextPageToken".into(), Value::String(token));
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_routes_are_distinct_and_v2() {
        for route in ROUTES {
            assert!(route.path.starts_with("/cloud/v2/universes/{universeId}"));
            assert_eq!(route.shape, ErrorShape::V2);
        }
    }
}
