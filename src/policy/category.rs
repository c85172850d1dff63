//! Why a recipient is refused: the incident category, the DIR04 rule it applies and how
//! serious it is. The words a physician reads for each live in `smtp::reply::refusal`.

use super::draft::Severity;
use crate::policy::classify::Class;
use crate::policy::table::Situation;

/// Why a recipient is refused (the incident category).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
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
    /// Submission mode: the sender is not the authenticated corporate account (art. 6 (2)).
    SenderNotCorporate,
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
            Category::SenderNotCorporate => "sender_not_corporate",
        }
    }

    /// Every category.
    pub const ALL: [Category; 9] = [
        Category::AutoForward,
        Category::ConfidentialToPublicWebmail,
        Category::ConfidentialUnencryptedExternal,
        Category::WeakEncryption,
        Category::RestrictedSystem,
        Category::UnscannableContent,
        Category::EncryptionUnavailable,
        Category::ForbiddenRecipient,
        Category::SenderNotCorporate,
    ];

    /// The category a word names ([`Category::as_str`] read back).
    pub fn parse(word: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == word)
    }

    /// The rule, as cited to the physician and in the incident record.
    pub const fn rule(self) -> &'static str {
        match self {
            Category::AutoForward => "DIR04 art. 6 (5)",
            Category::ConfidentialToPublicWebmail => "DIR04 art. 6 (4)",
            Category::ConfidentialUnencryptedExternal
            | Category::WeakEncryption
            | Category::UnscannableContent
            | Category::EncryptionUnavailable => "DIR04 art. 6 (3)",
            Category::RestrictedSystem => "orientation MSSS, DIR04 art. 7",
            Category::ForbiddenRecipient => "politique de l'etablissement",
            Category::SenderNotCorporate => "DIR04 art. 6 (2)",
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
            | Category::ForbiddenRecipient
            | Category::SenderNotCorporate => Severity::Medium,
            Category::EncryptionUnavailable => Severity::Low,
        }
    }

    /// The category of a refusal in `situation` for `class`.
    pub(super) fn of(situation: Situation, class: Class) -> Category {
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
