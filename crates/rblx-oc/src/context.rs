//! The global options, the client they build, and the failures a command ends with.

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use rblx_open_cloud::{Client, ClientBuilder, Error, InvalidInput, RetryConfig};

use crate::output::Output;

/// Options every command takes.
#[derive(Debug, Clone, Args)]
pub struct Global {
    /// Print JSON: one document per command; for lists, one object per line as pages arrive.
    /// Errors go to stderr as JSON too.
    #[arg(long, global = true)]
    pub json: bool,
    /// The Open Cloud base URL (e.g. an `oc-emulator`); else RBLX_OPEN_CLOUD_BASE_URL, else
    /// `https://apis.roblox.com`.
    #[arg(long, global = true, value_name = "URL")]
    pub base_url: Option<String>,
    /// A PEM file of extra root certificates to trust (the certificate of `oc-emulator --tls`);
    /// else RBLX_OPEN_CLOUD_CA_CERTS.
    #[arg(long, global = true, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,
    /// A file holding the API key; else RBLX_OPEN_CLOUD_API_KEY or
    /// RBLX_OPEN_CLOUD_ACCESS_TOKEN. The key is never printed.
    #[arg(long, global = true, value_name = "FILE")]
    pub api_key_file: Option<PathBuf>,
    /// Attempts per call, the first included (1 turns retrying off). Default 5.
    #[arg(long, global = true, value_name = "N")]
    pub max_attempts: Option<u32>,
    /// Timeout of each attempt, in seconds. Default 30.
    #[arg(long, global = true, value_name = "SECONDS")]
    pub timeout: Option<f64>,
}

/// What a command failed with.
#[derive(Debug)]
pub enum Failure {
    /// A library call failed.
    Api(Error),
    /// Something local failed (a file, a socket): exit 1.
    Local(String),
    /// The command ran and reports a failure of its own (a Luau task that failed): exit 1,
    /// the reason already printed.
    Reported,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Api(error)
    }
}

impl From<InvalidInput> for Failure {
    fn from(error: InvalidInput) -> Self {
        Failure::Api(error.into())
    }
}

/// Invalid input about `field`.
pub fn invalid(field: &'static str, reason: impl Into<String>) -> Failure {
    InvalidInput::new(field, reason).into()
}

/// Reads a file named on the command line; a file that cannot be read is invalid input.
pub fn read_file(field: &'static str, path: &std::path::Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| invalid(field, format!("cannot read {}: {e}", path.display())))
}

/// The global options and the output they choose.
#[derive(Debug, Clone)]
pub struct Context {
    /// The global options.
    pub global: Global,
    /// How results are printed.
    pub out: Output,
}

impl Context {
    /// The context of the global options.
    pub fn new(global: Global) -> Self {
        let out = Output { json: global.json };
        Context { global, out }
    }

    /// The client: environment first, then the options over it.
    pub fn client(&self) -> Result<Client, Failure> {
        let g = &self.global;
        let mut builder = ClientBuilder::from_env()?;
        if let Some(url) = &g.base_url {
            builder = builder.base_url(url.clone());
        }
        if let Some(path) = &g.ca_cert {
            let pem = read_file("--ca-cert", path)?;
            builder = builder.extra_root_certificates_pem(&pem)?;
        }
        if let Some(path) = &g.api_key_file {
            let key = read_file("--api-key-file", path)?;
            let key = String::from_utf8(key)
                .map_err(|_| invalid("--api-key-file", "the file is not UTF-8"))?;
            let key = key.trim();
            if key.is_empty() {
                return Err(invalid("--api-key-file", "the file is empty"));
            }
            builder = builder.api_key(key.to_owned());
        }
        if let Some(attempts) = g.max_attempts {
            builder = builder.retry(RetryConfig::default().with_max_attempts(attempts));
        }
        if let Some(seconds) = g.timeout {
            let timeout = Duration::try_from_secs_f64(seconds)
                .map_err(|_| invalid("--timeout", "not a number of seconds"))?;
            builder = builder.timeout(Some(timeout));
        }
        Ok(builder.build()?)
    }
}
