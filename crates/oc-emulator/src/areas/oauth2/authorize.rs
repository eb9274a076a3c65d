//! `GET /oauth/v1/authorize` (<https://create.roblox.com/docs/cloud/auth/oauth2-reference>): the
//! provider consents at once as the app's
//! configured user and redirects back with a code.

use http::header::{HeaderValue, CACHE_CONTROL, LOCATION};
use http::StatusCode;

use super::oauth_error;
use super::state::OAuth2Provider;
use super::OAuth2AppConfig;
use crate::areas::oauth2::state::PendingCode;
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::Ctx;

pub(super) fn authorize(ctx: &Ctx<'_>) -> Reply {
    let query = &ctx.query;
    let provider = ctx.area::<OAuth2Provider>();
    // An unknown client or an unregistered redirect URI gets an error page, not a
    // redirect: RFC 6749 4.1.2.1 forbids redirecting to an unverified URI (the service's
    // page is undocumented; a JSON 400 stands in, inferred).
    let Some(app) = query.non_empty("client_id").and_then(|id| provider.app(id)) else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_client",
            "Invalid client id.",
        );
    };
    let Some(redirect_uri) = query
        .non_empty("redirect_uri")
        .filter(|uri| redirect_allowed(&app, uri))
    else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "The redirect URI is not registered for this client.",
        );
    };
    let state = query.non_empty("state");
    let fail = |error: &str, description: &str| {
        redirect(
            redirect_uri,
            &[
                ("error", Some(error)),
                ("error_description", Some(description)),
                ("state", state),
            ],
        )
    };
    let response_type = query.non_empty("response_type");
    if !matches!(response_type, Some("code") | Some("none")) {
        return fail(
            "unsupported_response_type",
            "response_type must be code or none.",
        );
    }
    let scopes: Vec<String> = query
        .get("scope")
        .unwrap_or_default()
        .split(' ')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    if scopes.is_empty() {
        return fail("invalid_scope", "The scope is missing.");
    }
    if let Some(bad) = scopes.iter().find(|s| !app.scopes.contains(s)) {
        return fail(
            "invalid_scope",
            &format!("The scope {bad} is not allowed for this client."),
        );
    }
    let challenge = query.non_empty("code_challenge");
    match (challenge, query.non_empty("code_challenge_method")) {
        (Some(_), Some("S256")) | (None, None) => {}
        (Some(_), _) | (None, Some(_)) => {
            return fail(
                "invalid_request",
                "Only the S256 code challenge is supported.",
            );
        }
    }
    if challenge.is_none() && app.client_secret.is_none() {
        return fail("invalid_request", "A public client must use PKCE.");
    }
    if response_type == Some("none") {
        return redirect(redirect_uri, &[("state", state)]);
    }
    let code = provider.add_code(PendingCode {
        client_id: app.client_id.clone(),
        redirect_uri: redirect_uri.to_owned(),
        scopes,
        nonce: query.non_empty("nonce").map(str::to_owned),
        challenge: challenge.map(str::to_owned),
        user: app.user,
        // Set by the provider from its configured lifetime.
        expires_at: 0,
    });
    redirect(redirect_uri, &[("code", Some(&code)), ("state", state)])
}

/// A 302 to `uri` with `pairs` added to its query (the status is inferred).
fn redirect(uri: &str, pairs: &[(&str, Option<&str>)]) -> Reply {
    let mut target = uri.to_owned();
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (name, value) in pairs {
        if let Some(value) = value {
            query.append_pair(name, value);
        }
    }
    let query = query.finish();
    if !query.is_empty() {
        target.push(if uri.contains('?') { '&' } else { '?' });
        target.push_str(&query);
    }
    let mut reply = responses::empty(StatusCode::FOUND);
    match HeaderValue::from_str(&target) {
        Ok(location) => {
            reply.headers_mut().insert(LOCATION, location);
            reply
                .headers_mut()
                .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
            reply
        }
        Err(_) => oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "The redirect URI is not valid.",
        ),
    }
}

/// Whether `uri` is registered for the app. A loopback URI registered without a port
/// matches any port (RFC 8252 7.3; Roblox's own rule is undocumented, inferred), so local
/// apps on random ports work.
pub(super) fn redirect_allowed(app: &OAuth2AppConfig, uri: &str) -> bool {
    app.redirect_uris
        .iter()
        .any(|registered| registered == uri || same_without_loopback_port(registered, uri))
}

fn same_without_loopback_port(registered: &str, uri: &str) -> bool {
    let Some((scheme, rest)) = uri.split_once("://") else {
        return false;
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let Some((host, port)) = authority.rsplit_once(':') else {
        return false;
    };
    if !matches!(host, "localhost" | "127.0.0.1" | "[::1]") || port.parse::<u16>().is_err() {
        return false;
    }
    registered == format!("{scheme}://{host}{path}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_redirects_match_on_any_port() {
        let app = OAuth2AppConfig::default_app();
        assert!(redirect_allowed(&app, "http://localhost/callback"));
        assert!(redirect_allowed(&app, "http://localhost:8080/callback"));
        assert!(redirect_allowed(&app, "http://127.0.0.1:1/callback"));
        assert!(!redirect_allowed(&app, "http://localhost:8080/other"));
        assert!(!redirect_allowed(&app, "http://evil.example:80/callback"));
        assert!(!redirect_allowed(&app, "https://localhost:8080/callback"));
    }
}
