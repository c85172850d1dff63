//! Gateway encryption: a message becomes PGP/MIME (RFC 3156) for one recipient's certificate,
//! with the whole original MIME entity (its Content-* header fields and body, attachments
//! included) inside, encrypted with sequoia-openpgp. The other header fields stay outside so
//! the message can be delivered and threaded; the subject loses its encryption tags.

use std::io::Write as _;
use std::time::SystemTime;

use base64::Engine as _;
use sequoia_openpgp as openpgp;

use openpgp::Cert;
use openpgp::policy::StandardPolicy;
use openpgp::serialize::stream::{Armorer, Encryptor, LiteralWriter, Message};

/// Why a message could not be encrypted.
#[derive(Debug, thiserror::Error)]
pub enum EncryptError {
    /// The certificate has no usable encryption subkey at that time.
    #[error("the certificate has no usable encryption key")]
    NoKey,
    /// Sequoia refused (the message is never part of the error).
    #[error("OpenPGP encryption failed: {0}")]
    OpenPgp(String),
}

/// Header fields that describe the MIME entity: they go inside the encryption.
fn is_content_field(name: &[u8]) -> bool {
    let name = name.to_ascii_lowercase();
    name.starts_with(b"content-")
}

/// The header fields of `raw` (each with its folded continuation lines and CRLF) and the body.
pub fn split(raw: &[u8]) -> (Vec<&[u8]>, &[u8]) {
    let mut fields: Vec<&[u8]> = Vec::new();
    let mut at = 0;
    while at < raw.len() {
        let line_end = memchr::memchr(b'\n', &raw[at..]).map_or(raw.len(), |e| at + e + 1);
        let line = &raw[at..line_end];
        if line == b"\r\n" || line == b"\n" {
            return (fields, &raw[line_end..]);
        }
        let continuation = matches!(line.first(), Some(b' ' | b'\t'));
        match fields.last_mut() {
            Some(last) if continuation => {
                // Extend the previous field over this line (same buffer, contiguous).
                let start = last.as_ptr() as usize - raw.as_ptr() as usize;
                *last = &raw[start..line_end];
            }
            _ => fields.push(line),
        }
        at = line_end;
    }
    (fields, &raw[raw.len()..])
}

fn field_name(field: &[u8]) -> &[u8] {
    let end = memchr::memchr(b':', field).unwrap_or(field.len());
    field[..end].trim_ascii()
}

/// A Subject header field for `subject`: as is in ASCII, else one RFC 2047 encoded word per
/// chunk of UTF-8.
fn subject_field(subject: &str) -> Vec<u8> {
    if subject.is_ascii() {
        return format!("Subject: {subject}\r\n").into_bytes();
    }
    let mut field = String::from("Subject:");
    let mut chunk = String::new();
    let flush = |field: &mut String, chunk: &mut String| {
        if !chunk.is_empty() {
            let encoded = base64::engine::general_purpose::STANDARD.encode(chunk.as_bytes());
            field.push_str(&format!(" =?UTF-8?B?{encoded}?=\r\n"));
            chunk.clear();
        }
    };
    for c in subject.chars() {
        if chunk.len() + c.len_utf8() > 45 {
            flush(&mut field, &mut chunk);
        }
        chunk.push(c);
    }
    flush(&mut field, &mut chunk);
    // Continuation lines start with the space already written before each word.
    field.into_bytes()
}

/// Encrypts `raw` for `cert` as a PGP/MIME message. `subject` is the message's decoded
/// subject with the encryption tags already removed (`None`: keep the Subject field as is).
pub fn pgp_mime(
    raw: &[u8],
    cert: &Cert,
    subject: Option<&str>,
    now: SystemTime,
) -> Result<Vec<u8>, EncryptError> {
    let (fields, body) = split(raw);
    let mut inner = Vec::with_capacity(raw.len() + 64);
    let mut outer = Vec::with_capacity(1024);
    for field in &fields {
        let name = field_name(field);
        if is_content_field(name) {
            inner.extend_from_slice(field);
        } else if name.eq_ignore_ascii_case(b"mime-version")
            || (name.eq_ignore_ascii_case(b"subject") && subject.is_some())
        {
            continue;
        } else {
            outer.extend_from_slice(field);
        }
    }
    inner.extend_from_slice(b"\r\n");
    inner.extend_from_slice(body);
    if let Some(subject) = subject {
        outer.extend_from_slice(&subject_field(subject));
    }
    let armored = encrypt(&inner, cert, now)?;
    let boundary = format!("sentinelle-{}", hex_id(&armored));
    outer.extend_from_slice(
        format!(
            "MIME-Version: 1.0\r\n\
             Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\";\r\n boundary=\"{boundary}\"\r\n\
             \r\n\
             Ce message est chiffre avec OpenPGP. / This is an OpenPGP/MIME encrypted message (RFC 3156).\r\n\
             --{boundary}\r\n\
             Content-Type: application/pgp-encrypted\r\n\
             Content-Description: PGP/MIME version identification\r\n\
             \r\n\
             Version: 1\r\n\
             \r\n\
             --{boundary}\r\n\
             Content-Type: application/octet-stream; name=\"encrypted.asc\"\r\n\
             Content-Description: OpenPGP encrypted message\r\n\
             Content-Disposition: inline; filename=\"encrypted.asc\"\r\n\
             \r\n"
        )
        .as_bytes(),
    );
    // Armor lines end in LF; mail needs CRLF. The blank line after the armor header line is
    // part of the format (RFC 9580 §6.2): only the trailing newline is dropped.
    let armored = armored.strip_suffix(b"\n").unwrap_or(&armored);
    for line in armored.split(|&b| b == b'\n') {
        outer.extend_from_slice(line.strip_suffix(b"\r").unwrap_or(line));
        outer.extend_from_slice(b"\r\n");
    }
    outer.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    Ok(outer)
}

/// A boundary that cannot occur in base64 armor text ("-" is not in its alphabet).
fn hex_id(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(bytes);
    digest[..12].iter().map(|b| format!("{b:02x}")).collect()
}

fn encrypt(data: &[u8], cert: &Cert, now: SystemTime) -> Result<Vec<u8>, EncryptError> {
    let failed = |e: anyhow::Error| EncryptError::OpenPgp(e.to_string());
    let policy = StandardPolicy::new();
    let recipients: Vec<_> = cert
        .keys()
        .with_policy(&policy, now)
        .supported()
        .alive()
        .revoked(false)
        .for_transport_encryption()
        .collect();
    if recipients.is_empty() {
        return Err(EncryptError::NoKey);
    }
    let mut sink = Vec::with_capacity(data.len() * 4 / 3 + 1024);
    {
        let message = Message::new(&mut sink);
        let message = Armorer::new(message).build().map_err(failed)?;
        let message = Encryptor::for_recipients(message, recipients)
            .build()
            .map_err(failed)?;
        let mut literal = LiteralWriter::new(message).build().map_err(failed)?;
        literal
            .write_all(data)
            .map_err(|e| EncryptError::OpenPgp(e.to_string()))?;
        literal.finalize().map_err(failed)?;
    }
    Ok(sink)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::encryption::{self, Parsed, Scheme};
    use crate::rules::keyring::tests::cert;

    const RAW: &[u8] = b"From: a@ssss.gouv.qc.ca\r\nTo: b@clinique.example\r\nSubject: [chiffre] Suivi\r\n\tde Mme X\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nBonjour\r\n";

    #[test]
    fn split_keeps_folded_fields_whole() {
        let (fields, body) = split(RAW);
        assert_eq!(fields.len(), 6);
        assert_eq!(fields[2], b"Subject: [chiffre] Suivi\r\n\tde Mme X\r\n");
        assert_eq!(body, b"Bonjour\r\n");
    }

    #[test]
    fn a_non_ascii_subject_is_written_as_encoded_words() {
        assert_eq!(
            subject_field("Résultats"),
            b"Subject: =?UTF-8?B?UsOpc3VsdGF0cw==?=\r\n"
        );
    }

    #[test]
    fn the_encrypted_version_is_pgp_mime_with_headers_outside() {
        let cert = cert("b@clinique.example");
        let out = pgp_mime(RAW, &cert, Some("Suivi de Mme X"), SystemTime::now()).unwrap();
        let text = String::from_utf8(out.clone()).unwrap();
        assert!(text.starts_with("From: a@ssss.gouv.qc.ca\r\nTo: b@clinique.example\r\n"));
        assert!(text.contains("Subject: Suivi de Mme X\r\n"));
        assert!(text.contains("multipart/encrypted"));
        assert!(!text.contains("Bonjour"));
        assert!(!text.contains("charset=utf-8"));
        assert!(!text.contains("\n\n") && !text.contains("\r\r"));
        // Sentinelle's own analysis recognises what it wrote.
        let armor = &text[text.find("-----BEGIN PGP MESSAGE").unwrap()..];
        assert_eq!(
            encryption::recognise(armor.as_bytes(), None),
            Some((Scheme::OpenPgp, Parsed::Encrypted("seipd_v1".into())))
        );
    }

    #[test]
    fn a_certificate_advertising_seipdv2_gets_seipdv2() {
        use openpgp::cert::CertBuilder;
        let created = SystemTime::now() - std::time::Duration::from_secs(60);
        let (cert, _) = CertBuilder::general_purpose(Some("<v6@clinique.example>"))
            .set_creation_time(created)
            .generate()
            .unwrap();
        let out = pgp_mime(RAW, &cert, None, SystemTime::now()).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("Subject: [chiffre] Suivi\r\n\tde Mme X\r\n"));
        let armor = &text[text.find("-----BEGIN PGP MESSAGE").unwrap()..];
        assert_eq!(
            encryption::recognise(armor.as_bytes(), None),
            Some((Scheme::OpenPgp, Parsed::Encrypted("seipd_v2".into())))
        );
    }
}
