//! What happens to every request, in order: log it, route it, authenticate it, check the
//! scope, count it against the rate limits, read its body, apply injected faults, run the
//! route's handler, and log the answer.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use http::request::Parts;
use http::{Request, StatusCode};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use hyper::body::Incoming;

use crate::gateway::auth;
use crate::gateway::body::{self, RequestBody};
use crate::gateway::error_bodies;
use crate::gateway::faults::DropMode;
use crate::gateway::log::EntryId;
use crate::gateway::query::Query;
use crate::gateway::rate_limit::{Decision, Quota, Subject};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::{self, Ctx, Handler, Match, Route};
use crate::gateway::state::State;

/// What becomes of a request.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// Send this answer.
    Respond(Reply),
    /// Close the connection without an answer.
    Drop,
}

/// What the server serves: the state, and the route table the areas handed in.
#[derive(Debug)]
pub(crate) struct Served {
    /// The gateway's state.
    pub state: Arc<State>,
    /// Every route, in matching order.
    pub routes: Vec<&'static Route>,
}

/// Handles one request to the end, logging it.
pub(crate) async fn handle(
    served: &Served,
    peer: SocketAddr,
    request: Request<Incoming>,
) -> Outcome {
    let state = &*served.state;
    let (parts, body) = request.into_parts();
    let target = parts
        .uri
        .path_and_query()
        .map_or_else(|| parts.uri.path().to_owned(), |p| p.as_str().to_owned());
    let entry = state.log.start(parts.method.as_str(), &target);
    let outcome = process(state, &served.routes, peer, &parts, body, entry).await;
    let status = match &outcome {
        Outcome::Respond(reply) => reply.status().as_u16(),
        Outcome::Drop => 0,
    };
    state.log.update(entry, |record| record.status = status);
    outcome
}

async fn process(
    state: &State,
    routes: &[&'static Route],
    peer: SocketAddr,
    parts: &Parts,
    body: Incoming,
    entry: EntryId,
) -> Outcome {
    let body = RequestBody::new(body, state.limits.body_read_timeout);
    let timed_out = body.timed_out_flag();
    let (route, params) = match route::find(routes, &parts.method, parts.uri.path()) {
        Match::Found(route, params) => (route, params),
        // The gateway's answers to an unknown path or method are not documented; the
        // gateway shape is inferred.
        Match::NotFound => {
            return Outcome::Respond(error_bodies::gateway(StatusCode::NOT_FOUND, "Not Found"));
        }
        Match::WrongMethod => {
            return Outcome::Respond(error_bodies::gateway(
                StatusCode::METHOD_NOT_ALLOWED,
                "Method Not Allowed",
            ));
        }
    };
    state
        .log
        .update(entry, |record| record.route = Some(route.name.to_owned()));

    let credential = match auth::authenticate(&state.world, &parts.headers, route.access) {
        Ok(credential) => credential,
        Err(unauthorized) => return answer_early(body, unauthorized.reply()).await,
    };
    let owner = credential.owner.to_string();
    state
        .log
        .update(entry, |record| record.credential_owner = Some(owner));

    let universe = match route.universe_param {
        None => None,
        Some(name) => {
            let raw = params
                .iter()
                .find(|(n, _)| *n == name)
                .map_or("", |(_, v)| *v);
            match raw.parse::<u64>() {
                Ok(id) => Some(id),
                Err(_) => return answer_early(body, route.shape.invalid_universe(raw)).await,
            }
        }
    };
    let scope = route.access.scope();
    if !credential.allows(universe, scope) {
        return answer_early(body, route.shape.forbidden(scope, universe)).await;
    }

    let subject = Subject {
        credential: &credential.pool,
        oauth: credential.oauth,
        ip: peer.ip(),
        universe,
    };
    let quota = match state.limiter.check(route.limits, subject) {
        Decision::Allowed(quota) => quota,
        Decision::Exceeded(quota) => {
            let reply = route.shape.too_many_requests(&quota, quota.reset_secs());
            return answer_early(body, reply).await;
        }
    };

    let (body, stream) = match route.handler {
        Handler::Buffered(_) => match Limited::new(body, route.max_body).collect().await {
            Ok(collected) => (collected.to_bytes(), None),
            Err(error) if error.is::<LengthLimitError>() => {
                return Outcome::Respond(route.shape.payload_too_large());
            }
            Err(_) if body::timed_out(&timed_out) => return Outcome::Respond(too_slow()),
            // The client went away while sending.
            Err(_) => return Outcome::Drop,
        },
        Handler::Streaming(_) => (bytes::Bytes::new(), Some(body)),
    };

    let faults = state.faults.evaluate(route.name);
    if !faults.latency.is_zero() {
        tokio::time::sleep(faults.latency).await;
    }
    if faults.drop == Some(DropMode::BeforeApply) {
        return Outcome::Drop;
    }
    if let Some(code) = faults.status {
        let reply = injected_status(state, route, code, faults.retry_after_secs);
        return match stream {
            Some(stream) => answer_early(stream, reply).await,
            None => Outcome::Respond(reply),
        };
    }

    let ctx = Ctx {
        state,
        params,
        query: Query::parse(parts.uri.query()),
        headers: &parts.headers,
        body,
        universe,
        credential: &credential,
        faults: &faults,
    };
    let mut reply = match (route.handler, stream) {
        (Handler::Buffered(handler), _) => handler(&ctx),
        (Handler::Streaming(handler), Some(stream)) => handler(ctx, stream).await,
        (Handler::Streaming(_), None) => return Outcome::Drop,
    };
    if body::timed_out(&timed_out) {
        return Outcome::Respond(too_slow());
    }
    if faults.drop == Some(DropMode::AfterApply) {
        return Outcome::Drop;
    }
    if let Some(quota) = quota {
        quota.write_headers(reply.headers_mut());
    }
    Outcome::Respond(reply)
}

/// The most of an unread request body [`answer_early`] reads and discards.
const DRAIN_LIMIT: usize = 64 * 1024 * 1024;
/// The longest [`answer_early`] waits for the rest of a body.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(10);

/// Answers before the body was read (a refusal, a 429, an injected status): reads and
/// discards what the client is still sending first, up to [`DRAIN_LIMIT`] bytes or
/// [`DRAIN_TIMEOUT`], so that an uploading client receives the answer instead of a reset
/// connection in the middle of its body. The gateway's behaviour on an early answer to a
/// large upload is not documented; answering after the body is inferred,
/// and it is what a gateway that buffers requests does.
async fn answer_early(mut body: RequestBody, reply: Reply) -> Outcome {
    let drain = async {
        let mut seen = 0usize;
        while let Some(Ok(frame)) = body.frame().await {
            seen += frame.data_ref().map_or(0, |data| data.len());
            if seen > DRAIN_LIMIT {
                break;
            }
        }
    };
    let _ = tokio::time::timeout(DRAIN_TIMEOUT, drain).await;
    Outcome::Respond(reply)
}

/// The answer to a body that arrived too slowly: 408 in the gateway's shape (the
/// service's answer is not documented; inferred from the HTTP status meant for it).
fn too_slow() -> Reply {
    error_bodies::gateway(StatusCode::REQUEST_TIMEOUT, "Request Timeout")
}

/// The answer of a fault rule with a status.
fn injected_status(state: &State, route: &Route, code: u16, retry_after: Option<u64>) -> Reply {
    let status = responses::status(code);
    if status == StatusCode::TOO_MANY_REQUESTS {
        let wait = retry_after.unwrap_or(1);
        let quota = Quota::exhausted(route.limits, state.limiter.config(), wait);
        return route.shape.too_many_requests(&quota, wait);
    }
    let mut reply = route.shape.injected(status);
    if let Some(wait) = retry_after {
        reply
            .headers_mut()
            .insert(http::header::RETRY_AFTER, http::HeaderValue::from(wait));
    }
    reply
}
