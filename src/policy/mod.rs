//! The checkpoint: a pure decision, one action per recipient, for every message.
//!
//! The SMTP core calls [`Checkpoint::decide`] after the whole message is received and before
//! the client gets its final reply. A decision does no I/O and reads no clock, so the `check`
//! command and the tests can run the very same code. [`Standard`] applies the submission
//! sender rule (DIR04 art. 6 (2)), then the DIR04 rules recipient by recipient ([`decide`]).

pub mod classify;
pub mod decide;
pub mod sender;
pub mod table;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};
use std::time::SystemTime;

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
    /// When the message was received (certificate validity is judged at this time).
    pub now: SystemTime,
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

/// A delivery status notification for the sender, about recipients refused while the others
/// get the message (per-recipient refusal mode).
#[derive(Clone, PartialEq, Eq)]
pub struct Notice {
    /// Where it goes (the envelope sender); it is sent from the null sender.
    pub to: String,
    /// The notification (RFC 3464).
    pub message: Arc<Vec<u8>>,
}

impl std::fmt::Debug for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Notice({} bytes)", self.message.len())
    }
}

/// One action per recipient, in the envelope's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// `actions[i]` is for `envelope.recipients[i]`.
    pub actions: Vec<Action>,
    /// With it, refused recipients do not stop the others (per-recipient mode): the allowed
    /// ones get the message and the sender this notification. Without it, any refusal
    /// refuses the whole message.
    pub notice: Option<Notice>,
    /// The incident to record before the client's reply, when the decision enforced something.
    pub incident: Option<crate::incident::Draft>,
}

impl Decision {
    /// The same action for every recipient of `envelope`.
    pub fn uniform(envelope: &Envelope, action: Action) -> Self {
        Decision {
            actions: vec![action; envelope.recipients.len()],
            notice: None,
            incident: None,
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

    /// The version of the rules in force, for incident records.
    fn policy_version(&self) -> String {
        String::new()
    }
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
    keyring_dir: PathBuf,
    hostname: String,
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
    /// rules/policy.toml.
    #[error(transparent)]
    Table(#[from] table::PolicyFileError),
    /// certs/keyring/.
    #[error(transparent)]
    Keyring(#[from] crate::action::keyring::KeyringError),
}

fn load_rules(
    dir: &Path,
    keyring: &Path,
    limits: &crate::analysis::Limits,
    year: i32,
) -> Result<decide::Rules, PolicyError> {
    let keyring = crate::action::keyring::Keyring::load(keyring)?;
    let parts = decide::Parts {
        engine: Arc::new(crate::analysis::Engine::load_or_embedded(dir)?),
        domains: Arc::new(classify::Directory::load(dir)?),
        forwarding: Arc::new(crate::analysis::forwarding::Signals::load_or_embedded(dir)?),
        policy: Arc::new(table::Policy::load_or_embedded(dir)?),
        version: version(dir, &keyring),
        keyring: Arc::new(keyring),
    };
    Ok(decide::Rules::new(parts, limits.clone(), year))
}

/// The policy version: SHA-256 (first 16 hex digits) over the rule files as loaded (the
/// shipped copy for a missing file) and the certificates' fingerprints.
fn version(dir: &Path, keyring: &crate::action::keyring::Keyring) -> String {
    use sha2::Digest as _;
    let mut hasher = sha2::Sha256::new();
    let files: &[(&str, &str)] = &[
        ("detectors.toml", crate::analysis::detect::EMBEDDED),
        ("forwarding.toml", crate::analysis::forwarding::EMBEDDED),
        ("policy.toml", table::EMBEDDED),
        ("domains/internal.txt", ""),
        ("domains/public_webmail.txt", ""),
        ("domains/approved_systems.txt", ""),
        ("domains/restricted_systems.txt", ""),
    ];
    for (name, embedded) in files {
        hasher.update(name.as_bytes());
        if let Ok((text, _)) = crate::rulefile::read(dir, name, embedded) {
            hasher.update(text.as_bytes());
        }
    }
    for summary in keyring.summaries(std::time::SystemTime::UNIX_EPOCH) {
        hasher.update(summary.fingerprint.as_bytes());
    }
    let digest = hasher.finalize();
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// A decision with what led to it (the `check` command prints both).
#[derive(Debug)]
pub struct Judgement {
    /// The DIR04 verdict; `None` when the sender rule refused before any reading.
    pub verdict: Option<decide::Verdict>,
    /// The actions.
    pub decision: Decision,
}

impl Standard {
    /// Builds the checkpoint from the validated configuration and its rules directory;
    /// `year` bounds NAM birth years.
    pub fn new(config: &Config, year: i32) -> Result<Self, PolicyError> {
        let keyring_dir = config.certs_dir.join("keyring");
        let rules = load_rules(&config.rules_dir, &keyring_dir, &config.analysis, year)?;
        Ok(Standard {
            sender: sender::SenderRule::new(&config.submission),
            rules: RwLock::new(Arc::new(rules)),
            rules_dir: config.rules_dir.clone(),
            keyring_dir,
            hostname: config.hostname.clone(),
            limits: config.analysis.clone(),
            year,
        })
    }

    /// Reads the rules directory and the keyring again. On an error the rules in force stay,
    /// unchanged.
    pub fn reload(&self) -> Result<(), PolicyError> {
        let fresh = Arc::new(load_rules(
            &self.rules_dir,
            &self.keyring_dir,
            &self.limits,
            self.year,
        )?);
        *self.rules.write().unwrap_or_else(PoisonError::into_inner) = fresh;
        Ok(())
    }

    fn rules(&self) -> Arc<decide::Rules> {
        Arc::clone(&self.rules.read().unwrap_or_else(PoisonError::into_inner))
    }
}

impl Standard {
    /// The decision for `message` and what led to it.
    pub fn judge(&self, message: &Message<'_>) -> Judgement {
        let rules = self.rules();
        if let Some(reply) = self.sender.check_header_from(message) {
            let mut decision = Decision::uniform(message.envelope, Action::Refuse(reply));
            decision.incident = Some(sender_draft(&rules, message));
            return Judgement {
                verdict: None,
                decision,
            };
        }
        let recipients: Vec<&str> = message
            .envelope
            .recipients
            .iter()
            .map(|r| r.address.as_str())
            .collect();
        let verdict = rules.judge(
            message.raw,
            message.envelope.sender(),
            &recipients,
            message.now,
        );
        let (actions, notice) = actions(&rules, &verdict, message, &recipients, &self.hostname);
        if let Some(analysis) = &verdict.analysis {
            tracing::info!(
                situation = ?verdict.situation,
                confidential = analysis.confidential,
                encryption = ?verdict.encryption,
                findings = analysis.findings.len(),
                unscannable = analysis.unscannable.len(),
                forwarding = ?verdict.forwarding.signals,
                detectors = ?analysis.findings.iter().map(|f| f.detector.as_str()).collect::<Vec<_>>(),
                refused = ?verdict.recipients.iter().filter_map(|(_, t)| match t {
                    decide::Treatment::Refuse(c) => Some(c.as_str()),
                    _ => None,
                }).collect::<Vec<_>>(),
                "message analysed"
            );
        }
        // A temporary failure (gateway encryption) holds the whole message back: nothing was
        // enforced yet, the client retries and the retry is recorded.
        let held_back = actions.iter().any(|a| {
            matches!(a, Action::Refuse(reply)
                if reply.severity() == crate::smtp::reply::Severity::Transient)
        });
        let incident = if held_back {
            None
        } else {
            verdict.draft(&recipients, notice.is_some(), rules.version())
        };
        Judgement {
            verdict: Some(verdict),
            decision: Decision {
                incident,
                actions,
                notice,
            },
        }
    }
}

/// The incident of a refusal by the submission sender rule (DIR04 art. 6 (2)).
fn sender_draft(rules: &decide::Rules, message: &Message<'_>) -> crate::incident::Draft {
    use crate::incident::model::Recipient;
    let recipients = message
        .envelope
        .recipients
        .iter()
        .map(|r| Recipient {
            address: r.address.clone(),
            class: rules.classify(&r.address).as_str().to_owned(),
            action: "refuse".into(),
            reason: Some("sender_not_corporate".into()),
        })
        .collect();
    crate::incident::Draft::sender_not_corporate(recipients, rules.version().to_owned())
}

/// The verdict's treatments as actions (encrypted versions built, refusals worded), and the
/// notification of refused recipients in per-recipient mode.
fn actions(
    rules: &decide::Rules,
    verdict: &decide::Verdict,
    message: &Message<'_>,
    recipients: &[&str],
    hostname: &str,
) -> (Vec<Action>, Option<Notice>) {
    use decide::Treatment;
    // Refused recipients by category, for the refusal texts.
    let mut refused: BTreeMap<decide::Category, Vec<String>> = BTreeMap::new();
    let mut notices = Vec::new();
    for ((_, treatment), address) in verdict.recipients.iter().zip(recipients) {
        if let Treatment::Refuse(category) = treatment {
            refused
                .entry(*category)
                .or_default()
                .push((*address).to_owned());
            notices.push(crate::action::dsn::Refused {
                address,
                refusal: category.refusal(),
            });
        }
    }
    // Per recipient only when someone gets the message and the sender can be told.
    let partial = rules.policy().refusal == table::RefusalMode::PerRecipient
        && !refused.is_empty()
        && notices.len() < recipients.len()
        && !message.envelope.sender().is_empty();
    // Content that could not be read is refused with its true reasons, one text each.
    let unreadable: Vec<&'static crate::smtp::reply::Refusal> = {
        let mut kinds: Vec<&'static crate::smtp::reply::Refusal> = Vec::new();
        for u in verdict
            .analysis
            .iter()
            .flat_map(|a| &a.unscannable)
            .filter(|u| u.risk)
        {
            let kind = crate::smtp::reply::unscannable(&u.reason);
            if !kinds.iter().any(|k| std::ptr::eq(*k, kind)) {
                kinds.push(kind);
            }
        }
        kinds
    };
    let all: Vec<(&crate::smtp::reply::Refusal, Vec<String>)> = refused
        .iter()
        .flat_map(|(category, addresses)| {
            let texts = match category {
                decide::Category::UnscannableContent if !unreadable.is_empty() => {
                    unreadable.clone()
                }
                _ => vec![category.refusal()],
            };
            texts.into_iter().map(|t| (t, addresses.clone()))
        })
        .collect();
    let combined = crate::smtp::reply::refused(&all, None);
    // Refused for everyone: no encrypted version is built (it would never be sent).
    let refused_for_all = !partial && !refused.is_empty();
    let actions = verdict
        .recipients
        .iter()
        .zip(recipients)
        .map(|((_, treatment), address)| match treatment {
            Treatment::Relay => Action::Relay,
            Treatment::Refuse(category) if partial => Action::Refuse(crate::smtp::reply::refused(
                &[(category.refusal(), vec![(*address).to_owned()])],
                None,
            )),
            Treatment::Refuse(_) => Action::Refuse(combined.clone()),
            Treatment::RelayEncrypted if refused_for_all => Action::Relay,
            Treatment::RelayEncrypted => encrypted(rules, verdict, message, address),
        })
        .collect();
    let notice = partial.then(|| Notice {
        to: message.envelope.sender().to_owned(),
        message: Arc::new(crate::action::dsn::build(
            hostname,
            message.envelope.sender(),
            message.raw,
            &notices,
            message.now,
        )),
    });
    (actions, notice)
}

/// The PGP/MIME version for `address`; a failure to encrypt never relays in clear: the client
/// keeps the message and retries (4xx).
fn encrypted(
    rules: &decide::Rules,
    verdict: &decide::Verdict,
    message: &Message<'_>,
    address: &str,
) -> Action {
    let Some(cert) = rules.keyring().find(address, message.now) else {
        return Action::Refuse(crate::smtp::reply::LOCAL_ERROR);
    };
    match crate::action::encrypt::pgp_mime(
        message.raw,
        cert,
        verdict.untagged_subject.as_deref(),
        message.now,
    ) {
        Ok(bytes) => Action::RelayReplacement(Arc::new(bytes)),
        Err(err) => {
            tracing::error!(error = %err, "gateway encryption failed: temporary failure");
            Action::Refuse(crate::smtp::reply::LOCAL_ERROR)
        }
    }
}

impl Checkpoint for Standard {
    fn decide(&self, message: &Message<'_>) -> Decision {
        self.judge(message).decision
    }

    fn policy_version(&self) -> String {
        self.rules().version().to_owned()
    }
}
