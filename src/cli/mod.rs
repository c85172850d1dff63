//! The command line: one file per subcommand. Errors are reported by `main` (exit code 2).

mod check;
mod config;
mod console;
mod incidents;
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
    /// The incident record: review and account (DIR04 art. 8, 12-14).
    Incidents {
        /// Configuration file: its [incidents] store (default: the embedded one).
        #[arg(long, short, global = true)]
        config: Option<PathBuf>,
        /// What to do.
        #[command(subcommand)]
        action: IncidentsAction,
    },
    /// The security team's web console: its accounts.
    Console {
        /// Configuration file (default: the embedded default).
        #[arg(long, short, global = true)]
        config: Option<PathBuf>,
        #[command(subcommand)]
        action: ConsoleAction,
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

/// `sentinelle console …`.
#[derive(Debug, Subcommand)]
pub enum ConsoleAction {
    /// Console accounts (kept in the incident store).
    User {
        #[command(subcommand)]
        action: UserAction,
    },
}

/// `sentinelle console user …`.
#[derive(Debug, Subcommand)]
pub enum UserAction {
    /// Adds an account; without --password-stdin, prints a generated password once.
    Add {
        /// Login name.
        name: String,
        /// admin (everything, accounts too), reviewer (reviews and closes), auditor (reads).
        #[arg(long)]
        role: String,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Lists the accounts (name, role, created, locked).
    List,
    /// Removes an account.
    Remove {
        /// Login name.
        name: String,
    },
    /// Sets a new password (and unlocks the account).
    Passwd {
        /// Login name.
        name: String,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
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

/// `sentinelle incidents ...`
#[derive(Debug, Subcommand)]
pub enum IncidentsAction {
    /// Incidents, oldest first, in a table (Montreal time), or --json lines, or --csv.
    List {
        /// From this date or time (UTC, RFC 3339 or YYYY-MM-DD).
        #[arg(long)]
        since: Option<String>,
        /// Before this date or time.
        #[arg(long)]
        until: Option<String>,
        /// new, under_review or closed.
        #[arg(long)]
        status: Option<String>,
        /// A category (auto_forward, confidential_to_public_webmail, ...).
        #[arg(long)]
        category: Option<String>,
        /// An establishment.
        #[arg(long)]
        establishment: Option<String>,
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
        /// CSV with a header line.
        #[arg(long, conflicts_with = "json")]
        csv: bool,
    },
    /// One incident in full, as JSON.
    Show {
        /// INC-2026-000123.
        reference: String,
    },
    /// Mark an incident under review.
    Review {
        /// INC-2026-000123.
        reference: String,
        /// Who reviews (default: the login name).
        #[arg(long)]
        by: Option<String>,
    },
    /// Close an incident with a note.
    Close {
        /// INC-2026-000123.
        reference: String,
        /// What was found and done.
        #[arg(long, required = true)]
        note: String,
        /// Who closes (default: the login name).
        #[arg(long)]
        by: Option<String>,
    },
    /// Check the hash chains: exit 1 and one line per record changed, removed or inserted.
    Verify,
    /// Every incident with its reviews, one JSON object per line (for archives and SIEMs).
    Export,
    /// Notifications waiting for delivery (email, syslog), with their attempts and last error.
    Outbox,
    /// Remove incidents created before a date (retention); a signed checkpoint keeps the rest
    /// of the chain verifiable. Review events are kept.
    Purge {
        /// YYYY-MM-DD (UTC) or an RFC 3339 time.
        #[arg(long)]
        before: String,
    },
    /// The annual account of DIR04 art. 14 (Montreal time).
    Report {
        /// The year.
        #[arg(long)]
        year: i32,
        /// md, html (with charts) or csv.
        #[arg(long, default_value = "md")]
        format: String,
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
        Command::Incidents { config, action } => incidents::run(config.as_deref(), action),
        Command::Console { config, action } => console::run(config.as_deref(), action),
        Command::Config {
            action: ConfigAction::Check { config },
        } => config::check(&config),
    }
}

/// The current year (UTC): the birth-century bound of health numbers.
pub(crate) fn current_year() -> i32 {
    time::OffsetDateTime::now_utc().year()
}
