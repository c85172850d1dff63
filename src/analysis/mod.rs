//! Reading a message: pure, synchronous, no I/O, never panics on input.
//!
//! Today this module reads the header facts the SMTP core needs (the From addresses for the
//! submission sender rule, a hash of the Message-ID for logs). The detection engine of a
//! later issue grows here (MIME walk, extractors, detectors, redaction).
//! It must never return or log message content in clear.

pub mod headers;

pub use headers::{HeaderFacts, read_headers};
