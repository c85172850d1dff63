//! `sentinelle config check`: validate a file and say so, or point at the faulty line.

use std::path::Path;
use std::process::ExitCode;

use crate::config::Config;

/// Validates `path`; prints a summary on success.
pub fn check(path: &Path) -> anyhow::Result<ExitCode> {
    let config = Config::load(path)?;
    println!("{}: OK", path.display());
    for listener in &config.listeners {
        println!(
            "  listener {} mode={} tls={:?}",
            listener.address,
            listener.mode.as_str(),
            listener.tls
        );
    }
    Ok(ExitCode::SUCCESS)
}
