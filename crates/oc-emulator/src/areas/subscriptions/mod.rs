//! Subscriptions through Open Cloud v2
//! (<https://create.roblox.com/docs/cloud/reference/features/monetization>): Get
//! Subscription, `GET /cloud/v2/universes/{u}/subscription-products/{p}/subscriptions/{s}`
//! where the subscription id is the subscriber's user id, with `view=BASIC` (only
//! `active` and `willRenew`, the default) or `view=FULL`.

mod config;
mod handle;
mod state;

use http::{Method, StatusCode};
use serde_json::{json, Map, Value};

pub use config::SubscriptionConfig;
use state::Subscriptions;

use crate::gateway::auth::Access;
use crate::gateway::error_bodies::ErrorShape;
use crate::gateway::rate_limit::{Limit, Per};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::{Ctx, Handler, Route};
use crate::gateway::state::State;
use crate::gateway::v2_codes::{V2Code, V2Error};
use crate::sync::lock;
use crate::world::Owner;

/// Puts the configured subscriptions in (and their universes).
pub(crate) fn seed(subscriptions: &[SubscriptionConfig], state: &State) {
    let area = Subscriptions::default();
    let now = state.clock.now_utc();
    for subscription in subscriptions {
        state.world.ensure_universe(subscription.universe);
        area.set(subscription, now);
    }
    state.areas.insert(area);
}

/// The scope that reads any user's subscription.
const UNIVERSE_WRITE: &str = "universe:write";

/// The subscription routes.
pub(crate) const ROUTES: &[Route] = &[Route {
    name: "subscriptions.get",
    method: Method::GET,
    path: "/cloud/v2/universes/{universe_id}/subscription-products/{subscription_product_id}/subscriptions/{subscription_id}",
    // `universe:write` reads any subscription; the read scope only the caller's own.
    access: Access::ApiKeyOrOAuth {
        scope: "universe:write|universe.subscription-product.subscription:read",
    },
    universe_param: Some("universe_id"),
    shape: ErrorShape::V2,
    // 500/min per API-key owner, 3/s per OAuth authorization
    // (https://create.roblox.com/docs/cloud/reference/rate-limits).
    limits: &[
        Limit {
            bucket: "subscriptions.get",
            per: Per::ApiKeyOwner,
            per_minute: |c| c.subscriptions_per_owner,
        },
        Limit {
            bucket: "subscriptions.get",
            per: Per::OAuthToken,
            per_minute: |c| c.subscriptions_per_oauth_token,
        },
    ],
    max_body: 0,
    handler: Handler::Buffered(get),
}];

fn get(ctx: &Ctx<'_>) -> Reply {
    try_get(ctx).unwrap_or_else(|error| error.reply())
}

fn try_get(ctx: &Ctx<'_>) -> Result<Reply, V2Error> {
    let universe = ctx.universe.unwrap_or_default();
    let product = ctx.param("subscription_product_id").unwrap_or_default();
    let user = ctx
        .param("subscription_id")
        .and_then(|id| id.parse::<u64>().ok())
        .ok_or_else(|| V2Error::invalid_argument("The subscription id must be a user id."))?;
    let full = match ctx.query.non_empty("view") {
        None => false,
        Some(view) if view.eq_ignore_ascii_case("BASIC") => false,
        Some(view) if view.eq_ignore_ascii_case("VIEW_UNSPECIFIED") => false,
        Some(view) if view.eq_ignore_ascii_case("FULL") => true,
        Some(_) => return Err(V2Error::invalid_argument("view must be BASIC or FULL.")),
    };
    // Without universe:write, only the caller's own subscription.
    if !ctx.credential.allows(Some(universe), UNIVERSE_WRITE)
        && ctx.credential.owner != Owner::User(user)
    {
        return Err(V2Error::new(
            V2Code::PermissionDenied,
            "Without universe:write only the caller's own subscription can be read.",
        ));
    }
    let area = ctx.area::<Subscriptions>();
    let all = lock(&area.all);
    let Some(stored) = all.get(&(universe, product.clone(), user)) else {
        // 404 when the user never subscribed (inferred).
        return Err(V2Error::new(
            V2Code::NotFound,
            "The subscription does not exist.",
        ));
    };
    let config = &stored.config;
    let state = config.state.as_str();
    let active = matches!(
        state,
        "SUBSCRIBED_WILL_RENEW"
            | "SUBSCRIBED_WILL_NOT_RENEW"
            | "SUBSCRIBED_RENEWAL_PAYMENT_PENDING"
    );
    let will_renew = matches!(
        state,
        "SUBSCRIBED_WILL_RENEW" | "SUBSCRIBED_RENEWAL_PAYMENT_PENDING"
    );
    let mut body = Map::new();
    body.insert(
        "path".into(),
        json!(format!(
            "universes/{universe}/subscription-products/{product}/subscriptions/{user}"
        )),
    );
    body.insert("active".into(), json!(active));
    body.insert("willRenew".into(), json!(will_renew));
    if full {
        body.insert("createTime".into(), json!(stored.create_time));
        body.insert("updateTime".into(), json!(stored.update_time));
        let times = [
            ("lastBillingTime", &config.last_billing_time),
            ("nextRenewTime", &config.next_renew_time),
            ("expireTime", &config.expire_time),
        ];
        for (name, time) in times {
            if let Some(time) = time
                .as_deref()
                .and_then(crate::gateway::proto_json::parse_timestamp)
            {
                body.insert(
                    name.into(),
                    json!(crate::gateway::proto_json::format_timestamp(time)),
                );
            }
        }
        body.insert("state".into(), json!(state));
        if let Some(reason) = &config.expiration_reason {
            body.insert("expirationDetails".into(), json!({ "reason": reason }));
        }
        body.insert("purchasePlatform".into(), json!(config.purchase_platform));
        body.insert("paymentProvider".into(), json!(config.payment_provider));
        body.insert("user".into(), json!(format!("users/{user}")));
    }
    Ok(responses::json(StatusCode::OK, &Value::Object(body)))
}
