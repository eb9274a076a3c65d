//! The provider's control route: an **emulator-only extension that Roblox does not have**
//! (see [`crate::gateway::control`]). A program that reaches the emulator only by URL
//! reads the built-in app's credentials here to sign a user in.

use http::{Method, StatusCode};
use serde_json::json;

use super::state::OAuth2Provider;
use crate::gateway::control::CONTROL;
use crate::gateway::error_bodies::{self, ErrorShape};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::{Ctx, Handler, Route};

/// The first OAuth2 app: its client id, secret, first redirect URI and the issuer.
pub(super) const APP: Route = Route {
    name: "emulator.oauth2.app",
    method: Method::GET,
    path: "/_emulator/v1/oauth2/app",
    access: CONTROL,
    universe_param: None,
    shape: ErrorShape::Gateway,
    limits: &[],
    max_body: 0,
    handler: Handler::Buffered(app),
};

fn app(ctx: &Ctx<'_>) -> Reply {
    let Some(app) = ctx.area::<OAuth2Provider>().first_app() else {
        return error_bodies::gateway(StatusCode::NOT_FOUND, "No OAuth2 app is configured.");
    };
    responses::json(
        StatusCode::OK,
        &json!({
            "clientId": app.client_id,
            "clientSecret": app.client_secret,
            "redirectUri": app.redirect_uris.first(),
            "issuer": super::issuer(ctx.state),
        }),
    )
}
