//! PowerPoint 97-2003 presentations (.ppt, MS-PPT): the text atoms of the
//! `PowerPoint Document` stream, walked record by record (containers are entered, atoms
//! skipped over): slide text, notes, comments and names, in UTF-16 (TextCharsAtom,
//! CString) or in 8-bit (TextBytesAtom). An encrypted presentation is refused.

use super::le::Cursor;

const TEXT_CHARS: u16 = 0x0FA0;
const TEXT_BYTES: u16 = 0x0FA8;
const CSTRING: u16 = 0x0FBA;
const CRYPT_SESSION: u16 = 0x2F14;
/// Most records walked.
const MAX_RECORDS: usize = 1_000_000;

/// The text of a `PowerPoint Document` stream, at most `limit` bytes.
pub fn text(stream: &[u8], limit: usize) -> Result<String, &'static str> {
    let mut cursor = Cursor(stream);
    let mut text = String::new();
    let mut records = 0;
    while cursor.0.len() >= 8 {
        records += 1;
        if records > MAX_RECORDS {
            return Err("PowerPoint document with too many records");
        }
        let version = cursor.u16().unwrap_or(0) & 0x000F;
        let kind = cursor.u16().unwrap_or(0);
        let size = cursor.u32().unwrap_or(0) as usize;
        if kind == CRYPT_SESSION {
            return Err("password-protected office document");
        }
        if version == 0x000F {
            // A container: its children follow.
            continue;
        }
        // A truncated last record is read as far as it goes.
        let body = cursor.take(size.min(cursor.0.len())).unwrap_or_default();
        let atom = match kind {
            TEXT_CHARS | CSTRING => super::mapi::utf16(body),
            TEXT_BYTES => crate::analysis::charset::windows_1252(body),
            _ => continue,
        };
        text.extend(
            atom.chars()
                .map(|c| if c == '\r' || c == '\u{0B}' { '\n' } else { c }),
        );
        text.push('\n');
        if text.len() > limit {
            return Err("decoded text over the size limit");
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(version: u16, kind: u16, body: &[u8]) -> Vec<u8> {
        let mut out = version.to_le_bytes().to_vec();
        out.extend(kind.to_le_bytes());
        out.extend((body.len() as u32).to_le_bytes());
        out.extend(body);
        out
    }

    #[test]
    fn text_atoms_inside_containers_are_read_in_both_encodings() {
        let chars: Vec<u8> = "NAM TREG 5401 0114"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let mut slide = record(0, TEXT_BYTES, b"Patient : Gaston Tremblay, diab\xe8te");
        slide.extend(record(0, TEXT_CHARS, &chars));
        slide.extend(record(0, 0x03F3, &[0; 8]));
        let stream = record(0x000F, 0x03E8, &slide);
        let text = text(&stream, 1 << 20).unwrap();
        assert_eq!(
            text,
            "Patient : Gaston Tremblay, diabète\nNAM TREG 5401 0114\n"
        );
    }

    #[test]
    fn encrypted_huge_and_truncated_streams_are_bounded() {
        let crypt = record(0x000F, CRYPT_SESSION, &[]);
        assert_eq!(
            text(&crypt, 1 << 20),
            Err("password-protected office document")
        );
        let big = record(0, TEXT_BYTES, &[b'x'; 5000]);
        assert!(text(&big, 100).is_err());
        let mut lying = record(0, TEXT_BYTES, b"abc");
        lying[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(text(&lying, 1 << 20).unwrap(), "abc\n");
        // Empty containers cannot loop: each header consumes eight bytes.
        let headers = record(0x000F, 0x03E8, &[]).repeat(1000);
        assert_eq!(text(&headers, 1 << 20).unwrap(), "");
    }
}
