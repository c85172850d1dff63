//! The subject tags that ask for encryption (`[chiffré]`, `[secure]`, from rules/policy.toml):
//! finding them, and the subject without them for the encrypted version.

/// The subject without the encryption tags (case-insensitive), spaces tidied; `None` when no
/// tag was there.
pub fn untagged(subject: &str, tags: &[String]) -> Option<String> {
    let lower = subject.to_lowercase();
    let mut cut: Vec<(usize, usize)> = Vec::new();
    for tag in tags.iter().filter(|t| !t.is_empty()) {
        let tag = tag.to_lowercase();
        let mut from = 0;
        while let Some(at) = lower[from..].find(&tag) {
            cut.push((from + at, from + at + tag.len()));
            from += at + tag.len();
        }
    }
    if cut.is_empty() {
        return None;
    }
    cut.sort_unstable();
    let mut out = String::with_capacity(subject.len());
    let mut at = 0;
    for (start, end) in cut {
        // Lowercasing keeps byte offsets for the tags' scripts; skip any overlap.
        if start < at || !subject.is_char_boundary(start) || !subject.is_char_boundary(end) {
            continue;
        }
        out.push_str(&subject[at..start]);
        at = end;
    }
    out.push_str(&subject[at..]);
    Some(out.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_removed_from_the_subject() {
        let tags = vec!["[chiffré]".to_owned(), "[secure]".to_owned()];
        assert_eq!(
            untagged("[Chiffré] Résultats", &tags).as_deref(),
            Some("Résultats")
        );
        assert_eq!(
            untagged("RE: résultats [SECURE]", &tags).as_deref(),
            Some("RE: résultats")
        );
        assert_eq!(untagged("Résultats", &tags), None);
    }
}
