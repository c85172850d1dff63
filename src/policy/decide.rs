//! The DIR04 rules, recipient by recipient: who the recipient is (rules/domains/), whether
//! the message was forwarded without a person (rules/forwarding.toml), and whether it carries
//! confidential patient data (the detection engine). Pure: the analysis reads only the bytes.
//!
//! | recipient        | auto-forwarded | confidential                      |
//! |------------------|----------------|-----------------------------------|
//! | internal         | relay          | relay                             |
//! | approved system  | refuse (6 (5)) | relay (art. 7)                    |
//! | public webmail   | refuse (6 (5)) | refuse (6 (4))                    |
//! | restricted       | refuse (6 (5)) | refuse (orientation MSSS 2019)    |
//! | external         | refuse (6 (5)) | refuse without approved encryption (6 (3)) |
//!
//! Mail that is neither auto-forwarded nor confidential is relayed to everyone. Recognising an
//! approved encryption layer and encrypting at the gateway come with the rest of issue 4.

use std::sync::Arc;

use crate::analysis::forwarding::{Forwarding, Signals};
use crate::analysis::{self, Analysis, Engine, Limits};
use crate::policy::classify::{Class, Directory};
use crate::smtp::reply::{self, Reply};

/// Why a recipient is refused (the incident category).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Sent on by a mailbox rule or a forwarding address, outside the platform (art. 6 (5)).
    AutoForward,
    /// Confidential data to a public webmail service (art. 6 (4)).
    ConfidentialToPublicWebmail,
    /// Confidential data outside the platform without approved encryption (art. 6 (3)).
    ConfidentialUnencryptedExternal,
    /// Confidential data to a system whose links were cut.
    RestrictedSystem,
}

impl Category {
    /// The category's name in logs and incident records.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::AutoForward => "auto_forward",
            Category::ConfidentialToPublicWebmail => "confidential_to_public_webmail",
            Category::ConfidentialUnencryptedExternal => "confidential_unencrypted_external",
            Category::RestrictedSystem => "restricted_system",
        }
    }

    /// The SMTP refusal, French then English (7-bit, RFC 5321 §4.2).
    pub fn reply(self) -> Reply {
        match self {
            Category::AutoForward => reply::AUTO_FORWARD_REFUSED,
            Category::ConfidentialToPublicWebmail => reply::WEBMAIL_REFUSED,
            Category::ConfidentialUnencryptedExternal => reply::UNENCRYPTED_EXTERNAL_REFUSED,
            Category::RestrictedSystem => reply::RESTRICTED_SYSTEM_REFUSED,
        }
    }
}

/// What the rules said of one message.
#[derive(Debug, Clone)]
pub struct Verdict {
    /// For each recipient, in the envelope's order: its class and, when refused, why.
    pub recipients: Vec<(Class, Option<Category>)>,
    /// The analysis, when the content had to be read (a recipient outside the platform).
    pub analysis: Option<Analysis>,
    /// The forwarding signals.
    pub forwarding: Forwarding,
}

/// The loaded DIR04 rules.
#[derive(Debug, Clone)]
pub struct Rules {
    engine: Arc<Engine>,
    domains: Arc<Directory>,
    forwarding: Arc<Signals>,
    limits: Limits,
    year: i32,
}

impl Rules {
    /// Rules from their loaded parts; `year` bounds NAM birth years.
    pub fn new(
        engine: Arc<Engine>,
        domains: Arc<Directory>,
        forwarding: Arc<Signals>,
        limits: Limits,
        year: i32,
    ) -> Rules {
        Rules {
            engine,
            domains,
            forwarding,
            limits,
            year,
        }
    }

    /// Judges a message for its envelope sender `mail_from` and `recipients`.
    pub fn judge(&self, raw: &[u8], mail_from: &str, recipients: &[&str]) -> Verdict {
        let classes: Vec<Class> = recipients
            .iter()
            .map(|r| self.domains.classify(r))
            .collect();
        let forwarding = self.forwarding.read(raw, mail_from);
        let outside = classes.iter().any(|&c| c != Class::Internal);
        // Mail that stays on the platform is not read: nothing in DIR04 limits it.
        let analysis =
            outside.then(|| analysis::analyse(raw, &self.engine, &self.limits, self.year));
        let confidential = analysis.as_ref().is_some_and(|a| a.confidential);
        let recipients = classes
            .into_iter()
            .map(|class| {
                let category = match class {
                    Class::Internal => None,
                    _ if forwarding.auto_forwarded() => Some(Category::AutoForward),
                    _ if !confidential => None,
                    Class::ApprovedSystem => None,
                    Class::PublicWebmail => Some(Category::ConfidentialToPublicWebmail),
                    Class::RestrictedSystem => Some(Category::RestrictedSystem),
                    Class::External => Some(Category::ConfidentialUnencryptedExternal),
                };
                (class, category)
            })
            .collect();
        Verdict {
            recipients,
            analysis,
            forwarding,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            Arc::new(Engine::load(&root).unwrap()),
            Arc::new(domains),
            Arc::new(Signals::load_or_embedded(&root).unwrap()),
            Limits::default(),
            2026,
        )
    }

    const CONFIDENTIAL: &[u8] = b"From: a@ssss.gouv.qc.ca\r\nSubject: suivi\r\n\r\nPatient Gaston Tremblay, NAM TREG 5401 0114, diagnostic de diabete.\r\n";
    const ORDINARY: &[u8] =
        b"From: a@ssss.gouv.qc.ca\r\nSubject: reunion\r\n\r\nLa reunion est reportee a jeudi.\r\n";

    fn categories(raw: &[u8], recipients: &[&str]) -> Vec<Option<Category>> {
        rules()
            .judge(raw, "a@ssss.gouv.qc.ca", recipients)
            .recipients
            .into_iter()
            .map(|(_, c)| c)
            .collect()
    }

    #[test]
    fn confidential_mail_by_recipient_class() {
        assert_eq!(
            categories(
                CONFIDENTIAL,
                &[
                    "b@chum.ssss.gouv.qc.ca",
                    "x@gmail.com",
                    "y@clinique.example",
                    "z@ramq.example",
                    "w@insurer.example"
                ]
            ),
            vec![
                None,
                Some(Category::ConfidentialToPublicWebmail),
                Some(Category::ConfidentialUnencryptedExternal),
                None,
                Some(Category::RestrictedSystem),
            ]
        );
    }

    #[test]
    fn ordinary_mail_goes_everywhere_and_internal_mail_is_not_read() {
        assert_eq!(
            categories(ORDINARY, &["x@gmail.com", "y@clinique.example"]),
            vec![None, None]
        );
        let verdict = rules().judge(CONFIDENTIAL, "a@ssss.gouv.qc.ca", &["b@msss.gouv.qc.ca"]);
        assert!(verdict.analysis.is_none());
        assert_eq!(verdict.recipients, vec![(Class::Internal, None)]);
    }

    #[test]
    fn auto_forwarded_mail_leaves_the_platform_for_no_one() {
        let mut raw = b"X-MS-Exchange-Organization-AutoForwarded: true\r\n".to_vec();
        raw.extend_from_slice(ORDINARY);
        assert_eq!(
            categories(
                &raw,
                &["b@ssss.gouv.qc.ca", "x@gmail.com", "z@ramq.example"]
            ),
            vec![
                None,
                Some(Category::AutoForward),
                Some(Category::AutoForward)
            ]
        );
    }
}
