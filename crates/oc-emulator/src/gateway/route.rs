//! What a route is: its method and path (as apis.roblox.com serves them), the credentials
//! and scope it needs, its error shape, its rate limits and its handler. The pipeline does
//! authentication, rate limiting and fault injection for every route the same way, so a
//! handler only does the route's own work. The gateway knows no route: each API area
//! declares its own and the table is handed to the gateway at start.

use http::{HeaderMap, Method};

use crate::gateway::auth::Access;
use crate::gateway::body::RequestBody;
use crate::gateway::error_bodies::ErrorShape;
use crate::gateway::faults::FaultEffect;
use crate::gateway::query::Query;
use crate::gateway::rate_limit::Limit;
use crate::gateway::responses::Reply;
use crate::gateway::state::State;
use crate::world::Credential;

/// One endpoint.
#[derive(Debug)]
pub(crate) struct Route {
    /// Its name, used by fault rules and the request log (`messaging.publish`).
    pub name: &'static str,
    /// Its method.
    pub method: Method,
    /// Its path; `{name}` is a parameter, which may have a literal prefix or suffix in its
    /// segment (`{assetId}:archive`). Literal parts match ASCII case-insensitively, as
    /// ASP.NET routing does (inferred: clients mix `orderedDataStores` and
    /// `orderedDatastores` and both are answered). A suffix `:verb` is a custom method: a
    /// parameter takes no value ending in `:verb` for a verb of the table, so the last
    /// segment splits on its last `:` only when what follows is a known verb (ids may hold
    /// `:` themselves).
    pub path: &'static str,
    /// The credentials it accepts and the scope it needs.
    pub access: Access,
    /// The path parameter holding the universe id the scope is checked on, if any.
    pub universe_param: Option<&'static str>,
    /// The shape of its error bodies.
    pub shape: ErrorShape,
    /// Its rate limits.
    pub limits: &'static [Limit],
    /// The largest body it reads, in bytes.
    pub max_body: usize,
    /// Does the route's work.
    pub handler: Handler,
}

/// How a route's handler takes its request.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Handler {
    /// Gets the whole body, read by the pipeline up to the route's `max_body` (a larger
    /// body is answered with the route's `payload_too_large`).
    Buffered(fn(&Ctx<'_>) -> Reply),
    /// Reads the body itself, as it arrives (the context's `body` is empty), e.g. to
    /// parse a large multipart upload without holding it whole.
    Streaming(for<'a> fn(Ctx<'a>, RequestBody) -> StreamReply<'a>),
}

/// The answer of a streaming handler.
pub(crate) type StreamReply<'a> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Reply> + Send + 'a>>;

/// What a handler gets: the request, already authenticated and allowed.
#[derive(Debug)]
pub(crate) struct Ctx<'a> {
    /// The gateway's state (the world, the log, the public URL, and every area's state).
    pub state: &'a State,
    /// The path parameters, still percent-encoded.
    pub params: Vec<(&'static str, &'a str)>,
    /// The query parameters.
    pub query: Query,
    /// The request headers.
    pub headers: &'a HeaderMap,
    /// The whole request body.
    pub body: bytes::Bytes,
    /// The universe of the path, when the route has one.
    pub universe: Option<u64>,
    /// The credential that was presented.
    pub credential: &'a Credential,
    /// The faults that change the answer (e.g. `repeat_cursor`).
    pub faults: &'a FaultEffect,
}

impl Ctx<'_> {
    /// The state of the area whose state type is `T`.
    pub fn area<T: std::any::Any + Send + Sync + Default>(&self) -> std::sync::Arc<T> {
        self.state.area::<T>()
    }

    /// A path parameter, percent-decoded; `None` when it is not UTF-8 or not in the route.
    pub fn param(&self, name: &str) -> Option<String> {
        let raw = self.params.iter().find(|(n, _)| *n == name)?.1;
        percent_encoding::percent_decode_str(raw)
            .decode_utf8()
            .ok()
            .map(|decoded| decoded.into_owned())
    }
}

/// The outcome of matching a request against the table.
#[derive(Debug)]
pub(crate) enum Match<'p> {
    /// A route, with its path parameters.
    Found(&'static Route, Vec<(&'static str, &'p str)>),
    /// The path exists, but not with this method.
    WrongMethod,
    /// No route has this path.
    NotFound,
}

/// The doubled prefix `/cloud/cloud/v2/` that the patterns reference prints
/// (<https://create.roblox.com/docs/cloud/reference/patterns>): a documentation typo,
/// answered like `/cloud/v2/` in case a client copied it.
const DOUBLED_V2_PREFIX: &str = "/cloud/cloud/v2/";

/// Finds the route of a request in `routes` (the first that matches).
pub(crate) fn find<'p>(routes: &[&'static Route], method: &Method, path: &'p str) -> Match<'p> {
    let path = match path.get(..DOUBLED_V2_PREFIX.len()) {
        Some(head) if head.eq_ignore_ascii_case(DOUBLED_V2_PREFIX) => {
            path.get("/cloud".len()..).unwrap_or(path)
        }
        _ => path,
    };
    let verbs = verbs(routes);
    let mut path_exists = false;
    for &route in routes {
        if let Some(params) = match_path(route.path, path, &verbs) {
            if route.method == method {
                return Match::Found(route, params);
            }
            path_exists = true;
        }
    }
    if path_exists {
        Match::WrongMethod
    } else {
        Match::NotFound
    }
}

/// The custom-method verbs of the table: every `:verb` suffix of a parameter segment.
fn verbs(routes: &[&'static Route]) -> Vec<&'static str> {
    let mut verbs: Vec<&'static str> = routes
        .iter()
        .filter_map(|route| route.path.rsplit('/').next())
        .filter_map(|last| parameter(last).map(|(_, _, suffix)| suffix))
        .filter_map(|suffix| suffix.strip_prefix(':'))
        .filter(|verb| !verb.is_empty())
        .collect();
    verbs.sort_unstable();
    verbs.dedup();
    verbs
}

/// Whether `value` ends in `:verb` for one of `verbs`.
fn ends_in_verb(value: &str, verbs: &[&str]) -> bool {
    value
        .rsplit_once(':')
        .is_some_and(|(_, tail)| verbs.iter().any(|v| v.eq_ignore_ascii_case(tail)))
}

/// Matches a path against a pattern, segment by segment.
fn match_path<'p>(
    pattern: &'static str,
    path: &'p str,
    verbs: &[&str],
) -> Option<Vec<(&'static str, &'p str)>> {
    let mut params = Vec::new();
    let mut patterns = pattern.trim_start_matches('/').split('/');
    let mut segments = path.trim_start_matches('/').split('/');
    loop {
        match (patterns.next(), segments.next()) {
            (None, None) => return Some(params),
            (Some(pattern), Some(segment)) => match parameter(pattern) {
                Some((prefix, name, suffix)) => {
                    let end = segment.len().checked_sub(suffix.len())?;
                    let value = segment.get(prefix.len()..end)?;
                    let head = segment.get(..prefix.len())?;
                    let tail = segment.get(end..)?;
                    if !head.eq_ignore_ascii_case(prefix) || !tail.eq_ignore_ascii_case(suffix) {
                        return None;
                    }
                    if suffix.is_empty() && ends_in_verb(value, verbs) {
                        return None;
                    }
                    params.push((name, value));
                }
                None if pattern.eq_ignore_ascii_case(segment) => {}
                None => return None,
            },
            _ => return None,
        }
    }
}

/// Splits `pre{name}post` into its parts; `None` for a literal segment.
fn parameter(pattern: &'static str) -> Option<(&'static str, &'static str, &'static str)> {
    let (prefix, rest) = pattern.split_once('{')?;
    let (name, suffix) = rest.split_once('}')?;
    Some((prefix, name, suffix))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `match_path` with the verbs of these tests.
    fn match_path(
        pattern: &'static str,
        path: &'static str,
    ) -> Option<Vec<(&'static str, &'static str)>> {
        super::match_path(pattern, path, &["archive", "listChildren"])
    }

    #[test]
    fn paths_match_with_parameters() {
        let pattern = "/messaging-service/v1/universes/{universeId}/topics/{topic}";
        assert_eq!(
            match_path(pattern, "/messaging-service/v1/universes/1/topics/a%20b"),
            Some(vec![("universeId", "1"), ("topic", "a%20b")])
        );
        assert_eq!(
            match_path(pattern, "/Messaging-Service/V1/universes/1/topics/"),
            Some(vec![("universeId", "1"), ("topic", "")])
        );
        assert_eq!(
            match_path(pattern, "/messaging-service/v1/universes/1/topics"),
            None
        );
        assert_eq!(
            match_path(pattern, "/messaging-service/v1/universes/1/topics/a/b"),
            None
        );
        assert_eq!(
            match_path(
                "/assets/v1/assets/{assetId}:archive",
                "/assets/v1/assets/12:archive"
            ),
            Some(vec![("assetId", "12")])
        );
        assert_eq!(
            match_path(
                "/assets/v1/assets/{assetId}:archive",
                "/assets/v1/assets/12"
            ),
            None
        );
    }

    #[test]
    fn a_known_verb_splits_on_the_last_colon_only() {
        let verb = "/cloud/v2/things/{thingId}:listChildren";
        let plain = "/cloud/v2/things/{thingId}";
        assert_eq!(
            match_path(verb, "/cloud/v2/things/users:45:listChildren"),
            Some(vec![("thingId", "users:45")])
        );
        assert_eq!(
            match_path(plain, "/cloud/v2/things/users:45:listChildren"),
            None
        );
        assert_eq!(
            match_path(plain, "/cloud/v2/things/users:45"),
            Some(vec![("thingId", "users:45")])
        );
        assert_eq!(
            match_path(plain, "/cloud/v2/things/a:unknownVerb"),
            Some(vec![("thingId", "a:unknownVerb")])
        );
    }

    const ROUTE: Route = Route {
        name: "test.list",
        method: Method::GET,
        path: "/test/v1/universes/{universeId}/things",
        access: Access::Public,
        universe_param: None,
        shape: ErrorShape::Gateway,
        limits: &[],
        max_body: 0,
        handler: Handler::Buffered(|_| {
            crate::gateway::responses::json(http::StatusCode::OK, &serde_json::json!({}))
        }),
    };

    #[test]
    fn the_table_finds_routes_and_tells_a_wrong_method() {
        let table = [&ROUTE];
        let path = "/test/v1/universes/1/things";
        assert!(
            matches!(find(&table, &Method::GET, path), Match::Found(r, _) if r.name == "test.list")
        );
        assert!(matches!(
            find(&table, &Method::POST, path),
            Match::WrongMethod
        ));
        assert!(matches!(
            find(&table, &Method::GET, "/nope"),
            Match::NotFound
        ));
    }

    const V2_ROUTE: Route = Route {
        name: "test.v2",
        path: "/cloud/v2/things/{thingId}",
        ..ROUTE
    };

    #[test]
    fn the_doubled_v2_prefix_is_answered() {
        let table = [&V2_ROUTE];
        assert!(matches!(
            find(&table, &Method::GET, "/cloud/cloud/v2/things/1"),
            Match::Found(_, params) if params == vec![("thingId", "1")]
        ));
        assert!(matches!(
            find(&table, &Method::GET, "/cloud/cloud/cloud/v2/things/1"),
            Match::NotFound
        ));
    }
}
