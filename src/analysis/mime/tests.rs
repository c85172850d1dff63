use super::*;

fn paths(extracted: &Extracted) -> Vec<(String, Option<String>)> {
    extracted
        .texts
        .iter()
        .map(|t| (t.location.part.clone(), t.location.filename.clone()))
        .collect()
}

const MIXED: &str = "From: a@ssss.gouv.qc.ca\r\nSubject: =?utf-8?q?R=C3=A9sultats?=\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n\
--outer\r\nContent-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n\
--alt\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nNum=E9ro de dossier\r\n\
--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Num&eacute;ro <b>de</b> dossier</p>\r\n--alt--\r\n\
--outer\r\nContent-Type: application/octet-stream; name=\"liste.csv\"\r\nContent-Disposition: attachment; filename=\"liste.csv\"\r\nContent-Transfer-Encoding: base64\r\n\r\nbm9tLG5hbQpUcmVtYmxheSxUUkVHNTQwMTAxMTQK\r\n\
--outer\r\nContent-Type: message/rfc822\r\n\r\nSubject: Fwd\r\nContent-Type: text/plain\r\n\r\ntexte transfere\r\n\
--outer\r\nContent-Type: application/pdf; name=\"r.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n\
--outer\r\nContent-Type: image/png; name=\"photo.png\"\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--outer--\r\n";

#[test]
fn every_part_gets_a_path_and_text_or_a_reason() {
    let extracted = extract(MIXED.as_bytes(), &Limits::default());
    assert_eq!(
        paths(&extracted),
        vec![
            ("1.1".to_owned(), None),
            ("1.2".to_owned(), None),
            ("3".to_owned(), None),
            // Attachments are extracted after the walk (in parallel for large messages).
            ("2".to_owned(), Some("liste.csv".to_owned())),
        ]
    );
    // What a reader sees in the header section stands in front of the first body text:
    // the From field, then the subject, then the body.
    let first = &extracted.texts[0];
    let heads: Vec<&str> = first.heads.iter().map(|(_, l)| l.part.as_str()).collect();
    assert_eq!(heads, ["headers", "subject", "2", "4", "5"]);
    assert_eq!(
        &first.text[..first.heads[1].0],
        "a@ssss.gouv.qc.ca\nRésultats\n"
    );
    let texts: Vec<&str> = extracted
        .texts
        .iter()
        .map(|t| &t.text[t.heads.last().map_or(0, |h| h.0)..])
        .collect();
    assert!(texts[0].starts_with("Numéro de dossier"), "{:?}", texts[0]);
    assert!(texts[1].contains("Numéro de dossier"), "{:?}", texts[1]);
    assert!(
        texts[3].contains("TREG54010114"),
        "the CSV is recognised by its content"
    );
    assert_eq!(texts[2].trim(), "texte transfere");
    assert_eq!(
        extracted.texts[2].heads.len(),
        1,
        "the forwarded message's own subject"
    );
    let reasons: Vec<(&str, &str)> = extracted
        .unscannable
        .iter()
        .map(|u| (u.location.part.as_str(), u.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        vec![
            ("4", "corrupt or truncated pdf"),
            ("5", "image: format or header not readable"),
        ]
    );
}

fn nested(depth: usize) -> String {
    let mut message =
        String::from("Subject: deep\r\nContent-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n");
    for level in 0..depth {
        message.push_str(&format!(
            "--b{level}\r\nContent-Type: multipart/mixed; boundary=\"b{}\"\r\n\r\n",
            level + 1
        ));
    }
    message.push_str(&format!(
        "--b{depth}\r\nContent-Type: text/plain\r\n\r\nfond\r\n"
    ));
    for level in (0..=depth).rev() {
        message.push_str(&format!("--b{level}--\r\n"));
    }
    message
}

#[test]
fn nesting_past_the_limit_is_unscannable_not_a_crash() {
    let limits = Limits {
        max_mime_depth: 5,
        ..Limits::default()
    };
    let extracted = extract(nested(30).as_bytes(), &limits);
    assert!(
        extracted
            .unscannable
            .iter()
            .any(|u| u.reason == "MIME nesting deeper than the limit"),
        "{:?}",
        extracted.unscannable
    );
    let shallow = extract(nested(3).as_bytes(), &limits);
    assert!(shallow.unscannable.is_empty());
    assert!(shallow.texts.iter().any(|t| t.text.contains("fond")));
}

#[test]
fn too_many_parts_and_deadline_are_reported() {
    let mut message = String::from("Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n");
    for i in 0..50 {
        message.push_str(&format!(
            "--b\r\nContent-Type: text/plain\r\n\r\npart {i}\r\n"
        ));
    }
    message.push_str("--b--\r\n");
    let limits = Limits {
        max_parts: 10,
        ..Limits::default()
    };
    let extracted = extract(message.as_bytes(), &limits);
    assert!(
        extracted
            .unscannable
            .iter()
            .any(|u| u.reason == "too many MIME parts")
    );
    assert!(extracted.texts.len() <= 10);
    let expired = Limits {
        time_limit: Some(std::time::Duration::ZERO),
        ..Limits::default()
    };
    let extracted = extract(message.as_bytes(), &expired);
    assert!(
        extracted
            .unscannable
            .iter()
            .any(|u| u.reason == "analysis time limit reached")
    );
}

#[test]
fn garbage_never_panics() {
    for raw in [
        &b""[..],
        b"\xff\xfe\x00",
        b"Content-Type: multipart/mixed; boundary=\r\n\r\n--\r\n",
        b"Subject: =?x?B?!!?=\r\n\r\n",
    ] {
        let _ = extract(raw, &Limits::default());
    }
}
