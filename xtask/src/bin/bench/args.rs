//! The command line, parsed by hand.

use std::path::PathBuf;

/// The help text.
pub const USAGE: &str = "\
usage: cargo xtask bench [--requests N] [--concurrency LIST] [--runs N] [--warmup N]
                         [--emulator PATH]

  --requests N        requests per measured run (default 20000)
  --concurrency LIST  comma-separated task counts, each sharing one client (default 1,64)
  --runs N            measured runs per configuration; the median is reported (default 5)
  --warmup N          requests sent before measuring, per configuration (default 500)
  --emulator PATH     the oc-emulator binary (default: beside this one)
";

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
            runs: 5,
            warmup: 500,
            emulator: exe_dir.join(format!("oc-emulator{}", std::env::consts::EXE_SUFFIX)),
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
                _ => return Err(format!("unknown option `{flag}`")),
            }
        }
        Ok(Some(options))
    }
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
            (20_000, 5, 500)
        );
        assert_eq!(defaults.concurrency, [1, 64]);
        assert!(defaults
            .emulator
            .ends_with(format!("oc-emulator{}", std::env::consts::EXE_SUFFIX)));
        let options = parse(&["--requests", "2000", "--concurrency=1, 8,64", "--runs", "5"])?
            .ok_or("no options")?;
        assert_eq!((options.requests, options.runs), (2000, 5));
        assert_eq!(options.concurrency, [1, 8, 64]);
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
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
        Ok(())
    }
}
