//! PDF text with lopdf: every page, compressed streams and object streams included; the
//! values of form fields (AcroForm `/V`, which a fillable form shows without their being
//! in the page's text) and the text of annotations (`/Contents` of comments, sticky notes,
//! free-text boxes); the pictures on the pages go to OCR ([`super::pdf_images`]).
//! Encrypted PDFs (any encryption, with or without a password to open them) and files
//! lopdf cannot read (a broken cross-reference table it cannot rebuild) are unscannable.
//! lopdf is a third-party parser of hostile input: it runs under `catch_unwind`, so a bug in
//! it becomes an unscannable entry, not a crash of the session.

use std::panic::{AssertUnwindSafe, catch_unwind};

use super::pdf_images::{Picture, pictures};
use super::pdf_labels;
use super::{Budget, Piece, picture};
use crate::analysis::mime::Location;

const PROTECTED: &str = "password-protected PDF";

/// Most pages read from one PDF.
const MAX_PAGES: u32 = 2000;

/// Largest decompressed size of one PDF stream (object streams, page contents): a small
/// compressed stream cannot inflate beyond it (PDF flate bombs).
const MAX_STREAM: usize = 16 * 1024 * 1024;

/// Extracts the text of `bytes`.
pub fn text(bytes: &[u8], location: Location, budget: &Budget<'_>, out: &mut Vec<Piece>) {
    let limit = budget.remaining().min(MAX_STREAM);
    let min_pixels = budget.limits.image_min_pixels;
    let result = catch_unwind(AssertUnwindSafe(|| extract(bytes, limit, min_pixels)));
    match result {
        Ok(Ok((text, pictures))) if budget.reserve(text.len()) => {
            out.push(Piece::Text(location.clone(), text));
            for found in pictures {
                match found {
                    Picture::File(file) => picture::extract(&file, location.clone(), budget, out),
                    Picture::Tiny => {}
                    Picture::Unread(reason) => {
                        out.push(Piece::Unscannable(location.clone(), reason.into()));
                    }
                }
            }
        }
        Ok(Ok(_)) => out.push(Piece::Unscannable(
            location,
            "pdf text over the size limit".into(),
        )),
        Ok(Err(reason)) => out.push(Piece::Unscannable(location, reason.into())),
        Err(_) => out.push(Piece::Unscannable(
            location,
            "corrupt pdf (parser failure)".into(),
        )),
    }
}

fn extract(
    bytes: &[u8],
    limit: usize,
    min_pixels: u64,
) -> Result<(String, Vec<Picture>), &'static str> {
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(limit),
        ..lopdf::LoadOptions::default()
    };
    let encrypted = || memchr::memmem::find(bytes, b"/Encrypt").is_some();
    let document = match lopdf::Document::load_mem_with_options(bytes, options) {
        Ok(document) => document,
        Err(_) if encrypted() => return Err(PROTECTED),
        Err(_) => return Err("corrupt or truncated pdf"),
    };
    if document.is_encrypted() || document.was_encrypted() || document.trailer.has(b"Encrypt") {
        return Err(PROTECTED);
    }
    let page_map = document.get_pages();
    let pages: Vec<u32> = page_map.keys().copied().take(MAX_PAGES as usize).collect();
    let page_ids: Vec<lopdf::ObjectId> = page_map
        .values()
        .copied()
        .take(MAX_PAGES as usize)
        .collect();
    let mut text = String::new();
    // One call for every page: fonts and the page tree are read once.
    for chunk in document.extract_text_chunks_with_limit(&pages, limit) {
        match chunk {
            Ok(piece) => {
                text.push_str(&piece);
                if text.len() > limit {
                    return Err("pdf text over the size limit");
                }
            }
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                ..
            })) => return Err("pdf stream expands beyond the size limit"),
            // A piece whose font lopdf cannot decode is skipped, not fatal.
            Err(_) => {}
        }
    }
    fields_and_annotations(&document, &page_ids, limit, &mut text);
    if text.len() > limit {
        return Err("pdf text over the size limit");
    }
    Ok((text, pictures(&document, &page_ids, min_pixels, limit)))
}

fn resolve<'d>(
    document: &'d lopdf::Document,
    object: &'d lopdf::Object,
) -> Option<&'d lopdf::Object> {
    match object {
        lopdf::Object::Reference(id) => document.get_object(*id).ok(),
        other => Some(other),
    }
}

/// Appends the values of form fields, each after its label (`nom : Gosselin`, as a filled
/// form reads: a label, then its value), and the text of annotations, one per line. The
/// label is the field's tooltip, else the text drawn beside its box, else its name.
fn fields_and_annotations(
    document: &lopdf::Document,
    pages: &[lopdf::ObjectId],
    limit: usize,
    text: &mut String,
) {
    use lopdf::Object;
    let mut runs = None;
    let strings = |dictionary: &lopdf::Dictionary, key: &[u8]| -> Vec<String> {
        let Some(value) = dictionary.get(key).ok().and_then(|v| resolve(document, v)) else {
            return Vec::new();
        };
        let values: Vec<&Object> = match value {
            Object::Array(items) => items.iter().filter_map(|v| resolve(document, v)).collect(),
            single => vec![single],
        };
        let text = values.into_iter().filter_map(|value| match value {
            Object::String(bytes, _) => Some(text_string(bytes)),
            // A choice or a check box holds a name (`/V /Oui`).
            Object::Name(name) => Some(String::from_utf8_lossy(name).into_owned()),
            _ => None,
        });
        text.collect()
    };
    for object in document.objects.values() {
        let Object::Dictionary(dictionary) = object else {
            continue;
        };
        if dictionary.has(b"FT") || dictionary.has(b"T") {
            let values = strings(dictionary, b"V");
            let mut beside = || {
                let (page, rect) = widget(document, dictionary)?;
                let runs = runs.get_or_insert_with(|| pdf_labels::runs(document, pages, limit));
                pdf_labels::label(runs, page, rect)
            };
            let label = strings(dictionary, b"TU")
                .into_iter()
                .next()
                .or_else(|| if values.is_empty() { None } else { beside() })
                .or_else(|| strings(dictionary, b"T").into_iter().next())
                .unwrap_or_default();
            for value in values {
                text.push('\n');
                if !label.is_empty() {
                    text.push_str(&label);
                    text.push_str(" : ");
                }
                text.push_str(&value);
            }
        }
        if dictionary.has(b"Subtype") && dictionary.has(b"Rect") {
            for contents in strings(dictionary, b"Contents") {
                text.push('\n');
                text.push_str(&contents);
            }
        }
    }
}

/// Where a field's box is: its own `/Rect` (a field merged with its widget) or its first
/// kid's, with the page it names (`/P`), if any.
fn widget(
    document: &lopdf::Document,
    field: &lopdf::Dictionary,
) -> Option<(Option<lopdf::ObjectId>, [f32; 4])> {
    let kid = || {
        let kids = field.get(b"Kids").ok()?.as_array().ok()?;
        resolve(document, kids.first()?)?.as_dict().ok()
    };
    let holder = if field.has(b"Rect") { field } else { kid()? };
    let rect = resolve(document, holder.get(b"Rect").ok()?)?
        .as_array()
        .ok()?;
    let corner = |i: usize| rect.get(i).and_then(|n| n.as_float().ok());
    let page = holder.get(b"P").ok().and_then(|p| p.as_reference().ok());
    Some((page, [corner(0)?, corner(1)?, corner(2)?, corner(3)?]))
}

/// A PDF text string: UTF-16BE after its byte-order mark, else PDFDocEncoding (read as
/// Windows-1252, which agrees with it on every letter French uses).
fn text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(b"\xFE\xFF") {
        Some(wide) => {
            let units: Vec<u16> = wide
                .chunks_exact(2)
                .map(|p| u16::from_be_bytes([p[0], p[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => crate::analysis::charset::windows_1252(bytes),
    }
}
