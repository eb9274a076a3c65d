//! Entry metadata on the wire: the `roblox-entry-*` request headers of set and increment,
//! and the value answers (body + `content-md5` + metadata headers) of get, get version,
//! increment and a failed precondition
//! (<https://create.roblox.com/docs/reference/cloud/datastores-api/v1>).

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use md5::{Digest, Md5};

use super::params::invalid;
use super::state::{time_of_ticks, Version};
use crate::gateway::clock;
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::Ctx;

/// Attributes must be under 300 bytes (the data stores reference).
const MAX_ATTRIBUTES_BYTES: usize = 300;
/// At most 4 user ids (the data stores reference).
const MAX_USER_IDS: usize = 4;

/// `base64(md5(bytes))`.
pub(super) fn md5_base64(bytes: &[u8]) -> String {
    STANDARD.encode(Md5::digest(bytes))
}

/// Checks a `content-md5` the client sent against the body; absent is fine (it is
/// optional, the data stores reference).
pub(super) fn check_md5(ctx: &Ctx<'_>) -> Result<(), Reply> {
    let Some(sent) = ctx.headers.get("content-md5") else {
        return Ok(());
    };
    if sent.to_str().ok().map(str::trim) == Some(md5_base64(&ctx.body).as_str()) {
        Ok(())
    } else {
        Err(invalid(
            "ChecksumMismatch",
            "Content-MD5 header does not match the content.",
        ))
    }
}

/// `roblox-entry-attributes`: a JSON object under 300 bytes; absent clears them.
pub(super) fn attributes(headers: &HeaderMap) -> Result<Option<String>, Reply> {
    let Some(raw) = headers.get("roblox-entry-attributes") else {
        return Ok(None);
    };
    let bad = || invalid("InvalidAttributes", "Invalid attributes.");
    let text = raw.to_str().map_err(|_| bad())?;
    if text.trim().is_empty() {
        return Ok(None);
    }
    if text.len() >= MAX_ATTRIBUTES_BYTES {
        return Err(bad());
    }
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Object(_)) => Ok(Some(text.to_owned())),
        _ => Err(bad()),
    }
}

/// `roblox-entry-userids`: a JSON array of at most 4 ids; the docs' comma-separated form
/// (`1,2`) is accepted too (the reference and clients
/// disagree; inferred). Stored as a JSON array.
pub(super) fn user_ids(headers: &HeaderMap) -> Result<Option<String>, Reply> {
    let Some(raw) = headers.get("roblox-entry-userids") else {
        return Ok(None);
    };
    let bad = || invalid("InvalidUserIds", "Invalid user ids.");
    let text = raw.to_str().map_err(|_| bad())?.trim();
    let inner = text
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(text);
    let ids: Vec<u64> = inner
        .split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(str::parse)
        .collect::<Result<_, _>>()
        .map_err(|_| bad())?;
    if ids.len() > MAX_USER_IDS {
        return Err(bad());
    }
    serde_json::to_string(&ids).map(Some).map_err(|_| bad())
}

/// An answer carrying a value and the metadata headers of `version`; `body` is the value
/// (the stored JSON, or the new number of an increment).
pub(super) fn value_reply(
    ctx: &Ctx<'_>,
    status: StatusCode,
    version: &Version,
    body: Bytes,
) -> Reply {
    let mut md5 = md5_base64(&body);
    if ctx.faults.corrupt_md5 {
        md5 = md5_base64(format!("corrupted {md5}").as_bytes());
    }
    let mut reply = responses::with_body(status, responses::JSON, body);
    let headers = reply.headers_mut();
    let mut put = |name: &'static str, value: &str| {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(HeaderName::from_static(name), value);
        }
    };
    put("content-md5", &md5);
    put("roblox-entry-version", &version.id);
    put(
        "roblox-entry-created-time",
        &clock::rfc3339(time_of_ticks(version.object_ticks)),
    );
    put(
        "roblox-entry-version-created-time",
        &clock::rfc3339(time_of_ticks(version.ticks)),
    );
    put(
        "roblox-entry-attributes",
        version.attributes.as_deref().unwrap_or("{}"),
    );
    put(
        "roblox-entry-userids",
        version.user_ids.as_deref().unwrap_or("[]"),
    );
    reply
}

/// The JSON of a version in set and list versions answers.
pub(super) fn version_json(version: &Version) -> serde_json::Value {
    serde_json::json!({
        "version": version.id,
        "deleted": version.deleted(),
        "contentLength": version.value.as_ref().map_or(0, Bytes::len),
        "createdTime": clock::rfc3339(time_of_ticks(version.ticks)),
        "objectCreatedTime": clock::rfc3339(time_of_ticks(version.object_ticks)),
    })
}
