//! Reading configurations.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use oc_emulator::{
    Config, DropMode, Emulator, EmulatorError, FaultRule, Owner, UniverseSelector, DEFAULT_API_KEY,
    DEFAULT_UNIVERSE_ID, DEFAULT_USER_ID,
};

/// The example of the crate docs, which the README copies.
const DOCUMENTED: &str = r#"
[rate_limits]
enabled = true
messaging_publish_per_owner = 5000
messaging_publish_per_ip = 10000
datastores_per_universe_reads = 300
datastores_per_universe_writes = 300
datastores_per_owner = 5000

[[universes]]
id = 1000
places = [2000]
owner = { user = 3000 }

[[users]]
id = 3000
name = "emulator_user"
display_name = "Emulator User"

[[groups]]
id = 4000
name = "Emulator Group"
owner = 3000

[[api_keys]]
key = "my-local-key"
owner = { user = 3000 }
[[api_keys.grants]]
universe = 1000
scopes = ["universe-messaging-service:publish"]

[[oauth_tokens]]
token = "my-local-token"
user = 3000
universes = [1000]
scopes = ["universe-messaging-service:publish"]

[[data_stores]]
universe = 1000
name = "PlayerInventory"

[[faults]]
route = "messaging.publish"
status = 503
times = 2
latency_ms = 0
retry_after_secs = 1
repeat_cursor = false
"#;

#[test]
fn the_documented_example_parses() {
    let config = Config::from_toml_str(DOCUMENTED).unwrap();
    assert!(config.rate_limits.enabled);
    assert_eq!(config.universes[0].owner, Owner::User(3000));
    assert_eq!(
        config.api_keys[0].grants[0].universe,
        UniverseSelector::Id(1000)
    );
    assert_eq!(
        config.oauth_tokens[0].universes,
        [UniverseSelector::Id(1000)]
    );
    assert_eq!(
        config.faults[0],
        FaultRule {
            route: "messaging.publish".into(),
            status: Some(503),
            times: Some(2),
            latency_ms: Some(0),
            retry_after_secs: Some(1),
            ..FaultRule::default()
        }
    );
}

#[test]
fn the_crate_docs_example_is_the_one_tested_here() {
    // Every `key = value` line of the test constant appears in the crate docs.
    let docs = include_str!("../src/lib.rs");
    for line in DOCUMENTED.lines().filter(|l| !l.trim().is_empty()) {
        assert!(
            docs.contains(&format!("//! {line}")),
            "the crate docs lack {line:?}"
        );
    }
}

#[test]
fn unknown_fields_are_rejected() {
    for typo in [
        "[rate_limits]\nenable = false",
        "[[faults]]\nroute = \"messaging.publish\"\nstatuss = 503",
        "[[universes]]\nid = 1\nowner = { user = 1 }\nplace = [2]",
        "[[api_keys]]\nkey = \"k\"\nowner = { user = 1 }\nscope = [\"*\"]",
        "[server]\nport = 1",
    ] {
        let error = Config::from_toml_str(typo).expect_err(typo);
        assert!(
            matches!(error, oc_emulator::EmulatorError::Config(_)),
            "{error:?}"
        );
    }
}

#[test]
fn inconsistent_configurations_are_rejected() {
    for (text, mentions) in [
        ("[[universes]]\nid = 1\nowner = { user = 9 }", "user:9"),
        ("[[users]]\nid = 1\nname = \"a\"\n[[users]]\nid = 1\nname = \"b\"", "declared twice"),
        ("[[faults]]\nroute = \"messaging.publsh\"", "messaging.publish"),
        ("[[faults]]\nroute = \"*\"\nfraction = 2.0", "fraction"),
        ("[[api_keys]]\nkey = \"k\"\nowner = { group = 4 }", "group:4"),
        ("[[api_keys]]\nkey = \"k\"\nowner = { team = 4 }", "team"),
        (
            "[[users]]\nid = 1\nname = \"u\"\n[[api_keys]]\nkey = \"k\"\nowner = { user = 1 }\n[[api_keys.grants]]\nuniverse = \"all\"",
            "expected a universe id or \"*\"",
        ),
    ] {
        let error = Config::from_toml_str(text).expect_err(text).to_string();
        assert!(error.contains(mentions), "{text}: {error}");
    }
}

#[test]
fn secrets_are_not_echoed_in_errors() {
    let text = "[[users]]\nid = 1\nname = \"u\"\n[[api_keys]]\nkey = \"s3cret\"\nowner = { user = 1 }\n[[api_keys]]\nkey = \"s3cret\"\nowner = { user = 1 }";
    let error = Config::from_toml_str(text).unwrap_err().to_string();
    assert!(!error.contains("s3cret"), "{error}");
}

#[test]
fn a_file_replaces_the_built_in_world() {
    let config =
        Config::from_toml_str("[[faults]]\nroute = \"*\"\ndrop = \"after_apply\"").unwrap();
    assert!(config.universes.is_empty() && config.api_keys.is_empty());
    assert_eq!(config.faults[0].drop, Some(DropMode::AfterApply));
    let default = Config::default();
    assert_eq!(default.api_keys[0].key, DEFAULT_API_KEY);
    assert_eq!(
        default.api_keys[0].grants[0].universe,
        UniverseSelector::All
    );
    assert_eq!(Config::empty().universes.len(), 0);
}

#[test]
fn from_file_reads_and_names_the_file() {
    let dir = std::env::temp_dir().join(format!("oc-emulator-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.toml");
    std::fs::write(&good, DOCUMENTED).unwrap();
    assert_eq!(
        Config::from_file(&good).unwrap(),
        Config::from_toml_str(DOCUMENTED).unwrap()
    );
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "nonsense = 1").unwrap();
    let error = Config::from_file(&bad).unwrap_err().to_string();
    assert!(error.contains("bad.toml"), "{error}");
    assert!(Config::from_file(dir.join("missing.toml")).is_err());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn the_handle_reports_the_first_of_each() {
    let text = DOCUMENTED.replace(
        "[[users]]",
        "[[universes]]\nid = 7\nplaces = [8]\nowner = { group = 4000 }\n\n[[users]]",
    );
    let config = Config::from_toml_str(&text).unwrap();
    let emulator = Emulator::builder().config(config).start().await.unwrap();
    assert_eq!(emulator.api_key(), "my-local-key");
    assert_eq!(emulator.universe_id(), 1000);
    assert_eq!(emulator.place_id(), 2000);
    assert_eq!(emulator.user_id(), 3000);
    assert_eq!(emulator.group_id(), 4000);

    let defaults = Emulator::start().await.unwrap();
    assert_eq!(defaults.api_key(), DEFAULT_API_KEY);
    assert_eq!(
        (
            defaults.universe_id(),
            defaults.place_id(),
            defaults.user_id(),
            defaults.group_id()
        ),
        (1000, 2000, 3000, 4000)
    );
    let invalid = Config {
        faults: vec![FaultRule {
            route: "nope".into(),
            ..FaultRule::default()
        }],
        ..Config::default()
    };
    assert!(Emulator::builder().config(invalid).start().await.is_err());
}

#[test]
fn keys_and_tokens_can_be_added_in_code_to_the_built_in_world() -> Result<(), EmulatorError> {
    let config = Config::default()
        .with_api_key(
            "list-only",
            Owner::User(DEFAULT_USER_ID),
            UniverseSelector::Id(DEFAULT_UNIVERSE_ID),
            &["universe-datastores.control:list"],
        )
        .with_oauth_token(
            "token",
            DEFAULT_USER_ID,
            &[UniverseSelector::All],
            &["universe-messaging-service:publish"],
        );
    config.validate()?;
    assert_eq!(config.api_keys.len(), 2);
    assert_eq!(config.api_keys[0].key, DEFAULT_API_KEY);
    assert_eq!(
        config.api_keys[1].grants[0].scopes,
        ["universe-datastores.control:list"]
    );
    assert_eq!(config.oauth_tokens[0].universes, [UniverseSelector::All]);
    Ok(())
}
