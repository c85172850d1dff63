//! The checkpoint: a pure decision, one action per recipient, for every message.
//!
//! The SMTP core calls [`Checkpoint::decide`] after the whole message is received and before
//! the client gets its final reply. A decision does no I/O and reads no clock, so the `check`
//! command and the tests can run the very same code. This issue ships the pass-through
//! decision plus the submission sender rule (DIR04 art. 6 (2)); detection and policy fill it.

pub mod classify;
pub mod sender;

use std::sync::Arc;

use crate::analysis::HeaderFacts;
use crate::config::Config;
use crate::envelope::{Envelope, SessionFacts};
use crate::smtp::reply::Reply;

/// Everything the checkpoint may look at.
pub struct Message<'a> {
    /// MAIL FROM and the RCPT TOs with their parameters.
    pub envelope: &'a Envelope,
    /// The message exactly as received (after dot-unstuffing), without Sentinelle's Received header.
    pub raw: &'a [u8],
    /// The header facts, read once by the SMTP core.
    pub headers: &'a HeaderFacts,
    /// What the session established: mode, client, TLS, authenticated account.
    pub facts: &'a SessionFacts,
}

/// What to do for one recipient.
#[derive(Clone, PartialEq, Eq)]
pub enum Action {
    /// Relay the original bytes unchanged (apart from the Received trace header).
    Relay,
    /// Relay this replacement message instead (for example an encrypted version).
    /// Recipients with different versions travel in separate upstream transactions.
    RelayReplacement(Arc<Vec<u8>>),
    /// Refuse, with this reply.
    Refuse(Reply),
}

impl std::fmt::Debug for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Action::Relay => f.write_str("Relay"),
            // The replacement is message content: only its size may be printed.
            Action::RelayReplacement(bytes) => write!(f, "RelayReplacement({} bytes)", bytes.len()),
            Action::Refuse(reply) => write!(f, "Refuse({reply:?})"),
        }
    }
}

/// One action per recipient, in the envelope's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// `actions[i]` is for `envelope.recipients[i]`.
    pub actions: Vec<Action>,
}

impl Decision {
    /// The same action for every recipient of `envelope`.
    pub fn uniform(envelope: &Envelope, action: Action) -> Self {
        Decision {
            actions: vec![action; envelope.recipients.len()],
        }
    }

    /// A short label for logs: "relay", "refuse" or "mixed".
    pub fn label(&self) -> &'static str {
        let refused = self
            .actions
            .iter()
            .filter(|a| matches!(a, Action::Refuse(_)))
            .count();
        match refused {
            0 => "relay",
            n if n == self.actions.len() => "refuse",
            _ => "mixed",
        }
    }
}

/// The decision boundary. Implementations are pure: no I/O, no clock, no panics on input.
pub trait Checkpoint: Send + Sync {
    /// Decides what happens to `message`, one action per recipient.
    fn decide(&self, message: &Message<'_>) -> Decision;
}

/// The checkpoint this issue ships: the submission sender rule, then relay everything.
#[derive(Debug, Clone)]
pub struct Standard {
    sender: sender::SenderRule,
}

impl Standard {
    /// Builds the checkpoint from the validated configuration.
    pub fn new(config: &Config) -> Self {
        Standard {
            sender: sender::SenderRule::new(&config.submission),
        }
    }
}

impl Checkpoint for Standard {
    fn decide(&self, message: &Message<'_>) -> Decision {
        if let Some(reply) = self.sender.check_header_from(message) {
            return Decision::uniform(message.envelope, Action::Refuse(reply));
        }
        Decision::uniform(message.envelope, Action::Relay)
    }
}
