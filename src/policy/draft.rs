//! The incident draft a decision makes: what the policy knows of an enforcement, without
//! message content (redacted samples and reasons only), bounded whatever the input.

use super::{Category, Class, Decision, Situation, Treatment};
use crate::analysis::Reading;
use crate::incident::model::{Draft, Evidence, Recipient, Severity};

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
            c.as_str(),
            c.rule(),
            c.severity(),
            if decision.per_recipient {
                "partly_refused"
            } else {
                "refused"
            },
        ),
        None if encrypted => {
            let category = match decision.situation {
                Some(Situation::Confidential) => Category::ConfidentialUnencryptedExternal.as_str(),
                Some(Situation::Unscannable) => Category::UnscannableContent.as_str(),
                _ => "encryption_requested",
            };
            (
                category,
                Category::ConfidentialUnencryptedExternal.rule(),
                Severity::Low,
                "encrypted",
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
                confidence: f.confidence.as_str().to_owned(),
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
        category: category.to_owned(),
        rule: rule.to_owned(),
        severity,
        action: action.to_owned(),
        recipients: recipients(&decision.recipients, addresses),
        findings,
        forward_signals: reading.forwarding.signals.clone(),
        encryption: decision.encryption.as_str().to_owned(),
        unscannable,
        policy_version: version.to_owned(),
    })
}
