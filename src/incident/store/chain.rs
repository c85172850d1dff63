//! The hash chain: each link's hash is SHA-256 over the previous link's hash and the link's
//! exact stored text, so nothing can be changed, removed or slipped in without showing.

use sha2::{Digest, Sha256};

/// The "previous hash" of the first link.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hash of a link holding `text` after the link whose hash is `previous`.
pub fn link(previous: &str, text: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(previous.as_bytes());
    hasher.update(b"\n");
    hasher.update(text.as_bytes());
    hex(&hasher.finalize())
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A stored link as read back: its position, its text, and the two hashes stored with it.
pub struct Stored<'a> {
    /// Sequence number (1, 2, 3...).
    pub seq: i64,
    /// A name for reports (the incident reference).
    pub name: &'a str,
    /// The stored text.
    pub text: &'a str,
    /// The previous hash stored with it.
    pub previous: &'a str,
    /// The hash stored with it.
    pub hash: &'a str,
}

/// Walks links in sequence order and reports each break.
#[derive(Default)]
pub struct Walker {
    expected_seq: i64,
    previous: Option<String>,
    /// The problems found.
    pub problems: Vec<String>,
    /// Links checked.
    pub checked: usize,
}

impl Walker {
    /// A walker for a chain whose first kept link is `first_seq` after `first_previous`
    /// (after a purge, the checkpoint's values; else 1 and [`GENESIS`]).
    pub fn new(first_seq: i64, first_previous: &str) -> Walker {
        Walker {
            expected_seq: first_seq,
            previous: Some(first_previous.to_owned()),
            problems: Vec::new(),
            checked: 0,
        }
    }

    /// Checks the next link.
    pub fn check(&mut self, what: &str, stored: Stored<'_>) {
        self.checked += 1;
        if stored.seq != self.expected_seq {
            self.problems.push(format!(
                "{what} {}: sequence {} where {} was expected (a record was removed or inserted)",
                stored.name, stored.seq, self.expected_seq
            ));
        }
        if let Some(previous) = &self.previous
            && previous != stored.previous
        {
            self.problems.push(format!(
                "{what} {}: does not follow the record before it (removed, inserted or reordered)",
                stored.name
            ));
        }
        if link(stored.previous, stored.text) != stored.hash {
            self.problems.push(format!(
                "{what} {}: content changed since it was written",
                stored.name
            ));
        }
        self.expected_seq = stored.seq + 1;
        self.previous = Some(stored.hash.to_owned());
    }
}

/// A database URL without its password, for messages.
pub fn without_credentials(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => format!("{}://…{}", &url[..scheme], &url[at..]),
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(texts: &[&str]) -> Vec<(i64, String, String, String)> {
        let mut previous = GENESIS.to_owned();
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let hash = link(&previous, t);
                let row = (i as i64 + 1, t.to_string(), previous.clone(), hash.clone());
                previous = hash;
                row
            })
            .collect()
    }

    fn walk(rows: &[(i64, String, String, String)]) -> Vec<String> {
        let mut walker = Walker::new(1, GENESIS);
        for (seq, text, previous, hash) in rows {
            walker.check(
                "incident",
                Stored {
                    seq: *seq,
                    name: "x",
                    text,
                    previous,
                    hash,
                },
            );
        }
        walker.problems
    }

    #[test]
    fn edits_removals_and_insertions_show() {
        let rows = chain(&["a", "b", "c"]);
        assert!(walk(&rows).is_empty());
        let mut edited = rows.clone();
        edited[1].1 = "B".into();
        assert_eq!(walk(&edited).len(), 1);
        let mut removed = rows.clone();
        removed.remove(1);
        assert!(walk(&removed).len() >= 2);
        let mut reordered = rows.clone();
        reordered.swap(0, 1);
        assert!(!walk(&reordered).is_empty());
    }

    #[test]
    fn urls_lose_their_password() {
        assert_eq!(
            without_credentials("postgres://sentinelle:secret@db.local/incidents"),
            "postgres://…@db.local/incidents"
        );
    }
}
