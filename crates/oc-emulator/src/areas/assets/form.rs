//! Reading an upload's `multipart/form-data` body as it arrives: the `request` part (JSON)
//! and the `fileContent` part, whose bytes are counted, hashed and checked but not kept.

use crate::gateway::body::RequestBody;
use http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use http::{HeaderMap, StatusCode};
use http_body_util::{BodyDataStream, BodyExt};
use multer::{Constraints, Multipart, SizeLimit};
use serde_json::Value;

use super::state::Fnv;
use super::types::HEAD_LEN;
use crate::gateway::error_bodies;
use crate::gateway::responses::Reply;

/// The largest `request` part.
const MAX_REQUEST_BYTES: u64 = 64 * 1024;

/// The documented answer to a body that cannot be parsed
/// (<https://create.roblox.com/docs/reference/cloud/assets/v1>), also used for a
/// file over the cap: the Assets API documents no 413.
pub(super) const UNPARSABLE: &str = "Invalid argument. Failed to parse the request or the file.";

/// The `fileContent` part, as read.
#[derive(Debug, Clone)]
pub(super) struct FileInfo {
    /// Its own `Content-Type`, without parameters, lower-cased.
    pub content_type: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its FNV-1a hash.
    pub checksum: u64,
    /// Its first bytes, for the signature check.
    pub head: Vec<u8>,
}

/// An upload's parts.
#[derive(Debug, Default)]
pub(super) struct Form {
    /// The `request` part, parsed.
    pub request: Option<Value>,
    /// The `fileContent` part.
    pub file: Option<FileInfo>,
}

/// A `400` in the Assets shape.
pub(super) fn bad_request(message: &str) -> Reply {
    error_bodies::status(StatusCode::BAD_REQUEST, message)
}

/// Reads the body up to its first boundary line and puts what it read back: a body whose
/// boundary does not come within `max_preamble` bytes is a 400, so that a body that never
/// names its boundary is not held in memory (the service's limit is not documented; the
/// limit is inferred).
async fn skip_to_boundary(
    body: &mut RequestBody,
    boundary: &str,
    max_preamble: usize,
) -> Result<(), Reply> {
    let marker = format!("--{boundary}");
    let mut read = Vec::new();
    while !contains(&read, marker.as_bytes()) {
        if read.len() > max_preamble.saturating_add(marker.len()) {
            return Err(bad_request(UNPARSABLE));
        }
        match body.frame().await {
            Some(Ok(frame)) => {
                if let Ok(data) = frame.into_data() {
                    read.extend_from_slice(&data);
                }
            }
            Some(Err(_)) => return Err(bad_request(UNPARSABLE)),
            None => break,
        }
    }
    body.unread(read.into());
    Ok(())
}

/// Whether `needle` occurs in `haystack`.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty()
        && haystack
            .windows(needle.len())
            .any(|window| window == needle)
}

/// Reads the body. `file_cap` gives the largest file for the request part read before the
/// file (`None` when the file comes first); `max_cap` bounds every file.
pub(super) async fn read(
    headers: &HeaderMap,
    mut body: RequestBody,
    max_preamble: usize,
    max_cap: u64,
    file_cap: impl Fn(Option<&Value>) -> u64,
) -> Result<Form, Reply> {
    let content_type = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let Ok(boundary) = multer::parse_boundary(content_type) else {
        return Err(bad_request(UNPARSABLE));
    };
    let whole_cap = max_cap.saturating_add(MAX_REQUEST_BYTES + 64 * 1024);
    let declared = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > whole_cap) {
        return Err(bad_request(UNPARSABLE));
    }
    skip_to_boundary(&mut body, &boundary, max_preamble).await?;
    let constraints = Constraints::new().size_limit(
        SizeLimit::new()
            .whole_stream(whole_cap)
            .for_field("request", MAX_REQUEST_BYTES),
    );
    let mut multipart =
        Multipart::with_constraints(BodyDataStream::new(body), boundary, constraints);
    let mut form = Form::default();
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return Ok(form),
            Err(_) => return Err(bad_request(UNPARSABLE)),
        };
        match field.name() {
            Some("request") => {
                let bytes = field.bytes().await.map_err(|_| bad_request(UNPARSABLE))?;
                let value = serde_json::from_slice(&bytes).map_err(|_| bad_request(UNPARSABLE))?;
                form.request = Some(value);
            }
            Some("fileContent") => {
                let content_type = field
                    .content_type()
                    .map(|m| m.essence_str().to_ascii_lowercase())
                    .unwrap_or_default();
                let cap = file_cap(form.request.as_ref()).min(max_cap);
                let mut info = FileInfo {
                    content_type,
                    size: 0,
                    checksum: 0,
                    head: Vec::with_capacity(HEAD_LEN),
                };
                let mut hash = Fnv::default();
                loop {
                    match field.chunk().await {
                        Ok(Some(chunk)) => {
                            info.size += chunk.len() as u64;
                            if info.size > cap {
                                return Err(bad_request(UNPARSABLE));
                            }
                            let room = HEAD_LEN.saturating_sub(info.head.len());
                            info.head.extend_from_slice(&chunk[..room.min(chunk.len())]);
                            hash.update(&chunk);
                        }
                        Ok(None) => break,
                        Err(_) => return Err(bad_request(UNPARSABLE)),
                    }
                }
                info.checksum = hash.finish();
                form.file = Some(info);
            }
            // Other parts are read and ignored (the service's answer is not documented).
            _ => while let Ok(Some(_)) = field.chunk().await {},
        }
    }
}
