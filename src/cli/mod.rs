//! The command line: one file per subcommand. Errors are reported by `main` (exit code 2).

mod check;
mod config;
mod keys;
mod scan;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Sentinelle: mail guard for MSSS directive DIR04.
#[derive(Debug, Parser)]
#[command(name = "sentinelle", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the SMTP proxy (without --config: the embedded default, loopback port 2525,
    /// mail delivered into var/outbox/).
    Serve {
        /// Configuration file.
        #[arg(long, short)]
        config: Option<PathBuf>,
    },
    /// Look for confidential patient data in messages: .eml files, directories of them,
    /// Maildirs and mbox files. Exit code 0: nothing confidential, 1: something, 2: error.
    Scan {
        /// Messages to analyse.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// One JSON object per message instead of a table.
        #[arg(long)]
        json: bool,
        /// Directory holding detectors.toml (default: the configuration's rules_dir, else
        /// "rules").
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Configuration file: its rules_dir and [analysis] limits are used.
        #[arg(long, short)]
        config: Option<PathBuf>,
    },
    /// Print, as JSON, the decision the SMTP path would take for MESSAGE and this envelope
    /// (same code). Exit code 0: relayed to every recipient, 1: a refusal, 2: an error.
    Check {
        /// Configuration file (default: the embedded one).
        #[arg(long, short)]
        config: Option<PathBuf>,
        /// Envelope sender (MAIL FROM).
        #[arg(long)]
        from: String,
        /// Envelope recipient (RCPT TO); repeat for several.
        #[arg(long, required = true)]
        to: Vec<String>,
        /// As if authenticated with this account on the submission port.
        #[arg(long)]
        auth_user: Option<String>,
        /// The message (.eml).
        message: PathBuf,
    },
    /// Recipients' OpenPGP certificates for gateway encryption (certs/keyring/).
    Keys {
        /// Configuration file: its certs_dir holds keyring/ (default: the embedded one).
        #[arg(long, short, global = true)]
        config: Option<PathBuf>,
        /// What to do with the keyring.
        #[command(subcommand)]
        action: KeysAction,
    },
    /// Configuration commands.
    Config {
        /// What to do with the configuration.
        #[command(subcommand)]
        action: ConfigAction,
    },
}

/// `sentinelle config ...`
#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Validate a configuration file; errors name the faulty line.
    Check {
        /// Configuration file.
        #[arg(long, short)]
        config: PathBuf,
    },
}

/// `sentinelle keys ...`
#[derive(Debug, Subcommand)]
pub enum KeysAction {
    /// Add certificates (armored or binary files; public certificates only).
    Import {
        /// Certificate files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// List the certificates with their addresses and status (valid, expired, revoked...).
    List {
        /// JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Remove certificates by fingerprint, key ID or address.
    Remove {
        /// Fingerprint, key ID (16 hex digits) or email address.
        what: String,
    },
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Serve { config } => serve::run(config.as_deref()),
        Command::Scan {
            paths,
            json,
            rules,
            config,
        } => scan::run(&paths, rules, config.as_deref(), json),
        Command::Check {
            config,
            from,
            to,
            auth_user,
            message,
        } => check::run(check::Args {
            config: config.as_deref(),
            from: &from,
            to: &to,
            auth_user: auth_user.as_deref(),
            message: &message,
        }),
        Command::Keys { config, action } => keys::run(config.as_deref(), action),
        Command::Config {
            action: ConfigAction::Check { config },
        } => config::check(&config),
    }
}

/// The current year (UTC): the birth-century bound of health numbers.
pub(crate) fn current_year() -> i32 {
    time::OffsetDateTime::now_utc().year()
}
