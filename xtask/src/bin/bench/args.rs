//! The command line, parsed by hand.

use std::path::PathBuf;

/// The help text.
pub const USAGE: &str = "\
usage: cargo xtask bench [--requests N] [--concurrency LIST] [--runs N] [--warmup N]
                         [--emulator PATH] [--only LIST] [--clients LIST]

  --requests N        requests per measured run (default 20000)
  --concurrency LIST  comma-separated task counts, each sharing one client (default 1,64)
  --runs N            measured runs per configuration; the median is reported (default 9)
  --warmup N          requests sent before measuring, per configuration (default 500)
  --emulator PATH     the oc-emulator binary (default: beside this one)
  --only LIST         comma-separated sections to run (default all): publish, get, set,
                      restriction-get, restriction-update, v2-get, v2-update, queue-add,
                      queue-read, assets, oauth2, webhook
  --clients LIST      comma-separated clients of publish, get, set, the restriction, the
                      v2 and the queue sections (default both):
                      bare, ours; one alone is for a profiler (`valgrind --tool=callgrind`)
";

/// The sections, as `--only` names them.
pub const SECTIONS: [&str; 12] = [
    "publish",
    "get",
    "set",
    "restriction-get",
    "restriction-update",
    "v2-get",
    "v2-update",
    "queue-add",
    "queue-read",
    "assets",
    "oauth2",
    "webhook",
];
/// The clients, as `--clients` names them.
pub const CLIENTS: [&str; 2] = ["bare", "ours"];

/// What to run.
#[derive(Debug, PartialEq)]
pub struct Options {
    /// Requests per measured run.
    pub requests: u64,
    /// Concurrency levels to measure.
    pub concurrency: Vec<usize>,
    /// Measured runs per configuration.
    pub runs: usize,
    /// Unmeasured requests first.
    pub warmup: u64,
    /// The emulator binary.
    pub emulator: PathBuf,
    /// The sections to run.
    pub only: Vec<String>,
    /// The clients to measure in publish, get and set.
    pub clients: Vec<String>,
}

impl Options {
    /// The options in `args`, or `None` for `--help`.
    pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Option<Options>, String> {
        let exe_dir = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(PathBuf::from))
            .unwrap_or_default();
        let mut options = Options {
            requests: 20_000,
            concurrency: vec![1, 64],
            runs: 9,
            warmup: 500,
            emulator: exe_dir.join(format!("oc-emulator{}", std::env::consts::EXE_SUFFIX)),
            only: SECTIONS.iter().map(|s| (*s).to_owned()).collect(),
            clients: CLIENTS.iter().map(|c| (*c).to_owned()).collect(),
        };
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let (flag, inline) = match arg.split_once('=') {
                Some((flag, value)) => (flag.to_owned(), Some(value.to_owned())),
                None => (arg, None),
            };
            if flag == "--help" || flag == "-h" {
                return Ok(None);
            }
            let value = match inline {
                Some(value) => value,
                None => args
                    .next()
                    .ok_or_else(|| format!("`{flag}` needs a value"))?,
            };
            match flag.as_str() {
                "--requests" => options.requests = positive(&flag, &value)?,
                "--runs" => options.runs = positive(&flag, &value)?,
                "--warmup" => options.warmup = number(&flag, &value)?,
                "--emulator" => options.emulator = PathBuf::from(value),
                "--concurrency" => {
                    options.concurrency = value
                        .split(',')
                        .map(|c| positive(&flag, c.trim()))
                        .collect::<Result<_, _>>()?;
                }
                "--only" => options.only = names(&flag, &value, &SECTIONS)?,
                "--clients" => options.clients = names(&flag, &value, &CLIENTS)?,
                _ => return Err(format!("unknown option `{flag}`")),
            }
        }
        Ok(Some(options))
    }

    /// Whether the section `name` runs.
    pub fn runs_section(&self, name: &str) -> bool {
        self.only.iter().any(|s| s == name)
    }

    /// Whether the client `name` (`bare` or `ours`) is measured.
    pub fn measures(&self, name: &str) -> bool {
        self.clients.iter().any(|c| c == name)
    }
}

/// A comma-separated list of names, each one of `known`.
fn names(flag: &str, value: &str, known: &[&str]) -> Result<Vec<String>, String> {
    value
        .split(',')
        .map(str::trim)
        .map(|name| {
            if known.contains(&name) {
                Ok(name.to_owned())
            } else {
                Err(format!("`{flag}` takes {}, not `{name}`", known.join(", ")))
            }
        })
        .collect()
}

fn number<T: std::str::FromStr>(flag: &str, value: &str) -> Result<T, String> {
    value
        .parse()
        .map_err(|_| format!("`{flag}` wants a number, not `{value}`"))
}

fn positive<T: std::str::FromStr + Default + PartialEq>(
    flag: &str,
    value: &str,
) -> Result<T, String> {
    let n: T = number(flag, value)?;
    if n == T::default() {
        return Err(format!("`{flag}` must be more than 0"));
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Option<Options>, String> {
        Options::parse(args.iter().map(|a| a.to_string()))
    }

    #[test]
    fn defaults_and_overrides() -> Result<(), String> {
        let defaults = parse(&[])?.ok_or("no options")?;
        assert_eq!(
            (defaults.requests, defaults.runs, defaults.warmup),
            (20_000, 9, 500)
        );
        assert_eq!(defaults.concurrency, [1, 64]);
        assert!(defaults
            .emulator
            .ends_with(format!("oc-emulator{}", std::env::consts::EXE_SUFFIX)));
        let options = parse(&["--requests", "2000", "--concurrency=1, 8,64", "--runs", "5"])?
            .ok_or("no options")?;
        assert_eq!((options.requests, options.runs), (2000, 5));
        assert_eq!(options.concurrency, [1, 8, 64]);
        assert!(defaults.runs_section("webhook") && defaults.measures("bare"));
        let only = parse(&["--only", "get,set", "--clients=ours"])?.ok_or("no options")?;
        assert!(only.runs_section("get") && !only.runs_section("publish"));
        assert!(only.measures("ours") && !only.measures("bare"));
        Ok(())
    }

    #[test]
    fn refuses_nonsense() -> Result<(), String> {
        assert_eq!(parse(&["--help"])?, None);
        for bad in [
            &["--requests"][..],
            &["--requests", "x"],
            &["--concurrency", "1,0"],
            &["--what", "1"],
            &["--only", "get,nothing"],
            &["--clients", "theirs"],
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
        Ok(())
    }
}
