//! Upload a generated PNG as a decal, wait for it, and publish a small place file.
//!
//! Against Roblox, set `RBLX_OPEN_CLOUD_USER_ID` (the decal's owner) and
//! `RBLX_OPEN_CLOUD_PLACE_ID` (a place of the universe); a step whose id is missing is
//! skipped.

use std::time::Duration;

use rblx_open_cloud::assets::{AssetType, Content, VersionType};
use rblx_open_cloud::prelude::*;
use rblx_open_cloud_examples::Target;

/// Uploads a decal and publishes a place.
pub async fn run(target: &Target) -> Result<(), Error> {
    let id = |name: &str, emulated: Option<u64>| -> Option<u64> {
        emulated.or_else(|| std::env::var(name).ok()?.trim().parse().ok())
    };
    let emulator = target.emulator.as_ref();
    // The emulator's ids win over the environment's.
    let user_id = id("RBLX_OPEN_CLOUD_USER_ID", emulator.map(|e| e.user_id()));
    let place_id = id("RBLX_OPEN_CLOUD_PLACE_ID", emulator.map(|e| e.place_id()));

    if let Some(user_id) = user_id {
        let png = png::gradient(16, 16);
        let content = Content::bytes(png).file_name("quickstart.png");
        let operation = target
            .client
            .user(user_id)
            .upload_asset(AssetType::Decal, "Quickstart decal", content)
            .description("A 16x16 gradient made by the quickstart")
            .await?;
        println!(
            "uploaded a decal; the operation is {}",
            if operation.output().is_some() {
                "done"
            } else {
                "pending, waiting (polls back off from 1 s)"
            }
        );
        let asset = operation.wait(Duration::from_secs(60)).await?;
        println!(
            "asset {} {:?} ({}), moderation {:?}",
            asset.id, asset.name, asset.asset_type, asset.moderation_state
        );
    } else {
        println!("RBLX_OPEN_CLOUD_USER_ID is not set: skipping the upload");
    }

    if let Some(place_id) = place_id {
        let place = r#"<roblox version="4"><Item class="Workspace" referent="RBX0"><Properties><string name="Name">Workspace</string></Properties></Item></roblox>"#;
        let version = target
            .client
            .experience(target.universe_id)
            .publish_place(
                place_id,
                Content::bytes(place).file_name("quickstart.rbxlx"),
            )
            .version_type(VersionType::Saved)
            .await?;
        println!("saved place {place_id} as version {version}");
    } else {
        println!("RBLX_OPEN_CLOUD_PLACE_ID is not set: skipping the place publish");
    }
    Ok(())
}

/// A minimal PNG encoder: RGB, 8 bits, one zlib stream of stored (uncompressed) blocks.
mod png {
    /// A `width` × `height` red-blue gradient.
    pub fn gradient(width: u32, height: u32) -> Vec<u8> {
        let mut raw = Vec::new();
        for y in 0..height {
            raw.push(0); // filter: none
            for x in 0..width {
                let scale = |v: u32, max: u32| (v * 255 / max.max(2).saturating_sub(1)) as u8;
                raw.extend_from_slice(&[scale(x, width), 64, scale(y, height)]);
            }
        }
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut header = Vec::new();
        header.extend_from_slice(&width.to_be_bytes());
        header.extend_from_slice(&height.to_be_bytes());
        header.extend_from_slice(&[8, 2, 0, 0, 0]);
        chunk(&mut png, b"IHDR", &header);
        chunk(&mut png, b"IDAT", &zlib_stored(&raw));
        chunk(&mut png, b"IEND", &[]);
        png
    }

    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let start = out.len();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let crc = crc32(&out[start..]);
        out.extend_from_slice(&crc.to_be_bytes());
    }

    fn zlib_stored(data: &[u8]) -> Vec<u8> {
        let mut out = vec![0x78, 0x01];
        let blocks: Vec<&[u8]> = data.chunks(65_535).collect();
        for (i, block) in blocks.iter().enumerate() {
            out.push(u8::from(i + 1 == blocks.len()));
            let len = block.len() as u16;
            out.extend_from_slice(&len.to_le_bytes());
            out.extend_from_slice(&(!len).to_le_bytes());
            out.extend_from_slice(block);
        }
        let (mut a, mut b) = (1u32, 0u32);
        for byte in data {
            a = (a + u32::from(*byte)) % 65_521;
            b = (b + a) % 65_521;
        }
        out.extend_from_slice(&((b << 16) | a).to_be_bytes());
        out
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for byte in bytes {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
}
