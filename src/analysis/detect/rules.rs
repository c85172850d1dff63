//! rules/detectors.toml: the detectors, their patterns, validators and context words, and
//! the rule that makes a message confidential. Edited by the establishment's security team
//! (for example to add its own medical record number format) and validated at start-up:
//! errors name the file, line and column.

use serde::Deserialize;
use toml::Spanned;

use super::Confidence;
use super::validators::Validator;
use crate::text_error::TextError;

/// The file name under the rules directory.
pub const FILE: &str = "detectors.toml";

/// The whole file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRules {
    /// When a message is confidential.
    pub decision: RawDecision,
    /// Shared context settings and word lists.
    pub context: RawContext,
    /// Identifier detectors.
    #[serde(default)]
    pub detector: Vec<RawDetector>,
}

/// `[decision]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDecision {
    /// Confidential with at least this many high-confidence findings.
    pub high_findings: usize,
    /// ... or medium (or better) findings from at least this many different detectors.
    pub medium_distinct_detectors: usize,
}

/// `[context]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContext {
    /// Characters searched before and after a match.
    pub window: usize,
    /// Words that make a text clinical on their own (French and English).
    pub strong_clinical: Vec<String>,
    /// Words that count only in numbers.
    pub weak_clinical: Vec<String>,
    /// Words that show a number is commercial, not clinical (invoice, order, tracking...).
    pub anti: Vec<String>,
}

/// One `[[detector]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDetector {
    /// Stable id, used in findings and incidents.
    pub id: Spanned<String>,
    /// What it finds, for people reading the file.
    #[serde(default)]
    pub description: String,
    /// Regular expressions over folded text (case-insensitive); the whole match is the value.
    pub patterns: Vec<Spanned<String>>,
    /// Check applied to the value's letters and digits.
    #[serde(default = "no_validator")]
    pub validator: Validator,
    /// Words that, near a match, raise its confidence.
    #[serde(default)]
    pub context: Vec<String>,
    /// Without one of its context words near it (or strong clinical context), a match is dropped.
    #[serde(default)]
    pub require_context: bool,
    /// Confidence without context.
    pub confidence: Confidence,
    /// Confidence with context.
    pub confidence_with_context: Confidence,
    /// Values to ignore (published samples), compared on letters and digits.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Words that, near a match, say it is another kind of number (a business number near
    /// a SIN pattern): the match is dropped, even with the detector's own words near it.
    #[serde(default)]
    pub not_context: Vec<String>,
    /// A pattern that, right after a match, says it is another kind of number (a business
    /// number's program account, "RT0001"): the match is dropped.
    #[serde(default)]
    pub not_followed_by: Option<Spanned<String>>,
}

fn no_validator() -> Validator {
    Validator::None
}

/// Parses rules text.
pub fn parse(text: &str) -> Result<RawRules, TextError> {
    toml::from_str(text).map_err(|e| TextError::toml(text, &e))
}
