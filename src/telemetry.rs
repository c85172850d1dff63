//! Logging set-up. Log lines carry ids, addresses, sizes, hashes, decisions and timings only:
//! never a body, a subject, an attachment name or an identifier value (DIR04 art. 8 and
//! the "never leak twice" rule). Fields used across the code: `session`, `client`, `mode`,
//! `size`, `msgid_hash`, `recipients`, `decision`, `upstream_ms`, `reply`.

use tracing_subscriber::EnvFilter;

use crate::config::{LogConfig, LogFormat};

/// Installs the global subscriber; `RUST_LOG` overrides the configured level.
pub fn init(config: &LogConfig) {
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(&config.level))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    // Colours only on a terminal: escape codes do not belong in log files or journald.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(ansi)
        .with_writer(std::io::stderr);
    // A second init (tests, repeated runs) keeps the first subscriber.
    let _ = match config.format {
        LogFormat::Human => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}
