//! Checks on a received message before anything else reads it, and the one header Sentinelle
//! adds. Pure functions over the raw bytes.

use std::time::SystemTime;

use crate::envelope::SessionFacts;

/// Why a received message is refused before the checkpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Malformed {
    /// A CR not followed by LF, or an LF not preceded by CR (SMTP smuggling, RFC 5321 §2.3.8).
    BareNewline,
    /// A header line longer than the limit (RFC 5322 §2.1.1).
    HeaderLineTooLong,
}

/// Refuses bare CR or LF anywhere, and header lines over `max_header_line` octets.
///
/// Smuggling (CVE-2023-51764 class) relies on a receiver that ends DATA on `<LF>.<LF>` or
/// `<CR>.<CR>`; Sentinelle ends DATA only on `<CRLF>.<CRLF>`, and refuses any message that
/// still contains a bare CR or LF, so no lenient upstream can see a second message.
pub fn check(raw: &[u8], max_header_line: usize) -> Result<(), Malformed> {
    for pos in memchr::memchr2_iter(b'\r', b'\n', raw) {
        let ok = match raw[pos] {
            b'\r' => raw.get(pos + 1) == Some(&b'\n'),
            _ => pos > 0 && raw.get(pos - 1) == Some(&b'\r'),
        };
        if !ok {
            return Err(Malformed::BareNewline);
        }
    }
    let header_end = memchr::memmem::find(raw, b"\r\n\r\n").map_or(raw.len(), |p| p + 2);
    let headers = raw.get(..header_end).unwrap_or(raw);
    if headers
        .split(|&b| b == b'\n')
        .any(|line| line.len().saturating_sub(1) > max_header_line)
    {
        return Err(Malformed::HeaderLineTooLong);
    }
    Ok(())
}

/// The Received trace header (RFC 5321 §4.4) Sentinelle prepends. It names no recipient
/// ("for" would disclose Bcc recipients to the others).
pub fn received_header(
    facts: &SessionFacts,
    hostname: &str,
    esmtp: bool,
    now: SystemTime,
) -> Vec<u8> {
    let protocol = match (
        esmtp,
        facts.tls_version.is_some(),
        facts.authenticated_as.is_some(),
    ) {
        (false, _, _) => "SMTP",
        (true, false, _) => "ESMTP",
        (true, true, false) => "ESMTPS",
        (true, true, true) => "ESMTPSA",
    };
    let helo: String = facts
        .helo
        .chars()
        .filter(|c| c.is_ascii_graphic())
        .take(255)
        .collect();
    let tls = facts
        .tls_version
        .map(|v| format!("\r\n\t(using {v})"))
        .unwrap_or_default();
    let date = time::OffsetDateTime::from(now)
        .format(&time::format_description::well_known::Rfc2822)
        .unwrap_or_default();
    format!(
        "Received: from {helo} ([{ip}]){tls}\r\n\tby {hostname} (Sentinelle) with {protocol} id {id};\r\n\t{date}\r\n",
        ip = facts.client_ip,
        id = facts.session_id,
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::envelope::Mode;

    #[test]
    fn smuggling_bare_lf_and_bare_cr_are_refused() {
        assert_eq!(
            check(b"a\r\nb\n.\nMAIL FROM:<x>\r\n", 998),
            Err(Malformed::BareNewline)
        );
        assert_eq!(check(b"a\r\nb\r.\rc\r\n", 998), Err(Malformed::BareNewline));
        assert_eq!(check(b"\nstart\r\n", 998), Err(Malformed::BareNewline));
        assert_eq!(check(b"end\r", 998), Err(Malformed::BareNewline));
        assert_eq!(check(b"ok\r\n\r\nbody\r\n", 998), Ok(()));
    }

    #[test]
    fn long_header_lines_are_refused_but_long_body_lines_are_not() {
        let long = "x".repeat(999);
        let msg = format!("Subject: {long}\r\n\r\nbody\r\n");
        assert_eq!(
            check(msg.as_bytes(), 998),
            Err(Malformed::HeaderLineTooLong)
        );
        let msg = format!("Subject: a\r\n\r\n{long}{long}\r\n");
        assert_eq!(check(msg.as_bytes(), 998), Ok(()));
        let exact = format!("{}\r\n\r\n", "y".repeat(998));
        assert_eq!(check(exact.as_bytes(), 998), Ok(()));
    }

    #[test]
    fn received_header_names_protocol_and_session() {
        let facts = SessionFacts {
            session_id: "abc".into(),
            mode: Mode::Submission,
            client_ip: "127.0.0.1".parse().unwrap(),
            helo: "client\u{7}.example".into(),
            tls_version: Some("TLSv1.3"),
            client_cert_subject: None,
            authenticated_as: Some("a@b".into()),
        };
        let header = String::from_utf8(received_header(
            &facts,
            "sentinelle.test",
            true,
            SystemTime::UNIX_EPOCH,
        ))
        .unwrap();
        assert!(header.starts_with("Received: from client.example ([127.0.0.1])\r\n\t(using TLSv1.3)\r\n\tby sentinelle.test (Sentinelle) with ESMTPSA id abc;\r\n\t"));
        assert!(header.ends_with("1970 00:00:00 +0000\r\n"), "{header}");
        assert!(!header.contains("a@b"));
    }
}
