//! Compiling rules/detectors.toml (the establishment's copy or the embedded one) into the
//! engine: ids, patterns and `not_followed_by` checked and compiled, context words gathered
//! into one automaton, the built-in clinical triggers appended to the pattern set.

use regex::Regex;

use super::clinical::{self, Clinical};
use super::context::{Kind, Words};
use super::patterns::Patterns;
use super::{Detector, Engine, Threshold, compact, rules};
use crate::text_error::TextError;

/// A compiled detector, its pattern sources and its context words.
type Compiled = (Detector, Vec<String>, Vec<(String, Kind)>);

pub const EMBEDDED: &str = include_str!("../../../rules/detectors.toml");

impl Engine {
    /// The number of configured identifier detectors (built-ins not counted).
    pub fn detector_count(&self) -> usize {
        self.detectors.len()
    }

    /// Parses and validates rules text.
    pub fn parse(text: &str) -> Result<Engine, TextError> {
        let raw = rules::parse(text)?;
        Self::build(raw, text)
    }

    fn build(raw: rules::RawRules, text: &str) -> Result<Engine, TextError> {
        let fold = |w: &String| crate::analysis::text::fold(w);
        let mut entries: Vec<(String, Kind)> = Vec::new();
        entries.extend(
            raw.context
                .strong_clinical
                .iter()
                .map(|w| (fold(w), Kind::Strong)),
        );
        entries.extend(
            raw.context
                .weak_clinical
                .iter()
                .map(|w| (fold(w), Kind::Weak)),
        );
        entries.extend(raw.context.anti.iter().map(|w| (fold(w), Kind::Anti)));
        let mut detectors = Vec::with_capacity(raw.detector.len());
        let mut sources: Vec<String> = Vec::new();
        let mut owners = Vec::new();
        for (index, d) in raw.detector.into_iter().enumerate() {
            let (detector, patterns, words) = compile_detector(d, index, &detectors, text)?;
            for (p, pattern) in patterns.into_iter().enumerate() {
                sources.push(pattern);
                owners.push((index, p));
            }
            entries.extend(words);
            detectors.push(detector);
        }
        let words = Words::new(&entries)
            .map_err(|e| TextError::at(text, 0, format!("context words: {e}")))?;
        let clinical = Clinical::new()
            .map_err(|e| TextError::at(text, 0, format!("built-in patterns: {e}")))?;
        // The built-in triggers follow the configured patterns.
        sources.extend(clinical.triggers().iter().map(|t| (*t).to_owned()));
        let patterns = Patterns::new(&sources).map_err(|e| {
            TextError::at(text, 0, format!("patterns do not compile together: {e}"))
        })?;
        Ok(Engine {
            detectors,
            patterns,
            owners,
            words,
            window: raw.context.window,
            clinical,
            decision: Threshold {
                high_findings: raw.decision.high_findings,
                medium_distinct_detectors: raw.decision.medium_distinct_detectors,
            },
        })
    }
}

/// One configured detector, its patterns' sources (case-insensitive) and its context words;
/// `earlier` are the detectors compiled before it (ids are unique).
fn compile_detector(
    d: rules::RawDetector,
    index: usize,
    earlier: &[Detector],
    text: &str,
) -> Result<Compiled, TextError> {
    let fold = |w: &String| crate::analysis::text::fold(w);
    let mut sources = Vec::new();
    let id = d.id.get_ref().clone();
    let valid_id = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    let reserved = id == clinical::PERSON || id == clinical::STRUCTURED;
    if !valid_id || reserved || earlier.iter().any(|x: &Detector| x.id == id) {
        return Err(TextError::at(
            text,
            d.id.span().start,
            format!("detector id {id:?} must be unique, lower_snake_case and not a built-in id"),
        ));
    }
    if d.patterns.is_empty() {
        return Err(TextError::at(
            text,
            d.id.span().start,
            "a detector needs at least one pattern",
        ));
    }
    for pattern in &d.patterns {
        let source = format!("(?i){}", pattern.get_ref());
        Regex::new(&source).map_err(|e| {
            TextError::at(text, pattern.span().start, format!("invalid pattern: {e}"))
        })?;
        sources.push(source);
    }
    let mut entries: Vec<(String, Kind)> = Vec::new();
    entries.extend(d.context.iter().map(|w| (fold(w), Kind::Detector(index))));
    entries.extend(d.not_context.iter().map(|w| (fold(w), Kind::Not(index))));
    let not_followed_by = match &d.not_followed_by {
        Some(pattern) => Some(Regex::new(&format!("^(?i:{})", pattern.get_ref())).map_err(
            |e| TextError::at(text, pattern.span().start, format!("invalid pattern: {e}")),
        )?),
        None => None,
    };
    let detector = Detector {
        id,
        validator: d.validator,
        require_context: d.require_context,
        confidence: d.confidence,
        confidence_with_context: d.confidence_with_context,
        ignore: d.ignore.iter().map(|v| compact(v)).collect(),
        not_followed_by,
    };
    Ok((detector, sources, entries))
}
