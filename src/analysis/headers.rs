//! The header facts of a message: who it claims to be from, its subject and its Message-ID,
//! read once for the policy, the incident record and the logs.
//!
//! Parsed with mail-parser (encoded words, folding, groups and comments handled there).
//! mail-parser's `from()` gives the last From field only, so every From and Sender field is
//! read here, and the fields are also counted on the raw header section (a name written
//! `From :` still counts): RFC 5322 §3.6 allows one From and at most one Sender.
//! The subject and the Message-ID can carry a patient's name: logs get the Message-ID's hash
//! only, and `Debug` prints neither.

use mail_parser::{HeaderName, HeaderValue, MessageParser};
use sha2::{Digest, Sha256};

/// What the SMTP core and the policy need from the header section.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct HeaderFacts {
    /// Every address of every From header field, lowercased.
    pub from: Vec<String>,
    /// Every address of every Sender header field, lowercased.
    pub sender: Vec<String>,
    /// How many From header fields the message has.
    pub from_fields: usize,
    /// How many Sender header fields the message has.
    pub sender_fields: usize,
    /// First 16 hex digits of SHA-256 of the Message-ID, when there is one.
    pub message_id_hash: Option<String>,
    /// The Message-ID field's value (without angle brackets): for the incident record only.
    pub message_id: Option<String>,
    /// The decoded subject: for the subject tags and the encrypted version only.
    pub subject: Option<String>,
}

impl std::fmt::Debug for HeaderFacts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The subject and the Message-ID may name a patient: never printed.
        f.debug_struct("HeaderFacts")
            .field("from", &self.from)
            .field("sender", &self.sender)
            .field("from_fields", &self.from_fields)
            .field("sender_fields", &self.sender_fields)
            .field("message_id_hash", &self.message_id_hash)
            .finish_non_exhaustive()
    }
}

/// Reads the header section of `raw`. Never fails: an unreadable header section gives empty facts.
pub fn read_headers(raw: &[u8]) -> HeaderFacts {
    let (from_fields, sender_fields) = count_fields(raw);
    let Some(message) = MessageParser::new().parse_headers(raw) else {
        return HeaderFacts {
            from_fields,
            sender_fields,
            ..HeaderFacts::default()
        };
    };
    let addresses = |name: HeaderName<'static>| -> (Vec<String>, usize) {
        let mut list = Vec::new();
        let mut fields = 0;
        for value in message.header_values(name) {
            fields += 1;
            if let HeaderValue::Address(address) = value {
                list.extend(
                    address
                        .iter()
                        .filter_map(|addr| addr.address())
                        .map(str::to_ascii_lowercase),
                );
            }
        }
        (list, fields)
    };
    let (from, parsed_from) = addresses(HeaderName::From);
    let (sender, parsed_sender) = addresses(HeaderName::Sender);
    HeaderFacts {
        from,
        sender,
        from_fields: from_fields.max(parsed_from),
        sender_fields: sender_fields.max(parsed_sender),
        message_id_hash: message.message_id().map(short_hash),
        message_id: message.message_id().map(str::to_owned),
        subject: message.subject().map(str::to_owned),
    }
}

/// Counts the From and Sender fields of the header section, by name (case-insensitive,
/// white space before the colon allowed as RFC 5322 §4.5.3 obsolete syntax does).
fn count_fields(raw: &[u8]) -> (usize, usize) {
    let end = memchr::memmem::find(raw, b"\r\n\r\n").map_or(raw.len(), |p| p + 2);
    let mut counts = (0, 0);
    for line in raw.get(..end).unwrap_or(raw).split(|&b| b == b'\n') {
        if line.first().is_none_or(|b| matches!(b, b' ' | b'\t')) {
            continue;
        }
        let Some(colon) = memchr::memchr(b':', line) else {
            continue;
        };
        let name = line.get(..colon).unwrap_or_default().trim_ascii_end();
        if name.eq_ignore_ascii_case(b"from") {
            counts.0 += 1;
        } else if name.eq_ignore_ascii_case(b"sender") {
            counts.1 += 1;
        }
    }
    counts
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
        let hash = facts.message_id_hash.clone().unwrap();
        assert_eq!(hash.len(), 16);
        assert!(!hash.contains("abc"));
        assert_eq!(facts.message_id.as_deref(), Some("abc@x"));
        assert_eq!(facts.subject.as_deref(), Some("x"));
        assert!(!format!("{facts:?}").contains("abc@x"));
    }

    #[test]
    fn every_from_and_sender_field_is_read_and_counted() {
        let raw = b"From: <evil@gmail.com>\r\nFrom: Julie <Julie.Gagnon@ssss.gouv.qc.ca>, b@x.example\r\nSender: s@ssss.gouv.qc.ca\r\nFROM : late@x.example\r\nSubject: x\r\n\r\nFrom: body@x.example\r\n";
        let facts = read_headers(raw);
        assert_eq!(facts.from_fields, 3);
        assert_eq!(facts.sender_fields, 1);
        assert!(
            facts.from.contains(&"evil@gmail.com".to_owned()),
            "{facts:?}"
        );
        assert!(
            facts
                .from
                .contains(&"julie.gagnon@ssss.gouv.qc.ca".to_owned())
        );
        assert!(facts.from.contains(&"b@x.example".to_owned()));
        assert!(!facts.from.contains(&"body@x.example".to_owned()));
        assert_eq!(facts.sender, vec!["s@ssss.gouv.qc.ca"]);
    }

    #[test]
    fn garbage_gives_empty_facts() {
        let facts = read_headers(b"\x00\xff\r\n\r\n");
        assert!(facts.from.is_empty());
    }
}
