//! rules/policy.toml: the decision table (situation x recipient class -> relay, encrypt or
//! refuse), the refusal mode, the subject tags that ask for encryption and the approved
//! encryption algorithms (DIR04 art. 6 (3): "approved by the MSSS or the RSSS").

use std::collections::HashMap;

use serde::Deserialize;
use toml::Spanned;

use crate::analysis::encryption::{Layer, Scheme};
use crate::policy::classify::Class;
use crate::text_error::TextError;

/// The file name under the rules directory.
pub const FILE: &str = "policy.toml";

/// The shipped policy, used when the rules directory has no policy.toml.
pub const EMBEDDED: &str = include_str!("../../rules/policy.toml");

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

/// One situation's cells: one for every recipient class, no more, no less.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "HashMap<Class, Cell>")]
pub struct Row(HashMap<Class, Cell>);

impl TryFrom<HashMap<Class, Cell>> for Row {
    type Error = String;

    fn try_from(cells: HashMap<Class, Cell>) -> Result<Row, String> {
        match Class::ALL.iter().find(|class| !cells.contains_key(class)) {
            Some(missing) => Err(format!(
                "no cell for recipient class `{}`",
                missing.as_str()
            )),
            None => Ok(Row(cells)),
        }
    }
}

impl Row {
    /// The cell for `class`.
    pub fn cell(&self, class: Class) -> Cell {
        // Every class has its cell (checked when the file was read); refusing is the safe
        // reading should that ever not hold.
        self.0.get(&class).copied().unwrap_or(Cell::Refuse)
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
    subject_tags: Vec<Spanned<String>>,
    approved_openpgp: Vec<Spanned<String>>,
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
    /// Parses policy text.
    pub fn parse(text: &str) -> Result<Policy, TextError> {
        let raw: RawPolicy = toml::from_str(text).map_err(|e| TextError::toml(text, &e))?;
        let lower = |name: &str| name.trim().to_lowercase();
        let mut approved_openpgp = Vec::new();
        for name in &raw.encryption.approved_openpgp {
            let container = lower(name.get_ref());
            if !OPENPGP_CONTAINERS.contains(&container.as_str()) {
                let message = format!(
                    "approved_openpgp: unknown container {container:?} (known: {})",
                    OPENPGP_CONTAINERS.join(", ")
                );
                return Err(TextError::at(text, name.span().start, message));
            }
            approved_openpgp.push(container);
        }
        if let Some(empty) = raw
            .encryption
            .subject_tags
            .iter()
            .find(|t| t.get_ref().trim().is_empty())
        {
            let message = "subject_tags: a tag cannot be empty";
            return Err(TextError::at(text, empty.span().start, message));
        }
        Ok(Policy {
            table: raw.table,
            refusal: raw.refusal,
            subject_tags: raw
                .encryption
                .subject_tags
                .into_iter()
                .map(Spanned::into_inner)
                .collect(),
            approved_openpgp,
            approved_smime: raw
                .encryption
                .approved_smime
                .iter()
                .map(|a| lower(a))
                .collect(),
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
        let policy = Policy::parse(EMBEDDED).unwrap();
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
        let place = |text: &str, word: &str| {
            let offset = text.find(word).unwrap();
            crate::text_error::line_column(text, offset)
        };
        let err = Policy::parse(&broken).unwrap_err();
        assert!(err.message.contains("maybe"), "{err}");
        assert_eq!((err.line, err.column), place(&broken, "\"maybe\""), "{err}");
        let broken = EMBEDDED.replace("\"seipd_v2\"]", "\"seipd_v3\"]");
        let err = Policy::parse(&broken).unwrap_err();
        assert!(err.message.contains("seipd_v3"), "{err}");
        assert_eq!(
            (err.line, err.column),
            place(&broken, "\"seipd_v3\""),
            "{err}"
        );
    }

    #[test]
    fn a_row_names_every_recipient_class_and_only_those() {
        let broken = EMBEDDED.replace("restricted_system = \"relay\" }", "}");
        let err = Policy::parse(&broken).unwrap_err();
        assert!(err.message.contains("`restricted_system`"), "{err}");
        let broken = EMBEDDED.replace(
            "internal = \"relay\", approved",
            "intern = \"relay\", approved",
        );
        let err = Policy::parse(&broken).unwrap_err();
        assert!(err.message.contains("intern"), "{err}");
    }
}
