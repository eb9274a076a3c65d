//! Printing results: readable text by default, JSON with `--json` (one document per
//! command; for lists, one object per line as the pages arrive).

use std::io::{IsTerminal, Write};

use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// Where and how results are printed.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    /// `--json`.
    pub json: bool,
}

impl Output {
    /// Prints one result: `value` with `--json`, else `text`.
    pub fn one(&self, value: &Value, text: impl FnOnce() -> String) {
        let mut stdout = std::io::stdout().lock();
        let line = if self.json { value.to_string() } else { text() };
        // A closed stdout (a pipe to `head`) is not an error worth a panic.
        let _ = writeln!(stdout, "{line}");
    }

    /// A list printer: JSON lines, or a table whose header is `columns`.
    pub fn list(&self, columns: &[&str]) -> List {
        List {
            json: self.json,
            columns: columns.iter().map(|c| (*c).to_owned()).collect(),
            printed_header: false,
            count: 0,
        }
    }

    /// A success note for commands that answer nothing (`removed`, `published`).
    pub fn done(&self, value: Value, text: &str) {
        self.one(&value, || text.to_owned());
    }
}

/// Prints the items of a list as they arrive.
#[derive(Debug)]
pub struct List {
    json: bool,
    columns: Vec<String>,
    printed_header: bool,
    count: usize,
}

impl List {
    /// Prints one item: `value` as a JSON line, or `cells` as a table row.
    pub fn row(&mut self, value: &Value, cells: Vec<String>) {
        let mut stdout = std::io::stdout().lock();
        self.count += 1;
        if self.json {
            let _ = writeln!(stdout, "{value}");
            return;
        }
        if !self.printed_header {
            self.printed_header = true;
            let _ = writeln!(stdout, "{}", self.columns.join("\t"));
        }
        let _ = writeln!(stdout, "{}", cells.join("\t"));
    }

    /// Ends the list (a note on stderr when it was empty and stdout is a terminal).
    pub fn finish(self) {
        if self.count == 0 && !self.json && std::io::stderr().is_terminal() {
            eprintln!("(no items)");
        }
    }
}

/// A time as RFC 3339.
pub fn time(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_else(|_| t.to_string())
}

/// An optional time as RFC 3339, or JSON null.
pub fn time_opt(t: Option<OffsetDateTime>) -> Value {
    t.map_or(Value::Null, |t| json!(time(t)))
}

/// An optional time for a table cell.
pub fn cell_opt(t: Option<OffsetDateTime>) -> String {
    t.map_or_else(|| "-".to_owned(), time)
}
