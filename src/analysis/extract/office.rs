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

use super::xlsx_cells::{self, DateStyles, Show, Workbook};
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
    let book = workbook(archive, &names, budget);
    for (index, name) in names {
        let kind = part(document, &name);
        // Shared strings are read in the cells that show them (the rest at the end).
        if matches!(kind, Part::Plumbing) || (book.is_some() && name == SHARED_STRINGS) {
            continue;
        }
        match (read_entry(archive, index, budget), kind) {
            (Entry::Data(_, xml), Part::Text) => {
                // The XML was counted when read; the strings its cells show are counted too.
                let shown = xml_text(&xml, book.as_ref(), budget.remaining(), &mut text);
                if !shown.is_ok_and(|bytes| budget.reserve(bytes)) {
                    let reason = "spreadsheet expands beyond the limits (spreadsheet bomb)";
                    out.push(Piece::Unscannable(location, reason.into()));
                    return;
                }
            }
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
    for string in book.iter().flat_map(Workbook::unshown) {
        text.push('\n');
        text.push_str(string);
    }
    out.push(Piece::Text(location, text));
}

const SHARED_STRINGS: &str = "xl/sharedStrings.xml";

/// A spreadsheet's date styles and shared strings, when the package has either.
fn workbook<R: Read + Seek>(
    archive: &mut ::zip::ZipArchive<R>,
    names: &[(usize, String)],
    budget: &Budget<'_>,
) -> Option<Workbook> {
    let mut read = |wanted: &str| {
        let (index, _) = names.iter().find(|(_, n)| n == wanted)?;
        match read_entry(archive, *index, budget) {
            Entry::Data(_, xml) => Some(xml),
            _ => None,
        }
    };
    let styles = read("xl/styles.xml");
    let shared = read(SHARED_STRINGS);
    if styles.is_none() && shared.is_none() {
        return None;
    }
    Some(Workbook::new(
        styles
            .map(|xml| DateStyles::parse(&xml))
            .unwrap_or_default(),
        shared
            .map(|xml| xlsx_cells::shared_strings(&xml))
            .unwrap_or_default(),
    ))
}

/// The text of a spreadsheet would grow past the expansion budget (a small sheet whose
/// cells all show one long shared string).
#[derive(Debug)]
pub struct Overflow;

/// Appends the character data of `xml`, with block ends as newlines and cells as tabs.
/// The XML is read in place (no copy per event); text that is not UTF-8 is read lossily.
/// A spreadsheet cell (`book`) is written as it shows: a date style's serial as the date,
/// a shared string's index as the string. Returns the bytes of shared strings written,
/// which may not exceed `cap`.
pub fn xml_text(
    xml: &[u8],
    book: Option<&Workbook>,
    cap: usize,
    out: &mut String,
) -> Result<usize, Overflow> {
    // The reader checks UTF-8 as it goes; a part that is not UTF-8 is read again with its
    // bad bytes replaced (the rare case pays for the second pass, not every document).
    let mark = out.len();
    match events(xml, book, cap, out) {
        Err(Stop::NotUtf8) => {
            out.truncate(mark);
            let text = String::from_utf8_lossy(xml);
            events(text.as_bytes(), book, cap, out).map_err(|_| Overflow)
        }
        Err(Stop::Overflow) => Err(Overflow),
        Ok(shown) => Ok(shown),
    }
}

/// Why [`events`] stopped before the end.
enum Stop {
    Overflow,
    NotUtf8,
}

fn events(
    xml: &[u8],
    book: Option<&Workbook>,
    cap: usize,
    out: &mut String,
) -> Result<usize, Stop> {
    let mut reader = Reader::from_reader(xml);
    let mut cell = Show::Plain;
    let mut shown = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "c" => {
                cell = book.map_or(Show::Plain, |b| b.show(&e));
            }
            Ok(Event::Text(t)) if cell == Show::Date => match xlsx_cells::serial_date(&t) {
                Some(date) => out.push_str(&date),
                None => unescape_into(&t, out),
            },
            Ok(Event::Text(t)) if cell == Show::Shared => match book.and_then(|b| b.shared(&t)) {
                Some(string) if shown + string.len() > cap => return Err(Stop::Overflow),
                Some(string) => {
                    shown += string.len();
                    out.push_str(string);
                }
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
                if name == "c" {
                    cell = Show::Plain;
                }
                separator(name, out)
            }
            Ok(Event::Empty(e)) => match e.local_name().into_inner() {
                "tab" => out.push('\t'),
                "br" | "line-break" => out.push('\n'),
                "s" => out.push(' '),
                _ => {}
            },
            Err(quick_xml::Error::Encoding(_)) => return Err(Stop::NotUtf8),
            Ok(Event::Eof) | Err(_) => return Ok(shown),
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

#[cfg(test)]
mod tests {
    use super::xml_text;

    #[test]
    fn a_part_with_bytes_that_are_not_utf8_is_still_read() {
        let mut xml = b"<w:p><w:t>Patient : Gaston Tremblay</w:t></w:p><w:p><w:t>caf".to_vec();
        xml.extend_from_slice(b"\xe9</w:t></w:p><w:p><w:t>NAM TREG 5401 0114</w:t></w:p>");
        let mut text = String::from("before ");
        assert_eq!(xml_text(&xml, None, usize::MAX, &mut text).ok(), Some(0));
        assert!(
            text.starts_with("before Patient : Gaston Tremblay\n"),
            "{text}"
        );
        assert!(text.contains("caf\u{fffd}\n"), "{text}");
        assert!(text.ends_with("NAM TREG 5401 0114\n"), "{text}");
    }
}
