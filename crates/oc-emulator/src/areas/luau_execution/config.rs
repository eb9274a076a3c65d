//! Luau execution's part of the configuration: its limits, and the rules that say what a
//! task returns (the emulator runs no Luau).

use serde::Deserialize;
use serde_json::Value;

/// Luau execution's part of the configuration. In TOML, the `[luau_execution]` table.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LuauExecutionConfig {
    /// How many gets of a task it takes to end it (2): the first answers `PROCESSING`,
    /// the second the outcome. 0: the create call answers the outcome.
    pub polls_until_done: u32,
    /// Incomplete tasks allowed per place (10); one more is refused with 429.
    pub max_incomplete_tasks_per_place: usize,
    /// The timeout of a task that names none, and the longest allowed, in seconds (300).
    pub max_timeout_secs: u64,
    /// The largest script, in bytes (4 MiB).
    pub max_script_bytes: usize,
    /// The logs kept per task, in bytes of messages (450 KB); older lines are dropped.
    pub max_log_bytes: usize,
    /// How long a finished task is kept, in seconds of the emulator's clock (86400).
    pub retention_secs: u64,
    /// The most tasks kept (10,000); beyond it the oldest finished ones are dropped.
    pub max_tasks: usize,
    /// The largest binary input, in bytes (100 MiB).
    pub max_binary_input_bytes: u64,
    /// How long a binary input is usable, in seconds of the emulator's clock (900).
    pub binary_input_lifetime_secs: u64,
    /// The most binary inputs kept (100); beyond it the oldest are dropped.
    pub max_binary_inputs: usize,
    /// The uploaded bytes kept across binary inputs (256 MiB); beyond it the oldest
    /// inputs are dropped.
    pub max_binary_input_total_bytes: u64,
    /// What tasks return, by script: the first rule that matches a task's script decides
    /// its outcome. A script no rule matches completes with no results and no logs.
    pub rules: Vec<LuauScriptRule>,
}

impl Default for LuauExecutionConfig {
    fn default() -> Self {
        LuauExecutionConfig {
            polls_until_done: 2,
            max_incomplete_tasks_per_place: 10,
            max_timeout_secs: 300,
            max_script_bytes: 4 * 1024 * 1024,
            max_log_bytes: 450 * 1024,
            retention_secs: 86_400,
            max_tasks: 10_000,
            max_binary_input_bytes: 100 * 1024 * 1024,
            binary_input_lifetime_secs: 900,
            max_binary_inputs: 100,
            max_binary_input_total_bytes: 256 * 1024 * 1024,
            rules: Vec::new(),
        }
    }
}

/// What a task whose script matches returns. In TOML, a `[[luau_execution.rules]]` table.
///
/// A rule matches a script equal to [`script`](LuauScriptRule::script), or containing
/// [`contains`](LuauScriptRule::contains); a rule with neither matches every script.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct LuauScriptRule {
    /// Matches this exact script.
    pub script: Option<String>,
    /// Matches a script containing this text.
    pub contains: Option<String>,
    /// The return values of a completed task (`output.results`).
    pub results: Vec<Value>,
    /// The log lines, oldest first.
    pub logs: Vec<LuauLogLine>,
    /// Fails the task with this message (code `error_code`).
    pub error: Option<String>,
    /// The code of a failure: `SCRIPT_ERROR` (the default), `DEADLINE_EXCEEDED`,
    /// `OUTPUT_SIZE_LIMIT_EXCEEDED` or `INTERNAL_ERROR`.
    pub error_code: Option<String>,
    /// Ends the task `CANCELLED`.
    pub cancel: bool,
    /// How many gets end the task (else the area's `polls_until_done`).
    pub polls_until_done: Option<u32>,
    /// How long the script runs on the emulator's clock, in seconds (0): the task ends no
    /// earlier, and one running past its timeout fails with `DEADLINE_EXCEEDED`.
    pub runtime_secs: u64,
}

impl LuauScriptRule {
    /// A rule for the exact script `script`.
    pub fn script(script: impl Into<String>) -> Self {
        LuauScriptRule {
            script: Some(script.into()),
            ..LuauScriptRule::default()
        }
    }

    /// A rule for every script containing `text`.
    pub fn contains(text: impl Into<String>) -> Self {
        LuauScriptRule {
            contains: Some(text.into()),
            ..LuauScriptRule::default()
        }
    }

    /// Completes with these return values.
    pub fn results(mut self, results: Vec<Value>) -> Self {
        self.results = results;
        self
    }

    /// Logs these lines (type `OUTPUT`).
    pub fn logs<S: Into<String>>(mut self, lines: impl IntoIterator<Item = S>) -> Self {
        self.logs = lines
            .into_iter()
            .map(|l| LuauLogLine::Text(l.into()))
            .collect();
        self
    }

    /// Logs this line with a type (`OUTPUT`, `INFO`, `WARNING`, `ERROR`).
    pub fn log_typed(mut self, message: impl Into<String>, message_type: &str) -> Self {
        self.logs.push(LuauLogLine::Typed {
            message: message.into(),
            message_type: message_type.to_owned(),
        });
        self
    }

    /// Fails with `SCRIPT_ERROR` and this message.
    pub fn error(mut self, message: impl Into<String>) -> Self {
        self.error = Some(message.into());
        self
    }

    /// Ends `CANCELLED`.
    pub fn cancelled(mut self) -> Self {
        self.cancel = true;
        self
    }

    /// Ends after this many gets.
    pub fn polls_until_done(mut self, polls: u32) -> Self {
        self.polls_until_done = Some(polls);
        self
    }

    /// Runs this long on the emulator's clock.
    pub fn runtime_secs(mut self, seconds: u64) -> Self {
        self.runtime_secs = seconds;
        self
    }

    /// Whether the rule decides the outcome of `script`.
    pub(crate) fn matches(&self, script: &str) -> bool {
        match (&self.script, &self.contains) {
            (Some(exact), _) if exact != script => false,
            (_, Some(part)) if !script.contains(part.as_str()) => false,
            _ => true,
        }
    }
}

/// A log line of a rule: a plain message (type `OUTPUT`), or a message with its type.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum LuauLogLine {
    /// A message of type `OUTPUT`.
    Text(String),
    /// A message with its type (`OUTPUT`, `INFO`, `WARNING`, `ERROR`).
    Typed {
        /// The message.
        message: String,
        /// Its type.
        message_type: String,
    },
}

impl LuauLogLine {
    /// The message and its type.
    pub(crate) fn parts(&self) -> (&str, &str) {
        match self {
            LuauLogLine::Text(message) => (message, "OUTPUT"),
            LuauLogLine::Typed {
                message,
                message_type,
            } => (message, message_type),
        }
    }
}
