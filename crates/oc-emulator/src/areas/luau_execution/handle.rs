//! The [`EmulatorHandle`]'s view of Luau execution: the rules that decide what tasks
//! return, and the tasks and binary inputs kept.

use serde_json::Value;

use super::config::LuauScriptRule;
use super::state::LuauState;
use crate::gateway::EmulatorHandle;

/// A task the emulator keeps, as the handle reports it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct LuauTaskRecord {
    /// Its resource path.
    pub path: String,
    /// The universe.
    pub universe_id: u64,
    /// The place.
    pub place_id: u64,
    /// The place version it runs against.
    pub version_id: u64,
    /// The task id (also its session id).
    pub task_id: String,
    /// The script.
    pub script: String,
    /// Its state (`QUEUED`, `PROCESSING`, `COMPLETE`, `FAILED` or `CANCELLED`).
    pub state: String,
    /// How many gets it has seen.
    pub polls: u32,
    /// Its return values, once complete.
    pub results: Vec<Value>,
    /// Its binary input's path, if any.
    pub binary_input: Option<String>,
}

/// A binary input the emulator keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LuauBinaryInputRecord {
    /// Its resource path.
    pub path: String,
    /// The size it was created for.
    pub size: u64,
    /// The uploaded bytes, once uploaded.
    pub bytes: Option<Vec<u8>>,
}

impl EmulatorHandle {
    /// Adds a rule deciding what tasks whose script matches return, after the rules of
    /// the configuration and those added before (the first matching rule wins).
    pub fn add_luau_rule(&self, rule: LuauScriptRule) {
        self.state().area::<LuauState>().add_rule(rule);
    }

    /// Removes every Luau rule (those of the configuration too): tasks then complete with
    /// no results.
    pub fn clear_luau_rules(&self) {
        self.state().area::<LuauState>().clear_rules();
    }

    /// The Luau tasks kept, oldest first, in the state of their last read.
    pub fn luau_tasks(&self) -> Vec<LuauTaskRecord> {
        self.state()
            .area::<LuauState>()
            .tasks()
            .into_iter()
            .map(|t| LuauTaskRecord {
                path: t.path(),
                universe_id: t.universe,
                place_id: t.place,
                version_id: t.version,
                task_id: t.id.clone(),
                script: t.script.clone(),
                state: t.phase.name().to_owned(),
                polls: t.polls,
                results: t.results.clone(),
                binary_input: t.binary_input.clone(),
            })
            .collect()
    }

    /// The Luau binary inputs kept (not expired), oldest first.
    pub fn luau_binary_inputs(&self) -> Vec<LuauBinaryInputRecord> {
        self.state()
            .area::<LuauState>()
            .inputs()
            .into_iter()
            .map(|i| LuauBinaryInputRecord {
                path: i.path(),
                size: i.size,
                bytes: i.bytes,
            })
            .collect()
    }
}
