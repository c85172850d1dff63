//! PDF text with lopdf: every page, compressed streams included; the pictures on the pages
//! go to OCR ([`super::pdf_images`]). Encrypted PDFs, and files
//! lopdf cannot read (a broken cross-reference table it cannot rebuild), are unscannable.
//! lopdf is a third-party parser of hostile input: it runs under `catch_unwind`, so a bug in
//! it becomes an unscannable entry, not a crash of the session.

use std::panic::{AssertUnwindSafe, catch_unwind};

use super::pdf_images::{Picture, pictures};
use super::{Budget, Piece, picture};
use crate::analysis::mime::Location;

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
    let document = lopdf::Document::load_mem_with_options(bytes, options)
        .map_err(|_| "corrupt or truncated pdf")?;
    if document.is_encrypted() {
        return Err("password-protected or encrypted pdf");
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
    Ok((text, pictures(&document, &page_ids, min_pixels, limit)))
}
