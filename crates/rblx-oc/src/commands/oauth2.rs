//! `rblx-oc oauth2 login`: sign in with Roblox from a terminal (authorization code with
//! PKCE, redirected to a one-shot server on the loopback interface).

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clap::Subcommand;
use http::{Request, StatusCode, Uri};
use hyper::body::Incoming;
use hyper::service::service_fn;
use rblx_open_cloud::oauth2::{AuthState, CodeVerifier, OAuth2App, TokenSet};
use serde_json::{json, Value};
use tokio::net::TcpListener;

use crate::context::{invalid, read_file, Context, Failure};
use crate::local_http;
use crate::output::time;

/// OAuth 2.0 commands.
#[derive(Debug, Subcommand)]
pub enum OAuth2Command {
    /// Signs in through the browser and prints the tokens (or writes them to --out, mode 0600).
    #[command(
        after_help = "The redirect URI is http://127.0.0.1:PORT/callback on a free port: register \
http://127.0.0.1 redirects for the app.\n\nExample:\n  rblx-oc oauth2 login --client-id 840974200211308101 --scope openid --scope profile --out tokens.json"
    )]
    Login {
        /// The app's client id.
        #[arg(long)]
        client_id: String,
        /// A file holding the client secret (confidential apps; public ones use PKCE only).
        #[arg(long, value_name = "FILE")]
        client_secret_file: Option<PathBuf>,
        /// A scope to ask for (repeat); default `openid profile`.
        #[arg(long = "scope", value_name = "SCOPE")]
        scopes: Vec<String>,
        /// The id_token issuer; default Roblox's (read from discovery with --base-url).
        #[arg(long)]
        issuer: Option<String>,
        /// Print the URL only; do not try to open a browser.
        #[arg(long)]
        no_browser: bool,
        /// Write the tokens to this file (created with mode 0600) instead of stdout.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// How long to wait for the browser to come back, in seconds.
        #[arg(long, value_name = "SECONDS", default_value_t = 300)]
        wait: u64,
    },
}

impl OAuth2Command {
    /// Runs the command.
    pub async fn run(self, ctx: &Context) -> Result<(), Failure> {
        let OAuth2Command::Login {
            client_id,
            client_secret_file,
            scopes,
            issuer,
            no_browser,
            out,
            wait,
        } = self;
        let client = ctx.client()?;
        let listener = TcpListener::bind(("127.0.0.1", 0))
            .await
            .map_err(|e| Failure::Local(format!("cannot listen on 127.0.0.1: {e}")))?;
        let port = listener
            .local_addr()
            .map_err(|e| Failure::Local(e.to_string()))?
            .port();
        let redirect = format!("http://127.0.0.1:{port}/callback");
        let mut builder = OAuth2App::builder(client_id, redirect);
        if let Some(path) = &client_secret_file {
            let secret = String::from_utf8(read_file("--client-secret-file", path)?)
                .map_err(|_| invalid("--client-secret-file", "the file is not UTF-8"))?;
            builder = builder.client_secret(secret.trim().to_owned());
        }
        builder = match issuer {
            Some(issuer) => builder.issuer(issuer),
            None if ctx.global.base_url.is_some() => builder.issuer_from_discovery(),
            None => builder,
        };
        let app = builder.build(&client)?;
        let scopes = if scopes.is_empty() {
            vec!["openid".to_owned(), "profile".to_owned()]
        } else {
            scopes
        };
        let verifier = CodeVerifier::generate(64)?;
        let state = AuthState::generate()?;
        let uri = app
            .authorization_uri(scopes)
            .state(state.expose_secret())
            .code_verifier(&verifier)
            .build()?;
        eprintln!("Open this URL to sign in:\n{uri}");
        if !no_browser {
            open_browser(&uri);
        }
        let code = tokio::time::timeout(Duration::from_secs(wait), receive_code(&listener, state))
            .await
            .map_err(|_| Failure::Local("no answer from the browser in time".into()))??;
        let tokens = app.exchange_code(code).code_verifier(&verifier).await?;
        let document = tokens_json(&tokens);
        match out {
            Some(path) => {
                write_private(&path, &document)?;
                let summary = json!({
                    "written": path.display().to_string(),
                    "scopes": tokens.scopes,
                    "expiresAt": time(tokens.expires_at),
                    "userId": tokens.user.as_ref().map(|u| u.id),
                });
                ctx.out
                    .one(&summary, || format!("tokens written to {}", path.display()));
            }
            None => ctx.out.one(&document, || {
                serde_json::to_string_pretty(&document).unwrap_or_default()
            }),
        }
        Ok(())
    }
}

/// Waits for the redirect: answers every request, returns the code of the first callback
/// that carries the right state (or the refusal it carries).
async fn receive_code(listener: &TcpListener, state: AuthState) -> Result<String, Failure> {
    let state = Arc::new(state);
    let result: Arc<Mutex<Option<Result<String, Failure>>>> = Arc::new(Mutex::new(None));
    loop {
        let (stream, _) = listener
            .accept()
            .await
            .map_err(|e| Failure::Local(format!("the loopback server failed: {e}")))?;
        let (state, slot) = (Arc::clone(&state), Arc::clone(&result));
        let service = service_fn(move |request: Request<Incoming>| {
            let (status, text, outcome) = callback(request.uri(), &state);
            if let Some(outcome) = outcome {
                if let Ok(mut slot) = slot.lock() {
                    slot.get_or_insert(outcome);
                }
            }
            std::future::ready(Ok::<_, Infallible>(local_http::text(status, text)))
        });
        local_http::serve_one(stream, service).await;
        if let Some(outcome) = result.lock().ok().and_then(|mut slot| slot.take()) {
            return outcome;
        }
    }
}

/// The answer to one request to the loopback server, and what it ends with, if anything.
fn callback(
    uri: &Uri,
    state: &AuthState,
) -> (StatusCode, &'static str, Option<Result<String, Failure>>) {
    if uri.path() != "/callback" {
        return (StatusCode::NOT_FOUND, "not found", None);
    }
    let query: Vec<(String, String)> =
        form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
    let get = |name: &str| {
        query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    if let Some(error) = get("error") {
        let detail = get("error_description").unwrap_or_default();
        return (
            StatusCode::BAD_REQUEST,
            "Sign-in failed; see the terminal.",
            Some(Err(Failure::Local(format!(
                "the sign-in was refused: {error} {detail}"
            )))),
        );
    }
    match (get("code"), get("state")) {
        (Some(code), Some(returned)) if state.verify(&returned) => (
            StatusCode::OK,
            "Signed in: you can close this window.",
            Some(Ok(code)),
        ),
        _ => (StatusCode::BAD_REQUEST, "missing code or wrong state", None),
    }
}

fn tokens_json(tokens: &TokenSet) -> Value {
    json!({
        "accessToken": tokens.token().expose_secret(),
        "refreshToken": tokens.refresh_token.expose_secret(),
        "scopes": tokens.scopes,
        "expiresAt": time(tokens.expires_at),
        "user": tokens.user.as_ref().map(|u| json!({
            "id": u.id,
            "username": u.username,
            "displayName": u.display_name,
        })),
    })
}

/// Writes `value` to `path`, readable by its owner only.
fn write_private(path: &Path, value: &Value) -> Result<(), Failure> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let fail = |e: std::io::Error| Failure::Local(format!("cannot write {}: {e}", path.display()));
    let mut file = options.open(path).map_err(fail)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(fail)?;
    }
    writeln!(file, "{value}").map_err(fail)
}

/// Tries `open` (macOS) then `xdg-open`; a missing opener is not an error (the URL is printed).
fn open_browser(uri: &str) {
    for opener in ["open", "xdg-open"] {
        let spawned = std::process::Command::new(opener)
            .arg(uri)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        if spawned.is_ok() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(target: &str) -> (StatusCode, Option<Result<String, Failure>>) {
        let uri: Uri = target.parse().unwrap();
        let (status, _, outcome) = callback(&uri, &AuthState::from_string("s-1"));
        (status, outcome)
    }

    #[test]
    fn the_callback_takes_the_code_with_the_right_state_only() {
        let (status, outcome) = answer("/callback?code=a%20b&state=s-1");
        assert_eq!(status, StatusCode::OK);
        assert!(matches!(outcome, Some(Ok(code)) if code == "a b"));
        assert_eq!(
            answer("/callback?code=c&state=other").0,
            StatusCode::BAD_REQUEST
        );
        assert!(answer("/callback?code=c&state=other").1.is_none());
        assert_eq!(answer("/favicon.ico").0, StatusCode::NOT_FOUND);
        let (status, outcome) = answer("/callback?error=access_denied&state=s-1");
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(matches!(outcome, Some(Err(Failure::Local(_)))));
    }
}
