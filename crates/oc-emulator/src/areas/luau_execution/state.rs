//! What the Luau execution routes keep: tasks (moved along by gets and the emulator's
//! clock), the rules that decide their outcomes, and binary inputs. Every collection is
//! bounded.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use serde_json::Value;
use time::OffsetDateTime;

use super::config::{LuauExecutionConfig, LuauScriptRule};
use crate::sync::lock;

/// Where a task is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    Queued,
    Processing,
    Complete,
    Failed,
    Cancelled,
}

impl Phase {
    /// The wire spelling.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Queued => "QUEUED",
            Phase::Processing => "PROCESSING",
            Phase::Complete => "COMPLETE",
            Phase::Failed => "FAILED",
            Phase::Cancelled => "CANCELLED",
        }
    }

    /// Whether the task ended.
    pub fn is_done(self) -> bool {
        matches!(self, Phase::Complete | Phase::Failed | Phase::Cancelled)
    }
}

/// One log line of a task.
#[derive(Debug, Clone)]
pub(crate) struct LogLine {
    pub message: String,
    pub message_type: String,
    pub time: OffsetDateTime,
}

/// One task.
#[derive(Debug, Clone)]
pub(crate) struct Task {
    pub universe: u64,
    pub place: u64,
    pub version: u64,
    /// The task id, which is also its session id.
    pub id: String,
    pub script: String,
    pub timeout: Duration,
    pub user: u64,
    pub created: OffsetDateTime,
    pub updated: OffsetDateTime,
    pub phase: Phase,
    pub polls: u32,
    /// The rule that decides its outcome (the default rule when none matched).
    pub rule: LuauScriptRule,
    pub polls_needed: u32,
    pub logs: Vec<LogLine>,
    pub results: Vec<Value>,
    pub error: Option<(String, String)>,
    pub binary_input: Option<String>,
    pub enable_binary_output: bool,
    pub finished: Option<OffsetDateTime>,
}

impl Task {
    /// The task's resource path.
    pub fn path(&self) -> String {
        format!(
            "universes/{}/places/{}/versions/{}/luau-execution-sessions/{}/tasks/{}",
            self.universe, self.place, self.version, self.id, self.id
        )
    }

    /// Moves the task along: a get (`polled`) counts towards its end once its runtime is
    /// over on the clock; once its timeout is over it ends whatever the gets (failed with
    /// `DEADLINE_EXCEEDED` when its runtime is longer than its timeout).
    fn advance(&mut self, now: OffsetDateTime, polled: bool, max_log_bytes: usize) {
        if self.phase.is_done() {
            return;
        }
        if polled {
            self.polls = self.polls.saturating_add(1);
        }
        let runtime = Duration::from_secs(self.rule.runtime_secs);
        let deadline = self.created + self.timeout;
        if runtime > self.timeout && now >= deadline {
            let message = format!(
                "The task did not complete within its timeout of {} s.",
                self.timeout.as_secs_f64()
            );
            self.finish(deadline, max_log_bytes);
            self.phase = Phase::Failed;
            self.results.clear();
            self.error = Some(("DEADLINE_EXCEEDED".into(), message));
        } else if (self.polls >= self.polls_needed && now >= self.created + runtime)
            || now >= deadline
        {
            // Gets end a task once its runtime is over; a task no one read ends by its
            // timeout all the same (the service runs it whether or not it is polled).
            self.finish(now.min(deadline.max(self.created + runtime)), max_log_bytes);
            if self.rule.cancel {
                self.phase = Phase::Cancelled;
            } else if let Some(message) = &self.rule.error {
                self.phase = Phase::Failed;
                let code = self
                    .rule
                    .error_code
                    .clone()
                    .unwrap_or_else(|| "SCRIPT_ERROR".into());
                self.error = Some((code, message.clone()));
            } else {
                self.phase = Phase::Complete;
                self.results = self.rule.results.clone();
            }
        } else if self.polls > 0 && self.phase == Phase::Queued {
            self.phase = Phase::Processing;
            self.updated = now;
        }
    }

    /// Ends the task at `at` with the rule's logs (the most recent `max_log_bytes`).
    fn finish(&mut self, at: OffsetDateTime, max_log_bytes: usize) {
        self.updated = at;
        self.finished = Some(at);
        let mut logs: VecDeque<LogLine> = self
            .rule
            .logs
            .iter()
            .map(|line| {
                let (message, message_type) = line.parts();
                LogLine {
                    message: message.to_owned(),
                    message_type: message_type.to_owned(),
                    time: at,
                }
            })
            .collect();
        let mut bytes: usize = logs.iter().map(|l| l.message.len()).sum();
        while bytes > max_log_bytes {
            match logs.pop_front() {
                Some(dropped) => bytes -= dropped.message.len(),
                None => break,
            }
        }
        self.logs = logs.into();
    }
}

/// A binary input.
#[derive(Debug, Clone)]
pub(crate) struct BinaryInput {
    pub universe: u64,
    pub id: String,
    pub size: u64,
    /// The secret of its upload URL.
    pub token: String,
    pub created: OffsetDateTime,
    pub bytes: Option<Vec<u8>>,
}

impl BinaryInput {
    /// Its resource path.
    pub fn path(&self) -> String {
        format!(
            "universes/{}/luau-execution-session-task-binary-inputs/{}",
            self.universe, self.id
        )
    }
}

#[derive(Debug, Default)]
struct Data {
    rules: Vec<LuauScriptRule>,
    /// Oldest first.
    tasks: VecDeque<Task>,
    /// Oldest first.
    inputs: VecDeque<BinaryInput>,
}

/// The area's state.
#[derive(Debug, Default)]
pub(crate) struct LuauState {
    pub config: LuauExecutionConfig,
    data: Mutex<Data>,
}

/// Why a task cannot be created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CreateRefused {
    /// The place has its maximum of incomplete tasks.
    TooManyIncomplete,
    /// The binary input is unknown, expired, of another universe or not uploaded.
    BadBinaryInput(String),
}

/// What a new task is made of.
#[derive(Debug, Clone)]
pub(crate) struct NewTask {
    pub universe: u64,
    pub place: u64,
    pub version: u64,
    pub script: String,
    pub timeout: Duration,
    pub user: u64,
    pub binary_input: Option<String>,
    pub enable_binary_output: bool,
}

impl LuauState {
    /// The state of a configuration (its rules included).
    pub fn new(config: &LuauExecutionConfig) -> Self {
        let data = Data {
            rules: config.rules.clone(),
            ..Data::default()
        };
        LuauState {
            config: LuauExecutionConfig {
                rules: Vec::new(),
                ..config.clone()
            },
            data: Mutex::new(data),
        }
    }

    /// Adds a rule after the others.
    pub fn add_rule(&self, rule: LuauScriptRule) {
        lock(&self.data).rules.push(rule);
    }

    /// Removes every rule.
    pub fn clear_rules(&self) {
        lock(&self.data).rules.clear();
    }

    /// Drops finished tasks past their retention and expired binary inputs.
    fn purge(&self, data: &mut Data, now: OffsetDateTime) {
        let retention = Duration::from_secs(self.config.retention_secs);
        data.tasks
            .retain(|t| t.finished.is_none_or(|finished| finished + retention > now));
        let lifetime = Duration::from_secs(self.config.binary_input_lifetime_secs);
        data.inputs.retain(|i| i.created + lifetime > now);
    }

    /// Creates a task, or says why not.
    pub fn create(
        &self,
        new: NewTask,
        id: String,
        now: OffsetDateTime,
    ) -> Result<Task, CreateRefused> {
        let mut data = lock(&self.data);
        self.purge(&mut data, now);
        let max_log_bytes = self.config.max_log_bytes;
        let mut incomplete = 0;
        for task in data.tasks.iter_mut().filter(|t| t.place == new.place) {
            task.advance(now, false, max_log_bytes);
            if !task.phase.is_done() {
                incomplete += 1;
            }
        }
        if incomplete >= self.config.max_incomplete_tasks_per_place {
            return Err(CreateRefused::TooManyIncomplete);
        }
        if let Some(path) = &new.binary_input {
            let usable = data
                .inputs
                .iter()
                .any(|i| i.path() == *path && i.universe == new.universe && i.bytes.is_some());
            if !usable {
                return Err(CreateRefused::BadBinaryInput(format!(
                    "The binary input {path} does not exist, has expired or was not uploaded."
                )));
            }
        }
        let rule = data
            .rules
            .iter()
            .find(|r| r.matches(&new.script))
            .cloned()
            .unwrap_or_default();
        let polls_needed = rule
            .polls_until_done
            .unwrap_or(self.config.polls_until_done);
        let mut task = Task {
            universe: new.universe,
            place: new.place,
            version: new.version,
            id,
            script: new.script,
            timeout: new.timeout,
            user: new.user,
            created: now,
            updated: now,
            phase: Phase::Queued,
            polls: 0,
            rule,
            polls_needed,
            logs: Vec::new(),
            results: Vec::new(),
            error: None,
            binary_input: new.binary_input,
            enable_binary_output: new.enable_binary_output,
            finished: None,
        };
        task.advance(now, false, max_log_bytes);
        data.tasks.push_back(task.clone());
        while data.tasks.len() > self.config.max_tasks.max(1) {
            let oldest_done = data.tasks.iter().position(|t| t.phase.is_done());
            data.tasks.remove(oldest_done.unwrap_or(0));
        }
        Ok(task)
    }

    /// The task `id` of `place`, moved along by this get when `polled`.
    pub fn task(&self, place: u64, id: &str, polled: bool, now: OffsetDateTime) -> Option<Task> {
        let mut data = lock(&self.data);
        self.purge(&mut data, now);
        let max_log_bytes = self.config.max_log_bytes;
        let task = data
            .tasks
            .iter_mut()
            .find(|t| t.place == place && t.id == id)?;
        task.advance(now, polled, max_log_bytes);
        Some(task.clone())
    }

    /// Every task kept, oldest first.
    pub fn tasks(&self) -> Vec<Task> {
        lock(&self.data).tasks.iter().cloned().collect()
    }

    /// Creates a binary input of `size` bytes.
    pub fn create_input(&self, input: BinaryInput, now: OffsetDateTime) {
        let mut data = lock(&self.data);
        self.purge(&mut data, now);
        data.inputs.push_back(input);
        while data.inputs.len() > self.config.max_binary_inputs.max(1) {
            data.inputs.pop_front();
        }
    }

    /// Stores the bytes of input `id` if `token` is its upload secret: `Err` with why not.
    pub fn upload(
        &self,
        id: &str,
        token: &str,
        bytes: &[u8],
        now: OffsetDateTime,
    ) -> Result<(), String> {
        let mut data = lock(&self.data);
        self.purge(&mut data, now);
        let input = data
            .inputs
            .iter_mut()
            .find(|i| i.id == id && i.token == token)
            .ok_or("The upload URL is unknown or has expired.")?;
        if bytes.len() as u64 != input.size {
            return Err(format!(
                "The upload is {} bytes; the binary input was created for {}.",
                bytes.len(),
                input.size
            ));
        }
        input.bytes = Some(bytes.to_vec());
        let cap = self.config.max_binary_input_total_bytes;
        loop {
            let total: u64 = data
                .inputs
                .iter()
                .filter_map(|i| i.bytes.as_ref())
                .map(|b| b.len() as u64)
                .sum();
            if total <= cap || data.inputs.len() <= 1 {
                break;
            }
            data.inputs.pop_front();
        }
        Ok(())
    }

    /// Every binary input kept, oldest first.
    pub fn inputs(&self) -> Vec<BinaryInput> {
        lock(&self.data).inputs.iter().cloned().collect()
    }
}
