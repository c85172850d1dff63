//! rules/policy.toml: the decision table (situation x recipient class -> relay, encrypt or
//! refuse), the refusal mode, the subject tags that ask for encryption and the approved
//! encryption algorithms (DIR04 art. 6 (3): "approved by the MSSS or the RSSS").

use serde::Deserialize;

use crate::analysis::encryption::{Layer, Scheme};
use crate::policy::classify::Class;

/// The shipped policy, used when the rules directory has no policy.toml.
pub const EMBEDDED: &str = include_str!("../../rules/policy.toml");

/// A policy file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum PolicyFileError {
    /// The file exists but cannot be read.
    #[error("{path}: {source}")]
    Unreadable {
        /// Where.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// Syntax or a value (the message has the line and column).
    #[error("{origin}: {message}")]
    Invalid {
        /// The file.
        origin: String,
        /// What is wrong.
        message: String,
    },
}

/// What to do for one recipient class in one situation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cell {
    /// Relay as it is.
    Relay,
    /// Encrypt for the recipient's certificate, or refuse without one.
    Encrypt,
    /// Refuse.
    Refuse,
}

/// One situation's cells.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    internal: Cell,
    approved_system: Cell,
    external: Cell,
    public_webmail: Cell,
    restricted_system: Cell,
}

impl Row {
    /// The cell for `class`.
    pub fn cell(&self, class: Class) -> Cell {
        match class {
            Class::Internal => self.internal,
            Class::ApprovedSystem => self.approved_system,
            Class::External => self.external,
            Class::PublicWebmail => self.public_webmail,
            Class::RestrictedSystem => self.restricted_system,
        }
    }
}

/// What a message is, as far as the table goes; the first that applies decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Situation {
    /// Sent on by a mailbox rule or a forwarding address.
    AutoForwarded,
    /// An encrypted part whose protection is not approved, or broken.
    WeakEncryption,
    /// Patient data readable outside any approved encryption.
    Confidential,
    /// A part that may hide patient data could not be read.
    Unscannable,
    /// Every encrypted part is approved and nothing confidential is in clear.
    Encrypted,
    /// Nothing confidential found.
    Clear,
}

/// The rows of the table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    auto_forwarded: Row,
    weak_encryption: Row,
    confidential: Row,
    unscannable: Row,
    encrypted: Row,
    clear: Row,
}

impl Table {
    /// The row of `situation`.
    pub fn row(&self, situation: Situation) -> &Row {
        match situation {
            Situation::AutoForwarded => &self.auto_forwarded,
            Situation::WeakEncryption => &self.weak_encryption,
            Situation::Confidential => &self.confidential,
            Situation::Unscannable => &self.unscannable,
            Situation::Encrypted => &self.encrypted,
            Situation::Clear => &self.clear,
        }
    }
}

/// How refusals are given when some recipients are allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RefusalMode {
    /// One refused recipient refuses the message for all.
    WholeMessage,
    /// Allowed recipients get it; the sender is told about the others (DSN).
    PerRecipient,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEncryption {
    subject_tags: Vec<String>,
    approved_openpgp: Vec<String>,
    approved_smime: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    refusal: RefusalMode,
    encryption: RawEncryption,
    table: Table,
}

/// The loaded rules/policy.toml.
#[derive(Debug, Clone)]
pub struct Policy {
    /// The decision table.
    pub table: Table,
    /// Whole message or per recipient.
    pub refusal: RefusalMode,
    /// Subject tags asking for encryption.
    pub subject_tags: Vec<String>,
    approved_openpgp: Vec<String>,
    approved_smime: Vec<String>,
}

const OPENPGP_CONTAINERS: &[&str] = &["seipd_v1", "seipd_v2", "sed"];

impl Policy {
    /// Parses policy text (`origin` names it in errors).
    pub fn parse(text: &str, origin: &str) -> Result<Policy, PolicyFileError> {
        let invalid = |message: String| PolicyFileError::Invalid {
            origin: origin.to_owned(),
            message,
        };
        let raw: RawPolicy =
            toml::from_str(text).map_err(|e| invalid(e.to_string().trim_end().to_owned()))?;
        let lower = |list: Vec<String>| -> Vec<String> {
            list.into_iter().map(|s| s.trim().to_lowercase()).collect()
        };
        let approved_openpgp = lower(raw.encryption.approved_openpgp);
        if let Some(unknown) = approved_openpgp
            .iter()
            .find(|a| !OPENPGP_CONTAINERS.contains(&a.as_str()))
        {
            return Err(invalid(format!(
                "approved_openpgp: unknown container {unknown:?} (known: {})",
                OPENPGP_CONTAINERS.join(", ")
            )));
        }
        if raw
            .encryption
            .subject_tags
            .iter()
            .any(|t| t.trim().is_empty())
        {
            return Err(invalid("subject_tags: a tag cannot be empty".into()));
        }
        Ok(Policy {
            table: raw.table,
            refusal: raw.refusal,
            subject_tags: raw.encryption.subject_tags,
            approved_openpgp,
            approved_smime: lower(raw.encryption.approved_smime),
        })
    }

    /// Whether `layer` is an approved encryption (parsed, with an approved algorithm).
    pub fn approves(&self, layer: &Layer) -> bool {
        let Some(algorithm) = &layer.algorithm else {
            return false;
        };
        let list = match layer.scheme {
            Scheme::OpenPgp => &self.approved_openpgp,
            Scheme::Smime => &self.approved_smime,
        };
        list.iter().any(|a| a == algorithm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_policy_is_the_directive_table() {
        let policy = Policy::parse(EMBEDDED, "embedded").unwrap();
        assert_eq!(policy.refusal, RefusalMode::WholeMessage);
        let row = |s| policy.table.row(s);
        assert_eq!(
            row(Situation::Confidential).cell(Class::External),
            Cell::Encrypt
        );
        assert_eq!(
            row(Situation::Encrypted).cell(Class::PublicWebmail),
            Cell::Refuse
        );
        assert_eq!(
            row(Situation::AutoForwarded).cell(Class::Internal),
            Cell::Relay
        );
        assert_eq!(
            row(Situation::Clear).cell(Class::RestrictedSystem),
            Cell::Relay
        );
    }

    #[test]
    fn mistakes_are_named() {
        let broken = EMBEDDED.replace("external = \"encrypt\"", "external = \"maybe\"");
        let err = Policy::parse(&broken, "policy.toml")
            .unwrap_err()
            .to_string();
        assert!(err.contains("line") && err.contains("maybe"), "{err}");
        let broken = EMBEDDED.replace("\"seipd_v2\"]", "\"seipd_v3\"]");
        let err = Policy::parse(&broken, "policy.toml")
            .unwrap_err()
            .to_string();
        assert!(err.contains("seipd_v3"), "{err}");
    }
}
