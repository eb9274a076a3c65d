//! Uploads against the emulator over real sockets: sources, creators, credentials and
//! content types.

mod common;

use std::time::Duration;

use bytes::Bytes;
use common::*;
use oc_assets::{AssetType, Content, Creator, CreatorAssetsExt, ModerationState};
use oc_core::Client;
use oc_emulator::{Owner, DEFAULT_GROUP_ID, DEFAULT_USER_ID};

const WAIT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(20);

/// A content of each source kind, with the same bytes.
async fn contents(
    bytes: &[u8],
    file: &TempFile,
) -> Result<Vec<(&'static str, Content)>, oc_core::Error> {
    let reader = std::io::Cursor::new(bytes.to_vec());
    let chunks: Vec<Result<Bytes, std::io::Error>> = bytes
        .chunks(50)
        .map(|c| Ok(Bytes::copy_from_slice(c)))
        .collect();
    Ok(vec![
        ("path", Content::file(&file.path).await?),
        (
            "bytes",
            Content::bytes(bytes.to_vec()).content_type("image/png"),
        ),
        (
            "reader",
            Content::reader(reader, bytes.len() as u64).file_name("logo.png"),
        ),
        (
            "stream",
            Content::stream(futures::stream::iter(chunks), bytes.len() as u64)
                .content_type("image/png"),
        ),
    ])
}

#[tokio::test]
async fn every_source_uploads_for_users_and_groups_with_keys_and_tokens() {
    let emulator = emulator().await;
    let bytes = png();
    let file = temp_file("logo.png", &bytes).unwrap();
    let clients: [(&str, Client); 2] = [
        ("api key", client(&emulator)),
        ("bearer", bearer_client(&emulator)),
    ];
    let mut uploaded = 0;
    for (credential, client) in &clients {
        let user = client.user(DEFAULT_USER_ID);
        let group = client.group(DEFAULT_GROUP_ID);
        for (source, content) in contents(&bytes, &file).await.unwrap() {
            let name = format!("{credential} {source} user");
            let asset = user
                .upload_asset(AssetType::Decal, &name, content)
                .description("a decal")
                .await
                .unwrap_or_else(|e| panic!("{name}: {e}"))
                .poll_interval(POLL)
                .wait(WAIT)
                .await
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(asset.name, name);
            assert_eq!(asset.description, "a decal");
            assert_eq!(asset.asset_type, AssetType::Decal);
            assert_eq!(asset.creator, Some(Creator::User(DEFAULT_USER_ID)));
            assert_eq!(asset.moderation_state, Some(ModerationState::Approved));
            assert_eq!(asset.revision_id.as_deref(), Some("1"));
            assert!(asset.revision_time.is_some());
            uploaded += 1;
        }
        for (source, content) in contents(&bytes, &file).await.unwrap() {
            let name = format!("{credential} {source} group");
            let asset = group
                .upload_asset(AssetType::Image, &name, content)
                .await
                .unwrap_or_else(|e| panic!("{name}: {e}"))
                .poll_interval(POLL)
                .wait(WAIT)
                .await
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(asset.creator, Some(Creator::Group(DEFAULT_GROUP_ID)));
            assert_eq!(asset.asset_type, AssetType::Image);
            uploaded += 1;
        }
    }
    let stored = emulator.assets();
    assert_eq!(stored.len(), uploaded);
    assert_eq!(uploaded, 16);
    for asset in &stored {
        assert_eq!(asset.size, bytes.len() as u64, "{}", asset.display_name);
        assert_eq!(asset.checksum, stored[0].checksum, "{}", asset.display_name);
        assert_eq!(asset.content_type, "image/png");
        let owner = if asset.display_name.ends_with("group") {
            Owner::Group(DEFAULT_GROUP_ID)
        } else {
            Owner::User(DEFAULT_USER_ID)
        };
        assert_eq!(asset.creator, owner, "{}", asset.display_name);
    }
    assert_eq!(count(&emulator, "assets.create"), 16);
}

#[tokio::test]
async fn every_content_type_of_the_table_reaches_the_service_as_mapped() {
    let emulator = emulator().await;
    let user = client(&emulator).user(DEFAULT_USER_ID);
    let table = [
        ("rbxm", AssetType::Model, "model/x-rbxm"),
        ("rbxmx", AssetType::Animation, "model/x-rbxm"),
        ("mp3", AssetType::Audio, "audio/mpeg"),
        ("ogg", AssetType::Audio, "audio/ogg"),
        ("wav", AssetType::Audio, "audio/wav"),
        ("flac", AssetType::Audio, "audio/flac"),
        ("png", AssetType::Decal, "image/png"),
        ("jpeg", AssetType::Decal, "image/jpeg"),
        ("jpg", AssetType::Image, "image/jpeg"),
        ("bmp", AssetType::Decal, "image/bmp"),
        ("tga", AssetType::Decal, "image/tga"),
        ("fbx", AssetType::Model, "model/fbx"),
        ("gltf", AssetType::Model, "model/gltf+json"),
        ("glb", AssetType::Model, "model/gltf-binary"),
        ("mp4", AssetType::Video, "video/mp4"),
        ("mov", AssetType::Video, "video/mov"),
    ];
    for (extension, asset_type, content_type) in &table {
        let file = temp_file(&format!("sample.{extension}"), &sample(extension)).unwrap();
        let content = Content::file(&file.path).await.unwrap();
        let _operation = user
            .upload_asset(asset_type.clone(), *extension, content)
            .await
            .unwrap_or_else(|e| panic!("{extension}: {e}"));
        let stored = emulator.assets();
        let last = stored.last().unwrap();
        assert_eq!(last.display_name, *extension);
        assert_eq!(last.content_type, *content_type, "{extension}");
        assert_eq!(last.asset_type, asset_type.as_str());
    }
    // Meshes have no extension: the content type is given.
    let mesh = Content::bytes(sample("mesh")).content_type("model/x-file-mesh-data");
    let _operation = user
        .upload_asset(AssetType::Mesh, "mesh", mesh)
        .await
        .unwrap();
    assert_eq!(
        emulator.assets().last().map(|a| a.content_type.clone()),
        Some("model/x-file-mesh-data".to_owned())
    );
    assert_eq!(emulator.assets().len(), table.len() + 1);
}

#[tokio::test]
async fn a_model_is_updated_in_content_and_name() {
    let emulator = emulator().await;
    let user = client(&emulator).user(DEFAULT_USER_ID);
    let first = user
        .upload_asset(
            AssetType::Model,
            "Tree",
            Content::bytes(sample("rbxm")).file_name("tree.rbxm"),
        )
        .await
        .unwrap()
        .poll_interval(POLL)
        .wait(WAIT)
        .await
        .unwrap();
    let mut new_content = sample("fbx");
    new_content.extend_from_slice(b"more");
    let file = temp_file("tree.fbx", &new_content).unwrap();
    let updated = user
        .update_asset(first.id)
        .content(Content::file(&file.path).await.unwrap())
        .name("Big tree")
        .await
        .unwrap()
        .poll_interval(POLL)
        .wait(WAIT)
        .await
        .unwrap();
    assert_eq!(updated.id, first.id);
    assert_eq!(updated.name, "Big tree");
    assert_eq!(updated.revision_id.as_deref(), Some("2"));
    let stored = emulator.assets();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].content_type, "model/fbx");
    assert_eq!(stored[0].size, new_content.len() as u64);

    // Metadata only: no file part.
    let renamed = user
        .update_asset(first.id)
        .description("now with leaves")
        .await
        .unwrap()
        .poll_interval(POLL)
        .wait(WAIT)
        .await
        .unwrap();
    assert_eq!(renamed.description, "now with leaves");
    assert_eq!(renamed.name, "Big tree");
    assert_eq!(emulator.assets()[0].size, new_content.len() as u64);
}
