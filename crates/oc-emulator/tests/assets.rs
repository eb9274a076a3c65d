//! The asset and place publishing routes, driven with raw requests: documented shapes and
//! answers that the client never provokes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{call, emulator};
use http::Method;
use oc_emulator::Config;

/// A multipart body with a `request` part and a file part.
fn form(request: &str, content_type: &str, file: &str) -> String {
    format!(
        "--XyZ\r\nContent-Disposition: form-data; name=\"request\"\r\n\r\n{request}\r\n\
         --XyZ\r\nContent-Disposition: form-data; name=\"fileContent\"; filename=\"f\"\r\n\
         Content-Type: {content_type}\r\n\r\n{file}\r\n--XyZ--\r\n"
    )
}

const DECAL: &str = r#"{"assetType":"ASSET_TYPE_DECAL","displayName":"D","description":"","creationContext":{"creator":{"userId":3000}}}"#;

#[tokio::test]
async fn an_upload_answers_an_operation_in_the_documented_shape() {
    let emulator = emulator().await;
    let created = call(&emulator, Method::POST, "/assets/v1/assets")
        .header("content-type", "multipart/form-data; boundary=XyZ")
        .body(&form(DECAL, "image/bmp", "BM and some pixels"))
        .answer()
        .await;
    assert_eq!(created.status, 200, "{}", created.body);
    let operation = created.json();
    let id = operation["operationId"].as_str().unwrap().to_owned();
    assert_eq!(operation["path"], format!("operations/{id}"));
    assert_eq!(operation["done"], false);
    assert!(operation.get("response").is_none());

    let path = format!("/assets/v1/operations/{id}");
    let first = call(&emulator, Method::GET, &path).answer().await.json();
    assert_eq!(first["done"], false);
    let second = call(&emulator, Method::GET, &path).answer().await.json();
    assert_eq!(second["done"], true);
    let asset = &second["response"];
    assert_eq!(
        asset["@type"],
        "type.googleapis.com/roblox.open_cloud.assets.v1.Asset"
    );
    assert_eq!(asset["assetType"], "Decal");
    assert_eq!(asset["creationContext"]["creator"]["userId"], "3000");
    assert_eq!(asset["moderationResult"]["moderationState"], "Approved");
    let asset_id = asset["assetId"].as_str().unwrap();
    assert_eq!(asset["path"], format!("assets/{asset_id}"));

    let got = call(
        &emulator,
        Method::GET,
        format!("/assets/v1/assets/{asset_id}"),
    )
    .answer()
    .await;
    assert_eq!(got.json()["displayName"], "D");
    let missing = call(&emulator, Method::GET, "/assets/v1/assets/1")
        .answer()
        .await;
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.json(),
        serde_json::json!({"code": 404, "message": "Asset doesn't exist"})
    );
}

#[tokio::test]
async fn broken_bodies_and_wrong_types_are_refused() {
    let emulator = emulator().await;
    let no_boundary = call(&emulator, Method::POST, "/assets/v1/assets")
        .header("content-type", "multipart/form-data")
        .body("x")
        .answer()
        .await;
    assert_eq!(no_boundary.status, 400);
    assert_eq!(
        no_boundary.json()["message"],
        "Invalid argument. Failed to parse the request or the file."
    );
    let wrong_type = call(&emulator, Method::POST, "/assets/v1/assets")
        .header("content-type", "multipart/form-data; boundary=XyZ")
        .body(&form(DECAL, "audio/mpeg", "ID3 tag"))
        .answer()
        .await;
    assert_eq!(wrong_type.status, 400);
    let not_png = call(&emulator, Method::POST, "/assets/v1/assets")
        .header("content-type", "multipart/form-data; boundary=XyZ")
        .body(&form(DECAL, "image/png", "GIF89a"))
        .answer()
        .await;
    assert_eq!(
        not_png.json(),
        serde_json::json!({"code": 400, "message": "\"InvalidImage\""})
    );
    let place = call(
        &emulator,
        Method::POST,
        "/universes/v1/1000/places/2000/versions?versionType=Saved",
    )
    .header("content-type", "application/octet-stream")
    .body("not a place")
    .answer()
    .await;
    assert_eq!(place.status, 400);
    let no_version_type = call(
        &emulator,
        Method::POST,
        "/universes/v1/1000/places/2000/versions",
    )
    .header("content-type", "application/octet-stream")
    .body("<roblox!")
    .answer()
    .await;
    assert_eq!(no_version_type.status, 400);
    assert!(emulator.assets().is_empty());
    assert!(emulator.place_versions().is_empty());
}

#[test]
fn the_documented_assets_table_parses() {
    let docs = include_str!("../src/lib.rs");
    let toml: String = docs
        .lines()
        .filter_map(|l| l.strip_prefix("//! ").or(l.strip_prefix("//!")))
        .skip_while(|l| !l.starts_with("```toml"))
        .skip(1)
        .take_while(|l| !l.starts_with("```"))
        .map(|l| format!("{l}\n"))
        .collect();
    let config = Config::from_toml_str(&toml).unwrap();
    assert_eq!(config.assets.max_place_bytes, 10 * 1024 * 1024);
    assert_eq!(config.assets.polls_until_done, 2);
    assert_eq!(config.assets.moderated_words, ["badword"]);
    assert_eq!(config.rate_limits.place_publish_per_owner, 30);
    assert_eq!(config.rate_limits.assets_operations_per_owner, 300);
}

#[tokio::test]
async fn an_xml_place_sent_as_octet_stream_is_published() {
    let emulator = emulator().await;
    let xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<roblox version=\"4\"></roblox>";
    for content_type in ["application/octet-stream", "application/xml"] {
        let answer = call(
            &emulator,
            Method::POST,
            "/universes/v1/1000/places/2000/versions?versionType=Saved",
        )
        .header("content-type", content_type)
        .body(xml)
        .answer()
        .await;
        assert_eq!(answer.status, 200, "{content_type}: {}", answer.body);
    }
    let versions = emulator.place_versions();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0].content_type, "application/octet-stream");
}
