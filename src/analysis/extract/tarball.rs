//! POSIX tar archives and gzip streams (`.tar`, `.tar.gz`/`.tgz`, `.gz`): a gzip stream is
//! inflated with flate2 and its content extracted like an attachment (a `.tar.gz` is then
//! a tar); a tar archive is walked with the `tar` crate, each file extracted like an
//! attachment. Each level counts as one archive level, except that a `.tar.gz` is one
//! archive: the tar inside a gzip stream is at the stream's level (so a `.tar.gz` holding a
//! zip of documents reads like a zip holding one).
//!
//! Bounded like ZIP: a gzip stream is never inflated past the bytes the budget has left,
//! nor past `max_expansion_ratio` times its compressed size (a gzip bomb); a tar holds at
//! most [`MAX_ENTRIES`] files, each a slice of the archive itself.

use std::io::Read;

use super::{Budget, Piece};
use crate::analysis::mime::Location;

/// Most entries read from one tar archive.
const MAX_ENTRIES: usize = super::zip::MAX_ENTRIES;

/// True when `bytes` hold a tar archive (the `ustar` magic of POSIX and GNU headers).
pub fn is_tar(bytes: &[u8]) -> bool {
    bytes.get(257..262) == Some(b"ustar")
}

/// Inflates the gzip stream at `location` and extracts what it holds.
pub fn gunzip(
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
    let limit = by_ratio.min(budget.remaining());
    let mut decoder = flate2::read::MultiGzDecoder::new(bytes);
    let name = decoder.header().and_then(|h| h.filename()).map(|n| {
        String::from_utf8_lossy(n)
            .chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect()
    });
    let mut data = Vec::new();
    let read = decoder
        .by_ref()
        .take(limit as u64 + 1)
        .read_to_end(&mut data);
    let refuse = |out: &mut Vec<Piece>, reason: &str| {
        out.push(Piece::Unscannable(location.clone(), reason.into()));
    };
    if read.is_err() {
        return refuse(out, "corrupt or truncated gzip stream");
    }
    if data.len() > limit {
        return refuse(
            out,
            if limit == by_ratio {
                "expansion ratio over the limit (gzip bomb)"
            } else {
                "archive expands beyond the size limit"
            },
        );
    }
    if !budget.reserve(data.len()) {
        return refuse(out, "archive expands beyond the size limit");
    }
    let name = name.unwrap_or_else(|| {
        let outer = location.filename.as_deref().unwrap_or("archive.gz");
        let base = outer.rsplit('/').next().unwrap_or(outer);
        match base.strip_suffix(".tgz") {
            Some(stem) => format!("{stem}.tar"),
            None => base.strip_suffix(".gz").unwrap_or(base).to_owned(),
        }
    });
    // A tar's entries go one level deeper, so gzip in tar in gzip still counts each tar.
    let level = if is_tar(&data) { depth } else { depth + 1 };
    super::content(
        &data,
        super::zip::inner(&location, &name),
        level,
        budget,
        out,
    );
}

/// Walks the tar archive at `location`, extracting each file.
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
    let mut archive = tar::Archive::new(bytes);
    let Ok(entries) = archive.entries() else {
        out.push(Piece::Unscannable(
            location,
            "corrupt or truncated archive".into(),
        ));
        return;
    };
    for (index, entry) in entries.enumerate() {
        if index >= MAX_ENTRIES {
            out.push(Piece::Unscannable(
                location,
                "archive has too many entries".into(),
            ));
            return;
        }
        if budget.expired() {
            out.push(Piece::Unscannable(
                location,
                "analysis time limit reached".into(),
            ));
            return;
        }
        let Ok(mut entry) = entry else {
            out.push(Piece::Unscannable(
                location,
                "corrupt or truncated archive".into(),
            ));
            return;
        };
        let name: String = String::from_utf8_lossy(&entry.path_bytes())
            .chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect();
        if !entry.header().entry_type().is_file() {
            continue;
        }
        // An entry is a slice of the archive: its size cannot exceed the archive's.
        let mut data = Vec::new();
        let read = (&mut entry).take(bytes.len() as u64).read_to_end(&mut data);
        let inner = super::zip::inner(&location, &name);
        if read.is_err() {
            out.push(Piece::Unscannable(
                inner,
                "corrupt or truncated archive entry".into(),
            ));
            return;
        }
        super::content(&data, inner, depth + 1, budget, out);
    }
}
