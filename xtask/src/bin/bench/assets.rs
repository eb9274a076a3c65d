//! Section: a 100 MiB upload streamed from disk, bare hyper-util against this project's
//! client: throughput, and how far the bench process's peak resident memory rises above
//! where it stood before the upload (a streamed upload should not grow with the file).
//!
//! The upload is a video asset: videos may be up to 3.75 GB, so the emulator's built-in
//! caps take 100 MiB without a configuration. Both contenders send the same multipart body
//! (a JSON `request` part and the file in 64 KiB chunks) with its `Content-Length`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use bytes::Bytes;
use futures::{stream, StreamExt, TryStreamExt};
use http::header::{CONTENT_LENGTH, CONTENT_TYPE, USER_AGENT};
use http::{HeaderValue, Request};
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, StreamBody};
use hyper::body::Frame;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use oc_assets::{AssetType, Content, CreatorAssetsExt};
use tokio::runtime::Runtime;
use tokio_util::io::ReaderStream;

use crate::args::Options;
use crate::emulator::Emulator;
use crate::measure::median;
use crate::{bare, client, BoxError};

/// The file size.
const FILE_BYTES: u64 = 100 * 1024 * 1024;
/// The user of the emulator's built-in world, who owns the uploads.
const USER_ID: u64 = 3000;
/// The chunk size both contenders read the file in.
const CHUNK: usize = 64 * 1024;
/// Our throughput over the baseline's must be at least this.
const MIN_THROUGHPUT_RATIO: f64 = 0.8;
/// Our peak memory may rise at most this much during an upload.
const MAX_RSS_GROWTH: u64 = 16 * 1024 * 1024;

/// The figures of one contender.
#[derive(Debug)]
struct Figures {
    name: &'static str,
    /// Median MiB/s.
    throughput: f64,
    /// The largest rise of peak resident memory over one upload, in bytes (`None` when
    /// the platform does not tell).
    rss_growth: Option<u64>,
}

/// The section's results.
#[derive(Debug)]
pub struct Upload {
    bare: Figures,
    ours: Figures,
    runs: usize,
}

impl Upload {
    /// Prints the figures; `true` when the goals are met.
    pub fn print(&self) -> bool {
        println!();
        println!(
            "assets: upload_asset of a {} MiB video streamed from disk, median of {} runs",
            FILE_BYTES / (1024 * 1024),
            self.runs
        );
        for f in [&self.bare, &self.ours] {
            let rss = f.rss_growth.map_or_else(
                || "n/a".to_owned(),
                |g| format!("{:.1} MiB", g as f64 / (1024.0 * 1024.0)),
            );
            println!(
                "  {:<16} {:>8.1} MiB/s   peak RSS growth {rss}",
                f.name, f.throughput
            );
        }
        let ratio = self.ours.throughput / self.bare.throughput.max(f64::MIN_POSITIVE);
        let throughput_met = ratio >= MIN_THROUGHPUT_RATIO;
        let rss_met = self.ours.rss_growth.is_none_or(|g| g <= MAX_RSS_GROWTH);
        println!(
            "  throughput ratio {ratio:.2} (goal >= {MIN_THROUGHPUT_RATIO}): {}; peak RSS growth (goal <= {} MiB): {}",
            if throughput_met { "met" } else { "missed" },
            MAX_RSS_GROWTH / (1024 * 1024),
            if rss_met { "met" } else { "missed" },
        );
        throughput_met && rss_met
    }
}

/// Uploads the file `options.runs` times with each contender, taking turns.
pub fn run(runtime: &Runtime, emulator: &Emulator, options: &Options) -> Result<Upload, BoxError> {
    let file = BenchFile::create(FILE_BYTES)?;
    let ours = client::client(&emulator.base_url, &emulator.api_key)?;
    let mut bare_samples = Vec::new();
    let mut our_samples = Vec::new();
    for run in 0..options.runs {
        for turn in 0..2 {
            let bare_turn = (run + turn) % 2 == 0;
            let before = peak_reset_and_current();
            let start = Instant::now();
            if bare_turn {
                runtime.block_on(bare_upload(emulator, &file.path))?;
            } else {
                runtime.block_on(our_upload(&ours, &file.path))?;
            }
            let elapsed = start.elapsed();
            let growth = before.and_then(|b| peak().map(|p| p.saturating_sub(b)));
            let sample = (elapsed, growth);
            if bare_turn {
                bare_samples.push(sample);
            } else {
                our_samples.push(sample);
            }
        }
    }
    Ok(Upload {
        bare: figures(bare::NAME, &bare_samples),
        ours: figures(client::NAME, &our_samples),
        runs: options.runs,
    })
}

fn figures(name: &'static str, samples: &[(Duration, Option<u64>)]) -> Figures {
    let mib = FILE_BYTES as f64 / (1024.0 * 1024.0);
    let throughput = median(
        samples
            .iter()
            .map(|(d, _)| mib / d.as_secs_f64().max(1e-9))
            .collect(),
    )
    .unwrap_or(0.0);
    let rss_growth = samples.iter().map(|(_, g)| *g).collect::<Option<Vec<_>>>();
    Figures {
        name,
        throughput,
        rss_growth: rss_growth.and_then(|g| g.into_iter().max()),
    }
}

/// This project's client: `user.upload_asset(Video, …, Content::file(path))`.
async fn our_upload(client: &oc_core::Client, path: &Path) -> Result<(), BoxError> {
    let content = Content::file(path).await?;
    let _operation = client
        .user(USER_ID)
        .upload_asset(AssetType::Video, "bench", content)
        .await?;
    Ok(())
}

/// The baseline: the same multipart body, built by hand and streamed with hyper-util.
async fn bare_upload(emulator: &Emulator, path: &Path) -> Result<(), BoxError> {
    let mut connector = HttpConnector::new();
    connector.set_nodelay(true);
    let client: Client<_, BoxBody<Bytes, std::io::Error>> =
        Client::builder(TokioExecutor::new()).build(connector);
    let boundary = "bench-boundary-6b1c0e6f2a";
    let request_part = format!(
        r#"{{"assetType":"Video","displayName":"bench","description":"","creationContext":{{"creator":{{"userId":"{USER_ID}"}}}}}}"#
    );
    let head = Bytes::from(format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"request\"\r\nContent-Type: application/json\r\n\r\n{request_part}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"fileContent\"; filename=\"bench.mp4\"\r\nContent-Type: video/mp4\r\n\r\n"
    ));
    let tail = Bytes::from(format!("\r\n--{boundary}--\r\n"));
    let len = head.len() as u64 + FILE_BYTES + tail.len() as u64;
    let file = tokio::fs::File::open(path).await?;
    let body = stream::iter([Ok(head)])
        .chain(ReaderStream::with_capacity(file, CHUNK))
        .chain(stream::iter([Ok(tail)]))
        .map_ok(Frame::data);
    let request = Request::post(format!("{}/assets/v1/assets", emulator.base_url))
        .header("x-api-key", HeaderValue::from_str(&emulator.api_key)?)
        .header(
            CONTENT_TYPE,
            HeaderValue::from_str(&format!("multipart/form-data; boundary={boundary}"))?,
        )
        .header(CONTENT_LENGTH, len)
        .header(USER_AGENT, oc_core::DEFAULT_USER_AGENT)
        .body(BodyExt::boxed(StreamBody::new(body)))?;
    let response = client.request(request).await?;
    let status = response.status();
    let answer = response.into_body().collect().await?.to_bytes();
    if !status.is_success() {
        return Err(format!(
            "the bare upload answered {status}: {}",
            String::from_utf8_lossy(&answer)
        )
        .into());
    }
    Ok(())
}

/// A file of the given size that starts like an MP4, removed on drop.
struct BenchFile {
    path: PathBuf,
}

impl BenchFile {
    fn create(len: u64) -> Result<BenchFile, BoxError> {
        let path = std::env::temp_dir().join(format!("oc-bench-upload-{}.mp4", std::process::id()));
        let mut file = std::io::BufWriter::new(std::fs::File::create(&path)?);
        let mut block = vec![0u8; 1024 * 1024];
        for (i, byte) in block.iter_mut().enumerate() {
            *byte = (i.wrapping_mul(2_654_435_761) >> 13) as u8;
        }
        block[..12].copy_from_slice(b"\0\0\0\x18ftypmp42");
        let mut written = 0u64;
        while written < len {
            let n = (len - written).min(block.len() as u64) as usize;
            file.write_all(&block[..n])?;
            written += n as u64;
            // Only the first block carries the header.
            block[..12].copy_from_slice(&[0x55; 12]);
        }
        file.flush()?;
        Ok(BenchFile { path })
    }
}

impl Drop for BenchFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Resets the process's peak resident memory to its current value (Linux:
/// `/proc/self/clear_refs`) and returns the current value in bytes.
fn peak_reset_and_current() -> Option<u64> {
    std::fs::write("/proc/self/clear_refs", "5").ok()?;
    status_field("VmRSS:")
}

/// The process's peak resident memory since the last reset, in bytes.
fn peak() -> Option<u64> {
    status_field("VmHWM:")
}

/// A `kB` field of `/proc/self/status`, in bytes.
fn status_field(name: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(name))?;
    let kib: u64 = line
        .trim_start_matches(name)
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    Some(kib * 1024)
}
