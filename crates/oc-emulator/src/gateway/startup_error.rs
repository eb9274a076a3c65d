//! [`EmulatorError`]: why the emulator could not start or its configuration could not be
//! read.

/// Why the emulator could not start or its configuration could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EmulatorError {
    /// Binding the address failed.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// The configuration is not valid TOML, has an unknown field, or is inconsistent.
    #[error("invalid configuration: {0}")]
    Config(String),
    /// The certificate or the TLS configuration could not be made.
    #[error("TLS setup failed: {0}")]
    Tls(String),
}
