//! The command line: one file per subcommand. Errors are reported by `main` (exit code 2).

mod config;
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

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Serve { config } => serve::run(config.as_deref()),
        Command::Config {
            action: ConfigAction::Check { config },
        } => config::check(&config),
    }
}
