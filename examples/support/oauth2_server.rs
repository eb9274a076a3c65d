//! A small web app that signs users in with Roblox (OAuth 2.0 with PKCE and state), shows
//! who they are and what they authorized, publishes a message to the first authorized
//! experience with their token, and revokes it. `examples/oauth2_server.rs` runs it.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex, PoisonError};

use bytes::Bytes;
use http::header::{CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use http::{Method, Request, Response, StatusCode};
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use rblx_open_cloud::oauth2::{AuthState, CodeVerifier, OAuth2App, TokenSet};
use rblx_open_cloud::prelude::*;
use tokio::net::TcpListener;

/// The scopes the app asks for.
pub const SCOPES: &str = "openid profile universe-messaging-service:publish";
/// The session cookie.
const SESSION: &str = "sid";

/// What the app remembers of one browser.
#[derive(Default)]
struct Session {
    /// The state, verifier and nonce of the authorization in progress.
    pending: Option<(AuthState, CodeVerifier, String)>,
    /// The tokens after the callback.
    token: Option<TokenSet>,
}

/// The app's state.
struct AppState {
    app: OAuth2App,
    sessions: Mutex<HashMap<String, Session>>,
}

type Reply = Response<Full<Bytes>>;

/// Serves the app on `listener` until the task is dropped.
pub async fn serve(listener: TcpListener, app: OAuth2App) -> std::io::Result<()> {
    let state = Arc::new(AppState {
        app,
        sessions: Mutex::new(HashMap::new()),
    });
    loop {
        let (stream, _) = listener.accept().await?;
        let state = state.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                let state = state.clone();
                async move { Ok::<_, Infallible>(handle(&state, request).await) }
            });
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn handle(state: &AppState, request: Request<Incoming>) -> Reply {
    let sid = session_id(&request);
    let query: Vec<(String, String)> = request
        .uri()
        .query()
        .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default();
    let result = match (request.method(), request.uri().path()) {
        (&Method::GET, "/") => Ok(home(state, sid.as_deref()).await),
        (&Method::GET, "/login") => login(state),
        (&Method::GET, "/callback") => callback(state, sid.as_deref(), &query).await,
        (&Method::POST, "/publish") => publish(state, sid.as_deref()).await,
        (&Method::POST, "/revoke") => revoke(state, sid.as_deref()).await,
        _ => Ok(page(StatusCode::NOT_FOUND, "<p>Not found.</p>")),
    };
    result.unwrap_or_else(|e| {
        page(
            StatusCode::BAD_GATEWAY,
            &format!("<p>Error: {}</p>", escape(&e.to_string())),
        )
    })
}

type Result<T> = std::result::Result<T, Error>;

fn sessions(state: &AppState) -> std::sync::MutexGuard<'_, HashMap<String, Session>> {
    state
        .sessions
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
}

fn token_of(state: &AppState, sid: Option<&str>) -> Option<TokenSet> {
    sessions(state).get(sid?).and_then(|s| s.token.clone())
}

async fn home(state: &AppState, sid: Option<&str>) -> Reply {
    let Some(token) = token_of(state, sid) else {
        return page(
            StatusCode::OK,
            "<p>You are not signed in.</p><p><a href=\"/login\">Sign in with Roblox</a></p>",
        );
    };
    let user = token.user.clone();
    let mut html = match &user {
        Some(user) => format!(
            "<h1>Hello, {} (@{})</h1><p>User id {}</p>",
            escape(user.display_name.as_deref().unwrap_or("?")),
            escape(user.username.as_deref().unwrap_or("?")),
            user.id
        ),
        None => "<h1>Hello</h1>".to_owned(),
    };
    match token.fetch_resources().await {
        Ok(resources) => {
            html.push_str("<h2>Experiences you authorized</h2><ul>");
            for experience in &resources.experiences {
                html.push_str(&format!("<li>universe {}</li>", experience.universe_id()));
            }
            html.push_str("</ul>");
        }
        Err(e) => html.push_str(&format!("<p>Resources: {}</p>", escape(&e.to_string()))),
    }
    html.push_str(
        "<form method=\"post\" action=\"/publish\"><button>Publish a message</button></form>\
         <form method=\"post\" action=\"/revoke\"><button>Sign out and revoke</button></form>",
    );
    page(StatusCode::OK, &html)
}

fn login(state: &AppState) -> Result<Reply> {
    let verifier = CodeVerifier::generate(128)?;
    let auth_state = AuthState::generate()?;
    let nonce = AuthState::generate()?.expose_secret().to_owned();
    let uri = state
        .app
        .authorization_uri(SCOPES)
        .state(auth_state.expose_secret())
        .nonce(&nonce)
        .code_verifier(&verifier)
        .build()?;
    let sid = AuthState::generate()?.expose_secret().to_owned();
    sessions(state).insert(
        sid.clone(),
        Session {
            pending: Some((auth_state, verifier, nonce)),
            token: None,
        },
    );
    let mut reply = redirect(&uri);
    let cookie = format!("{SESSION}={sid}; HttpOnly; SameSite=Lax; Path=/");
    let cookie = cookie
        .parse()
        .map_err(|_| rblx_open_cloud::InvalidInput::new("cookie", "not a header value"))?;
    reply.headers_mut().insert(SET_COOKIE, cookie);
    Ok(reply)
}

async fn callback(
    state: &AppState,
    sid: Option<&str>,
    query: &[(String, String)],
) -> Result<Reply> {
    let get = |name: &str| {
        query
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let pending = sid.and_then(|sid| sessions(state).get_mut(sid)?.pending.take());
    let Some((auth_state, verifier, nonce)) = pending else {
        return Ok(page(
            StatusCode::BAD_REQUEST,
            "<p>No sign-in in progress.</p>",
        ));
    };
    if !auth_state.verify(get("state").unwrap_or_default()) {
        return Ok(page(
            StatusCode::BAD_REQUEST,
            "<p>The state does not match.</p>",
        ));
    }
    if let Some(error) = get("error") {
        let description = get("error_description").unwrap_or_default();
        return Ok(page(
            StatusCode::BAD_REQUEST,
            &format!(
                "<p>Sign-in failed: {} {}</p>",
                escape(error),
                escape(description)
            ),
        ));
    }
    let code = get("code").unwrap_or_default();
    let token = state
        .app
        .exchange_code(code)
        .code_verifier(&verifier)
        .nonce(nonce)
        .await?;
    if let Some(sid) = sid {
        sessions(state).entry(sid.to_owned()).or_default().token = Some(token);
    }
    Ok(redirect("/"))
}

async fn publish(state: &AppState, sid: Option<&str>) -> Result<Reply> {
    let Some(token) = token_of(state, sid) else {
        return Ok(redirect("/"));
    };
    let resources = token.fetch_resources().await?;
    let Some(experience) = resources.experiences.first() else {
        return Ok(page(StatusCode::OK, "<p>No experience was authorized.</p>"));
    };
    experience
        .publish_message("oauth2-example", "Hello from the OAuth2 example!")
        .await?;
    Ok(page(
        StatusCode::OK,
        &format!(
            "<p>Published to universe {}.</p><p><a href=\"/\">Back</a></p>",
            experience.universe_id()
        ),
    ))
}

async fn revoke(state: &AppState, sid: Option<&str>) -> Result<Reply> {
    let token = sid.and_then(|sid| sessions(state).remove(sid)?.token);
    if let Some(token) = token {
        token.revoke().await?;
    }
    Ok(page(
        StatusCode::OK,
        "<p>Revoked and signed out.</p><p><a href=\"/\">Home</a></p>",
    ))
}

fn session_id(request: &Request<Incoming>) -> Option<String> {
    request
        .headers()
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION)
        .map(|(_, value)| value.to_owned())
}

fn page(status: StatusCode, body: &str) -> Reply {
    let html = format!(
        "<!doctype html><html><head><title>OAuth2 example</title></head><body>{body}</body></html>"
    );
    let mut reply = Response::new(Full::new(Bytes::from(html)));
    *reply.status_mut() = status;
    reply.headers_mut().insert(
        CONTENT_TYPE,
        http::HeaderValue::from_static("text/html; charset=utf-8"),
    );
    reply
}

fn redirect(location: &str) -> Reply {
    let mut reply = Response::new(Full::new(Bytes::new()));
    *reply.status_mut() = StatusCode::FOUND;
    if let Ok(value) = location.parse() {
        reply.headers_mut().insert(LOCATION, value);
    }
    reply
}

/// Escapes text for HTML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
