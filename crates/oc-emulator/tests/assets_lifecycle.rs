//! The asset lifecycle routes, driven with raw requests: version and asset shapes in
//! PascalCase, read masks, version pages, rollbacks in JSON and multipart, archive and
//! restore, and the scopes they need.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{call, emulator, emulator_with, Answer};
use http::Method;
use oc_emulator::{EmulatorHandle, ExistingAsset, Owner};
use serde_json::json;

/// Asset 77 (a Model of user 3000) with `updates` name updates: versions 1 to
/// `updates + 1`.
async fn asset_with_versions(emulator: &EmulatorHandle, updates: u32) {
    emulator.add_asset(&ExistingAsset {
        id: Some(77),
        asset_type: "Model".into(),
        display_name: "M".into(),
        description: "d".into(),
        creator: Owner::User(3000),
        content_type: None,
        size: 3,
    });
    for n in 0..updates {
        let body = format!(
            "--XyZ\r\nContent-Disposition: form-data; name=\"request\"\r\n\r\n\
             {{\"assetId\":77,\"displayName\":\"M{n}\"}}\r\n--XyZ--\r\n"
        );
        let updated = call(
            emulator,
            Method::PATCH,
            "/assets/v1/assets/77?updateMask=displayName",
        )
        .header("content-type", "multipart/form-data; boundary=XyZ")
        .body(&body)
        .answer()
        .await;
        assert_eq!(updated.status, 200, "{}", updated.body);
    }
}

fn numbers(answer: &Answer) -> Vec<String> {
    answer.json()["assetVersions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            v["path"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_owned()
        })
        .collect()
}

#[tokio::test]
async fn versions_are_listed_newest_first_in_the_object_form() {
    let emulator = emulator().await;
    asset_with_versions(&emulator, 9).await;
    let first = call(&emulator, Method::GET, "/assets/v1/assets/77/versions")
        .answer()
        .await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(
        numbers(&first),
        ["10", "9", "8", "7", "6", "5", "4", "3"],
        "8 by default"
    );
    assert_eq!(
        first.json()["assetVersions"][0],
        json!({"path": "assets/77/versions/10",
               "creationContext": {"creator": {"userId": "3000"}},
               "moderationResult": {"moderationState": "Approved"}})
    );
    let token = first.json()["nextPageToken"].as_str().unwrap().to_owned();
    let second = call(
        &emulator,
        Method::GET,
        format!("/assets/v1/assets/77/versions?pageToken={token}"),
    )
    .answer()
    .await;
    assert_eq!(numbers(&second), ["2", "1"]);
    assert!(second.json().get("nextPageToken").is_none());
    let big = call(
        &emulator,
        Method::GET,
        "/assets/v1/assets/77/versions?maxPageSize=500",
    )
    .answer()
    .await;
    assert_eq!(numbers(&big).len(), 10, "coerced to 50");
    let bad = call(
        &emulator,
        Method::GET,
        "/assets/v1/assets/77/versions?pageToken=x",
    )
    .answer()
    .await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["code"], 400, "the Assets error shape");
    let missing = call(&emulator, Method::GET, "/assets/v1/assets/78/versions")
        .answer()
        .await;
    assert_eq!(missing.status, 404);
    let one = call(&emulator, Method::GET, "/assets/v1/assets/77/versions/4")
        .answer()
        .await;
    assert_eq!(one.json()["path"], "assets/77/versions/4");
    for (path, status) in [
        ("/assets/v1/assets/77/versions/11", 404),
        ("/assets/v1/assets/77/versions/0", 400),
        ("/assets/v1/assets/77/versions/x", 400),
    ] {
        assert_eq!(
            call(&emulator, Method::GET, path).answer().await.status,
            status,
            "{path}"
        );
    }
}

#[tokio::test]
async fn read_masks_pick_the_fields() {
    let emulator = emulator().await;
    asset_with_versions(&emulator, 0).await;
    let core = call(&emulator, Method::GET, "/assets/v1/assets/77")
        .answer()
        .await
        .json();
    assert_eq!(core["state"], "Active");
    assert_eq!(core["assetType"], "Model");
    assert!(core.get("description").is_none(), "{core}");
    let masked = call(
        &emulator,
        Method::GET,
        "/assets/v1/assets/77?readMask=description%2CtwitchSocialLink%2Cpreviews",
    )
    .answer()
    .await
    .json();
    assert_eq!(
        masked,
        json!({"path": "assets/77", "description": "d", "previews": []})
    );
    let bad = call(
        &emulator,
        Method::GET,
        "/assets/v1/assets/77?readMask=colour",
    )
    .answer()
    .await;
    assert_eq!(bad.status, 400);
}

#[tokio::test]
async fn rollbacks_take_json_and_multipart_and_mint_a_version() {
    let emulator = emulator().await;
    asset_with_versions(&emulator, 2).await;
    let json_body = call(
        &emulator,
        Method::POST,
        "/assets/v1/assets/77/versions:rollback",
    )
    .json(r#"{"assetVersion":"assets/77/versions/1"}"#)
    .answer()
    .await;
    assert_eq!(json_body.status, 200, "{}", json_body.body);
    assert_eq!(
        json_body.json()["path"],
        "assets/77/versions/1",
        "the target version"
    );
    let multipart = call(&emulator, Method::POST, "/assets/v1/assets/77/versions:rollback")
        .header("content-type", "multipart/form-data; boundary=B")
        .body("--B\r\nContent-Disposition: form-data; name=\"assetVersion\"\r\n\r\nassets/77/versions/2\r\n--B--\r\n")
        .answer()
        .await;
    assert_eq!(multipart.status, 200, "{}", multipart.body);
    assert_eq!(multipart.json()["path"], "assets/77/versions/2");
    let asset = call(&emulator, Method::GET, "/assets/v1/assets/77")
        .answer()
        .await
        .json();
    assert_eq!(asset["revisionId"], "5", "each rollback is a new version");
    for (body, status) in [
        (r#"{"assetVersion":"assets/78/versions/1"}"#, 400),
        (r#"{"assetVersion":"assets/77/versions/9"}"#, 404),
        (r#"{"assetVersion":"assets/77/versions/0"}"#, 400),
        (r#"{}"#, 400),
        ("not json", 400),
    ] {
        let refused = call(
            &emulator,
            Method::POST,
            "/assets/v1/assets/77/versions:rollback",
        )
        .json(body)
        .answer()
        .await;
        assert_eq!(refused.status, status, "{body}: {}", refused.body);
    }
}

#[tokio::test]
async fn archive_and_restore_toggle_the_state_and_gate_changes() {
    let emulator = emulator().await;
    asset_with_versions(&emulator, 1).await;
    let archived = call(&emulator, Method::POST, "/assets/v1/assets/77:archive")
        .header("content-type", "application/json")
        .answer()
        .await;
    assert_eq!(archived.status, 200, "{}", archived.body);
    assert_eq!(archived.json()["state"], "Archived");
    assert_eq!(
        call(&emulator, Method::GET, "/assets/v1/assets/77")
            .answer()
            .await
            .json()["state"],
        "Archived"
    );
    let update = call(&emulator, Method::PATCH, "/assets/v1/assets/77")
        .header("content-type", "multipart/form-data; boundary=XyZ")
        .body("--XyZ\r\nContent-Disposition: form-data; name=\"request\"\r\n\r\n{\"assetId\":77,\"displayName\":\"N\"}\r\n--XyZ--\r\n")
        .answer()
        .await;
    assert_eq!(update.status, 400);
    assert!(update.json()["message"]
        .as_str()
        .unwrap()
        .contains("archived"));
    let rollback = call(
        &emulator,
        Method::POST,
        "/assets/v1/assets/77/versions:rollback",
    )
    .json(r#"{"assetVersion":"assets/77/versions/1"}"#)
    .answer()
    .await;
    assert_eq!(rollback.status, 400);
    let restored = call(&emulator, Method::POST, "/assets/v1/assets/77:restore")
        .answer()
        .await;
    assert_eq!(restored.json()["state"], "Active");
    let missing = call(&emulator, Method::POST, "/assets/v1/assets/78:archive")
        .answer()
        .await;
    assert_eq!(missing.status, 404);
}

#[tokio::test]
async fn changes_need_asset_read_and_asset_write() {
    let emulator = emulator_with(
        r#"
[[users]]
id = 3000
name = "owner"

[[api_keys]]
key = "write-only"
owner = { user = 3000 }
[[api_keys.grants]]
universe = "*"
scopes = ["asset:write"]

[[api_keys]]
key = "read-only"
owner = { user = 3000 }
[[api_keys.grants]]
universe = "*"
scopes = ["asset:read"]

[[assets.existing]]
id = 77
asset_type = "Model"
display_name = "M"
creator = { user = 3000 }
"#,
    )
    .await;
    let write_only = call(&emulator, Method::POST, "/assets/v1/assets/77:archive")
        .credential("x-api-key", "write-only")
        .answer()
        .await;
    assert_eq!(write_only.status, 403);
    let read_only = call(&emulator, Method::POST, "/assets/v1/assets/77:archive")
        .credential("x-api-key", "read-only")
        .answer()
        .await;
    assert_eq!(read_only.status, 403);
    let listed = call(&emulator, Method::GET, "/assets/v1/assets/77/versions")
        .credential("x-api-key", "read-only")
        .answer()
        .await;
    assert_eq!(listed.status, 200, "{}", listed.body);
    assert_eq!(numbers(&listed), ["1"], "a seeded asset has version 1");
}
