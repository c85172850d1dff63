//! From a decision to what goes out: the encrypted versions built, the refusals worded (from
//! the one catalogue, `smtp::reply`), the sender's delivery status notification in
//! per-recipient mode. CPU work only (PGP/MIME encryption): it runs on the blocking pool,
//! before the incident is recorded and anything is sent.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::SystemTime;

use super::{dsn, encrypt};
use crate::envelope::Envelope;
use crate::policy::sender::Fault;
use crate::policy::{Category, Decision, Treatment};
use crate::rules::keyring::Keyring;
use crate::smtp::reply::{self, Grade, Reply, refusal};

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

/// One action per recipient, in the envelope's order, ready to be carried out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// `actions[i]` is for `envelope.recipients[i]`.
    pub actions: Vec<Action>,
    /// Per-recipient mode: the notification of the refused recipients for the sender.
    pub notice: Option<Notice>,
    /// The incident to record before the client's reply; none when the message is held
    /// back by a temporary failure (nothing was enforced yet: the retry is recorded).
    pub incident: Option<crate::incident::Draft>,
}

impl Plan {
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

/// What [`prepare`] works from besides the decision.
pub struct Basis<'a> {
    /// The envelope.
    pub envelope: &'a Envelope,
    /// The message as received.
    pub raw: &'a [u8],
    /// The certificates the decision found.
    pub keyring: &'a Keyring,
    /// This host's name (the notification comes from `postmaster@hostname`).
    pub hostname: &'a str,
    /// The reasons content could not be read, when it could not (for the refusal's words).
    pub unreadable: &'a [&'a str],
    /// When the message was received.
    pub now: SystemTime,
}

/// Turns `decision` into a plan: refusals worded, encrypted versions built, and the
/// notification in per-recipient mode.
pub fn prepare(decision: &Decision, input: &Basis<'_>) -> Plan {
    let mut incident = decision.incident.clone();
    if let Some(fault) = decision.sender {
        let reply = match fault {
            Fault::SeveralFields => reply::SEVERAL_FROM_FIELDS,
            Fault::NotAccount => reply::HEADER_FROM_NOT_ACCOUNT,
        };
        let actions = vec![Action::Refuse(reply); decision.recipients.len()];
        return Plan {
            actions,
            notice: None,
            incident,
        };
    }
    let addresses: Vec<&str> = input
        .envelope
        .recipients
        .iter()
        .map(|r| r.address.as_str())
        .collect();
    let combined = combined_refusal(decision, &addresses, input.unreadable);
    // Refused for everyone: no encrypted version is built (it would never be sent).
    let refused_for_all = !decision.per_recipient && combined.is_some();
    let actions: Vec<Action> = decision
        .treatments()
        .zip(&addresses)
        .map(|(treatment, address)| match treatment {
            Treatment::Relay => Action::Relay,
            Treatment::Refuse(category) if decision.per_recipient => {
                Action::Refuse(refusal::refused(
                    &[(refusal::of(category), vec![(*address).to_owned()])],
                    None,
                ))
            }
            Treatment::Refuse(_) => Action::Refuse(combined.clone().unwrap_or(reply::LOCAL_ERROR)),
            Treatment::RelayEncrypted if refused_for_all => Action::Relay,
            Treatment::RelayEncrypted => encrypted(decision, input, address),
        })
        .collect();
    // A temporary failure (gateway encryption) holds the whole message back: nothing was
    // enforced yet, the client retries and the retry is recorded.
    let held_back = actions
        .iter()
        .any(|a| matches!(a, Action::Refuse(reply) if reply.grade() == Grade::Transient));
    if held_back {
        incident = None;
    }
    let notice = decision
        .per_recipient
        .then(|| notice(decision, input, &addresses));
    Plan {
        actions,
        notice,
        incident,
    }
}

/// The one refusal for the whole message: every refused kind with its recipients; content
/// that could not be read is refused with its true reasons, one text each.
fn combined_refusal(decision: &Decision, addresses: &[&str], unreadable: &[&str]) -> Option<Reply> {
    let mut refused: BTreeMap<Category, Vec<String>> = BTreeMap::new();
    for (treatment, address) in decision.treatments().zip(addresses) {
        if let Treatment::Refuse(category) = treatment {
            refused
                .entry(category)
                .or_default()
                .push((*address).to_owned());
        }
    }
    if refused.is_empty() {
        return None;
    }
    let mut kinds: Vec<&'static refusal::Refusal> = Vec::new();
    for reason in unreadable {
        let kind = refusal::unscannable(reason);
        if !kinds.iter().any(|k| std::ptr::eq(*k, kind)) {
            kinds.push(kind);
        }
    }
    let all: Vec<(&refusal::Refusal, Vec<String>)> = refused
        .iter()
        .flat_map(|(category, addresses)| {
            let texts = match category {
                Category::UnscannableContent if !kinds.is_empty() => kinds.clone(),
                _ => vec![refusal::of(*category)],
            };
            texts.into_iter().map(|t| (t, addresses.clone()))
        })
        .collect();
    Some(refusal::refused(&all, None))
}

/// The delivery status notification of the refused recipients, for the envelope sender.
fn notice(decision: &Decision, input: &Basis<'_>, addresses: &[&str]) -> Notice {
    let refused: Vec<dsn::Refused<'_>> = decision
        .treatments()
        .zip(addresses)
        .filter_map(|(treatment, address)| match treatment {
            Treatment::Refuse(category) => Some(dsn::Refused {
                address,
                refusal: refusal::of(category),
            }),
            _ => None,
        })
        .collect();
    let sender = input.envelope.sender();
    Notice {
        to: sender.to_owned(),
        message: Arc::new(dsn::build(
            input.hostname,
            sender,
            input.raw,
            &refused,
            input.now,
        )),
    }
}

/// The PGP/MIME version for `address`; a failure to encrypt never relays in clear: the client
/// keeps the message and retries (4xx).
fn encrypted(decision: &Decision, input: &Basis<'_>, address: &str) -> Action {
    let Some(cert) = input.keyring.find(address, input.now) else {
        return Action::Refuse(reply::LOCAL_ERROR);
    };
    match encrypt::pgp_mime(
        input.raw,
        cert,
        decision.untagged_subject.as_deref(),
        input.now,
    ) {
        Ok(bytes) => Action::RelayReplacement(Arc::new(bytes)),
        Err(err) => {
            tracing::error!(error = %err, "gateway encryption failed: temporary failure");
            Action::Refuse(reply::LOCAL_ERROR)
        }
    }
}
