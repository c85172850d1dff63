//! Sentinelle: a before-queue SMTP guard that enforces Quebec's MSSS directive DIR04
//! (secure use of collaboration tools by physicians) where mail flows.
//!
//! # Layout
//!
//! Data flows one way:
//!
//! ```text
//! client ──SMTP──▶ smtp::Session ──(envelope, raw bytes, session facts)──▶ analysis
//!                                                                          ▼
//! client ◀─reply── smtp::Session ◀── action::execute ◀── policy::Checkpoint::decide
//!                       │                └─▶ upstream (next hop or local Maildir)
//!                       └─▶ incident::store (written before the client's final reply)
//! ```
//!
//! - [`config`]: the TOML file, validated once into a [`config::Config`].
//! - [`server`]: listeners, TLS accept, connection caps, graceful shutdown.
//! - [`smtp`]: one SMTP session per connection; the only code that writes to clients.
//! - [`analysis`]: pure reading of a message: MIME, attachments, detection, encryption, forwarding.
//! - [`policy`]: the checkpoint: a pure function from a message to one action per recipient.
//! - [`action`]: carries a decision out; [`action::upstream`] is the only code that talks to the next hop.
//! - [`incident`]: the record of every enforcement and its hash-chained store.
//! - [`tls`], [`telemetry`], [`shutdown`]: the edges.
//!
//! # The guarantee
//!
//! Sentinelle has no queue. The client's final answer to DATA/BDAT LAST is given only after
//! the decision and, for relayed mail, after the upstream answered: a crash or an upstream
//! outage leaves the message with the client, who retries.
#![forbid(unsafe_code)]

pub mod action;
pub mod analysis;
pub mod cli;
pub mod config;
pub mod envelope;
pub mod incident;
pub mod policy;
pub mod rulefile;
pub mod server;
pub mod shutdown;
pub mod smtp;
pub mod stream;
pub mod telemetry;
pub mod tls;
