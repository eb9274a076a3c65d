//! Users through Open Cloud v2
//! (<https://create.roblox.com/docs/cloud/reference/features/users>): Get User (the
//! verification status only with `user.advanced:read`, the social profiles only with
//! `user.social:read`), Generate User Thumbnail (a long-running operation polled at
//! `users/{id}/operations/{op}`, done at once unless `[users_api]
//! thumbnail_polls_until_done` says otherwise) and List Asset Quotas. The users are the
//! world's; their profiles and quotas are this area's state.

mod config;
mod handle;
mod profile;
mod quotas;
mod state;
mod thumbnail;

use http::Method;

pub use config::{AssetQuotaConfig, UserProfileConfig, UsersApiConfig};
use state::UsersState;

use crate::gateway::auth::Access;
use crate::gateway::error_bodies::ErrorShape;
use crate::gateway::rate_limit::{Limit, Per, RateLimitConfig};
use crate::gateway::responses::Reply;
use crate::gateway::route::{Ctx, Handler, Route};
use crate::gateway::state::State;
use crate::gateway::v2_codes::{V2Code, V2Error};
use crate::world::UserConfig;

/// Puts the configured profiles and quotas in (the configuration was checked).
pub(crate) fn seed(
    config: &UsersApiConfig,
    profiles: &[UserProfileConfig],
    quotas: &[AssetQuotaConfig],
    state: &State,
) {
    let area = UsersState::new(config, state.clock.now_utc());
    for profile in profiles {
        area.set_profile(profile);
    }
    for quota in quotas {
        area.set_quota(quota);
    }
    state.areas.insert(area);
}

/// Why configured profiles and quotas are not valid, if they are not: an unknown user,
/// a profile set twice, or a bad value.
pub(crate) fn check(
    users: &[u64],
    profiles: &[UserProfileConfig],
    quotas: &[AssetQuotaConfig],
) -> Result<(), String> {
    let mut seen = std::collections::BTreeSet::new();
    for profile in profiles {
        if !users.contains(&profile.user) {
            return Err(format!(
                "user_profiles names user {}, which is not declared",
                profile.user
            ));
        }
        if !seen.insert(profile.user) {
            return Err(format!(
                "the profile of user {} is declared twice",
                profile.user
            ));
        }
        if let Some(problem) = profile.problem() {
            return Err(format!("the profile of user {}: {problem}", profile.user));
        }
    }
    for quota in quotas {
        if !users.contains(&quota.user) {
            return Err(format!(
                "asset_quotas names user {}, which is not declared",
                quota.user
            ));
        }
        if let Some(problem) = quota.problem() {
            return Err(format!("an asset quota of user {}: {problem}", quota.user));
        }
    }
    Ok(())
}

/// The user of the path: 400 for an id that is not a number, 404 for an unknown user
/// (both inferred; the reference's own example message is the 400's).
fn user_of(ctx: &Ctx<'_>) -> Result<UserConfig, V2Error> {
    let user = ctx
        .param("user_id")
        .and_then(|id| id.parse::<u64>().ok())
        .ok_or_else(|| V2Error::invalid_argument("Invalid User ID in the request."))?;
    ctx.state
        .world
        .user(user)
        .ok_or_else(|| V2Error::new(V2Code::NotFound, "The user does not exist."))
}

const USER: &str = "/cloud/v2/users/{user_id}";

/// A route of this area: API keys or OAuth tokens, no universe in the path.
const fn route(
    name: &'static str,
    path: &'static str,
    scope: &'static str,
    limits: &'static [Limit],
    handler: fn(&Ctx<'_>) -> Reply,
) -> Route {
    Route {
        name,
        method: Method::GET,
        path,
        access: Access::ApiKeyOrOAuth { scope },
        universe_param: None,
        shape: ErrorShape::V2,
        limits,
        max_body: 0,
        handler: Handler::Buffered(handler),
    }
}

/// 1000 a minute per API-key owner and 10 per OAuth authorization, each method on its
/// own (https://create.roblox.com/docs/cloud/reference/rate-limits).
macro_rules! user_limits {
    ($bucket:literal) => {
        &[
            Limit {
                bucket: $bucket,
                per: Per::ApiKeyOwner,
                per_minute: |c: &RateLimitConfig| c.users_per_owner,
            },
            Limit {
                bucket: $bucket,
                per: Per::OAuthToken,
                per_minute: |c: &RateLimitConfig| c.users_per_oauth_token,
            },
        ]
    };
}

/// The users routes. Get User, the thumbnail and its operation list no scope (the scopes
/// of Get User only add fields); asset quotas need `asset:read`, 60 a minute per API-key
/// owner and per OAuth authorization.
#[rustfmt::skip]
pub(crate) const ROUTES: &[Route] = &[
    route("users.get", USER, "", user_limits!("users.get"), profile::get),
    route("users.generate_thumbnail", "/cloud/v2/users/{user_id}:generateThumbnail", "", user_limits!("users.generate_thumbnail"), thumbnail::generate),
    route("users.thumbnail_operation", "/cloud/v2/users/{user_id}/operations/{operation_id}", "", user_limits!("users.thumbnail_operation"), thumbnail::operation),
    route("users.list_asset_quotas", "/cloud/v2/users/{user_id}/asset-quotas", "asset:read", &[Limit { bucket: "users.list_asset_quotas", per: Per::Credential, per_minute: |c| c.asset_quotas_per_owner }], quotas::list),
];
