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

/// An Office Open XML package with `parts` besides its content types and relationships.
fn ooxml(main: &str, parts: &[(&str, &[u8])]) -> Vec<u8> {
    let rels = format!(
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"{main}\"/></Relationships>"
    );
    let mut entries: Vec<(&str, &[u8])> = vec![
        (
            "[Content_Types].xml",
            b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"png\" ContentType=\"image/png\"/></Types>",
        ),
        ("_rels/.rels", rels.as_bytes()),
    ];
    entries.extend_from_slice(parts);
    docs::zip(&entries)
}

fn word(inner: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{inner}</w:body></w:document>"
    )
}

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const HARMLESS_PARAGRAPH: &str = "<w:p><w:r><w:t>Voir la capture ci-dessous.</w:t></w:r></w:p>";

#[test]
fn docx_whose_only_patient_data_is_a_pasted_screenshot_is_read_by_ocr() {
    let screenshot = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/images/dossier_screenshot.png"),
    )
    .unwrap();
    let document = word(HARMLESS_PARAGRAPH);
    let docx = ooxml(
        "word/document.xml",
        &[
            ("word/document.xml", document.as_bytes()),
            ("word/media/image1.png", &screenshot),
        ],
    );
    let filename = refused_with_nam(&check(&with("note.docx", DOCX, &docx)));
    assert_eq!(filename, "note.docx/word/media/image1.png");
    let logo = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/images/logo.png"),
    )
    .unwrap();
    let harmless = ooxml(
        "word/document.xml",
        &[
            ("word/document.xml", document.as_bytes()),
            ("word/media/image1.png", &logo),
        ],
    );
    let report = check(&with("note.docx", DOCX, &harmless));
    assert_eq!(report["verdict"], "relay", "{report:#}");
}

#[test]
fn docx_header_footer_footnote_comment_and_tracked_insertion_are_read() {
    let nam = "<w:p><w:r><w:t>Patient : Gaston Tremblay, NAM TREG 5401 0114</w:t></w:r></w:p>";
    let tracked = format!(
        "<w:p><w:ins w:id=\"1\" w:author=\"X\"><w:r><w:t>Patient : Gaston Tremblay, NAM TREG 5401 0114</w:t></w:r></w:ins></w:p>{HARMLESS_PARAGRAPH}"
    );
    let body = word(HARMLESS_PARAGRAPH);
    let hidden = |root: &str| {
        format!(
            "<?xml version=\"1.0\"?><w:{root} xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">{nam}</w:{root}>"
        )
    };
    for (part, xml) in [
        ("word/header1.xml", hidden("hdr")),
        ("word/footer1.xml", hidden("ftr")),
        ("word/footnotes.xml", hidden("footnotes")),
        ("word/comments.xml", hidden("comments")),
        ("word/document.xml", word(&tracked)),
    ] {
        let mut parts: Vec<(&str, &[u8])> = vec![(part, xml.as_bytes())];
        if part != "word/document.xml" {
            parts.push(("word/document.xml", body.as_bytes()));
        }
        let docx = ooxml("word/document.xml", &parts);
        let filename = refused_with_nam(&check(&with("lettre.docx", DOCX, &docx)));
        assert_eq!(filename, "lettre.docx", "{part}");
    }
}

#[test]
fn xlsx_cell_comment_and_a_later_sheet_are_read() {
    let sheet = |cell: &str| {
        format!(
            "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>{cell}</t></is></c></row></sheetData></worksheet>"
        )
    };
    let first = sheet("Inventaire des gants");
    let third = sheet("Patient Gaston Tremblay, NAM TREG 5401 0114");
    let comment = "<?xml version=\"1.0\"?><comments xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><commentList><comment ref=\"A1\" authorId=\"0\"><text><r><t>Patient Gaston Tremblay NAM TREG 5401 0114</t></r></text></comment></commentList></comments>";
    const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    for parts in [
        vec![
            ("xl/worksheets/sheet1.xml", first.as_bytes()),
            ("xl/worksheets/sheet3.xml", third.as_bytes()),
        ],
        vec![
            ("xl/worksheets/sheet1.xml", first.as_bytes()),
            ("xl/comments1.xml", comment.as_bytes()),
        ],
    ] {
        let xlsx = ooxml("xl/workbook.xml", &parts);
        refused_with_nam(&check(&with("liste.xlsx", XLSX, &xlsx)));
    }
    let harmless = ooxml(
        "xl/workbook.xml",
        &[("xl/worksheets/sheet1.xml", first.as_bytes())],
    );
    let report = check(&with("liste.xlsx", XLSX, &harmless));
    assert_eq!(report["verdict"], "relay", "{report:#}");
}

fn office_file(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/office")
            .join(name),
    )
    .unwrap()
}

#[track_caller]
fn refused_as_unreadable(report: &serde_json::Value, reason: &str) {
    assert_eq!(report["verdict"], "refuse", "{report:#}");
    let reasons: Vec<&str> = report["unscannable"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|u| u["reason"].as_str())
        .collect();
    assert!(reasons.iter().any(|r| r.contains(reason)), "{reasons:?}");
}

#[test]
fn legacy_word_excel_and_powerpoint_files_are_read() {
    // Made by LibreOffice (tests/data/office/make.py); sent as generic binary.
    for (patient, harmless) in [
        ("referral.doc", "memo.doc"),
        ("patients.xls", "budget.xls"),
        ("tumour_board.ppt", "training.ppt"),
    ] {
        let filename = refused_with_nam(&check(&with(
            patient,
            "application/octet-stream",
            &office_file(patient),
        )));
        assert_eq!(filename, patient);
        let report = check(&with(
            harmless,
            "application/octet-stream",
            &office_file(harmless),
        ));
        assert_eq!(report["verdict"], "relay", "{harmless}: {report:#}");
        assert_eq!(report["unscannable"], serde_json::json!([]), "{harmless}");
    }
}

#[test]
fn outlook_msg_body_attachments_and_attached_messages_are_read() {
    const MSG: &str = "application/vnd.ms-outlook";
    let patient = "Patient : Gaston Tremblay, NAM TREG 5401 0114, diabète de type 2";
    let in_body = docs::msg("Suivi", patient, &[]);
    assert_eq!(
        refused_with_nam(&check(&with("suivi.msg", MSG, &in_body))),
        "suivi.msg"
    );
    let results = docs::zip(&[("resultats.txt", patient.as_bytes())]);
    let in_attachment = docs::msg("Suivi", "Voir les résultats.", &[("labo.zip", &results)]);
    assert_eq!(
        refused_with_nam(&check(&with("suivi.msg", MSG, &in_attachment))),
        "suivi.msg/labo.zip/resultats.txt"
    );
    // A message attached to a message (Outlook's "attach item").
    let mut streams = docs::msg_streams("", "TR: suivi", "Pour information.", &[]);
    let attached = "/__attach_version1.0_#00000000";
    streams.push((
        format!("{attached}/__substg1.0_3707001F"),
        docs::utf16le("Suivi"),
    ));
    streams.extend(docs::msg_streams(
        &format!("{attached}/__substg1.0_3701000D"),
        "Suivi",
        patient,
        &[],
    ));
    let refs: Vec<(&str, &[u8])> = streams
        .iter()
        .map(|(p, d)| (p.as_str(), d.as_slice()))
        .collect();
    let nested = docs::compound(&refs);
    assert_eq!(
        refused_with_nam(&check(&with("tr.msg", MSG, &nested))),
        "tr.msg/Suivi"
    );
    let harmless = docs::msg(
        "Réunion",
        "La réunion est reportée à mardi.",
        &[("ordre.txt", b"Ordre du jour")],
    );
    let report = check(&with("reunion.msg", MSG, &harmless));
    assert_eq!(report["verdict"], "relay", "{report:#}");
}

#[test]
fn password_protected_and_unknown_compound_files_are_risks_with_their_reason() {
    let encrypted = docs::compound(&[
        ("/EncryptionInfo", &[4, 0, 4, 0]),
        ("/EncryptedPackage", &[0; 64]),
    ]);
    refused_as_unreadable(
        &check(&with("lettre.docx", DOCX, &encrypted)),
        "password-protected office document",
    );
    let unknown = docs::compound(&[("/Contents", b"data")]);
    refused_as_unreadable(
        &check(&with("objet.bin", "application/octet-stream", &unknown)),
        "compound document of an unknown kind",
    );
    let mut broken = office_file("referral.doc");
    broken.truncate(1200);
    refused_as_unreadable(
        &check(&with("referral.doc", "application/msword", &broken)),
        "compound document",
    );
}

#[test]
fn spreadsheet_bomb_in_a_legacy_excel_file_is_refused_not_allocated() {
    let record = |kind: u16, data: &[u8]| {
        let mut out = kind.to_le_bytes().to_vec();
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
        out
    };
    let number = |row: u16, column: u16| {
        let mut data = row.to_le_bytes().to_vec();
        data.extend(column.to_le_bytes());
        data.extend([0; 10]);
        record(0x0203, &data)
    };
    let mut workbook = record(0x0809, &[0; 16]);
    let sheet_at = workbook.len() + 14 + 4;
    let mut bound = (sheet_at as u32).to_le_bytes().to_vec();
    bound.extend([0; 6]);
    workbook.extend(record(0x0085, &bound));
    workbook.extend(record(0x000A, &[]));
    workbook.extend(record(0x0809, &[0; 16]));
    workbook.extend(number(0, 0));
    workbook.extend(number(65535, 255));
    workbook.extend(number(65535, 65535));
    workbook.extend(record(0x000A, &[]));
    let xls = docs::compound(&[("/Workbook", &workbook)]);
    refused_as_unreadable(
        &check(&with("liste.xls", "application/vnd.ms-excel", &xls)),
        "spreadsheet bomb",
    );
}

const FORM_LABELS: [&str; 4] = ["Demande de consultation", "Nom :", "NAM :", "Motif :"];

#[test]
fn fillable_pdf_form_values_are_read_in_classic_and_object_stream_files() {
    let filled = [
        ("Nom", "Gaston Tremblay"),
        ("NAM", "TREG 5401 0114"),
        ("Motif", "Diabète de type 2 mal contrôlé"),
    ];
    for modern in [false, true] {
        let pdf = docs::pdf_form(&FORM_LABELS, &filled, &[], modern);
        if modern {
            assert!(
                pdf.windows(6).any(|w| w == b"ObjStm"),
                "object streams used"
            );
        }
        let filename = refused_with_nam(&check(&with("demande.pdf", "application/pdf", &pdf)));
        assert_eq!(filename, "demande.pdf");
        let blank = docs::pdf_form(&FORM_LABELS, &[("Nom", ""), ("NAM", "")], &[], modern);
        let report = check(&with("demande.pdf", "application/pdf", &blank));
        assert_eq!(report["verdict"], "relay", "{report:#}");
    }
}

#[test]
fn fillable_pdf_fields_with_machine_names_take_the_label_beside_their_box() {
    // Fields named "Text1".."Text3": only the page shows what each one is.
    let labels = [
        "Demande de consultation",
        "Nom :",
        "Date de naissance :",
        "Motif :",
    ];
    let filled = [
        ("Text1", "Gaston Tremblay"),
        ("Text2", "1954-01-01"),
        ("Text3", "Diabete de type 2, insuline"),
    ];
    let pdf = docs::pdf_form(&labels, &filled, &[], true);
    let report = check(&with("demande.pdf", "application/pdf", &pdf));
    assert_eq!(report["verdict"], "refuse", "{report:#}");
    let machine = [("Text1", "Gaston Tremblay"), ("Text2", "1954-01-01")];
    let unlabelled = docs::pdf_form(&["Demande"], &machine, &[], true);
    let report = check(&with("demande.pdf", "application/pdf", &unlabelled));
    assert_eq!(
        report["verdict"], "relay",
        "no label, no birth date: {report:#}"
    );
}

#[test]
fn pdf_annotation_text_is_read() {
    let note = "Patient Gaston Tremblay, NAM TREG 5401 0114 : revoir la posologie";
    let pdf = docs::pdf_form(&["Protocole de soins"], &[], &[note], true);
    refused_with_nam(&check(&with("protocole.pdf", "application/pdf", &pdf)));
}

#[test]
fn password_protected_pdf_is_a_risk_with_that_reason() {
    let pdf = docs::pdf(&[vec!["Rapport".into()]]);
    // The cross-reference stream's dictionary is the trailer: an encryption dictionary
    // there, after every object, moves no offset.
    let at = pdf
        .windows(10)
        .position(|w| w == b"/Type/XRef")
        .expect("xref stream");
    let mut encrypted = pdf[..at].to_vec();
    encrypted.extend_from_slice(b"/Encrypt<</Filter/Standard/V 1/R 2/O(0123456789abcdef0123456789abcdef)/U(0123456789abcdef0123456789abcdef)/P -4>>");
    encrypted.extend_from_slice(&pdf[at..]);
    refused_as_unreadable(
        &check(&with("rapport.pdf", "application/pdf", &encrypted)),
        "password-protected PDF",
    );
}

fn gzip(data: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

fn tar(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    for (name, data) in entries {
        let mut header = tar::Header::new_ustar();
        header.set_size(data.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        builder.append_data(&mut header, name, *data).unwrap();
    }
    builder.into_inner().unwrap()
}

#[test]
fn tar_tar_gz_and_gz_archives_are_read() {
    let list = "Nom,NAM,Diagnostic\nGaston Tremblay,TREG 5401 0114,diabete\n".as_bytes();
    let harmless = "Article,Quantite\nGants,400\n".as_bytes();
    let archive = tar(&[
        ("listes/inventaire.csv", harmless),
        ("listes/patients.csv", list),
    ]);
    assert_eq!(
        refused_with_nam(&check(&with("listes.tar", "application/x-tar", &archive))),
        "listes.tar/listes/patients.csv"
    );
    assert_eq!(
        refused_with_nam(&check(&with(
            "listes.tgz",
            "application/gzip",
            &gzip(&archive)
        ))),
        "listes.tgz/listes.tar/listes/patients.csv"
    );
    assert_eq!(
        refused_with_nam(&check(&with(
            "patients.csv.gz",
            "application/gzip",
            &gzip(list)
        ))),
        "patients.csv.gz/patients.csv"
    );
    let clean = gzip(&tar(&[("inventaire.csv", harmless)]));
    let report = check(&with("inventaire.tar.gz", "application/gzip", &clean));
    assert_eq!(report["verdict"], "relay", "{report:#}");
}

#[test]
fn a_tar_gz_is_one_archive_level_so_a_docx_in_a_zip_inside_it_is_read() {
    let docx = docs::docx(&["Patient Gaston Tremblay, NAM TREG 5401 0114, diabete".into()]);
    let zip = docs::zip(&[("lettre.docx", &docx)]);
    let tgz = gzip(&tar(&[("fichiers.zip", &zip)]));
    assert_eq!(
        refused_with_nam(&check(&with("fichiers.tar.gz", "application/gzip", &tgz))),
        "fichiers.tar.gz/fichiers.tar/fichiers.zip/lettre.docx"
    );
    // One level more (the zip in another zip) is past the default depth of 3.
    let deeper = gzip(&tar(&[("fichiers.zip", &docs::zip(&[("z.zip", &zip)]))]));
    refused_as_unreadable(
        &check(&with("fichiers.tar.gz", "application/gzip", &deeper)),
        "archives nested deeper than the limit",
    );
}

#[test]
fn gzip_bomb_is_refused_not_inflated() {
    let bomb = gzip(&vec![b'a'; 64 * 1024 * 1024]);
    assert!(bomb.len() < 100_000);
    refused_as_unreadable(
        &check(&with("journal.txt.gz", "application/gzip", &bomb)),
        "gzip bomb",
    );
}

#[test]
fn utf32_text_export_is_read() {
    let text = "Nom\tNAM\nGaston Tremblay\tTREG 5401 0114\n";
    let units: Vec<u8> = text
        .chars()
        .flat_map(|c| (c as u32).to_le_bytes())
        .collect();
    let with_bom = [&b"\xFF\xFE\0\0"[..], &units].concat();
    for bytes in [units, with_bom] {
        refused_with_nam(&check(&with(
            "export.txt",
            "application/octet-stream",
            &bytes,
        )));
    }
}

#[test]
fn scanned_pdf_of_thousands_of_page_images_is_refused_within_its_limits() {
    let pdf = docs::pdf_of_images(3000, 120);
    refused_as_unreadable(
        &check(&with("fax.pdf", "application/pdf", &pdf)),
        "more page images than OCR reads",
    );
}

#[test]
fn xlsx_dates_of_birth_are_read_as_dates_not_serial_numbers() {
    let styles = "<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>";
    let cell = |r: &str, v: &str| format!("<c r=\"{r}\" t=\"inlineStr\"><is><t>{v}</t></is></c>");
    let sheet = format!(
        "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>\
<row r=\"1\">{}{}{}</row><row r=\"2\">{}<c r=\"B2\" s=\"1\"><v>19725</v></c>{}</row></sheetData></worksheet>",
        cell("A1", "Patient"),
        cell("B1", "Date de naissance"),
        cell("C1", "Diagnostic"),
        cell("A2", "M. Gaston Tremblay, né le"),
        cell("C2", "diabète de type 2, insuffisance rénale"),
    );
    const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    let xlsx = ooxml(
        "xl/workbook.xml",
        &[
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
            ("xl/styles.xml", styles.as_bytes()),
        ],
    );
    let report = check(&with("liste.xlsx", XLSX, &xlsx));
    assert_eq!(report["verdict"], "refuse", "{report:#}");
    // Without the date style the same serial is a number, and nothing is a date of birth.
    let plain = ooxml(
        "xl/workbook.xml",
        &[("xl/worksheets/sheet1.xml", sheet.as_bytes())],
    );
    let report = check(&with("liste.xlsx", XLSX, &plain));
    assert_eq!(report["verdict"], "relay", "{report:#}");
}

fn archive_file(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/archives")
            .join(name),
    )
    .unwrap()
}

#[test]
fn seven_zip_archives_are_read_and_encrypted_ones_are_risks() {
    // Made by py7zr (tests/data/archives/make.py).
    assert_eq!(
        refused_with_nam(&check(&with(
            "listes.7z",
            "application/x-7z-compressed",
            &archive_file("listes.7z")
        ))),
        "listes.7z/listes/patients.csv"
    );
    let report = check(&with(
        "inventaire.7z",
        "application/octet-stream",
        &archive_file("inventaire.7z"),
    ));
    assert_eq!(report["verdict"], "relay", "{report:#}");
    refused_as_unreadable(
        &check(&with(
            "protege.7z",
            "application/x-7z-compressed",
            &archive_file("protege.7z"),
        )),
        "password-protected archive",
    );
}

#[test]
fn seven_zip_bomb_is_refused_not_inflated() {
    refused_as_unreadable(
        &check(&with(
            "journal.7z",
            "application/x-7z-compressed",
            &archive_file("bomb.7z"),
        )),
        "7z bomb",
    );
}

#[test]
fn xlsx_shared_strings_are_read_in_their_rows_and_a_shared_string_bomb_is_refused() {
    const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    let ns = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";
    let shared = |strings: &[&str]| {
        let items: String = strings
            .iter()
            .map(|s| format!("<si><t>{s}</t></si>"))
            .collect();
        format!("<?xml version=\"1.0\"?><sst {ns}>{items}</sst>")
    };
    let sheet = |rows: &[&[usize]]| {
        let rows: String = rows
            .iter()
            .map(|cells| {
                let cells: String = cells
                    .iter()
                    .map(|i| format!("<c t=\"s\"><v>{i}</v></c>"))
                    .collect();
                format!("<row>{cells}</row>")
            })
            .collect();
        format!("<?xml version=\"1.0\"?><worksheet {ns}><sheetData>{rows}</sheetData></worksheet>")
    };
    // A patient table whose every cell is a shared string: the rows read as rows.
    let strings = shared(&[
        "Nom",
        "Prénom",
        "DDN",
        "Diagnostic",
        "Lalonde",
        "Isabelle",
        "1935-09-25",
        "hémorragie digestive",
        "Benali",
        "Jennifer",
        "1974-11-01",
        "trouble bipolaire",
    ]);
    let table = sheet(&[&[0, 1, 2, 3], &[4, 5, 6, 7], &[8, 9, 10, 11]]);
    let xlsx = ooxml(
        "xl/workbook.xml",
        &[
            ("xl/worksheets/sheet1.xml", table.as_bytes()),
            ("xl/sharedStrings.xml", strings.as_bytes()),
        ],
    );
    let report = check(&with("liste.xlsx", XLSX, &xlsx));
    assert_eq!(report["verdict"], "refuse", "{report:#}");
    assert!(
        report.to_string().contains("person_clinical_context"),
        "{report:#}"
    );
    // One 1 MiB string shown by 400 cells would be 400 MiB of text: refused, not built.
    // (Letters that do not compress, so the zip's own ratio check does not catch it first.)
    let mut seed = 12345u32;
    let long: String = (0..1 << 20)
        .map(|_| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            char::from(b'a' + (seed >> 16) as u8 % 26)
        })
        .collect();
    let strings = shared(&[&long]);
    let bomb = sheet(&[&[0; 400]]);
    let xlsx = ooxml(
        "xl/workbook.xml",
        &[
            ("xl/worksheets/sheet1.xml", bomb.as_bytes()),
            ("xl/sharedStrings.xml", strings.as_bytes()),
        ],
    );
    assert!(xlsx.len() < 2 << 20, "{}", xlsx.len());
    refused_as_unreadable(&check(&with("liste.xlsx", XLSX, &xlsx)), "spreadsheet bomb");
}
