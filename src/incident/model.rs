//! The incident record. A [`Draft`] is what the (pure) policy knows (its typed vocabulary
//! lives in `policy::draft`); the SMTP session adds who sent what, and the store gives it its
//! reference, its place in the chain and its hash. The stored JSON keeps its words: the enums
//! serialise to the same strings the record always held.

use serde::{Deserialize, Serialize};

pub use crate::policy::draft::{
    Cause, Draft, Enforcement, Evidence, Recipient, RecipientAction, Severity,
};

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
