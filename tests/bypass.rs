//! Ways around the guard (issue 10): patient data that a reader of the message sees must be
//! read by Sentinelle too. Each test is one class of input, judged by `sentinelle check`
//! (the SMTP path's decision) for a gmail.com recipient: refused as confidential; each has
//! a harmless twin in the same form, relayed, so that reading more does not cry wolf. One
//! test sends an example of each class through the server as well.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_sentinelle");
const SENDER: &str = "dre.gagnon@ssss.gouv.qc.ca";

/// The decision for `message` sent to gmail.com.
fn check(message: &[u8]) -> serde_json::Value {
    crate::support::check(message, "patient.proche@gmail.com", None)
}

/// Asserts that `message` is refused to gmail.com as confidential, with a finding in `part`.
#[track_caller]
fn refused_with_finding_in(message: &str, part: &str) {
    let report = check(message.as_bytes());
    assert_eq!(report["verdict"], "refuse", "{report:#}");
    assert_eq!(report["confidential"], true, "{report:#}");
    let parts: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["location"]["part"].as_str())
        .collect();
    assert!(
        parts.contains(&part),
        "finding in {part} expected: {report:#}"
    );
}

#[track_caller]
fn relayed(message: &str) {
    let report = check(message.as_bytes());
    assert_eq!(report["verdict"], "relay", "{report:#}");
}

/// A message whose second part is a harmless text attachment with these header fields.
fn attachment(fields: &str) -> String {
    format!(
        "From: {SENDER}\r\nTo: patient.proche@gmail.com\r\nSubject: document\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"sep\"\r\n\r\n\
         --sep\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nVoici le document.\r\n\
         --sep\r\n{fields}\r\n\r\nBonjour\r\n--sep--\r\n"
    )
}

#[test]
fn phi_in_attachment_filename_plain_and_quoted() {
    refused_with_finding_in(
        &attachment(
            "Content-Type: text/plain\r\nContent-Disposition: attachment; filename=Tremblay_Gaston_NAM_TREG54010114.txt",
        ),
        "2",
    );
    refused_with_finding_in(
        &attachment(
            "Content-Type: text/plain\r\nContent-Disposition: attachment; filename=\"Tremblay Gaston NAM TREG 5401 0114.txt\"",
        ),
        "2",
    );
    relayed(&attachment(
        "Content-Type: text/plain\r\nContent-Disposition: attachment; filename=\"Horaire_garde_decembre.txt\"",
    ));
}

#[test]
fn phi_in_attachment_filename_rfc2231() {
    refused_with_finding_in(
        &attachment(
            "Content-Type: text/plain\r\nContent-Disposition: attachment; filename*=utf-8''Tremblay%20Gaston%20NAM%20TREG54010114.txt",
        ),
        "2",
    );
    refused_with_finding_in(
        &attachment(
            "Content-Type: text/plain\r\nContent-Disposition: attachment;\r\n filename*0*=utf-8''Tremblay%20Gaston%20NAM%20TR;\r\n filename*1*=EG5401;\r\n filename*2=0114.txt",
        ),
        "2",
    );
}

#[test]
fn phi_in_attachment_filename_rfc2047_in_parameter() {
    // What Outlook writes: an encoded word inside the quoted parameter.
    refused_with_finding_in(
        &attachment(
            "Content-Type: text/plain; name=\"=?utf-8?B?VHJlbWJsYXlfR2FzdG9uX05BTV9UUkVHNTQwMTAxMTQudHh0?=\"\r\nContent-Disposition: attachment; filename=\"=?utf-8?B?VHJlbWJsYXlfR2FzdG9uX05BTV9UUkVHNTQwMTAxMTQudHh0?=\"",
        ),
        "2",
    );
    // Only the Content-Type name, the disposition naming something else.
    refused_with_finding_in(
        &attachment(
            "Content-Type: text/plain; name=\"=?iso-8859-1?Q?Gaston_Tremblay_n=E9_le_1954-01-01_diab=E8te.txt?=\"\r\nContent-Disposition: attachment; filename=\"note.txt\"",
        ),
        "2",
    );
}

#[test]
fn phi_in_filename_with_clinical_words_in_the_body() {
    let message = format!(
        "From: {SENDER}\r\nSubject: suivi\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"sep\"\r\n\r\n\
         --sep\r\nContent-Type: text/plain\r\n\r\nCi-joint le resume de consultation et le diagnostic.\r\n\
         --sep\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"Gagnon_Marie_DDN_1961-03-02.txt\"\r\n\r\nx\r\n--sep--\r\n"
    );
    refused_with_finding_in(&message, "2");
}

fn with_header(field: &str, body: &str) -> String {
    format!(
        "From: {SENDER}\r\nTo: patient.proche@gmail.com\r\nSubject: suivi\r\n{field}\r\n\r\n{body}\r\n"
    )
}

#[test]
fn phi_in_header_fields_a_mail_program_shows() {
    for field in [
        "Comments: NAM TREG 5401 0114",
        "Keywords: dossier, NAM TREG 5401 0114",
        "Thread-Topic: NAM TREG 5401 0114",
        "X-Patient: =?utf-8?q?NAM_TREG_5401_0114?=",
        "Reply-To: \"NAM TREG 5401 0114\" <secretariat@ssss.gouv.qc.ca>",
    ] {
        refused_with_finding_in(&with_header(field, "Bonjour, voir ci-dessous."), "headers");
    }
    // A display name in To, encoded.
    let message = format!(
        "From: {SENDER}\r\nTo: =?utf-8?b?TkFNIFRSRUcgNTQwMSAwMTE0?= <patient.proche@gmail.com>\r\nSubject: suivi\r\n\r\nBonjour\r\n"
    );
    refused_with_finding_in(&message, "headers");
    relayed(&with_header("Comments: rencontre du comite", "Bonjour"));
}

#[test]
fn phi_split_between_subject_and_body() {
    // A name and a birth date in the subject, the clinical words in the body: one person in
    // a clinical context.
    let message = format!(
        "From: {SENDER}\r\nSubject: Gaston Tremblay, ne le 1954-01-01\r\n\r\nSuivi du diabete: hemoglobine glyquee a 8 %, ajuster l'insuline.\r\n"
    );
    refused_with_finding_in(&message, "subject");
    relayed(&format!(
        "From: {SENDER}\r\nSubject: Souper du 1954-01-01\r\n\r\nOn se voit au restaurant.\r\n"
    ));
}

#[test]
fn malformed_encoded_words_are_read_leniently() {
    for subject in [
        // An invalid escape in the middle of a word.
        "=?utf-8?q?NAM_TREG_5401_0114_=ZZ_suivi?=",
        // No closing ?=.
        "=?utf-8?q?NAM_TREG_5401_0114",
        // An unknown charset.
        "=?x-inconnu?q?NAM_TREG_5401_0114_diab=E8te?=",
        // A word split across folded lines.
        "=?utf-8?q?NAM_TREG_54?=\r\n =?utf-8?q?01_0114?=",
        "=?utf-8?q?NAM_TREG_5401\r\n _0114?=",
        // Bad base64 padding.
        "=?utf-8?b?TkFNIFRSRUcgNTQwMSAwMTE0?=",
    ] {
        let message = format!("From: {SENDER}\r\nSubject: {subject}\r\n\r\nBonjour\r\n");
        refused_with_finding_in(&message, "subject");
    }
}

fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

#[test]
fn mislabelled_charset_utf8_body_labelled_utf16() {
    for label in ["utf-16", "utf-16le", "utf-16be", "ucs-2", "utf-32"] {
        let message = format!(
            "From: {SENDER}\r\nSubject: suivi\r\nContent-Type: text/plain; charset={label}\r\n\r\nPatient Gaston Tremblay, NAM TREG 5401 0114, diabete.\r\n"
        );
        refused_with_finding_in(&message, "1");
    }
}

#[test]
fn genuine_utf16_text_labelled_ascii_or_unlabelled() {
    use base64::Engine as _;
    let text = "Nom\tNAM\tDiagnostic\r\nTremblay Gaston\tTREG 5401 0114\tdiabete\r\n";
    let mut with_bom = b"\xFF\xFE".to_vec();
    with_bom.extend(utf16le(text));
    for (fields, bytes) in [
        ("Content-Type: text/plain; charset=us-ascii", utf16le(text)),
        ("Content-Type: text/plain", with_bom.clone()),
        // Excel's "Unicode text" export as an attachment.
        (
            "Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"export.txt\"",
            utf16le(text),
        ),
        (
            "Content-Type: application/vnd.ms-excel\r\nContent-Disposition: attachment; filename=\"export.txt\"",
            with_bom.clone(),
        ),
    ] {
        let body = base64::engine::general_purpose::STANDARD.encode(&bytes);
        let message = attachment(&format!("{fields}\r\nContent-Transfer-Encoding: base64"))
            .replace("\r\n\r\nBonjour\r\n", &format!("\r\n\r\n{body}\r\n"));
        refused_with_finding_in(&message, "2");
    }
}

#[test]
fn phi_in_multipart_preamble_and_epilogue() {
    let multipart = |preamble: &str, epilogue: &str| {
        format!(
            "From: {SENDER}\r\nSubject: suivi\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"sep\"\r\n\r\n\
             {preamble}\r\n--sep\r\nContent-Type: text/plain\r\n\r\nBonjour\r\n--sep--\r\n{epilogue}\r\n"
        )
    };
    refused_with_finding_in(&multipart("Patient NAM TREG 5401 0114", ""), "1.preamble");
    refused_with_finding_in(
        &multipart(
            "This is a multi-part message in MIME format.",
            "NAM TREG 5401 0114",
        ),
        "1.epilogue",
    );
    relayed(&multipart(
        "This is a multi-part message in MIME format.",
        "",
    ));
}

/// The decision for `message` sent to an outside clinic (external class).
fn check_external(message: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.eml");
    std::fs::write(&file, message).unwrap();
    let output = Command::new(BIN)
        .args(["check", "--from", SENDER, "--to", "dr.roy@clinique.example"])
        .arg(&file)
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn encryption_wrapper_without_encryption_is_invalid() {
    use base64::Engine as _;
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
    // multipart/encrypted around a harmless text: it claims a layer it does not have.
    let wrapper = format!(
        "From: {SENDER}\r\nSubject: rendez-vous\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=\"b1\"\r\n\r\n\
         --b1\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n\r\n\
         --b1\r\nContent-Type: application/octet-stream\r\n\r\nRendez-vous jeudi.\r\n--b1--\r\n"
    );
    // An S/MIME enveloped-data part that is not CMS at all.
    let pkcs7 = format!(
        "From: {SENDER}\r\nSubject: rendez-vous\r\nMIME-Version: 1.0\r\n\
         Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m\r\n\
         Content-Transfer-Encoding: base64\r\n\r\n{}\r\n",
        b64(b"Rendez-vous jeudi, rien de chiffre ici.")
    );
    // An armored "PGP MESSAGE" holding a literal data packet: armor, no encryption.
    let mut literal = vec![0xCB, 6 + 18, b'b', 0, 0, 0, 0, 0];
    literal.extend_from_slice(b"Rendez-vous jeudi.");
    let armored = format!(
        "From: {SENDER}\r\nSubject: rendez-vous\r\n\r\nBonjour,\r\n\r\n-----BEGIN PGP MESSAGE-----\r\n\r\n{}\r\n-----END PGP MESSAGE-----\r\n",
        b64(&literal)
    );
    for message in [wrapper, pkcs7, armored] {
        let report = check_external(&message);
        assert_eq!(report["encryption"], "invalid", "{report:#}");
        assert_eq!(report["verdict"], "refuse", "{report:#}");
        assert_eq!(report["recipients"][0]["reason"], "weak_encryption");
    }
}

#[test]
fn forward_after_local_delivery_is_an_auto_forward() {
    // Delivered to a mailbox of the establishment, then re-sent outside by a .forward or a
    // Sieve redirect: refused to outside recipients, relayed inside.
    let message = "Delivered-To: dre.gagnon@ssss.gouv.qc.ca\r\nFrom: labo@ssss.gouv.qc.ca\r\nSubject: rendez-vous\r\n\r\nRendez-vous jeudi.\r\n";
    let report = check_external(message);
    assert_eq!(report["auto_forwarded"], true, "{report:#}");
    assert_eq!(report["verdict"], "refuse");
    assert_eq!(report["recipients"][0]["reason"], "auto_forward");
}

#[test]
fn image_only_dicom_is_refused_with_its_true_reason() {
    use base64::Engine as _;
    // A DICOM file whose patient elements are empty: the pixels may still carry burned-in
    // annotations, so it is a risk, and the reply says so (not "password-protected").
    let mut dicom = vec![0u8; 128];
    dicom.extend_from_slice(b"DICM");
    dicom.extend_from_slice(b"\x10\x00\x10\x00PN\x00\x00"); // PatientName, empty
    dicom.extend_from_slice(b"\x10\x00\x20\x00LO\x00\x00"); // PatientID, empty
    dicom.extend_from_slice(b"\xE0\x7F\x10\x00OB\x00\x00\x04\x00\x00\x00\x01\x02\x03\x04");
    let body = base64::engine::general_purpose::STANDARD.encode(&dicom);
    let message = attachment("Content-Type: application/dicom\r\nContent-Disposition: attachment; filename=\"image.dcm\"\r\nContent-Transfer-Encoding: base64")
    .replace("\r\n\r\nBonjour\r\n", &format!("\r\n\r\n{body}\r\n"));
    let report = check_external(&message);
    assert_eq!(report["verdict"], "refuse", "{report:#}");
    assert_eq!(report["situation"], "unscannable", "{report:#}");
    let reply = report["reply"].as_str().unwrap();
    assert!(reply.contains("burned-in"), "{reply}");
    assert!(reply.contains("incrustees"), "{reply}");
    assert!(!reply.contains("password"), "{reply}");
}

#[test]
fn hostile_message_of_thousands_of_unreadable_parts_gives_bounded_output() {
    let mut message = format!(
        "From: {SENDER}\r\nSubject: archives\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"sep\"\r\n\r\n"
    );
    for _ in 0..3000 {
        message.push_str(
            "--sep\r\nContent-Type: application/x-7z-compressed\r\nContent-Transfer-Encoding: base64\r\n\r\nN3q8rw==\r\n",
        );
    }
    message.push_str("--sep--\r\n");
    let report = check_external(&message);
    assert_eq!(report["verdict"], "refuse");
    let unscannable = report["unscannable"].as_array().unwrap();
    assert_eq!(unscannable.len(), 1, "{unscannable:?}");
    assert_eq!(unscannable[0]["count"], 3000);
    assert!(report.to_string().len() < 64 * 1024);
}

#[tokio::test]
async fn every_class_is_refused_through_smtp_as_through_check() {
    let (sink, sentinelle) =
        crate::support::relay_pair(crate::support::Behavior::default(), "").await;
    let preamble = format!(
        "From: {SENDER}\r\nSubject: suivi\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"sep\"\r\n\r\n\
         Patient NAM TREG 5401 0114\r\n--sep\r\nContent-Type: text/plain\r\n\r\nBonjour\r\n--sep--\r\n"
    );
    let classes = [
        attachment(
            "Content-Type: text/plain\r\nContent-Disposition: attachment;\r\n filename*0*=utf-8''Tremblay%20Gaston%20NAM%20TR;\r\n filename*1*=EG5401;\r\n filename*2=0114.txt",
        ),
        with_header("X-Patient: =?utf-8?q?NAM_TREG_5401_0114?=", "Bonjour"),
        format!(
            "From: {SENDER}\r\nSubject: =?x-inconnu?q?NAM_TREG_54?=\r\n =?x-inconnu?q?01_0114_diab=E8te\r\n\r\nBonjour\r\n"
        ),
        format!(
            "From: {SENDER}\r\nSubject: suivi\r\nContent-Type: text/plain; charset=utf-16le\r\n\r\nPatient Gaston Tremblay, NAM TREG 5401 0114, diabete.\r\n"
        ),
        preamble,
    ];
    for message in &classes {
        let (code, text) = crate::support::send(&sentinelle, &["x@gmail.com"], message).await;
        assert_eq!(code, 550, "{text}\n{message}");
    }
    let harmless = attachment(
        "Content-Type: text/plain\r\nContent-Disposition: attachment; filename*=utf-8''Horaire%20de%20garde.txt",
    );
    let (code, text) = crate::support::send(&sentinelle, &["x@gmail.com"], &harmless).await;
    assert_eq!(code, 250, "{text}");
    sentinelle.stop().await;
    assert_eq!(sink.count(), 1);
}
