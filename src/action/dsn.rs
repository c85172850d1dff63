//! Delivery status notifications (RFC 3464) for the recipients refused in per-recipient mode:
//! the message went to the others, and the sender's mail program shows which recipients did
//! not get it and why, in French then in English. The notification carries the original's
//! header fields (RFC 3462 text/rfc822-headers), never its body.

use std::fmt::Write as _;
use std::time::SystemTime;

use crate::action::encrypt::split;
use crate::smtp::reply::refusal::Refusal;

/// One refused recipient and the words of its refusal.
pub struct Refused<'a> {
    /// The recipient's address.
    pub address: &'a str,
    /// Why.
    pub refusal: &'static Refusal,
}

/// The notification for `sender` about `refused`, from `postmaster@hostname`.
pub fn build(
    hostname: &str,
    sender: &str,
    original: &[u8],
    refused: &[Refused<'_>],
    now: SystemTime,
) -> Vec<u8> {
    let date = time::OffsetDateTime::from(now)
        .format(&time::format_description::well_known::Rfc2822)
        .unwrap_or_default();
    let id = {
        use sha2::Digest as _;
        let mut hasher = sha2::Sha256::new();
        hasher.update(original);
        hasher.update(date.as_bytes());
        let digest = hasher.finalize();
        digest[..12]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    let boundary = format!("sentinelle-dsn-{id}");
    let mut out = String::with_capacity(2048);
    let _ = write!(
        out,
        "From: Sentinelle <postmaster@{hostname}>\r\n\
         To: <{sender}>\r\n\
         Date: {date}\r\n\
         Message-ID: <dsn-{id}@{hostname}>\r\n\
         Subject: =?UTF-8?Q?Non_remis_/_Undelivered?= (DIR04)\r\n\
         Auto-Submitted: auto-replied\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: multipart/report; report-type=delivery-status;\r\n boundary=\"{boundary}\"\r\n\
         \r\n\
         --{boundary}\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         Content-Transfer-Encoding: 8bit\r\n\
         \r\n\
         Votre message a \u{e9}t\u{e9} remis aux autres destinataires, mais pas \u{e0} ceux-ci :\r\n"
    );
    for r in refused {
        let _ = write!(
            out,
            "  {} : {} ({}). Que faire : {}.\r\n",
            r.address, r.refusal.fr, r.refusal.rule, r.refusal.todo_fr
        );
    }
    out.push_str("\r\nYour message was delivered to the other recipients, but not to these:\r\n");
    for r in refused {
        let _ = write!(
            out,
            "  {}: {} ({}). What to do: {}.\r\n",
            r.address, r.refusal.en, r.refusal.rule, r.refusal.todo_en
        );
    }
    let _ = write!(
        out,
        "\r\n--{boundary}\r\n\
         Content-Type: message/delivery-status\r\n\
         \r\n\
         Reporting-MTA: dns; {hostname}\r\n\
         Arrival-Date: {date}\r\n"
    );
    for r in refused {
        let _ = write!(
            out,
            "\r\nFinal-Recipient: rfc822; {}\r\n\
             Action: failed\r\n\
             Status: 5.7.1\r\n\
             Diagnostic-Code: smtp; 550 5.7.1 {} ({})\r\n",
            r.address, r.refusal.en, r.refusal.rule
        );
    }
    let _ = write!(
        out,
        "\r\n--{boundary}\r\nContent-Type: text/rfc822-headers\r\n\r\n"
    );
    let mut bytes = out.into_bytes();
    let (fields, _) = split(original);
    for field in fields {
        bytes.extend_from_slice(field);
    }
    bytes.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::smtp::reply::refusal;

    #[test]
    fn the_notice_names_each_refused_recipient_and_keeps_no_body() {
        let original = b"From: a@ssss.gouv.qc.ca\r\nSubject: Suivi\r\n\r\nNAM TREG 5401 0114\r\n";
        let notice = build(
            "sentinelle.test",
            "a@ssss.gouv.qc.ca",
            original,
            &[Refused {
                address: "x@gmail.com",
                refusal: &refusal::WEBMAIL,
            }],
            SystemTime::UNIX_EPOCH,
        );
        let text = String::from_utf8(notice).unwrap();
        assert!(text.contains("report-type=delivery-status"));
        assert!(
            text.contains(
                "Final-Recipient: rfc822; x@gmail.com\r\nAction: failed\r\nStatus: 5.7.1"
            )
        );
        assert!(
            text.contains("Subject: Suivi\r\n"),
            "original header fields"
        );
        assert!(!text.contains("TREG"), "no body");
        assert!(text.find("Que faire").unwrap() < text.find("What to do").unwrap());
        let parsed = mail_parser::MessageParser::new()
            .parse(text.as_bytes())
            .unwrap();
        assert_eq!(parsed.parts.len(), 4, "report, text, status, headers");
    }
}
