//! Folding text for matching: diacritics removed (so "numéro" and "numero" match alike),
//! typographic spaces, dashes and apostrophes made plain, zero-width characters turned into
//! spaces (so they cannot hide an identifier), letter case kept. Every detector and every
//! context word works on the folded text, so their positions are comparable.

/// The folded form of `text`. ASCII runs are copied as they are, eight bytes at a test;
/// the Latin-1 letters of French go through a table; anything else through [`fold_char`].
pub fn fold(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        while let Some(chunk) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes([
                chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
            ]);
            if word & 0x8080_8080_8080_8080 != 0 {
                break;
            }
            i += 8;
        }
        while bytes.get(i).is_some_and(u8::is_ascii) {
            i += 1;
        }
        // `start..i` is ASCII and `i` is a char boundary (or the end).
        out.push_str(&text[start..i]);
        if i >= bytes.len() {
            break;
        }
        if bytes[i] == 0xC3
            && let Some(&next) = bytes.get(i + 1)
        {
            let plain = LATIN1_LETTERS[usize::from(next & 0x3F)];
            if plain != 0 {
                out.push(char::from(plain));
                i += 2;
                continue;
            }
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        fold_char(c, &mut out);
        i += c.len_utf8();
    }
    out
}

/// U+00C0..=U+00FF (UTF-8 0xC3 0x80..=0xBF) to the plain ASCII letter, or 0 when the
/// character folds to something else (Æ, ß, æ) or stays (Ð, ×, Þ, ð, ÷, þ).
const LATIN1_LETTERS: [u8; 64] =
    *b"AAAAAA\0CEEEEIIII\0NOOOOO\0OUUUUY\0\0aaaaaa\0ceeeeiiii\0nooooo\0ouuuuy\0y";

/// HTML turned into text, with a space where a block or table-cell tag stood, so that the
/// cells of a table ("<td>MARTIN</td><td>MARI 7258 2413</td>") do not run together.
pub fn html_to_text(html: &str) -> String {
    const BREAKS: [&str; 14] = [
        "td", "th", "tr", "br", "p", "div", "li", "table", "h1", "h2", "h3", "h4", "dd", "dt",
    ];
    let mut spaced = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        let (head, tail) = rest.split_at(at);
        spaced.push_str(head);
        let after = tail[1..].trim_start_matches('/');
        let len = after.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let name = &after[..len];
        if BREAKS.iter().any(|b| b.eq_ignore_ascii_case(name)) {
            spaced.push(' ');
        }
        spaced.push('<');
        rest = &tail[1..];
    }
    spaced.push_str(rest);
    mail_parser::decoders::html::html_to_text(&spaced)
}

fn fold_char(c: char, out: &mut String) {
    let plain = match c {
        'À'..='Å' => 'A',
        'à'..='å' => 'a',
        'Ç' => 'C',
        'ç' => 'c',
        'È'..='Ë' => 'E',
        'è'..='ë' => 'e',
        'Ì'..='Ï' => 'I',
        'ì'..='ï' => 'i',
        'Ñ' => 'N',
        'ñ' => 'n',
        'Ò'..='Ö' | 'Ø' => 'O',
        'ò'..='ö' | 'ø' => 'o',
        'Ù'..='Ü' => 'U',
        'ù'..='ü' => 'u',
        'Ý' | 'Ÿ' => 'Y',
        'ý' | 'ÿ' => 'y',
        'Œ' => return out.push_str("OE"),
        'œ' => return out.push_str("oe"),
        'Æ' => return out.push_str("AE"),
        'æ' => return out.push_str("ae"),
        'ß' => return out.push_str("ss"),
        // Spaces of every width, and invisible characters that could split an identifier.
        '\u{A0}'
        | '\u{2000}'..='\u{200B}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{2060}'
        | '\u{3000}'
        | '\u{FEFF}' => ' ',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{00AB}' | '\u{00BB}' => '"',
        // Combining diacritical marks and the soft hyphen vanish.
        '\u{0300}'..='\u{036F}' | '\u{00AD}' => return,
        other => other,
    };
    out.push(plain);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diacritics_typography_and_invisible_characters_are_folded() {
        assert_eq!(
            fold("Numéro de dossier: Émilie Côté"),
            "Numero de dossier: Emilie Cote"
        );
        assert_eq!(fold("œdème, sœur"), "oedeme, soeur");
        assert_eq!(fold("TREG\u{200B}5401\u{A0}0114"), "TREG 5401 0114");
        assert_eq!(fold("e\u{301}te\u{301}"), "ete");
        assert_eq!(fold("l’usager – né"), "l'usager - ne");
        assert_eq!(fold("plain ASCII stays"), "plain ASCII stays");
    }

    #[test]
    fn table_cells_stay_apart_in_html_text() {
        let text = html_to_text(
            "<table><tr><td>MARTIN, Isabelle</td><td>MARI 7258 2413</td></tr><tr><td>x</td></tr></table>N<b>A</b>M",
        );
        assert!(text.contains("Isabelle MARI 7258 2413"), "{text:?}");
        assert!(text.contains("NAM"), "{text:?}");
    }

    #[test]
    fn the_latin1_table_agrees_with_fold_char() {
        for code in 0xC0..=0xFF_u32 {
            let c = char::from_u32(code).unwrap();
            let mut slow = String::new();
            fold_char(c, &mut slow);
            let text = format!("abcdefgh{c}ijklmnopq{c}");
            assert_eq!(fold(&text), format!("abcdefgh{slow}ijklmnopq{slow}"), "{c}");
        }
    }
}
