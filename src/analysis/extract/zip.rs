//! ZIP archives, walked recursively: each entry is extracted like an attachment. Office Open
//! XML (docx, xlsx, pptx) and OpenDocument (odt, ods, odp) are ZIPs too; they are recognised
//! by their manifest and read as documents.
//!
//! Zip bombs: an entry is never read past the bytes the budget has left, nor past
//! `max_expansion_ratio` times its compressed size (whatever its header claims); archives
//! nest at most `max_archive_depth` deep. Password-protected entries are unscannable.

use std::io::{Cursor, Read};

use super::{Budget, Piece, office};
use crate::analysis::mime::Location;

/// Most entries read from one archive.
pub const MAX_ENTRIES: usize = 10_000;

pub fn inner(location: &Location, name: &str) -> Location {
    let outer = location.filename.as_deref().unwrap_or("archive");
    Location {
        part: location.part.clone(),
        filename: Some(format!("{outer}/{name}")),
    }
}

/// Walks an archive found at `location`, `depth` archives deep.
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
    let mut archive = match ::zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(archive) => archive,
        Err(_) => {
            out.push(Piece::Unscannable(
                location,
                "corrupt or truncated archive".into(),
            ));
            return;
        }
    };
    if let Some(document) = office::kind(&archive) {
        office::text(&mut archive, document, location, depth, budget, out);
        return;
    }
    if archive.len() > MAX_ENTRIES {
        out.push(Piece::Unscannable(
            location.clone(),
            "archive has too many entries".into(),
        ));
    }
    for index in 0..archive.len().min(MAX_ENTRIES) {
        if budget.expired() {
            out.push(Piece::Unscannable(
                location,
                "analysis time limit reached".into(),
            ));
            return;
        }
        match read_entry(&mut archive, index, budget) {
            Entry::Directory => {}
            Entry::Data(name, data) => {
                super::content(&data, inner(&location, &name), depth + 1, budget, out)
            }
            Entry::Refused(name, reason) => {
                out.push(Piece::Unscannable(inner(&location, &name), reason.into()))
            }
        }
    }
}

/// One entry read under the budget.
pub enum Entry {
    /// A directory entry.
    Directory,
    /// The entry's name and its bytes.
    Data(String, Vec<u8>),
    /// The entry's name and why it was not read.
    Refused(String, &'static str),
}

/// Reads entry `index`, never past the budget or the expansion ratio.
pub fn read_entry<R: Read + std::io::Seek>(
    archive: &mut ::zip::ZipArchive<R>,
    index: usize,
    budget: &Budget<'_>,
) -> Entry {
    let entry_name = archive
        .name_for_index(index)
        .and_then(Result::ok)
        .map(|n| n.into_owned())
        .unwrap_or_else(|| format!("#{index}"));
    let mut file = match archive.by_index(index) {
        Ok(file) => file,
        Err(err) => {
            let name = entry_name;
            let reason = if err.to_string().to_ascii_lowercase().contains("password") {
                "password-protected archive entry"
            } else {
                "corrupt or unsupported archive entry"
            };
            return Entry::Refused(name, reason);
        }
    };
    let name: String = String::from_utf8_lossy(file.name_raw())
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    if file.is_dir() {
        return Entry::Directory;
    }
    if file.encrypted() {
        return Entry::Refused(name, "password-protected archive entry");
    }
    let by_ratio = file
        .compressed_size()
        .max(1)
        .saturating_mul(budget.limits.max_expansion_ratio as u64);
    if file.size() > by_ratio {
        return Entry::Refused(name, "expansion ratio over the limit (zip bomb)");
    }
    // The declared size is reserved before reading, and never read past: an entry that
    // lies about its size is corrupt (or a bomb), not a reason to read without bound.
    let Ok(declared) = usize::try_from(file.size()) else {
        return Entry::Refused(name, "archive expands beyond the size limit");
    };
    if !budget.reserve(declared) {
        return Entry::Refused(name, "archive expands beyond the size limit");
    }
    let mut data = Vec::with_capacity(declared);
    // One byte past the declared size tells a lying header.
    let limit = file.size().saturating_add(1);
    let read = (&mut file).take(limit).read_to_end(&mut data);
    if read.is_err() || data.len() > declared {
        budget.release(declared);
        return Entry::Refused(name, "corrupt or truncated archive entry");
    }
    budget.release(declared - data.len());
    Entry::Data(name, data)
}
