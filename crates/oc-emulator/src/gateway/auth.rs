//! Authentication and authorization, as the gateway does them before a request reaches an
//! API: `x-api-key` or `Authorization: Bearer`, then a scope check on the universe.

use std::sync::Arc;

use http::header::AUTHORIZATION;
use http::{HeaderMap, StatusCode};

use crate::gateway::error_bodies;
use crate::gateway::responses::Reply;
use crate::world::{Credential, World};
use crate::world::{Owner, UniverseSelector};

/// What credentials a route accepts, and the scope it needs. A scope may list
/// alternatives separated by `|`, any one of which suffices
/// (`universe:write|universe.subscription-product.subscription:read`); an empty scope, for
/// a method that lists none, needs only some scope on the universe of the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    /// Only an API key (e.g. standard data stores v1, per the OpenAPI security schemes).
    ApiKey {
        /// The scope, e.g. `universe-datastores.control:list`.
        scope: &'static str,
    },
    /// An API key or an OAuth 2.0 access token (e.g. messaging publish).
    ApiKeyOrOAuth {
        /// The scope, e.g. `universe-messaging-service:publish`.
        scope: &'static str,
    },
    /// No credential at all (the OAuth 2.0 endpoints, which authenticate the client
    /// themselves).
    Public,
}

impl Access {
    /// The scope the route needs.
    pub fn scope(self) -> &'static str {
        match self {
            Access::ApiKey { scope } | Access::ApiKeyOrOAuth { scope } => scope,
            Access::Public => "",
        }
    }
}

/// No valid credential for the route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unauthorized;

impl Unauthorized {
    /// The gateway's 401.
    ///
    /// `{"errors":[{"code":0,"message":"Invalid API Key"}]}` is the only documented 401
    /// body (<https://create.roblox.com/docs/cloud/reference/errors>). The bodies for a
    /// missing, unknown, expired or IP-restricted key are not documented, so every 401
    /// uses this one, including an unknown Bearer token (inferred).
    pub fn reply(self) -> Reply {
        error_bodies::gateway(StatusCode::UNAUTHORIZED, "Invalid API Key")
    }
}

/// Finds the request's credential.
pub(crate) fn authenticate(
    world: &World,
    headers: &HeaderMap,
    access: Access,
) -> Result<Arc<Credential>, Unauthorized> {
    if access == Access::Public {
        return Ok(Arc::new(Credential {
            owner: Owner::User(0),
            pool: "public".into(),
            oauth: false,
            grants: vec![(UniverseSelector::All, vec!["*".into()])],
        }));
    }
    if let Some(key) = headers.get("x-api-key") {
        let key = key.to_str().map_err(|_| Unauthorized)?;
        return world.api_key(key).ok_or(Unauthorized);
    }
    let bearer = headers
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| {
            let (scheme, token) = value.split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
        });
    match (bearer, access) {
        (Some(token), Access::ApiKeyOrOAuth { .. }) => world.oauth_token(token).ok_or(Unauthorized),
        // A route that takes only API keys sees no key at all: 401 in the gateway shape
        // whatever the route's shape (inferred).
        _ => Err(Unauthorized),
    }
}
