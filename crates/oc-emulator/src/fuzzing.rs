//! The emulator's fuzz targets: each a function over arbitrary bytes that must never
//! panic, run by the cargo-fuzz crate in `fuzz/` (libFuzzer, nightly) and by a stable
//! driver (random mutations). Not part of the API: it exists for the fuzzers and CI.
//!
//! Every request target sends its input through the request pipeline the server runs
//! (`pipeline::handle_body`): route matching with the path parameters, the query string,
//! authentication, the route's handler and whatever it parses. Only the connection is
//! missing: the body is handed over in chunks, so that the readers that parse a body as
//! it arrives (multipart uploads, place files) see it cut at arbitrary places. Each input
//! gets a fresh emulator, seeded with [`FUZZ_WORLD`], so that an input's answer does not
//! depend on the inputs before it (a crash found is a crash replayed). Rate limits are
//! off; the route that delivers webhooks is left out (it would connect to the URL it is
//! given), its body parse is fuzzed on its own.
//!
//! There is one target per parser family, so that each corpus stays about one format:
//! - [`routes`]: a whole request as text (see [`RequestText`]): any method, path, query,
//!   headers and body;
//! - [`json`]: the JSON body of a route that reads one, picked by the first byte (see
//!   [`JSON_ROUTES`]); the rest is headers and body;
//! - [`multipart`]: an upload (`multipart/form-data`) or a place file, picked by the first
//!   byte (see [`STREAMED_ROUTES`]), cut into chunks as the second byte says (see
//!   [`chunks`]); the rest is headers and body;
//! - [`oauth2_form`]: the form of an OAuth 2.0 route, picked by the first byte (see
//!   [`OAUTH2_ROUTES`]); the rest is headers and body;
//! - [`config`]: a configuration file: parsed, validated, and made into an emulator's state.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, OnceLock};

use bytes::Bytes;
use http::{HeaderName, HeaderValue, Method, Request, Uri};

use crate::areas;
use crate::config::Config;
use crate::emulator::build_state;
use crate::gateway::body::RequestBody;
use crate::gateway::limits::check_public_url;
use crate::gateway::pipeline::{self, Outcome, Served};
use crate::gateway::route::Route;

/// A fuzz target: its name (as `cargo xtask fuzz` and the cargo-fuzz binary name it) and
/// its body.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    /// The name.
    pub name: &'static str,
    /// The body: must not panic, whatever the input.
    pub run: fn(&[u8]),
}

/// Every emulator target.
pub const TARGETS: &[Target] = &[
    Target {
        name: "emulator_routes",
        run: routes,
    },
    Target {
        name: "emulator_json",
        run: json,
    },
    Target {
        name: "emulator_multipart",
        run: multipart,
    },
    Target {
        name: "emulator_oauth2_form",
        run: oauth2_form,
    },
    Target {
        name: "emulator_config",
        run: config,
    },
];

/// The target named `name`.
pub fn target(name: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.name == name)
}

/// The world every request target's emulator starts from: the built-in one's ids and key,
/// with an entry in a data store, an ordered entry, an asset, a static OAuth token and an
/// OAuth2 app, so that the routes reading them find something.
pub const FUZZ_WORLD: &str = r#"
[rate_limits]
enabled = false

[[universes]]
id = 1000
places = [2000]
owner = { user = 3000 }

[[users]]
id = 3000
name = "emulator_user"

[[groups]]
id = 4000
name = "Emulator Group"
owner = 3000

[[api_keys]]
key = "oc-emulator-default-api-key"
owner = { user = 3000 }
[[api_keys.grants]]
universe = "*"
scopes = ["*"]

[[oauth_tokens]]
token = "fuzz-token"
user = 3000
universes = ["*"]
scopes = ["*"]

[[oauth2_apps]]
client_id = "7000000000000000001"
client_secret = "RBX-fuzz-secret"
redirect_uris = ["http://localhost/callback"]
scopes = ["openid", "profile", "asset:read", "asset:write"]
user = 3000
universes = [1000]

[[data_store_entries]]
universe = 1000
data_store = "PlayerInventory"
key = "Player_3000"
value = { coins = 5 }
attributes = { source = "seed" }
user_ids = [3000]

[[ordered_data_store_entries]]
universe = 1000
data_store = "Leaderboard"
id = "Player_3000"
value = 42

[[assets.existing]]
id = 10000001
asset_type = "Decal"
display_name = "Logo"
creator = { user = 3000 }
content_type = "image/png"
"#;

/// The API key of [`FUZZ_WORLD`], sent when the input names no credential.
const API_KEY: &str = "oc-emulator-default-api-key";

/// A route a target sends its input to: the method, the path and query, and the headers
/// sent unless the input sends its own of the same name.
#[derive(Debug, Clone, Copy)]
pub struct Preset {
    /// The route's name, for reading.
    pub route: &'static str,
    /// The method.
    pub method: &'static str,
    /// The path and query.
    pub target: &'static str,
    /// Headers sent unless the input has them.
    pub headers: &'static [(&'static str, &'static str)],
}

const JSON_HEADERS: &[(&str, &str)] =
    &[("x-api-key", API_KEY), ("content-type", "application/json")];
const ENTRY: &str =
    "/datastores/v1/universes/1000/standard-datastores/datastore/entries/entry?datastoreName=PlayerInventory&entryKey=Player_3000";

/// The routes [`json`] picks from, by the input's first byte (`byte % len`).
/// `emulator.webhooks.send` is its body parse alone (the route would deliver).
pub const JSON_ROUTES: &[Preset] = &[
    Preset {
        route: "messaging.publish",
        method: "POST",
        target: "/messaging-service/v1/universes/1000/topics/fuzz",
        headers: JSON_HEADERS,
    },
    Preset {
        route: "datastores.entry.set",
        method: "POST",
        target: ENTRY,
        headers: JSON_HEADERS,
    },
    Preset {
        route: "datastores.entry.increment",
        method: "POST",
        target: "/datastores/v1/universes/1000/standard-datastores/datastore/entries/entry/increment?datastoreName=PlayerInventory&entryKey=Counter&incrementBy=2",
        headers: JSON_HEADERS,
    },
    Preset {
        route: "ordered.entry.create",
        method: "POST",
        target: "/ordered-data-stores/v1/universes/1000/orderedDataStores/Leaderboard/scopes/global/entries?id=Player_1",
        headers: JSON_HEADERS,
    },
    Preset {
        route: "ordered.entry.update",
        method: "PATCH",
        target: "/ordered-data-stores/v1/universes/1000/orderedDataStores/Leaderboard/scopes/global/entries/Player_3000?allow_missing=true",
        headers: JSON_HEADERS,
    },
    Preset {
        route: "ordered.entry.increment",
        method: "POST",
        target: "/ordered-data-stores/v1/universes/1000/orderedDataStores/Leaderboard/scopes/global/entries/Player_3000:increment",
        headers: JSON_HEADERS,
    },
    Preset {
        route: "emulator.faults.add",
        method: "POST",
        target: "/_emulator/v1/faults",
        headers: JSON_HEADERS,
    },
    Preset {
        route: "emulator.webhooks.send",
        method: "POST",
        target: "/_emulator/v1/webhooks/send",
        headers: JSON_HEADERS,
    },    Preset {
        route: "ordered_v2.entry.create",
        method: "POST",
        target: "/cloud/v2/universes/1000/ordered-data-stores/Leaderboard/scopes/global/entries?id=Player_1",
        headers: JSON_HEADERS,
    },
    Preset {
        route: "ordered_v2.entry.update",
        method: "PATCH",
        target: "/cloud/v2/universes/1000/ordered-data-stores/Leaderboard/scopes/global/entries/Player_3000?allowMissing=true",
        headers: JSON_HEADERS,
    },
    Preset {
        route: "ordered_v2.entry.increment",
        method: "POST",
        target: "/cloud/v2/universes/1000/ordered-data-stores/Leaderboard/scopes/global/entries/Player_3000:increment",
        headers: JSON_HEADERS,
    },
    Preset {
        route: "assets.versions.rollback",
        method: "POST",
        target: "/assets/v1/assets/10000001/versions:rollback",
        headers: JSON_HEADERS,
    },
];

/// The routes [`multipart`] picks from, by the input's first byte (`byte % len`).
pub const STREAMED_ROUTES: &[Preset] = &[
    Preset {
        route: "assets.create",
        method: "POST",
        target: "/assets/v1/assets",
        headers: &[
            ("x-api-key", API_KEY),
            ("content-type", "multipart/form-data; boundary=XyZ"),
        ],
    },
    Preset {
        route: "assets.update",
        method: "PATCH",
        target: "/assets/v1/assets/10000001?updateMask=displayName,description",
        headers: &[
            ("x-api-key", API_KEY),
            ("content-type", "multipart/form-data; boundary=XyZ"),
        ],
    },
    Preset {
        route: "places.publish",
        method: "POST",
        target: "/universes/v1/1000/places/2000/versions?versionType=Saved",
        headers: &[
            ("x-api-key", API_KEY),
            ("content-type", "application/octet-stream"),
        ],
    },
];

const FORM_HEADERS: &[(&str, &str)] = &[("content-type", "application/x-www-form-urlencoded")];

/// The routes [`oauth2_form`] picks from, by the input's first byte (`byte % len`). For
/// `oauth2.authorize` (a `GET`) the input's body is the query string.
pub const OAUTH2_ROUTES: &[Preset] = &[
    Preset {
        route: "oauth2.token",
        method: "POST",
        target: "/oauth/v1/token",
        headers: FORM_HEADERS,
    },
    Preset {
        route: "oauth2.introspect",
        method: "POST",
        target: "/oauth/v1/token/introspect",
        headers: FORM_HEADERS,
    },
    Preset {
        route: "oauth2.resources",
        method: "POST",
        target: "/oauth/v1/token/resources",
        headers: FORM_HEADERS,
    },
    Preset {
        route: "oauth2.revoke",
        method: "POST",
        target: "/oauth/v1/token/revoke",
        headers: FORM_HEADERS,
    },
    Preset {
        route: "oauth2.userinfo",
        method: "GET",
        target: "/oauth/v1/userinfo",
        headers: &[("authorization", "Bearer fuzz-token")],
    },
    Preset {
        route: "oauth2.authorize",
        method: "GET",
        target: "/oauth/v1/authorize",
        headers: &[],
    },
];

/// A request read from fuzz input: headers are raw bytes, as on the wire.
///
/// ```text
/// METHOD /path?query        (only for [`routes`]; the others' routes are picked)
/// name: value
/// name: value
///
/// body
/// ```
///
/// Each line up to the first empty one is a header (a line without `:` is left out, as
/// is one hyper would refuse); the rest, possibly empty, is the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestText<'a> {
    /// The header lines, split at their first `:`, the value trimmed of spaces.
    pub headers: Vec<(&'a [u8], &'a [u8])>,
    /// The body.
    pub body: &'a [u8],
}

impl<'a> RequestText<'a> {
    /// Reads header lines and a body from `data`.
    pub fn parse(mut data: &'a [u8]) -> Self {
        let mut headers = Vec::new();
        while !data.is_empty() {
            let (line, rest) = split_line(data);
            data = rest;
            if line.is_empty() || line == b"\r" {
                break;
            }
            if let Some(colon) = line.iter().position(|&b| b == b':') {
                headers.push((&line[..colon], trim(&line[colon + 1..])));
            }
        }
        RequestText {
            headers,
            body: data,
        }
    }
}

fn split_line(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == b'\n') {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[]),
    }
}

fn trim(mut value: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = value {
        value = rest;
    }
    while let [rest @ .., b' ' | b'\t' | b'\r'] = value {
        value = rest;
    }
    value
}

/// Cuts `body` into chunks: one chunk when `seed` is 0, else chunks of 1 to `seed` bytes,
/// their lengths drawn from a generator seeded with `seed`.
pub fn chunks(body: &[u8], seed: u8) -> Vec<Bytes> {
    if seed == 0 {
        return vec![Bytes::copy_from_slice(body)];
    }
    let mut state = u32::from(seed);
    let mut rest = body;
    let mut chunks = Vec::new();
    while !rest.is_empty() {
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let len = 1 + (state >> 16) as usize % usize::from(seed);
        let (chunk, after) = rest.split_at(len.min(rest.len()));
        chunks.push(Bytes::copy_from_slice(chunk));
        rest = after;
    }
    chunks
}

/// A whole request as text: the first line is `METHOD TARGET`, the rest headers and body
/// (see [`RequestText`]). With no credential header, the API key of [`FUZZ_WORLD`] is
/// sent.
pub fn routes(data: &[u8]) {
    let (line, rest) = split_line(data);
    let mut words = line.split(|&b| b == b' ').filter(|w| !w.is_empty());
    let (Some(method), Some(target)) = (words.next(), words.next()) else {
        return;
    };
    let preset = RequestLine { method, target };
    let request = RequestText::parse(rest);
    let has_credential = request.headers.iter().any(|(name, _)| {
        name.eq_ignore_ascii_case(b"x-api-key") || name.eq_ignore_ascii_case(b"authorization")
    });
    let defaults: &[(&'static str, &'static str)] = if has_credential {
        &[]
    } else {
        &[("x-api-key", API_KEY)]
    };
    send(
        preset,
        defaults,
        &request,
        vec![Bytes::copy_from_slice(request.body)],
    );
}

/// A JSON body: the first byte picks the route (see [`JSON_ROUTES`]), the rest is
/// headers and body (see [`RequestText`]).
pub fn json(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let preset = &JSON_ROUTES[usize::from(pick) % JSON_ROUTES.len()];
    let request = RequestText::parse(rest);
    if preset.route == "emulator.webhooks.send" {
        let _ = areas::webhooks::parse_send_request(request.body);
        return;
    }
    send(
        RequestLine::of(preset),
        preset.headers,
        &request,
        vec![Bytes::copy_from_slice(request.body)],
    );
}

/// A body read as it arrives: the first byte picks the route (see [`STREAMED_ROUTES`]),
/// the second cuts the body into chunks (see [`chunks`]), the rest is headers and body
/// (see [`RequestText`]).
pub fn multipart(data: &[u8]) {
    let [pick, cut, rest @ ..] = data else {
        return;
    };
    let preset = &STREAMED_ROUTES[usize::from(*pick) % STREAMED_ROUTES.len()];
    let request = RequestText::parse(rest);
    let body = chunks(request.body, *cut);
    send(RequestLine::of(preset), preset.headers, &request, body);
}

/// An OAuth 2.0 form: the first byte picks the route (see [`OAUTH2_ROUTES`]), the rest is
/// headers and body (see [`RequestText`]); for `oauth2.authorize` the body is the query.
pub fn oauth2_form(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let preset = &OAUTH2_ROUTES[usize::from(pick) % OAUTH2_ROUTES.len()];
    let request = RequestText::parse(rest);
    if preset.method == "GET" && preset.route == "oauth2.authorize" {
        let mut target = preset.target.as_bytes().to_vec();
        target.push(b'?');
        target.extend_from_slice(request.body);
        let line = RequestLine {
            method: preset.method.as_bytes(),
            target: &target,
        };
        send(line, preset.headers, &request, Vec::new());
        return;
    }
    send(
        RequestLine::of(preset),
        preset.headers,
        &request,
        vec![Bytes::copy_from_slice(request.body)],
    );
}

/// A configuration file (not UTF-8: nothing to do, as [`Config::from_file`] refuses it):
/// [`Config::from_toml_str`] (parse and validation), the public URL check, and the state
/// of an emulator made from it (the world and every area seeded), as a start does before
/// it listens.
pub fn config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(config) = Config::from_toml_str(text) else {
        return;
    };
    if let Some(url) = &config.server.public_url {
        let _ = check_public_url(url);
    }
    let _ = build_state(&config, None);
}

/// Whether the fixtures of the request targets (the world, a runtime) could be made:
/// without them those targets do nothing, so a driver checks this first.
pub fn ready() -> bool {
    world().is_some() && runtime_ready()
}

/// The method and the path and query of a request.
#[derive(Debug, Clone, Copy)]
struct RequestLine<'a> {
    method: &'a [u8],
    target: &'a [u8],
}

impl RequestLine<'static> {
    fn of(preset: &'static Preset) -> Self {
        RequestLine {
            method: preset.method.as_bytes(),
            target: preset.target.as_bytes(),
        }
    }
}

/// The configuration of [`FUZZ_WORLD`], parsed once.
fn world() -> Option<&'static Config> {
    static WORLD: OnceLock<Option<Config>> = OnceLock::new();
    WORLD
        .get_or_init(|| Config::from_toml_str(FUZZ_WORLD).ok())
        .as_ref()
}

/// The route table, without the route that delivers webhooks.
fn route_table() -> &'static [&'static Route] {
    static ROUTES: OnceLock<Vec<&'static Route>> = OnceLock::new();
    ROUTES.get_or_init(|| {
        areas::route_table()
            .into_iter()
            .filter(|route| route.name != "emulator.webhooks.send")
            .collect()
    })
}

thread_local! {
    /// The runtime the pipeline runs on: one per thread, with a clock (body deadlines).
    static RUNTIME: Option<tokio::runtime::Runtime> = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .ok();
}

fn runtime_ready() -> bool {
    RUNTIME.with(Option::is_some)
}

/// Sends one request through the pipeline of a fresh emulator and reads its answer.
fn send(
    line: RequestLine<'_>,
    defaults: &[(&'static str, &'static str)],
    request: &RequestText<'_>,
    body: Vec<Bytes>,
) {
    let Some(world) = world() else {
        return;
    };
    let (Ok(method), Ok(uri)) = (
        Method::from_bytes(line.method),
        Uri::try_from(line.target.to_vec()),
    ) else {
        // hyper refuses such a request line before the emulator sees it.
        return;
    };
    let mut builder = Request::builder().method(method).uri(uri);
    if let Some(headers) = builder.headers_mut() {
        for (name, value) in defaults {
            headers.insert(
                HeaderName::from_static(name),
                HeaderValue::from_static(value),
            );
        }
        let mut sent: Vec<HeaderName> = Vec::new();
        for (name, value) in &request.headers {
            if let (Ok(name), Ok(value)) =
                (HeaderName::from_bytes(name), HeaderValue::from_bytes(value))
            {
                // The input's headers replace the defaults of the same name.
                if !sent.contains(&name) {
                    headers.remove(&name);
                    sent.push(name.clone());
                }
                headers.append(name, value);
            }
        }
    }
    let served = Served {
        state: Arc::new(build_state(world, Some(false))),
        routes: route_table().to_vec(),
    };
    let peer = SocketAddr::from((Ipv4Addr::LOCALHOST, 1));
    let timeout = served.state.limits.body_read_timeout;
    RUNTIME.with(|runtime| {
        let Some(runtime) = runtime else {
            return;
        };
        runtime.block_on(async {
            // The body's read deadline is a timer of the runtime: made inside it.
            let Ok(request) = builder.body(RequestBody::from_chunks(body, timeout)) else {
                return;
            };
            if let Outcome::Respond(reply) = pipeline::handle_body(&served, peer, request).await {
                let _ = (reply.status(), reply.headers().len());
            }
        });
    });
    // The request log holds what was sent: read it as the handle does.
    let _ = served.state.log.records();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_world_and_the_runtime_are_made() {
        assert!(ready());
    }

    #[test]
    fn requests_read_headers_and_body() {
        let request = RequestText::parse(b"x-api-key: k \nno colon\na:b\n\n{\"a\":1}\n");
        assert_eq!(
            request.headers,
            [(&b"x-api-key"[..], &b"k"[..]), (&b"a"[..], &b"b"[..])]
        );
        assert_eq!(request.body, b"{\"a\":1}\n");
    }

    #[test]
    fn chunks_cover_the_body_within_their_bound() {
        let body: Vec<u8> = (0..=255).collect();
        assert_eq!(chunks(&body, 0).len(), 1);
        for seed in 1..=255u8 {
            let cut = chunks(&body, seed);
            assert!(cut
                .iter()
                .all(|c| !c.is_empty() && c.len() <= usize::from(seed)));
            assert_eq!(cut.concat(), body);
        }
        assert!(chunks(b"", 3).is_empty());
    }
}
