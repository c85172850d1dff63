//! MAPI properties, the vocabulary TNEF (`winmail.dat`) and Outlook `.msg` files share:
//! which properties a reader is shown (subject, bodies, names of people and files, the
//! transport headers), how their strings are encoded, and the compressed RTF body
//! (MS-OXRTFCP, read with `compressed-rtf` and [`super::rtf`]).

use super::rtf;

/// Largest decompressed RTF body.
const MAX_RTF: u32 = 64 * 1024 * 1024;

const PR_SUBJECT: u16 = 0x0037;
const PR_SENT_REPRESENTING_NAME: u16 = 0x0042;
const PR_CONVERSATION_TOPIC: u16 = 0x0070;
const PR_TRANSPORT_MESSAGE_HEADERS: u16 = 0x007D;
const PR_SENDER_NAME: u16 = 0x0C1A;
const PR_DISPLAY_BCC: u16 = 0x0E02;
const PR_DISPLAY_CC: u16 = 0x0E03;
const PR_DISPLAY_TO: u16 = 0x0E04;
const PR_BODY: u16 = 0x1000;
const PR_RTF_COMPRESSED: u16 = 0x1009;
const PR_BODY_HTML: u16 = 0x1013;
const PR_DISPLAY_NAME: u16 = 0x3001;
const PR_EMAIL_ADDRESS: u16 = 0x3003;
/// An attachment's bytes (binary), or an embedded message (object).
pub const PR_ATTACH_DATA: u16 = 0x3701;
const PR_ATTACH_FILENAME: u16 = 0x3704;
const PR_ATTACH_LONG_FILENAME: u16 = 0x3707;

/// Property types.
pub const PT_STRING8: u16 = 0x001E;
pub const PT_UNICODE: u16 = 0x001F;
pub const PT_BINARY: u16 = 0x0102;

/// What a reader sees of one property value, as text; `None` for a property never shown.
pub fn visible(id: u16, kind: u16, value: &[u8]) -> Result<Option<String>, &'static str> {
    let string = |value: &[u8]| match kind {
        PT_UNICODE => utf16(value),
        _ => eight_bit(value),
    };
    Ok(match id {
        PR_SUBJECT
        | PR_SENT_REPRESENTING_NAME
        | PR_CONVERSATION_TOPIC
        | PR_TRANSPORT_MESSAGE_HEADERS
        | PR_SENDER_NAME
        | PR_DISPLAY_BCC
        | PR_DISPLAY_CC
        | PR_DISPLAY_TO
        | PR_BODY
        | PR_DISPLAY_NAME
        | PR_EMAIL_ADDRESS
        | PR_ATTACH_FILENAME
        | PR_ATTACH_LONG_FILENAME
            if kind != PT_BINARY =>
        {
            Some(string(value))
        }
        PR_BODY_HTML => Some(super::super::text::html_to_text(&string(value))),
        PR_RTF_COMPRESSED if kind == PT_BINARY => Some(rtf_body(value)?),
        _ => None,
    })
}

/// True for the property that names an attachment's file.
pub fn is_file_name(id: u16) -> bool {
    matches!(id, PR_ATTACH_FILENAME | PR_ATTACH_LONG_FILENAME)
}

/// The text of a compressed RTF body; its header is checked first (the decompressor trusts
/// the sizes it reads).
fn rtf_body(value: &[u8]) -> Result<String, &'static str> {
    const BROKEN: &str = "compressed RTF body corrupt";
    let header = |at: usize| super::le::u32_at(value, at);
    let (Some(compressed), Some(raw)) = (header(0), header(4)) else {
        return Err(BROKEN);
    };
    if compressed as usize + 4 != value.len() || raw > MAX_RTF || value.len() < 16 {
        return Err(BROKEN);
    }
    if header(8) == Some(0x414C_454D) && raw as usize + 16 > value.len() {
        return Err(BROKEN);
    }
    let decompressed = compressed_rtf::decompress_rtf(value).map_err(|_| BROKEN)?;
    let bytes: Vec<u8> = decompressed
        .chars()
        .map(|c| u8::try_from(c).unwrap_or(b'?'))
        .collect();
    Ok(rtf::text(&bytes))
}

/// 8-bit text: UTF-8, or else Windows-1252 (the code page of French Outlook), NULs dropped.
pub fn eight_bit(bytes: &[u8]) -> String {
    crate::analysis::rfc2047::bytes_text(bytes)
        .trim_end_matches('\0')
        .to_owned()
}

/// UTF-16LE text, NULs dropped.
pub fn utf16(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|p| u16::from_le_bytes([p[0], p[1]]))
        .collect();
    String::from_utf16_lossy(&units)
        .trim_end_matches('\0')
        .to_owned()
}
