//! Office Open XML (docx, xlsx, pptx) and OpenDocument (odt, ods, odp): the text of every
//! XML part a reader can be shown (body, headers, footers, footnotes, comments, tracked
//! changes, every sheet, shared strings, cell comments, drawings' text boxes, charts, slide
//! notes, document properties), read with quick-xml, paragraphs and rows ending in
//! newlines, cells in tabs, so values in neighbouring cells never run together. Pictures
//! and embedded objects (`media/`, `embeddings/`, ODF `Pictures/` and `Object N/`) go
//! through the normal extractors: OCR for pictures, a nested document for an object.

use std::io::{Read, Seek};

use quick_xml::Reader;
use quick_xml::events::Event;

use super::xlsx_dates::{self, DateStyles};
use super::zip::{Entry, read_entry};
use super::{Budget, Piece};
use crate::analysis::mime::Location;

/// Which kind of document an archive holds.
#[derive(Debug, Clone, Copy)]
pub enum Document {
    /// Office Open XML.
    Ooxml,
    /// OpenDocument.
    Odf,
}

/// Recognises an office document by its manifest.
pub fn kind<R: Read + Seek>(archive: &::zip::ZipArchive<R>) -> Option<Document> {
    let names: Vec<&[u8]> = archive.file_names_raw().collect();
    let has = |name: &[u8]| names.contains(&name);
    if has(b"[Content_Types].xml") {
        Some(Document::Ooxml)
    } else if has(b"mimetype") && has(b"content.xml") {
        Some(Document::Odf)
    } else {
        None
    }
}

/// What a document part is to the reader.
enum Part {
    /// XML whose character data is text shown to a reader.
    Text,
    /// A picture or an embedded file, extracted like an attachment.
    Embedded,
    /// Package plumbing: relationships, content types, the ODF manifest and mimetype, the
    /// thumbnail of the first page (its text is read from the parts), macros.
    Plumbing,
}

fn part(document: Document, name: &str) -> Part {
    let lower = name.to_ascii_lowercase();
    let plumbing = match document {
        Document::Ooxml => {
            lower.ends_with(".rels")
                || lower == "[content_types].xml"
                || lower.ends_with("vbaproject.bin")
                || lower.starts_with("docprops/thumbnail")
        }
        Document::Odf => {
            lower == "mimetype"
                || lower.starts_with("meta-inf/")
                || lower.starts_with("thumbnails/")
                || lower.ends_with('/')
        }
    };
    if plumbing {
        Part::Plumbing
    } else if lower.ends_with(".xml") {
        Part::Text
    } else {
        Part::Embedded
    }
}

/// Extracts the text of every document part into one piece, and every picture and
/// embedded file like an attachment, `depth` archives deep.
pub fn text<R: Read + Seek>(
    archive: &mut ::zip::ZipArchive<R>,
    document: Document,
    location: Location,
    depth: usize,
    budget: &Budget<'_>,
    out: &mut Vec<Piece>,
) {
    let names: Vec<(usize, String)> = (0..archive.len())
        .take(super::zip::MAX_ENTRIES)
        .filter_map(|i| Some((i, archive.name_for_index(i)?.ok()?.into_owned())))
        .collect();
    let mut text = String::new();
    let dates = names
        .iter()
        .find(|(_, n)| n == "xl/styles.xml")
        .and_then(|(index, _)| match read_entry(archive, *index, budget) {
            Entry::Data(_, xml) => Some(DateStyles::parse(&xml)),
            _ => None,
        });
    for (index, name) in names {
        let kind = part(document, &name);
        if matches!(kind, Part::Plumbing) {
            continue;
        }
        match (read_entry(archive, index, budget), kind) {
            (Entry::Data(_, xml), Part::Text) => xml_text(&xml, dates.as_ref(), &mut text),
            (Entry::Data(name, bytes), _) => super::content(
                &bytes,
                super::zip::inner(&location, &name),
                depth + 1,
                budget,
                out,
            ),
            (Entry::Directory, _) => {}
            (Entry::Refused(_, reason), _) => {
                out.push(Piece::Unscannable(location.clone(), reason.into()));
                return;
            }
        }
    }
    out.push(Piece::Text(location, text));
}

/// Appends the character data of `xml`, with block ends as newlines and cells as tabs.
/// The XML is read in place (no copy per event); text that is not UTF-8 is read lossily.
/// A spreadsheet cell whose style shows a date (`dates`) is written as the date.
pub fn xml_text(xml: &[u8], dates: Option<&DateStyles>, out: &mut String) {
    let text = String::from_utf8_lossy(xml);
    let mut reader = Reader::from_str(&text);
    let mut date_cell = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if dates.is_some() && e.local_name().as_ref() == "c" => {
                date_cell = dates
                    .zip(xlsx_dates::numeric_style(&e))
                    .is_some_and(|(d, style)| d.is_date(style));
            }
            Ok(Event::Text(t)) if date_cell => match xlsx_dates::serial_date(&t) {
                Some(date) => out.push_str(&date),
                None => unescape_into(&t, out),
            },
            Ok(Event::Text(t)) => unescape_into(&t, out),
            Ok(Event::CData(t)) => out.push_str(&t),
            Ok(Event::GeneralRef(r)) => {
                let name: &str = &r;
                unescape_into(&format!("&{name};"), out);
            }
            Ok(Event::End(e)) => {
                let name = e.local_name().into_inner();
                date_cell &= name != "c";
                separator(name, out)
            }
            Ok(Event::Empty(e)) => match e.local_name().into_inner() {
                "tab" => out.push('\t'),
                "br" | "line-break" => out.push('\n'),
                "s" => out.push(' '),
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
}

fn separator(name: &str, out: &mut String) {
    match name {
        "p" | "h" | "row" | "table-row" | "tr" | "si" => out.push('\n'),
        "c" | "tc" | "table-cell" | "v" => out.push('\t'),
        _ => {}
    }
}

fn unescape_into(s: &str, out: &mut String) {
    if !s.contains('&') {
        out.push_str(s);
        return;
    }
    match quick_xml::escape::unescape(s) {
        Ok(c) => out.push_str(&c),
        Err(_) => out.push_str(s),
    }
}
