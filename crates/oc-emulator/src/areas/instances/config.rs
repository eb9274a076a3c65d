//! The engine instances API's part of the configuration: its limits and the instances
//! each place holds at start.

use serde::Deserialize;
use serde_json::Value;

/// The engine instances API's behaviour. In TOML, the `[instances]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct InstancesConfig {
    /// Polls until an operation is done (0: the answer that starts it is done, as the
    /// captured answers are).
    pub polls_until_done: u32,
    /// Operations kept for polling (10,000); beyond it the oldest is dropped.
    pub max_operations: usize,
    /// How long an operation is kept, in seconds of the emulator's clock (86,400).
    pub operation_retention_secs: u64,
    /// The largest result an operation carries, in bytes of JSON (500,000); a larger one
    /// completes the operation with error code 422.
    pub max_result_bytes: usize,
    /// The longest script `Source`, in bytes of UTF-8 (200,000); a longer one is 400.
    pub max_script_source_bytes: usize,
}

impl Default for InstancesConfig {
    fn default() -> Self {
        InstancesConfig {
            polls_until_done: 0,
            max_operations: 10_000,
            operation_retention_secs: 24 * 60 * 60,
            max_result_bytes: 500_000,
            max_script_source_bytes: 200_000,
        }
    }
}

/// An engine instance of a place. Every place has a root `DataModel` (named `Game`); an
/// instance without a parent is one of its children. In TOML, an entry of
/// `[[place_instances]]`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct InstanceConfig {
    /// The universe of the place.
    pub universe: u64,
    /// The place.
    pub place: u64,
    /// Its id (hex, dashed like a UUID); a random one when absent.
    #[serde(default)]
    pub id: Option<String>,
    /// Its parent's id; the `DataModel` when absent.
    #[serde(default)]
    pub parent: Option<String>,
    /// Its name.
    pub name: String,
    /// Its class (`Script`, `LocalScript`, `ModuleScript`, `Folder`, `Workspace`, ...).
    pub class: String,
    /// Its class's details, e.g. `{ Source = "print(1)", Enabled = true, RunContext =
    /// "Legacy" }` for a `Script`; unset fields take their defaults.
    #[serde(default)]
    pub details: Value,
    /// Whether it is open in Studio (or in a package): updating it then fails.
    #[serde(default)]
    pub locked: bool,
}

impl InstanceConfig {
    /// An instance of `class` named `name`, child of the place's `DataModel`.
    pub fn new(
        universe: u64,
        place: u64,
        name: impl Into<String>,
        class: impl Into<String>,
    ) -> Self {
        InstanceConfig {
            universe,
            place,
            id: None,
            parent: None,
            name: name.into(),
            class: class.into(),
            details: Value::Null,
            locked: false,
        }
    }

    /// The same instance with these details.
    #[must_use]
    pub fn with_details(mut self, details: Value) -> Self {
        self.details = details;
        self
    }

    /// The same instance with this id.
    #[must_use]
    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// The same instance under this parent.
    #[must_use]
    pub fn with_parent(mut self, parent: impl Into<String>) -> Self {
        self.parent = Some(parent.into());
        self
    }
}
