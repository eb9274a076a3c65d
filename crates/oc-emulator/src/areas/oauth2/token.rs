//! `POST /oauth/v1/token` and `POST /oauth/v1/token/revoke`
//! (<https://create.roblox.com/docs/cloud/auth/oauth2-reference>).

use http::StatusCode;
use serde_json::json;

use super::state::OAuth2Provider;
use super::{client, field, form, issuer, oauth_error};
use crate::areas::oauth2::state::{now_secs, s256, Grant, IssueRequest, ACCESS_LIFETIME_SECS};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::Ctx;

pub(super) fn token(ctx: &Ctx<'_>) -> Reply {
    let form = form(ctx);
    let app = match client(ctx, &form) {
        Ok(app) => app,
        Err(reply) => return *reply,
    };
    let provider = ctx.area::<OAuth2Provider>();
    // An invalid or used code (or refresh token) is a 401 (inferred from the reference
    // Python client and Roblox's Blender plugin).
    let invalid_grant =
        |description| oauth_error(StatusCode::UNAUTHORIZED, "invalid_grant", description);
    match field(&form, "grant_type") {
        Some("authorization_code") => {
            let Some(code) = field(&form, "code").and_then(|c| provider.take_code(c)) else {
                return invalid_grant("The authorization code is invalid or was already used.");
            };
            if code.client_id != app.client_id || now_secs() >= code.expires_at {
                return invalid_grant("The authorization code is invalid or expired.");
            }
            if field(&form, "redirect_uri").is_some_and(|uri| uri != code.redirect_uri) {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    "The redirect URI does not match the authorization request.",
                );
            }
            if let Some(challenge) = &code.challenge {
                match field(&form, "code_verifier") {
                    None => {
                        return oauth_error(
                            StatusCode::BAD_REQUEST,
                            "invalid_request",
                            "The code verifier is missing.",
                        );
                    }
                    Some(verifier) if s256(verifier) != *challenge => {
                        return invalid_grant("The code verifier does not match the challenge.");
                    }
                    Some(_) => {}
                }
            }
            let grant = issue(
                ctx,
                &app.client_id,
                code.user,
                &code.scopes,
                None,
                code.nonce.as_deref(),
            );
            grant_reply(&grant)
        }
        Some("refresh_token") => {
            // Refresh tokens are single use: the answer carries the next one (the OAuth
            // 2.0 reference). The old access token keeps working until it expires (inferred).
            let Some(old) = field(&form, "refresh_token")
                .and_then(|t| provider.use_refresh_token(t, &app.client_id))
            else {
                return invalid_grant("The refresh token is invalid, expired or was already used.");
            };
            let grant = issue(
                ctx,
                &app.client_id,
                old.user,
                &old.scopes,
                Some(&old.aid),
                None,
            );
            grant_reply(&grant)
        }
        Some(_) => oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "grant_type must be authorization_code or refresh_token.",
        ),
        None => oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "The grant type is missing.",
        ),
    }
}

/// Issues the tokens of a grant, with the emulator's issuer and the user's profile.
fn issue(
    ctx: &Ctx<'_>,
    client_id: &str,
    user: u64,
    scopes: &[String],
    aid: Option<&str>,
    nonce: Option<&str>,
) -> Grant {
    let profile = ctx.state.world.user(user);
    ctx.area::<OAuth2Provider>().issue(&IssueRequest {
        issuer: &issuer(ctx.state),
        client_id,
        user,
        profile: profile.as_ref(),
        scopes,
        aid,
        nonce,
    })
}

/// The token answer (the OAuth 2.0 reference).
fn grant_reply(grant: &Grant) -> Reply {
    let mut body = json!({
        "access_token": grant.access_token,
        "refresh_token": grant.refresh_token,
        "token_type": "Bearer",
        "expires_in": ACCESS_LIFETIME_SECS - 1,
        "scope": grant.scopes.join(" "),
    });
    if let (Some(id_token), Some(object)) = (&grant.id_token, body.as_object_mut()) {
        object.insert("id_token".into(), id_token.clone().into());
    }
    let mut reply = responses::json(StatusCode::OK, &body);
    reply.headers_mut().insert(
        http::header::CACHE_CONTROL,
        http::HeaderValue::from_static("no-store"),
    );
    reply
}

/// Revokes a token and its pair; 200 with an empty body, also for an unknown token
/// (RFC 7009 2.2; the service's answer to one is undocumented, inferred).
pub(super) fn revoke(ctx: &Ctx<'_>) -> Reply {
    let form = form(ctx);
    let app = match client(ctx, &form) {
        Ok(app) => app,
        Err(reply) => return *reply,
    };
    let Some(token) = field(&form, "token") else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "The token is missing.",
        );
    };
    ctx.area::<OAuth2Provider>().revoke(token, &app.client_id);
    responses::empty(StatusCode::OK)
}
