//! The checkpoint of one received message, in the order data flows: read it (`analysis`,
//! pure, then `ocr` for its images), decide for each recipient (`policy`, pure), prepare what goes out (`action`:
//! encrypted versions, refusal words). One function, [`check`], called by the SMTP session
//! on the blocking pool and by `sentinelle check`, so both take the very same path.

use std::time::SystemTime;

use crate::action::{self, Plan};
use crate::analysis::Engine;
use crate::analysis::{self, Reading};
use crate::envelope::{Envelope, SessionFacts};
use crate::ocr::Reader;
use crate::policy::{self, Decision};
use crate::rules::Rules;

/// One received message and where it came from.
pub struct Input<'a> {
    /// MAIL FROM and the RCPT TOs with their parameters.
    pub envelope: &'a Envelope,
    /// The message exactly as received (after dot-unstuffing), without Sentinelle's Received
    /// header.
    pub raw: &'a [u8],
    /// What the session established: mode, client, TLS, authenticated account.
    pub facts: &'a SessionFacts,
    /// When the message was received (certificate validity is judged at this time).
    pub now: SystemTime,
}

/// What the checkpoint made of a message, stage by stage.
#[derive(Debug)]
pub struct Checked {
    /// What was read.
    pub reading: Reading,
    /// What the policy decided.
    pub decision: Decision,
    /// What goes out.
    pub plan: Plan,
}

/// Reads `raw` once: header facts and forwarding signals always, the content when the policy
/// needs it ([`policy::must_read`]).
pub fn read(raw: &[u8], envelope: &Envelope, facts: &SessionFacts, rules: &Rules) -> Reading {
    let headers = analysis::read_headers(raw);
    let internal = |address: &str| rules.classify(address) == policy::Class::Internal;
    let forwarding = rules.forwarding.read(raw, envelope.sender(), &internal);
    let content = policy::must_read(&headers, envelope, facts, rules).then(|| {
        let mut content = analysis::analyse(raw, &rules.engine, &rules.limits, rules.year);
        read_images(&mut content, &rules.ocr, &rules.engine, rules.year);
        content
    });
    Reading {
        headers,
        forwarding,
        content,
    }
}

/// Reads the images of a message going outside the platform (OCR), unless what was read
/// already makes it confidential: then they cannot change the decision, and are noted as
/// not read.
pub fn read_images(content: &mut analysis::Analysis, ocr: &Reader, engine: &Engine, year: i32) {
    if content.images.is_empty() {
        return;
    }
    let read = if content.confidential {
        let not_needed = || analysis::ImageText::Unread {
            reason: "image: not read (the message is already confidential)".into(),
            risk: false,
        };
        let images = content.images.iter();
        images.map(|i| (i.location.clone(), not_needed())).collect()
    } else {
        let reading = std::time::Instant::now();
        let read = ocr.read(&content.images);
        if ocr.unavailable().is_none() {
            content.ocr = Some((content.images.len(), reading.elapsed()));
        }
        read
    };
    analysis::settle(content, read, engine, year);
}

/// Reads, decides and prepares: everything about `input` short of sending it.
pub fn check(input: &Input<'_>, rules: &Rules, hostname: &str) -> Checked {
    let reading = read(input.raw, input.envelope, input.facts, rules);
    let decision = policy::decide(&reading, input.envelope, input.facts, rules, input.now);
    log(&reading, &decision);
    let unreadable: Vec<&str> = reading
        .content
        .iter()
        .flat_map(|a| &a.unscannable)
        .filter(|u| u.risk)
        .map(|u| u.reason.as_str())
        .collect();
    let plan = action::prepare(
        &decision,
        &action::plan::Basis {
            envelope: input.envelope,
            raw: input.raw,
            keyring: &rules.keyring,
            hostname,
            unreadable: &unreadable,
            now: input.now,
        },
    );
    Checked {
        reading,
        decision,
        plan,
    }
}

/// The decision in one log line: counts, detector ids and categories, never content.
fn log(reading: &Reading, decision: &Decision) {
    let Some(content) = &reading.content else {
        return;
    };
    tracing::info!(
        situation = ?decision.situation,
        confidential = content.confidential,
        encryption = ?decision.encryption,
        findings = content.findings.len(),
        unscannable = content.unscannable.len(),
        forwarding = ?reading.forwarding.signals,
        detectors = ?content.findings.iter().map(|f| f.detector.as_str()).collect::<Vec<_>>(),
        refused = ?decision.refused().map(policy::Category::as_str).collect::<Vec<_>>(),
        "message analysed"
    );
}
