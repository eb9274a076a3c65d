//! Progress bars and spinners, drawn on stderr only when it is a terminal.

use std::io::IsTerminal;
use std::path::Path;
use std::time::Duration;

use bytes::Bytes;
use indicatif::{ProgressBar, ProgressStyle};
use rblx_open_cloud::assets::Content;

use crate::context::{read_file, Failure};

/// How many bytes each chunk of an upload holds.
const CHUNK: usize = 64 * 1024;

/// A bar of `len` bytes, or a hidden one when stderr is not a terminal.
pub fn bar(len: u64, message: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len).with_message(message.to_owned());
    if let Ok(style) =
        ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// A spinner, or a hidden one when stderr is not a terminal.
pub fn spinner(message: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let spinner = ProgressBar::new_spinner().with_message(message.to_owned());
    spinner.enable_steady_tick(Duration::from_millis(120));
    spinner
}

/// A file as upload content whose chunks move a progress bar as they are sent.
pub fn file_content(field: &'static str, path: &Path) -> Result<(Content, ProgressBar), Failure> {
    let bytes = Bytes::from(read_file(field, path)?);
    let len = bytes.len() as u64;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bar = bar(len, &name);
    let chunks: Vec<Bytes> = (0..bytes.len())
        .step_by(CHUNK)
        .map(|start| bytes.slice(start..bytes.len().min(start + CHUNK)))
        .collect();
    let ticker = bar.clone();
    let stream = futures::stream::iter(chunks.into_iter().map(move |chunk| {
        ticker.inc(chunk.len() as u64);
        Ok::<_, std::io::Error>(chunk)
    }));
    let mut content = Content::stream(stream, len);
    if !name.is_empty() {
        content = content.file_name(name);
    }
    Ok((content, bar))
}
