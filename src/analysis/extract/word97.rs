//! Word 97-2003 documents (.doc, MS-DOC): the text of the piece table. The File
//! Information Block at the head of the `WordDocument` stream says which table stream
//! holds the piece table (`0Table` or `1Table`) and where; each piece is a run of text in
//! the `WordDocument` stream, 8-bit (Windows-1252) or UTF-16. The pieces cover the main
//! text, footnotes, headers and footers, comments, endnotes and text boxes, in that
//! order, so every part a reader sees is read. Encrypted documents, Word 95 and older, and
//! a piece table that does not hold together are refused with their reason.

use super::le::{Cursor, u16_at, u32_at};

const PROTECTED: &str = "password-protected office document";
const BROKEN: &str = "Word document structure not readable";
const MAGIC: u16 = 0xA5EC;
/// The `nFib` of Word 97; earlier versions have no piece table of this form.
const WORD_97: u16 = 0x00C1;
const ENCRYPTED: u16 = 0x0100;
const TABLE_1: u16 = 0x0200;
/// Where the FIB gives the piece table's offset and size (FibRgFcLcb97.fcClx).
const FC_CLX: usize = 0x01A2;
/// Most pieces read.
const MAX_PIECES: usize = 100_000;

/// The table stream `word` names (`0Table` or `1Table`), after checking it can be read.
pub fn table_stream(word: &[u8]) -> Result<&'static str, &'static str> {
    if u16_at(word, 0) != Some(MAGIC) {
        return Err(BROKEN);
    }
    if u16_at(word, 2).is_some_and(|nfib| nfib < WORD_97) {
        return Err("Word 95 or older document: not readable");
    }
    let flags = u16_at(word, 0x0A).ok_or(BROKEN)?;
    if flags & ENCRYPTED != 0 {
        return Err(PROTECTED);
    }
    Ok(if flags & TABLE_1 != 0 {
        "1Table"
    } else {
        "0Table"
    })
}

/// The text of the document, at most `limit` bytes.
pub fn text(word: &[u8], table: &[u8], limit: usize) -> Result<String, &'static str> {
    let fc = u32_at(word, FC_CLX).ok_or(BROKEN)? as usize;
    let lcb = u32_at(word, FC_CLX + 4).ok_or(BROKEN)? as usize;
    let clx = table
        .get(fc..fc.checked_add(lcb).ok_or(BROKEN)?)
        .ok_or(BROKEN)?;
    let mut text = String::new();
    for (chars, fc) in pieces(clx)? {
        let compressed = fc & 0x4000_0000 != 0;
        let (start, bytes) = if compressed {
            (((fc & !0x4000_0000) / 2) as usize, chars)
        } else {
            (fc as usize, chars.checked_mul(2).ok_or(BROKEN)?)
        };
        let run = word
            .get(start..start.checked_add(bytes).ok_or(BROKEN)?)
            .ok_or(BROKEN)?;
        let decoded = if compressed {
            crate::analysis::charset::windows_1252(run)
        } else {
            super::mapi::utf16(run)
        };
        text.extend(decoded.chars().map(visible));
        if text.len() > limit {
            return Err("decoded text over the size limit");
        }
    }
    Ok(text)
}

/// The pieces of a Clx: each one's length in characters and its file position.
fn pieces(clx: &[u8]) -> Result<Vec<(usize, u32)>, &'static str> {
    let mut cursor = Cursor(clx);
    // Property modifiers (Prc) come first; the piece table (Pcdt) follows.
    loop {
        match cursor.u8().ok_or(BROKEN)? {
            0x01 => {
                let size = cursor.u16().ok_or(BROKEN)? as usize;
                cursor.take(size).ok_or(BROKEN)?;
            }
            0x02 => break,
            _ => return Err(BROKEN),
        }
    }
    let size = cursor.u32().ok_or(BROKEN)? as usize;
    let plc = cursor.take(size).ok_or(BROKEN)?;
    if plc.len() < 4 || (plc.len() - 4) % 12 != 0 {
        return Err(BROKEN);
    }
    let count = (plc.len() - 4) / 12;
    if count > MAX_PIECES {
        return Err(BROKEN);
    }
    let cp = |i: usize| u32_at(plc, i * 4).ok_or(BROKEN);
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let (start, end) = (cp(i)?, cp(i + 1)?);
        let chars = end.checked_sub(start).ok_or(BROKEN)? as usize;
        let fc = u32_at(plc, (count + 1) * 4 + i * 8 + 2).ok_or(BROKEN)?;
        out.push((chars, fc));
    }
    Ok(out)
}

/// Word's marks as a reader sees them: paragraph and line ends as newlines, table cell
/// ends as tabs, other control characters (field marks, pictures' anchors) as spaces.
fn visible(c: char) -> char {
    match c {
        '\r' | '\u{0B}' | '\u{0C}' => '\n',
        '\u{07}' => '\t',
        c if c < ' ' && c != '\t' && c != '\n' => ' ',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A WordDocument stream with a FIB and `text` at 0x800, and its table stream.
    pub fn document(text: &str, compressed: bool) -> (Vec<u8>, Vec<u8>) {
        let mut word = vec![0u8; 0x800];
        word[0..2].copy_from_slice(&MAGIC.to_le_bytes());
        word[2..4].copy_from_slice(&WORD_97.to_le_bytes());
        word[0x0A..0x0C].copy_from_slice(&TABLE_1.to_le_bytes());
        let fc = if compressed {
            word.extend(text.chars().map(|c| c as u8));
            0x4000_0000 | (0x800 * 2)
        } else {
            word.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            0x800
        };
        let chars = text.chars().count() as u32;
        let mut table = vec![0u8; 16];
        let clx_at = table.len() as u32;
        table.extend([0x01, 2, 0, 0xAA, 0xBB, 0x02]);
        table.extend(16u32.to_le_bytes());
        table.extend(0u32.to_le_bytes());
        table.extend(chars.to_le_bytes());
        table.extend([0, 0]);
        table.extend((fc as u32).to_le_bytes());
        table.extend([0, 0]);
        let lcb = table.len() as u32 - clx_at;
        word[FC_CLX..FC_CLX + 4].copy_from_slice(&clx_at.to_le_bytes());
        word[FC_CLX + 4..FC_CLX + 8].copy_from_slice(&lcb.to_le_bytes());
        (word, table)
    }

    #[test]
    fn pieces_are_read_in_both_encodings_with_marks_as_a_reader_sees_them() {
        for compressed in [true, false] {
            let (word, table) = document("Patient : Gaston\rNAM\u{07}TREG 5401 0114\r", compressed);
            assert_eq!(table_stream(&word), Ok("1Table"));
            let text = text(&word, &table, 1 << 20).unwrap();
            assert_eq!(text, "Patient : Gaston\nNAM\tTREG 5401 0114\n");
        }
    }

    #[test]
    fn encrypted_old_and_broken_documents_are_refused_with_their_reason() {
        let (mut word, table) = document("secret", true);
        word[0x0B] |= 0x01;
        assert_eq!(table_stream(&word), Err(PROTECTED));
        let (mut old, _) = document("x", true);
        old[2..4].copy_from_slice(&0x0065u16.to_le_bytes());
        assert!(table_stream(&old).unwrap_err().contains("Word 95"));
        let (word, _) = document("Patient", true);
        assert_eq!(text(&word, &table[..20], 1 << 20), Err(BROKEN));
        assert_eq!(text(&word[..0x400], &[0u8; 3], 1 << 20), Err(BROKEN));
    }

    #[test]
    fn a_piece_past_the_stream_or_over_the_limit_is_refused() {
        let (word, table) = document(&"x".repeat(1000), true);
        assert!(text(&word[..0x900], &table, 1 << 20).is_err());
        assert!(text(&word, &table, 100).is_err());
    }
}
