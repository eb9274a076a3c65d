//! `oc-emulator`: runs the Open Cloud emulator until interrupted.
//!
//! It prints the ids and the API key of its world, one per line, then
//! `listening on http://ADDR` (`https://` with `--tls`) once it accepts connections.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use oc_emulator::{Config, Emulator, EmulatorHandle};

const USAGE: &str = "\
Usage: oc-emulator [OPTIONS]

A local, stateful emulator of Roblox Open Cloud.

Options:
  --addr ADDR        address to listen on, HOST:PORT (default 127.0.0.1:8080; a name such
                     as localhost:8080 is resolved; port 0 picks one)
  --public-url URL   the base URL clients reach it by behind a proxy or TLS terminator;
                     the OpenID discovery document and token issuers name it
  --config FILE      TOML configuration; replaces the built-in world
  --tls              serve HTTPS with a self-signed certificate made at start
  --cert-out FILE    with --tls, write the certificate (PEM) to FILE, for clients to
                     trust (RBLX_OPEN_CLOUD_CA_CERTS=FILE)
  --no-rate-limits   turn every rate limit off
  --routes           print the route table (Markdown) and exit
  -h, --help         print this help

At start it prints `universe ID`, `place ID`, `user ID`, `group ID` and `api-key KEY`
(with --cert-out, `certificate FILE`), then `listening on URL` once it accepts
connections.

Emulator-only control routes (Roblox has none) live under /_emulator/v1: the world's
ids, the OAuth2 app, fault rules, published messages, sending a webhook. They need an
API key holding the scope emulator:control (the built-in key holds every scope);
--routes lists them.";

/// The parsed command line.
#[derive(Debug)]
struct Options {
    addr: SocketAddr,
    config: Option<PathBuf>,
    tls: bool,
    cert_out: Option<PathBuf>,
    rate_limits: bool,
    public_url: Option<String>,
}

/// What the command line asks for.
enum Command {
    Run(Options),
    Help,
    Routes,
}

fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut options = Options {
        addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
        config: None,
        tls: false,
        cert_out: None,
        rate_limits: true,
        public_url: None,
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_owned(), Some(value.to_owned()))
            }
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--routes" => return Ok(Command::Routes),
            "--addr" => options.addr = resolve(&value("--addr")?)?,
            "--public-url" => options.public_url = Some(value("--public-url")?),
            "--config" => options.config = Some(PathBuf::from(value("--config")?)),
            "--cert-out" => options.cert_out = Some(PathBuf::from(value("--cert-out")?)),
            "--tls" => options.tls = true,
            "--no-rate-limits" => options.rate_limits = false,
            _ => return Err(format!("unknown argument {arg:?}")),
        }
    }
    if options.cert_out.is_some() && !options.tls {
        return Err("--cert-out needs --tls".into());
    }
    Ok(Command::Run(options))
}

/// Resolves `HOST:PORT` (a numeric address or a name such as `localhost:8080`), preferring
/// an IPv4 address when the name has both.
fn resolve(text: &str) -> Result<SocketAddr, String> {
    use std::net::ToSocketAddrs;
    if let Ok(addr) = text.parse() {
        return Ok(addr);
    }
    let bad =
        || format!("--addr: {text:?} is not an address like 127.0.0.1:8080 or localhost:8080");
    let addrs: Vec<SocketAddr> = text.to_socket_addrs().map_err(|_| bad())?.collect();
    addrs
        .iter()
        .find(|a| a.is_ipv4())
        .or_else(|| addrs.first())
        .copied()
        .ok_or_else(bad)
}

#[tokio::main]
async fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1)) {
        Ok(Command::Run(options)) => options,
        Ok(Command::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Command::Routes) => {
            print!("{}", oc_emulator::route_table_markdown());
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("oc-emulator: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(options).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("oc-emulator: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(options: Options) -> Result<(), String> {
    let config = match &options.config {
        Some(path) => {
            let config = Config::from_file(path).map_err(|e| e.to_string())?;
            check_usable(&config, path)?;
            config
        }
        None => Config::default(),
    };
    let mut builder = Emulator::builder()
        .config(config)
        .addr(options.addr)
        .tls(options.tls);
    if !options.rate_limits {
        builder = builder.rate_limits(false);
    }
    if let Some(url) = &options.public_url {
        builder = builder.public_url(url.clone());
    }
    let emulator = builder.start().await.map_err(|e| e.to_string())?;
    if let (Some(path), Some(pem)) = (&options.cert_out, emulator.tls_certificate_pem()) {
        std::fs::write(path, pem)
            .map_err(|e| format!("cannot write the certificate to {}: {e}", path.display()))?;
    }
    announce(&emulator, options.tls, options.cert_out.as_deref())
        .map_err(|e| format!("cannot write to stdout: {e}"))?;
    let reporter = tokio::spawn(report_webhooks(emulator.clone()));
    wait_for_signal().await?;
    reporter.abort();
    emulator.shutdown().await;
    Ok(())
}

/// Refuses a configuration that leaves the emulator nothing to serve: a file replaces
/// the built-in world, so an empty one would report universe 0 and an empty key.
fn check_usable(config: &Config, path: &std::path::Path) -> Result<(), String> {
    let path = path.display();
    if config.universes.is_empty() {
        return Err(format!(
            "{path} declares no universe: a configuration replaces the built-in world, so \
             add a [[universes]] entry (and its owner under [[users]]), or leave --config out \
             to use the built-in world"
        ));
    }
    if config.api_keys.is_empty() && config.oauth_tokens.is_empty() && config.oauth2_apps.is_empty()
    {
        return Err(format!(
            "{path} declares no credential: add an [[api_keys]] entry (or [[oauth_tokens]] or \
             [[oauth2_apps]]), or leave --config out to use the built-in world"
        ));
    }
    Ok(())
}

/// Prints the world's ids and key (and where the certificate was written), then the
/// `listening on` line, and flushes.
fn announce(
    emulator: &EmulatorHandle,
    tls: bool,
    certificate: Option<&std::path::Path>,
) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "universe {}", emulator.universe_id())?;
    writeln!(out, "place {}", emulator.place_id())?;
    writeln!(out, "user {}", emulator.user_id())?;
    writeln!(out, "group {}", emulator.group_id())?;
    writeln!(out, "api-key {}", emulator.api_key())?;
    if emulator.public_url() != emulator.base_url() {
        writeln!(out, "public-url {}", emulator.public_url())?;
    }
    if let Some(path) = certificate {
        writeln!(out, "certificate {}", path.display())?;
    }
    let scheme = if tls { "https" } else { "http" };
    writeln!(out, "listening on {scheme}://{}", emulator.addr())?;
    out.flush()
}

/// Prints one line per finished webhook delivery (those of the configuration's
/// `[[webhooks]]`), as they finish.
async fn report_webhooks(emulator: EmulatorHandle) {
    let mut reported = 0;
    loop {
        let deliveries = emulator.webhook_deliveries();
        let finished = deliveries.iter().skip(reported).take_while(|d| d.finished);
        for delivery in finished {
            let last = delivery.attempts.last();
            let answer = match (
                last.and_then(|a| a.status),
                last.and_then(|a| a.error.as_ref()),
            ) {
                (Some(status), _) => status.to_string(),
                (None, Some(error)) => error.clone(),
                (None, None) => "no attempt".into(),
            };
            println!(
                "webhook {} {} to {}: {} after {} attempt(s), last answer: {answer}",
                delivery.event_type,
                delivery.notification_id,
                delivery.url,
                if delivery.delivered {
                    "delivered"
                } else {
                    "failed"
                },
                delivery.attempts.len()
            );
            reported += 1;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Waits for Ctrl-C, or SIGTERM on Unix.
async fn wait_for_signal() -> Result<(), String> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut terminate =
            signal(SignalKind::terminate()).map_err(|e| format!("cannot watch SIGTERM: {e}"))?;
        tokio::select! {
            result = tokio::signal::ctrl_c() => result.map_err(|e| format!("cannot watch Ctrl-C: {e}")),
            _ = terminate.recv() => Ok(()),
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c()
            .await
            .map_err(|e| format!("cannot watch Ctrl-C: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|a| (*a).to_owned()).collect()
    }

    #[test]
    fn flags_parse() {
        let Ok(Command::Run(options)) = parse(args(&[
            "--addr",
            "127.0.0.1:0",
            "--config=world.toml",
            "--tls",
            "--no-rate-limits",
        ])) else {
            panic!("expected options");
        };
        assert_eq!(options.addr, SocketAddr::from(([127, 0, 0, 1], 0)));
        assert_eq!(options.config, Some(PathBuf::from("world.toml")));
        assert!(options.tls);
        assert!(!options.rate_limits);
        assert!(matches!(parse(args(&["--help"])), Ok(Command::Help)));
        assert!(parse(args(&["--addr"])).is_err());
        assert!(parse(args(&["--addr", "nowhere"])).is_err());
        let Ok(Command::Run(named)) = parse(args(&[
            "--addr",
            "localhost:0",
            "--public-url",
            "https://cloud.example.test",
        ])) else {
            panic!("expected options");
        };
        assert!(named.addr.ip().is_loopback());
        assert_eq!(
            named.public_url.as_deref(),
            Some("https://cloud.example.test")
        );
        assert!(parse(args(&["--bogus"])).is_err());
        assert!(parse(args(&["--cert-out", "x.pem"])).is_err());
    }
}
