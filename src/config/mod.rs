//! Configuration: one TOML file, read once into a validated [`Config`].
//!
//! Two phases, as ripgrep does it: [`raw`] is what the file says (with spans), [`Config`] is
//! what Sentinelle runs on; nothing downstream validates again. Errors name the line and
//! column of the faulty value. Relative paths are relative to the working directory.
//! Without a file, [`Config::embedded_default`] runs on loopback and delivers to a Maildir.

mod incidents;
mod limits;
mod listen;
mod ocr;
mod raw;
mod upstream;
mod validate;

pub use incidents::{IncidentsConfig, LogConfig, LogFormat, NotificationsConfig, SyslogTarget};
pub use limits::{SessionLimits, Timeouts};
pub use listen::{ConsoleConfig, ListenerConfig, ListenerTls, TlsConfig};
pub use upstream::{RelayConfig, SmtpUpstream, SubmissionConfig, UpstreamConfig, UpstreamTls};

use std::path::{Path, PathBuf};

use raw::RawConfig;
use validate::Checker;

/// The embedded default: loopback relay on 2525, mail delivered into var/outbox/, the admin
/// listener on loopback 8025.
pub const EMBEDDED_DEFAULT: &str = r#"
hostname = "sentinelle.localhost"

[[listener]]
address = "127.0.0.1:2525"
mode = "relay"
tls = "starttls"

[relay]
trusted_networks = ["127.0.0.0/8", "::1/128"]
upstream = { kind = "maildir", maildir = "var/outbox" }

[console]
address = "127.0.0.1:8025"
"#;

/// A configuration error, pointing at the faulty line when there is one.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The TOML does not parse or does not fit the schema.
    #[error("{origin}: {message}")]
    Syntax {
        /// File name (or "embedded default").
        origin: String,
        /// toml's message, which names the line, column and key.
        message: String,
    },
    /// A value parses but is not acceptable.
    #[error("{origin}:{line}:{column}: {message}")]
    Invalid {
        /// File name.
        origin: String,
        /// 1-based line of the value.
        line: usize,
        /// 1-based column of the value.
        column: usize,
        /// What is wrong, and what is expected.
        message: String,
    },
    /// A required setting is missing.
    #[error("{origin}: {message}")]
    Missing {
        /// File name.
        origin: String,
        /// What is missing.
        message: String,
    },
}

/// The validated configuration Sentinelle runs on.
#[derive(Debug, Clone)]
pub struct Config {
    /// Name in the greeting, EHLO reply and Received header.
    pub hostname: String,
    /// Policy files directory.
    pub rules_dir: PathBuf,
    /// TLS material and certificates directory.
    pub certs_dir: PathBuf,
    /// Where to listen.
    pub listeners: Vec<ListenerConfig>,
    /// Server certificate.
    pub tls: TlsConfig,
    /// Relay mode settings.
    pub relay: RelayConfig,
    /// Submission mode settings.
    pub submission: SubmissionConfig,
    /// Limits.
    pub limits: SessionLimits,
    /// Timeouts.
    pub timeouts: Timeouts,
    /// Bounds on the analysis of one message (`[analysis]`).
    pub analysis: crate::analysis::Limits,
    /// How images are read (`[analysis]`'s `ocr_*` settings).
    pub ocr: crate::ocr::Settings,
    /// Logging.
    pub log: LogConfig,
    /// The incident store and establishments.
    pub incidents: IncidentsConfig,
    /// Incident notifications.
    pub notifications: NotificationsConfig,
    /// The admin listener.
    pub console: ConsoleConfig,
}

impl Config {
    /// Reads and validates a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Unreadable {
            path: path.to_owned(),
            source,
        })?;
        Self::parse(&text, &path.display().to_string())
    }

    /// The embedded default configuration.
    pub fn embedded_default() -> Result<Config, ConfigError> {
        Self::parse(EMBEDDED_DEFAULT, "embedded default")
    }

    /// Parses and validates TOML text; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|err| ConfigError::Syntax {
            origin: origin.to_owned(),
            message: err.to_string().trim_end().to_owned(),
        })?;
        Checker { text, origin }.config(raw)
    }
}

#[cfg(test)]
mod tests;
