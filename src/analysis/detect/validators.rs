//! Check digits and embedded dates of Canadian health and social identifiers. Pure functions
//! over the identifier's characters (separators already removed, letters upper-case).
//!
//! Sources: INSPQ "Utilitaire NAM" for the RAMQ NAM (EBCDIC codes over a 14-character
//! expansion, verified on the published samples below); python-stdnum for SIN (Luhn) and the
//! BC PHN (mod 11); the Ontario HCN is Luhn over its 10 digits.

/// What a validator says of a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Structure, date and check digit are right.
    Valid,
    /// The embedded date is possible but the check digit is wrong: a typo, or chance.
    ChecksumMismatch,
    /// Not an identifier of this kind.
    Invalid,
}

/// The validators a detector may name in rules/detectors.toml.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Validator {
    /// No check: the pattern (and context) decide.
    None,
    /// Quebec RAMQ health insurance number (NAM).
    RamqNam,
    /// Canadian social insurance number.
    Sin,
    /// Ontario health card number.
    OntarioHcn,
    /// British Columbia personal health number.
    BcPhn,
}

impl Validator {
    /// Validates `compact` (letters and digits only, upper-case). `current_year` bounds the
    /// century of a NAM's birth year (no clock is read here).
    pub fn check(self, compact: &[u8], current_year: i32) -> Verdict {
        match self {
            Validator::None => Verdict::Valid,
            Validator::RamqNam => ramq_nam(compact, current_year),
            Validator::Sin => sin(compact),
            Validator::OntarioHcn => ontario_hcn(compact),
            Validator::BcPhn => bc_phn(compact),
        }
    }
}

fn digits(bytes: &[u8]) -> Option<Vec<u32>> {
    bytes
        .iter()
        .map(|b| b.is_ascii_digit().then(|| u32::from(b - b'0')))
        .collect()
}

fn luhn(digits: &[u32]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 1 {
                if d * 2 > 9 { d * 2 - 9 } else { d * 2 }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// SIN: 9 digits, Luhn, first digit neither 0 (unassigned) nor 8 (business numbers).
pub fn sin(compact: &[u8]) -> Verdict {
    match digits(compact) {
        Some(d) if d.len() == 9 && d[0] != 0 && d[0] != 8 && luhn(&d) => Verdict::Valid,
        _ => Verdict::Invalid,
    }
}

/// Ontario HCN: 10 digits, first non-zero, Luhn, then up to two version letters.
pub fn ontario_hcn(compact: &[u8]) -> Verdict {
    let split = compact.iter().take_while(|b| b.is_ascii_digit()).count();
    let (number, version) = compact.split_at(split);
    if version.len() > 2 || !version.iter().all(u8::is_ascii_uppercase) {
        return Verdict::Invalid;
    }
    match digits(number) {
        Some(d) if d.len() == 10 && d[0] != 0 && luhn(&d) => Verdict::Valid,
        _ => Verdict::Invalid,
    }
}

/// BC PHN: 10 digits starting with 9; weights 2,4,8,5,10,9,7,3 on digits 2-9, mod 11.
pub fn bc_phn(compact: &[u8]) -> Verdict {
    const WEIGHTS: [u32; 8] = [2, 4, 8, 5, 10, 9, 7, 3];
    let Some(d) = digits(compact) else {
        return Verdict::Invalid;
    };
    if d.len() != 10 || d[0] != 9 {
        return Verdict::Invalid;
    }
    let sum: u32 = d[1..9].iter().zip(WEIGHTS).map(|(x, w)| (x * w) % 11).sum();
    let check = match sum % 11 {
        0 => 0,
        1 => return Verdict::Invalid,
        r => 11 - r,
    };
    if check == d[9] {
        Verdict::Valid
    } else {
        Verdict::Invalid
    }
}

fn ebcdic(c: u8) -> u32 {
    match c {
        b'A'..=b'I' => 193 + u32::from(c - b'A'),
        b'J'..=b'R' => 209 + u32::from(c - b'J'),
        b'S'..=b'Z' => 226 + u32::from(c - b'S'),
        b'0'..=b'9' => 240 + u32::from(c - b'0'),
        _ => 0,
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// True when two neighbouring words of `before` or of `after` (the text each side of a
/// NAM, the NAM left out) are the holder its four `letters` encode: the surname's first
/// three letters (hyphens, apostrophes and spaces dropped, X when shorter) and the given
/// name's first letter, in either order ("Claire Duchesne", "DUCHESNE, Claire"). Both words
/// start with a capital, as names are written, and stand side by side (a space or a comma
/// between). No product or serial code spells a name written next to it; a NAM always does,
/// whatever its check digit.
pub fn nam_names_holder(letters: &[u8], before: &str, after: &str) -> bool {
    let Some(letters) = letters.get(..4) else {
        return false;
    };
    let key = |surname: &str, given: &str| {
        let mut key: Vec<u8> = surname
            .bytes()
            .filter(u8::is_ascii_alphabetic)
            .take(3)
            .map(|b| b.to_ascii_uppercase())
            .collect();
        key.resize(3, b'X');
        key.extend(given.bytes().take(1).map(|b| b.to_ascii_uppercase()));
        key
    };
    [before, after].iter().any(|side| {
        let words = capitalised_pairs(side);
        words
            .iter()
            .any(|(a, b)| key(a, b) == letters || key(b, a) == letters)
    })
}

/// The texts before and after `range`, `reach` bytes each (within char
/// boundaries).
pub fn beside<'t>(
    text: &'t str,
    range: &std::ops::Range<usize>,
    reach: usize,
) -> (&'t str, &'t str) {
    let mut start = range.start.saturating_sub(reach);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (range.end + reach).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    (
        text.get(start..range.start).unwrap_or_default(),
        text.get(range.end..end).unwrap_or_default(),
    )
}

/// Pairs of capitalised words of `text` standing side by side (a space or a comma between).
fn capitalised_pairs(text: &str) -> Vec<(&str, &str)> {
    let is_word = |c: char| c.is_ascii_alphabetic() || c == '-' || c == '\'';
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (is_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    let capital = |w: &str| w.len() >= 2 && w.starts_with(|c: char| c.is_ascii_uppercase());
    words
        .windows(2)
        .filter_map(|pair| {
            let ((s1, e1), (s2, e2)) = (pair[0], pair[1]);
            let gap = text.get(e1..s2)?;
            let (a, b) = (text.get(s1..e1)?, text.get(s2..e2)?);
            let adjacent = matches!(gap, " " | ", " | ",");
            (adjacent && capital(a) && capital(b)).then_some((a, b))
        })
        .collect()
}

/// RAMQ NAM: 4 letters, birth year (2 digits), month (+50 for women), day, differentiator,
/// check digit. Both centuries are tried (the most recent not after `current_year` first).
pub fn ramq_nam(compact: &[u8], current_year: i32) -> Verdict {
    const WEIGHTS: [u32; 14] = [1, 3, 7, 9, 1, 7, 1, 3, 4, 5, 7, 6, 9, 1];
    if compact.len() != 12
        || !compact[..4].iter().all(u8::is_ascii_uppercase)
        || !compact[4..].iter().all(u8::is_ascii_digit)
    {
        return Verdict::Invalid;
    }
    let num = |i: usize| u32::from(compact[i] - b'0') * 10 + u32::from(compact[i + 1] - b'0');
    let (yy, raw_month, day) = (num(4), num(6), num(8));
    let (month, sex) = if raw_month > 50 {
        (raw_month - 50, b'F')
    } else {
        (raw_month, b'M')
    };
    if !(1..=12).contains(&month) {
        return Verdict::Invalid;
    }
    // RAMQ never gives the differentiator 0: such a number is a spoiled NAM (a typo, OCR),
    // never a valid one, which only its label or its holder's name beside it makes count.
    let spoiled = compact[10] == b'0';
    let check = u32::from(compact[11] - b'0');
    let mut possible_date = false;
    let recent = current_year - current_year.rem_euclid(100) + yy as i32;
    let first = if recent > current_year {
        recent - 100
    } else {
        recent
    };
    for year in [first, first - 100] {
        if day == 0 || day > days_in_month(year, month) {
            continue;
        }
        possible_date = true;
        // letters(4) + year(4) + sex + real month(2) + day(2) + differentiator = 14 characters
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let year = year.unsigned_abs();
        let mut fourteen = [0u8; 14];
        fourteen[..4].copy_from_slice(&compact[..4]);
        fourteen[4..8].copy_from_slice(&[
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
        ]);
        fourteen[8] = sex;
        fourteen[9..11].copy_from_slice(&[digit(month / 10), digit(month)]);
        fourteen[11..14].copy_from_slice(&compact[8..11]);
        let sum: u32 = fourteen
            .iter()
            .zip(WEIGHTS)
            .map(|(&c, w)| ebcdic(c) * w)
            .sum();
        if sum % 10 == check && !spoiled {
            return Verdict::Valid;
        }
    }
    if possible_date {
        Verdict::ChecksumMismatch
    } else {
        Verdict::Invalid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nam_s_letters_name_its_holder_in_either_order() {
        assert!(nam_names_holder(b"DUCC", "08:45 Claire Duchesne ", ""));
        assert!(nam_names_holder(b"DUCC", "", " DUCHESNE, Claire (F)"));
        assert!(nam_names_holder(b"ELKH", "Hassan El-Khoury", ""));
        assert!(
            nam_names_holder(b"LIXW", "Wei Li", ""),
            "a short surname is padded with X"
        );
        assert!(nam_names_holder(b"OREM", "Marie O'Reilly", ""));
        assert!(!nam_names_holder(b"MEDL", "Claire Duchesne", ""));
        assert!(!nam_names_holder(b"DUCC", "Claire then Duchesne later", ""));
        assert!(
            !nam_names_holder(b"DUCC", "claire duchesne", ""),
            "names have capitals"
        );
        assert!(!nam_names_holder(b"DUCC", "Claire - Duchesne", ""));
        assert!(!nam_names_holder(b"DU", "Claire Duchesne", ""));
        // The code itself is no name: "TABL08010312 Last seen" spells nothing.
        assert!(!nam_names_holder(b"TABL", "", " Last seen 2024-07-19"));
    }

    const YEAR: i32 = 2026;

    #[test]
    fn published_nam_samples_are_valid() {
        // INSPQ (male, female), Clic Sante, DSQ (male, female born 2021-06-12).
        for nam in [
            "QWEA10010110",
            "QWEA10510170",
            "ASDA20011313",
            "TEST54122816",
            "LACM30010115",
            "MAYM21561219",
            "AAAA01010112",
        ] {
            assert_eq!(ramq_nam(nam.as_bytes(), YEAR), Verdict::Valid, "{nam}");
        }
    }

    #[test]
    fn fake_patients_nams_are_valid() {
        // Gaston Tremblay 1954-01-01, Emilie Cote 1987-03-12 (F), Marc Belanger 1962-11-30,
        // Sophie Gagnon 1999-07-04 (F), Louis Roy 2003-02-28, Jeanne Lavoie 1948-12-25 (F).
        for nam in [
            "TREG54010114",
            "COTE87531210",
            "BELM62113015",
            "GAGS99570413",
            "ROYL03022810",
            "LAVJ48622515",
        ] {
            assert_eq!(ramq_nam(nam.as_bytes(), YEAR), Verdict::Valid, "{nam}");
        }
    }

    #[test]
    fn typo_in_the_check_digit_is_a_mismatch_and_impossible_dates_are_invalid() {
        assert_eq!(ramq_nam(b"TREG54010115", YEAR), Verdict::ChecksumMismatch);
        assert_eq!(ramq_nam(b"TREG54133114", YEAR), Verdict::Invalid); // month 13
        assert_eq!(ramq_nam(b"TREG54023014", YEAR), Verdict::Invalid); // 30 February
        // Differentiator 0: a spoiled NAM, whatever its check digit.
        assert_eq!(ramq_nam(b"TREG54010104", YEAR), Verdict::ChecksumMismatch);
        assert!((0..10).all(|c| {
            let nam = format!("TREG5401010{c}");
            ramq_nam(nam.as_bytes(), YEAR) == Verdict::ChecksumMismatch
        }));
        assert_eq!(ramq_nam(b"PROD20240312", YEAR), Verdict::Invalid); // month 24
        assert_eq!(ramq_nam(b"TRE154010114", YEAR), Verdict::Invalid);
    }

    #[test]
    fn leap_days_follow_the_century() {
        // 29 February: 2000 is a leap year, 1900 is not; "00" tries 2000 first.
        let nam = b"ABCD00022911";
        assert_ne!(ramq_nam(nam, YEAR), Verdict::Invalid);
        assert_eq!(ramq_nam(b"ABCD01022911", YEAR), Verdict::Invalid);
    }

    #[test]
    fn sin_luhn_and_first_digit() {
        assert_eq!(sin(b"046454286"), Verdict::Invalid); // starts with 0
        assert_eq!(sin(b"130692544"), Verdict::Valid);
        assert_eq!(sin(b"130692545"), Verdict::Invalid);
        assert_eq!(sin(b"823456782"), Verdict::Invalid); // 8: business number
    }

    #[test]
    fn ontario_and_bc_check_digits() {
        assert_eq!(ontario_hcn(b"1234567897"), Verdict::Valid);
        assert_eq!(ontario_hcn(b"1234567897AB"), Verdict::Valid);
        assert_eq!(ontario_hcn(b"1234567897ABC"), Verdict::Invalid);
        assert_eq!(ontario_hcn(b"1234567890"), Verdict::Invalid);
        assert_eq!(bc_phn(b"9698658215"), Verdict::Valid);
        assert_eq!(bc_phn(b"9698658216"), Verdict::Invalid);
        assert_eq!(bc_phn(b"1698658215"), Verdict::Invalid);
    }
}
