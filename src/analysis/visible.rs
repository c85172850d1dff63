//! What a reader sees of a message besides its body (issue 10, classes 1 and 2): every
//! header field a mail program can show (Subject, Comments, Keywords, Thread-Topic, the
//! display names and addresses of From/To/Cc/Reply-To, any other unstructured field such
//! as `X-Patient`), and each attachment's file names and description, all decoded leniently
//! ([`super::rfc2047`]). Fields that only machines read (trace, authentication, routing,
//! identifiers, MIME structure, Exchange and Google bookkeeping) are left out: they are not
//! shown, and their tokens would only make noise. Pure.

use mail_parser::{Header, MimeHeaders};

use super::mime::Location;
use super::rfc2047;

/// Fields that mail programs do not show, by exact name (lowercase).
const MACHINE_FIELDS: &[&str] = &[
    "received",
    "return-path",
    "delivered-to",
    "x-original-to",
    "envelope-to",
    "dkim-signature",
    "domainkey-signature",
    "authentication-results",
    "received-spf",
    "message-id",
    "in-reply-to",
    "references",
    "resent-message-id",
    "date",
    "resent-date",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
    "content-disposition",
    "content-id",
    "content-language",
    "content-length",
    "thread-index",
    "autocrypt",
    "openpgp",
    "list-unsubscribe",
    "list-unsubscribe-post",
    "feedback-id",
    "x-originating-ip",
    "x-received",
    "importance",
    "priority",
    "x-priority",
    "precedence",
    "auto-submitted",
    "accept-language",
];

/// Field name prefixes that mail programs do not show (lowercase).
const MACHINE_PREFIXES: &[&str] = &[
    "arc-",
    "x-ms-",
    "x-microsoft-",
    "x-forefront-",
    "x-eop",
    "x-google-",
    "x-gm-",
    "x-spam",
    "x-virus",
    "x-proofpoint-",
    "x-sentinelle-",
];

/// True when mail programs may show the field `name`.
pub fn shown(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    !MACHINE_FIELDS.contains(&name.as_str())
        && !MACHINE_PREFIXES.iter().any(|p| name.starts_with(p))
}

/// The visible header fields of a message (`headers` with offsets into `raw`), as located
/// texts: every shown field but the Subject under `{path}headers`, then the Subject under
/// `{path}subject` (last, so that it sits next to the body it is scanned with).
pub fn fields(headers: &[Header<'_>], raw: &[u8], path: &str) -> Vec<(Location, String)> {
    let mut others = String::new();
    let mut subject = None;
    for header in headers {
        let name = header.name.as_str();
        if !shown(name) {
            continue;
        }
        let Some(value) = raw.get(header.offset_start as usize..header.offset_end as usize) else {
            continue;
        };
        let decoded = rfc2047::decode(value);
        let text = decoded.trim();
        if text.is_empty() {
            continue;
        }
        if name.eq_ignore_ascii_case("subject") {
            subject.get_or_insert_with(|| text.to_owned());
        } else {
            others.push_str(text);
            others.push('\n');
        }
    }
    let mut out = Vec::new();
    if !others.is_empty() {
        out.push((located(path, "headers", None), others));
    }
    if let Some(subject) = subject {
        out.push((located(path, "subject", None), subject));
    }
    out
}

fn located(path: &str, what: &str, filename: Option<&str>) -> Location {
    let part = if path.is_empty() {
        what.to_owned()
    } else {
        format!("{path}.{what}")
    };
    Location {
        part,
        filename: filename.map(str::to_owned),
    }
}

/// What a reader sees of one MIME part besides its content: its file names (the
/// Content-Disposition `filename` and the Content-Type `name`, which may differ; RFC 2231
/// and encoded words are decoded by mail-parser, and again leniently here when it left a
/// broken word) and its Content-Description. Underscores and plus signs become spaces, as
/// people read them ("Gagnon_Marie_NAM.pdf").
pub fn part_names<'x>(part: &impl MimeHeaders<'x>) -> String {
    let mut text = String::new();
    let names = [
        part.content_disposition()
            .and_then(|d| d.attribute("filename")),
        part.content_type().and_then(|t| t.attribute("name")),
        part.content_description(),
    ];
    for name in names.into_iter().flatten() {
        let decoded = if name.contains("=?") {
            rfc2047::decode(name.as_bytes())
        } else {
            name.to_owned()
        };
        let readable = decoded.replace(['_', '+'], " ");
        if !text.contains(&readable) {
            text.push_str(&readable);
            text.push('\n');
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use mail_parser::MessageParser;

    #[test]
    fn shown_fields_decoded_subject_last_machine_fields_left_out() {
        let raw = b"Received: from x by y; TREG 5401 0114\r\nSubject: =?utf-8?q?suivi_diab=C3=A8te?=\r\nFrom: \"=?utf-8?q?Gagnon_Marie?=\" <a@b.example>\r\nX-Patient: =?utf-8?q?TREG_5401=XX?=\r\nX-MS-Exchange-Organization-SCL: 1\r\nComments: note\r\n\r\nbody\r\n";
        let message = MessageParser::new().parse(raw).unwrap();
        let fields = fields(message.headers(), &message.raw_message, "");
        assert_eq!(fields.len(), 2);
        assert_eq!(fields[0].0.part, "headers");
        assert!(fields[0].1.contains("Gagnon Marie"));
        assert!(fields[0].1.contains("TREG 5401=XX"));
        assert!(fields[0].1.contains("note"));
        assert!(!fields[0].1.contains("from x by y"));
        assert!(!fields[0].1.contains("SCL"));
        assert_eq!(
            fields[1],
            (located("", "subject", None), "suivi diabète".to_owned())
        );
    }

    #[test]
    fn file_names_in_every_form() {
        let raw = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: application/pdf; name=\"=?utf-8?q?Gagnon_Marie.pdf?=\"\r\nContent-Disposition: attachment; filename*0*=utf-8''Tremblay%20Ga; filename*1*=ston%C3%A9.pdf\r\nContent-Description: dossier\r\n\r\nx\r\n--b--\r\n";
        let message = MessageParser::new().parse(raw.as_bytes()).unwrap();
        let text = part_names(&message.parts[1]);
        assert!(text.contains("Tremblay Gastoné.pdf"), "{text}");
        assert!(text.contains("Gagnon Marie.pdf"), "{text}");
        assert!(text.contains("dossier"), "{text}");
    }
}
