//! The checkpoint: a pure decision, one action per recipient, for every message.
//!
//! The SMTP core calls [`Checkpoint::decide`] after the whole message is received and before
//! the client gets its final reply. A decision does no I/O and reads no clock, so the `check`
//! command and the tests can run the very same code. [`Standard`] applies the submission
//! sender rule (DIR04 art. 6 (2)), then the DIR04 rules recipient by recipient ([`decide`]).

pub mod classify;
pub mod decide;
pub mod sender;

use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};

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

/// The standard checkpoint: the submission sender rule (DIR04 art. 6 (2)), then the DIR04
/// rules recipient by recipient ([`decide::Rules`]). The rules can be reloaded while sessions
/// run ([`Standard::reload`], on SIGHUP): a message is judged by the rules in force when its
/// data ended.
#[derive(Debug)]
pub struct Standard {
    sender: sender::SenderRule,
    rules: RwLock<Arc<decide::Rules>>,
    rules_dir: PathBuf,
    limits: crate::analysis::Limits,
    year: i32,
}

/// Rules that cannot be loaded.
#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    /// rules/detectors.toml.
    #[error(transparent)]
    Detectors(#[from] crate::analysis::detect::RulesError),
    /// rules/domains/.
    #[error(transparent)]
    Domains(#[from] classify::DomainsError),
    /// rules/forwarding.toml.
    #[error(transparent)]
    Forwarding(#[from] crate::analysis::forwarding::ForwardingError),
}

fn load_rules(
    dir: &Path,
    limits: &crate::analysis::Limits,
    year: i32,
) -> Result<decide::Rules, PolicyError> {
    Ok(decide::Rules::new(
        Arc::new(crate::analysis::Engine::load_or_embedded(dir)?),
        Arc::new(classify::Directory::load(dir)?),
        Arc::new(crate::analysis::forwarding::Signals::load_or_embedded(dir)?),
        limits.clone(),
        year,
    ))
}

impl Standard {
    /// Builds the checkpoint from the validated configuration and its rules directory;
    /// `year` bounds NAM birth years.
    pub fn new(config: &Config, year: i32) -> Result<Self, PolicyError> {
        let rules = load_rules(&config.rules_dir, &config.analysis, year)?;
        Ok(Standard {
            sender: sender::SenderRule::new(&config.submission),
            rules: RwLock::new(Arc::new(rules)),
            rules_dir: config.rules_dir.clone(),
            limits: config.analysis.clone(),
            year,
        })
    }

    /// Reads the rules directory again. On an error the rules in force stay, unchanged.
    pub fn reload(&self) -> Result<(), PolicyError> {
        let fresh = Arc::new(load_rules(&self.rules_dir, &self.limits, self.year)?);
        *self.rules.write().unwrap_or_else(PoisonError::into_inner) = fresh;
        Ok(())
    }

    fn rules(&self) -> Arc<decide::Rules> {
        Arc::clone(&self.rules.read().unwrap_or_else(PoisonError::into_inner))
    }
}

impl Checkpoint for Standard {
    fn decide(&self, message: &Message<'_>) -> Decision {
        if let Some(reply) = self.sender.check_header_from(message) {
            return Decision::uniform(message.envelope, Action::Refuse(reply));
        }
        let recipients: Vec<&str> = message
            .envelope
            .recipients
            .iter()
            .map(|r| r.address.as_str())
            .collect();
        let verdict = self
            .rules()
            .judge(message.raw, message.envelope.sender(), &recipients);
        let actions = verdict
            .recipients
            .iter()
            .map(|(_, category)| match category {
                Some(category) => Action::Refuse(category.reply()),
                None => Action::Relay,
            })
            .collect();
        if let Some(analysis) = &verdict.analysis {
            tracing::info!(
                confidential = analysis.confidential,
                findings = analysis.findings.len(),
                unscannable = analysis.unscannable.len(),
                forwarding = ?verdict.forwarding.signals,
                detectors = ?analysis.findings.iter().map(|f| f.detector.as_str()).collect::<Vec<_>>(),
                refused = ?verdict.recipients.iter().filter_map(|(_, c)| c.map(decide::Category::as_str)).collect::<Vec<_>>(),
                "message analysed"
            );
        }
        Decision { actions }
    }
}
