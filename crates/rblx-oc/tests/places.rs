//! Universe, place and Luau commands against the emulator.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{emulator, run, temp_file};
use rblx_open_cloud::emulator::LuauScriptRule;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn universe_get_update_restart() {
    let emulator = emulator().await;
    let u = emulator.universe_id().to_string();
    let got = run(&emulator, &["--json", "universe", "get", "-u", &u])
        .await
        .ok()
        .json();
    assert_eq!(got["id"], emulator.universe_id());
    // Enums print as the service spells them, not in Rust's Debug form.
    let visibility = got["visibility"].as_str().unwrap();
    assert!(
        ["PUBLIC", "PRIVATE", "VISIBILITY_UNSPECIFIED"].contains(&visibility),
        "{visibility}"
    );
    let updated = run(
        &emulator,
        &[
            "--json",
            "universe",
            "update",
            "-u",
            &u,
            "--voice-chat",
            "true",
            "--vr",
            "false",
        ],
    )
    .await
    .ok()
    .json();
    assert_eq!(updated["voiceChatEnabled"], true);
    assert_eq!(updated["vrEnabled"], false);
    let linked = run(
        &emulator,
        &[
            "--json",
            "universe",
            "update",
            "-u",
            &u,
            "--social-link",
            "discord",
            "Our server",
            "https://discord.gg/example",
            "--social-link",
            "roblox-group",
            "The group",
            "https://www.roblox.com/groups/7",
        ],
    )
    .await
    .ok()
    .json();
    assert_eq!(
        linked["socialLinks"]["discord"]["uri"],
        "https://discord.gg/example"
    );
    assert_eq!(linked["socialLinks"]["roblox-group"]["title"], "The group");
    let unlinked = run(
        &emulator,
        &[
            "--json",
            "universe",
            "update",
            "-u",
            &u,
            "--remove-social-link",
            "discord",
        ],
    )
    .await
    .ok()
    .json();
    assert!(
        unlinked["socialLinks"].get("discord").is_none(),
        "{unlinked}"
    );
    assert_eq!(
        unlinked["socialLinks"]["roblox-group"]["title"],
        "The group"
    );
    let text = run(&emulator, &["universe", "get", "-u", &u]).await.ok();
    assert!(
        text.stdout.contains("voiceChatEnabled: true"),
        "{}",
        text.stdout
    );
    let restarted = run(&emulator, &["--json", "universe", "restart", "-u", &u])
        .await
        .ok()
        .json();
    assert_eq!(restarted["restarted"], true);
    // An update that sets nothing is refused before anything is sent.
    emulator.clear_requests();
    run(&emulator, &["universe", "update", "-u", &u])
        .await
        .expect_code(2);
    let myspace = [
        "universe",
        "update",
        "-u",
        &u,
        "--social-link",
        "myspace",
        "t",
        "https://x",
    ];
    run(&emulator, &myspace).await.expect_code(2);
    assert!(emulator.requests().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn place_get_update_publish_without_a_bar_off_a_terminal() {
    let emulator = emulator().await;
    let u = emulator.universe_id().to_string();
    let p = emulator.place_id().to_string();
    let got = run(&emulator, &["--json", "place", "get", "-u", &u, "-p", &p])
        .await
        .ok()
        .json();
    assert_eq!(got["id"], emulator.place_id());
    let updated = run(
        &emulator,
        &[
            "--json",
            "place",
            "update",
            "-u",
            &u,
            "-p",
            &p,
            "--server-size",
            "30",
        ],
    )
    .await
    .ok()
    .json();
    assert_eq!(updated["serverSize"], 30);

    let mut bytes = b"<roblox!".to_vec();
    bytes.resize(200 * 1024, 7);
    let file = temp_file("game.rbxl", &bytes);
    let published = run(
        &emulator,
        &[
            "--json",
            "place",
            "publish",
            "-u",
            &u,
            "-p",
            &p,
            file.to_str().unwrap(),
            "--published",
        ],
    )
    .await
    .ok();
    assert_eq!(
        published.stderr, "",
        "no progress bar when stderr is not a terminal"
    );
    let version = published.json()["versionNumber"].as_u64().unwrap();
    assert!(version >= 1);
    let versions = emulator.place_versions();
    assert_eq!(versions.len(), 1);
    // A missing file is invalid input.
    run(
        &emulator,
        &[
            "place",
            "publish",
            "-u",
            &u,
            "-p",
            &p,
            "/nonexistent/x.rbxl",
        ],
    )
    .await
    .expect_code(2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn luau_run_reports_logs_results_and_failures() {
    let emulator = emulator().await;
    let u = emulator.universe_id().to_string();
    let p = emulator.place_id().to_string();
    // The task runs against a published version.
    let place = temp_file("luau.rbxl", b"<roblox!place");
    run(
        &emulator,
        &[
            "place",
            "publish",
            "-u",
            &u,
            "-p",
            &p,
            place.to_str().unwrap(),
            "--published",
        ],
    )
    .await
    .ok();
    let script = temp_file("ok.luau", b"print('checking Workspace') return 'ok', 0");
    let base = ["luau", "run", "-u", &u, "-p", &p, "--poll-interval", "0.01"];
    let mut args: Vec<&str> = vec!["--json"];
    args.extend(base);
    args.push(script.to_str().unwrap());
    let done = run(&emulator, &args).await.ok().json();
    assert_eq!(done["state"], "COMPLETE");
    assert!(done["results"].is_array(), "{done}");
    let text: Vec<&str> = base
        .iter()
        .copied()
        .chain([script.to_str().unwrap()])
        .collect();
    run(&emulator, &text).await.ok();

    emulator.add_luau_rule(LuauScriptRule::contains("error(").error("Script:1: broken"));
    let broken = temp_file("broken.luau", b"error('broken')");
    let mut args: Vec<&str> = vec!["--json"];
    args.extend(base);
    args.push(broken.to_str().unwrap());
    let failed = run(&emulator, &args).await.expect_code(1);
    let failed = failed.json();
    assert_eq!(failed["state"], "FAILED");
    assert!(failed["error"]["message"]
        .as_str()
        .unwrap()
        .contains("broken"));
}
