//! Upload a file as an asset: `cargo run --example upload_asset -- PATH [TYPE]`.
//!
//! The asset type is taken from the extension (`.png` a decal, `.mp3` audio, `.fbx` a
//! model, …) unless given. The file is streamed from disk. Without credentials in the
//! environment the upload goes to a local emulator; with them, set
//! `RBLX_OPEN_CLOUD_USER_ID` to the owner.

use std::time::Duration;

use rblx_open_cloud::assets::{AssetType, Content};
use rblx_open_cloud::prelude::*;
use rblx_open_cloud_examples::Target;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        return Err("usage: upload_asset PATH [Decal|Audio|Model|Animation|Video|Image]".into());
    };
    let content = Content::file(&path).await?;
    let asset_type = match args.next() {
        Some(name) => AssetType::parse(&name),
        None => type_of(&path).ok_or("cannot tell the asset type from the extension; give it")?,
    };

    let target = Target::from_env_or_emulator().await?;
    let user_id = match &target.emulator {
        Some(emulator) => emulator.user_id(),
        None => std::env::var("RBLX_OPEN_CLOUD_USER_ID")?.trim().parse()?,
    };
    let name = std::path::Path::new(&path)
        .file_stem()
        .map_or_else(|| "upload".into(), |s| s.to_string_lossy().into_owned());
    println!("uploading {path} ({} bytes) as {asset_type}", content.len());
    upload(&target.client.user(user_id), asset_type, name, content).await?;
    if let Some(emulator) = target.emulator {
        emulator.shutdown().await;
    }
    Ok(())
}

/// Uploads `content` for `user` and waits for the asset.
async fn upload(
    user: &User,
    asset_type: AssetType,
    name: String,
    content: Content,
) -> Result<(), Error> {
    let asset = user
        .upload_asset(asset_type, name, content)
        .await?
        .wait(Duration::from_secs(120))
        .await?;
    println!(
        "asset {} {:?}, revision {:?}, moderation {:?}",
        asset.id, asset.name, asset.revision_id, asset.moderation_state
    );
    Ok(())
}

/// The asset type usually meant by an extension.
fn type_of(path: &str) -> Option<AssetType> {
    let extension = std::path::Path::new(path)
        .extension()?
        .to_string_lossy()
        .to_ascii_lowercase();
    Some(match extension.as_str() {
        "png" | "jpg" | "jpeg" | "bmp" | "tga" => AssetType::Decal,
        "mp3" | "ogg" | "wav" | "flac" => AssetType::Audio,
        "fbx" | "gltf" | "glb" | "rbxm" | "rbxmx" => AssetType::Model,
        "mp4" | "mov" => AssetType::Video,
        _ => return None,
    })
}
