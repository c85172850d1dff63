//! The header facts of a message: who it claims to be from and a hash of its Message-ID.
//!
//! Parsed with mail-parser (encoded words, folding, groups and comments handled there).
//! The Message-ID is only ever kept as a hash: it can embed a patient's name in some systems.

use mail_parser::MessageParser;
use sha2::{Digest, Sha256};

/// What the SMTP core and the checkpoint need from the header section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeaderFacts {
    /// Every address of every From header field, lowercased.
    pub from: Vec<String>,
    /// First 16 hex digits of SHA-256 of the Message-ID, when there is one.
    pub message_id_hash: Option<String>,
}

/// Reads the header section of `raw`. Never fails: an unreadable header section gives empty facts.
pub fn read_headers(raw: &[u8]) -> HeaderFacts {
    let Some(message) = MessageParser::new().parse_headers(raw) else {
        return HeaderFacts::default();
    };
    let from = message
        .from()
        .map(|address| {
            address
                .iter()
                .filter_map(|addr| addr.address())
                .map(str::to_ascii_lowercase)
                .collect()
        })
        .unwrap_or_default();
    let message_id_hash = message.message_id().map(short_hash);
    HeaderFacts {
        from,
        message_id_hash,
    }
}

/// First 16 hex digits of the SHA-256 of `value`: enough to correlate, never reversible.
pub fn short_hash(value: impl AsRef<[u8]>) -> String {
    let digest = Sha256::digest(value.as_ref());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_from_addresses_and_hashes_the_message_id() {
        let raw = b"From: \"Dr Tremblay\" <Marc.Tremblay@ssss.gouv.qc.ca>\r\nMessage-ID: <abc@x>\r\nSubject: x\r\n\r\nbody\r\n";
        let facts = read_headers(raw);
        assert_eq!(facts.from, vec!["marc.tremblay@ssss.gouv.qc.ca"]);
        let hash = facts.message_id_hash.unwrap();
        assert_eq!(hash.len(), 16);
        assert!(!hash.contains("abc"));
    }

    #[test]
    fn garbage_gives_empty_facts() {
        let facts = read_headers(b"\x00\xff\r\n\r\n");
        assert!(facts.from.is_empty());
    }
}
