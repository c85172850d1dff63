//! Context words: every list (each detector's words, strong and weak clinical words, anti
//! words) in one Aho-Corasick automaton, matched once over the folded text, whole words only,
//! ASCII case-insensitively. Lookups then ask which kinds of words lie near a position.

use aho_corasick::{AhoCorasick, MatchKind};

/// What a word signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A context word of detector `n`.
    Detector(usize),
    /// A word that says a match of detector `n` is something else (a business number).
    Not(usize),
    /// A strong clinical word.
    Strong,
    /// A weak clinical word.
    Weak,
    /// A commercial word.
    Anti,
}

/// True when `word` occurs in `phrase` as whole words (or is it).
fn contains_word(phrase: &str, word: &str) -> bool {
    let bytes = phrase.as_bytes();
    phrase.match_indices(word).any(|(at, _)| {
        let before = at.checked_sub(1).and_then(|i| bytes.get(i));
        let after = bytes.get(at + word.len());
        !before.is_some_and(u8::is_ascii_alphanumeric)
            && !after.is_some_and(u8::is_ascii_alphanumeric)
    })
}

/// The compiled word lists.
#[derive(Debug, Clone)]
pub struct Words {
    automaton: AhoCorasick,
    /// For each pattern: the kinds it signals (a word may be in several lists).
    kinds: Vec<Vec<Kind>>,
    /// Length of the longest word, in bytes.
    longest: usize,
}

/// One word found in a text.
#[derive(Debug, Clone, Copy)]
pub struct Mention {
    /// Byte offset in the folded text.
    pub start: usize,
    /// Pattern index (distinct words are distinct indexes).
    pub word: usize,
}

impl Words {
    /// Builds the automaton from `(word, kind)` pairs (words already folded, any case).
    pub fn new(entries: &[(String, Kind)]) -> Result<Words, aho_corasick::BuildError> {
        let mut words: Vec<String> = Vec::new();
        let mut kinds: Vec<Vec<Kind>> = Vec::new();
        for (word, kind) in entries {
            let word = word.to_ascii_lowercase();
            match words.iter().position(|w| *w == word) {
                Some(i) => kinds[i].push(*kind),
                None => {
                    words.push(word);
                    kinds.push(vec![*kind]);
                }
            }
        }
        // Matching is leftmost-longest, so "numero d'assurance maladie" hides the
        // "assurance maladie" inside it: a phrase signals what its words signal too.
        let inherited: Vec<Vec<Kind>> = words
            .iter()
            .map(|phrase| {
                let mut all = Vec::new();
                for (word, kinds) in words.iter().zip(&kinds) {
                    if contains_word(phrase, word) {
                        for kind in kinds {
                            if !all.contains(kind) {
                                all.push(*kind);
                            }
                        }
                    }
                }
                all
            })
            .collect();
        let kinds = inherited;
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&words)?;
        let longest = words.iter().map(String::len).max().unwrap_or(0);
        Ok(Words {
            automaton,
            kinds,
            longest,
        })
    }

    /// Every whole-word occurrence in `text`, in order (the engine reads only around
    /// candidates, with [`Words::find_within`]).
    #[cfg(test)]
    pub fn find(&self, text: &str) -> Vec<Mention> {
        self.find_within(text, &[(0, text.len())])
    }

    /// The whole-word occurrences that start inside the byte ranges `ranges` of `text` (sorted
    /// by start; overlapping ranges are merged), in order. Only these stretches are read, so
    /// text with no candidate identifier costs nothing here.
    pub fn find_within(&self, text: &str, ranges: &[(usize, usize)]) -> Vec<Mention> {
        let bytes = text.as_bytes();
        let mut hits = Vec::new();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
        for &(from, to) in ranges {
            let (from, to) = (from.min(text.len()), to.min(text.len()));
            match merged.last_mut() {
                Some(last) if from <= last.1 => last.1 = last.1.max(to),
                _ => merged.push((from, to)),
            }
        }
        for (from, to) in merged {
            // Reading a little past the range lets a word that starts inside it end outside.
            let to = (to + self.longest).min(text.len());
            let input = aho_corasick::Input::new(bytes).span(from..to);
            hits.extend(
                self.automaton
                    .find_iter(input)
                    .filter(|m| {
                        let before = m.start().checked_sub(1).and_then(|i| bytes.get(i));
                        let after = bytes.get(m.end());
                        !before.is_some_and(|b| b.is_ascii_alphanumeric())
                            && !after.is_some_and(|b| b.is_ascii_alphanumeric())
                    })
                    .map(|m| Mention {
                        start: m.start(),
                        word: m.pattern().as_usize(),
                    }),
            );
        }
        hits
    }

    /// The hits between `from` and `to` (byte offsets), from a sorted hit list.
    pub fn near(hits: &[Mention], from: usize, to: usize) -> &[Mention] {
        let lo = hits.partition_point(|h| h.start < from);
        let hi = hits.partition_point(|h| h.start <= to);
        hits.get(lo..hi).unwrap_or(&[])
    }

    /// True when one of `hits` signals `kind`.
    pub fn any(&self, hits: &[Mention], kind: Kind) -> bool {
        hits.iter().any(|h| self.kinds[h.word].contains(&kind))
    }

    /// How many distinct words among `hits` signal `kind`.
    pub fn distinct(&self, hits: &[Mention], kind: Kind) -> usize {
        let mut seen: Vec<usize> = hits
            .iter()
            .filter(|h| self.kinds[h.word].contains(&kind))
            .map(|h| h.word)
            .collect();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only_case_insensitive_and_longest() {
        let words = Words::new(&[
            ("nam".into(), Kind::Detector(0)),
            ("assurance maladie".into(), Kind::Strong),
            ("patient".into(), Kind::Strong),
            ("patient".into(), Kind::Detector(0)),
        ])
        .unwrap();
        let text = "Le NAM du patient; Vietnam; numero d'Assurance Maladie";
        let hits = words.find(text);
        assert_eq!(hits.len(), 3, "'Vietnam' is not 'nam'");
        assert!(words.any(&hits, Kind::Detector(0)));
        assert_eq!(words.distinct(&hits, Kind::Strong), 2);
        let near = Words::near(&hits, 0, 5);
        assert_eq!(near.len(), 1);
    }
}
