//! Compound files (MS-CFB, the `D0 CF 11 E0` container), opened with the `cfb` crate and
//! told apart by their streams: Word 97-2003 ([`super::word97`]), Excel 97-2003
//! ([`super::xls`]), PowerPoint 97-2003 ([`super::ppt`]) and Outlook messages
//! ([`super::msg`]). A password-protected OOXML file is a compound file too
//! (`EncryptionInfo` and `EncryptedPackage`); it, and any compound file of another kind,
//! is refused with its reason. Pictures stored in the documents' picture streams (PNG and
//! JPEG blips) go to OCR like any image.
//!
//! `cfb` and `calamine` parse hostile input: they run under `catch_unwind`, so a bug in
//! them becomes an unscannable file, not a crash of the session. No stream is read past
//! the size of the file it comes from.

use std::io::{Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};

use super::{Budget, Piece, msg, picture, ppt, word97, xls};
use crate::analysis::mime::Location;

const PROTECTED: &str = "password-protected office document";
const BROKEN: &str = "corrupt compound document (legacy Office or Outlook)";
/// Most pictures taken from one document's picture stream.
const MAX_PICTURES: usize = 100;

/// An open compound file.
pub struct Ole<'a> {
    file: cfb::CompoundFile<Cursor<&'a [u8]>>,
    size: u64,
}

impl<'a> Ole<'a> {
    fn open(bytes: &'a [u8]) -> Result<Ole<'a>, &'static str> {
        let file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|_| BROKEN)?;
        Ok(Ole {
            file,
            size: bytes.len() as u64,
        })
    }

    /// True when `path` names a stream or a storage.
    pub fn exists(&self, path: &str) -> bool {
        self.file.exists(path)
    }

    /// The names of the entries directly in the storage at `path`, each with whether it is
    /// a stream.
    pub fn children(&self, path: &str) -> Vec<(String, bool)> {
        match self.file.read_storage(path) {
            Ok(entries) => entries
                .map(|e| (e.name().to_owned(), e.is_stream()))
                .collect(),
            Err(_) => Vec::new(),
        }
    }

    /// The bytes of the stream at `path`.
    pub fn stream(&mut self, path: &str) -> Result<Vec<u8>, &'static str> {
        let mut stream = self.file.open_stream(path).map_err(|_| BROKEN)?;
        let len = stream.len();
        if len > self.size {
            return Err(BROKEN);
        }
        let mut data = Vec::with_capacity(len as usize);
        stream
            .by_ref()
            .take(len)
            .read_to_end(&mut data)
            .map_err(|_| BROKEN)?;
        Ok(data)
    }
}

/// Reads the compound file `bytes` found at `location`, `depth` archives deep.
pub fn walk(
    bytes: &[u8],
    location: Location,
    depth: usize,
    budget: &Budget<'_>,
    out: &mut Vec<Piece>,
) {
    let mut found = Vec::new();
    let result = catch_unwind(AssertUnwindSafe(|| {
        read(bytes, location.clone(), depth, budget, &mut found)
    }));
    match result {
        Ok(Ok(())) => out.append(&mut found),
        Ok(Err(reason)) => {
            out.append(&mut found);
            out.push(Piece::Unscannable(location, reason.into()));
        }
        Err(_) => out.push(Piece::Unscannable(
            location,
            "corrupt compound document (parser failure)".into(),
        )),
    }
}

fn read(
    bytes: &[u8],
    location: Location,
    depth: usize,
    budget: &Budget<'_>,
    out: &mut Vec<Piece>,
) -> Result<(), &'static str> {
    let mut ole = Ole::open(bytes)?;
    let limit = budget.remaining();
    let (text, pictures) = if ole.exists("/EncryptionInfo") || ole.exists("/EncryptedPackage") {
        return Err(PROTECTED);
    } else if ole.exists("/WordDocument") {
        let word = ole.stream("/WordDocument")?;
        let table = ole.stream(word97::table_stream(&word)?)?;
        (word97::text(&word, &table, limit)?, "/Data")
    } else if ole.exists("/Workbook") {
        let workbook = ole.stream("/Workbook")?;
        (xls::text(bytes, &workbook, limit)?, "/Workbook")
    } else if ole.exists("/PowerPoint Document") {
        if ole.exists("/EncryptedSummary") {
            return Err(PROTECTED);
        }
        let stream = ole.stream("/PowerPoint Document")?;
        (ppt::text(&stream, limit)?, "/Pictures")
    } else if msg::is_message(&ole) {
        return msg::walk(&mut ole, "/", location, depth, budget, out);
    } else if ole.exists("/Book") {
        return Err("Excel 95 or older workbook: not readable");
    } else {
        return Err(
            "compound document of an unknown kind (not Word, Excel, PowerPoint or Outlook)",
        );
    };
    if !budget.reserve(text.len()) {
        return Err("decoded text over the size limit");
    }
    out.push(Piece::Text(location.clone(), text));
    if ole.exists(pictures) {
        let stream = ole.stream(pictures)?;
        for found in blips(&stream) {
            picture::extract(found, location.clone(), budget, out);
        }
    }
    Ok(())
}

/// The PNG and JPEG files inside a picture stream, each up to the next one.
fn blips(stream: &[u8]) -> Vec<&[u8]> {
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
    const JPEG: &[u8] = b"\xFF\xD8\xFF";
    let mut starts: Vec<usize> = memchr::memmem::find_iter(stream, PNG)
        .chain(memchr::memmem::find_iter(stream, JPEG))
        .collect();
    starts.sort_unstable();
    starts.truncate(MAX_PICTURES);
    starts
        .iter()
        .enumerate()
        .map(|(i, &at)| &stream[at..starts.get(i + 1).copied().unwrap_or(stream.len())])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_are_cut_at_the_next_one() {
        let stream = b"hdr\x89PNG\r\n\x1a\nAAAA\xFF\xD8\xFFBB";
        let found = blips(stream);
        assert_eq!(found.len(), 2);
        assert!(found[0].ends_with(b"AAAA"));
        assert_eq!(found[1], b"\xFF\xD8\xFFBB");
    }
}
