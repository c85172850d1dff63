//! `sentinelle config check`: validate a file and say so, or point at the faulty line.

use std::path::Path;
use std::process::ExitCode;

use crate::config::Config;

/// Validates `path`; prints a summary on success.
pub fn check(path: &Path) -> anyhow::Result<ExitCode> {
    let config = Config::load(path)?;
    // Every rule file and the keyring, as `serve` would load them.
    let rules = crate::rules::Sources::of(&config, super::current_year()).load()?;
    println!("{}: OK", path.display());
    println!(
        "  rules {}: {} detectors",
        config.rules_dir.display(),
        rules.engine.detector_count()
    );
    for (class, count) in rules.domains.counts() {
        println!("  domains {class:?}: {count}");
    }
    match rules.ocr.unavailable() {
        None => println!("  ocr: Tesseract ({})", config.ocr.languages),
        Some(why) => println!(
            "  ocr: unavailable ({why}): images are not read and count as risks for outside \
             recipients unless unread_images = \"harmless\""
        ),
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
