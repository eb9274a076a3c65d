//! The log of every request that reached the server.

use std::collections::VecDeque;
use std::sync::Mutex;

use serde::Deserialize;

use crate::sync::lock;

/// One request as the emulator saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestRecord {
    /// The method, e.g. `POST`.
    pub method: String,
    /// The path and query as received (still percent-encoded).
    pub path: String,
    /// The route name (e.g. `messaging.publish`), or `None` when no route matched.
    pub route: Option<String>,
    /// The status answered; `0` while the request is in progress or when the connection was
    /// closed without an answer.
    pub status: u16,
    /// Who the credential belongs to (`user:3000`, `group:4000`), when it was valid.
    pub credential_owner: Option<String>,
}

/// How much of the request log is kept; older records are dropped first, so a
/// long-running emulator (a benchmark, a soak test) holds its memory flat. In TOML, the
/// `[request_log]` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogLimits {
    /// The most records kept (100,000).
    pub max_entries: usize,
    /// The most bytes of methods, paths, route names and owners kept, all records
    /// together (64 MiB). A record larger than this on its own is kept with its path cut.
    pub max_bytes: usize,
}

impl Default for LogLimits {
    fn default() -> Self {
        LogLimits {
            max_entries: 100_000,
            max_bytes: 64 * 1024 * 1024,
        }
    }
}

/// The bytes a record holds (its strings; the fixed part is counted as 64 bytes).
fn record_bytes(record: &RequestRecord) -> usize {
    64 + record.method.len()
        + record.path.len()
        + record.route.as_ref().map_or(0, String::len)
        + record.credential_owner.as_ref().map_or(0, String::len)
}

/// The most recent requests in arrival order, each updated when its answer is decided.
#[derive(Debug, Default)]
pub(crate) struct RequestLog {
    entries: Mutex<LogEntries>,
}

#[derive(Debug, Default)]
struct LogEntries {
    limits: LogLimits,
    next_id: u64,
    bytes: usize,
    records: VecDeque<(u64, RequestRecord)>,
}

impl LogEntries {
    /// Drops the oldest records until the log is within its limits, keeping the newest.
    fn trim(&mut self) {
        while self.records.len() > 1
            && (self.records.len() > self.limits.max_entries || self.bytes > self.limits.max_bytes)
        {
            if let Some((_, old)) = self.records.pop_front() {
                self.bytes = self.bytes.saturating_sub(record_bytes(&old));
            }
        }
    }
}

/// A handle on one logged request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct EntryId(u64);

impl RequestLog {
    /// An empty log with these limits (at least one record is always kept).
    pub fn new(limits: LogLimits) -> Self {
        RequestLog {
            entries: Mutex::new(LogEntries {
                limits,
                ..LogEntries::default()
            }),
        }
    }

    /// Logs a request on arrival. A path longer than the byte limit is cut (at a
    /// character boundary), so one record never exceeds the log's bytes.
    pub fn start(&self, method: &str, path: &str) -> EntryId {
        let mut entries = lock(&self.entries);
        let id = entries.next_id;
        entries.next_id += 1;
        let room = entries.limits.max_bytes.saturating_sub(64 + method.len());
        let mut cut = path.len().min(room);
        while !path.is_char_boundary(cut) {
            cut -= 1;
        }
        let record = RequestRecord {
            method: method.to_owned(),
            path: path.get(..cut).unwrap_or_default().to_owned(),
            route: None,
            status: 0,
            credential_owner: None,
        };
        entries.bytes += record_bytes(&record);
        entries.records.push_back((id, record));
        entries.trim();
        EntryId(id)
    }

    /// Changes the logged request, unless the log was cleared since.
    pub fn update(&self, id: EntryId, change: impl FnOnce(&mut RequestRecord)) {
        let mut entries = lock(&self.entries);
        let Ok(index) = entries.records.binary_search_by_key(&id.0, |(id, _)| *id) else {
            return;
        };
        let Some((_, record)) = entries.records.get_mut(index) else {
            return;
        };
        let before = record_bytes(record);
        change(record);
        let after = record_bytes(record);
        entries.bytes = entries.bytes.saturating_sub(before) + after;
        entries.trim();
    }

    /// A copy of the log (the most recent requests within its limits).
    pub fn records(&self) -> Vec<RequestRecord> {
        lock(&self.entries)
            .records
            .iter()
            .map(|(_, r)| r.clone())
            .collect()
    }

    /// Empties the log.
    pub fn clear(&self) {
        let mut entries = lock(&self.entries);
        entries.records.clear();
        entries.bytes = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_keeps_the_most_recent_records_and_updates_them() {
        let log = RequestLog::new(LogLimits::default());
        let first = log.start("GET", "/first");
        let mut last = first;
        for i in 0..LogLimits::default().max_entries {
            last = log.start("GET", &format!("/{i}"));
        }
        log.update(first, |r| r.status = 500);
        log.update(last, |r| r.status = 200);
        let records = log.records();
        assert_eq!(records.len(), LogLimits::default().max_entries);
        assert!(records.iter().all(|r| r.path != "/first"));
        assert_eq!(records.last().map(|r| r.status), Some(200));
    }

    #[test]
    fn the_log_keeps_within_its_bytes() {
        let log = RequestLog::new(LogLimits {
            max_entries: 1_000,
            max_bytes: 10_000,
        });
        let long = "x".repeat(3_000);
        for _ in 0..10 {
            let id = log.start("GET", &long);
            log.update(id, |r| r.route = Some("messaging.publish".into()));
        }
        let records = log.records();
        assert_eq!(records.len(), 3);
        let huge = "y".repeat(50_000);
        log.start("GET", &huge);
        let records = log.records();
        assert_eq!(records.len(), 1);
        assert!(records[0].path.len() < 10_000);
    }
}
