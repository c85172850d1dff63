//! 7z archives, read with `sevenz-rust2` (LZMA, LZMA2 and stored entries, one decoding
//! thread, decoder memory capped): each file is extracted like an attachment, one archive
//! level deeper. Encrypted archives and methods the crate does not decode are risks with
//! their reason.
//!
//! Bounded like ZIP, over the whole archive (7z compresses files together, so an entry has
//! no compressed size of its own): never more than `max_expansion_ratio` times the
//! archive's size (a 7z bomb) nor past the bytes the budget has left.

use std::io::{Cursor, Read};

use super::{Budget, Piece};
use crate::analysis::mime::Location;

/// The 7z signature.
pub const SIGNATURE: &[u8] = b"7z\xBC\xAF\x27\x1C";
/// Decoder dictionaries and header buffers, in KiB (64 MiB).
const MEMORY_KB: usize = 64 * 1024;

/// Walks the 7z archive at `location`, `depth` archives deep.
pub fn walk(
    bytes: &[u8],
    location: Location,
    depth: usize,
    budget: &Budget<'_>,
    out: &mut Vec<Piece>,
) {
    if super::too_deep(depth, &location, budget, out) {
        return;
    }
    let by_ratio = bytes
        .len()
        .saturating_mul(budget.limits.max_expansion_ratio);
    let mut left = by_ratio.min(budget.remaining());
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut over: Option<&'static str> = None;
    let result = sevenz_rust2::ArchiveReader::new_with_memory_limit(
        Cursor::new(bytes),
        sevenz_rust2::Password::empty(),
        MEMORY_KB,
    )
    .and_then(|mut archive| {
        archive.set_thread_count(1);
        archive.for_each_entries(|entry, reader| {
            if entry.is_directory() || files.len() >= super::zip::MAX_ENTRIES {
                return Ok(true);
            }
            let mut data = Vec::new();
            reader.take(left as u64 + 1).read_to_end(&mut data)?;
            if data.len() > left {
                over = Some(if left == by_ratio {
                    "expansion ratio over the limit (7z bomb)"
                } else {
                    "archive expands beyond the size limit"
                });
                return Ok(false);
            }
            left -= data.len();
            let name = entry
                .name()
                .chars()
                .filter(|c| !c.is_control())
                .take(200)
                .collect();
            files.push((name, data));
            Ok(true)
        })
    });
    let reason = match (&result, over) {
        (_, Some(reason)) => Some(reason),
        (Ok(()), None) => None,
        (Err(sevenz_rust2::Error::PasswordRequired), None) => Some("password-protected archive"),
        // AES is the only encryption of 7z, and this build does not decode it.
        (Err(sevenz_rust2::Error::UnsupportedCompressionMethod(method)), None)
            if method.to_ascii_lowercase().contains("aes") =>
        {
            Some("password-protected archive")
        }
        (Err(sevenz_rust2::Error::UnsupportedCompressionMethod(_)), None) => {
            Some("7z compression method not supported")
        }
        (Err(_), None) => Some("corrupt or truncated archive"),
    };
    if let Some(reason) = reason {
        out.push(Piece::Unscannable(location.clone(), reason.into()));
        return;
    }
    for (name, data) in files {
        if !budget.reserve(data.len()) {
            out.push(Piece::Unscannable(
                location,
                "archive expands beyond the size limit".into(),
            ));
            return;
        }
        super::content(
            &data,
            super::zip::inner(&location, &name),
            depth + 1,
            budget,
            out,
        );
    }
}
