//! The formats physicians' mail programs really send (issue 12): Exchange's TNEF
//! (winmail.dat) with its compressed RTF body and its attachments, and RTF documents with
//! their escapes. Each is judged by `sentinelle check` for a gmail.com recipient, with a
//! harmless twin relayed; what cannot be read is a risk with its reason. Data fake.

use crate::support::docs::{self, Attachment};

fn check(message: &[u8]) -> serde_json::Value {
    crate::support::check(message, "x@gmail.com", None)
}

fn with(filename: &str, content_type: &str, bytes: &[u8]) -> Vec<u8> {
    docs::mime(
        "suivi",
        "Voir la piece jointe.",
        &[Attachment {
            filename,
            content_type,
            bytes,
        }],
    )
}

#[track_caller]
fn refused_with_nam(report: &serde_json::Value) -> String {
    assert_eq!(report["verdict"], "refuse", "{report:#}");
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["detector"] == "quebec_health_number")
        .unwrap_or_else(|| panic!("a NAM: {report:#}"));
    finding["location"]["filename"]
        .as_str()
        .unwrap_or("")
        .to_owned()
}

const RTF_PATIENT: &str = r"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Calibri;}}\f0 Patient : Gaston Tremblay\par NAM : TREG\~5401\~0114, diab\'e8te de type 2\par}";
const RTF_HARMLESS: &str = r"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Calibri;}}\f0 R\'e9union d'\'e9quipe mardi, salle B-2104\par}";

#[test]
fn winmail_dat_body_in_compressed_rtf_is_read() {
    let tnef = docs::tnef(RTF_PATIENT, &[]);
    let filename = refused_with_nam(&check(&with("winmail.dat", "application/ms-tnef", &tnef)));
    assert_eq!(filename, "winmail.dat");
    let harmless = docs::tnef(RTF_HARMLESS, &[]);
    let report = check(&with("winmail.dat", "application/ms-tnef", &harmless));
    assert_eq!(report["verdict"], "relay", "{report:#}");
}

#[test]
fn winmail_dat_attachments_are_read_like_any_other() {
    let results =
        b"Resultats de laboratoire\nPatient: Gaston Tremblay, NAM TREG 5401 0114\nHbA1c 8,2 %\n";
    let inner = docs::zip(&[("resultats.txt", results)]);
    let tnef = docs::tnef(RTF_HARMLESS, &[("labo.zip", &inner)]);
    let filename = refused_with_nam(&check(&with("winmail.dat", "application/ms-tnef", &tnef)));
    assert_eq!(filename, "winmail.dat/labo.zip/resultats.txt");
    // The attachment's name is read too.
    let named = docs::tnef(
        RTF_HARMLESS,
        &[("Tremblay Gaston NAM TREG 5401 0114.txt", b"ok")],
    );
    refused_with_nam(&check(&with(
        "winmail.dat",
        "application/octet-stream",
        &named,
    )));
}

#[test]
fn winmail_dat_truncated_or_with_a_bad_checksum_is_a_risk() {
    let tnef = docs::tnef(RTF_HARMLESS, &[("a.txt", b"bonjour")]);
    for broken in [tnef[..tnef.len() - 5].to_vec(), {
        let mut b = tnef.clone();
        let at = b.len() - 3;
        b[at] ^= 0xFF;
        b
    }] {
        let report = check(&with("winmail.dat", "application/ms-tnef", &broken));
        assert_eq!(report["verdict"], "refuse", "{report:#}");
        let reason = report["unscannable"][0]["reason"].as_str().unwrap();
        assert!(reason.contains("TNEF"), "{reason}");
    }
}

#[test]
fn compressed_rtf_bomb_in_winmail_dat_is_refused_not_expanded() {
    // A compressed RTF header claiming a 4 GB body.
    let mut body = compressed_rtf::compress_rtf(RTF_HARMLESS).unwrap();
    body[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
    let tnef = docs::tnef_with_body(&body, &[]);
    let report = check(&with("winmail.dat", "application/ms-tnef", &tnef));
    assert_eq!(report["verdict"], "refuse", "{report:#}");
    let reason = report["unscannable"][0]["reason"].as_str().unwrap();
    assert!(reason.contains("compressed RTF"), "{reason}");
}

#[test]
fn rtf_document_is_read_with_its_escapes() {
    let report = check(&with(
        "lettre.rtf",
        "application/rtf",
        RTF_PATIENT.as_bytes(),
    ));
    refused_with_nam(&report);
    let report = check(&with(
        "note.rtf",
        "application/rtf",
        RTF_HARMLESS.as_bytes(),
    ));
    assert_eq!(report["verdict"], "relay", "{report:#}");
}
