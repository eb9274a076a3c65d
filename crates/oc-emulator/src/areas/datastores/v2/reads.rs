//! The entry reads: get (with the `@` revision grammar) and `:listRevisions`
//! (<https://create.roblox.com/docs/cloud/reference/features/data-stores>).

use std::time::{Duration, SystemTime};

use http::StatusCode;
use serde_json::{json, Value};

use super::super::state::{ticks, Version};
use super::stores::require_live;
use super::wire::{entry_json, revision_fields, value};
use super::{area, universe, Location};
use crate::gateway::page_token::{self, PageRequest, PageSizes};
use crate::gateway::proto_json::parse_timestamp;
use crate::gateway::responses::{self, Reply};
use crate::gateway::route::Ctx;
use crate::gateway::v2_codes::{V2Code, V2Error};
use crate::sync::lock;

/// List revisions: 10 by default, at most 100.
const SIZES: PageSizes = PageSizes {
    default: 10,
    max: 100,
};

/// How far in the future a point-in-time read may ask (10 minutes, documented).
const MAX_FUTURE: Duration = Duration::from_secs(600);

/// Which revision a get asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Which {
    Latest,
    Revision(String),
    At(SystemTime),
}

fn answer(result: Result<Value, V2Error>) -> Reply {
    match result {
        Ok(value) => responses::json(StatusCode::OK, &value),
        Err(error) => error.reply(),
    }
}

fn entry_missing() -> V2Error {
    V2Error::new(V2Code::NotFound, "The entry does not exist.")
}

fn invalid_version() -> V2Error {
    V2Error::invalid_argument("Invalid version id.")
}

/// Splits an entry id at its last `@`: `key`, `key@latest`, `key@latest:{time}`,
/// `key@{revisionId}`.
fn which(raw: &str) -> Result<(&str, Which), V2Error> {
    let Some((key, suffix)) = raw.rsplit_once('@') else {
        return Ok((raw, Which::Latest));
    };
    if suffix == "latest" {
        return Ok((key, Which::Latest));
    }
    if let Some(time) = suffix.strip_prefix("latest:") {
        let time =
            parse_timestamp(time).ok_or_else(|| V2Error::invalid_argument("Invalid timestamp."))?;
        return Ok((key, Which::At(SystemTime::from(time))));
    }
    Ok((key, Which::Revision(suffix.to_owned())))
}

/// Get an entry, or one of its revisions.
pub(super) fn get(ctx: &Ctx<'_>) -> Reply {
    answer((|| {
        let universe = universe(ctx)?;
        let raw = ctx.param("entryId").unwrap_or_default();
        let (key, which) = which(&raw)?;
        let location = Location::of(ctx, universe, key, false)?;
        require_live(ctx, universe, &location.store)?;
        let now = ctx.state.clock.now();
        if let Which::At(time) = which {
            // After 1970 and at most 10 minutes ahead (documented).
            if time <= SystemTime::UNIX_EPOCH || time > now.checked_add(MAX_FUTURE).unwrap_or(now) {
                return Err(V2Error::invalid_argument(
                    "The time must be after 1970-01-01 and at most 10 minutes in the future.",
                ));
            }
        }
        let area = area(ctx);
        let entries = lock(&area.entries);
        let entry = entries.get(&location.entry_path());
        let version: &Version = match &which {
            Which::Latest => entry.and_then(|e| e.current()).ok_or_else(entry_missing)?,
            Which::Revision(id) => entry
                .and_then(|e| e.versions.iter().find(|v| v.id == *id))
                .ok_or_else(invalid_version)?,
            // A time before the entry's first revision is 404 (undocumented; inferred).
            Which::At(time) => {
                let at = ticks(*time);
                entry
                    .and_then(|e| e.versions.iter().rev().find(|v| v.ticks <= at))
                    .filter(|v| !v.deleted())
                    .ok_or_else(entry_missing)?
            }
        };
        Ok(entry_json(&location, version, value(version)))
    })())
}

/// A `revision_create_time` bound: `>=` (after) or `<=` (before).
#[derive(Debug, Default)]
struct Bounds {
    after: Option<u64>,
    before: Option<u64>,
}

/// `revision_create_time >= T && revision_create_time <= T` (either bound alone, RFC 3339
/// times unquoted), the grammar the reference documents.
fn bounds(ctx: &Ctx<'_>) -> Result<Bounds, V2Error> {
    let mut bounds = Bounds::default();
    let Some(filter) = ctx.query.non_empty("filter") else {
        return Ok(bounds);
    };
    let invalid = || V2Error::invalid_argument("The provided filter is invalid.");
    for clause in filter.split("&&") {
        let clause = clause.trim();
        let rest = clause
            .strip_prefix("revision_create_time")
            .or_else(|| clause.strip_prefix("revisionCreateTime"))
            .ok_or_else(invalid)?
            .trim_start();
        let (op, time) = if let Some(time) = rest.strip_prefix(">=") {
            (true, time)
        } else if let Some(time) = rest.strip_prefix("<=") {
            (false, time)
        } else {
            return Err(invalid());
        };
        let time = parse_timestamp(time.trim().trim_matches('"')).ok_or_else(invalid)?;
        let at = ticks(SystemTime::from(time));
        if op {
            bounds.after = Some(at);
        } else {
            bounds.before = Some(at);
        }
    }
    Ok(bounds)
}

/// List an entry's revisions, newest first (the captured order).
pub(super) fn list_revisions(ctx: &Ctx<'_>) -> Reply {
    answer((|| {
        let universe = universe(ctx)?;
        let raw = ctx.param("entryId").unwrap_or_default();
        let location = Location::of(ctx, universe, &raw, false)?;
        let bounds = bounds(ctx)?;
        let request = PageRequest::from_ctx(ctx, SIZES)?;
        require_live(ctx, universe, &location.store)?;
        let area = area(ctx);
        let entries = lock(&area.entries);
        let entry = entries
            .get(&location.entry_path())
            .filter(|e| !e.versions.is_empty())
            .ok_or_else(entry_missing)?;
        let listed: Vec<&Version> = entry
            .versions
            .iter()
            .rev()
            .filter(|v| bounds.after.is_none_or(|after| v.ticks >= after))
            .filter(|v| bounds.before.is_none_or(|before| v.ticks <= before))
            .collect();
        // Newest first: the page key counts down with the ticks.
        let page = page_token::page(&listed, |v| u64::MAX - v.ticks, &request)?;
        let items: Vec<Value> = page
            .items
            .iter()
            .map(|v| revision_fields(&location, v, true))
            .collect();
        Ok(json!({ "dataStoreEntries": items, "nextPageToken": page.next_page_token }))
    })())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_at_sign_splits_the_revision() {
        assert_eq!(which("k").unwrap(), ("k", Which::Latest));
        assert_eq!(
            which("my@entry@latest").unwrap(),
            ("my@entry", Which::Latest)
        );
        assert_eq!(
            which("k@08DC.01").unwrap(),
            ("k", Which::Revision("08DC.01".into()))
        );
        let (key, at) = which("k@latest:2024-12-02T06:00:00Z").unwrap();
        assert_eq!(key, "k");
        assert!(matches!(at, Which::At(_)));
        assert!(which("k@latest:yesterday").is_err());
    }
}
