//! Luau execution session tasks
//! (<https://create.roblox.com/docs/cloud/reference/features/luau-execution>): create a
//! task against a place version, get it, list its logs, and binary inputs.
//!
//! The emulator runs no Luau: what a task returns (results, log lines, a failure, how
//! many gets it takes, how long it runs on the emulator's clock) comes from the rules of
//! [`LuauScriptRule`], matched on the script; an unmatched script completes with no
//! results and no logs after `polls_until_done` gets. Tasks move `QUEUED` →
//! `PROCESSING` → `COMPLETE` / `FAILED` / `CANCELLED` as they are read; a task whose
//! runtime exceeds its timeout fails with `DEADLINE_EXCEEDED` once the emulator's clock
//! passes the timeout.

#![allow(
    clippy::result_large_err,
    reason = "an error answer ends the request; it is built once and never moved far"
)]

mod config;
mod handle;
mod state;

use std::time::Duration;

use http::{Method, StatusCode};
use serde_json::{json, Map, Value};

pub use config::{LuauExecutionConfig, LuauLogLine, LuauScriptRule};
pub use handle::{LuauBinaryInputRecord, LuauTaskRecord};
use state::{BinaryInput, CreateRefused, LuauState, NewTask, Phase, Task};

use crate::gateway::auth::Access;
use crate::gateway::error_bodies::ErrorShape;
use crate::gateway::page_token::{self, PageRequest, PageSizes};
use crate::gateway::proto_json;
use crate::gateway::rate_limit::{Limit, Per};
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::{Ctx, Handler, Route};
use crate::gateway::state::State;
use crate::gateway::uuid::random_uuid;
use crate::gateway::v2_codes::{V2Code, V2Error};
use crate::world::Owner;

/// Sets the area's state up.
pub(crate) fn seed(config: &LuauExecutionConfig, state: &State) {
    state.areas.insert(LuauState::new(config));
}

const WRITE: &str = "universe.place.luau-execution-session:write";
/// Get and list logs name both scopes; either one suffices (write implies read).
const READ_OR_WRITE: &str =
    "universe.place.luau-execution-session:read|universe.place.luau-execution-session:write";

/// The path of the emulator's upload URLs: **emulator-only** (Roblox answers a
/// pre-signed storage URL).
const UPLOAD_PATH: &str = "/_emulator/luau-binary-inputs";

/// Log pages: 10,000 messages by default and at most.
const LOG_PAGES: PageSizes = PageSizes {
    default: 10_000,
    max: 10_000,
};

/// The Luau execution routes.
pub(crate) const ROUTES: &[Route] = &[
    CREATE,
    CREATE_VERSION,
    GET,
    GET_UNVERSIONED,
    LOGS,
    LOGS_UNVERSIONED,
    LOGS_LEGACY,
    LOGS_LEGACY_VERSION,
    CREATE_INPUT,
    UPLOAD_INPUT,
];

/// A v2 route of this area.
const BASE: Route = Route {
    name: "luau.tasks.create",
    method: Method::POST,
    path: "/cloud/v2/universes/{universeId}/places/{placeId}/luau-execution-session-tasks",
    access: Access::ApiKey { scope: WRITE },
    universe_param: Some("universeId"),
    shape: ErrorShape::V2,
    // S2 publishes 40/min per API-key owner for this route, while the method's description
    // says 5/min (and 45/min per IP); the emulator follows S2's number.
    limits: &[Limit {
        bucket: "luau.tasks.create",
        per: Per::ApiKeyOwner,
        per_minute: |c| c.luau_create_per_owner,
    }],
    max_body: 5 * 1024 * 1024,
    handler: Handler::Buffered(create),
};

/// Create a task against the latest published version.
const CREATE: Route = BASE;

/// Create a task against a version.
const CREATE_VERSION: Route = Route {
    name: "luau.tasks.create_version",
    path: "/cloud/v2/universes/{universeId}/places/{placeId}/versions/{versionId}/luau-execution-session-tasks",
    limits: &[Limit {
        bucket: "luau.tasks.create_version",
        per: Per::ApiKeyOwner,
        per_minute: |c| c.luau_create_version_per_owner,
    }],
    ..BASE
};

const GET_LIMITS: &[Limit] = &[Limit {
    bucket: "luau.tasks.get",
    per: Per::ApiKeyOwner,
    per_minute: |c| c.luau_get_per_owner,
}];

/// Get a task.
const GET: Route = Route {
    name: "luau.tasks.get",
    method: Method::GET,
    path: "/cloud/v2/universes/{universeId}/places/{placeId}/versions/{versionId}/luau-execution-sessions/{sessionId}/tasks/{taskId}",
    access: Access::ApiKey {
        scope: READ_OR_WRITE,
    },
    limits: GET_LIMITS,
    max_body: 0,
    handler: Handler::Buffered(get),
    ..BASE
};

/// Get a task without its version (the route before 2025-03-26, which clients still call).
const GET_UNVERSIONED: Route = Route {
    name: "luau.tasks.get_unversioned",
    path: "/cloud/v2/universes/{universeId}/places/{placeId}/luau-execution-sessions/{sessionId}/tasks/{taskId}",
    ..GET
};

const LOG_LIMITS: &[Limit] = &[Limit {
    bucket: "luau.tasks.logs",
    per: Per::ApiKeyOwner,
    per_minute: |c| c.luau_logs_per_owner,
}];

/// List a task's logs.
const LOGS: Route = Route {
    name: "luau.tasks.logs",
    path: "/cloud/v2/universes/{universeId}/places/{placeId}/versions/{versionId}/luau-execution-sessions/{sessionId}/tasks/{taskId}/logs",
    limits: LOG_LIMITS,
    handler: Handler::Buffered(logs),
    ..GET
};

/// List a task's logs without its version (before 2025-03-26).
const LOGS_UNVERSIONED: Route = Route {
    name: "luau.tasks.logs_unversioned",
    path: "/cloud/v2/universes/{universeId}/places/{placeId}/luau-execution-sessions/{sessionId}/tasks/{taskId}/logs",
    ..LOGS
};

/// List a task's logs by the task path of the early spec (before 2025-03-26).
const LOGS_LEGACY: Route = Route {
    name: "luau.tasks.logs_legacy",
    path: "/cloud/v2/universes/{universeId}/places/{placeId}/luau-execution-session-tasks/{taskId}/logs",
    ..LOGS
};

/// The same, with a version.
const LOGS_LEGACY_VERSION: Route = Route {
    name: "luau.tasks.logs_legacy_version",
    path: "/cloud/v2/universes/{universeId}/places/{placeId}/versions/{versionId}/luau-execution-session-tasks/{taskId}/logs",
    ..LOGS
};

/// Create a binary input.
const CREATE_INPUT: Route = Route {
    name: "luau.binary_inputs.create",
    method: Method::POST,
    path: "/cloud/v2/universes/{universeId}/luau-execution-session-task-binary-inputs",
    limits: &[Limit {
        bucket: "luau.binary_inputs.create",
        per: Per::ApiKeyOwner,
        per_minute: |c| c.luau_binary_input_per_owner,
    }],
    max_body: 64 * 1024,
    handler: Handler::Buffered(create_input),
    ..BASE
};

/// The upload URL of a binary input: **emulator-only** (Roblox answers a pre-signed
/// storage URL, which takes no Roblox credential).
const UPLOAD_INPUT: Route = Route {
    name: "luau.binary_inputs.upload",
    method: Method::PUT,
    path: "/_emulator/luau-binary-inputs/{inputId}",
    access: Access::Public,
    universe_param: None,
    limits: &[],
    max_body: 100 * 1024 * 1024,
    handler: Handler::Buffered(upload_input),
    ..BASE
};

fn invalid(message: impl Into<String>) -> Reply {
    V2Error::invalid_argument(message).reply()
}

fn not_found(message: &str) -> Reply {
    V2Code::NotFound.reply(message)
}

/// A numeric path parameter.
fn id_param(ctx: &Ctx<'_>, name: &str, what: &str) -> Result<u64, Reply> {
    ctx.param(name)
        .and_then(|p| p.parse::<u64>().ok())
        .ok_or_else(|| invalid(format!("Invalid {what} id.")))
}

/// The place of the path, checked to belong to the universe of the path.
fn place_of(ctx: &Ctx<'_>) -> Result<(u64, u64), Reply> {
    let universe = ctx.universe.unwrap_or_default();
    let place = id_param(ctx, "placeId", "place")?;
    if !ctx.state.world.has_universe(universe) {
        return Err(not_found("The universe does not exist."));
    }
    if ctx.state.world.universe_of_place(place) != Some(universe) {
        return Err(not_found("The place does not exist in this universe."));
    }
    Ok((universe, place))
}

/// The user a credential acts for: a key's user, or the owner of a group's key.
fn user_of(ctx: &Ctx<'_>) -> u64 {
    match ctx.credential.owner {
        Owner::User(id) => id,
        Owner::Group(group) => ctx.state.world.group_owner(group).unwrap_or(group),
    }
}

/// A task as the service writes it; `full` keeps the script (BASIC writes `""`).
fn task_json(task: &Task, full: bool, times: bool) -> Value {
    let mut object = Map::new();
    object.insert("path".into(), json!(task.path()));
    if times {
        object.insert(
            "createTime".into(),
            json!(proto_json::format_timestamp(task.created)),
        );
        object.insert(
            "updateTime".into(),
            json!(proto_json::format_timestamp(task.updated)),
        );
    }
    object.insert("user".into(), json!(task.user.to_string()));
    object.insert("state".into(), json!(task.phase.name()));
    object.insert(
        "script".into(),
        json!(if full { task.script.as_str() } else { "" }),
    );
    object.insert(
        "timeout".into(),
        json!(proto_json::format_duration(
            time::Duration::try_from(task.timeout).unwrap_or(time::Duration::ZERO)
        )),
    );
    if let Some((code, message)) = &task.error {
        object.insert("error".into(), json!({"code": code, "message": message}));
    }
    if task.phase == Phase::Complete {
        object.insert("output".into(), json!({"results": task.results}));
    }
    if let Some(input) = &task.binary_input {
        object.insert("binaryInput".into(), json!(input));
    }
    if task.enable_binary_output {
        object.insert("enableBinaryOutput".into(), json!(true));
    }
    Value::Object(object)
}

fn create(ctx: &Ctx<'_>) -> Reply {
    match try_create(ctx) {
        Ok(reply) | Err(reply) => reply,
    }
}

fn try_create(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let luau = ctx.area::<LuauState>();
    let config = &luau.config;
    let (universe, place) = place_of(ctx)?;
    let (latest, published) = ctx.state.world.place_versions(place);
    let version = match ctx.param("versionId") {
        None => published,
        Some(_) => {
            let version = id_param(ctx, "versionId", "version")?;
            if version == 0 || version > latest {
                return Err(not_found("The place version does not exist."));
            }
            version
        }
    };
    let body: Value = serde_json::from_slice(&ctx.body)
        .map_err(|e| invalid(format!("The request body is not JSON: {e}.")))?;
    let Value::Object(body) = body else {
        return Err(invalid(
            "The request body must be a LuauExecutionSessionTask.",
        ));
    };
    let script = match body.get("script") {
        Some(Value::String(script)) if !script.is_empty() => script.clone(),
        Some(Value::String(_)) | None | Some(Value::Null) => {
            return Err(invalid("The script is required."))
        }
        Some(_) => return Err(invalid("The script must be a string.")),
    };
    if script.len() > config.max_script_bytes {
        return Err(invalid(format!(
            "The script is {} bytes; the limit is {}.",
            script.len(),
            config.max_script_bytes
        )));
    }
    let max_timeout = Duration::from_secs(config.max_timeout_secs);
    let timeout = match body.get("timeout") {
        None | Some(Value::Null) => max_timeout,
        Some(Value::String(text)) => {
            let parsed = proto_json::parse_duration(text)
                .and_then(|d| Duration::try_from(d).ok())
                .ok_or_else(|| invalid(format!("Invalid timeout {text:?}.")))?;
            if parsed.is_zero() || parsed > max_timeout {
                return Err(invalid(format!(
                    "The timeout must be positive and at most {} s.",
                    config.max_timeout_secs
                )));
            }
            parsed
        }
        Some(_) => return Err(invalid("The timeout must be a duration string.")),
    };
    let binary_input = match body.get("binaryInput") {
        None | Some(Value::Null) => None,
        Some(Value::String(path)) if path.is_empty() => None,
        Some(Value::String(path)) => Some(path.clone()),
        Some(_) => return Err(invalid("The binaryInput must be a string.")),
    };
    let enable_binary_output = match body.get("enableBinaryOutput") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(enable)) => *enable,
        Some(_) => return Err(invalid("enableBinaryOutput must be a boolean.")),
    };
    let new = NewTask {
        universe,
        place,
        version,
        script,
        timeout,
        user: user_of(ctx),
        binary_input,
        enable_binary_output,
    };
    let now = ctx.state.clock.now_utc();
    match luau.create(new, random_uuid(), now) {
        // The create answer echoes the script and has no times (as captured).
        Ok(task) => Ok(responses::json(
            StatusCode::OK,
            &task_json(&task, true, false),
        )),
        Err(CreateRefused::TooManyIncomplete) => Err(V2Code::ResourceExhausted.reply(&format!(
            "At most {} incomplete tasks are allowed per place.",
            config.max_incomplete_tasks_per_place
        ))),
        Err(CreateRefused::BadBinaryInput(message)) => Err(invalid(message)),
    }
}

/// The task of the path (the session id must be the task id, the version its own).
fn task_of(ctx: &Ctx<'_>, polled: bool) -> Result<Task, Reply> {
    let (_, place) = place_of(ctx)?;
    let id = ctx.param("taskId").unwrap_or_default();
    if let Some(session) = ctx.param("sessionId") {
        if session != id {
            return Err(not_found("The task does not exist."));
        }
    }
    let version = match ctx.param("versionId") {
        Some(_) => Some(id_param(ctx, "versionId", "version")?),
        None => None,
    };
    let now = ctx.state.clock.now_utc();
    let task = ctx
        .area::<LuauState>()
        .task(place, &id, polled, now)
        .ok_or_else(|| not_found("The task does not exist."))?;
    if version.is_some_and(|v| v != task.version) {
        return Err(not_found("The task does not exist."));
    }
    Ok(task)
}

fn get(ctx: &Ctx<'_>) -> Reply {
    let full = match ctx.query.get("view") {
        None | Some("" | "VIEW_UNSPECIFIED" | "BASIC") => false,
        Some("FULL") => true,
        Some(other) => return invalid(format!("Invalid view {other:?}.")),
    };
    match task_of(ctx, true) {
        Ok(task) => responses::json(StatusCode::OK, &task_json(&task, full, true)),
        Err(reply) => reply,
    }
}

fn logs(ctx: &Ctx<'_>) -> Reply {
    let structured = match ctx.query.get("view") {
        None | Some("" | "VIEW_UNSPECIFIED" | "FLAT") => false,
        Some("STRUCTURED") => true,
        Some(other) => return invalid(format!("Invalid view {other:?}.")),
    };
    let request = match PageRequest::from_ctx(ctx, LOG_PAGES) {
        Ok(request) => request,
        Err(error) => return error.reply(),
    };
    let task = match task_of(ctx, false) {
        Ok(task) => task,
        Err(reply) => return reply,
    };
    let indexed: Vec<(u64, &state::LogLine)> = (0..).zip(task.logs.iter()).collect();
    let page = match page_token::page(&indexed, |(index, _)| *index, &request) {
        Ok(page) => page,
        Err(error) => return error.reply(),
    };
    // One chunk per page, numbered from 1 by its first message (how the service splits
    // chunks is not documented).
    let number = page.items.first().map_or(1, |(index, _)| index + 1);
    let mut chunk = Map::new();
    chunk.insert(
        "path".into(),
        json!(format!("{}/logs/{number}", task.path())),
    );
    if structured {
        let messages: Vec<Value> = page
            .items
            .iter()
            .map(|(_, line)| {
                json!({
                    "message": line.message,
                    "createTime": proto_json::format_timestamp(line.time),
                    "messageType": line.message_type,
                })
            })
            .collect();
        chunk.insert("structuredMessages".into(), Value::Array(messages));
    } else {
        let messages: Vec<&str> = page.items.iter().map(|(_, l)| l.message.as_str()).collect();
        chunk.insert("messages".into(), json!(messages));
    }
    responses::json(
        StatusCode::OK,
        &json!({
            "luauExecutionSessionTaskLogs": [Value::Object(chunk)],
            "nextPageToken": page.next_page_token,
        }),
    )
}

fn create_input(ctx: &Ctx<'_>) -> Reply {
    let universe = ctx.universe.unwrap_or_default();
    if !ctx.state.world.has_universe(universe) {
        return not_found("The universe does not exist.");
    }
    let luau = ctx.area::<LuauState>();
    let body: Value = match serde_json::from_slice(&ctx.body) {
        Ok(body) => body,
        Err(e) => return invalid(format!("The request body is not JSON: {e}.")),
    };
    let size = body
        .get("size")
        .and_then(proto_json::int64)
        .and_then(|s| u64::try_from(s).ok())
        .unwrap_or(0);
    if size == 0 || size > luau.config.max_binary_input_bytes {
        return invalid(format!(
            "The size must be from 1 to {} bytes.",
            luau.config.max_binary_input_bytes
        ));
    }
    let input = BinaryInput {
        universe,
        id: random_uuid(),
        size,
        token: random_uuid(),
        created: ctx.state.clock.now_utc(),
        bytes: None,
    };
    let upload_uri = format!(
        "{}{UPLOAD_PATH}/{}?token={}",
        ctx.state.public_url(),
        input.id,
        input.token
    );
    let answer = json!({"path": input.path(), "size": size, "uploadUri": upload_uri});
    luau.create_input(input, ctx.state.clock.now_utc());
    responses::json(StatusCode::OK, &answer)
}

fn upload_input(ctx: &Ctx<'_>) -> Reply {
    let id = ctx.param("inputId").unwrap_or_default();
    let token = ctx.query.get("token").unwrap_or_default();
    let now = ctx.state.clock.now_utc();
    match ctx.area::<LuauState>().upload(&id, token, &ctx.body, now) {
        Ok(()) => responses::empty(StatusCode::OK),
        Err(message) => invalid(message),
    }
}
