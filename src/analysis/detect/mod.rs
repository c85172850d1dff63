//! The detection engine: identifier detectors from rules/detectors.toml (patterns, check
//! digits, context words) and the built-in clinical detectors, over folded text.
//!
//! One pass finds every context word (Aho-Corasick); one pass finds which identifier patterns
//! occur at all (RegexSet); only those patterns then run to locate their matches. Prose with
//! no identifier therefore costs two linear scans. Pure: no I/O after loading, no clock.

mod cells;
mod clinical;
mod column_labels;
mod compile;
pub mod context;
mod patterns;
pub mod rules;
mod table;
pub mod validators;

use regex::Regex;

use crate::analysis::redact;
use clinical::Clinical;
pub use clinical::{PERSON, STRUCTURED};
pub use compile::EMBEDDED;
use context::{Kind, Words};
use patterns::Patterns;
pub use rules::FILE;
use validators::{Validator, Verdict};

/// How sure a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Weak evidence.
    Low,
    /// Likely.
    Medium,
    /// Near certain.
    High,
}

impl Confidence {
    /// Its name in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// One occurrence found in one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Detector id.
    pub detector: String,
    /// Confidence of this occurrence.
    pub confidence: Confidence,
    /// Redacted sample (shape only).
    pub sample: String,
    /// What tells distinct values apart (compact value or an evidence key). Never printed.
    key: String,
    /// Where the occurrence starts in the scanned text (byte offset).
    pub at: usize,
}

impl Hit {
    /// The key distinct occurrences are counted by (kept inside the analysis, never output).
    pub(crate) fn key(&self) -> &str {
        &self.key
    }
}

struct Detector {
    id: String,
    validator: Validator,
    require_context: bool,
    confidence: Confidence,
    confidence_with_context: Confidence,
    ignore: Vec<String>,
    /// Anchored at the end of a match (`not_followed_by`).
    not_followed_by: Option<Regex>,
}

/// When a message is confidential (from `[decision]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Threshold {
    /// At least this many high findings...
    pub high_findings: usize,
    /// ...or medium-or-better findings from this many distinct detectors.
    pub medium_distinct_detectors: usize,
}

/// The compiled rules.
pub struct Engine {
    detectors: Vec<Detector>,
    patterns: Patterns,
    /// For each configured pattern of the set: (detector index, pattern index). The set's
    /// last patterns are the built-in triggers (see [`Clinical::triggers`]).
    owners: Vec<(usize, usize)>,
    words: Words,
    window: usize,
    clinical: Clinical,
    /// The confidential rule.
    pub decision: Threshold,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field(
                "detectors",
                &self.detectors.iter().map(|d| &d.id).collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

fn compact(value: &str) -> String {
    value
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The context words near one candidate.
struct Near<'h> {
    words: &'h Words,
    before: &'h [context::Mention],
    after: &'h [context::Mention],
}

impl Near<'_> {
    fn any(&self, kind: Kind) -> bool {
        self.words.any(self.before, kind) || self.words.any(self.after, kind)
    }

    fn distinct_strong(&self) -> usize {
        let both: Vec<context::Mention> = self.before.iter().chain(self.after).copied().collect();
        self.words.distinct(&both, Kind::Strong)
    }

    fn own(&self, detector: usize) -> bool {
        self.any(Kind::Detector(detector))
    }
}

/// True when the match at `range` is one piece of a longer grouped number: a digit touches
/// it, or a separator then a group of the same length as its own first or last group
/// ("496 388 919 471" holds no SIN, it is a 12-digit number). A date in the next table cell
/// ("TREG 5401 0114 20/06/1973") is not a continuation.
fn part_of_longer_number(text: &str, range: &std::ops::Range<usize>) -> bool {
    let bytes = text.as_bytes();
    let Some(matched) = bytes.get(range.clone()) else {
        return false;
    };
    let is_separator = |b: &u8| matches!(b, b' ' | b'-' | b'.');
    let groups: Vec<&[u8]> = matched
        .split(is_separator)
        .filter(|g| !g.is_empty())
        .collect();
    let digits_only = |g: &&&[u8]| g.iter().all(u8::is_ascii_digit);
    let after = &bytes[range.end.min(bytes.len())..];
    let before = &bytes[..range.start.min(bytes.len())];
    let last = groups.last().filter(digits_only).map(|g| g.len());
    let first = groups.first().filter(digits_only).map(|g| g.len());
    let run = |side: &mut dyn Iterator<Item = &u8>| side.take_while(|b| b.is_ascii_digit()).count();
    let continues_after = last.is_some_and(|len| match after {
        [d, ..] if d.is_ascii_digit() => true,
        [s, rest @ ..] if is_separator(s) => run(&mut rest.iter()) == len,
        _ => false,
    });
    let continues_before = first.is_some_and(|len| match before {
        [.., d] if d.is_ascii_digit() => true,
        [rest @ .., s] if is_separator(s) => run(&mut rest.iter().rev()) == len,
        _ => false,
    });
    continues_after || continues_before
}

/// True when the digits of an identifier are one digit repeated ("000000", "9999-9999"):
/// a placeholder in a form or a training screen, never a number given to a patient.
fn placeholder_digits(value: &str) -> bool {
    let mut digits = value.bytes().filter(u8::is_ascii_digit);
    let Some(first) = digits.next() else {
        return false;
    };
    let mut count = 1;
    for d in digits {
        if d != first {
            return false;
        }
        count += 1;
    }
    count >= 4
}

/// How close to an identifier a name must stand to make it that person's (bytes).
const NAME_BESIDE: usize = 40;

/// The detector whose findings a table's file-number column gives.
const RECORD_DETECTOR: &str = "medical_record_number";

/// The detectors shipped with Sentinelle (rules/detectors.toml at build time), used when
/// the rules directory has no detectors.toml.
impl Engine {
    /// Every occurrence in `text` (already folded). `year` bounds NAM birth years.
    ///
    /// One pass of the pattern set tells which identifier patterns, and whether a date of
    /// birth or an age, occur at all; only those are then located, and context words are
    /// read only around what was located. Structured records are found by literal prefilters.
    pub fn scan(&self, text: &str, year: i32) -> Vec<Hit> {
        let mut candidates = Vec::new();
        let (mut dobs, mut ages) = (Vec::new(), Vec::new());
        // Per detector: candidates whose check failed, and candidates that passed.
        let mut failed = vec![0usize; self.detectors.len()];
        let mut passed = vec![0usize; self.detectors.len()];
        for (index, range) in self.patterns.find(text) {
            let Some(&(d, _)) = self.owners.get(index) else {
                // The built-in triggers, in the order of `Clinical::triggers`.
                let at = (range.start, range.end);
                if index == self.owners.len() {
                    if !self.clinical.unnamed_in_parentheses(text, range.start) {
                        dobs.push(at);
                    }
                } else if !clinical::not_an_age(text, range.end) {
                    ages.push(at);
                }
                continue;
            };
            let detector = &self.detectors[d];
            let matched = &text[range.clone()];
            // A bare number in parentheses is someone's record only right after their name.
            if matched.starts_with('(')
                && (self.clinical.unnamed_in_parentheses(text, range.start)
                    || Clinical::clinician_before(text, range.start))
            {
                continue;
            }
            let value = compact(matched);
            if detector.ignore.contains(&value) || placeholder_digits(&value) {
                continue;
            }
            let verdict = detector.validator.check(value.as_bytes(), year);
            if verdict == Verdict::Valid {
                passed[d] += 1;
            } else {
                failed[d] += 1;
            }
            if verdict != Verdict::Invalid {
                candidates.push((d, range, value, verdict));
            }
        }
        ages.sort_unstable();
        // Two patterns of one detector may match the same value ("no de dossier : 123456"
        // and "dossier : 123456"): the first, longest match stands for it.
        candidates.sort_by_key(|(d, range, _, _)| (*d, range.start, std::cmp::Reverse(range.end)));
        let mut last: Option<(usize, usize)> = None;
        candidates.retain(|(d, range, _, _)| {
            let overlaps = last.is_some_and(|(ld, end)| ld == *d && range.start < end);
            if !overlaps {
                last = Some((*d, range.end));
            }
            !overlaps
        });
        let tables = self.clinical.tables(text);
        let labelled = self.clinical.labelled(text);
        let mut dobs: Vec<(usize, usize, bool)> =
            dobs.into_iter().map(|(s, e)| (s, e, false)).collect();
        dobs.extend(&tables.dobs);
        let mut windows: Vec<(usize, usize)> = candidates
            .iter()
            .map(|(_, range, _, _)| (range.start, range.end))
            .chain(dobs.iter().map(|&(s, e, _)| (s, e)))
            .chain(ages.iter().chain(&tables.listed).chain(&labelled).copied())
            .chain(tables.records.iter().map(|&(s, e, _)| (s, e)))
            .map(|(start, end)| (start.saturating_sub(self.window), end + self.window))
            .collect();
        windows.sort_unstable();
        let hits = self.words.find_within(text, &windows);

        // A column of codes most of which fail the check digit is a column of product or
        // serial codes: the few that pass do so by chance (one in ten), unless labelled.
        let by_chance = |d: usize| failed[d] >= 3 && failed[d] > 2 * passed[d];
        let mut found = Vec::with_capacity(candidates.len());
        for (d, range, value, verdict) in candidates {
            let near = self.context(&range, &hits);
            let holder = self.detectors[d].validator == Validator::RamqNam && {
                let (before, after) = validators::beside(text, &range, NAME_BESIDE);
                validators::nam_names_holder(value.as_bytes(), before, after)
            };
            let own = near.own(d) || holder;
            if by_chance(d) && !own {
                continue;
            }
            // A health number with a wrong check digit (a typo), called one or amid clinical
            // words, still gives its holder's birth date.
            if verdict == Verdict::ChecksumMismatch
                && self.detectors[d].validator == Validator::RamqNam
                && (own || near.distinct_strong() >= 2)
            {
                dobs.push((range.start, range.end, false));
            }
            // A NAM that spells the name beside it is that person's (LRSSS s. 2): the name
            // stands for the check digit, which a typo or OCR may have spoiled.
            let verdict = if holder { Verdict::Valid } else { verdict };
            let hit = self.judge(d, text, range, value, verdict, &near);
            found.extend(hit.map(|mut hit| {
                if holder {
                    hit.confidence = Confidence::High;
                }
                hit
            }));
        }
        found.extend(self.record_column(text, &tables.records, &hits, year));
        dobs.sort_unstable();
        for evidence in self
            .clinical
            .person(
                text,
                &dobs,
                &tables.listed,
                &labelled,
                &ages,
                &self.words,
                &hits,
                self.window,
            )
            .into_iter()
            .chain(self.clinical.structured(text))
        {
            found.push(Hit {
                detector: evidence.detector.to_owned(),
                confidence: evidence.confidence,
                sample: evidence.sample,
                key: evidence.key,
                at: evidence.at,
            });
        }
        found
    }

    /// The numbers of a table's file-number column, as the record-number detector's labelled
    /// matches (its exclusions and placeholders apply; without that detector, none): with
    /// its context confidence in a table headed by a patient label or amid clinical words,
    /// its plain one otherwise (a name column and a "Dossier" column may be a supplier's).
    fn record_column(
        &self,
        text: &str,
        records: &[(usize, usize, bool)],
        hits: &[context::Mention],
        year: i32,
    ) -> Vec<Hit> {
        let Some(detector) = (!records.is_empty())
            .then(|| self.detectors.iter().find(|d| d.id == RECORD_DETECTOR))
            .flatten()
        else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for &(start, end, headed) in records {
            let value = compact(&text[start..end]);
            if detector.ignore.contains(&value)
                || placeholder_digits(&value)
                || part_of_longer_number(text, &(start..end))
                || detector.validator.check(value.as_bytes(), year) != Verdict::Valid
            {
                continue;
            }
            let clinical = || self.context(&(start..end), hits).any(Kind::Strong);
            found.push(Hit {
                detector: detector.id.clone(),
                confidence: if headed || clinical() {
                    detector.confidence_with_context
                } else {
                    detector.confidence
                },
                sample: redact::sample(&text[start..end]),
                key: value,
                at: start,
            });
        }
        found
    }

    /// The context words around `range` (not inside it: a label the pattern includes, such
    /// as "no de dossier", is not context for its own match).
    fn context<'h>(
        &'h self,
        range: &std::ops::Range<usize>,
        hits: &'h [context::Mention],
    ) -> Near<'h> {
        let window = Words::near(
            hits,
            range.start.saturating_sub(self.window),
            range.end + self.window,
        );
        let before = window.partition_point(|h| h.start < range.start);
        let after = window.partition_point(|h| h.start < range.end);
        Near {
            words: &self.words,
            before: &window[..before],
            after: &window[after..],
        }
    }

    fn judge(
        &self,
        index: usize,
        text: &str,
        range: std::ops::Range<usize>,
        value: String,
        verdict: Verdict,
        near: &Near<'_>,
    ) -> Option<Hit> {
        let detector = &self.detectors[index];
        if part_of_longer_number(text, &range) {
            return None;
        }
        // Another kind of number that shares the shape (a business number is 9 digits with
        // a valid check digit, like a SIN, and "no SIN is required" may stand next to it).
        let followed = text.get(range.end..).is_some_and(|rest| {
            detector
                .not_followed_by
                .as_ref()
                .is_some_and(|r| r.is_match(rest))
        });
        if followed || near.any(Kind::Not(index)) {
            return None;
        }
        let own = near.own(index);
        let strong = near.any(Kind::Strong);
        let anti = near.any(Kind::Anti);
        let confidence = match verdict {
            Verdict::Invalid => return None,
            // The identifier's own words always count.
            Verdict::Valid if own => detector.confidence_with_context,
            // Detectors that need their own words (a SIN is only a SIN when called one).
            Verdict::Valid if detector.require_context => return None,
            // Commercial words without the identifier's own or clinical ones: a product or
            // order code; with clinical ones too, the doubt keeps the plain confidence.
            Verdict::Valid if anti && !strong => return None,
            // Unless a person's name stands right by it: no product code is someone's.
            Verdict::Valid
                if anti
                    && self.clinical.named(
                        text,
                        range.start.saturating_sub(NAME_BESIDE),
                        range.end + NAME_BESIDE,
                    ) =>
            {
                detector.confidence_with_context
            }
            Verdict::Valid if anti => detector.confidence,
            // Clinical words around a validated identifier: it is about a patient. (Weak words
            // are not enough: every hospital signature says "hopital".)
            Verdict::Valid if strong => detector.confidence_with_context,
            Verdict::Valid => detector.confidence,
            // A possible date with a wrong check digit: a typo (or a number copied by hand)
            // counts when the identifier's own words call it one, as a doubt.
            Verdict::ChecksumMismatch if own => Confidence::Medium,
            Verdict::ChecksumMismatch => return None,
        };
        Some(Hit {
            detector: detector.id.clone(),
            confidence,
            at: range.start,
            sample: redact::sample(&text[range]),
            key: value,
        })
    }

    /// The confidential rule over a message's findings `(detector, confidence)`.
    pub fn is_confidential<'a>(
        &self,
        findings: impl IntoIterator<Item = (&'a str, Confidence)>,
    ) -> bool {
        let mut high = 0;
        let mut medium: Vec<&str> = Vec::new();
        for (detector, confidence) in findings {
            if confidence == Confidence::High {
                high += 1;
            }
            if confidence >= Confidence::Medium && !medium.contains(&detector) {
                medium.push(detector);
            }
        }
        high >= self.decision.high_findings.max(1)
            || medium.len() >= self.decision.medium_distinct_detectors.max(1)
    }
}

#[cfg(test)]
mod tests;
