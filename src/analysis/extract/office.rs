//! Office Open XML (docx, xlsx, pptx) and OpenDocument (odt, ods, odp) text: the document
//! parts' XML read with quick-xml, paragraphs and rows ending in newlines, cells in tabs, so
//! values in neighbouring cells never run together.

use std::io::{Read, Seek};

use quick_xml::Reader;
use quick_xml::events::Event;

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

fn is_text_part(document: Document, name: &str) -> bool {
    match document {
        Document::Ooxml => {
            (name.starts_with("word/") && !name.starts_with("word/_rels") && name.ends_with(".xml"))
                || name == "xl/sharedStrings.xml"
                || (name.starts_with("xl/worksheets/") && name.ends_with(".xml"))
                || ((name.starts_with("ppt/slides/") || name.starts_with("ppt/notesSlides/"))
                    && name.ends_with(".xml"))
        }
        Document::Odf => name == "content.xml" || name == "styles.xml",
    }
}

/// Extracts the text of every document part into one piece.
pub fn text<R: Read + Seek>(
    archive: &mut ::zip::ZipArchive<R>,
    document: Document,
    location: Location,
    budget: &Budget<'_>,
    out: &mut Vec<Piece>,
) {
    let names: Vec<(usize, String)> = (0..archive.len())
        .filter_map(|i| Some((i, archive.name_for_index(i)?.ok()?.into_owned())))
        .filter(|(_, n)| is_text_part(document, n))
        .collect();
    let mut text = String::new();
    for (index, _) in names {
        match read_entry(archive, index, budget) {
            Entry::Data(_, xml) => xml_text(&xml, &mut text),
            Entry::Directory => {}
            Entry::Refused(_, reason) => {
                out.push(Piece::Unscannable(location.clone(), reason.into()));
                return;
            }
        }
    }
    out.push(Piece::Text(location, text));
}

/// Appends the character data of `xml`, with block ends as newlines and cells as tabs.
/// The XML is read in place (no copy per event); text that is not UTF-8 is read lossily.
pub fn xml_text(xml: &[u8], out: &mut String) {
    let text = String::from_utf8_lossy(xml);
    let mut reader = Reader::from_str(&text);
    loop {
        match reader.read_event() {
            Ok(Event::Text(t)) => unescape_into(&t, out),
            Ok(Event::CData(t)) => out.push_str(&t),
            Ok(Event::GeneralRef(r)) => {
                let name: &str = &r;
                unescape_into(&format!("&{name};"), out);
            }
            Ok(Event::End(e)) => separator(e.local_name().into_inner(), out),
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
