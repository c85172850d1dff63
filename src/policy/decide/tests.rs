use std::sync::Arc;

use super::*;
use crate::analysis::{Engine, Limits};
use crate::policy::classify::Directory;
use crate::rules::keyring::Keyring;
use crate::rules::keyring::tests::cert;

fn rules() -> Rules {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut domains: Directory = crate::rules::domains(&root).unwrap();
    domains
        .add(Class::ApprovedSystem, "ramq.example\n")
        .unwrap();
    domains
        .add(Class::RestrictedSystem, "insurer.example\n")
        .unwrap();
    let engine: Engine = crate::rules::engine(&root).unwrap();
    Rules {
        engine: Arc::new(engine),
        domains: Arc::new(domains),
        forwarding: Arc::new(crate::rules::signals(&root).unwrap()),
        policy: Arc::new(crate::rules::policy_table(&root).unwrap()),
        keyring: Arc::new(Keyring::from_certs(vec![cert("keyed@clinique.example")])),
        sender: crate::policy::sender::SenderRule::default(),
        limits: Limits::default(),
        ocr: std::sync::Arc::new(crate::ocr::Reader::off()),
        year: 2026,
        version: "test".into(),
        loaded_at: std::time::SystemTime::UNIX_EPOCH,
    }
}

const CONFIDENTIAL: &[u8] = b"From: a@ssss.gouv.qc.ca\r\nSubject: suivi\r\n\r\nPatient Gaston Tremblay, NAM TREG 5401 0114, diagnostic de diabete.\r\n";
const ORDINARY: &[u8] =
    b"From: a@ssss.gouv.qc.ca\r\nSubject: reunion\r\n\r\nLa reunion est reportee a jeudi.\r\n";

fn judged(raw: &[u8], recipients: &[&str]) -> (Reading, Decision) {
    let rules = rules();
    let envelope = Envelope {
        mail_from: smtp_proto::MailFrom {
            address: "a@ssss.gouv.qc.ca".into(),
            ..Default::default()
        },
        recipients: recipients
            .iter()
            .map(|r| smtp_proto::RcptTo {
                address: (*r).to_owned(),
                ..Default::default()
            })
            .collect(),
    };
    let facts = SessionFacts::offline(None);
    let reading = crate::pipeline::read(raw, &envelope, &facts, &rules);
    let decision = decide(&reading, &envelope, &facts, &rules, SystemTime::now());
    (reading, decision)
}

fn treatments(raw: &[u8], recipients: &[&str]) -> Vec<Treatment> {
    judged(raw, recipients).1.treatments().collect()
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
    let (reading, decision) = judged(CONFIDENTIAL, &["b@msss.gouv.qc.ca"]);
    assert!(reading.content.is_none());
    assert_eq!(decision.recipients, vec![(Class::Internal, Relay)]);
    assert_eq!(decision.incident, None);
}

#[test]
fn outside_mail_whose_content_was_not_read_is_not_relayed() {
    let rules = rules();
    let envelope = Envelope {
        mail_from: smtp_proto::MailFrom::default(),
        recipients: vec![smtp_proto::RcptTo {
            address: "x@gmail.com".into(),
            ..Default::default()
        }],
    };
    let reading = Reading {
        headers: crate::analysis::read_headers(ORDINARY),
        forwarding: crate::analysis::forwarding::Forwarding::default(),
        content: None,
    };
    let decision = decide(
        &reading,
        &envelope,
        &SessionFacts::offline(None),
        &rules,
        SystemTime::now(),
    );
    assert_eq!(
        decision.treatments().collect::<Vec<_>>(),
        vec![Refuse(Category::UnscannableContent)]
    );
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
    let (_, decision) = judged(
        raw,
        &[
            "b@ssss.gouv.qc.ca",
            "keyed@clinique.example",
            "y@clinique.example",
        ],
    );
    assert_eq!(decision.untagged_subject.as_deref(), Some("reunion"));
    assert_eq!(
        decision.treatments().collect::<Vec<_>>(),
        vec![
            Relay,
            RelayEncrypted,
            Refuse(Category::EncryptionUnavailable)
        ]
    );
}
