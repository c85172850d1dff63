//! Folding text for matching: diacritics removed (so "numéro" and "numero" match alike),
//! typographic spaces, dashes and apostrophes made plain, zero-width characters turned into
//! spaces (so they cannot hide an identifier), letter case kept. Every detector and every
//! context word works on the folded text, so their positions are comparable.

/// The folded form of `text`. ASCII runs are copied as they are.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let (head, tail) = rest.split_at(ascii);
        out.push_str(head);
        let mut chars = tail.chars();
        if let Some(c) = chars.next() {
            fold_char(c, &mut out);
        }
        rest = chars.as_str();
    }
    out
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
}
