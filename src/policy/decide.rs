//! The DIR04 rules, recipient by recipient: who the recipient is (rules/domains/), what the
//! message is (auto-forwarded, weakly encrypted, confidential, unscannable, encrypted, clear:
//! the first that applies), and the cell of rules/policy.toml's table for the two. Pure: the
//! analysis reads only the bytes; the time (certificate validity) is given.
//!
//! Default table (DIR04 art. 6 (3), (4), (5); restricted systems: orientation MSSS 2019):
//!
//! | message              | internal | approved | external           | webmail | restricted |
//! |----------------------|----------|----------|--------------------|---------|------------|
//! | auto-forwarded       | relay    | refuse   | refuse             | refuse  | refuse     |
//! | weak/invalid crypto  | relay    | refuse   | refuse             | refuse  | refuse     |
//! | confidential         | relay    | relay    | encrypt, or refuse | refuse  | refuse     |
//! | unscannable          | relay    | relay    | encrypt, or refuse | refuse  | refuse     |
//! | approved encryption  | relay    | relay    | relay              | refuse  | refuse     |
//! | nothing confidential | relay    | relay    | relay              | relay   | relay      |
//!
//! A subject tag (`[chiffré]`) asks for encryption: every recipient outside the platform that
//! would be relayed gets the encrypted version, or a refusal without a certificate.

use std::sync::Arc;
use std::time::SystemTime;

use crate::action::keyring::Keyring;
use crate::analysis::forwarding::{Forwarding, Signals};
use crate::analysis::{self, Analysis, Engine, Limits};
use crate::incident::model::{Draft, Evidence, Recipient, Severity};
use crate::policy::classify::{Class, Directory};
use crate::policy::table::{Cell, Policy, Situation};
use crate::smtp::reply;

/// Why a recipient is refused (the incident category).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Sent on by a mailbox rule or a forwarding address, outside the platform (art. 6 (5)).
    AutoForward,
    /// Confidential data to a public webmail service (art. 6 (4)).
    ConfidentialToPublicWebmail,
    /// Confidential data outside the platform without approved encryption (art. 6 (3)).
    ConfidentialUnencryptedExternal,
    /// Encryption that is not approved, or broken (art. 6 (3)).
    WeakEncryption,
    /// A system whose links were cut.
    RestrictedSystem,
    /// Content that could not be read, treated as confidential.
    UnscannableContent,
    /// The subject tag asked for encryption and no certificate is held.
    EncryptionUnavailable,
    /// The establishment's table refuses this recipient class for this message.
    ForbiddenRecipient,
}

impl Category {
    /// The category's name in logs and incident records.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::AutoForward => "auto_forward",
            Category::ConfidentialToPublicWebmail => "confidential_to_public_webmail",
            Category::ConfidentialUnencryptedExternal => "confidential_unencrypted_external",
            Category::WeakEncryption => "weak_encryption",
            Category::RestrictedSystem => "restricted_system",
            Category::UnscannableContent => "unscannable_content",
            Category::EncryptionUnavailable => "encryption_unavailable",
            Category::ForbiddenRecipient => "forbidden_recipient",
        }
    }

    /// The words of the refusal.
    pub fn refusal(self) -> &'static reply::Refusal {
        match self {
            Category::AutoForward => &reply::AUTO_FORWARD,
            Category::ConfidentialToPublicWebmail => &reply::WEBMAIL,
            Category::ConfidentialUnencryptedExternal => &reply::UNENCRYPTED_EXTERNAL,
            Category::WeakEncryption => &reply::WEAK_ENCRYPTION,
            Category::RestrictedSystem => &reply::RESTRICTED_SYSTEM,
            Category::UnscannableContent => &reply::UNSCANNABLE,
            Category::EncryptionUnavailable => &reply::ENCRYPTION_UNAVAILABLE,
            Category::ForbiddenRecipient => &reply::FORBIDDEN_RECIPIENT,
        }
    }

    /// How serious a refusal of this kind is.
    pub fn severity(self) -> Severity {
        match self {
            Category::AutoForward
            | Category::ConfidentialToPublicWebmail
            | Category::ConfidentialUnencryptedExternal
            | Category::RestrictedSystem => Severity::High,
            Category::WeakEncryption
            | Category::UnscannableContent
            | Category::ForbiddenRecipient => Severity::Medium,
            Category::EncryptionUnavailable => Severity::Low,
        }
    }

    /// The category of a refusal in `situation` for `class`.
    fn of(situation: Situation, class: Class) -> Category {
        match (situation, class) {
            (Situation::AutoForwarded, _) => Category::AutoForward,
            (Situation::WeakEncryption, _) => Category::WeakEncryption,
            (_, Class::RestrictedSystem) => Category::RestrictedSystem,
            (Situation::Unscannable, _) => Category::UnscannableContent,
            (Situation::Confidential | Situation::Encrypted, Class::PublicWebmail) => {
                Category::ConfidentialToPublicWebmail
            }
            (Situation::Confidential, _) => Category::ConfidentialUnencryptedExternal,
            (Situation::Encrypted | Situation::Clear, _) => Category::ForbiddenRecipient,
        }
    }
}

/// What happens for one recipient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "action", content = "reason")]
pub enum Treatment {
    /// Relay as it is.
    Relay,
    /// Relay a version encrypted for the recipient's certificate.
    RelayEncrypted,
    /// Refuse.
    Refuse(Category),
}

/// The encryption found, in one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
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

/// What the rules said of one message.
#[derive(Debug, Clone)]
pub struct Verdict {
    /// What the message is.
    pub situation: Situation,
    /// For each recipient, in the envelope's order: its class and what happens.
    pub recipients: Vec<(Class, Treatment)>,
    /// The analysis, when the content had to be read (a recipient outside the platform).
    pub analysis: Option<Analysis>,
    /// The forwarding signals.
    pub forwarding: Forwarding,
    /// The encryption found.
    pub encryption: EncryptionFound,
    /// The subject without its encryption tags, when a tag asked for encryption.
    pub untagged_subject: Option<String>,
}

/// The loaded DIR04 rules.
#[derive(Debug, Clone)]
pub struct Rules {
    engine: Arc<Engine>,
    domains: Arc<Directory>,
    forwarding: Arc<Signals>,
    policy: Arc<Policy>,
    keyring: Arc<Keyring>,
    version: String,
    limits: Limits,
    year: i32,
}

/// The parts [`Rules`] are made of.
#[derive(Debug, Clone)]
pub struct Parts {
    /// rules/detectors.toml.
    pub engine: Arc<Engine>,
    /// rules/domains/.
    pub domains: Arc<Directory>,
    /// rules/forwarding.toml.
    pub forwarding: Arc<Signals>,
    /// rules/policy.toml.
    pub policy: Arc<Policy>,
    /// certs/keyring/.
    pub keyring: Arc<Keyring>,
    /// A hash of the rule files and certificates (the policy version in incidents).
    pub version: String,
}

impl Rules {
    /// Rules from their loaded parts; `year` bounds NAM birth years.
    pub fn new(parts: Parts, limits: Limits, year: i32) -> Rules {
        Rules {
            engine: parts.engine,
            domains: parts.domains,
            forwarding: parts.forwarding,
            policy: parts.policy,
            keyring: parts.keyring,
            version: parts.version,
            limits,
            year,
        }
    }

    /// The policy file in force.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The keyring in force.
    pub fn keyring(&self) -> &Keyring {
        &self.keyring
    }

    /// The policy version: a hash of the rule files and certificates in force.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The class of a recipient address.
    pub fn classify(&self, address: &str) -> Class {
        self.domains.classify(address)
    }

    /// Judges a message for its envelope sender `mail_from` and `recipients` at `now`.
    pub fn judge(
        &self,
        raw: &[u8],
        mail_from: &str,
        recipients: &[&str],
        now: SystemTime,
    ) -> Verdict {
        let classes: Vec<Class> = recipients
            .iter()
            .map(|r| self.domains.classify(r))
            .collect();
        let internal = |address: &str| self.domains.classify(address) == Class::Internal;
        let forwarding = self.forwarding.read(raw, mail_from, &internal);
        let outside = classes.iter().any(|&c| c != Class::Internal);
        // Mail that stays on the platform is not read: nothing in DIR04 limits it.
        let analysis =
            outside.then(|| analysis::analyse(raw, &self.engine, &self.limits, self.year));
        let encryption = self.encryption(analysis.as_ref());
        let situation = if forwarding.auto_forwarded() {
            Situation::AutoForwarded
        } else {
            match (&analysis, encryption) {
                (_, EncryptionFound::Weak | EncryptionFound::Invalid) => Situation::WeakEncryption,
                (Some(a), _) if a.confidential => Situation::Confidential,
                (Some(a), _) if a.unscannable_risk() => Situation::Unscannable,
                (_, EncryptionFound::OpenPgp | EncryptionFound::Smime) => Situation::Encrypted,
                _ => Situation::Clear,
            }
        };
        let untagged_subject = if outside {
            subject(raw)
                .and_then(|s| crate::action::encrypt::untagged(&s, &self.policy.subject_tags))
        } else {
            None
        };
        let row = self.policy.table.row(situation);
        let recipients = classes
            .into_iter()
            .zip(recipients)
            .map(|(class, address)| {
                let has_cert = || self.keyring.find(address, now).is_some();
                let treatment = match row.cell(class) {
                    Cell::Refuse => Treatment::Refuse(Category::of(situation, class)),
                    Cell::Encrypt if has_cert() => Treatment::RelayEncrypted,
                    Cell::Encrypt => Treatment::Refuse(Category::of(situation, class)),
                    Cell::Relay if class == Class::Internal || untagged_subject.is_none() => {
                        Treatment::Relay
                    }
                    Cell::Relay if has_cert() => Treatment::RelayEncrypted,
                    Cell::Relay => Treatment::Refuse(Category::EncryptionUnavailable),
                };
                (class, treatment)
            })
            .collect();
        Verdict {
            situation,
            recipients,
            analysis,
            forwarding,
            encryption,
            untagged_subject,
        }
    }

    fn encryption(&self, analysis: Option<&Analysis>) -> EncryptionFound {
        let Some(analysis) = analysis else {
            return EncryptionFound::None;
        };
        let layers = &analysis.encrypted;
        if layers.iter().any(|l| l.invalid.is_some()) {
            return EncryptionFound::Invalid;
        }
        if layers.iter().any(|l| !self.policy.approves(l)) {
            return EncryptionFound::Weak;
        }
        match layers.first().map(|l| l.scheme) {
            None => EncryptionFound::None,
            Some(analysis::encryption::Scheme::OpenPgp) => EncryptionFound::OpenPgp,
            Some(analysis::encryption::Scheme::Smime) => EncryptionFound::Smime,
        }
    }
}

impl Verdict {
    /// The incident this verdict makes, if it enforced anything: a refusal or a gateway
    /// encryption. `partial`: the refused recipients did not stop the others.
    pub fn draft(&self, addresses: &[&str], partial: bool, policy_version: &str) -> Option<Draft> {
        let refused = self.recipients.iter().filter_map(|(_, t)| match t {
            Treatment::Refuse(category) => Some(*category),
            _ => None,
        });
        let strongest = refused.max_by_key(|c| (c.severity(), std::cmp::Reverse(*c)));
        let encrypted = self
            .recipients
            .iter()
            .any(|(_, t)| *t == Treatment::RelayEncrypted);
        let (category, rule, severity, action) = match strongest {
            Some(c) => (
                c.as_str(),
                c.refusal().rule,
                c.severity(),
                if partial { "partly_refused" } else { "refused" },
            ),
            None if encrypted => {
                let category = match self.situation {
                    Situation::Confidential => "confidential_unencrypted_external",
                    Situation::Unscannable => "unscannable_content",
                    _ => "encryption_requested",
                };
                (
                    category,
                    reply::UNENCRYPTED_EXTERNAL.rule,
                    Severity::Low,
                    "encrypted",
                )
            }
            None => return None,
        };
        let recipients = self
            .recipients
            .iter()
            .zip(addresses)
            .map(|((class, treatment), address)| {
                let (action, reason) = match treatment {
                    Treatment::Relay => ("relay", None),
                    Treatment::RelayEncrypted => ("relay_encrypted", None),
                    Treatment::Refuse(c) => ("refuse", Some(c.as_str().to_owned())),
                };
                Recipient {
                    address: (*address).to_owned(),
                    class: class.as_str().to_owned(),
                    action: action.to_owned(),
                    reason,
                }
            })
            .collect();
        let findings = self.analysis.as_ref().map_or_else(Vec::new, |a| {
            a.findings
                .iter()
                .take(MAX_RECORDED)
                .map(|f| Evidence {
                    detector: f.detector.clone(),
                    confidence: f.confidence.as_str().to_owned(),
                    count: f.count,
                    part: f.location.part.clone(),
                    sample: f.sample.clone(),
                })
                .collect()
        });
        let unscannable = self.analysis.as_ref().map_or_else(Vec::new, |a| {
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
            category: category.to_owned(),
            rule: rule.to_owned(),
            severity,
            action: action.to_owned(),
            recipients,
            findings,
            forward_signals: self.forwarding.signals.clone(),
            encryption: self.encryption.as_str().to_owned(),
            unscannable,
            policy_version: policy_version.to_owned(),
        })
    }
}

/// Most findings and most unscannable entries an incident records: the record stays
/// bounded (well under 64 KB) whatever the input; the decision saw them all.
const MAX_RECORDED: usize = 100;

/// The decoded subject of `raw`.
fn subject(raw: &[u8]) -> Option<String> {
    let message = mail_parser::MessageParser::new().parse_headers(raw)?;
    message.subject().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::keyring::tests::cert;

    fn rules() -> Rules {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let mut domains = Directory::load(&root).unwrap();
        domains
            .add(Class::ApprovedSystem, "ramq.example\n", "test")
            .unwrap();
        domains
            .add(Class::RestrictedSystem, "insurer.example\n", "test")
            .unwrap();
        Rules::new(
            Parts {
                engine: Arc::new(Engine::load(&root).unwrap()),
                domains: Arc::new(domains),
                forwarding: Arc::new(Signals::load_or_embedded(&root).unwrap()),
                policy: Arc::new(Policy::load_or_embedded(&root).unwrap()),
                keyring: Arc::new(Keyring::from_certs(vec![cert("keyed@clinique.example")])),
                version: "test".into(),
            },
            Limits::default(),
            2026,
        )
    }

    const CONFIDENTIAL: &[u8] = b"From: a@ssss.gouv.qc.ca\r\nSubject: suivi\r\n\r\nPatient Gaston Tremblay, NAM TREG 5401 0114, diagnostic de diabete.\r\n";
    const ORDINARY: &[u8] =
        b"From: a@ssss.gouv.qc.ca\r\nSubject: reunion\r\n\r\nLa reunion est reportee a jeudi.\r\n";

    fn treatments(raw: &[u8], recipients: &[&str]) -> Vec<Treatment> {
        rules()
            .judge(raw, "a@ssss.gouv.qc.ca", recipients, SystemTime::now())
            .recipients
            .into_iter()
            .map(|(_, t)| t)
            .collect()
    }

    use Treatment::{Refuse, Relay, RelayEncrypted};

    #[test]
    fn confidential_mail_by_recipient_class() {
        assert_eq!(
            treatments(
                CONFIDENTIAL,
                &[
                    "b@chum.ssss.gouv.qc.ca",
                    "x@gmail.com",
                    "y@clinique.example",
                    "keyed@clinique.example",
                    "z@ramq.example",
                    "w@insurer.example"
                ]
            ),
            vec![
                Relay,
                Refuse(Category::ConfidentialToPublicWebmail),
                Refuse(Category::ConfidentialUnencryptedExternal),
                RelayEncrypted,
                Relay,
                Refuse(Category::RestrictedSystem),
            ]
        );
    }

    #[test]
    fn ordinary_mail_goes_everywhere_and_internal_mail_is_not_read() {
        assert_eq!(
            treatments(ORDINARY, &["x@gmail.com", "y@clinique.example"]),
            vec![Relay, Relay]
        );
        let verdict = rules().judge(
            CONFIDENTIAL,
            "a@ssss.gouv.qc.ca",
            &["b@msss.gouv.qc.ca"],
            SystemTime::now(),
        );
        assert!(verdict.analysis.is_none());
        assert_eq!(verdict.recipients, vec![(Class::Internal, Relay)]);
    }

    #[test]
    fn auto_forwarded_mail_leaves_the_platform_for_no_one() {
        let mut raw = b"X-MS-Exchange-Organization-AutoForwarded: true\r\n".to_vec();
        raw.extend_from_slice(ORDINARY);
        assert_eq!(
            treatments(
                &raw,
                &[
                    "b@ssss.gouv.qc.ca",
                    "keyed@clinique.example",
                    "z@ramq.example"
                ]
            ),
            vec![
                Relay,
                Refuse(Category::AutoForward),
                Refuse(Category::AutoForward)
            ]
        );
    }

    #[test]
    fn the_subject_tag_asks_for_encryption() {
        let raw = b"From: a@ssss.gouv.qc.ca\r\nSubject: [Chiffr\xc3\xa9] reunion\r\n\r\nJeudi.\r\n";
        let verdict = rules().judge(
            raw,
            "a@ssss.gouv.qc.ca",
            &[
                "b@ssss.gouv.qc.ca",
                "keyed@clinique.example",
                "y@clinique.example",
            ],
            SystemTime::now(),
        );
        assert_eq!(verdict.untagged_subject.as_deref(), Some("reunion"));
        let treatments: Vec<Treatment> = verdict.recipients.iter().map(|(_, t)| *t).collect();
        assert_eq!(
            treatments,
            vec![
                Relay,
                RelayEncrypted,
                Refuse(Category::EncryptionUnavailable)
            ]
        );
    }
}
