//! The OAuth 2.0 / OpenID Connect provider
//! (<https://create.roblox.com/docs/cloud/auth/oauth2-reference>): authorize, token, introspect,
//! resources, revoke, userinfo, the JWKS and the discovery document.
//!
//! These endpoints authenticate the client (or the Bearer token) themselves, so their
//! routes take [`Access::Public`]. Their errors are the OAuth JSON
//! `{"error","error_description"}` (the `error` values are undocumented,
//! RFC 6749's are used, inferred).

mod authorize;
mod control;
mod token;
mod token_info;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use http::header::AUTHORIZATION;
use http::{Method, StatusCode};
use serde_json::{json, Value};

mod config;
mod handle;
pub(crate) mod state;

use std::sync::Arc;

pub use config::{
    OAuth2AppConfig, OAuth2Config, DEFAULT_OAUTH2_CLIENT_ID, DEFAULT_OAUTH2_CLIENT_SECRET,
    DEFAULT_OAUTH2_REDIRECT_URIS,
};
use state::OAuth2Provider;

use crate::gateway::auth::Access;
use crate::gateway::error_bodies::ErrorShape;
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::{Ctx, Handler, Route};
use crate::gateway::state::State;

/// Sets the provider up with the configured apps and lets the gateway accept the access
/// tokens it issues.
pub(crate) fn seed(apps: &[OAuth2AppConfig], limits: &OAuth2Config, state: &State) {
    let provider = Arc::new(OAuth2Provider::new(apps.to_vec(), limits.clone()));
    state.world.add_token_source(provider.clone());
    state.areas.insert_arc(provider);
}

/// The issuer the provider names in its tokens and discovery document:
/// `<public URL>/oauth/`.
pub(crate) fn issuer(state: &State) -> String {
    format!("{}/oauth/", state.public_url())
}

/// The largest form body the OAuth endpoints read.
const MAX_FORM: usize = 64 * 1024;

/// The OAuth 2.0 routes.
pub(crate) const ROUTES: &[Route] = &[
    route(
        "oauth2.authorize",
        Method::GET,
        "/oauth/v1/authorize",
        authorize::authorize,
    ),
    route(
        "oauth2.token",
        Method::POST,
        "/oauth/v1/token",
        token::token,
    ),
    route(
        "oauth2.introspect",
        Method::POST,
        "/oauth/v1/token/introspect",
        token_info::introspect,
    ),
    route(
        "oauth2.resources",
        Method::POST,
        "/oauth/v1/token/resources",
        token_info::resources,
    ),
    route(
        "oauth2.revoke",
        Method::POST,
        "/oauth/v1/token/revoke",
        token::revoke,
    ),
    route(
        "oauth2.userinfo",
        Method::GET,
        "/oauth/v1/userinfo",
        token_info::userinfo,
    ),
    route("oauth2.certs", Method::GET, "/oauth/v1/certs", certs),
    route(
        "oauth2.discovery",
        Method::GET,
        "/oauth/.well-known/openid-configuration",
        discovery,
    ),
    control::APP,
];

/// A route of the provider: no credential, no rate limit documented.
const fn route(
    name: &'static str,
    method: Method,
    path: &'static str,
    handler: fn(&Ctx<'_>) -> Reply,
) -> Route {
    Route {
        name,
        method,
        path,
        access: Access::Public,
        universe_param: None,
        shape: ErrorShape::Gateway,
        limits: &[],
        max_body: MAX_FORM,
        handler: Handler::Buffered(handler),
    }
}

/// An OAuth error answer.
pub(super) fn oauth_error(status: StatusCode, error: &str, description: &str) -> Reply {
    responses::json(
        status,
        &json!({ "error": error, "error_description": description }),
    )
}

/// The form body's fields.
pub(super) fn form(ctx: &Ctx<'_>) -> Vec<(String, String)> {
    form_urlencoded::parse(&ctx.body).into_owned().collect()
}

/// The first value of `name` in a form.
pub(super) fn field<'f>(form: &'f [(String, String)], name: &str) -> Option<&'f str> {
    form.iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

/// Authenticates the client: HTTP Basic, or `client_id`/`client_secret` in the form
/// (the OAuth 2.0 reference). A public client (no secret registered) sends only its id. A bad id or
/// secret is a 400 `invalid_client` (inferred from the reference Python client and
/// Roblox's Blender plugin).
pub(super) fn client(
    ctx: &Ctx<'_>,
    form: &[(String, String)],
) -> Result<OAuth2AppConfig, Box<Reply>> {
    let basic = ctx
        .headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("basic"))
        .and_then(|(_, encoded)| STANDARD.decode(encoded.trim()).ok())
        .and_then(|decoded| String::from_utf8(decoded).ok())
        .and_then(|pair| {
            let (id, secret) = pair.split_once(':')?;
            Some((id.to_owned(), secret.to_owned()))
        });
    let (id, secret) = match &basic {
        Some((id, secret)) => (Some(id.as_str()), Some(secret.as_str())),
        None => (field(form, "client_id"), field(form, "client_secret")),
    };
    let invalid = |description| {
        Box::new(oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_client",
            description,
        ))
    };
    let Some(id) = id else {
        return Err(invalid("The client id is missing."));
    };
    let Some(app) = ctx.area::<OAuth2Provider>().app(id) else {
        return Err(invalid("Invalid client id."));
    };
    match (&app.client_secret, secret) {
        (None, _) => Ok(app),
        (Some(expected), Some(given)) if expected == given => Ok(app),
        (Some(_), _) => Err(invalid("Invalid client secret.")),
    }
}

/// The JWKS (the keys' form is inferred from what clients verify).
fn certs(ctx: &Ctx<'_>) -> Reply {
    responses::json(StatusCode::OK, &ctx.area::<OAuth2Provider>().jwks())
}

/// The discovery document (the OAuth 2.0 reference), naming the emulator's own endpoints.
fn discovery(ctx: &Ctx<'_>) -> Reply {
    let base = ctx.state.public_url();
    let endpoint = |path: &str| Value::from(format!("{base}/oauth/{path}"));
    responses::json(
        StatusCode::OK,
        &json!({
            "issuer": endpoint(""),
            "authorization_endpoint": endpoint("v1/authorize"),
            "token_endpoint": endpoint("v1/token"),
            "introspection_endpoint": endpoint("v1/token/introspect"),
            "revocation_endpoint": endpoint("v1/token/revoke"),
            "resources_endpoint": endpoint("v1/token/resources"),
            "userinfo_endpoint": endpoint("v1/userinfo"),
            "jwks_uri": endpoint("v1/certs"),
            "registration_endpoint": "https://create.roblox.com/dashboard/credentials",
            "service_documentation": "https://create.roblox.com/docs/reference/cloud",
            "scopes_supported": ["openid", "profile", "email", "verification", "credentials", "age", "premium", "roles"],
            "response_types_supported": ["none", "code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["ES256"],
            "claims_supported": ["sub", "type", "iss", "aud", "exp", "iat", "nonce", "name", "nickname", "preferred_username", "created_at", "profile", "email", "email_verified", "verified", "age_bracket", "premium", "roles", "internal_user"],
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
        }),
    )
}
