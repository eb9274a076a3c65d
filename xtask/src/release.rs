//! `cargo xtask release --dry-run VERSION`: checks that everything is ready to publish
//! VERSION and packages every publishable crate. Publishing itself is not implemented.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::manifest::{Dependency, Workspace};
use crate::process::{self, cargo, workspace_root};
use crate::Result;

/// Runs the command.
pub fn run(args: &[String]) -> Result {
    let (dry_run, version) = parse(args)?;
    if !dry_run {
        return Err(format!(
            "publishing is not implemented: `cargo xtask release --dry-run {version}` checks and \
             packages the crates; publish them with `cargo publish` in the order it prints"
        )
        .into());
    }
    let root_dir = workspace_root();
    let workspace = Workspace::load(&root_dir)?;
    let mut problems = version_problems(&workspace, &version)?;
    match std::fs::read_to_string(root_dir.join("CHANGELOG.md")) {
        Ok(text) => match changelog_entry(&text, &version) {
            Some(heading) => {
                println!("CHANGELOG.md has an entry for {version}: {heading}");
                if heading.to_lowercase().contains("unreleased") {
                    println!(
                        "note: the entry is still marked unreleased; date it before publishing"
                    );
                }
            }
            None => problems.push(format!(
                "CHANGELOG.md has no heading for {version} (`## [{version}]` or `## {version}`)"
            )),
        },
        Err(e) => problems.push(format!("cannot read CHANGELOG.md: {e}")),
    }
    let order = publish_order(&workspace).unwrap_or_else(|mut order_problems| {
        problems.append(&mut order_problems);
        Vec::new()
    });
    if !problems.is_empty() {
        for problem in &problems {
            eprintln!("  {problem}");
        }
        return Err(format!("{} problem(s); nothing was packaged", problems.len()).into());
    }
    println!(
        "workspace version {version}; publishing order: {}",
        order.join(", ")
    );
    let mut command = cargo(["package", "--no-verify", "--allow-dirty"]);
    for name in &order {
        command.args(["-p", name]);
    }
    process::run(&mut command)?;
    let package_dir = target_dir().join("package");
    println!("packaged, in publishing order:");
    for name in &order {
        let file = package_dir.join(format!("{name}-{version}.crate"));
        match std::fs::metadata(&file) {
            Ok(meta) => println!("  {} ({} KiB)", file.display(), meta.len().div_ceil(1024)),
            Err(_) => println!("  {name} {version} (see cargo's output above)"),
        }
    }
    println!("dry run: nothing was published");
    Ok(())
}

/// `--dry-run VERSION`, in either order.
fn parse(args: &[String]) -> Result<(bool, String)> {
    let mut dry_run = false;
    let mut version = None;
    for arg in args {
        match arg.as_str() {
            "--dry-run" => dry_run = true,
            flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`").into()),
            v if version.is_none() => version = Some(v.trim_start_matches('v').to_owned()),
            extra => return Err(format!("unexpected argument `{extra}`").into()),
        }
    }
    let version = version.ok_or("usage: cargo xtask release --dry-run VERSION")?;
    Ok((dry_run, version))
}

/// The workspace version is `version`, every publishable member has it, and every
/// requirement on a workspace crate accepts it.
fn version_problems(workspace: &Workspace, version: &str) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let workspace_version = workspace.version()?;
    if workspace_version != version {
        problems.push(format!(
            "[workspace.package] version is {workspace_version}, not {version}"
        ));
    }
    let members: BTreeSet<&str> = workspace
        .members
        .iter()
        .filter_map(|m| m.name().ok())
        .collect();
    let unmet = |owner: &str, dep: &Dependency| {
        let requirement = dep.version.as_deref()?;
        let unmet = members.contains(dep.package.as_str()) && !accepts(requirement, version);
        unmet.then(|| {
            format!(
                "{owner} requires {} `{requirement}`, which {version} does not meet",
                dep.package
            )
        })
    };
    problems.extend(
        workspace
            .dependencies()
            .iter()
            .filter_map(|dep| unmet("[workspace.dependencies]", dep)),
    );
    for member in workspace.members.iter().filter(|m| m.is_publishable()) {
        let name = member.name()?;
        match member.version()? {
            None => {}
            Some(own) if own == version => {}
            Some(own) => problems.push(format!(
                "{name} has version {own}, not {version}: use `version.workspace = true`"
            )),
        }
        problems.extend(
            member
                .dependencies(&workspace.root)
                .iter()
                .filter(|dep| !dep.inherited)
                .filter_map(|dep| unmet(name, dep)),
        );
    }
    Ok(problems)
}

/// Whether a plain requirement (`0.1`, `^0.1.0`, `=0.1.0`, `~0.1`) names `version`.
fn accepts(requirement: &str, version: &str) -> bool {
    let wanted = requirement
        .trim()
        .trim_start_matches(['=', '^', '~'])
        .trim();
    version == wanted
        || version
            .strip_prefix(wanted)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// The heading of the CHANGELOG entry for `version`: a Markdown heading whose first word is
/// `version`, `[version]` or `v` + `version`.
fn changelog_entry<'a>(text: &'a str, version: &str) -> Option<&'a str> {
    text.lines().map(str::trim).find(|line| {
        let Some(heading) = line.strip_prefix('#') else {
            return false;
        };
        let heading = heading.trim_start_matches('#').trim_start();
        let word = heading.trim_start_matches('[').trim_start_matches('v');
        let word = word.split([']', ' ', '\t']).next().unwrap_or_default();
        word == version
    })
}

/// The publishable members, each after the workspace crates it needs on the registry:
/// its normal and build dependencies, and its dev-dependencies that have a version
/// (`cargo publish` keeps those in the manifest; it drops the ones with only a path).
fn publish_order(workspace: &Workspace) -> std::result::Result<Vec<String>, Vec<String>> {
    let mut problems = Vec::new();
    let mut crates: Vec<(String, Vec<Dependency>)> = Vec::new();
    let mut unpublishable = BTreeSet::new();
    for member in &workspace.members {
        let name = member.name().map_err(|e| vec![e.to_string()])?.to_owned();
        if member.is_publishable() {
            crates.push((name, member.dependencies(&workspace.root)));
        } else {
            unpublishable.insert(name);
        }
    }
    let publishable: BTreeSet<String> = crates.iter().map(|(name, _)| name.clone()).collect();
    let mut needs: Vec<(String, Vec<Dependency>)> = Vec::new();
    for (name, deps) in crates {
        let mut kept = Vec::new();
        for dep in deps {
            let dev = dep.kind == "dev-dependencies";
            let published = !dev || dep.version.is_some();
            if unpublishable.contains(&dep.package) && published {
                problems.push(format!(
                    "{name} depends on {}, which is `publish = false`",
                    dep.package
                ));
            } else if publishable.contains(&dep.package) && !dev && dep.version.is_none() {
                problems.push(format!(
                    "{name} depends on {} by path only: `cargo publish` needs a version",
                    dep.package
                ));
            } else if publishable.contains(&dep.package) && published && dep.package != name {
                kept.push(dep);
            }
        }
        needs.push((name, kept));
    }
    let mut order: Vec<String> = Vec::new();
    while !needs.is_empty() {
        let ready = needs
            .iter()
            .position(|(_, deps)| deps.iter().all(|d| order.contains(&d.package)));
        let Some(ready) = ready else {
            let stuck: Vec<&str> = needs.iter().map(|(name, _)| name.as_str()).collect();
            problems.push(format!(
                "no publishing order: {} need each other first",
                stuck.join(", ")
            ));
            for (name, deps) in &needs {
                for dep in deps.iter().filter(|d| d.kind == "dev-dependencies") {
                    problems.push(format!(
                        "  {name} dev-depends on {} with a version; give that dev-dependency \
                         only a `path` so `cargo publish` drops it",
                        dep.package
                    ));
                }
            }
            break;
        };
        order.push(needs.remove(ready).0);
    }
    if problems.is_empty() {
        Ok(order)
    } else {
        Err(problems)
    }
}

/// Where cargo writes packages: `CARGO_TARGET_DIR`, or `target` in the workspace root.
fn target_dir() -> PathBuf {
    let root = workspace_root();
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), |dir| root.join(dir))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::Manifest;

    fn manifest(path: &str, text: &str) -> Result<Manifest> {
        Ok(Manifest {
            path: PathBuf::from(path),
            table: text.parse()?,
        })
    }

    fn workspace(dev_dependency: &str) -> Result<Workspace> {
        let root = manifest(
            "Cargo.toml",
            r#"[workspace.package]
            version = "0.2.0"
            [workspace.dependencies]
            core = { package = "x-core", path = "core", version = "0.2.0" }
            api = { package = "x-api", path = "api", version = "0.2" }
            emu = { package = "x-emu", path = "emu", version = "0.2.0" }"#,
        )?;
        let facade = manifest(
            "facade/Cargo.toml",
            r#"[package]
            name = "x"
            version.workspace = true
            [dependencies]
            core.workspace = true
            api = { workspace = true, optional = true }
            emu = { workspace = true, optional = true }"#,
        )?;
        let core = manifest(
            "core/Cargo.toml",
            &format!(
                "[package]\nname = \"x-core\"\nversion.workspace = true\n[dev-dependencies]\n{dev_dependency}"
            ),
        )?;
        let api = manifest(
            "api/Cargo.toml",
            "[package]\nname = \"x-api\"\nversion = \"0.2.0\"\n[dependencies]\ncore.workspace = true",
        )?;
        let emu = manifest(
            "emu/Cargo.toml",
            "[package]\nname = \"x-emu\"\nversion.workspace = true\n[dependencies]\ncore.workspace = true",
        )?;
        let tool = manifest(
            "tool/Cargo.toml",
            "[package]\nname = \"tool\"\npublish = false\n[dependencies]\nx = { path = \"../facade\" }",
        )?;
        Ok(Workspace {
            root,
            members: vec![facade, core, api, emu, tool],
        })
    }

    #[test]
    fn orders_crates_after_what_they_need() -> Result {
        let workspace = workspace(r#"emu = { package = "x-emu", path = "../emu" }"#)?;
        assert_eq!(
            publish_order(&workspace).map_err(|p| p.join("\n"))?,
            ["x-core", "x-api", "x-emu", "x"]
        );
        assert_eq!(version_problems(&workspace, "0.2.0")?, Vec::<String>::new());
        // The workspace version, x-api's own, and the three shared requirements on 0.2.
        assert_eq!(version_problems(&workspace, "0.3.0")?.len(), 5);
        Ok(())
    }

    #[test]
    fn a_versioned_dev_dependency_cycle_has_no_order() -> Result {
        let workspace = workspace("emu.workspace = true")?;
        let problems = publish_order(&workspace).err().unwrap_or_default();
        assert!(problems[0].starts_with("no publishing order: x, x-core, x-api, x-emu"));
        assert!(problems[1].contains("x-core dev-depends on x-emu"));
        Ok(())
    }

    #[test]
    fn finds_the_changelog_entry() {
        let text = "# Changelog\n\n## [0.1.0] - unreleased\n\n## v0.0.9\n### 0.0.8\n## 0.1.01\n";
        assert_eq!(
            changelog_entry(text, "0.1.0"),
            Some("## [0.1.0] - unreleased")
        );
        assert_eq!(changelog_entry(text, "0.0.9"), Some("## v0.0.9"));
        assert_eq!(changelog_entry(text, "0.0.8"), Some("### 0.0.8"));
        assert_eq!(changelog_entry(text, "0.1"), None);
    }

    #[test]
    fn reads_the_arguments_and_requirements() -> Result {
        assert_eq!(
            parse(&["--dry-run".into(), "v1.2.3".into()])?,
            (true, "1.2.3".into())
        );
        assert_eq!(parse(&["1.2.3".into()])?, (false, "1.2.3".into()));
        assert!(parse(&["--dry-run".into()]).is_err());
        assert!(accepts("0.1", "0.1.0") && accepts("=0.1.0", "0.1.0"));
        assert!(!accepts("0.1", "0.10.0") && !accepts("0.2.0", "0.1.0"));
        Ok(())
    }
}
