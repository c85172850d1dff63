//! Encryption layers, recognised by parsing them, never by trusting a content type or a name
//! (DIR04 art. 6 (3)).
//!
//! - OpenPGP (RFC 9580), armored or binary, as PGP/MIME (RFC 3156), inline armor or an
//!   attachment: the packets are parsed with sequoia-openpgp. An encrypted message is one or
//!   more session-key packets (PKESK, SKESK) then an encrypted container: SEIPD v1 or v2
//!   (integrity-protected) or the legacy tag 9 packet without integrity protection (EFAIL).
//! - S/MIME (RFC 8551): the CMS ContentInfo is read as BER (Outlook writes indefinite lengths)
//!   with der-parser; enveloped-data and authEnveloped-data report their content cipher.
//!
//! This module says what a layer *is*; whether it is approved is configuration, judged by the
//! policy. Signed-only data is not encryption.

use der_parser::ber::{BerObject, BerObjectContent, parse_ber};
use sequoia_openpgp as openpgp;

use openpgp::Packet;
use openpgp::packet::{SEIP, Tag};
use openpgp::parse::{PacketParser, PacketParserResult, Parse};

use super::mime::Location;

/// The two end-to-end schemes of mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scheme {
    /// OpenPGP.
    OpenPgp,
    /// S/MIME (CMS).
    Smime,
}

impl Scheme {
    /// Its name in reports and configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::OpenPgp => "openpgp",
            Scheme::Smime => "smime",
        }
    }
}

/// One encrypted part of a message.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Layer {
    /// Where.
    pub location: Location,
    /// OpenPGP or S/MIME.
    pub scheme: Scheme,
    /// The protection, when the structure parsed: "seipd_v1", "seipd_v2", "sed" (OpenPGP);
    /// "aes256-cbc", "aes128-gcm", "des-ede3-cbc", ... or the cipher's OID (S/MIME).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub algorithm: Option<String>,
    /// Why the structure is not a valid encrypted message, when it is not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invalid: Option<&'static str>,
}

/// What a piece of data turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// Encrypted with this protection.
    Encrypted(String),
    /// Looks like the scheme but does not parse as an encrypted message.
    Invalid(&'static str),
    /// Signed or compressed data with its content inside (not readable here).
    Opaque,
    /// A detached signature: no content.
    Signature,
}

const ARMOR_BEGIN: &str = "-----BEGIN PGP MESSAGE-----";
const ARMOR_END: &str = "-----END PGP MESSAGE-----";

// DER encodings of the CMS content-type OIDs (RFC 5652, RFC 5083).
const OID_ENVELOPED: &[u8] = b"\x06\x09\x2A\x86\x48\x86\xF7\x0D\x01\x07\x03";
const OID_SIGNED: &[u8] = b"\x06\x09\x2A\x86\x48\x86\xF7\x0D\x01\x07\x02";
const OID_AUTH_ENVELOPED: &[u8] = b"\x06\x0B\x2A\x86\x48\x86\xF7\x0D\x01\x09\x10\x01\x17";

/// Recognises an encrypted (or signed) attachment, or returns `None` when `bytes` are neither
/// OpenPGP nor CMS. Binary OpenPGP is only tried for .pgp/.gpg/.asc names: a stray binary
/// that happens to start like a packet is not called a broken encryption.
pub fn recognise(bytes: &[u8], filename: Option<&str>) -> Option<(Scheme, Parsed)> {
    if looks_armored(bytes) {
        return Some((Scheme::OpenPgp, openpgp_message(bytes)));
    }
    if looks_cms(bytes) {
        return Some((Scheme::Smime, cms(bytes)));
    }
    let named = filename.is_some_and(|name| {
        let name = name.to_ascii_lowercase();
        [".pgp", ".gpg", ".asc"]
            .iter()
            .any(|ext| name.ends_with(ext))
    });
    if named && looks_binary_openpgp(bytes) {
        return Some((Scheme::OpenPgp, openpgp_message(bytes)));
    }
    None
}

/// An armored OpenPGP message inside a text: (before, block, after).
pub fn armored_block(text: &str) -> Option<(&str, &str, &str)> {
    let start = text.find(ARMOR_BEGIN)?;
    let end = text[start..]
        .find(ARMOR_END)
        .map_or(text.len(), |e| start + e + ARMOR_END.len());
    Some((&text[..start], &text[start..end], &text[end..]))
}

fn looks_armored(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    bytes[start..].starts_with(ARMOR_BEGIN.as_bytes())
}

/// The first byte of a session-key or encrypted-container packet, old or new format.
fn looks_binary_openpgp(bytes: &[u8]) -> bool {
    let Some(&first) = bytes.first() else {
        return false;
    };
    if first & 0x80 == 0 {
        return false;
    }
    let tag = if first & 0x40 != 0 {
        first & 0x3F
    } else {
        (first >> 2) & 0x0F
    };
    matches!(tag, 1 | 3 | 9 | 18)
}

fn looks_cms(bytes: &[u8]) -> bool {
    if bytes.first() != Some(&0x30) {
        return false;
    }
    // SEQUENCE header (2 to 6 bytes), then the content-type OID.
    let head = &bytes[..bytes.len().min(24)];
    [OID_ENVELOPED, OID_AUTH_ENVELOPED, OID_SIGNED]
        .iter()
        .any(|oid| memchr::memmem::find(head, oid).is_some_and(|at| at <= 6))
}

/// Parses an OpenPGP message (armored or binary) down to its encrypted container.
pub fn openpgp_message(bytes: &[u8]) -> Parsed {
    let mut ppr = match PacketParser::from_bytes(bytes) {
        Ok(ppr) => ppr,
        Err(_) => return Parsed::Invalid("OpenPGP data that does not parse"),
    };
    let mut session_keys = 0usize;
    while let PacketParserResult::Some(pp) = ppr {
        let found = match &pp.packet {
            Packet::PKESK(_) | Packet::SKESK(_) => {
                session_keys += 1;
                None
            }
            // Marker and padding packets are ignored by every implementation.
            Packet::Marker(_) | Packet::Padding(_) => None,
            Packet::SEIP(SEIP::V1(_)) => Some(Parsed::Encrypted("seipd_v1".into())),
            Packet::SEIP(SEIP::V2(_)) => Some(Parsed::Encrypted("seipd_v2".into())),
            Packet::Unknown(unknown) if unknown.tag() == Tag::SED => {
                Some(Parsed::Encrypted("sed".into()))
            }
            Packet::Signature(_) if session_keys == 0 => Some(Parsed::Signature),
            Packet::Literal(_) | Packet::CompressedData(_) | Packet::OnePassSig(_)
                if session_keys == 0 =>
            {
                Some(Parsed::Opaque)
            }
            _ => Some(Parsed::Invalid("unexpected OpenPGP packet")),
        };
        if let Some(found) = found {
            return match found {
                Parsed::Encrypted(_) if session_keys == 0 => {
                    Parsed::Invalid("encrypted OpenPGP data without a session key packet")
                }
                found => found,
            };
        }
        ppr = match pp.next() {
            Ok((_, next)) => next,
            Err(_) => return Parsed::Invalid("OpenPGP data that does not parse"),
        };
    }
    Parsed::Invalid("OpenPGP data without an encrypted container")
}

/// Reads a CMS ContentInfo: enveloped and authEnveloped data give their content cipher.
pub fn cms(bytes: &[u8]) -> Parsed {
    const INVALID: Parsed = Parsed::Invalid("CMS structure that does not parse");
    let Ok((_, info)) = parse_ber(bytes) else {
        return INVALID;
    };
    let Ok([content_type, content, ..]) = info.as_sequence().map(Vec::as_slice) else {
        return INVALID;
    };
    let Ok(oid) = content_type.as_oid() else {
        return INVALID;
    };
    let Some(content) = explicit(content) else {
        return INVALID;
    };
    match oid.to_id_string().as_str() {
        "1.2.840.113549.1.7.3" | "1.2.840.113549.1.9.16.1.23" => {
            match encrypted_content_cipher(&content) {
                Some(cipher) => Parsed::Encrypted(cipher),
                None => INVALID,
            }
        }
        "1.2.840.113549.1.7.2" => signed_content(&content),
        _ => Parsed::Invalid("CMS content that is neither enveloped nor signed"),
    }
}

/// The inner object of an EXPLICIT context tag, parsed.
fn explicit<'a>(object: &BerObject<'a>) -> Option<BerObject<'a>> {
    match &object.content {
        BerObjectContent::Tagged(_, _, inner) => Some((**inner).clone()),
        BerObjectContent::Unknown(any) => parse_ber(any.data).ok().map(|(_, inner)| inner),
        _ => None,
    }
}

/// (Auth)EnvelopedData: version, [0] originatorInfo OPTIONAL, recipientInfos SET,
/// (auth)EncryptedContentInfo { contentType, contentEncryptionAlgorithm, ... }.
fn encrypted_content_cipher(enveloped: &BerObject<'_>) -> Option<String> {
    let fields = enveloped.as_sequence().ok()?;
    let after_recipients = fields
        .iter()
        .position(|f| matches!(f.content, BerObjectContent::Set(_)))?
        + 1;
    let content_info = fields.get(after_recipients)?.as_sequence().ok()?;
    let algorithm = content_info.get(1)?.as_sequence().ok()?;
    let oid = algorithm.first()?.as_oid().ok()?.to_id_string();
    Some(cipher_name(&oid).map_or(oid, str::to_owned))
}

/// SignedData: a detached signature has no eContent in its encapContentInfo.
fn signed_content(signed: &BerObject<'_>) -> Parsed {
    let Ok(fields) = signed.as_sequence() else {
        return Parsed::Invalid("CMS structure that does not parse");
    };
    // version, digestAlgorithms SET, encapContentInfo SEQUENCE { eContentType, [0] eContent OPTIONAL }
    let encapsulated = fields
        .iter()
        .skip(2)
        .find_map(|f| f.as_sequence().ok())
        .map_or(0, Vec::len);
    if encapsulated > 1 {
        Parsed::Opaque
    } else {
        Parsed::Signature
    }
}

/// Names of the content ciphers S/MIME clients use (RFC 3565, RFC 5084, RFC 8018).
fn cipher_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.16.840.1.101.3.4.1.2" => "aes128-cbc",
        "2.16.840.1.101.3.4.1.22" => "aes192-cbc",
        "2.16.840.1.101.3.4.1.42" => "aes256-cbc",
        "2.16.840.1.101.3.4.1.6" => "aes128-gcm",
        "2.16.840.1.101.3.4.1.26" => "aes192-gcm",
        "2.16.840.1.101.3.4.1.46" => "aes256-gcm",
        "2.16.840.1.101.3.4.1.7" => "aes128-ccm",
        "2.16.840.1.101.3.4.1.47" => "aes256-ccm",
        "1.3.14.3.2.7" => "des-cbc",
        "1.2.840.113549.3.7" => "des-ede3-cbc",
        "1.2.840.113549.3.2" => "rc2-cbc",
        "1.2.840.113549.3.4" => "rc4",
        "1.2.840.113549.1.9.16.3.18" => "chacha20-poly1305",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_bytes_are_not_encryption() {
        assert_eq!(recognise(b"bonjour", Some("note.asc")), None);
        assert_eq!(recognise(b"\x85\x01garbage", Some("photo.jpg")), None);
        assert_eq!(recognise(b"0\x03\x02\x01\x00", None), None);
    }

    #[test]
    fn broken_openpgp_is_invalid() {
        let armored = format!("{ARMOR_BEGIN}\n\nnot base64 at all !!!\n{ARMOR_END}\n");
        assert!(matches!(
            recognise(armored.as_bytes(), None),
            Some((Scheme::OpenPgp, Parsed::Invalid(_)))
        ));
        assert!(matches!(
            recognise(b"\x85\x01\x0c", Some("x.gpg")),
            Some((Scheme::OpenPgp, Parsed::Invalid(_)))
        ));
    }

    #[test]
    fn the_legacy_container_without_integrity_protection_is_reported_as_such() {
        // SKESK v4 (AES-256, simple S2K, SHA-1), then a tag 9 packet (EFAIL-prone).
        let mut bytes = b"\x8C\x04\x04\x09\x00\x02\xA4\x10".to_vec();
        bytes.extend_from_slice(&[0x5A; 16]);
        assert_eq!(
            recognise(&bytes, Some("resultats.gpg")),
            Some((Scheme::OpenPgp, Parsed::Encrypted("sed".into())))
        );
        // The same container without a session key packet does not make a message.
        assert!(matches!(openpgp_message(&bytes[6..]), Parsed::Invalid(_)));
    }

    #[test]
    fn broken_cms_is_invalid() {
        let mut der = b"\x30\x0D".to_vec();
        der.extend_from_slice(OID_ENVELOPED);
        der.extend_from_slice(b"\xA0\x00");
        assert_eq!(
            recognise(&der, None),
            Some((
                Scheme::Smime,
                Parsed::Invalid("CMS structure that does not parse")
            ))
        );
    }

    #[test]
    fn armored_block_is_cut_out_of_its_text() {
        let text = format!("Bonjour,\n{ARMOR_BEGIN}\nabc\n{ARMOR_END}\nMerci");
        let (before, block, after) = armored_block(&text).unwrap();
        assert_eq!(before, "Bonjour,\n");
        assert!(block.starts_with(ARMOR_BEGIN) && block.ends_with(ARMOR_END));
        assert_eq!(after, "\nMerci");
    }
}
