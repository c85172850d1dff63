//! Locating every identifier pattern and built-in trigger in a text, reading as little of it
//! as possible.
//!
//! Each pattern is examined once, when the rules are loaded: a pattern that cannot match
//! without a digit and whose matches have a bounded length is *anchored*. Anchored patterns
//! are searched, all together in one pattern set, only in the stretches of text around digits
//! (a match holds a digit, so it lies within its maximum length of one). Finding the digits is
//! a vectorised scan; prose with few digits therefore costs almost nothing, and the pattern
//! automaton runs over a small part of the text. Other patterns (an establishment may write
//! one) are searched over the whole text, in a second set.

use std::ops::Range;

use regex::{Regex, RegexSet};
use regex_syntax::hir::{Class, Hir, HirKind};

/// The compiled patterns.
#[derive(Debug, Clone)]
pub struct Patterns {
    regexes: Vec<Regex>,
    anchored: Group,
    free: Group,
    /// How far from a digit an anchored match may reach (the longest anchored match).
    reach: usize,
}

/// Patterns searched together.
#[derive(Debug, Clone)]
struct Group {
    set: Option<RegexSet>,
    /// For each pattern of the set: its index in `regexes`.
    ids: Vec<usize>,
}

impl Group {
    fn new(sources: &[&str], ids: Vec<usize>) -> Result<Group, regex::Error> {
        let set = if ids.is_empty() {
            None
        } else {
            Some(RegexSet::new(sources)?)
        };
        Ok(Group { set, ids })
    }
}

impl Patterns {
    /// Compiles `sources` (Rust regex syntax).
    pub fn new(sources: &[String]) -> Result<Patterns, regex::Error> {
        let mut regexes = Vec::with_capacity(sources.len());
        let (mut anchored, mut free) = (Vec::new(), Vec::new());
        let mut reach = 0;
        for (index, source) in sources.iter().enumerate() {
            let regex = Regex::new(source)?;
            // The regex compiled, so its syntax parses; a failure here only loses the anchor.
            let bound = regex_syntax::parse(source)
                .ok()
                .filter(requires_digit)
                .and_then(|hir| hir.properties().maximum_len());
            match bound {
                Some(len) => {
                    reach = reach.max(len);
                    anchored.push(index);
                }
                None => free.push(index),
            }
            regexes.push(regex);
        }
        let group = |ids: Vec<usize>| {
            let chosen: Vec<&str> = ids.iter().map(|&i| sources[i].as_str()).collect();
            Group::new(&chosen, ids)
        };
        Ok(Patterns {
            regexes,
            anchored: group(anchored)?,
            free: group(free)?,
            reach,
        })
    }

    /// Every match of every pattern in `text`: (pattern index, byte range). Matches of one
    /// pattern do not overlap.
    pub fn find(&self, text: &str) -> Vec<(usize, Range<usize>)> {
        let mut found = Vec::new();
        if let Some(set) = &self.free.set {
            for i in set.matches(text).iter() {
                let id = self.free.ids[i];
                found.extend(self.regexes[id].find_iter(text).map(|m| (id, m.range())));
            }
        }
        let Some(set) = &self.anchored.set else {
            return found;
        };
        for window in self.windows(text) {
            // The haystack ends one character past any possible match, so the end of the
            // slice never stands in for a word boundary; look-behind sees the real text.
            let haystack = &text[..window.end];
            for i in set.matches_at(haystack, window.start).iter() {
                let id = self.anchored.ids[i];
                let mut at = window.start;
                while let Some(m) = self.regexes[id].find_at(haystack, at) {
                    found.push((id, m.range()));
                    at = if m.end() > m.start() {
                        m.end()
                    } else {
                        ceil_boundary(text, m.end() + 1)
                    };
                    if at >= haystack.len() {
                        break;
                    }
                }
            }
        }
        found
    }

    /// The stretches of `text` within reach of a digit, merged, on char boundaries.
    fn windows(&self, text: &str) -> Vec<Range<usize>> {
        let mut windows: Vec<Range<usize>> = Vec::new();
        for run in digit_runs(text.as_bytes()) {
            let start = floor_boundary(text, run.start.saturating_sub(self.reach));
            let end = ceil_boundary(text, run.end.saturating_add(self.reach + 1));
            match windows.last_mut() {
                Some(last) if start <= last.end => last.end = last.end.max(end),
                _ => windows.push(start..end),
            }
        }
        windows
    }
}

/// The runs of ASCII digits in `bytes`.
fn digit_runs(bytes: &[u8]) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        // Eight bytes at a time past digit-free stretches.
        while let Some(chunk) = bytes.get(at..at + 8) {
            let word = u64::from_le_bytes([
                chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
            ]);
            if has_digit(word) {
                break;
            }
            at += 8;
        }
        let start = at + bytes.get(at..)?.iter().position(u8::is_ascii_digit)?;
        let len = bytes[start..]
            .iter()
            .position(|b| !b.is_ascii_digit())
            .unwrap_or(bytes.len() - start);
        at = start + len;
        Some(start..at)
    })
}

/// True when one of the eight bytes of `word` is an ASCII digit (0x30..=0x39): the "has a
/// byte between m and n" bit trick, exact for bounds under 128.
fn has_digit(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = ONES * 127;
    const HIGH: u64 = ONES * 128;
    let (below, above) = (0x2F_u64, 0x3A_u64);
    ((ONES * (127 + above)).wrapping_sub(word & LOW7)
        & !word
        & (word & LOW7).wrapping_add(ONES * (127 - below))
        & HIGH)
        != 0
}

/// True when every match of `hir` holds an ASCII digit.
fn requires_digit(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Literal(literal) => literal.0.iter().any(u8::is_ascii_digit),
        HirKind::Class(Class::Unicode(class)) => {
            !class.ranges().is_empty()
                && class
                    .ranges()
                    .iter()
                    .all(|r| r.start() >= '0' && r.end() <= '9')
        }
        HirKind::Class(Class::Bytes(class)) => {
            !class.ranges().is_empty()
                && class
                    .ranges()
                    .iter()
                    .all(|r| r.start() >= b'0' && r.end() <= b'9')
        }
        HirKind::Repetition(repetition) => repetition.min >= 1 && requires_digit(&repetition.sub),
        HirKind::Capture(capture) => requires_digit(&capture.sub),
        HirKind::Concat(parts) => parts.iter().any(requires_digit),
        HirKind::Alternation(branches) => branches.iter().all(requires_digit),
        HirKind::Empty | HirKind::Look(_) => false,
    }
}

/// The largest char boundary of `text` at or below `at`.
pub fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The smallest char boundary of `text` at or above `at` (or its length).
pub fn ceil_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn patterns(sources: &[&str]) -> Patterns {
        let sources: Vec<String> = sources.iter().map(|s| (*s).to_owned()).collect();
        Patterns::new(&sources).unwrap()
    }

    #[test]
    fn the_digit_test_is_exact_for_every_byte() {
        for b in 0..=255u8 {
            let word = u64::from_le_bytes([b'a', b'x', b, b' ', 0xC3, 0xA9, b'z', 0xFF]);
            assert_eq!(has_digit(word), b.is_ascii_digit(), "{b:#x}");
        }
        let runs: Vec<_> = digit_runs(b"abc 12 defghijklmnopqrstuvwxyz 3456789 x9").collect();
        assert_eq!(runs, vec![4..6, 31..38, 40..41]);
    }

    #[test]
    fn digit_patterns_are_anchored_and_others_are_not() {
        let p = patterns(&[
            r"(?i)(?-u:\b)[a-z]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}(?-u:\b)",
            r"(?i)(?:dob|ne le)[ :]{0,3}[0-9]{4}-[0-9]{2}-[0-9]{2}",
            r"(?i)dossier [a-z]+",
            r"[0-9]+",
            r"a|1",
        ]);
        assert_eq!(p.anchored.ids, vec![0, 1]);
        assert_eq!(p.free.ids, vec![2, 3, 4]);
        // Bytes, with (?i)'s Unicode case folding ('K' is the Kelvin sign, 3 bytes).
        assert_eq!(p.reach, 22);
    }

    #[test]
    fn every_shipped_pattern_is_anchored() {
        let engine =
            crate::analysis::detect::Engine::parse(crate::analysis::detect::EMBEDDED).unwrap();
        assert!(
            engine.patterns.free.ids.is_empty(),
            "a shipped pattern scans whole texts"
        );
        assert!(engine.patterns.reach < 200, "{}", engine.patterns.reach);
    }

    #[test]
    fn matches_are_found_as_a_whole_text_search_would() {
        let p = patterns(&[
            r"(?i)(?-u:\b)[a-z]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}(?-u:\b)",
            r"(?i)dossier [a-z]+",
        ]);
        let filler = "mot ".repeat(50);
        let text = format!(
            "{filler}NAM TREG 5401 0114 et COTE87531210 {filler}dossier ouvert {filler}XTREG54010114 treg540101149 é1"
        );
        let mut found: Vec<(usize, &str)> = p
            .find(&text)
            .into_iter()
            .map(|(id, r)| (id, &text[r]))
            .collect();
        found.sort();
        assert_eq!(
            found,
            vec![
                (0, "COTE87531210"),
                (0, "TREG 5401 0114"),
                (1, "dossier ouvert")
            ]
        );
        // A match at the very end of the text, and one right at its start.
        let found = p.find("TREG54010114");
        assert_eq!(found, vec![(0, 0..12)]);
    }
}
