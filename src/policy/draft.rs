//! The incident draft a decision makes: what the policy knows of an enforcement, without
//! message content (redacted samples and reasons only), bounded whatever the input. Its types
//! are the incident record's vocabulary; each serialises to the word the stored JSON holds.

use serde::{Deserialize, Serialize};

use super::{Category, Class, Decision, EncryptionFound, Situation, Treatment};
use crate::analysis::{Confidence, Reading};

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

/// What an incident is about: the strongest refusal, or (a gateway encryption with nothing
/// confidential found) the encryption the subject tag asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub enum Cause {
    /// A refusal of this category (or a gateway encryption of such a message).
    Refusal(Category),
    /// The physician asked for encryption; nothing confidential was found.
    EncryptionRequested,
}

impl Cause {
    /// Its word in the record, the store's column and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Cause::Refusal(category) => category.as_str(),
            Cause::EncryptionRequested => "encryption_requested",
        }
    }
}

impl From<Cause> for &'static str {
    fn from(cause: Cause) -> &'static str {
        cause.as_str()
    }
}

impl TryFrom<String> for Cause {
    type Error = String;

    fn try_from(word: String) -> Result<Cause, String> {
        if word == Cause::EncryptionRequested.as_str() {
            return Ok(Cause::EncryptionRequested);
        }
        Category::parse(&word)
            .map(Cause::Refusal)
            .ok_or_else(|| format!("unknown incident category {word:?}"))
    }
}

/// Display as the record's word (padding honoured, for tables).
macro_rules! display_as_str {
    ($($t:ty),*) => {$(
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.pad(self.as_str())
            }
        }
    )*};
}
pub(crate) use display_as_str;

display_as_str!(Cause, Enforcement, RecipientAction, Severity);

/// What was done to the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Enforcement {
    /// Refused for every recipient.
    Refused,
    /// Refused for some recipients, relayed to the others (per-recipient mode).
    PartlyRefused,
    /// Relayed encrypted by the gateway.
    Encrypted,
}

impl Enforcement {
    /// Its word in the record.
    pub fn as_str(self) -> &'static str {
        match self {
            Enforcement::Refused => "refused",
            Enforcement::PartlyRefused => "partly_refused",
            Enforcement::Encrypted => "encrypted",
        }
    }
}

/// What was done for one recipient (ordered from the mildest: a message's outcome is its
/// recipients' strongest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecipientAction {
    /// Relayed as it was.
    Relay,
    /// Relayed encrypted for the recipient's certificate.
    RelayEncrypted,
    /// Refused.
    Refuse,
}

impl RecipientAction {
    /// Its word in the record.
    pub fn as_str(self) -> &'static str {
        match self {
            RecipientAction::Relay => "relay",
            RecipientAction::RelayEncrypted => "relay_encrypted",
            RecipientAction::Refuse => "refuse",
        }
    }
}

impl Severity {
    /// Its word in the record.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }
}

/// One recipient of the message and what was done for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipient {
    /// The envelope address.
    pub address: String,
    /// Its class.
    pub class: Class,
    /// What was done.
    pub action: RecipientAction,
    /// The category, when refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Category>,
}

/// One detector's evidence: no value, a redacted sample only, no attachment name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Detector id.
    pub detector: String,
    /// How sure.
    pub confidence: Confidence,
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
    /// What the incident is about.
    pub category: Cause,
    /// The rule, as cited ("DIR04 art. 6 (4)").
    pub rule: String,
    /// Its severity.
    pub severity: Severity,
    /// What was done.
    pub action: Enforcement,
    /// Every recipient with its class and action.
    pub recipients: Vec<Recipient>,
    /// The detectors that fired.
    pub findings: Vec<Evidence>,
    /// The auto-forwarding signals that fired.
    pub forward_signals: Vec<String>,
    /// The encryption found.
    pub encryption: EncryptionFound,
    /// Why parts could not be read (reasons only).
    pub unscannable: Vec<String>,
    /// Hash of the rules in force.
    pub policy_version: String,
}

impl Draft {
    /// A refusal by the submission sender rule (DIR04 art. 6 (2)), before or after the
    /// message was received.
    pub fn sender_not_corporate(recipients: Vec<Recipient>, policy_version: String) -> Draft {
        let category = Category::SenderNotCorporate;
        Draft {
            category: Cause::Refusal(category),
            rule: category.rule().to_owned(),
            severity: category.severity(),
            action: Enforcement::Refused,
            recipients,
            findings: Vec::new(),
            forward_signals: Vec::new(),
            encryption: EncryptionFound::None,
            unscannable: Vec::new(),
            policy_version,
        }
    }
}

/// Most findings and most unscannable entries an incident records: the record stays
/// bounded (well under 64 KB) whatever the input; the decision saw them all.
const MAX_RECORDED: usize = 100;

/// The recipients as recorded: address, class, action and the category of a refusal.
fn recipients(treated: &[(Class, Treatment)], addresses: &[&str]) -> Vec<Recipient> {
    treated
        .iter()
        .zip(addresses)
        .map(|((class, treatment), address)| {
            let (action, reason) = match treatment {
                Treatment::Relay => (RecipientAction::Relay, None),
                Treatment::RelayEncrypted => (RecipientAction::RelayEncrypted, None),
                Treatment::Refuse(c) => (RecipientAction::Refuse, Some(*c)),
            };
            Recipient {
                address: (*address).to_owned(),
                class: *class,
                action,
                reason,
            }
        })
        .collect()
}

/// The incident of a refusal by the submission sender rule (DIR04 art. 6 (2)).
pub(super) fn sender(treated: &[(Class, Treatment)], addresses: &[&str], version: &str) -> Draft {
    Draft::sender_not_corporate(recipients(treated, addresses), version.to_owned())
}

/// The incident `decision` makes, if it enforces anything: a refusal or a gateway
/// encryption.
pub(super) fn enforcement(
    decision: &Decision,
    reading: &Reading,
    addresses: &[&str],
    version: &str,
) -> Option<Draft> {
    let strongest = decision
        .refused()
        .max_by_key(|c| (c.severity(), std::cmp::Reverse(*c)));
    let encrypted = decision
        .treatments()
        .any(|t| t == Treatment::RelayEncrypted);
    let (category, rule, severity, action) = match strongest {
        Some(c) => (
            Cause::Refusal(c),
            c.rule(),
            c.severity(),
            if decision.per_recipient {
                Enforcement::PartlyRefused
            } else {
                Enforcement::Refused
            },
        ),
        None if encrypted => {
            let category = match decision.situation {
                Some(Situation::Confidential) => {
                    Cause::Refusal(Category::ConfidentialUnencryptedExternal)
                }
                Some(Situation::Unscannable) => Cause::Refusal(Category::UnscannableContent),
                _ => Cause::EncryptionRequested,
            };
            (
                category,
                Category::ConfidentialUnencryptedExternal.rule(),
                Severity::Low,
                Enforcement::Encrypted,
            )
        }
        None => return None,
    };
    let content = reading.content.as_ref();
    let findings = content.map_or_else(Vec::new, |a| {
        a.findings
            .iter()
            .take(MAX_RECORDED)
            .map(|f| Evidence {
                detector: f.detector.clone(),
                confidence: f.confidence,
                count: f.count,
                part: f.location.part.clone(),
                sample: f.sample.clone(),
            })
            .collect()
    });
    let unscannable = content.map_or_else(Vec::new, |a| {
        a.unscannable
            .iter()
            .filter(|u| u.risk)
            .take(MAX_RECORDED)
            .map(|u| match u.count {
                1 => u.reason.clone(),
                n => format!("{} (x{n})", u.reason),
            })
            .collect()
    });
    Some(Draft {
        category,
        rule: rule.to_owned(),
        severity,
        action,
        recipients: recipients(&decision.recipients, addresses),
        findings,
        forward_signals: reading.forwarding.signals.clone(),
        encryption: decision.encryption,
        unscannable,
        policy_version: version.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A draft as the record stored it when every field was a string.
    const STORED: &str = r#"{"category":"confidential_to_public_webmail","rule":"DIR04 art. 6 (4)","severity":"high","action":"partly_refused","recipients":[{"address":"x@gmail.com","class":"public_webmail","action":"refuse","reason":"confidential_to_public_webmail"},{"address":"b@ssss.gouv.qc.ca","class":"internal","action":"relay"},{"address":"k@clinique.example","class":"external","action":"relay_encrypted"}],"findings":[{"detector":"ramq_nam","confidence":"high","count":1,"part":"1","sample":"TREG •••• ••14"}],"forward_signals":[],"encryption":"none","unscannable":[],"policy_version":"v1"}"#;

    #[test]
    fn a_stored_record_reads_into_the_typed_draft_and_writes_back_byte_identical() {
        let draft: Draft = serde_json::from_str(STORED).unwrap();
        assert_eq!(
            draft.category,
            Cause::Refusal(Category::ConfidentialToPublicWebmail)
        );
        assert_eq!(draft.action, Enforcement::PartlyRefused);
        assert_eq!(draft.recipients[2].action, RecipientAction::RelayEncrypted);
        assert_eq!(draft.findings[0].confidence, Confidence::High);
        assert_eq!(serde_json::to_string(&draft).unwrap(), STORED);
        let requested = STORED.replace(
            r#""category":"confidential_to_public_webmail""#,
            r#""category":"encryption_requested""#,
        );
        let draft: Draft = serde_json::from_str(&requested).unwrap();
        assert_eq!(draft.category, Cause::EncryptionRequested);
        assert_eq!(serde_json::to_string(&draft).unwrap(), requested);
        let unknown = STORED.replace("confidential_to_public_webmail\",\"rule", "x\",\"rule");
        assert!(serde_json::from_str::<Draft>(&unknown).is_err());
    }

    #[test]
    fn every_category_word_reads_back() {
        for category in Category::ALL {
            assert_eq!(Category::parse(category.as_str()), Some(category));
        }
        assert_eq!(Category::parse("encryption_requested"), None);
    }
}
