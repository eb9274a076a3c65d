//! The emulator as a separate process: started on a free port, killed when dropped.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::BoxError;

/// How long the emulator may take to say where it listens.
const STARTUP: Duration = Duration::from_secs(30);
/// The universe of the emulator's built-in world, when it does not say.
const DEFAULT_UNIVERSE: u64 = 1000;
/// The API key of the emulator's built-in world (`oc_emulator`'s `DEFAULT_API_KEY`), when
/// it does not say.
const DEFAULT_API_KEY: &str = "oc-emulator-default-api-key";
/// Lines of the emulator's standard error kept to show after a failure.
const LOG_TAIL: usize = 20;

/// A running emulator.
pub struct Emulator {
    child: Child,
    log: Arc<Mutex<VecDeque<String>>>,
    /// Where it listens, as `http://ADDR`.
    pub base_url: String,
    /// The universe it serves.
    pub universe_id: u64,
    /// An API key it accepts.
    pub api_key: String,
}

/// What the emulator announced on its standard output.
#[derive(Debug, Default, PartialEq)]
struct Announcement {
    base_url: Option<String>,
    universe_id: Option<u64>,
    api_key: Option<String>,
}

impl Announcement {
    /// Takes in one line: `universe N`, `api-key KEY` or `listening on http://ADDR`
    /// (possibly after a prefix such as a log level).
    fn read(&mut self, line: &str) {
        let words: Vec<&str> = line.split_whitespace().collect();
        for pair in words.windows(2) {
            match pair {
                ["universe", id] => self.universe_id = id.parse().ok().or(self.universe_id),
                ["api-key", key] => self.api_key = Some((*key).to_owned()),
                ["on", url] if url.starts_with("http://") && line.contains("listening on") => {
                    self.base_url = Some(url.trim_end_matches('/').to_owned());
                }
                _ => {}
            }
        }
    }
}

impl Emulator {
    /// Starts `program --addr 127.0.0.1:0 --no-rate-limits` and waits until it listens.
    pub fn start(program: &Path) -> Result<Emulator, BoxError> {
        let mut child = Command::new(program)
            .args(["--addr", "127.0.0.1:0", "--no-rate-limits"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| {
                format!(
                    "cannot start the emulator {}: {e} (`cargo xtask bench` builds it)",
                    program.display()
                )
            })?;
        let log = Arc::new(Mutex::new(VecDeque::new()));
        let lines = child.stdout.take().map(read_lines);
        if let Some(stderr) = child.stderr.take() {
            keep_tail(stderr, Arc::clone(&log));
        }
        let mut emulator = Emulator {
            child,
            log,
            base_url: String::new(),
            universe_id: DEFAULT_UNIVERSE,
            api_key: String::new(),
        };
        let lines = lines.ok_or("the emulator's output is not readable")?;
        let mut announced = Announcement::default();
        while announced.base_url.is_none() {
            let line = match lines.recv_timeout(STARTUP) {
                Ok(line) => line,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    emulator.print_log_tail();
                    return Err(format!("the emulator did not listen within {STARTUP:?}").into());
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    let status = emulator.child.wait()?;
                    emulator.print_log_tail();
                    return Err(format!("the emulator exited ({status}) before listening").into());
                }
            };
            announced.read(&line);
        }
        emulator.base_url = announced.base_url.unwrap_or_default();
        emulator.universe_id = announced.universe_id.unwrap_or(DEFAULT_UNIVERSE);
        emulator.api_key = announced
            .api_key
            .unwrap_or_else(|| DEFAULT_API_KEY.to_owned());
        Ok(emulator)
    }

    /// Its process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Prints the last lines the emulator wrote to its standard error.
    pub fn print_log_tail(&self) {
        let log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        if !log.is_empty() {
            eprintln!("bench: the emulator's last messages:");
            for line in log.iter() {
                eprintln!("  | {line}");
            }
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        // It may have exited already; nothing more to do then.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads lines on a thread and sends them on; after the receiver is gone it keeps reading,
/// so that the emulator never blocks on a full pipe.
fn read_lines(stream: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            let _ = sender.send(line);
        }
    });
    receiver
}

/// Keeps the last [`LOG_TAIL`] lines of `stream`.
fn keep_tail(stream: impl Read + Send + 'static, log: Arc<Mutex<VecDeque<String>>>) {
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            let mut log = log.lock().unwrap_or_else(PoisonError::into_inner);
            if log.len() == LOG_TAIL {
                log.pop_front();
            }
            log.push_back(line);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_announcement() {
        let mut announced = Announcement::default();
        for line in [
            "oc-emulator 0.1.0",
            "universe 1000",
            "api-key emu-key-123",
            "INFO listening on http://127.0.0.1:40001/",
        ] {
            announced.read(line);
        }
        assert_eq!(
            announced,
            Announcement {
                base_url: Some("http://127.0.0.1:40001".into()),
                universe_id: Some(1000),
                api_key: Some("emu-key-123".into()),
            }
        );
    }
}
