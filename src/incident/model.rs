//! The incident record. A [`Draft`] is what the (pure) policy knows; the SMTP session adds
//! who sent what, and the store gives it its reference, its place in the chain and its hash.

use serde::{Deserialize, Serialize};

/// How serious an incident is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Encryption done at the physician's request, nothing confidential found.
    Low,
    /// A risk stopped (weak encryption, unreadable content, sender rule).
    Medium,
    /// Patient data that would have left the platform unprotected.
    High,
}

/// Where an incident stands with the security team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Recorded, nobody looked yet.
    New,
    /// Someone is looking.
    UnderReview,
    /// Closed with a note.
    Closed,
}

impl Status {
    /// Its name in the store and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::UnderReview => "under_review",
            Status::Closed => "closed",
        }
    }

    /// Parses a name given on the command line.
    pub fn parse(text: &str) -> Option<Status> {
        match text {
            "new" => Some(Status::New),
            "under_review" | "review" => Some(Status::UnderReview),
            "closed" => Some(Status::Closed),
            _ => None,
        }
    }
}

/// One recipient of the message and what was done for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipient {
    /// The envelope address.
    pub address: String,
    /// internal, approved_system, external, public_webmail, restricted_system.
    pub class: String,
    /// relay, relay_encrypted or refuse.
    pub action: String,
    /// The category, when refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// One detector's evidence: no value, a redacted sample only, no attachment name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Detector id.
    pub detector: String,
    /// low, medium, high.
    pub confidence: String,
    /// Distinct values found.
    pub count: usize,
    /// MIME part path ("1", "2.1", "subject").
    pub part: String,
    /// Redacted shape of the first value.
    pub sample: String,
}

/// What the policy knows of an enforcement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// auto_forward, confidential_to_public_webmail, ... (the strongest refusal, or the
    /// reason for encrypting).
    pub category: String,
    /// The rule, as cited ("DIR04 art. 6 (4)").
    pub rule: String,
    /// Its severity.
    pub severity: Severity,
    /// refused, partly_refused, encrypted.
    pub action: String,
    /// Every recipient with its class and action.
    pub recipients: Vec<Recipient>,
    /// The detectors that fired.
    pub findings: Vec<Evidence>,
    /// The auto-forwarding signals that fired.
    pub forward_signals: Vec<String>,
    /// none, openpgp, smime, weak, invalid.
    pub encryption: String,
    /// Why parts could not be read (reasons only).
    pub unscannable: Vec<String>,
    /// Hash of the rules in force.
    pub policy_version: String,
}

impl Draft {
    /// A refusal by the submission sender rule (DIR04 art. 6 (2)).
    pub fn sender_not_corporate(recipients: Vec<Recipient>, policy_version: String) -> Draft {
        Draft {
            category: "sender_not_corporate".into(),
            rule: "DIR04 art. 6 (2)".into(),
            severity: Severity::Medium,
            action: "refused".into(),
            recipients,
            findings: Vec::new(),
            forward_signals: Vec::new(),
            encryption: "none".into(),
            unscannable: Vec::new(),
            policy_version,
        }
    }
}

/// Who sent the message.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Who {
    /// The authenticated account (submission mode).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// MAIL FROM.
    pub envelope_sender: String,
    /// The header From addresses.
    pub header_from: Vec<String>,
    /// The client's IP address.
    pub client: String,
    /// The establishment, from the sender's domain or the configuration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub establishment: Option<String>,
}

/// What the message was, without its content.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Message {
    /// The Message-ID field's value, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    /// Size in bytes.
    pub size: usize,
    /// SHA-256 of the message as received (hex): it proves which message, reveals nothing.
    pub sha256: String,
}

/// A recorded incident: what the chain covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incident {
    /// Unique, sortable (UUID v7).
    pub id: String,
    /// INC-2026-000123: shown to the physician in the refusal text.
    pub reference: String,
    /// When, UTC (RFC 3339).
    pub created_at: String,
    /// What the policy knew.
    #[serde(flatten)]
    pub draft: Draft,
    /// Who.
    pub who: Who,
    /// What.
    pub message: Message,
}
