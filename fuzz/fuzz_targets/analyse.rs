//! The message analyser on arbitrary bytes: it must return, within its limits, whatever the
//! input. Seeds: fuzz/corpus/analyse (a few .eml files and attachments).
#![no_main]

use std::sync::OnceLock;
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use sentinelle::analysis::{self, Engine, Limits};

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        Engine::parse(analysis::detect::EMBEDDED).expect("embedded rules")
    })
}

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        // Small bounds keep each run fast; the code paths are the same.
        max_expanded_bytes: 8 * 1024 * 1024,
        time_limit: Some(Duration::from_secs(2)),
        ..Limits::default()
    };
    let result = analysis::analyse(data, engine(), &limits, 2026);
    // Invariant: a sample never carries a full 8-digit run of the input.
    for finding in &result.findings {
        assert!(finding.sample.chars().filter(char::is_ascii_digit).count() <= 4);
    }
});
