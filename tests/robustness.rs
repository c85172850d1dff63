//! The analyser on real attachments and on hostile or broken input, through the whole
//! pipeline (`analysis::analyse`, as the server calls it): every case returns a result within
//! the limits, with "unscannable" entries where due; none panics, hangs or runs out of memory.

use std::path::Path;
use std::time::Duration;

use sentinelle::analysis::{self, Analysis, Engine, Limits};

use crate::support::docs::{self, Attachment};

const YEAR: i32 = 2026;

fn engine() -> Engine {
    sentinelle::rules::engine(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")).unwrap()
}

fn analyse(raw: &[u8]) -> Analysis {
    analysis::analyse(raw, &engine(), &Limits::default(), YEAR)
}

/// A message whose only attachment is `bytes`.
fn attached(filename: &str, content_type: &str, bytes: &[u8]) -> Vec<u8> {
    docs::mime(
        "x",
        "voir",
        &[Attachment {
            filename,
            content_type,
            bytes,
        }],
    )
}

fn reasons(analysis: &Analysis) -> Vec<String> {
    analysis
        .unscannable
        .iter()
        .map(|u| format!("{}: {}", u.location.part, u.reason))
        .collect()
}

fn detectors_in(analysis: &Analysis, part: &str) -> Vec<String> {
    analysis
        .findings
        .iter()
        .filter(|f| f.location.part == part)
        .map(|f| f.detector.clone())
        .collect()
}

/// Gaston Tremblay (fake), born 1954-01-01: NAM TREG 5401 0114.
fn clinical_lines() -> Vec<String> {
    vec![
        "Resultats de laboratoire - Centre hospitalier".into(),
        "Patient : Gaston Tremblay".into(),
        "NAM : TREG 5401 0114".into(),
        "Glycemie a jeun 7,2 mmol/L, suivi en consultation".into(),
    ]
}

#[test]
fn pdf_docx_zip_and_hl7_attachments_are_read_by_content() {
    let pdf = docs::pdf(&[vec!["Page 1: rien a signaler".into()], clinical_lines()]);
    let docx = docs::docx(&clinical_lines());
    let zip = docs::zip(&[("export/liste.csv", b"nom,nam\nTremblay,TREG54010114\n")]);
    let hl7 = docs::hl7_result();
    // Misleading names and types: recognition is by content.
    let raw = docs::mime(
        "Documents",
        "Voir les pieces jointes.",
        &[
            Attachment {
                filename: "rapport.dat",
                content_type: "application/octet-stream",
                bytes: &pdf,
            },
            Attachment {
                filename: "lettre.bin",
                content_type: "application/octet-stream",
                bytes: &docx,
            },
            Attachment {
                filename: "archive.zip",
                content_type: "application/zip",
                bytes: &zip,
            },
            Attachment {
                filename: "resultat.txt",
                content_type: "text/plain",
                bytes: &hl7,
            },
        ],
    );
    let analysis = analyse(&raw);
    assert!(analysis.confidential, "{analysis:?}");
    assert!(analysis.unscannable.is_empty(), "{:?}", reasons(&analysis));
    for part in ["2", "3", "4"] {
        assert!(
            detectors_in(&analysis, part).contains(&"quebec_health_number".to_owned()),
            "part {part}: {analysis:?}"
        );
    }
    let zipped = analysis
        .findings
        .iter()
        .find(|f| f.location.part == "4")
        .unwrap();
    assert_eq!(
        zipped.location.filename.as_deref(),
        Some("archive.zip/export/liste.csv")
    );
    assert!(detectors_in(&analysis, "5").contains(&"structured_clinical_record".to_owned()));
    // Results carry shapes, never values.
    let json = serde_json::to_string(&analysis).unwrap();
    assert!(
        !json.contains("54010114") && !json.contains("5401 0114"),
        "{json}"
    );
}

#[test]
fn malformed_mime_still_yields_a_result() {
    // No closing boundary: the last part is still read.
    let raw = b"Subject: x\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n\
Content-Type: text/plain\r\n\r\nPatient Gaston Tremblay, NAM TREG54010114\r\n";
    let analysis = analyse(raw);
    assert!(analysis.confidential, "{analysis:?}");

    // Broken base64: reported, and what decodes is still scanned.
    let raw = b"Subject: x\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n\
Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n\
!!!!****not base64 at all####\r\n--b--\r\n";
    let analysis = analyse(raw);
    assert!(!analysis.confidential);

    // Invalid UTF-8 and raw 8-bit bytes in headers and encoded words that do not decode.
    let raw = b"Subject: =?utf-8?B?////?= \xff\xfe\xc3\x28 dossier\r\nFrom: \xe9\xe9 <a@b>\r\n\
Content-Type: text/plain; charset=\"\xff\"\r\n\r\nbody\r\n";
    let analysis = analyse(raw);
    assert!(!analysis.confidential);

    // Truncated in the middle of a header, and empty input.
    let analysis = analyse(b"Subject: Suivi du patient\r\nContent-Type: multipart/mi");
    assert!(!analysis.confidential);
    let analysis = analyse(b"");
    assert!(!analysis.confidential);
}

fn many_parts(leaves: usize, last: &str) -> Vec<u8> {
    let mut raw = b"Subject: x\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n".to_vec();
    for i in 0..leaves {
        let body = if i + 1 == leaves { last } else { "rien" };
        raw.extend_from_slice(
            format!("--b\r\nContent-Type: text/plain\r\n\r\n{body}\r\n").as_bytes(),
        );
    }
    raw.extend_from_slice(b"--b--\r\n");
    raw
}

#[test]
fn ten_thousand_parts_are_read_and_more_are_reported() {
    // The container plus 9,999 leaves: 10,000 parts, all read.
    let analysis = analyse(&many_parts(
        9_999,
        "Patient Gaston Tremblay, NAM TREG54010114",
    ));
    assert!(analysis.unscannable.is_empty(), "{:?}", reasons(&analysis));
    assert!(analysis.confidential);
    assert_eq!(
        detectors_in(&analysis, "9999"),
        vec!["quebec_health_number"]
    );

    let analysis = analyse(&many_parts(20_000, "rien"));
    assert_eq!(reasons(&analysis), vec!["10000: too many MIME parts"]);
}

#[test]
fn multipart_nested_a_thousand_deep_is_reported_not_followed() {
    let depth = 1_000;
    let mut raw = b"Subject: x\r\n".to_vec();
    for level in 0..depth {
        raw.extend_from_slice(
            format!("Content-Type: multipart/mixed; boundary=\"b{level}\"\r\n\r\n--b{level}\r\n")
                .as_bytes(),
        );
    }
    raw.extend_from_slice(b"Content-Type: text/plain\r\n\r\nfond\r\n");
    for level in (0..depth).rev() {
        raw.extend_from_slice(format!("--b{level}--\r\n").as_bytes());
    }
    let analysis = analyse(&raw);
    let reasons = reasons(&analysis);
    assert!(
        reasons
            .iter()
            .any(|r| r.ends_with("MIME nesting deeper than the limit")),
        "{reasons:?}"
    );

    // The same with forwarded messages (message/rfc822) inside one another.
    let mut raw = b"Subject: fond\r\nContent-Type: text/plain\r\n\r\nfond\r\n".to_vec();
    for _ in 0..depth {
        let mut outer = b"Subject: TR: suite\r\nContent-Type: message/rfc822\r\n\r\n".to_vec();
        outer.extend_from_slice(&raw);
        raw = outer;
    }
    let analysis = analyse(&raw);
    assert!(
        analysis
            .unscannable
            .iter()
            .any(|u| u.reason == "MIME nesting deeper than the limit"),
        "{:?}",
        analysis.unscannable
    );
}

/// A 42.zip-style bomb: every level holds 16 copies of the level below; the leaves are
/// 16 files of 1 MiB of zeros. Fully expanded: 16^5 MiB = 1 TiB.
fn nested_bomb() -> Vec<u8> {
    let zeros = vec![0u8; 1024 * 1024];
    let names: Vec<String> = (0..16).map(|i| format!("{i:x}")).collect();
    let leaves: Vec<(&str, &[u8])> = names
        .iter()
        .map(|n| (n.as_str(), zeros.as_slice()))
        .collect();
    let mut level = docs::zip(&leaves);
    for depth in 0..4 {
        let names: Vec<String> = (0..16).map(|i| format!("{depth}{i:x}.zip")).collect();
        let entries: Vec<(&str, &[u8])> = names
            .iter()
            .map(|n| (n.as_str(), level.as_slice()))
            .collect();
        level = docs::zip(&entries);
    }
    level
}

#[test]
fn zip_bombs_are_unscannable_within_the_limits() {
    let bomb = nested_bomb();
    assert!(bomb.len() < 2 * 1024 * 1024, "{}", bomb.len());
    let raw = attached("42.zip", "application/zip", &bomb);
    let analysis = analyse(&raw);
    assert!(!analysis.unscannable.is_empty());
    assert!(
        analysis.unscannable.iter().all(|u| u.location.part == "2"),
        "{:?}",
        reasons(&analysis)
    );

    // One entry of 10 MiB of zeros: a ratio near 1:1000.
    let zeros = vec![0u8; 10 * 1024 * 1024];
    let single = docs::zip(&[("zeros.bin", &zeros)]);
    assert!(zeros.len() / single.len() > 900, "{}", single.len());
    let raw = attached("z.zip", "application/zip", &single);
    assert_eq!(
        reasons(&analyse(&raw)),
        vec!["2: expansion ratio over the limit (zip bomb)"]
    );
}

#[test]
fn pdf_with_a_broken_cross_reference_table_yields_a_result() {
    let pdf = docs::pdf(&[clinical_lines()]);
    let start = pdf
        .windows(5)
        .rposition(|w| w == b"xref\n")
        .expect("xref table");
    let mut broken = pdf.clone();
    // Every offset of the table points at the wrong place.
    for byte in &mut broken[start + 5..] {
        if byte.is_ascii_digit() {
            *byte = b'7';
        }
        if *byte == b't' {
            break; // "trailer"
        }
    }
    let raw = attached("r.pdf", "application/pdf", &broken);
    let analysis = analyse(&raw);
    let read = detectors_in(&analysis, "2").contains(&"quebec_health_number".to_owned());
    let reported = analysis.unscannable.iter().any(|u| u.location.part == "2");
    assert!(read || reported, "{analysis:?}");

    // Cut in half: no trailer at all.
    let raw = attached("r.pdf", "application/pdf", &pdf[..pdf.len() / 2]);
    let analysis = analyse(&raw);
    assert!(!analysis.findings.is_empty() || !analysis.unscannable.is_empty());
}

#[test]
fn pdf_flate_bomb_is_unscannable() {
    // 64 MiB of spaces in one page stream compress to about 64 KiB.
    let mut doc = lopdf::Document::with_version("1.5");
    let mut stream = lopdf::Stream::new(lopdf::dictionary! {}, vec![b' '; 64 * 1024 * 1024]);
    stream.compress().unwrap();
    let content = doc.add_object(stream);
    let pages = doc.new_object_id();
    let page = doc.add_object(
        lopdf::dictionary! {"Type" => "Page", "Parent" => pages, "Contents" => content},
    );
    doc.objects.insert(
        pages,
        lopdf::Object::Dictionary(
            lopdf::dictionary! {"Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1},
        ),
    );
    let catalog = doc.add_object(lopdf::dictionary! {"Type" => "Catalog", "Pages" => pages});
    doc.trailer.set("Root", catalog);
    let mut pdf = Vec::new();
    doc.save_to(&mut pdf).unwrap();
    assert!(pdf.len() < 1024 * 1024);
    let raw = attached("b.pdf", "application/pdf", &pdf);
    assert_eq!(
        reasons(&analyse(&raw)),
        vec!["2: pdf stream expands beyond the size limit"]
    );
}

#[test]
fn the_time_limit_yields_an_unscannable_entry() {
    let limits = Limits {
        time_limit: Some(Duration::ZERO),
        ..Limits::default()
    };
    let raw = many_parts(10, "rien");
    let analysis = analysis::analyse(&raw, &engine(), &limits, YEAR);
    assert_eq!(reasons(&analysis), vec!["1: analysis time limit reached"]);
}

#[test]
fn parallel_extraction_finds_what_one_thread_finds_and_keeps_the_budget() {
    let filler: Vec<String> = (0..25_000)
        .map(|i| format!("ligne {i} du document"))
        .collect();
    let mut pages = vec![filler.clone()];
    pages.push(clinical_lines());
    let pdf = docs::pdf(&pages);
    let mut paragraphs = filler.clone();
    paragraphs.extend(clinical_lines());
    let docx = docs::docx(&paragraphs);
    let csv = filler.join("\n") + "\nTremblay,TREG54010114\n";
    let zip = docs::zip(&[("a/liste.csv", csv.as_bytes())]);
    let raw = docs::mime(
        "x",
        "voir",
        &[
            Attachment {
                filename: "a.pdf",
                content_type: "application/pdf",
                bytes: &pdf,
            },
            Attachment {
                filename: "b.docx",
                content_type: "application/octet-stream",
                bytes: &docx,
            },
            Attachment {
                filename: "c.zip",
                content_type: "application/zip",
                bytes: &zip,
            },
            Attachment {
                filename: "d.csv",
                content_type: "text/csv",
                bytes: csv.as_bytes(),
            },
        ],
    );
    assert!(
        raw.len() > 512 * 1024,
        "large enough to be shared: {}",
        raw.len()
    );
    let run = |threads: usize, max_expanded_bytes: usize| {
        let limits = Limits {
            threads,
            max_expanded_bytes,
            ..Limits::default()
        };
        let result = analysis::analyse(&raw, &engine(), &limits, YEAR);
        let mut findings: Vec<(String, String)> = result
            .findings
            .iter()
            .map(|f| (f.location.part.clone(), f.detector.clone()))
            .collect();
        findings.sort();
        (findings, reasons(&result))
    };
    let (one, none) = run(1, 200 * 1024 * 1024);
    let (two, also_none) = run(2, 200 * 1024 * 1024);
    assert_eq!(one, two);
    assert!(none.is_empty() && also_none.is_empty(), "{none:?}");
    for part in ["2", "3", "4", "5"] {
        assert!(
            one.iter()
                .any(|(p, d)| p == part && d == "quebec_health_number"),
            "{part}: {one:?}"
        );
    }
    // A budget too small for all of them: whatever the threads, some are reported.
    let (_, reported) = run(2, 200 * 1024);
    assert!(!reported.is_empty());
    assert!(
        reported.iter().all(|r| r.contains("size limit")),
        "{reported:?}"
    );
}
