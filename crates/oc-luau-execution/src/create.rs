//! Creating a task: `POST /cloud/v2/universes/{u}/places/{p}[/versions/{v}]/luau-execution-session-tasks`
//! (<https://create.roblox.com/docs/cloud/reference/features/luau-execution>).

use std::time::Duration;

use bytes::Bytes;
use http::Method;
use oc_core::request;
use oc_core::{Body, Client, Endpoint, Error, Experience, Idempotency, InvalidInput};
use serde::Serialize;

use crate::binary_input::{BinaryInput, CreateBinaryInput, UploadBinaryInput};
use crate::failure::AREA;
use crate::handle::LuauTaskHandle;
use crate::path::positive;
use crate::task::LuauTask;

/// The largest script, in bytes. Roblox documents "4 MB"; the client takes it as 4 MiB
/// and leaves a script between 4,000,000 bytes and 4 MiB to the service to judge.
pub const MAX_SCRIPT_BYTES: usize = 4 * 1024 * 1024;

/// The longest timeout a task may have (and its default): 5 minutes.
pub const MAX_TIMEOUT: Duration = Duration::from_secs(5 * 60);

/// The shortest timeout the client sends: 1 ms (a zero duration would read as "unset").
pub const MIN_TIMEOUT: Duration = Duration::from_millis(1);

/// Luau execution on a place: [`run`](LuauPlace::run) a script against its latest
/// published version, or against a [`version`](LuauPlace::version) of it.
///
/// A handle makes no request.
#[derive(Debug, Clone)]
pub struct LuauPlace {
    experience: Experience,
    place_id: u64,
    version_id: Option<u64>,
}

impl LuauPlace {
    /// The same place, with tasks running against version `version_id` rather than the
    /// latest published one.
    pub fn version(mut self, version_id: u64) -> Self {
        self.version_id = Some(version_id);
        self
    }

    /// The place id.
    pub fn place_id(&self) -> u64 {
        self.place_id
    }

    /// The version tasks run against, when one was chosen.
    pub fn version_id(&self) -> Option<u64> {
        self.version_id
    }

    /// The experience.
    pub fn experience(&self) -> &Experience {
        &self.experience
    }

    /// Creates a task running `script` (Luau source, at most [`MAX_SCRIPT_BYTES`], not
    /// wrapped in a function). `.await` it for a [`LuauTaskHandle`] to wait on.
    ///
    /// Creating a task is not idempotent: the client never repeats it once the service
    /// may have applied it (the error then says
    /// [`may_have_been_applied`](Error::may_have_been_applied)).
    pub fn run(&self, script: impl Into<String>) -> CreateTask {
        CreateTask {
            place: self.clone(),
            script: script.into(),
            timeout: None,
            binary_input: None,
            enable_binary_output: false,
        }
    }
}

/// Luau execution methods on an [`Experience`].
pub trait ExperienceLuauExt {
    /// Luau execution on place `place_id` of this experience.
    fn luau(&self, place_id: u64) -> LuauPlace;

    /// A handle on a task an earlier call created, by its path
    /// (`universes/{u}/places/{p}/versions/{v}/luau-execution-sessions/{s}/tasks/{t}`).
    /// The path must belong to this experience.
    fn luau_task(&self, path: &str) -> Result<LuauTaskHandle, Error>;

    /// Creates a binary input of `size` bytes (at most
    /// [`MAX_BINARY_INPUT_BYTES`](crate::MAX_BINARY_INPUT_BYTES)), answering the URL to
    /// upload the bytes to; [`upload_luau_binary_input`](Self::upload_luau_binary_input)
    /// does both steps.
    fn create_luau_binary_input(&self, size: u64) -> CreateBinaryInput;

    /// Creates a binary input and uploads `bytes` to it: `.await` it for the
    /// [`BinaryInput`] to give tasks (valid for 15 minutes, for any task of this
    /// experience).
    fn upload_luau_binary_input(&self, bytes: impl Into<Bytes>) -> UploadBinaryInput;
}

impl ExperienceLuauExt for Experience {
    fn luau(&self, place_id: u64) -> LuauPlace {
        LuauPlace {
            experience: self.clone(),
            place_id,
            version_id: None,
        }
    }

    fn luau_task(&self, path: &str) -> Result<LuauTaskHandle, Error> {
        let handle = LuauTaskHandle::resume(self.client().clone(), path)?;
        if handle.path().universe_id != self.universe_id() {
            return Err(InvalidInput::new(
                "path",
                format!(
                    "the task belongs to universe {}, not {}",
                    handle.path().universe_id,
                    self.universe_id()
                ),
            )
            .into());
        }
        Ok(handle)
    }

    fn create_luau_binary_input(&self, size: u64) -> CreateBinaryInput {
        CreateBinaryInput::new(self.clone(), size)
    }

    fn upload_luau_binary_input(&self, bytes: impl Into<Bytes>) -> UploadBinaryInput {
        UploadBinaryInput::new(self.clone(), bytes.into())
    }
}

/// A task creation; `.await` it to send it.
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until it is awaited"]
pub struct CreateTask {
    place: LuauPlace,
    script: String,
    timeout: Option<Duration>,
    binary_input: Option<String>,
    enable_binary_output: bool,
}

impl CreateTask {
    /// How long the script may run (at most [`MAX_TIMEOUT`], the default); the task fails
    /// with `DEADLINE_EXCEEDED` past it.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Gives the script a binary input created earlier (see
    /// [`ExperienceLuauExt::upload_luau_binary_input`]); the script reads
    /// it as `({...})[1].BinaryInput`, a `buffer`.
    pub fn binary_input(mut self, input: &BinaryInput) -> Self {
        self.binary_input = Some(input.path.clone());
        self
    }

    /// Gives the script the binary input at `path`
    /// (`universes/{u}/luau-execution-session-task-binary-inputs/{id}`).
    pub fn binary_input_path(mut self, path: impl Into<String>) -> Self {
        self.binary_input = Some(path.into());
        self
    }

    /// Lets the script return a binary output: it must then return one table
    /// `{BinaryOutput = buffer, ReturnValues = {…}}`, and the completed task names the
    /// download URL in [`LuauTask::binary_output_uri`].
    pub fn enable_binary_output(mut self, enable: bool) -> Self {
        self.enable_binary_output = enable;
        self
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CreateBody<'a> {
    script: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    timeout: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    binary_input: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    enable_binary_output: bool,
}

impl Endpoint for CreateTask {
    type Output = LuauTaskHandle;
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = "create_luau_task";

    fn client(&self) -> &Client {
        self.place.experience.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let universe_id = self.place.experience.universe_id();
        positive("universe_id", universe_id)?;
        positive("place_id", self.place.place_id)?;
        if let Some(version) = self.place.version_id {
            positive("version_id", version)?;
        }
        oc_core::validate::non_empty("script", &self.script)?;
        oc_core::validate::max_bytes("script", self.script.as_bytes(), MAX_SCRIPT_BYTES)?;
        if let Some(timeout) = self.timeout {
            if !(MIN_TIMEOUT..=MAX_TIMEOUT).contains(&timeout) {
                return Err(InvalidInput::new(
                    "timeout",
                    format!(
                        "is {} s; it must be from {} s to {} s",
                        timeout.as_secs_f64(),
                        MIN_TIMEOUT.as_secs_f64(),
                        MAX_TIMEOUT.as_secs()
                    ),
                )
                .into());
            }
        }
        if let Some(input) = &self.binary_input {
            crate::binary_input::check_input_path(input, universe_id)?;
        }
        let version = self
            .place
            .version_id
            .map(|v| format!("/versions/{v}"))
            .unwrap_or_default();
        let path = format!(
            "{}/universes/{universe_id}/places/{}{version}/luau-execution-session-tasks",
            oc_core::v2::PREFIX,
            self.place.place_id
        );
        let body = CreateBody {
            script: &self.script,
            timeout: self.timeout.map(oc_core::v2::duration::format),
            binary_input: self.binary_input.as_deref(),
            enable_binary_output: self.enable_binary_output,
        };
        request::json(Method::POST, &path, &body)
    }

    fn idempotency(&self) -> Idempotency {
        Idempotency::NonIdempotent
    }

    fn parse(&self, answer: http::Response<Bytes>) -> Result<LuauTaskHandle, Error> {
        let task = LuauTask::from_answer(&answer)?;
        Ok(LuauTaskHandle::from_task(
            self.place.experience.client().clone(),
            task,
        ))
    }
}

oc_core::endpoint_future!(static CreateTask);

#[cfg(test)]
mod tests {
    use super::*;
    use oc_core::offline;
    use serde_json::{json, Value};

    fn experience(universe_id: u64) -> Result<Experience, Error> {
        Ok(Client::builder()
            .api_key("k")
            .build()?
            .experience(universe_id))
    }

    fn body(request: &http::Request<Body>) -> Value {
        serde_json::from_slice(request.body().as_bytes().unwrap_or_default()).unwrap_or_default()
    }

    #[test]
    fn builds_both_create_requests() -> Result<(), Error> {
        let place = experience(1)?.luau(2);
        let latest = offline::request(&place.run("return 1"))?;
        assert_eq!(latest.method(), Method::POST);
        assert_eq!(
            latest.uri(),
            "/cloud/v2/universes/1/places/2/luau-execution-session-tasks"
        );
        assert_eq!(body(&latest), json!({"script": "return 1"}));
        assert_eq!(Idempotency::of(&latest), Idempotency::NonIdempotent);

        let input = "universes/1/luau-execution-session-task-binary-inputs/abc";
        let pinned = offline::request(
            &place
                .clone()
                .version(7)
                .run("return 2")
                .timeout(Duration::from_millis(1500))
                .binary_input_path(input)
                .enable_binary_output(true),
        )?;
        assert_eq!(
            pinned.uri(),
            "/cloud/v2/universes/1/places/2/versions/7/luau-execution-session-tasks"
        );
        assert_eq!(
            body(&pinned),
            json!({"script": "return 2", "timeout": "1.500s", "binaryInput": input, "enableBinaryOutput": true})
        );
        let handle = offline::respond(
            &place.run("return 1"),
            200,
            &[],
            r#"{"path":"universes/1/places/2/versions/9/luau-execution-sessions/s/tasks/t","state":"QUEUED","script":"return 1"}"#,
        )?;
        assert_eq!(handle.path().version_id, Some(9));
        assert_eq!(
            handle.task().map(|t| t.script.as_deref()),
            Some(Some("return 1"))
        );
        Ok(())
    }

    #[test]
    fn refuses_every_limit_with_the_field_named() -> Result<(), Error> {
        let place = experience(1)?.luau(2);
        let big = "x".repeat(MAX_SCRIPT_BYTES + 1);
        let cases: Vec<(CreateTask, &str)> = vec![
            (experience(0)?.luau(2).run("s"), "universe_id"),
            (experience(1)?.luau(0).run("s"), "place_id"),
            (place.clone().version(0).run("s"), "version_id"),
            (place.run(""), "script"),
            (place.run(big), "script"),
            (place.run("s").timeout(Duration::ZERO), "timeout"),
            (
                place
                    .run("s")
                    .timeout(MAX_TIMEOUT + Duration::from_millis(1)),
                "timeout",
            ),
            (place.run("s").binary_input_path("nope"), "binary_input"),
            (
                place
                    .run("s")
                    .binary_input_path("universes/9/luau-execution-session-task-binary-inputs/a"),
                "binary_input",
            ),
        ];
        for (create, field) in cases {
            match offline::request(&create) {
                Err(Error::InvalidInput(invalid)) => assert_eq!(invalid.field(), field),
                other => panic!("expected invalid {field}, got {other:?}"),
            }
        }
        offline::request(&place.run("x".repeat(MAX_SCRIPT_BYTES)).timeout(MAX_TIMEOUT))?;
        Ok(())
    }
}
