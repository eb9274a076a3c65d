//! What a token says: introspection, resources and userinfo
//! (<https://create.roblox.com/docs/cloud/auth/oauth2-reference>).

use http::header::AUTHORIZATION;
use http::StatusCode;
use serde_json::{json, Value};

use super::state::OAuth2Provider;
use super::{client, field, form, issuer, oauth_error};
use crate::areas::oauth2::state::{now_secs, profile_claims, IssuedToken, TokenKind};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::Ctx;

/// Introspection: `active` with the token's claims, or `{"active":false}` (RFC 7662; the
/// service's inactive answer is undocumented, inferred). A token revoked through the
/// revoke endpoint is inactive (inferred; the reference notes the service only checks the
/// lifetime after a user revokes an app from their account).
pub(super) fn introspect(ctx: &Ctx<'_>) -> Reply {
    let form = form(ctx);
    let app = match client(ctx, &form) {
        Ok(app) => app,
        Err(reply) => return *reply,
    };
    let provider = ctx.area::<OAuth2Provider>();
    let record = field(&form, "token")
        .and_then(|t| provider.token(t))
        .filter(|t| t.client_id == app.client_id && !t.revoked && now_secs() < t.expires_at);
    let Some(record) = record else {
        return responses::json(StatusCode::OK, &json!({ "active": false }));
    };
    responses::json(
        StatusCode::OK,
        &json!({
            "active": true,
            "jti": record.jti,
            "iss": issuer(ctx.state),
            "token_type": "Bearer",
            "client_id": record.client_id,
            "aud": record.client_id,
            "sub": record.user.to_string(),
            "scope": record.scopes.join(" "),
            "exp": record.expires_at,
            "iat": record.issued_at,
        }),
    )
}

/// The live access token of `token`, or the 401 to answer.
fn live_access(ctx: &Ctx<'_>, token: Option<&str>) -> Result<IssuedToken, Box<Reply>> {
    let record = token.and_then(|t| ctx.area::<OAuth2Provider>().token(t));
    match record {
        Some(record) if record.kind == TokenKind::Access && record.is_live(now_secs()) => {
            Ok(record)
        }
        _ => Err(Box::new(oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_token",
            "The access token is invalid, expired or revoked.",
        ))),
    }
}

/// The resources the user authorized (the OAuth 2.0 reference): the app's universes when a universe
/// scope was granted, and the user (`"U"`) and their groups (`"G<id>"`) as creators when an
/// asset scope was.
pub(super) fn resources(ctx: &Ctx<'_>) -> Reply {
    let form = form(ctx);
    let app = match client(ctx, &form) {
        Ok(app) => app,
        Err(reply) => return *reply,
    };
    let record = match live_access(ctx, field(&form, "token")) {
        Ok(record) if record.client_id == app.client_id => record,
        Ok(_) => {
            return oauth_error(
                StatusCode::UNAUTHORIZED,
                "invalid_token",
                "The access token was issued to another client.",
            )
        }
        Err(reply) => return *reply,
    };
    let mut resources = serde_json::Map::new();
    if record.scopes.iter().any(|s| s.starts_with("universe")) {
        let ids: Vec<Value> = app.universes.iter().map(|u| u.to_string().into()).collect();
        resources.insert("universe".into(), json!({ "ids": ids }));
    }
    if record.scopes.iter().any(|s| s.starts_with("asset")) {
        let mut ids: Vec<Value> = vec!["U".into()];
        let groups = ctx.state.world.groups_of(record.user);
        ids.extend(groups.iter().map(|g| Value::from(format!("G{g}"))));
        resources.insert("creator".into(), json!({ "ids": ids }));
    }
    responses::json(
        StatusCode::OK,
        &json!({ "resource_infos": [{
            "owner": { "id": record.user.to_string(), "type": "User" },
            "resources": resources,
        }] }),
    )
}

/// Userinfo (the OAuth 2.0 reference): needs `openid`; `profile` adds the names.
pub(super) fn userinfo(ctx: &Ctx<'_>) -> Reply {
    let bearer = ctx
        .headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim());
    let record = match live_access(ctx, bearer) {
        Ok(record) => record,
        Err(reply) => return *reply,
    };
    if !record.scopes.iter().any(|s| s == "openid") {
        return responses::json(
            StatusCode::UNAUTHORIZED,
            &json!({
                "error": "insufficient_scope",
                "scope": "openid",
                "error_description": "The access token does not have the openid scope.",
            }),
        );
    }
    let mut body = json!({ "sub": record.user.to_string() });
    if record.scopes.iter().any(|s| s == "profile") {
        if let (Some(user), Some(object)) =
            (ctx.state.world.user(record.user), body.as_object_mut())
        {
            for (name, value) in profile_claims(&user) {
                object.insert(name.into(), value);
            }
            // The emulator has no avatars; the service may send null too
            // (the OAuth 2.0 reference).
            object.insert("picture".into(), Value::Null);
        }
    }
    responses::json(StatusCode::OK, &body)
}
