//! The documentation against the code: the route tables of the crate docs and both
//! READMEs are the one the route table renders, and the configuration examples name every
//! key the parser accepts (and no other).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use oc_emulator::{route_table_markdown, Config};

/// The crate docs, as Markdown (the `//!` prefix taken off).
fn crate_docs() -> String {
    include_str!("../src/lib.rs")
        .lines()
        .filter_map(|line| line.strip_prefix("//!"))
        .map(|line| line.strip_prefix(' ').unwrap_or(line))
        .collect::<Vec<_>>()
        .join("\n")
}

const CRATE_README: &str = include_str!("../README.md");
/// The emulator's section of the workspace README.
fn root_readme() -> String {
    let text = include_str!("../../../README.md");
    let start = text.find("## The emulator").unwrap_or(0);
    let end = text
        .get(start..)
        .and_then(|rest| rest[1..].find("\n## "))
        .map_or(text.len(), |e| start + 1 + e);
    text.get(start..end).unwrap_or(text).to_owned()
}

/// The text between `<!-- routes -->` and `<!-- /routes -->`.
fn route_section(doc: &str) -> Option<String> {
    let start = doc.find("<!-- routes -->")? + "<!-- routes -->".len();
    let end = doc.find("<!-- /routes -->")?;
    Some(doc.get(start..end)?.trim().to_owned())
}

#[test]
fn every_route_table_is_the_rendered_one() {
    let expected = route_table_markdown();
    for (name, doc) in [
        ("crate docs", crate_docs()),
        ("crate README", CRATE_README.to_owned()),
        ("workspace README", root_readme()),
    ] {
        let found =
            route_section(&doc).unwrap_or_else(|| panic!("{name} has no <!-- routes --> section"));
        assert_eq!(
            found,
            expected.trim(),
            "the route table of the {name} is not the one `oc-emulator --routes` prints"
        );
    }
    for route in oc_emulator::route_names() {
        assert!(expected.contains(&format!("`{route}`")));
    }
}

/// The ```toml blocks of a Markdown text.
fn toml_blocks(doc: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in doc.lines() {
        match (&mut current, line.trim()) {
            (None, "```toml") => current = Some(String::new()),
            (Some(block), "```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

/// `table.key` for every key a TOML example sets or shows commented out (`# key = …`);
/// the keys of the top level are `.key`.
fn documented_keys(block: &str) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    let mut table = String::new();
    for line in block.lines() {
        let line = line.trim();
        if let Some(header) = line.strip_prefix('[') {
            let header = header.trim_start_matches('[');
            table = header.split(']').next().unwrap_or_default().to_owned();
            continue;
        }
        let line = line.trim_start_matches('#').trim_start();
        let Some((key, _)) = line.split_once('=') else {
            continue;
        };
        let key = key.trim();
        if !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            keys.insert(format!("{table}.{key}"));
        }
    }
    keys
}

/// The fields the parser accepts in one table, read from its "unknown field" error.
fn fields_of(prefix: &str) -> Vec<String> {
    let text = format!("{prefix}\nzz_not_a_key = 1\n");
    let error = Config::from_toml_str(&text).unwrap_err().to_string();
    let list = error
        .split("expected one of ")
        .nth(1)
        .or_else(|| error.split("expected ").nth(1))
        .unwrap_or_else(|| panic!("no field list in {error:?}"));
    let list = list.lines().next().unwrap_or_default();
    // `a`, `b` or `c`: every other piece between backticks is a name.
    list.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// Every `table.key` the parser accepts. Tables are listed here; a new top-level table
/// the parser accepts but this list lacks fails the test below.
fn accepted_keys() -> BTreeSet<String> {
    let tables = [
        ("rate_limits", "[rate_limits]"),
        ("assets", "[assets]"),
        ("assets.existing", "[[assets.existing]]"),
        ("data_store_entries", "[[data_store_entries]]"),
        (
            "ordered_data_store_entries",
            "[[ordered_data_store_entries]]",
        ),
        ("messaging", "[messaging]"),
        ("luau_execution", "[luau_execution]"),
        ("luau_execution.rules", "[[luau_execution.rules]]"),
        ("request_log", "[request_log]"),
        ("server", "[server]"),
        ("oauth2", "[oauth2]"),
        ("datastores", "[datastores]"),
        ("ordered_datastores", "[ordered_datastores]"),
        ("user_restrictions", "[user_restrictions]"),
        (
            "user_restrictions.existing",
            "[[user_restrictions.existing]]",
        ),
        ("universes", "[[universes]]"),
        ("users", "[[users]]"),
        ("groups", "[[groups]]"),
        ("api_keys", "[[api_keys]]"),
        (
            "api_keys.grants",
            "[[api_keys]]\nkey = \"k\"\nowner = { user = 1 }\n[[api_keys.grants]]",
        ),
        ("oauth_tokens", "[[oauth_tokens]]"),
        ("oauth2_apps", "[[oauth2_apps]]"),
        ("data_stores", "[[data_stores]]"),
        ("faults", "[[faults]]"),
        ("webhooks", "[[webhooks]]"),
        ("universes_api", "[universes_api]"),
        ("universe_settings", "[[universe_settings]]"),
        ("place_settings", "[[place_settings]]"),
        ("instances", "[instances]"),
        ("place_instances", "[[place_instances]]"),
        ("subscriptions", "[[subscriptions]]"),
        ("groups_api", "[groups_api]"),
        ("group_settings", "[[group_settings]]"),
        ("group_roles", "[[group_roles]]"),
        ("group_members", "[[group_members]]"),
        ("group_join_requests", "[[group_join_requests]]"),
        ("group_forum_categories", "[[group_forum_categories]]"),
        (
            "group_forum_categories.posts",
            "[[group_forum_categories]]\ngroup = 1\ndisplay_name = \"c\"\n[[group_forum_categories.posts]]",
        ),
        (
            "group_forum_categories.posts.comments",
            "[[group_forum_categories]]\ngroup = 1\ndisplay_name = \"c\"\n[[group_forum_categories.posts]]\ntitle = \"t\"\ntext = \"x\"\n[[group_forum_categories.posts.comments]]",
        ),
        ("users_api", "[users_api]"),
        ("user_profiles", "[[user_profiles]]"),
        ("asset_quotas", "[[asset_quotas]]"),
        ("inventory", "[inventory]"),
        ("inventory_items", "[[inventory_items]]"),
        ("notifications", "[notifications]"),
        ("memory_stores", "[memory_stores]"),
        ("memory_stores.queue_items", "[[memory_stores.queue_items]]"),
        (
            "memory_stores.sorted_map_items",
            "[[memory_stores.sorted_map_items]]",
        ),
    ];
    let mut keys = BTreeSet::new();
    for top in fields_of("") {
        keys.insert(format!(".{top}"));
    }
    for (table, prefix) in tables {
        for field in fields_of(prefix) {
            keys.insert(format!("{table}.{field}"));
        }
    }
    keys
}

/// Keys that name a table: documented by their `[table]` header, not as `key = …`.
fn table_keys(keys: &BTreeSet<String>) -> BTreeSet<String> {
    keys.iter()
        .filter_map(|k| k.rsplit_once('.').map(|(table, _)| table.to_owned()))
        .filter(|t| !t.is_empty())
        .flat_map(|t| {
            let top = t.split('.').next().unwrap_or_default().to_owned();
            let nested = t
                .rsplit_once('.')
                .map(|(parent, leaf)| format!("{parent}.{leaf}"));
            [Some(format!(".{top}")), nested].into_iter().flatten()
        })
        .collect()
}

/// What a documented example must name: every accepted key, with a table counted as
/// documented by its header.
fn check_complete(name: &str, doc: &str) {
    let mut documented = BTreeSet::new();
    for block in toml_blocks(doc) {
        documented.extend(documented_keys(&block));
    }
    documented.extend(table_keys(&documented));
    let accepted = accepted_keys();
    let missing: Vec<_> = accepted.difference(&documented).collect();
    let unknown: Vec<_> = documented.difference(&accepted).collect();
    assert!(
        missing.is_empty(),
        "the {name} leaves out keys the parser accepts: {missing:?}"
    );
    assert!(
        unknown.is_empty(),
        "the {name} documents keys the parser rejects: {unknown:?}"
    );
}

#[test]
fn the_crate_docs_and_readme_document_every_config_key() {
    check_complete("crate docs", &crate_docs());
    check_complete("crate README", CRATE_README);
}

#[test]
fn every_documented_configuration_parses() {
    for (name, doc) in [
        ("crate docs", crate_docs()),
        ("crate README", CRATE_README.to_owned()),
        ("workspace README", root_readme()),
    ] {
        let blocks = toml_blocks(&doc);
        assert!(!blocks.is_empty(), "{name} shows no configuration");
        for block in blocks {
            if let Err(error) = Config::from_toml_str(&block) {
                panic!("a configuration of the {name} does not parse: {error}\n{block}");
            }
        }
    }
}

#[test]
fn the_workspace_readme_names_only_accepted_keys() {
    let accepted = accepted_keys();
    for block in toml_blocks(&root_readme()) {
        for key in documented_keys(&block) {
            assert!(
                accepted.contains(&key),
                "the workspace README documents {key}"
            );
        }
    }
}
