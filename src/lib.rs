//! Sentinelle: a before-queue SMTP guard that enforces Quebec's MSSS directive DIR04
//! (secure use of collaboration tools by physicians) where mail flows.
//!
//! # Layout
//!
//! Data flows one way. At the end of a message's data the session calls one function,
//! [`pipeline::check`], on the blocking pool; it reads, decides and prepares, and the session
//! then records, relays and answers:
//!
//! ```text
//!                  ┌──────────── pipeline::check (blocking pool) ─────────────┐
//! client ──SMTP──▶ smtp::Session ─▶ analysis ─▶ policy::decide ─▶ action::prepare
//!                  │  (I/O)         (pure)       (pure)            (encrypt, word)
//!                  │                                                    │ Plan
//!                  ├─▶ incident::Store::record (before any reply) ◀─────┘
//!                  ├─▶ action::execute ─▶ action::upstream (next hop) or Maildir
//! client ◀─reply── smtp::Session (the one final reply, after the upstream answered)
//! ```
//!
//! - [`config`]: the TOML file, validated once into a [`config::Config`].
//! - [`rules`]: every file under `rules/` and the keyring, loaded, hashed (the policy
//!   version) and swapped whole on SIGHUP; the only code that reads rule files.
//! - [`server`]: listeners, TLS accept, connection caps, graceful shutdown.
//! - [`smtp`]: one SMTP session per connection; the only code that writes to clients;
//!   [`smtp::reply`] holds every text a client reads, the DIR04 refusals included.
//! - [`pipeline`]: one received message through analysis, policy and the action's
//!   preparation; called by the session and by `sentinelle check`.
//! - [`analysis`]: pure reading of a message: headers, MIME, attachments, detection,
//!   encryption, forwarding signals, into an [`analysis::Reading`].
//! - [`policy`]: pure decision: one [`policy::Treatment`] per recipient and the incident
//!   draft, from a reading, the envelope, the session facts, the rules and the time.
//! - [`action`]: turns a decision into a [`action::Plan`] (encrypted versions, refusal words,
//!   notifications of refused recipients) and carries it out; [`action::upstream`] is the
//!   only code that talks to the next hop; [`action::send`] sends any other mail.
//! - [`incident`]: the record of every enforcement, its hash-chained store (the only code
//!   that touches the database), notifications and reports.
//! - [`envelope`], [`tls`], [`telemetry`], [`shutdown`], [`stream`]: the edges.
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
pub mod console;
pub mod envelope;
pub mod incident;
pub mod metrics;
pub mod ocr;
pub mod pipeline;
pub mod policy;
pub mod rules;
pub mod server;
pub mod shutdown;
pub mod smtp;
pub mod stream;
pub mod telemetry;
pub mod text_error;
pub mod tls;
