use std::io::Write;

use super::*;

fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = ::zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = ::zip::write::SimpleFileOptions::default()
        .compression_method(::zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        writer.start_file(*name, options).unwrap();
        writer.write_all(data).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

fn run(bytes: &[u8], limits: &Limits) -> Vec<Piece> {
    let budget = Budget::new(limits, None);
    let mut out = Vec::new();
    let location = Location {
        part: "2".into(),
        filename: Some("envoi.zip".into()),
    };
    content(bytes, location, 0, &budget, &mut out);
    out
}

fn describe(pieces: &[Piece]) -> Vec<String> {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text(l, t) => {
                format!("text {} {}", l.filename.as_deref().unwrap_or(""), t.trim())
            }
            Piece::Unscannable(l, r) => {
                format!("unscannable {} {r}", l.filename.as_deref().unwrap_or(""))
            }
            Piece::Record(l, s) => format!("record {} {s}", l.filename.as_deref().unwrap_or("")),
            Piece::Crypto(l, scheme, parsed) => format!(
                "crypto {} {} {parsed:?}",
                l.filename.as_deref().unwrap_or(""),
                scheme.as_str()
            ),
            Piece::Skipped(l, r) => format!("skipped {} {r}", l.filename.as_deref().unwrap_or("")),
            Piece::Image(i) => format!(
                "image {} {}x{} {} page(s)",
                i.location.filename.as_deref().unwrap_or(""),
                i.width,
                i.height,
                i.pages
            ),
        })
        .collect()
}

#[test]
fn archive_entries_are_extracted_with_their_path() {
    let inner = zip(&[("liste.csv", b"nom,nam\nTremblay,TREG54010114\n")]);
    let outer = zip(&[("dossier/notes.txt", b"suivi"), ("imbrique.zip", &inner)]);
    assert_eq!(
        describe(&run(&outer, &Limits::default())),
        vec![
            "text envoi.zip/dossier/notes.txt suivi",
            "text envoi.zip/imbrique.zip/liste.csv nom,nam\nTremblay,TREG54010114",
        ]
    );
}

#[test]
fn office_documents_are_read_as_text_with_cells_apart() {
    let docx = zip(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", b"<w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>NAM : TREG</w:t></w:r><w:r><w:t>54010114</w:t></w:r></w:p><w:p><w:r><w:t>Diagnostic &amp; suivi</w:t></w:r></w:p></w:body></w:document>"),
    ]);
    let pieces = describe(&run(&docx, &Limits::default()));
    assert_eq!(
        pieces,
        vec!["text envoi.zip NAM : TREG54010114\nDiagnostic & suivi"]
    );
    let xlsx = zip(&[
        ("[Content_Types].xml", b"<Types/>"),
        (
            "xl/sharedStrings.xml",
            b"<sst><si><t>TREG54010114</t></si><si><t>Tremblay</t></si></sst>",
        ),
    ]);
    assert_eq!(
        describe(&run(&xlsx, &Limits::default())),
        vec!["text envoi.zip TREG54010114\nTremblay"]
    );
}

#[test]
fn zip_bombs_and_deep_nesting_are_unscannable() {
    let zeros = vec![0u8; 2 * 1024 * 1024];
    let bomb = zip(&[("zeros.bin", &zeros)]);
    let pieces = describe(&run(&bomb, &Limits::default()));
    assert_eq!(
        pieces,
        vec!["unscannable envoi.zip/zeros.bin expansion ratio over the limit (zip bomb)"]
    );
    let small = Limits {
        max_expanded_bytes: 1024,
        ..Limits::default()
    };
    let big = zip(&[("a.txt", "lettre ".repeat(1000).as_bytes())]);
    assert_eq!(
        describe(&run(&big, &small)),
        vec!["unscannable envoi.zip/a.txt archive expands beyond the size limit"]
    );
    let mut nested = zip(&[("fond.txt", b"fond")]);
    for level in 0..5 {
        nested = zip(&[(&format!("niveau{level}.zip"), &nested)]);
    }
    let pieces = describe(&run(&nested, &Limits::default()));
    assert_eq!(pieces.len(), 1);
    assert!(
        pieces[0].ends_with("archives nested deeper than the limit"),
        "{pieces:?}"
    );
}

#[test]
fn truncated_archives_and_broken_pdfs_are_unscannable_not_crashes() {
    let whole = zip(&[("a.txt", b"texte")]);
    for cut in [10, whole.len() / 2, whole.len() - 5] {
        let pieces = run(&whole[..cut], &Limits::default());
        assert!(!pieces.is_empty());
    }
    let pieces = describe(&run(
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\nxref\n0 9\nbroken\ntrailer<<>>\n%%EOF",
        &Limits::default(),
    ));
    assert_eq!(
        pieces,
        vec!["unscannable envoi.zip corrupt or truncated pdf"]
    );
}

#[test]
fn images_wait_for_ocr_with_their_size_and_pages_and_tiny_ones_are_skipped() {
    let images = |name: &str| -> Vec<u8> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/images");
        std::fs::read(dir.join(name)).unwrap()
    };
    let limits = Limits::default();
    assert_eq!(
        describe(&run(&images("dossier_screenshot.png"), &limits)),
        vec!["image envoi.zip 1100x360 1 page(s)"]
    );
    assert_eq!(
        describe(&run(&images("fax_two_pages.tiff"), &limits)),
        vec!["image envoi.zip 1240x1754 2 page(s)"]
    );
    assert_eq!(
        describe(&run(&images("logo.png"), &limits)),
        vec!["skipped envoi.zip image too small to hold readable text"]
    );
    // A truncated header is not an image anyone can read as such: a risk, not a skip.
    let png = images("dossier_screenshot.png");
    assert_eq!(
        describe(&run(&png[..20], &limits)),
        vec!["unscannable envoi.zip image: format or header not readable"]
    );
}
