//! Bytes to text when the label cannot be trusted (issue 10, class 4).
//!
//! A part labelled `utf-16` that holds UTF-8, UTF-16 labelled `us-ascii` or not labelled
//! at all (Excel's "Unicode text" export), an unknown label: a mail program still shows
//! most of these, so the text it shows must be scanned. [`implausible`] tells when a
//! decoding cannot be what a reader sees (replacement characters, NULs, or a UTF-16/32
//! label over bytes without the NULs those encodings put in Latin text); [`alternatives`]
//! gives every other plausible decoding of the same bytes. Decoding is never a way to make
//! text invisible. Pure; uses mail-parser's charset tables and the standard library's
//! UTF-16 decoder.

use mail_parser::decoders::charsets::map::charset_decoder;

/// How many leading bytes the statistics look at.
const SAMPLE: usize = 8192;

/// `bytes` decoded as `label` (a MIME charset name), as mail-parser does; UTF-8 (lossy)
/// for UTF-8, unknown or missing labels.
#[cfg(test)]
fn decode(bytes: &[u8], label: Option<&str>) -> String {
    match label.and_then(|l| charset_decoder(l.trim().as_bytes())) {
        Some(decoder) => decoder(bytes),
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// True when `label` names a UTF-16 or UTF-32 encoding.
fn wide_label(label: &str) -> bool {
    let l = label.trim().to_ascii_lowercase();
    l.starts_with("utf-16")
        || l.starts_with("utf16")
        || l.starts_with("utf-32")
        || l.starts_with("utf32")
        || l.starts_with("ucs-2")
        || l.starts_with("ucs2")
        || l.starts_with("ucs-4")
        || l == "unicode"
        || l == "iso-10646-ucs-2"
}

/// A cheap first look: true when `text` (decoded under `label`) may not be what a reader
/// sees, so that [`implausible`] should look at the bytes.
pub fn suspect(text: &str, label: Option<&str>) -> bool {
    label.is_some_and(wide_label) || garbled(text)
}

/// True when `text`, decoded from `bytes` under `label`, cannot be what a reader sees.
pub fn implausible(text: &str, bytes: &[u8], label: Option<&str>) -> bool {
    if label.is_some_and(wide_label) {
        // A UTF-16 label is believable only over UTF-16 bytes, read in their own order.
        return wide_text(bytes).is_none_or(|own| own != text);
    }
    garbled(text)
}

/// One replacement character or NUL in a hundred characters: a wrong label, not a stray byte.
fn garbled(text: &str) -> bool {
    let mut odd = 0usize;
    let mut total = 0usize;
    for c in text.chars().take(SAMPLE) {
        total += 1;
        if c == '\u{FFFD}' || c == '\0' {
            odd += 1;
        }
    }
    odd > 0 && odd * 100 >= total.max(1)
}

/// Which UTF-32 or UTF-16 byte order `bytes` are in, from a byte-order mark or from the
/// NULs these encodings put beside every Latin letter; `None` when they look like neither.
fn wide(bytes: &[u8]) -> Option<Order> {
    if bytes.starts_with(b"\xFF\xFE\0\0") {
        return Some(Order::Little32);
    }
    if bytes.starts_with(b"\0\0\xFE\xFF") {
        return Some(Order::Big32);
    }
    if let Some(order) = wide32(bytes) {
        return Some(order);
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return Some(Order::Little);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Some(Order::Big);
    }
    let head = &bytes[..bytes.len().min(SAMPLE) & !1];
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    // Latin text in UTF-16: at least a third of the code units have a NUL high byte, and
    // the other half of each unit almost never is NUL.
    if odd * 3 >= pairs && even * 10 < pairs {
        Some(Order::Little)
    } else if even * 3 >= pairs && odd * 10 < pairs {
        Some(Order::Big)
    } else {
        None
    }
}

/// UTF-32 by content: in nearly every 4-byte unit the two high bytes are NUL and the
/// letter's byte is not (Latin and French text lie below U+10000 and mostly below U+0100).
fn wide32(bytes: &[u8]) -> Option<Order> {
    let head = &bytes[..bytes.len().min(SAMPLE) & !3];
    let units = head.len() / 4;
    if units < 2 {
        return None;
    }
    let count = |test: fn(&[u8]) -> bool| head.chunks_exact(4).filter(|u| test(u)).count();
    let little = count(|u| u[2] == 0 && u[3] == 0 && u[0] != 0);
    let big = count(|u| u[0] == 0 && u[1] == 0 && u[3] != 0);
    if little * 10 >= units * 9 {
        Some(Order::Little32)
    } else if big * 10 >= units * 9 {
        Some(Order::Big32)
    } else {
        None
    }
}

#[derive(Clone, Copy)]
enum Order {
    Little,
    Big,
    Little32,
    Big32,
}

fn decode_wide(bytes: &[u8], order: Order) -> String {
    let scalar = |unit: [u8; 4], big: bool| {
        let value = if big {
            u32::from_be_bytes(unit)
        } else {
            u32::from_le_bytes(unit)
        };
        char::from_u32(value).unwrap_or('\u{FFFD}')
    };
    match order {
        Order::Little32 | Order::Big32 => {
            return bytes
                .chunks_exact(4)
                .map(|u| scalar([u[0], u[1], u[2], u[3]], matches!(order, Order::Big32)))
                .filter(|&c| c != '\u{FEFF}')
                .collect();
        }
        Order::Little | Order::Big => {}
    }
    let units = bytes.chunks_exact(2).map(|pair| match order {
        Order::Little => u16::from_le_bytes([pair[0], pair[1]]),
        _ => u16::from_be_bytes([pair[0], pair[1]]),
    });
    char::decode_utf16(units)
        .map(|c| c.unwrap_or('\u{FFFD}'))
        .filter(|&c| c != '\u{FEFF}')
        .collect()
}

/// `bytes` in Windows-1252 (mail-parser's decoder; Latin-1 if it were missing): the 8-bit
/// code page of French Windows documents (RTF, Word and PowerPoint 97).
pub fn windows_1252(bytes: &[u8]) -> String {
    match mail_parser::decoders::charsets::map::charset_decoder(b"windows-1252") {
        Some(decoder) => decoder(bytes),
        None => bytes.iter().map(|&b| b as char).collect(),
    }
}

/// True when `bytes` look like UTF-16 or UTF-32 text (a byte-order mark, or NUL-interleaved
/// Latin).
pub fn looks_wide(bytes: &[u8]) -> bool {
    wide(bytes).is_some()
}

/// `bytes` as UTF-16 or UTF-32 text, when they look like it.
pub fn wide_text(bytes: &[u8]) -> Option<String> {
    wide(bytes).map(|order| decode_wide(bytes, order))
}

/// The other plausible decodings of `bytes`, besides `shown` (the declared one): UTF-16
/// when the bytes look like it, UTF-8 when they are valid UTF-8, Windows-1252 otherwise.
pub fn alternatives(bytes: &[u8], shown: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |text: String| {
        if text != shown && !out.contains(&text) && !text.trim().is_empty() {
            out.push(text);
        }
    };
    if let Some(text) = wide_text(bytes) {
        push(text);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => push(text.replace('\0', "")),
        Err(_) => {
            if let Some(decoder) = charset_decoder(b"windows-1252") {
                push(decoder(bytes).replace('\0', ""));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    #[test]
    fn utf8_labelled_utf16_is_implausible_and_read_as_utf8() {
        let bytes = "NAM TREG 5401 0114, diabète".as_bytes();
        let shown = decode(bytes, Some("utf-16le"));
        assert!(implausible(&shown, bytes, Some("utf-16le")));
        assert!(
            alternatives(bytes, &shown)
                .iter()
                .any(|t| t.contains("TREG 5401 0114"))
        );
    }

    #[test]
    fn utf32_with_or_without_bom_is_found_in_both_orders() {
        let text = "NAM TREG 5401 0114, diabète";
        for big in [false, true] {
            let units: Vec<u8> = text
                .chars()
                .flat_map(|c| {
                    if big {
                        (c as u32).to_be_bytes()
                    } else {
                        (c as u32).to_le_bytes()
                    }
                })
                .collect();
            assert_eq!(wide_text(&units).as_deref(), Some(text));
            let bom: &[u8] = if big {
                b"\0\0\xFE\xFF"
            } else {
                b"\xFF\xFE\0\0"
            };
            let with_bom = [bom, &units].concat();
            assert_eq!(wide_text(&with_bom).as_deref(), Some(text));
        }
    }

    #[test]
    fn utf16_without_bom_labelled_ascii_is_found() {
        let bytes = le("Patiente Gagnon, NAM TREG 5401 0114, née le 14/01/1954");
        let shown = decode(&bytes, Some("us-ascii"));
        assert!(implausible(&shown, &bytes, Some("us-ascii")));
        let alts = alternatives(&bytes, &shown);
        assert!(
            alts.iter().any(|t| t.contains("née le 14/01/1954")),
            "{alts:?}"
        );
    }

    #[test]
    fn big_endian_with_bom_and_genuine_utf16_label() {
        let mut bytes = b"\xFE\xFF".to_vec();
        bytes.extend("dossier 123".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(wide_text(&bytes).as_deref(), Some("dossier 123"));
        let shown = decode(&bytes, Some("utf-16"));
        assert!(!implausible(&shown, &bytes, Some("utf-16")));
    }

    #[test]
    fn ordinary_text_is_plausible() {
        let bytes = "Réunion jeudi.".as_bytes();
        let shown = decode(bytes, Some("utf-8"));
        assert!(!implausible(&shown, bytes, Some("utf-8")));
        assert!(!looks_wide(bytes));
        let latin1 = b"R\xe9union";
        let shown = decode(latin1, None);
        assert!(implausible(&shown, latin1, None));
        assert_eq!(alternatives(latin1, &shown), vec!["Réunion".to_owned()]);
    }
}
