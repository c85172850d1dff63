//! Header field values as a mail program shows them: unfolded, RFC 2047 encoded words
//! decoded leniently (issue 10, class 3).
//!
//! Mail programs show what a broken encoded word means rather than drop it, so a guard
//! must read it the same way: an invalid `=XX` escape stays as typed, a word without its
//! closing `?=` runs to the end of its token, a word cut by a fold is joined again, an
//! unknown charset reads as UTF-8 or else Windows-1252, base64 with bad padding is decoded
//! as far as it goes. Raw 8-bit header bytes are UTF-8 or else Windows-1252. Never fails.

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use mail_parser::decoders::charsets::map::charset_decoder;

/// Base64 that accepts missing or extra padding and stray trailing bits.
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// The unfolded, decoded text of a raw header field value.
pub fn decode(raw: &[u8]) -> String {
    let unfolded: Vec<u8> = raw
        .iter()
        .copied()
        .filter(|&b| b != b'\r' && b != b'\n')
        .collect();
    let mut out = String::with_capacity(unfolded.len());
    let mut rest = unfolded.as_slice();
    // Whitespace between two encoded words is not shown (RFC 2047 6.2).
    let mut after_word = false;
    while !rest.is_empty() {
        let Some(start) = memchr::memmem::find(rest, b"=?") else {
            out.push_str(&bytes_text(rest));
            break;
        };
        let (plain, tail) = rest.split_at(start);
        match word(tail) {
            Some((text, used)) => {
                if !(after_word && plain.iter().all(u8::is_ascii_whitespace)) {
                    out.push_str(&bytes_text(plain));
                }
                out.push_str(&text);
                rest = tail.get(used..).unwrap_or_default();
                after_word = true;
            }
            None => {
                out.push_str(&bytes_text(plain));
                out.push_str("=?");
                rest = tail.get(2..).unwrap_or_default();
                after_word = false;
            }
        }
    }
    out
}

/// Decodes the encoded word at the start of `bytes` (which starts with "=?"): its text and
/// the bytes it used, or `None` when it is not an encoded word at all.
fn word(bytes: &[u8]) -> Option<(String, usize)> {
    let body = bytes.get(2..)?;
    let q1 = body.iter().take(64).position(|&b| b == b'?')?;
    let charset = &body[..q1];
    if charset.is_empty() || charset.iter().any(|b| b.is_ascii_whitespace()) {
        return None;
    }
    let encoding = *body.get(q1 + 1)?;
    if body.get(q1 + 2) != Some(&b'?') || !b"QqBb".contains(&encoding) {
        return None;
    }
    let text_start = q1 + 3;
    let text = body.get(text_start..)?;
    // The word ends at its "?=", unless another word starts before that ("=?=" is base64
    // padding before the end, not a new word).
    let end = memchr::memmem::find(text, b"?=");
    let next_word = memchr::memmem::find_iter(text, b"=?")
        .find(|&p| end.is_none_or(|e| p + 1 != e))
        .unwrap_or(text.len());
    let (encoded, used) = match end.filter(|&e| e < next_word) {
        // Whitespace inside a word is a fold that cut it: the word goes on after it.
        Some(end) => (&text[..end], end + 2),
        // No closing "?=": the word ends with its token.
        None => {
            let end = text
                .iter()
                .position(u8::is_ascii_whitespace)
                .unwrap_or(text.len())
                .min(next_word);
            (&text[..end], end)
        }
    };
    let decoded = if encoding.eq_ignore_ascii_case(&b'q') {
        q_decode(encoded)
    } else {
        b_decode(encoded)
    };
    Some((in_charset(&decoded, charset), 2 + text_start + used))
}

fn q_decode(encoded: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(encoded.len());
    let mut i = 0;
    while let Some(&b) = encoded.get(i) {
        match b {
            b'_' => out.push(b' '),
            b'=' => {
                let hex = encoded.get(i + 1..i + 3).and_then(|h| {
                    std::str::from_utf8(h)
                        .ok()
                        .and_then(|h| u8::from_str_radix(h, 16).ok())
                });
                if let Some(value) = hex {
                    out.push(value);
                    i += 3;
                    continue;
                }
                // An invalid escape is shown as typed.
                out.push(b'=');
            }
            b if b.is_ascii_whitespace() => {}
            b => out.push(b),
        }
        i += 1;
    }
    out
}

fn b_decode(encoded: &[u8]) -> Vec<u8> {
    let mut clean: Vec<u8> = encoded
        .iter()
        .copied()
        .filter(|b| b.is_ascii_alphanumeric() || *b == b'+' || *b == b'/')
        .collect();
    if clean.len() % 4 == 1 {
        clean.pop();
    }
    LENIENT.decode(&clean).unwrap_or_default()
}

/// `bytes` in `charset` (RFC 2231 language suffix ignored); UTF-8 or Windows-1252 when the
/// charset is UTF-8 or unknown.
fn in_charset(bytes: &[u8], charset: &[u8]) -> String {
    let name = charset.split(|&b| b == b'*').next().unwrap_or_default();
    match charset_decoder(name) {
        Some(decoder) => decoder(bytes),
        None => bytes_text(bytes),
    }
}

/// Raw bytes as text: UTF-8 when valid, else Windows-1252 (what 8-bit headers mostly are).
pub fn bytes_text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => match charset_decoder(b"windows-1252") {
            Some(decoder) => decoder(bytes),
            None => String::from_utf8_lossy(bytes).into_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn well_formed_words_and_the_space_between_them() {
        assert_eq!(
            decode(b"=?utf-8?q?NAM_TREG_5401?=\r\n =?utf-8?b?IDAxMTQ=?= suivi"),
            "NAM TREG 5401 0114 suivi"
        );
        assert_eq!(decode(b"=?iso-8859-1?q?diab=E8te?="), "diabète");
    }

    #[test]
    fn invalid_escape_is_kept_and_the_rest_decoded() {
        assert_eq!(
            decode(b"=?utf-8?q?NAM_TREG_5401=XX0114?="),
            "NAM TREG 5401=XX0114"
        );
    }

    #[test]
    fn missing_end_unknown_charset_and_a_fold_inside_a_word() {
        assert_eq!(
            decode(b"=?utf-8?q?Gagnon_Marie suivi"),
            "Gagnon Marie suivi"
        );
        assert_eq!(decode(b"=?x-unknown?q?diab=C3=A8te?="), "diabète");
        assert_eq!(decode(b"=?x-unknown?q?diab=E8te?="), "diabète");
        assert_eq!(
            decode(b"=?utf-8?q?TREG_5401\r\n _0114?= fin"),
            "TREG 5401 0114 fin"
        );
        assert_eq!(decode(b"=?utf-8?b?VFJFRyA1NDAxIDAxMTQ?="), "TREG 5401 0114");
    }

    #[test]
    fn plain_and_eight_bit_text_and_lookalikes() {
        assert_eq!(decode(b"a =? b ?= c"), "a =? b ?= c");
        assert_eq!(decode(b"r\xe9sum\xe9"), "résumé");
        assert_eq!(decode("résumé".as_bytes()), "résumé");
        assert_eq!(decode(b"=?"), "=?");
    }
}
