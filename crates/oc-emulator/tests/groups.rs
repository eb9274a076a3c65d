//! Groups through Open Cloud v2 over real sockets: seeding from the configuration, the
//! filter grammars (anything else is 400), page tokens bound to the filter, membership
//! ids, group keys, rate limits and configuration checks.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use http::Method;
use oc_emulator::Config;

const CONFIG: &str = r#"
[rate_limits]
groups_join_decisions_per_owner = 2

[[users]]
id = 1
name = "owner"

[[groups]]
id = 7
name = "Seven"
owner = 1

[[api_keys]]
key = "owner"
owner = { user = 1 }
[[api_keys.grants]]
universe = "*"
scopes = ["group:read", "group:write", "group-forum:read"]

[[api_keys]]
key = "group"
owner = { group = 7 }
[[api_keys.grants]]
universe = "*"
scopes = ["group:read", "group:write"]

[[group_roles]]
group = 7
id = 70
name = "Recruit"
rank = 5
permissions = ["viewForums"]

[[group_roles]]
group = 7
name = "Officer"
rank = 50
description = "Keeps order"

[[group_members]]
group = 7
user = 2
ranks = [5, 50]

[[group_members]]
group = 7
user = 3

[[group_join_requests]]
group = 7
user = 4

[[group_join_requests]]
group = 7
user = 5

[[group_join_requests]]
group = 7
user = 6

[[group_forum_categories]]
group = 7
id = "cat"
display_name = "News"
[[group_forum_categories.posts]]
id = "post"
title = "Hello"
text = "First"
[[group_forum_categories.posts.comments]]
id = "c1"
text = "Reply"
"#;

async fn get(emulator: &oc_emulator::EmulatorHandle, key: &str, path: &str) -> Answer {
    call(emulator, Method::GET, path)
        .credential("x-api-key", key)
        .answer()
        .await
}

#[tokio::test]
async fn the_configuration_seeds_roles_members_requests_and_forum() {
    let emulator = emulator_with(CONFIG).await;
    let roles = get(&emulator, "owner", "/cloud/v2/groups/7/roles")
        .await
        .json();
    let ranks: Vec<_> = roles["groupRoles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_owned(),
                r["rank"].as_u64().unwrap(),
            )
        })
        .collect();
    // Configured roles, plus the guest and owner roles a group always has.
    assert_eq!(
        ranks,
        vec![
            ("7000".to_owned(), 0),
            ("70".to_owned(), 5),
            ("7050".to_owned(), 50),
            ("7255".to_owned(), 255)
        ]
    );
    assert_eq!(roles["groupRoles"][2]["description"], "Keeps order");
    assert_eq!(roles["groupRoles"][1]["permissions"]["viewForums"], true);
    assert_eq!(roles["groupRoles"][1]["permissions"]["changeRank"], false);
    assert_eq!(roles["nextPageToken"], "");
    let member = get(
        &emulator,
        "owner",
        "/cloud/v2/groups/7/memberships?filter=user%20==%20'users/2'",
    )
    .await
    .json();
    let membership = &member["groupMemberships"][0];
    assert_eq!(membership["path"], "groups/7/memberships/Mg");
    assert_eq!(membership["role"], "groups/7/roles/7050");
    assert_eq!(
        membership["roles"],
        serde_json::json!(["groups/7/roles/70", "groups/7/roles/7050"])
    );
    let plain = get(
        &emulator,
        "owner",
        "/cloud/v2/groups/7/memberships?filter=user=='users/3'",
    )
    .await
    .json();
    assert_eq!(plain["groupMemberships"][0]["role"], "groups/7/roles/70");
    assert_eq!(emulator.group_join_requests(7), vec![4, 5, 6]);
    let comments = get(
        &emulator,
        "owner",
        "/cloud/v2/groups/7/forum-categories/cat/posts/post/comments",
    )
    .await
    .json();
    let comments = comments["groupForumComments"].as_array().unwrap();
    assert_eq!(comments.len(), 2);
    assert_eq!(
        comments[1]["path"],
        "groups/7/forum-categories/cat/posts/post/comments/c1"
    );
    assert_eq!(comments[1]["message"]["plainText"], "Reply");
    assert_eq!(comments[1]["message"]["author"], "users/1");
}

#[tokio::test]
async fn unsupported_filters_and_changed_filters_are_400() {
    let emulator = emulator_with(CONFIG).await;
    for path in [
        "/cloud/v2/groups/7/memberships?filter=name%20==%20'x'",
        "/cloud/v2/groups/7/memberships?filter=user%20in%20['users/1']",
        "/cloud/v2/groups/7/memberships?filter=role%20==%20'groups/8/roles/1'",
        "/cloud/v2/groups/7/memberships?filter=user%20==%20'users/x'",
        "/cloud/v2/groups/7/memberships?filter=user%20==%20'users/1'%20%26%26%20role%20==%20'groups/7/roles/70'",
        "/cloud/v2/groups/-/memberships",
        "/cloud/v2/groups/-/memberships?filter=role%20==%20'groups/7/roles/70'",
        "/cloud/v2/groups/7/join-requests?filter=user%20in%20['users/4']",
        "/cloud/v2/groups/7/forum-categories?filter=pinned==true",
        "/cloud/v2/groups/7/forum-categories?filter=archived==maybe",
        "/cloud/v2/groups/7/forum-categories/cat/posts?filter=pinned==false",
        "/cloud/v2/groups/7/forum-categories/cat/posts?view=BASIC",
        "/cloud/v2/groups/7/forum-categories/cat/posts/post/comments?filter=author==x",
        "/cloud/v2/groups/x",
    ] {
        let answer = get(&emulator, "owner", path).await;
        assert_eq!(answer.status, 400, "{path}: {}", answer.body);
        assert_eq!(answer.json()["code"], "INVALID_ARGUMENT", "{path}");
    }
    let users: Vec<String> = (1..=51).map(|u| format!("'users/{u}'")).collect();
    let too_many = format!(
        "/cloud/v2/groups/-/memberships?filter=user%20in%20[{}]",
        users.join(",")
    );
    assert_eq!(get(&emulator, "owner", &too_many).await.status, 400);
    let fifty = format!(
        "/cloud/v2/groups/-/memberships?filter=user%20in%20[{}]",
        users[..50].join(",")
    );
    let answer = get(&emulator, "owner", &fifty).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(
        answer.json()["groupMemberships"].as_array().unwrap().len(),
        3
    );

    // A page token belongs to the filter it was given with.
    let first = get(
        &emulator,
        "owner",
        "/cloud/v2/groups/7/join-requests?maxPageSize=1",
    )
    .await;
    let token = first.json()["nextPageToken"].as_str().unwrap().to_owned();
    let next = format!("/cloud/v2/groups/7/join-requests?maxPageSize=1&pageToken={token}");
    assert_eq!(get(&emulator, "owner", &next).await.status, 200);
    let changed = format!("{next}&filter=user%20==%20'users/5'");
    assert_eq!(get(&emulator, "owner", &changed).await.status, 400);
}

#[tokio::test]
async fn membership_ids_take_both_forms_and_a_group_key_acts_as_the_owner() {
    let emulator = emulator_with(CONFIG).await;
    for (id, role) in [("Mw", "groups/7/roles/7050"), ("3", "groups/7/roles/70")] {
        let answer = call(
            &emulator,
            Method::POST,
            format!("/cloud/v2/groups/7/memberships/{id}:assignRole"),
        )
        .credential("x-api-key", "group")
        .json(&format!(r#"{{"role":"{role}"}}"#))
        .answer()
        .await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        assert_eq!(answer.json()["path"], "groups/7/memberships/Mw");
    }
    assert_eq!(emulator.group_member_roles(7, 3), Some(vec![70, 7050]));
    // A missing role is 400; an empty body to :accept is fine.
    let missing = call(
        &emulator,
        Method::POST,
        "/cloud/v2/groups/7/memberships/3:unassignRole",
    )
    .credential("x-api-key", "group")
    .json("{}")
    .answer()
    .await;
    assert_eq!(missing.status, 400);
    let accepted = call(
        &emulator,
        Method::POST,
        "/cloud/v2/groups/7/join-requests/4:accept",
    )
    .credential("x-api-key", "group")
    .answer()
    .await;
    assert_eq!(accepted.status, 200, "{}", accepted.body);
    assert_eq!(accepted.json(), serde_json::json!({}));
    assert_eq!(emulator.group_member_roles(7, 4), Some(vec![70]));
}

#[tokio::test]
async fn accept_and_decline_have_the_published_limit_each() {
    let emulator = emulator_with(CONFIG).await;
    let decide = |verb: &'static str, user: u64| {
        call(
            &emulator,
            Method::POST,
            format!("/cloud/v2/groups/7/join-requests/{user}:{verb}"),
        )
        .credential("x-api-key", "owner")
        .json("{}")
        .answer()
    };
    assert_eq!(decide("accept", 4).await.status, 200);
    let second = decide("accept", 5).await;
    assert_eq!(second.status, 200);
    assert!(second.header("x-ratelimit-limit").is_some());
    // Each method has its own window.
    assert_eq!(decide("decline", 6).await.status, 200);
    assert_eq!(decide("accept", 6).await.status, 429);
}

#[tokio::test]
async fn inconsistent_group_contents_are_rejected() {
    let base = "[[users]]\nid = 1\nname = \"o\"\n[[groups]]\nid = 7\nname = \"S\"\nowner = 1\n";
    for (extra, needle) in [
        ("[[group_members]]\ngroup = 8\nuser = 2\n", "not declared"),
        ("[[group_members]]\ngroup = 7\nuser = 1\n", "owns group"),
        ("[[group_members]]\ngroup = 7\nuser = 2\nranks = [9]\n", "no role has rank"),
        ("[[group_members]]\ngroup = 7\nuser = 2\nranks = [255]\n", "cannot be held"),
        (
            "[[group_roles]]\ngroup = 7\nname = \"A\"\nrank = 3\n[[group_roles]]\ngroup = 7\nname = \"B\"\nrank = 3\n",
            "declared twice",
        ),
        (
            "[[group_roles]]\ngroup = 7\nname = \"A\"\nrank = 3\npermissions = [\"fly\"]\n",
            "not a permission",
        ),
        (
            "[[group_members]]\ngroup = 7\nuser = 2\n[[group_join_requests]]\ngroup = 7\nuser = 2\n",
            "member of group",
        ),
        (
            "[[group_forum_categories]]\ngroup = 7\ndisplay_name = \"c\"\n[[group_forum_categories.posts]]\ntitle = \"t\"\ntext = \"x\"\n[[group_forum_categories.posts.comments]]\ntext = \"r\"\nreplies_to = \"nope\"\n",
            "replies to",
        ),
    ] {
        let error = Config::from_toml_str(&format!("{base}{extra}")).unwrap_err();
        assert!(error.to_string().contains(needle), "{error}");
    }
    let long = format!(
        "{base}[[group_settings]]\ngroup = 7\nshout = \"{}\"\n",
        "s".repeat(256)
    );
    assert!(Config::from_toml_str(&long).is_err());
}
