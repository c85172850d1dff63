//! The DIR04 rules, recipient by recipient: what the message is (the first that applies),
//! the recipient's class, and the cell of rules/policy.toml's table for the two.
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

use std::time::SystemTime;

use super::table::{Cell, Policy, RefusalMode, Situation};
use super::{Category, Class, Decision, EncryptionFound, Treatment, draft, tags};
use crate::analysis::{self, Analysis, HeaderFacts, Reading};
use crate::envelope::{Envelope, SessionFacts};
use crate::rules::Rules;

/// True when the message's content must be read before [`decide`]: the sender rule lets it
/// through and a recipient is outside the platform (mail that stays on the platform is not
/// read: nothing in DIR04 limits it).
pub fn must_read(
    headers: &HeaderFacts,
    envelope: &Envelope,
    facts: &SessionFacts,
    rules: &Rules,
) -> bool {
    rules.sender.check_header_from(headers, facts).is_none()
        && envelope
            .recipients
            .iter()
            .any(|r| rules.classify(&r.address) != Class::Internal)
}

/// Decides what happens to a message for each of its recipients at `now` (certificate
/// validity is judged at this time). A message to outside recipients whose content was not
/// read is judged unscannable: a caller's mistake never relays unread mail.
pub fn decide(
    reading: &Reading,
    envelope: &Envelope,
    facts: &SessionFacts,
    rules: &Rules,
    now: SystemTime,
) -> Decision {
    let addresses: Vec<&str> = envelope
        .recipients
        .iter()
        .map(|r| r.address.as_str())
        .collect();
    let classes: Vec<Class> = addresses.iter().map(|a| rules.classify(a)).collect();
    if let Some(fault) = rules.sender.check_header_from(&reading.headers, facts) {
        let recipients: Vec<(Class, Treatment)> = classes
            .into_iter()
            .map(|c| (c, Treatment::Refuse(Category::SenderNotCorporate)))
            .collect();
        let incident = draft::sender(&recipients, &addresses, &rules.version);
        return Decision {
            recipients,
            situation: None,
            sender: Some(fault),
            encryption: EncryptionFound::None,
            per_recipient: false,
            untagged_subject: None,
            incident: Some(incident),
        };
    }
    let outside = classes.iter().any(|&c| c != Class::Internal);
    let content = reading.content.as_ref();
    let encryption = encryption(content, &rules.policy);
    let situation = situation(reading, content, encryption, outside);
    let untagged_subject = reading
        .headers
        .subject
        .as_deref()
        .filter(|_| outside)
        .and_then(|s| tags::untagged(s, &rules.policy.subject_tags));
    let row = rules.policy.table.row(situation);
    let recipients: Vec<(Class, Treatment)> = classes
        .into_iter()
        .zip(&addresses)
        .map(|(class, address)| {
            let has_cert = || rules.keyring.find(address, now).is_some();
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
    // Per recipient only when someone gets the message and the sender can be told.
    let refused = recipients
        .iter()
        .filter(|(_, t)| matches!(t, Treatment::Refuse(_)))
        .count();
    let per_recipient = rules.policy.refusal == RefusalMode::PerRecipient
        && refused > 0
        && refused < recipients.len()
        && !envelope.sender().is_empty();
    let mut decision = Decision {
        recipients,
        situation: Some(situation),
        sender: None,
        encryption,
        per_recipient,
        untagged_subject,
        incident: None,
    };
    decision.incident = draft::enforcement(&decision, reading, &addresses, &rules.version);
    decision
}

/// What the message is: the first situation that applies.
fn situation(
    reading: &Reading,
    content: Option<&Analysis>,
    encryption: EncryptionFound,
    outside: bool,
) -> Situation {
    if reading.forwarding.auto_forwarded() {
        return Situation::AutoForwarded;
    }
    match (content, encryption) {
        (_, EncryptionFound::Weak | EncryptionFound::Invalid) => Situation::WeakEncryption,
        (Some(a), _) if a.confidential => Situation::Confidential,
        (Some(a), _) if a.unscannable_risk() => Situation::Unscannable,
        (None, _) if outside => Situation::Unscannable,
        (_, EncryptionFound::OpenPgp | EncryptionFound::Smime) => Situation::Encrypted,
        _ => Situation::Clear,
    }
}

/// The encryption found, judged against the approved schemes.
fn encryption(content: Option<&Analysis>, table: &Policy) -> EncryptionFound {
    let Some(content) = content else {
        return EncryptionFound::None;
    };
    let layers = &content.encrypted;
    if layers.iter().any(|l| l.invalid.is_some()) {
        return EncryptionFound::Invalid;
    }
    if layers.iter().any(|l| !table.approves(l)) {
        return EncryptionFound::Weak;
    }
    match layers.first().map(|l| l.scheme) {
        None => EncryptionFound::None,
        Some(analysis::encryption::Scheme::OpenPgp) => EncryptionFound::OpenPgp,
        Some(analysis::encryption::Scheme::Smime) => EncryptionFound::Smime,
    }
}

#[cfg(test)]
mod tests;
