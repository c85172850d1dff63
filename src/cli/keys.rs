//! `sentinelle keys import|list|remove`: the recipients' OpenPGP certificates in
//! `certs_dir/keyring/`. A running server reads them again on SIGHUP.

use std::path::Path;
use std::process::ExitCode;
use std::time::SystemTime;

use anyhow::Context as _;

use super::KeysAction;
use crate::config::Config;
use crate::rules::keyring::{self, Keyring, Summary};

fn print(summary: &Summary) {
    println!(
        "{}  {:<17} {:<10}  {}",
        summary.fingerprint,
        summary.status,
        summary.expires.as_deref().unwrap_or("-"),
        summary.addresses.join(", ")
    );
}

/// Runs a keys command.
pub fn run(config: Option<&Path>, action: KeysAction) -> anyhow::Result<ExitCode> {
    let config = match config {
        Some(path) => Config::load(path)?,
        None => Config::embedded_default()?,
    };
    let dir = config.certs_dir.join("keyring");
    let now = SystemTime::now();
    match action {
        KeysAction::Import { files } => {
            for file in files {
                let bytes = std::fs::read(&file)
                    .with_context(|| format!("cannot read {}", file.display()))?;
                for summary in keyring::import(&dir, &bytes, &file, now)? {
                    print(&summary);
                }
            }
            eprintln!(
                "sentinelle: keyring {}: send SIGHUP to a running server to use it",
                dir.display()
            );
        }
        KeysAction::List { json } => {
            let summaries = Keyring::load(&dir)?.summaries(now);
            if json {
                println!("{}", serde_json::to_string_pretty(&summaries)?);
            } else {
                for summary in &summaries {
                    print(summary);
                }
            }
        }
        KeysAction::Remove { what } => {
            for fingerprint in keyring::remove(&dir, &what)? {
                println!("{fingerprint} removed");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
