//! The instance resource of the Engine Instance API
//! (<https://create.roblox.com/docs/cloud/reference/Instance>, guide at
//! <https://create.roblox.com/docs/cloud/guides/instance>) and its calls: get, update and
//! list children. Each answers a long-running [`Operation`](oc_core::v2::Operation),
//! polled at `/cloud/v2/` + its path.
//!
//! While the API is in beta only `Script`, `LocalScript` and `ModuleScript` instances can
//! be read or written, the place must have Team Create on, and only API keys are
//! accepted.

mod children;
mod get;
mod update;

pub use children::{ListChildren, DEFAULT_PAGE_TIMEOUT, MAX_CHILDREN_PAGE};
pub use get::GetInstance;
pub use update::{UpdateInstance, MAX_SOURCE_BYTES};

use oc_core::v2::operation::v2_poll_path;
use oc_core::v2::{ids, OperationOutput};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::absent::{non_empty, or_default};

/// Where a script runs (`RunContext`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum RunContext {
    /// In the container its class implies (a `Script` on the server, a `LocalScript` on
    /// the client).
    Legacy,
    /// On the server.
    Server,
    /// On the client.
    Client,
    /// As a descendant of a plugin.
    Plugin,
    /// A value this crate does not know yet (never sent).
    #[serde(other)]
    Unknown,
}

impl RunContext {
    /// The name the API uses (`Legacy`); empty for [`RunContext::Unknown`].
    pub fn as_str(self) -> &'static str {
        match self {
            RunContext::Legacy => "Legacy",
            RunContext::Server => "Server",
            RunContext::Client => "Client",
            RunContext::Plugin => "Plugin",
            RunContext::Unknown => "",
        }
    }
}

/// The details of a `Script` or `LocalScript`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[non_exhaustive]
pub struct ScriptDetails {
    /// Whether the script runs.
    #[serde(default, rename = "Enabled", alias = "enabled")]
    pub enabled: Option<bool>,
    /// Where the script runs.
    #[serde(default, rename = "RunContext", alias = "runContext")]
    pub run_context: Option<RunContext>,
    /// The code.
    #[serde(default, rename = "Source", alias = "source")]
    pub source: Option<String>,
}

/// The details of a `ModuleScript`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[non_exhaustive]
pub struct ModuleScriptDetails {
    /// The code.
    #[serde(default, rename = "Source", alias = "source")]
    pub source: Option<String>,
}

/// What an instance's `Details` say, keyed by its class.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum InstanceDetails {
    /// A class whose details the API does not expose (`"Details":{}`).
    None,
    /// A `Folder`.
    Folder,
    /// A `Script`.
    Script(ScriptDetails),
    /// A `LocalScript`.
    LocalScript(ScriptDetails),
    /// A `ModuleScript`.
    ModuleScript(ModuleScriptDetails),
    /// A class this crate does not know yet, with its details as sent.
    Unknown {
        /// The class name (the key under `Details`).
        class: String,
        /// Its details.
        details: Value,
    },
}

impl InstanceDetails {
    /// The class name, when the details name one (`Script`).
    pub fn class_name(&self) -> Option<&str> {
        match self {
            InstanceDetails::None => None,
            InstanceDetails::Folder => Some("Folder"),
            InstanceDetails::Script(_) => Some("Script"),
            InstanceDetails::LocalScript(_) => Some("LocalScript"),
            InstanceDetails::ModuleScript(_) => Some("ModuleScript"),
            InstanceDetails::Unknown { class, .. } => Some(class),
        }
    }

    /// The source code, for a script of any kind that carries it.
    pub fn source(&self) -> Option<&str> {
        match self {
            InstanceDetails::Script(s) | InstanceDetails::LocalScript(s) => s.source.as_deref(),
            InstanceDetails::ModuleScript(m) => m.source.as_deref(),
            _ => None,
        }
    }

    fn from_map(map: Map<String, Value>) -> Result<Self, String> {
        let Some((class, details)) = map.into_iter().next() else {
            return Ok(InstanceDetails::None);
        };
        let details = if details.is_null() {
            Value::Object(Map::new())
        } else {
            details
        };
        let parsed = |e: serde_json::Error| format!("the {class} details are not valid: {e}");
        Ok(match class.as_str() {
            "Folder" => InstanceDetails::Folder,
            "Script" => InstanceDetails::Script(serde_json::from_value(details).map_err(parsed)?),
            "LocalScript" => {
                InstanceDetails::LocalScript(serde_json::from_value(details).map_err(parsed)?)
            }
            "ModuleScript" => {
                InstanceDetails::ModuleScript(serde_json::from_value(details).map_err(parsed)?)
            }
            _ => InstanceDetails::Unknown { class, details },
        })
    }
}

/// An instance of a place's data model, as the service answers it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "WireInstance")]
#[non_exhaustive]
pub struct Instance {
    /// The resource path (`universes/1/places/2/instances/44b188da-…`).
    pub path: String,
    /// The instance id (lower-case hexadecimal; the `root` alias is resolved to it).
    pub id: String,
    /// The parent's id; `None` for the `DataModel` itself.
    pub parent_id: Option<String>,
    /// The name (not unique).
    pub name: String,
    /// Whether the instance has children.
    pub has_children: bool,
    /// The class's details.
    pub details: InstanceDetails,
}

impl Instance {
    /// The class name, when the details name one (`Script`).
    pub fn class_name(&self) -> Option<&str> {
        self.details.class_name()
    }

    /// The source code, for a script.
    pub fn source(&self) -> Option<&str> {
        self.details.source()
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireInstance {
    #[serde(default, deserialize_with = "or_default")]
    path: String,
    #[serde(default, deserialize_with = "or_default")]
    has_children: bool,
    #[serde(default, deserialize_with = "or_default")]
    engine_instance: WireEngineInstance,
}

#[derive(Default, Deserialize)]
struct WireEngineInstance {
    #[serde(default, rename = "Id", alias = "id")]
    id: Option<String>,
    #[serde(default, rename = "Parent", alias = "parent")]
    parent: Option<String>,
    #[serde(
        default,
        rename = "Name",
        alias = "name",
        deserialize_with = "or_default"
    )]
    name: String,
    #[serde(
        default,
        rename = "Details",
        alias = "details",
        deserialize_with = "or_default"
    )]
    details: Map<String, Value>,
}

impl TryFrom<WireInstance> for Instance {
    type Error = String;

    fn try_from(wire: WireInstance) -> Result<Self, String> {
        let engine = wire.engine_instance;
        let id = non_empty(engine.id).unwrap_or_else(|| ids::last_segment(&wire.path).to_owned());
        if id.is_empty() {
            return Err("the instance has neither an id nor a path".to_owned());
        }
        Ok(Instance {
            id,
            parent_id: non_empty(engine.parent),
            name: engine.name,
            has_children: wire.has_children,
            details: InstanceDetails::from_map(engine.details)?,
            path: wire.path,
        })
    }
}

impl OperationOutput for Instance {
    const AREA: &'static str = crate::AREA;

    fn poll_path(operation_path: &str) -> oc_core::Result<String> {
        v2_poll_path(operation_path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_examples_parse() -> Result<(), serde_json::Error> {
        let workspace: Instance = serde_json::from_str(
            r#"{"path":"universes/1/places/2/instances/44b188da-ce63-2b47-02e9-c68d004815fc","hasChildren":true,
            "engineInstance":{"Id":"44b188da-ce63-2b47-02e9-c68d004815fc","Parent":"649b6a4b-51bf-b866-0691-76d800000001",
            "Name":"Workspace","Details":{}}}"#,
        )?;
        assert_eq!(workspace.id, "44b188da-ce63-2b47-02e9-c68d004815fc");
        assert_eq!(
            workspace.parent_id.as_deref(),
            Some("649b6a4b-51bf-b866-0691-76d800000001")
        );
        assert_eq!(workspace.name, "Workspace");
        assert!(workspace.has_children);
        assert_eq!(workspace.details, InstanceDetails::None);
        assert_eq!(workspace.class_name(), None);

        let game: Instance = serde_json::from_str(
            r#"{"@type":"type.googleapis.com/roblox.open_cloud.cloud.v2.Instance",
            "path":"universes/5795192361/places/16866553538/instances/78c032f0-6e1a-1015-0691-6a1600000001",
            "hasChildren":true,"engineInstance":{"Id":"78c032f0-6e1a-1015-0691-6a1600000001","Parent":"",
            "Name":"Game","Details":{}}}"#,
        )?;
        assert_eq!(game.parent_id, None);
        assert_eq!(game.name, "Game");

        let script: Instance = serde_json::from_str(
            r#"{"path":"universes/1/places/2/instances/aa","engineInstance":{"Id":"aa","Name":"Main",
            "Details":{"Script":{"Enabled":true,"RunContext":"Legacy","Source":"print('hi')"}}}}"#,
        )?;
        assert_eq!(script.class_name(), Some("Script"));
        assert_eq!(script.source(), Some("print('hi')"));
        assert!(!script.has_children);
        assert_eq!(
            script.details,
            InstanceDetails::Script(ScriptDetails {
                enabled: Some(true),
                run_context: Some(RunContext::Legacy),
                source: Some("print('hi')".into()),
            })
        );
        Ok(())
    }

    #[test]
    fn every_class_parses_and_new_ones_are_kept() -> Result<(), serde_json::Error> {
        let parse = |details: &str| -> Result<Instance, serde_json::Error> {
            serde_json::from_str(&format!(
                r#"{{"path":"universes/1/places/2/instances/bb","engineInstance":{{"Details":{details}}}}}"#
            ))
        };
        assert_eq!(parse(r#"{"Folder":{}}"#)?.details, InstanceDetails::Folder);
        let local = parse(r#"{"LocalScript":{"RunContext":"Somewhere","Source":"x"}}"#)?;
        assert_eq!(local.class_name(), Some("LocalScript"));
        assert_eq!(local.id, "bb", "the id falls back to the path");
        match &local.details {
            InstanceDetails::LocalScript(s) => {
                assert_eq!(s.run_context, Some(RunContext::Unknown));
                assert_eq!(s.enabled, None);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            parse(r#"{"ModuleScript":{"Source":"return 1"}}"#)?.source(),
            Some("return 1")
        );
        let part = parse(r#"{"Part":{"Anchored":true}}"#)?;
        assert_eq!(part.class_name(), Some("Part"));
        assert_eq!(part.source(), None);
        assert!(parse(r#"{"Script":{"Enabled":"yes"}}"#).is_err());
        assert!(serde_json::from_str::<Instance>(r#"{"hasChildren":true}"#).is_err());
        Ok(())
    }
}
