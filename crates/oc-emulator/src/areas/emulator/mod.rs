//! The gateway's part of the control surface (see [`crate::gateway::control`]): an
//! **emulator-only extension that Roblox does not have**. It serves the world's first ids
//! and the fault rules; the messaging, OAuth 2.0 and webhook areas declare their own control
//! routes under the same prefix, so no area imports another.

use http::{Method, StatusCode};
use serde_json::json;

use crate::gateway::control::{CONTROL, MAX_CONTROL_BODY};
use crate::gateway::error_bodies::{self, ErrorShape};
use crate::gateway::faults::FaultRule;
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::{Ctx, Handler, Route};

/// The gateway's control routes.
pub(crate) const ROUTES: &[Route] = &[WORLD, FAULTS_ADD, FAULTS_CLEAR];

/// The world's first ids and the URL the emulator names itself by.
const WORLD: Route = Route {
    name: "emulator.world",
    method: Method::GET,
    path: "/_emulator/v1/world",
    access: CONTROL,
    universe_param: None,
    shape: ErrorShape::Gateway,
    limits: &[],
    max_body: 0,
    handler: Handler::Buffered(world),
};

/// Adds a fault rule (a JSON [`FaultRule`], the fields of a `[[faults]]` entry).
const FAULTS_ADD: Route = Route {
    name: "emulator.faults.add",
    method: Method::POST,
    path: "/_emulator/v1/faults",
    access: CONTROL,
    universe_param: None,
    shape: ErrorShape::Gateway,
    limits: &[],
    max_body: MAX_CONTROL_BODY,
    handler: Handler::Buffered(add_fault),
};

/// Removes every fault rule.
const FAULTS_CLEAR: Route = Route {
    name: "emulator.faults.clear",
    method: Method::DELETE,
    path: "/_emulator/v1/faults",
    access: CONTROL,
    universe_param: None,
    shape: ErrorShape::Gateway,
    limits: &[],
    max_body: 0,
    handler: Handler::Buffered(clear_faults),
};

fn world(ctx: &Ctx<'_>) -> Reply {
    let firsts = ctx.state.world.firsts();
    responses::json(
        StatusCode::OK,
        &json!({
            "universeId": firsts.universe,
            "placeId": firsts.place,
            "userId": firsts.user,
            "groupId": firsts.group,
            "publicUrl": ctx.state.public_url(),
        }),
    )
}

fn add_fault(ctx: &Ctx<'_>) -> Reply {
    let rule: FaultRule = match serde_json::from_slice(&ctx.body) {
        Ok(rule) => rule,
        Err(e) => {
            return error_bodies::gateway(
                StatusCode::BAD_REQUEST,
                &format!("not a fault rule: {e}"),
            )
        }
    };
    // The route name is not checked here (the gateway does not know the table): a rule
    // naming no route matches nothing.
    if let Err(e) = rule.check(&[rule.route.as_str()]) {
        return error_bodies::gateway(StatusCode::BAD_REQUEST, &e.to_string());
    }
    ctx.state.faults.add(rule);
    responses::empty(StatusCode::NO_CONTENT)
}

fn clear_faults(ctx: &Ctx<'_>) -> Reply {
    ctx.state.faults.clear();
    responses::empty(StatusCode::NO_CONTENT)
}
