//! `sentinelle config check`: validate a file and say so, or point at the faulty line.

use std::path::Path;
use std::process::ExitCode;

use crate::config::Config;

/// Validates `path`; prints a summary on success.
pub fn check(path: &Path) -> anyhow::Result<ExitCode> {
    let config = Config::load(path)?;
    let engine = crate::analysis::Engine::load_or_embedded(&config.rules_dir)?;
    let domains = crate::policy::classify::Directory::load(&config.rules_dir)?;
    crate::analysis::forwarding::Signals::load_or_embedded(&config.rules_dir)?;
    println!("{}: OK", path.display());
    println!(
        "  rules {}: {} detectors",
        config.rules_dir.display(),
        engine.detector_count()
    );
    for (class, count) in domains.counts() {
        println!("  domains {class:?}: {count}");
    }
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
