//! The log of every request that reached the server.

use std::collections::VecDeque;
use std::sync::Mutex;

use crate::state::lock;

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

/// How many records the log keeps; older ones are dropped, so a long-running emulator
/// (a benchmark, a soak test) does not grow without bound.
pub(crate) const MAX_RECORDS: usize = 100_000;

/// The most recent requests in arrival order, each updated when its answer is decided.
#[derive(Debug, Default)]
pub(crate) struct RequestLog {
    entries: Mutex<LogEntries>,
}

#[derive(Debug, Default)]
struct LogEntries {
    next_id: u64,
    records: VecDeque<(u64, RequestRecord)>,
}

/// A handle on one logged request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct EntryId(u64);

impl RequestLog {
    /// Logs a request on arrival.
    pub fn start(&self, method: &str, path: &str) -> EntryId {
        let mut entries = lock(&self.entries);
        let id = entries.next_id;
        entries.next_id += 1;
        if entries.records.len() >= MAX_RECORDS {
            entries.records.pop_front();
        }
        entries.records.push_back((
            id,
            RequestRecord {
                method: method.to_owned(),
                path: path.to_owned(),
                route: None,
                status: 0,
                credential_owner: None,
            },
        ));
        EntryId(id)
    }

    /// Changes the logged request, unless the log was cleared since.
    pub fn update(&self, id: EntryId, change: impl FnOnce(&mut RequestRecord)) {
        let mut entries = lock(&self.entries);
        if let Ok(index) = entries.records.binary_search_by_key(&id.0, |(id, _)| *id) {
            if let Some((_, record)) = entries.records.get_mut(index) {
                change(record);
            }
        }
    }

    /// A copy of the log (the most recent [`MAX_RECORDS`] requests).
    pub fn records(&self) -> Vec<RequestRecord> {
        lock(&self.entries)
            .records
            .iter()
            .map(|(_, r)| r.clone())
            .collect()
    }

    /// Empties the log.
    pub fn clear(&self) {
        lock(&self.entries).records.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_keeps_the_most_recent_records_and_updates_them() {
        let log = RequestLog::default();
        let first = log.start("GET", "/first");
        let mut last = first;
        for i in 0..MAX_RECORDS {
            last = log.start("GET", &format!("/{i}"));
        }
        log.update(first, |r| r.status = 500);
        log.update(last, |r| r.status = 200);
        let records = log.records();
        assert_eq!(records.len(), MAX_RECORDS);
        assert!(records.iter().all(|r| r.path != "/first"));
        assert_eq!(records.last().map(|r| r.status), Some(200));
    }
}
