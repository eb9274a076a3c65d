//! `cargo xtask test`: every check CI runs, in order, stopping at the first failure.

use std::collections::BTreeSet;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::features::{self, Features, CORE, FACADE};
use crate::fuzz;
use crate::manifest::Workspace;
use crate::process::{self, cargo, workspace_root};
use crate::Result;

/// How long the `fuzz` step runs each target.
const FUZZ_SECONDS: u64 = 2;

/// One check: a name to select it by, and what it does.
struct Step {
    name: String,
    run: Box<dyn Fn() -> Result>,
}

impl Step {
    fn command(name: impl Into<String>, make: impl Fn() -> Command + 'static) -> Step {
        Step {
            name: name.into(),
            run: Box::new(move || process::run(&mut make())),
        }
    }
}

/// Runs the steps named in `args` (all when none), or lists them with `--list`.
pub fn run(args: &[String]) -> Result {
    let workspace = Workspace::load(&workspace_root())?;
    let facade = Features::of(workspace.member(FACADE)?, &workspace.root);
    let steps = plan(facade);
    if args.iter().any(|a| a == "--list") {
        for step in &steps {
            println!("{}", step.name);
        }
        return Ok(());
    }
    let steps = select(steps, args)?;
    let started = Instant::now();
    let total = steps.len();
    for (index, step) in steps.iter().enumerate() {
        println!("==> [{}/{total}] {}", index + 1, step.name);
        if let Err(error) = (step.run)() {
            println!(
                "xtask test: stopped at `{}` after {}",
                step.name,
                minutes(started.elapsed())
            );
            println!(
                "summary: {index} passed, 1 failed, {} skipped",
                total - index - 1
            );
            return Err(format!("step `{}` failed: {error}", step.name).into());
        }
    }
    println!(
        "xtask test: all {total} steps passed in {}",
        minutes(started.elapsed())
    );
    println!("summary: {total} passed, 0 failed");
    Ok(())
}

/// Every step, in the order they run: the quick ones first.
fn plan(facade: Features) -> Vec<Step> {
    let mut steps = vec![
        Step::command("fmt", || cargo(["fmt", "--all", "--", "--check"])),
        Step {
            name: "features".into(),
            run: Box::new(feature_rules(&facade)),
        },
        Step::command("clippy", || {
            cargo([
                "clippy",
                "--workspace",
                "--all-targets",
                "--all-features",
                "--",
                "-D",
                "warnings",
            ])
        }),
        Step::command("test", || cargo(["test", "--workspace", "--all-features"])),
        // Every fuzz target for a few seconds from its seeds: one that stops building or
        // panics fails here.
        Step {
            name: "fuzz".into(),
            run: Box::new(|| fuzz::smoke(FUZZ_SECONDS)),
        },
        // A short soak under faults: the client's outcomes checked against the emulator.
        Step {
            name: "soak".into(),
            run: Box::new(|| crate::soak::run(&["--ops".into(), "1000".into()])),
        },
        Step::command("check", || {
            cargo(["check", "-p", FACADE, "--no-default-features"])
        }),
    ];
    for feature in facade.checkable() {
        let feature = feature.to_owned();
        steps.push(Step::command(format!("check:{feature}"), move || {
            cargo([
                "check",
                "-p",
                FACADE,
                "--no-default-features",
                "--features",
                &feature,
            ])
        }));
    }
    steps.push(Step {
        name: "deps".into(),
        run: Box::new(dependency_rules(&facade)),
    });
    steps.push(Step::command("doc", || {
        let mut command = cargo(["doc", "--workspace", "--no-deps", "--all-features"]);
        command.env("RUSTDOCFLAGS", "-D warnings");
        command
    }));
    steps
}

/// The steps `names` select (a name selects itself and `name:*`), all when there are none.
fn select(steps: Vec<Step>, names: &[String]) -> Result<Vec<Step>> {
    if names.is_empty() {
        return Ok(steps);
    }
    let matches = |step: &Step, name: &str| {
        step.name == name
            || step
                .name
                .strip_prefix(name)
                .is_some_and(|r| r.starts_with(':'))
    };
    for name in names {
        if !steps.iter().any(|s| matches(s, name)) {
            let known: Vec<&str> = steps.iter().map(|s| s.name.as_str()).collect();
            return Err(format!("no step `{name}`; the steps: {}", known.join(", ")).into());
        }
    }
    Ok(steps
        .into_iter()
        .filter(|s| names.iter().any(|n| matches(s, n)))
        .collect())
}

/// Every optional dependency of the facade is enabled by a feature; `full` enables all.
fn feature_rules(facade: &Features) -> impl Fn() -> Result {
    let problems = facade.reachability_problems();
    move || {
        println!(
            "checking the features of {FACADE}: optional dependencies reachable, `full` complete"
        );
        if problems.is_empty() {
            return Ok(());
        }
        for problem in &problems {
            eprintln!("  {FACADE}: {problem}");
        }
        Err(format!(
            "{} problem(s) with the features of {FACADE}",
            problems.len()
        )
        .into())
    }
}

/// With no features the facade pulls in only the core; with one API feature, only the
/// core and that feature's crate.
fn dependency_rules(facade: &Features) -> impl Fn() -> Result {
    let mut cases = vec![(None, BTreeSet::from([CORE.to_owned()]))];
    cases.extend(
        facade
            .api_features()
            .into_iter()
            .map(|f| (Some(f.name), f.allowed)),
    );
    move || {
        let mut problems = Vec::new();
        for (feature, allowed) in &cases {
            let mut command = cargo(["tree", "-p", FACADE, "--no-default-features"]);
            if let Some(feature) = feature {
                command.args(["--features", feature]);
            }
            command.args(["-e", "normal", "--prefix", "none"]);
            let tree = process::output(&mut command)?;
            let unexpected = features::unexpected_crates(&tree, allowed);
            if !unexpected.is_empty() {
                let with = feature
                    .as_ref()
                    .map_or_else(|| "no features".to_owned(), |f| format!("only `{f}`"));
                problems.push(format!(
                    "{FACADE} with {with} pulls in {} (allowed: {})",
                    join(&unexpected),
                    join(allowed)
                ));
            }
        }
        if problems.is_empty() {
            println!("each API feature pulls in only {CORE} and its own crate");
            return Ok(());
        }
        for problem in &problems {
            eprintln!("  {problem}");
        }
        Err("an API feature pulls in another API crate or the emulator".into())
    }
}

fn join(items: &BTreeSet<String>) -> String {
    items
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

fn minutes(elapsed: Duration) -> String {
    let seconds = elapsed.as_secs();
    format!("{}m {:02}s", seconds / 60, seconds % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(steps: &[Step]) -> Vec<&str> {
        steps.iter().map(|s| s.name.as_str()).collect()
    }

    fn facade() -> Features {
        let mut facade = Features::default();
        for (name, entries) in [
            ("default", vec!["messaging"]),
            ("messaging", vec!["dep:oc-messaging"]),
            ("full", vec!["messaging"]),
        ] {
            facade
                .features
                .insert(name.into(), entries.into_iter().map(String::from).collect());
        }
        facade
            .optional
            .insert("oc-messaging".into(), "rblx-oc-messaging".into());
        facade
    }

    #[test]
    fn plans_a_check_per_feature_and_selects_by_name() -> Result {
        let steps = plan(facade());
        assert_eq!(
            names(&steps),
            [
                "fmt",
                "features",
                "clippy",
                "test",
                "fuzz",
                "soak",
                "check",
                "check:full",
                "check:messaging",
                "deps",
                "doc"
            ]
        );
        let chosen = select(steps, &["check".into(), "doc".into()])?;
        assert_eq!(
            names(&chosen),
            ["check", "check:full", "check:messaging", "doc"]
        );
        assert!(select(plan(facade()), &["nope".into()]).is_err());
        Ok(())
    }

    #[test]
    fn the_feature_rules_pass_for_a_sound_facade() -> Result {
        feature_rules(&facade())()
    }

    #[test]
    fn shows_minutes() {
        assert_eq!(minutes(Duration::from_secs(754)), "12m 34s");
    }
}
