//! The facade's feature rules: every optional dependency is enabled by some feature,
//! `full` enables every feature, and an API feature pulls in only its own crate and the
//! core.

use std::collections::{BTreeMap, BTreeSet};

use crate::manifest::Manifest;

/// The facade package.
pub const FACADE: &str = "rblx-open-cloud";
/// The core every API crate builds on.
pub const CORE: &str = "rblx-oc-core";
/// The prefix of the workspace's library crates.
pub const CRATE_PREFIX: &str = "rblx-oc-";
/// The workspace crates that are not API crates (a feature enabling one of these is not an
/// API feature).
pub const NOT_API: [&str; 2] = [CORE, "rblx-oc-emulator"];
/// The feature that must enable every other.
pub const FULL: &str = "full";

/// A package's features and optional dependencies.
#[derive(Debug, Default)]
pub struct Features {
    /// `[features]`: each feature's entries.
    pub features: BTreeMap<String, Vec<String>>,
    /// Optional dependencies: key (as in `dep:key`) to package name.
    pub optional: BTreeMap<String, String>,
}

/// What enabling a feature turns on.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Enabled {
    /// Features, the starting one included.
    pub features: BTreeSet<String>,
    /// Optional dependencies, by key.
    pub dependencies: BTreeSet<String>,
}

/// An API feature and the workspace crates building with only it may pull in.
#[derive(Debug, PartialEq, Eq)]
pub struct ApiFeature {
    /// The feature.
    pub name: String,
    /// The core and the crates the feature enables.
    pub allowed: BTreeSet<String>,
}

impl Features {
    /// The features and optional dependencies of `manifest` (in the workspace of `root`).
    pub fn of(manifest: &Manifest, root: &Manifest) -> Features {
        let optional = manifest
            .dependencies(root)
            .into_iter()
            .filter(|d| d.optional)
            .map(|d| (d.key, d.package))
            .collect();
        Features {
            features: manifest.features(),
            optional,
        }
    }

    /// The features to build one at a time: all but `default`.
    pub fn checkable(&self) -> Vec<&str> {
        self.features
            .keys()
            .map(String::as_str)
            .filter(|f| *f != "default")
            .collect()
    }

    /// Everything enabling `feature` turns on, following Cargo's rules: `dep:x` enables
    /// dependency `x`, `x/f` enables `x` (not `x?/f`), and a bare name is a feature or the
    /// implicit feature of an optional dependency.
    pub fn enabled_by(&self, feature: &str) -> Enabled {
        let mut enabled = Enabled::default();
        let mut pending = vec![feature.to_owned()];
        while let Some(name) = pending.pop() {
            if !enabled.features.insert(name.clone()) {
                continue;
            }
            for entry in self.features.get(&name).into_iter().flatten() {
                if let Some(dep) = entry.strip_prefix("dep:") {
                    enabled.dependencies.insert(dep.to_owned());
                } else if let Some((dep, _)) = entry.split_once('/') {
                    if self.optional.contains_key(dep) {
                        enabled.dependencies.insert(dep.to_owned());
                    }
                } else if self.features.contains_key(entry) {
                    pending.push(entry.clone());
                } else if self.optional.contains_key(entry) {
                    enabled.dependencies.insert(entry.clone());
                }
            }
        }
        enabled
    }

    /// What breaks the rules that need no build: an optional dependency no feature
    /// enables, or a feature (or optional dependency) `full` leaves out.
    pub fn reachability_problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut reachable = BTreeSet::new();
        for feature in self.features.keys() {
            reachable.extend(self.enabled_by(feature).dependencies);
        }
        for (key, package) in &self.optional {
            if !reachable.contains(key) {
                problems.push(format!(
                    "optional dependency `{key}` ({package}) is enabled by no feature: add `dep:{key}` to one"
                ));
            }
        }
        if !self.features.contains_key(FULL) {
            problems.push(format!("there is no `{FULL}` feature enabling every other"));
            return problems;
        }
        let full = self.enabled_by(FULL);
        for feature in self.checkable() {
            if !full.features.contains(feature) {
                problems.push(format!("`{FULL}` does not enable feature `{feature}`"));
            }
        }
        for key in self.optional.keys() {
            if reachable.contains(key) && !full.dependencies.contains(key) {
                problems.push(format!(
                    "`{FULL}` does not enable optional dependency `{key}`"
                ));
            }
        }
        problems
    }

    /// The API features: those naming no other feature and enabling an API crate (a
    /// workspace crate not in [`NOT_API`]). Each may pull in the core and the crates it
    /// enables, no other workspace crate.
    pub fn api_features(&self) -> Vec<ApiFeature> {
        let mut api = Vec::new();
        for (name, entries) in &self.features {
            let names_a_feature = entries
                .iter()
                .any(|e| !e.starts_with("dep:") && !e.contains('/'));
            if name == "default" || names_a_feature {
                continue;
            }
            let packages: BTreeSet<String> = self
                .enabled_by(name)
                .dependencies
                .iter()
                .filter_map(|key| self.optional.get(key).cloned())
                .collect();
            if packages.iter().any(|p| is_api_crate(p)) {
                let mut allowed = packages;
                allowed.insert(CORE.to_owned());
                api.push(ApiFeature {
                    name: name.clone(),
                    allowed,
                });
            }
        }
        api
    }
}

/// Whether `package` is one of the workspace's API crates.
pub fn is_api_crate(package: &str) -> bool {
    package.starts_with(CRATE_PREFIX) && !NOT_API.contains(&package)
}

/// The workspace crates (`rblx-oc-*`) in `cargo tree --prefix none` output that are not
/// in `allowed`.
pub fn unexpected_crates(tree: &str, allowed: &BTreeSet<String>) -> BTreeSet<String> {
    tree.lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|package| package.starts_with(CRATE_PREFIX) && !allowed.contains(*package))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(features: &[(&str, &[&str])], optional: &[(&str, &str)]) -> Features {
        Features {
            features: features
                .iter()
                .map(|(name, entries)| {
                    (
                        name.to_string(),
                        entries.iter().map(|e| e.to_string()).collect(),
                    )
                })
                .collect(),
            optional: optional
                .iter()
                .map(|(k, p)| (k.to_string(), p.to_string()))
                .collect(),
        }
    }

    fn set(items: &[&str]) -> BTreeSet<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    fn facade() -> Features {
        features(
            &[
                ("default", &["messaging"]),
                ("messaging", &["dep:oc-messaging"]),
                ("emulator", &["dep:oc-emulator"]),
                ("full", &["messaging", "emulator"]),
            ],
            &[
                ("oc-messaging", "rblx-oc-messaging"),
                ("oc-emulator", "rblx-oc-emulator"),
            ],
        )
    }

    #[test]
    fn the_facade_as_written_passes() {
        let facade = facade();
        assert_eq!(facade.reachability_problems(), Vec::<String>::new());
        assert_eq!(facade.checkable(), ["emulator", "full", "messaging"]);
        assert_eq!(
            facade.api_features(),
            [ApiFeature {
                name: "messaging".into(),
                allowed: set(&["rblx-oc-core", "rblx-oc-messaging"]),
            }]
        );
        assert_eq!(
            facade.enabled_by("full"),
            Enabled {
                features: set(&["full", "messaging", "emulator"]),
                dependencies: set(&["oc-messaging", "oc-emulator"]),
            }
        );
    }

    #[test]
    fn finds_unreachable_dependencies_and_an_incomplete_full() {
        let mut facade = facade();
        facade
            .optional
            .insert("oc-assets".into(), "rblx-oc-assets".into());
        facade.features.insert(
            "datastores".into(),
            vec!["dep:oc-datastores".into(), "oc-core/x".into()],
        );
        facade
            .optional
            .insert("oc-datastores".into(), "rblx-oc-datastores".into());
        assert_eq!(
            facade.reachability_problems(),
            [
                "optional dependency `oc-assets` (rblx-oc-assets) is enabled by no feature: add `dep:oc-assets` to one",
                "`full` does not enable feature `datastores`",
                "`full` does not enable optional dependency `oc-datastores`",
            ]
        );
        let names: Vec<String> = facade.api_features().into_iter().map(|f| f.name).collect();
        assert_eq!(names, ["datastores", "messaging"]);
        facade.features.remove("full");
        assert!(facade
            .reachability_problems()
            .iter()
            .any(|p| p.contains("no `full`")));
    }

    #[test]
    fn weak_and_implicit_entries_follow_cargo() {
        let f = features(
            &[("a", &["x?/feat", "y"]), ("b", &["x/feat"])],
            &[("x", "px"), ("y", "py")],
        );
        assert_eq!(f.enabled_by("a").dependencies, set(&["y"]));
        assert_eq!(f.enabled_by("b").dependencies, set(&["x"]));
    }

    #[test]
    fn spots_foreign_crates_in_a_tree() {
        let tree = "rblx-open-cloud v0.1.0 (/w/crates/rblx-open-cloud)\n\
                    rblx-oc-core v0.1.0 (/w/crates/oc-core)\n\
                    bytes v1.10.0\n\
                    rblx-oc-messaging v0.1.0 (/w/crates/oc-messaging)\n\
                    rblx-oc-emulator v0.1.0 (/w/crates/oc-emulator)\n\
                    rblx-oc-core v0.1.0 (/w/crates/oc-core) (*)\n";
        let allowed = set(&["rblx-oc-core", "rblx-oc-messaging"]);
        assert_eq!(
            unexpected_crates(tree, &allowed),
            set(&["rblx-oc-emulator"])
        );
    }
}
