//! Reading `Cargo.toml` files: members, package names, features, dependencies.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use toml::{Table, Value};

use crate::Result;

/// A parsed `Cargo.toml`.
#[derive(Debug)]
pub struct Manifest {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its contents.
    pub table: Table,
}

/// The dependency tables that end up in a published crate.
pub const DEPENDENCY_TABLES: [&str; 3] = ["dependencies", "build-dependencies", "dev-dependencies"];

/// One dependency of a package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependency {
    /// The key in the manifest (the name features use, as in `dep:key`).
    pub key: String,
    /// The package it names (the key unless renamed with `package = ...`).
    pub package: String,
    /// `dependencies`, `build-dependencies` or `dev-dependencies`.
    pub kind: &'static str,
    /// Whether it is optional.
    pub optional: bool,
    /// Whether it is `workspace = true` (its source and version are the root manifest's).
    pub inherited: bool,
    /// Its version requirement, if any (needed to publish it; without one, a
    /// dev-dependency is left out of the published manifest).
    pub version: Option<String>,
}

impl Manifest {
    /// Reads and parses `path`.
    pub fn load(path: impl Into<PathBuf>) -> Result<Manifest> {
        let path = path.into();
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let table = text
            .parse::<Table>()
            .map_err(|e| format!("cannot parse {}: {e}", path.display()))?;
        Ok(Manifest { path, table })
    }

    /// `[package] name`.
    pub fn name(&self) -> Result<&str> {
        self.package()
            .and_then(|p| p.get("name"))
            .and_then(Value::as_str)
            .ok_or_else(|| format!("{} has no [package] name", self.path.display()).into())
    }

    /// Whether `cargo publish` may publish the package (`publish` is not `false` or `[]`).
    pub fn is_publishable(&self) -> bool {
        match self.package().and_then(|p| p.get("publish")) {
            Some(Value::Boolean(publish)) => *publish,
            Some(Value::Array(registries)) => !registries.is_empty(),
            _ => true,
        }
    }

    /// `[package] version`: `Some("x.y.z")`, or `None` when it is `version.workspace = true`.
    pub fn version(&self) -> Result<Option<&str>> {
        match self.package().and_then(|p| p.get("version")) {
            Some(Value::String(version)) => Ok(Some(version)),
            Some(Value::Table(t)) if t.get("workspace") == Some(&Value::Boolean(true)) => Ok(None),
            // Cargo's default when `version` is left out.
            None => Ok(Some("0.0.0")),
            Some(other) => {
                Err(format!("{}: unexpected version {other:?}", self.path.display()).into())
            }
        }
    }

    /// `[features]`, each feature with its entries.
    pub fn features(&self) -> BTreeMap<String, Vec<String>> {
        let Some(features) = self.table.get("features").and_then(Value::as_table) else {
            return BTreeMap::new();
        };
        features
            .iter()
            .map(|(name, entries)| {
                let entries = entries
                    .as_array()
                    .map(|list| {
                        list.iter()
                            .filter_map(Value::as_str)
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default();
                (name.clone(), entries)
            })
            .collect()
    }

    /// Every dependency, in `[…dependencies]` and `[target.*.…dependencies]`, with
    /// `workspace = true` entries resolved against the root manifest's
    /// `[workspace.dependencies]`.
    pub fn dependencies(&self, root: &Manifest) -> Vec<Dependency> {
        let workspace_deps = root
            .table
            .get("workspace")
            .and_then(|w| w.get("dependencies"))
            .and_then(Value::as_table);
        let targets = self.table.get("target").and_then(Value::as_table);
        let mut tables: Vec<&Table> = vec![&self.table];
        tables.extend(
            targets
                .into_iter()
                .flat_map(|t| t.values().filter_map(Value::as_table)),
        );
        let mut found = Vec::new();
        for table in tables {
            for kind in DEPENDENCY_TABLES {
                let Some(deps) = table.get(kind).and_then(Value::as_table) else {
                    continue;
                };
                for (key, spec) in deps {
                    let inherited = spec.get("workspace").and_then(Value::as_bool) == Some(true);
                    let base = if inherited {
                        workspace_deps.and_then(|w| w.get(key))
                    } else {
                        Some(spec)
                    };
                    let package = base
                        .and_then(|b| b.get("package"))
                        .and_then(Value::as_str)
                        .unwrap_or(key);
                    let version = match base {
                        Some(Value::String(version)) => Some(version.clone()),
                        Some(b) => b.get("version").and_then(Value::as_str).map(str::to_owned),
                        None => None,
                    };
                    found.push(Dependency {
                        key: key.clone(),
                        package: package.to_owned(),
                        kind,
                        optional: spec.get("optional").and_then(Value::as_bool) == Some(true),
                        inherited,
                        version,
                    });
                }
            }
        }
        found
    }

    fn package(&self) -> Option<&Table> {
        self.table.get("package").and_then(Value::as_table)
    }
}

/// The workspace: its root manifest and its members' manifests.
#[derive(Debug)]
pub struct Workspace {
    /// The root `Cargo.toml`.
    pub root: Manifest,
    /// The members, in the order `[workspace] members` lists them.
    pub members: Vec<Manifest>,
}

impl Workspace {
    /// Reads the root manifest under `root_dir` and every member's.
    pub fn load(root_dir: &Path) -> Result<Workspace> {
        let root = Manifest::load(root_dir.join("Cargo.toml"))?;
        let patterns = root
            .table
            .get("workspace")
            .and_then(|w| w.get("members"))
            .and_then(Value::as_array)
            .ok_or("the root Cargo.toml has no [workspace] members")?;
        let mut members = Vec::new();
        for pattern in patterns.iter().filter_map(Value::as_str) {
            for dir in expand(root_dir, pattern)? {
                members.push(Manifest::load(dir.join("Cargo.toml"))?);
            }
        }
        Ok(Workspace { root, members })
    }

    /// `[workspace.package] version`.
    pub fn version(&self) -> Result<&str> {
        self.root
            .table
            .get("workspace")
            .and_then(|w| w.get("package"))
            .and_then(|p| p.get("version"))
            .and_then(Value::as_str)
            .ok_or_else(|| "the root Cargo.toml has no [workspace.package] version".into())
    }

    /// `[workspace.dependencies]`, read as dependencies of the root manifest.
    pub fn dependencies(&self) -> Vec<Dependency> {
        let Some(deps) = self
            .root
            .table
            .get("workspace")
            .and_then(|w| w.get("dependencies"))
        else {
            return Vec::new();
        };
        let mut table = Table::new();
        table.insert("dependencies".into(), deps.clone());
        let shared = Manifest {
            path: self.root.path.clone(),
            table,
        };
        shared.dependencies(&self.root)
    }

    /// The member named `name`.
    pub fn member(&self, name: &str) -> Result<&Manifest> {
        self.members
            .iter()
            .find(|m| m.name().ok() == Some(name))
            .ok_or_else(|| format!("no workspace member is named `{name}`").into())
    }
}

/// A member path, or `dir/*` for every directory in `dir` holding a `Cargo.toml`.
fn expand(root_dir: &Path, pattern: &str) -> Result<Vec<PathBuf>> {
    let Some(parent) = pattern.strip_suffix("/*") else {
        return Ok(vec![root_dir.join(pattern)]);
    };
    let mut dirs = Vec::new();
    let entries = std::fs::read_dir(root_dir.join(parent))
        .map_err(|e| format!("cannot list workspace members `{pattern}`: {e}"))?;
    for entry in entries {
        let path = entry?.path();
        if path.join("Cargo.toml").is_file() {
            dirs.push(path);
        }
    }
    dirs.sort();
    Ok(dirs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(text: &str) -> Result<Manifest> {
        Ok(Manifest {
            path: PathBuf::from("test/Cargo.toml"),
            table: text.parse()?,
        })
    }

    #[test]
    fn resolves_renamed_and_inherited_dependencies() -> Result {
        let root = manifest(
            r#"[workspace.dependencies]
            oc-core = { package = "rblx-oc-core", path = "crates/oc-core", version = "0.1.0" }
            local = { path = "local" }
            serde = "1""#,
        )?;
        let member = manifest(
            r#"[package]
            name = "m"
            version.workspace = true
            publish = false
            [dependencies]
            oc-core.workspace = true
            local = { workspace = true, optional = true }
            serde.workspace = true
            [target.'cfg(unix)'.dev-dependencies]
            other = { package = "real", version = "2", optional = true }"#,
        )?;
        let deps = member.dependencies(&root);
        let summary: Vec<(&str, &str, &str, bool, Option<&str>)> = deps
            .iter()
            .map(|d| {
                (
                    d.key.as_str(),
                    d.package.as_str(),
                    d.kind,
                    d.optional,
                    d.version.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("local", "local", "dependencies", true, None),
                (
                    "oc-core",
                    "rblx-oc-core",
                    "dependencies",
                    false,
                    Some("0.1.0")
                ),
                ("serde", "serde", "dependencies", false, Some("1")),
                ("other", "real", "dev-dependencies", true, Some("2")),
            ]
        );
        assert_eq!(member.version()?, None);
        assert!(!member.is_publishable());
        Ok(())
    }

    #[test]
    fn reads_this_workspace() -> Result {
        let workspace = Workspace::load(&crate::process::workspace_root())?;
        assert!(workspace.member("xtask").is_ok());
        assert!(!workspace.member("xtask")?.is_publishable());
        Ok(())
    }
}
