//! What the integration tests share: emulators, clients and sample files.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use oc_core::{Client, ClientBuilder, RetryConfig};
use oc_emulator::{Config, Emulator, EmulatorHandle, UniverseSelector, DEFAULT_USER_ID};

/// The Bearer token the test configurations accept, for user 3000.
pub const TOKEN: &str = "test-oauth-token";

/// The built-in world plus an OAuth token with the asset scopes, rate limits off.
pub fn config() -> Config {
    Config::default().with_oauth_token(
        TOKEN,
        DEFAULT_USER_ID,
        &[UniverseSelector::All],
        &["asset:read", "asset:write"],
    )
}

/// An emulator with `config`, rate limits off.
#[allow(clippy::expect_used, reason = "test setup: no emulator fails the test")]
pub async fn emulator_with(config: Config) -> EmulatorHandle {
    Emulator::builder()
        .config(config)
        .rate_limits(false)
        .start()
        .await
        .expect("the emulator starts")
}

/// An emulator with [`config`].
pub async fn emulator() -> EmulatorHandle {
    emulator_with(config()).await
}

fn retry() -> RetryConfig {
    RetryConfig::default()
        .with_max_attempts(4)
        .with_backoff(Duration::from_millis(10), Duration::from_millis(50))
}

/// The client `builder` makes.
#[allow(clippy::expect_used, reason = "test setup: no client fails the test")]
fn build(builder: ClientBuilder) -> Client {
    builder.build().expect("client")
}

/// A client with the emulator's API key and quick retries.
pub fn client(emulator: &EmulatorHandle) -> Client {
    build(
        Client::builder()
            .base_url(emulator.base_url())
            .api_key(emulator.api_key())
            .retry(retry()),
    )
}

/// A client with [`TOKEN`] as Bearer token.
pub fn bearer_client(emulator: &EmulatorHandle) -> Client {
    build(
        Client::builder()
            .base_url(emulator.base_url())
            .access_token(TOKEN)
            .retry(retry()),
    )
}

/// A client with retries off.
pub fn client_without_retries(emulator: &EmulatorHandle) -> Client {
    build(
        Client::builder()
            .base_url(emulator.base_url())
            .api_key(emulator.api_key())
            .retry(RetryConfig::disabled()),
    )
}

/// A small valid PNG signature followed by some bytes.
pub fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend((0..200u32).map(|i| (i % 251) as u8));
    bytes
}

/// Valid first bytes for a file of each extension.
pub fn sample(extension: &str) -> Vec<u8> {
    let head: &[u8] = match extension {
        "png" => return png(),
        "jpeg" | "jpg" => b"\xFF\xD8\xFF\xE0\0\x10JFIF",
        "bmp" => b"BM\x36\0\0\0\0\0\0\0",
        "tga" => b"\0\0\x02\0\0\0\0\0\0\0\0\0\x01\0\x01\0\x20\0\0\0\0\0",
        "mp3" => b"ID3\x04\0\0\0\0\0\0",
        "ogg" => b"OggS\0\x02",
        "wav" => b"RIFF\x24\0\0\0WAVEfmt ",
        "flac" => b"fLaC\0\0\0\x22",
        "rbxm" => b"<roblox!\x89\xff\r\n\x1a\n",
        "rbxmx" => b"<roblox version=\"4\"></roblox>",
        "fbx" => b"Kaydara FBX Binary  \0\x1a\0",
        "gltf" => b"{\"asset\":{\"version\":\"2.0\"}}",
        "glb" => b"glTF\x02\0\0\0",
        "mp4" | "mov" => b"\0\0\0\x18ftypmp42\0\0\0\0",
        "mesh" => b"version 2.00\n",
        "rbxl" => b"<roblox!\x89\xff\r\n\x1a\n\0\0",
        "rbxlx" => b"<roblox version=\"4\"></roblox>",
        other => panic!("no sample for {other}"),
    };
    let mut bytes = head.to_vec();
    bytes.extend_from_slice(&[7u8; 64]);
    bytes
}

/// A fresh file in the temporary directory holding `bytes`.
pub fn temp_file(name: &str, bytes: &[u8]) -> std::io::Result<TempFile> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let dir = std::env::temp_dir().join(format!(
        "oc-assets-test-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(name);
    // Made before writing, so the directory is removed even when the write fails.
    let file = TempFile { dir, path };
    std::fs::write(&file.path, bytes)?;
    Ok(file)
}

/// A file removed on drop.
pub struct TempFile {
    dir: PathBuf,
    pub path: PathBuf,
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// How many logged requests went to `route`.
pub fn count(emulator: &EmulatorHandle, route: &str) -> usize {
    emulator
        .requests()
        .iter()
        .filter(|r| r.route.as_deref() == Some(route))
        .count()
}
