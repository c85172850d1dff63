//! Turning an attachment's bytes into text to scan, recognised by content (never by name or
//! declared type): plain text and CSV, RTF, ZIP, tar, gzip and 7z archives (recursively), Exchange's TNEF, Office
//! Open XML and OpenDocument, legacy Office and Outlook .msg (compound files), PDF, DICOM. Anything that cannot be read becomes an "unscannable" piece
//! with its reason: password protection, corruption, a limit reached. Images are handed on
//! to OCR ([`picture`]), which runs outside the pure analysis.
//!
//! Every extractor shares one [`Budget`]: expanded bytes per message, expansion ratio per
//! archive entry, archive nesting depth, and the deadline.

mod dicom;
mod le;
mod mapi;
mod msg;
mod office;
mod ole;
mod pdf;
mod pdf_images;
mod pdf_labels;
pub mod picture;
mod ppt;
mod rtf;
mod sevenz;
mod tarball;
mod tnef;
mod word97;
mod xls;
mod xlsx_cells;
mod zip;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

pub use rtf::{is_rtf, text as rtf_text};

use super::encryption::{self, Parsed, Scheme};
use super::mime::{Limits, Location};

/// What an extractor produces.
pub enum Piece {
    /// Text to scan.
    Text(Location, String),
    /// Something that could not be read, and why.
    Unscannable(Location, String),
    /// A structured clinical record recognised without text (DICOM), with the evidence's shape.
    Record(Location, &'static str),
    /// An OpenPGP or S/MIME structure.
    Crypto(Location, Scheme, Parsed),
    /// Something not read that carries no risk of its own (a logo, a detached signature).
    Skipped(Location, String),
    /// An image to be read by OCR.
    Image(picture::Image),
}

/// The limits and the running totals of one message's extraction. Shared by the workers
/// that extract attachments in parallel: the expanded-bytes total is reserved atomically.
pub struct Budget<'l> {
    /// The configured limits.
    pub limits: &'l Limits,
    /// Bytes expanded so far (decompressed entries and decoded text).
    expanded: AtomicUsize,
    /// When the walk gives up (from `limits.time_limit`).
    pub deadline: Option<Instant>,
}

impl<'l> Budget<'l> {
    /// A fresh budget under `limits`, giving up at `deadline`.
    pub fn new(limits: &'l Limits, deadline: Option<Instant>) -> Budget<'l> {
        Budget {
            limits,
            expanded: AtomicUsize::new(0),
            deadline,
        }
    }

    /// Bytes that may still be expanded.
    pub fn remaining(&self) -> usize {
        self.limits
            .max_expanded_bytes
            .saturating_sub(self.expanded.load(Ordering::Relaxed))
    }

    /// Takes `bytes` from the budget, or returns false (taking nothing) when they do not fit.
    pub fn reserve(&self, bytes: usize) -> bool {
        self.expanded
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |used| {
                used.checked_add(bytes)
                    .filter(|&total| total <= self.limits.max_expanded_bytes)
            })
            .is_ok()
    }

    /// Gives back `bytes` taken with [`Budget::reserve`].
    pub fn release(&self, bytes: usize) {
        let _ = self
            .expanded
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |used| {
                Some(used.saturating_sub(bytes))
            });
    }

    /// True past the deadline.
    pub fn expired(&self) -> bool {
        self.deadline.is_some_and(|d| Instant::now() > d)
    }
}

/// Extracts `bytes` found at `location`; `depth` counts the archives it is nested in.
pub fn content(
    bytes: &[u8],
    location: Location,
    depth: usize,
    budget: &Budget<'_>,
    out: &mut Vec<Piece>,
) {
    if budget.expired() {
        out.push(Piece::Unscannable(
            location,
            "analysis time limit reached".into(),
        ));
        return;
    }
    let unscannable = |out: &mut Vec<Piece>, location, reason: &str| {
        out.push(Piece::Unscannable(location, reason.to_owned()));
    };
    if let Some((scheme, parsed)) = encryption::recognise(bytes, location.filename.as_deref()) {
        out.push(Piece::Crypto(location, scheme, parsed));
        return;
    }
    let kind = sniff(bytes);
    match kind {
        Kind::Text | Kind::Wide => {
            let text = match kind {
                Kind::Wide => super::charset::wide_text(bytes).unwrap_or_default(),
                _ => decode_text(bytes),
            };
            if budget.reserve(text.len()) {
                out.push(Piece::Text(location, text));
            } else {
                unscannable(out, location, "decoded text over the size limit");
            }
        }
        Kind::Rtf => {
            let text = rtf::text(bytes);
            if budget.reserve(text.len()) {
                out.push(Piece::Text(location, text));
            } else {
                unscannable(out, location, "decoded text over the size limit");
            }
        }
        Kind::Tnef => tnef::walk(bytes, location, depth, budget, out),
        Kind::Zip => zip::walk(bytes, location, depth, budget, out),
        Kind::Pdf => pdf::text(bytes, location, budget, out),
        Kind::Dicom => dicom::extract(bytes, location, out),
        Kind::Image => picture::extract(bytes, location, budget, out),
        Kind::Ole => ole::walk(bytes, location, depth, budget, out),
        Kind::Gzip => tarball::gunzip(bytes, location, depth, budget, out),
        Kind::Tar => tarball::walk(bytes, location, depth, budget, out),
        Kind::SevenZip => sevenz::walk(bytes, location, depth, budget, out),
        Kind::Compressed => unscannable(
            out,
            location,
            "compressed archive format not supported (rar)",
        ),
        Kind::Unknown => out.push(Piece::Skipped(
            location,
            "unrecognised binary content".into(),
        )),
    }
}

/// True (with an unscannable piece) when a container `depth` levels deep is one too many.
fn too_deep(depth: usize, location: &Location, budget: &Budget<'_>, out: &mut Vec<Piece>) -> bool {
    let deep = depth >= budget.limits.max_archive_depth;
    if deep {
        out.push(Piece::Unscannable(
            location.clone(),
            "archives nested deeper than the limit".into(),
        ));
    }
    deep
}

/// Text bytes as a string: UTF-8, or else Windows-1252/Latin-1 (what Quebec systems export).
pub fn decode_text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    }
}

enum Kind {
    Text,
    /// Rich Text Format: text once its escapes are decoded.
    Rtf,
    /// Exchange's TNEF (winmail.dat).
    Tnef,
    /// UTF-16 or UTF-32 text (Excel's "Unicode text" export), with or without a byte-order mark.
    Wide,
    Zip,
    Pdf,
    Dicom,
    Image,
    Ole,
    /// A gzip stream (`.gz`, `.tar.gz`, `.tgz`).
    Gzip,
    /// A POSIX tar archive.
    Tar,
    /// A 7z archive.
    SevenZip,
    /// RAR archives, not read.
    Compressed,
    Unknown,
}

fn sniff(bytes: &[u8]) -> Kind {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(b"%PDF-") {
        return Kind::Pdf;
    }
    if starts(&tnef::SIGNATURE) {
        return Kind::Tnef;
    }
    if rtf::is_rtf(bytes) {
        return Kind::Rtf;
    }
    if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") {
        return Kind::Zip;
    }
    if starts(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Kind::Ole;
    }
    if bytes.get(128..132) == Some(b"DICM") || dicom::looks_headerless(bytes) {
        return Kind::Dicom;
    }
    if starts(b"\x89PNG")
        || starts(b"\xFF\xD8\xFF")
        || starts(b"GIF8")
        || starts(b"II*\0")
        || starts(b"MM\0*")
        || starts(b"BM")
        || (starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP"))
    {
        return Kind::Image;
    }
    if starts(b"\x1F\x8B") {
        return Kind::Gzip;
    }
    if tarball::is_tar(bytes) {
        return Kind::Tar;
    }
    // The first four bytes of the signature: a truncated 7z is a corrupt 7z, not unknown.
    if starts(&sevenz::SIGNATURE[..4]) {
        return Kind::SevenZip;
    }
    if starts(b"Rar!") {
        return Kind::Compressed;
    }
    if super::charset::looks_wide(bytes) {
        return Kind::Wide;
    }
    let head = &bytes[..bytes.len().min(8192)];
    // HL7 over MLLP is framed by 0x0B ... 0x1C: still text.
    let printable = head
        .iter()
        .filter(|&&b| b >= 0x20 || matches!(b, b'\n' | b'\r' | b'\t' | 0x0B | 0x0C | 0x1C))
        .count();
    if !head.contains(&0) && printable * 100 >= head.len() * 95 {
        Kind::Text
    } else {
        Kind::Unknown
    }
}

#[cfg(test)]
mod tests;
