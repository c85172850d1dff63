//! The policy: a pure function from what was read of a message, its envelope and its session
//! to one [`Treatment`] per recipient and the incident draft ([`decide`]).
//!
//! Pure: no I/O, no logging, no clock (the time is given), no panics on input. The policy
//! does not word replies, build encrypted versions or send anything: `action` does, from the
//! [`Decision`]. It applies the submission sender rule (DIR04 art. 6 (2)), then the DIR04
//! rules recipient by recipient: the recipient's class (rules/domains/), what the message is
//! (auto-forwarded, weakly encrypted, confidential, unscannable, encrypted, clear) and the
//! cell of rules/policy.toml's table for the two.

pub mod category;
pub mod classify;
mod decide;
pub mod draft;
pub mod sender;
pub mod table;
pub mod tags;

pub use category::Category;
pub use classify::Class;
pub use decide::{decide, must_read};
pub use table::Situation;

/// What happens for one recipient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "action", content = "reason")]
pub enum Treatment {
    /// Relay as it is.
    Relay,
    /// Relay a version encrypted for the recipient's certificate (held in the keyring).
    RelayEncrypted,
    /// Refuse.
    Refuse(Category),
}

/// The encryption found, in one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EncryptionFound {
    /// No encrypted part.
    None,
    /// Approved OpenPGP.
    OpenPgp,
    /// Approved S/MIME.
    Smime,
    /// A parsed layer whose protection is not approved.
    Weak,
    /// A layer that does not parse as an encrypted message.
    Invalid,
}

impl EncryptionFound {
    /// Its name in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            EncryptionFound::None => "none",
            EncryptionFound::OpenPgp => "openpgp",
            EncryptionFound::Smime => "smime",
            EncryptionFound::Weak => "weak",
            EncryptionFound::Invalid => "invalid",
        }
    }
}

draft::display_as_str!(Category, Class, EncryptionFound);

/// What the policy decided for one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// For each recipient, in the envelope's order: its class and what happens.
    pub recipients: Vec<(Class, Treatment)>,
    /// What the message is; `None` when the sender rule refused it before any reading.
    pub situation: Option<Situation>,
    /// Submission mode: why the sender rule refused the message, when it did.
    pub sender: Option<sender::Fault>,
    /// The encryption found.
    pub encryption: EncryptionFound,
    /// Refused recipients do not stop the others (per-recipient mode): the allowed ones get
    /// the message and the sender a delivery status notification. Otherwise any refusal
    /// refuses the whole message.
    pub per_recipient: bool,
    /// The subject without its encryption tags, when a tag asked for encryption.
    pub untagged_subject: Option<String>,
    /// The incident to record before the client's reply, when the decision enforces
    /// something (a refusal or a gateway encryption).
    pub incident: Option<draft::Draft>,
}

impl Decision {
    /// The recipients' treatments alone.
    pub fn treatments(&self) -> impl Iterator<Item = Treatment> + '_ {
        self.recipients.iter().map(|(_, t)| *t)
    }

    /// The categories of the refused recipients, in the envelope's order.
    pub fn refused(&self) -> impl Iterator<Item = Category> + '_ {
        self.treatments().filter_map(|t| match t {
            Treatment::Refuse(category) => Some(category),
            _ => None,
        })
    }
}
