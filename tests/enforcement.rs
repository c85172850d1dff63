//! DIR04 enforced through SMTP: what each recipient class gets for confidential, ordinary and
//! auto-forwarded mail, with the refusal in French then English and nothing relayed when any
//! recipient is refused.

use crate::support::{Behavior, relay_pair, send};

/// Gaston Tremblay (fake), born 1954-01-01: NAM TREG 5401 0114.
const CONFIDENTIAL: &str = "From: dre.gagnon@ssss.gouv.qc.ca\r\nSubject: Suivi\r\n\r\n\
Patient Gaston Tremblay, NAM TREG 5401 0114, diagnostic de diabete, ordonnance jointe.\r\n";
const ORDINARY: &str = "From: dre.gagnon@ssss.gouv.qc.ca\r\nSubject: Reunion\r\n\r\n\
La reunion du comite est reportee a jeudi.\r\n";

#[tokio::test]
async fn confidential_mail_by_recipient_class() {
    let (sink, sentinelle) = relay_pair(Behavior::default(), "").await;

    let (code, text) = send(&sentinelle, &["x@gmail.com"], CONFIDENTIAL).await;
    assert_eq!(code, 550);
    assert!(
        text.contains("DIR04 art. 6 (4)") && text.contains("Message refused"),
        "{text}"
    );
    assert!(text.starts_with("Message refuse"), "French first: {text}");

    let (code, text) = send(&sentinelle, &["y@clinique-privee.example"], CONFIDENTIAL).await;
    assert_eq!(code, 550);
    assert!(text.contains("DIR04 art. 6 (3)"), "{text}");

    // Both an internal and a webmail recipient: refused for all, relayed to no one.
    let (code, _) = send(
        &sentinelle,
        &["b@chum.ssss.gouv.qc.ca", "x@hotmail.ca"],
        CONFIDENTIAL,
    )
    .await;
    assert_eq!(code, 550);
    assert_eq!(sink.count(), 0);

    // Internal only: relayed.
    let (code, _) = send(&sentinelle, &["b@msss.gouv.qc.ca"], CONFIDENTIAL).await;
    assert_eq!(code, 250);
    assert_eq!(sink.wait_for(1).await.len(), 1);
    sentinelle.stop().await;
}

#[tokio::test]
async fn ordinary_mail_goes_anywhere_but_not_by_auto_forward() {
    let (sink, sentinelle) = relay_pair(Behavior::default(), "").await;
    let (code, _) = send(
        &sentinelle,
        &["x@gmail.com", "y@clinique.example"],
        ORDINARY,
    )
    .await;
    assert_eq!(code, 250);
    sink.wait_for(1).await;

    let forwarded = format!("X-MS-Exchange-Organization-AutoForwarded: true\r\n{ORDINARY}");
    let (code, text) = send(&sentinelle, &["x@gmail.com"], &forwarded).await;
    assert_eq!(code, 550);
    assert!(text.contains("DIR04 art. 6 (5)"), "{text}");
    // Inside the platform, a forwarding rule is not the directive's business.
    let (code, _) = send(&sentinelle, &["b@ssss.gouv.qc.ca"], &forwarded).await;
    assert_eq!(code, 250);
    assert_eq!(sink.wait_for(2).await.len(), 2);
    sentinelle.stop().await;
}
