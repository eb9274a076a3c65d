//! The instance tree of a place: a root `DataModel` and its descendants, each with its
//! id, name, class and class details
//! (<https://create.roblox.com/docs/cloud/reference/features/engine>).

use std::collections::HashMap;

use serde_json::{json, Map, Value};

use super::config::InstanceConfig;
use crate::gateway::field_mask::{field, same_name};
use crate::gateway::uuid::random_uuid;

/// The run contexts a script may have.
pub(crate) const RUN_CONTEXTS: &[&str] = &["Legacy", "Server", "Client", "Plugin"];

/// One instance.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    /// Its id as shown (dashed hex).
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its class.
    pub class: String,
    /// Its parent's key; `None` for the `DataModel`.
    pub parent: Option<String>,
    /// Its class details (`Source`, `Enabled`, `RunContext`), complete for its class.
    pub details: Map<String, Value>,
    /// Whether updates fail (open in Studio, or part of a package).
    pub locked: bool,
    /// Its children's keys, in the order they were added.
    pub children: Vec<String>,
}

/// A place's instances.
#[derive(Debug, Clone)]
pub(crate) struct Tree {
    /// The key of the `DataModel`.
    pub root: String,
    /// Every instance, by key.
    pub nodes: HashMap<String, Node>,
}

/// The key of an id: lower case without dashes, so `44b188da-ce63-…` and `44B188DACE63…`
/// are the same instance (the reference shows both forms).
pub(crate) fn key(id: &str) -> String {
    id.chars()
        .filter(|c| *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether the class is a script, the only classes the (beta) API reads and writes the
/// details of.
pub(crate) fn is_script(class: &str) -> bool {
    matches!(class, "Script" | "LocalScript" | "ModuleScript")
}

/// The complete details of `class` from `given` (any key case), unset fields at their
/// defaults; `None` when a value has the wrong type.
pub(crate) fn complete_details(
    class: &str,
    given: &Map<String, Value>,
) -> Option<Map<String, Value>> {
    let mut details = Map::new();
    if !is_script(class) {
        return Some(details);
    }
    let source = match field(given, "Source") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(source)) => source.clone(),
        Some(_) => return None,
    };
    if class != "ModuleScript" {
        let enabled = match field(given, "Enabled") {
            None | Some(Value::Null) => true,
            Some(Value::Bool(enabled)) => *enabled,
            Some(_) => return None,
        };
        let context = match field(given, "RunContext") {
            None | Some(Value::Null) => "Legacy".to_owned(),
            Some(Value::String(context)) => RUN_CONTEXTS
                .iter()
                .find(|c| c.eq_ignore_ascii_case(context))
                .map(|c| (*c).to_owned())?,
            Some(_) => return None,
        };
        details.insert("Enabled".into(), json!(enabled));
        details.insert("RunContext".into(), json!(context));
    }
    details.insert("Source".into(), json!(source));
    Some(details)
}

impl Default for Tree {
    fn default() -> Self {
        let id = random_uuid();
        let root = Node {
            id: id.clone(),
            name: "Game".into(),
            class: "DataModel".into(),
            parent: None,
            details: Map::new(),
            locked: false,
            children: Vec::new(),
        };
        let root_key = key(&id);
        Tree {
            nodes: HashMap::from([(root_key.clone(), root)]),
            root: root_key,
        }
    }
}

impl Tree {
    /// The key an id of a path names: `root` is the `DataModel`.
    pub fn resolve(&self, id: &str) -> Option<String> {
        let wanted = if id == "root" {
            self.root.clone()
        } else {
            key(id)
        };
        self.nodes.contains_key(&wanted).then_some(wanted)
    }

    /// Adds an instance, or updates the name, class, details and lock of the one with its
    /// id (its place in the tree stays). Returns its id, or why it cannot be added.
    pub fn add(&mut self, seed: &InstanceConfig) -> Result<String, String> {
        let given = match &seed.details {
            Value::Object(details) => details.clone(),
            Value::Null => Map::new(),
            _ => return Err(format!("the details of {} are not a table", seed.name)),
        };
        let details = complete_details(&seed.class, &given).ok_or_else(|| {
            format!(
                "the details of {} have a value of the wrong type",
                seed.name
            )
        })?;
        if let Some(existing) = seed.id.as_deref().and_then(|id| self.resolve(id)) {
            if let Some(node) = self.nodes.get_mut(&existing) {
                node.name.clone_from(&seed.name);
                node.class.clone_from(&seed.class);
                node.details = details;
                node.locked = seed.locked;
                return Ok(node.id.clone());
            }
        }
        let parent = match seed.parent.as_deref() {
            None => self.root.clone(),
            Some(parent) => self
                .resolve(parent)
                .ok_or_else(|| format!("the parent {parent} of {} does not exist", seed.name))?,
        };
        let id = seed.id.clone().unwrap_or_else(random_uuid);
        let node_key = key(&id);
        if node_key.is_empty() {
            return Err(format!("the id of {} is empty", seed.name));
        }
        self.nodes.insert(
            node_key.clone(),
            Node {
                id: id.clone(),
                name: seed.name.clone(),
                class: seed.class.clone(),
                parent: Some(parent.clone()),
                details,
                locked: seed.locked,
                children: Vec::new(),
            },
        );
        if let Some(parent) = self.nodes.get_mut(&parent) {
            parent.children.push(node_key);
        }
        Ok(id)
    }

    /// The `Instance` JSON of the node with `key`.
    pub fn instance_json(&self, universe: u64, place: u64, node_key: &str) -> Value {
        let Some(node) = self.nodes.get(node_key) else {
            return Value::Null;
        };
        let parent = node
            .parent
            .as_ref()
            .and_then(|p| self.nodes.get(p))
            .map_or(String::new(), |p| p.id.clone());
        let details = if is_script(&node.class) || node.class == "Folder" {
            json!({ node.class.clone(): node.details })
        } else {
            json!({})
        };
        json!({
            "path": format!("universes/{universe}/places/{place}/instances/{}", node.id),
            "hasChildren": !node.children.is_empty(),
            "engineInstance": {
                "Id": node.id,
                "Parent": parent,
                "Name": node.name,
                "Details": details,
            },
        })
    }

    /// The config view of a node (for the handle).
    pub fn view(&self, universe: u64, place: u64, node_key: &str) -> Option<InstanceConfig> {
        let node = self.nodes.get(node_key)?;
        let mut view = InstanceConfig::new(universe, place, node.name.clone(), node.class.clone())
            .with_id(node.id.clone())
            .with_details(Value::Object(node.details.clone()));
        view.parent = node
            .parent
            .as_ref()
            .and_then(|p| self.nodes.get(p))
            .map(|p| p.id.clone());
        view.locked = node.locked;
        Some(view)
    }
}

/// Whether a `Details` object names exactly `class` (any case), with its payload.
pub(crate) fn payload_of<'a>(
    details: &'a Map<String, Value>,
    class: &str,
) -> Option<&'a Map<String, Value>> {
    match details.iter().collect::<Vec<_>>()[..] {
        [(name, Value::Object(payload))] if same_name(name, class) => Some(payload),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instances_hang_under_the_data_model_and_resolve_by_either_id_form() {
        let mut tree = Tree::default();
        let folder = tree
            .add(
                &InstanceConfig::new(1, 2, "Stuff", "Folder")
                    .with_id("44b188da-ce63-2b47-02e9-c68d004815fc"),
            )
            .expect("added");
        let script = tree
            .add(
                &InstanceConfig::new(1, 2, "Main", "Script")
                    .with_parent(folder.clone())
                    .with_details(json!({"source": "print(1)"})),
            )
            .expect("added");
        assert_eq!(
            tree.resolve("44B188DACE632B4702E9C68D004815FC"),
            Some(key(&folder))
        );
        let root = tree.resolve("root").expect("the root");
        let json = tree.instance_json(1, 2, &root);
        assert_eq!(json["engineInstance"]["Name"], "Game");
        assert_eq!(json["engineInstance"]["Parent"], "");
        assert_eq!(json["hasChildren"], true);
        let script_json = tree.instance_json(1, 2, &key(&script));
        assert_eq!(script_json["engineInstance"]["Parent"], folder);
        assert_eq!(
            script_json["engineInstance"]["Details"],
            json!({"Script": {"Enabled": true, "RunContext": "Legacy", "Source": "print(1)"}})
        );
        assert!(tree
            .add(&InstanceConfig::new(1, 2, "x", "Folder").with_parent("nope"))
            .is_err());
        assert!(tree
            .add(&InstanceConfig::new(1, 2, "x", "Script").with_details(json!({"Enabled": "yes"})))
            .is_err());
    }
}
