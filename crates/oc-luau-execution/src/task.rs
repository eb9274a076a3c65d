//! The task resource, `LuauExecutionSessionTask`
//! (<https://create.roblox.com/docs/cloud/reference/LuauExecutionSessionTask>).

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use oc_core::{response, Error};
use serde::Deserialize;
use serde_json::Value;
use time::OffsetDateTime;

use crate::path::TaskPath;

/// Where a task is in its life: `QUEUED`, then `PROCESSING`, then one of `COMPLETE`,
/// `FAILED` or `CANCELLED`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TaskState {
    /// `STATE_UNSPECIFIED` (or no state at all).
    Unspecified,
    /// Waiting to be processed.
    Queued,
    /// Picked up and running.
    Processing,
    /// Stopped by the user.
    Cancelled,
    /// Finished: the output holds the script's return values.
    Complete,
    /// Failed: the error says why.
    Failed,
    /// A state this client does not know, as the service spelled it.
    Other(String),
}

impl TaskState {
    /// Reads the wire spelling (`"COMPLETE"`); an unknown one is kept as
    /// [`TaskState::Other`].
    pub fn parse(text: &str) -> TaskState {
        match text {
            "" | "STATE_UNSPECIFIED" => TaskState::Unspecified,
            "QUEUED" => TaskState::Queued,
            "PROCESSING" => TaskState::Processing,
            "CANCELLED" => TaskState::Cancelled,
            "COMPLETE" => TaskState::Complete,
            "FAILED" => TaskState::Failed,
            other => TaskState::Other(other.to_owned()),
        }
    }

    /// The wire spelling.
    pub fn as_str(&self) -> &str {
        match self {
            TaskState::Unspecified => "STATE_UNSPECIFIED",
            TaskState::Queued => "QUEUED",
            TaskState::Processing => "PROCESSING",
            TaskState::Cancelled => "CANCELLED",
            TaskState::Complete => "COMPLETE",
            TaskState::Failed => "FAILED",
            TaskState::Other(other) => other,
        }
    }

    /// `true` while the task may still change: queued, processing, or not yet given a
    /// state.
    pub fn is_running(&self) -> bool {
        matches!(
            self,
            TaskState::Unspecified | TaskState::Queued | TaskState::Processing
        )
    }
}

impl fmt::Display for TaskState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a task failed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TaskErrorCode {
    /// `ERROR_CODE_UNSPECIFIED` (or no code).
    Unspecified,
    /// The script raised an unhandled error.
    ScriptError,
    /// The script ran past its timeout.
    DeadlineExceeded,
    /// The JSON of the return values was over 4 MB.
    OutputSizeLimitExceeded,
    /// The service failed.
    InternalError,
    /// A code this client does not know, as the service spelled it.
    Other(String),
}

impl TaskErrorCode {
    /// Reads the wire spelling (`"SCRIPT_ERROR"`).
    pub fn parse(text: &str) -> TaskErrorCode {
        match text {
            "" | "ERROR_CODE_UNSPECIFIED" => TaskErrorCode::Unspecified,
            "SCRIPT_ERROR" => TaskErrorCode::ScriptError,
            "DEADLINE_EXCEEDED" => TaskErrorCode::DeadlineExceeded,
            "OUTPUT_SIZE_LIMIT_EXCEEDED" => TaskErrorCode::OutputSizeLimitExceeded,
            "INTERNAL_ERROR" => TaskErrorCode::InternalError,
            other => TaskErrorCode::Other(other.to_owned()),
        }
    }

    /// The wire spelling.
    pub fn as_str(&self) -> &str {
        match self {
            TaskErrorCode::Unspecified => "ERROR_CODE_UNSPECIFIED",
            TaskErrorCode::ScriptError => "SCRIPT_ERROR",
            TaskErrorCode::DeadlineExceeded => "DEADLINE_EXCEEDED",
            TaskErrorCode::OutputSizeLimitExceeded => "OUTPUT_SIZE_LIMIT_EXCEEDED",
            TaskErrorCode::InternalError => "INTERNAL_ERROR",
            TaskErrorCode::Other(other) => other,
        }
    }
}

impl fmt::Display for TaskErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of a failed task: its code and the message (for a script error, the Luau
/// error message).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TaskError {
    /// Why it failed.
    pub code: TaskErrorCode,
    /// The service's message.
    pub message: String,
}

/// A Luau execution task, as the service last described it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct LuauTask {
    /// Where the task lives.
    pub path: TaskPath,
    /// When it was created (absent from the answer of the create call).
    pub create_time: Option<OffsetDateTime>,
    /// When its state last changed.
    pub update_time: Option<OffsetDateTime>,
    /// The user whose API key created it, as the service wrote it (a bare id such as
    /// `"45348281"`, or `users/45348281`); see [`LuauTask::user_id`].
    pub user: Option<String>,
    /// Its state.
    pub state: TaskState,
    /// The script: present in a FULL view and in the answer of the create call, `None`
    /// in a BASIC view (which writes it as `""`).
    pub script: Option<String>,
    /// How long the script may run.
    pub timeout: Option<Duration>,
    /// Why it failed, when it did.
    pub error: Option<TaskError>,
    /// The script's return values, JSON-serialised (values JSON cannot hold, such as
    /// instances, are `null`); `None` until the task is complete.
    pub results: Option<Vec<Value>>,
    /// The path of the binary input given to the script, if any.
    pub binary_input: Option<String>,
    /// Whether the script may return a binary output.
    pub enable_binary_output: bool,
    /// Where to download the binary output (valid for 15 minutes after completion).
    pub binary_output_uri: Option<String>,
}

impl LuauTask {
    /// The script's return values (empty until the task is complete).
    pub fn results(&self) -> &[Value] {
        self.results.as_deref().unwrap_or_default()
    }

    /// The id of the user whose API key created the task, when the service named one.
    pub fn user_id(&self) -> Option<u64> {
        self.user
            .as_deref()
            .and_then(|user| oc_core::v2::ids::last_segment(user).parse().ok())
    }

    /// Reads a task from an answer.
    pub(crate) fn from_answer(answer: &http::Response<Bytes>) -> Result<LuauTask, Error> {
        let wire: WireTask = response::json(answer)?;
        wire.into_task()
    }
}

/// The wire form of a task. Every field may be absent (proto3 leaves defaults out).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireTask {
    #[serde(default)]
    path: String,
    #[serde(default, with = "oc_core::v2::timestamp::option")]
    create_time: Option<OffsetDateTime>,
    #[serde(default, with = "oc_core::v2::timestamp::option")]
    update_time: Option<OffsetDateTime>,
    #[serde(default)]
    user: Option<String>,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    script: Option<String>,
    #[serde(default)]
    timeout: Option<String>,
    #[serde(default)]
    error: Option<WireError>,
    #[serde(default)]
    output: Option<WireOutput>,
    #[serde(default)]
    binary_input: Option<String>,
    #[serde(default)]
    enable_binary_output: Option<bool>,
    #[serde(default)]
    binary_output_uri: Option<String>,
}

#[derive(Deserialize)]
struct WireError {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    message: Option<String>,
}

#[derive(Deserialize)]
struct WireOutput {
    #[serde(default)]
    results: Vec<Value>,
}

impl WireTask {
    fn into_task(self) -> Result<LuauTask, Error> {
        let path = self.path.parse::<TaskPath>().map_err(|e| {
            Error::decode(
                format!("the task's path is not a task path: {:?}", self.path),
                Some(Box::new(e) as _),
            )
        })?;
        let timeout = match self.timeout.as_deref().filter(|t| !t.is_empty()) {
            Some(text) => Some(oc_core::v2::duration::parse(text).ok_or_else(|| {
                Error::decode(
                    format!("the task's timeout is not a duration: {text:?}"),
                    None,
                )
            })?),
            None => None,
        };
        let non_empty = |text: Option<String>| text.filter(|t| !t.is_empty());
        Ok(LuauTask {
            path,
            create_time: self.create_time,
            update_time: self.update_time,
            user: non_empty(self.user),
            state: TaskState::parse(self.state.as_deref().unwrap_or_default()),
            script: non_empty(self.script),
            timeout,
            error: self.error.map(|e| TaskError {
                code: TaskErrorCode::parse(e.code.as_deref().unwrap_or_default()),
                message: e.message.unwrap_or_default(),
            }),
            results: self.output.map(|o| o.results),
            binary_input: non_empty(self.binary_input),
            enable_binary_output: self.enable_binary_output.unwrap_or(false),
            binary_output_uri: non_empty(self.binary_output_uri),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(body: &str) -> Result<LuauTask, Error> {
        LuauTask::from_answer(&http::Response::new(Bytes::copy_from_slice(
            body.as_bytes(),
        )))
    }

    #[test]
    fn captured_answers_read() -> Result<(), Error> {
        // The answer of a create call: no times, the script echoed, already processing.
        let created = read(
            r#"{"path":"universes/5795192361/places/16866553538/versions/26/luau-execution-sessions/67823af7-1f99-4fc5-b3bb-da7ab3456b5d/tasks/67823af7-1f99-4fc5-b3bb-da7ab3456b5d",
                "user":"45348281","state":"PROCESSING","script":"local x, y = 3, 4; return x + y"}"#,
        )?;
        assert_eq!(created.state, TaskState::Processing);
        assert!(created.state.is_running());
        assert_eq!(created.path.version_id, Some(26));
        assert_eq!(created.user_id(), Some(45_348_281));
        assert_eq!(created.create_time, None);
        assert!(created.results().is_empty());

        let done = read(
            r#"{"path":"universes/1/places/2/versions/3/luau-execution-sessions/s/tasks/t",
                "createTime":"2024-10-01T02:31:46.304Z","updateTime":"2024-10-01T02:31:49.959Z",
                "user":"users/9","state":"COMPLETE","script":"","timeout":"60s","output":{"results":[7,null,{"a":[1]}]}}"#,
        )?;
        assert_eq!(done.state, TaskState::Complete);
        assert_eq!(done.script, None, "a BASIC view writes the script as \"\"");
        assert_eq!(done.user_id(), Some(9));
        assert_eq!(done.timeout, Some(Duration::from_secs(60)));
        assert_eq!(
            done.results(),
            &[
                serde_json::json!(7),
                Value::Null,
                serde_json::json!({"a": [1]})
            ]
        );
        assert_eq!(
            done.update_time.map(|t| t.unix_timestamp()),
            Some(1_727_749_909)
        );

        let failed = read(
            r#"{"path":"universes/1/places/2/versions/3/luau-execution-sessions/s/tasks/t","state":"FAILED",
                "error":{"code":"SCRIPT_ERROR","message":"boom"}}"#,
        )?;
        assert_eq!(
            failed.error,
            Some(TaskError {
                code: TaskErrorCode::ScriptError,
                message: "boom".into()
            })
        );
        let odd = read(
            r#"{"path":"universes/1/places/2/versions/3/luau-execution-sessions/s/tasks/t","state":"PAUSED",
                "error":{"code":"NEW_CODE"}}"#,
        )?;
        assert_eq!(odd.state, TaskState::Other("PAUSED".into()));
        assert_eq!(odd.state.as_str(), "PAUSED");
        assert_eq!(
            odd.error.map(|e| e.code),
            Some(TaskErrorCode::Other("NEW_CODE".into()))
        );
        assert!(read(r#"{"path":"nope","state":"QUEUED"}"#).is_err());
        assert!(read(
            r#"{"path":"universes/1/places/2/versions/3/luau-execution-sessions/s/tasks/t","timeout":"soon"}"#
        )
        .is_err());
        Ok(())
    }
}
