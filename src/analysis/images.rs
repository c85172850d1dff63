//! What OCR read of a message's images, added to its analysis (pure): each text scanned like
//! any other, after undoing the confusions OCR makes in a health insurance number where its
//! check digit confirms them, parting words it read run together ("maladieQuebec") and
//! closing the gaps it reads inside dates ("1989- 08- 31"); each image not read becomes an
//! unscannable entry with its reason; the confidential rule is applied again to all the
//! evidence.

use std::sync::LazyLock;

use regex::Regex;

use super::detect::validators::{Verdict, ramq_nam};
use super::{Analysis, Engine, Location, Unscannable, aggregate, findings, mime};

/// What OCR made of one image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageText {
    /// The text recognised (possibly empty: a photo with no writing).
    Read(String),
    /// Not read, and why; `risk` when it may hide patient data.
    Unread {
        /// In a few words (no content).
        reason: String,
        /// Whether the image counts as a risk for outside recipients.
        risk: bool,
    },
}

/// Adds `read` (one entry or more per image of [`Analysis::images`], in any order) to `analysis`:
/// the images are settled, none is left waiting.
pub fn settle(
    analysis: &mut Analysis,
    read: Vec<(Location, ImageText)>,
    engine: &Engine,
    year: i32,
) {
    analysis.images.clear();
    let mut texts = Vec::new();
    let mut unread = std::mem::take(&mut analysis.unscannable);
    for (location, outcome) in read {
        match outcome {
            ImageText::Read(text) => {
                let text = repair(&close_date_gaps(&part_run_together(&text)), year);
                texts.push(mime::TextPart::new(location, text));
            }
            ImageText::Unread { reason, risk } => unread.push(Unscannable {
                location,
                reason,
                risk,
                count: 1,
            }),
        }
    }
    analysis.unscannable = aggregate(unread);
    if texts.is_empty() {
        return;
    }
    for found in findings(&texts, &[], engine, year, 1) {
        let same = analysis
            .findings
            .iter_mut()
            .find(|f| f.detector == found.detector && f.location.part == found.location.part);
        match same {
            Some(f) => {
                f.confidence = f.confidence.max(found.confidence);
                f.count += found.count;
            }
            None => analysis.findings.push(found),
        }
    }
    analysis
        .findings
        .sort_by(|a, b| (&a.detector, &a.location.part).cmp(&(&b.detector, &b.location.part)));
    analysis.confidential = engine.is_confidential(
        analysis
            .findings
            .iter()
            .map(|f| (f.detector.as_str(), f.confidence)),
    );
}

/// `text` with a space where OCR ran two words together: a word of at least three
/// lower-case letters followed by a capitalised word ("Assurance maladieQuebec" as printed
/// on a health card, two words apart on the card): a context word must stand alone to
/// count. Names and brands in camel case ("McDonald", "SiClin") have fewer lower-case
/// letters before their capital and stay whole.
pub fn part_run_together(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    let mut lower_run = 0;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied().unwrap_or(' ');
        if lower_run >= 3 && c.is_uppercase() && next.is_lowercase() {
            out.push(' ');
        }
        out.push(c);
        lower_run = if c.is_lowercase() { lower_run + 1 } else { 0 };
    }
    out
}

/// A numeric date with spaces around its separators, as OCR reads a printed or typed date
/// ("1989- 08- 31", "31 / 08 / 1989").
static GAPPED_DATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"\b([0-9]{4}|[0-9]{1,2}) ?([-/.]) ?([0-9]{1,2}) ?([-/.]) ?([0-9]{4}|[0-9]{1,2})\b")
        .ok()
});

/// `text` with the gaps OCR read inside numeric dates closed, so a date reads as a date.
pub fn close_date_gaps(text: &str) -> String {
    match GAPPED_DATE.as_ref() {
        Some(date) => date.replace_all(text, "$1$2$3$4$5").into_owned(),
        None => text.to_owned(),
    }
}

/// Four letters and eight digits, as a NAM is printed, allowing the characters OCR mistakes
/// for one another.
static NAM_SHAPED: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)\b([A-Z0158]{4})([ -]?)([0-9OILSB|]{4})([ -]?)([0-9OILSB|]{4})\b").ok()
});

/// `text` with each NAM-shaped run whose OCR confusions (`0`/`O`, `1`/`I`/`l`, `5`/`S`,
/// `8`/`B`) undone give a valid NAM (its check digit included) written as that NAM. The
/// text keeps its length and every other character, so context words stay where they were.
pub fn repair(text: &str, year: i32) -> String {
    let Some(shape) = NAM_SHAPED.as_ref() else {
        return text.to_owned();
    };
    let mut out = text.to_owned();
    for found in shape.captures_iter(text) {
        let (Some(whole), Some(letters)) = (found.get(0), found.get(1)) else {
            continue;
        };
        let digits: String = [found.get(3), found.get(5)]
            .iter()
            .flatten()
            .map(|m| m.as_str())
            .collect();
        let letters: String = letters.as_str().chars().map(as_letter).collect();
        let digits: String = digits.chars().map(as_digit).collect();
        let candidate = format!("{letters}{digits}");
        // Only a run that was wrong and is right once repaired is rewritten.
        let changed = !whole
            .as_str()
            .eq_ignore_ascii_case(&rebuild(&found, &letters, &digits));
        if changed && ramq_nam(candidate.as_bytes(), year) == Verdict::Valid {
            let fixed = rebuild(&found, &letters, &digits);
            if fixed.len() == whole.len() {
                out.replace_range(whole.range(), &fixed);
            }
        }
    }
    out
}

/// The run written with `letters` and `digits` and its own separators.
fn rebuild(found: &regex::Captures<'_>, letters: &str, digits: &str) -> String {
    let sep = |i: usize| found.get(i).map_or("", |m| m.as_str());
    let (first, second) = digits.split_at(digits.len().min(4));
    format!("{letters}{}{first}{}{second}", sep(2), sep(4))
}

fn as_letter(c: char) -> char {
    match c {
        '0' => 'O',
        '1' => 'I',
        '5' => 'S',
        '8' => 'B',
        other => other.to_ascii_uppercase(),
    }
}

fn as_digit(c: char) -> char {
    match c {
        'O' | 'o' => '0',
        'I' | 'i' | 'l' | 'L' | '|' => '1',
        'S' | 's' => '5',
        'B' | 'b' => '8',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ocr_confusions_in_a_nam_are_undone_when_the_check_digit_confirms() {
        // Emilie Cote, 1987-03-12 (F): COTE 8753 1210.
        assert_eq!(
            repair("NAM: C0TE 87S3 I2l0 ok", 2026),
            "NAM: COTE 8753 1210 ok"
        );
        assert_eq!(repair("NAM: COTE 8753 12IO", 2026), "NAM: COTE 8753 1210");
        // A valid NAM is left as it is; so is a look-alike that no repair makes valid.
        assert_eq!(repair("COTE 8753 1210", 2026), "COTE 8753 1210");
        assert_eq!(repair("C0DE 5O5O 5O5O", 2026), "C0DE 5O5O 5O5O");
        assert_eq!(repair("ORDONNANCES 2026", 2026), "ORDONNANCES 2026");
    }

    #[test]
    fn gaps_ocr_reads_inside_a_date_are_closed() {
        assert_eq!(
            close_date_gaps("naissance : 1989- 08- 31. le 31 / 08 / 1989"),
            "naissance : 1989-08-31. le 31/08/1989"
        );
        assert_eq!(close_date_gaps("Tel. 418 555-0101"), "Tel. 418 555-0101");
    }

    #[test]
    fn words_ocr_ran_together_are_parted() {
        assert_eq!(
            part_run_together("Assurance maladieQuebec NGXI"),
            "Assurance maladie Quebec NGXI"
        );
        for whole in ["iPhone NAM COTE", "SiClin 9", "McDonald", "MacDonald"] {
            assert_eq!(part_run_together(whole), whole);
        }
    }

    #[test]
    fn a_wrong_check_digit_is_not_repaired_into_a_match() {
        // The last digit read as "S" gives 5, and COTE87531215 fails the check digit.
        let text = "NAM: COTE 8753 121S";
        assert_eq!(repair(text, 2026), text);
    }
}
