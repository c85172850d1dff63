//! Reading a message: pure, synchronous, no I/O, never panics on input.
//!
//! [`headers`] reads the header facts the SMTP core needs; [`text`] folds text for matching;
//! [`detect`] finds confidential patient data in text with the rules of rules/detectors.toml;
//! [`redact`] is the only code that turns an identifier into printable text.
//! Nothing here returns or logs message content in clear.

mod charset;
pub mod detect;
pub mod encryption;
mod extract;
pub mod forwarding;
pub mod headers;
mod images;
pub mod mime;
mod parallel;
pub mod redact;
mod rfc2047;
pub mod text;
mod visible;

use std::collections::{BTreeMap, HashSet};

pub use detect::{Confidence, Engine};
pub use extract::picture::{Image, is_tiff, pgm};
pub use headers::{HeaderFacts, read_headers};
pub use images::{ImageText, settle};
pub use mime::{Limits, Location, Unscannable};

/// One detector's evidence in one part of a message.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    /// Detector id.
    pub detector: String,
    /// The highest confidence among its occurrences.
    pub confidence: Confidence,
    /// Distinct values (or pieces of evidence) found.
    pub count: usize,
    /// Where.
    pub location: Location,
    /// A redacted sample: the shape of the first value, never the value.
    pub sample: String,
}

/// What a message holds, as far as DIR04 is concerned.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Analysis {
    /// The evidence passes the confidential rule of rules/detectors.toml.
    pub confidential: bool,
    /// Findings, per detector and part.
    pub findings: Vec<Finding>,
    /// Parts that could not be read, with the reason.
    pub unscannable: Vec<Unscannable>,
    /// Encrypted parts (OpenPGP, S/MIME), as parsed.
    pub encrypted: Vec<encryption::Layer>,
    /// Images not read yet: OCR reads them before the decision ([`settle`]). While any is
    /// left, the content counts as unscannable.
    #[serde(skip)]
    pub images: Vec<Image>,
    /// How many images OCR was given and how long it took, once it ran (for the metrics).
    #[serde(skip)]
    pub ocr: Option<(usize, std::time::Duration)>,
}

/// Everything read of one message, once: its header facts, its forwarding signals and, when
/// it leaves the platform, what its content holds.
#[derive(Debug, Clone)]
pub struct Reading {
    /// From, Sender, subject, Message-ID.
    pub headers: HeaderFacts,
    /// What the traces say of automatic forwarding.
    pub forwarding: forwarding::Forwarding,
    /// The content's analysis; `None` when it was not read (every recipient internal, or
    /// the sender rule refused the message first).
    pub content: Option<Analysis>,
}

impl Analysis {
    /// True when a part that could not be read may hide patient data (an image not read
    /// yet is one).
    pub fn unscannable_risk(&self) -> bool {
        !self.images.is_empty() || self.unscannable.iter().any(|u| u.risk)
    }
}

/// The hits in one text, each with the index of the head segment it lies in (`None`: the
/// text's own location).
fn scan_part(
    part: &mime::TextPart,
    engine: &Engine,
    year: i32,
) -> Vec<(Option<usize>, detect::Hit)> {
    let folded = text::fold(&part.text);
    // Folding works character by character, so a prefix folds to a prefix.
    let ends: Vec<usize> = part
        .heads
        .iter()
        .map(|(end, _)| part.text.get(..*end).map_or(0, |t| text::fold(t).len()))
        .collect();
    engine
        .scan(&folded, year)
        .into_iter()
        .map(|hit| (ends.iter().position(|&end| hit.at < end), hit))
        .collect()
}

/// Analyses a raw message (as received, CRLF line endings). `year` is the current year
/// (the NAM birth-century bound); `limits` bound the work. Images are left in
/// [`Analysis::images`] for OCR, which is not the analysis's to run: see [`settle`].
pub fn analyse(raw: &[u8], engine: &Engine, limits: &Limits, year: i32) -> Analysis {
    let extracted = mime::extract(raw, limits);
    let findings = findings(
        &extracted.texts,
        &extracted.records,
        engine,
        year,
        limits.threads,
    );
    let confidential =
        engine.is_confidential(findings.iter().map(|f| (f.detector.as_str(), f.confidence)));
    Analysis {
        confidential,
        findings,
        unscannable: aggregate(extracted.unscannable),
        encrypted: extracted.layers,
        images: extracted.images,
        ocr: None,
    }
}

/// The findings in `texts` and `records`, per detector and part.
fn findings(
    texts: &[mime::TextPart],
    records: &[(Location, &'static str)],
    engine: &Engine,
    year: i32,
    threads: usize,
) -> Vec<Finding> {
    // (detector, part) -> (confidence, sample, filename, distinct keys)
    type Entry = (Confidence, String, Option<String>, HashSet<String>);
    let mut grouped: BTreeMap<(String, String), Entry> = BTreeMap::new();
    let scanned = parallel::map(
        texts,
        threads,
        |part| part.text.len(),
        |part| scan_part(part, engine, year),
    );
    for (part, hits) in texts.iter().zip(scanned) {
        for (head, hit) in hits {
            let location = head.map_or(&part.location, |h| &part.heads[h].1);
            let entry = grouped
                .entry((hit.detector.clone(), location.part.clone()))
                .or_insert_with(|| {
                    (
                        hit.confidence,
                        hit.sample.clone(),
                        location.filename.clone(),
                        HashSet::new(),
                    )
                });
            entry.0 = entry.0.max(hit.confidence);
            entry.3.insert(hit.key().to_owned());
        }
    }
    for (location, sample) in records {
        let entry = grouped
            .entry((detect::STRUCTURED.to_owned(), location.part.clone()))
            .or_insert_with(|| {
                (
                    Confidence::High,
                    (*sample).to_owned(),
                    location.filename.clone(),
                    HashSet::new(),
                )
            });
        entry.0 = Confidence::High;
        entry.3.insert(format!(
            "record:{}",
            location.filename.as_deref().unwrap_or("")
        ));
    }
    grouped
        .into_iter()
        .map(
            |((detector, part), (confidence, sample, filename, keys))| Finding {
                detector,
                confidence,
                count: keys.len(),
                location: Location { part, filename },
                sample,
            },
        )
        .collect()
}

/// Most unscannable entries kept per top-level part before they are grouped by reason alone.
const MAX_UNSCANNABLE: usize = 100;

/// Unscannable entries grouped by (top-level part, reason, risk), in order of first
/// appearance, with their count; when that still leaves many (thousands of MIME parts),
/// grouped by (reason, risk) alone: output stays bounded whatever the input.
fn aggregate(entries: Vec<Unscannable>) -> Vec<Unscannable> {
    let by_part = group(entries, |u| u.location.part.split('.').next().unwrap_or(""));
    if by_part.len() <= MAX_UNSCANNABLE {
        return by_part;
    }
    group(by_part, |_| "")
}

fn group(entries: Vec<Unscannable>, prefix: impl Fn(&Unscannable) -> &str) -> Vec<Unscannable> {
    let mut out: Vec<Unscannable> = Vec::new();
    let top = |u: &Unscannable| prefix(u).to_owned();
    let mut index: BTreeMap<(String, String, bool), usize> = BTreeMap::new();
    for entry in entries {
        let key = (top(&entry), entry.reason.clone(), entry.risk);
        match index.get(&key) {
            Some(&i) => {
                if let Some(first) = out.get_mut(i) {
                    first.count += entry.count;
                }
            }
            None => {
                index.insert(key, out.len());
                out.push(entry);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(part: &str, reason: &str) -> Unscannable {
        Unscannable {
            location: Location {
                part: part.to_owned(),
                filename: None,
            },
            reason: reason.to_owned(),
            risk: true,
            count: 1,
        }
    }

    #[test]
    fn hostile_archive_unscannable_entries_are_counted_not_repeated() {
        let mut entries: Vec<Unscannable> = (0..5000)
            .map(|_| entry("2", "archives nested deeper than the limit"))
            .collect();
        entries.push(entry("3", "archives nested deeper than the limit"));
        let out = aggregate(entries);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].count, 5000);
        let many: Vec<Unscannable> = (0..3000)
            .map(|i| entry(&i.to_string(), "compressed archive format not supported"))
            .collect();
        let out = aggregate(many);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].count, 3000);
    }
}
