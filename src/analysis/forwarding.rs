//! Auto-forwarding (DIR04 art. 6 (5)): which traces of a mailbox rule, a redirect or a
//! forwarding address a message carries, from the signals of rules/forwarding.toml, plus an
//! SRS-rewritten envelope sender. An automatic reply (out of office) is never an
//! auto-forward; a forward typed by a person leaves no signal.

use mail_parser::MessageParser;
use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use crate::text_error::TextError;

/// The file name under the rules directory.
pub const FILE: &str = "forwarding.toml";

/// The shipped signals (rules/forwarding.toml at build time).
pub const EMBEDDED: &str = include_str!("../../rules/forwarding.toml");

/// What the message's traces say.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Forwarding {
    /// The ids of the signals that fired, in rule order.
    pub signals: Vec<String>,
}

impl Forwarding {
    /// True when at least one signal fired.
    pub fn auto_forwarded(&self) -> bool {
        !self.signals.is_empty()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSignals {
    #[serde(default)]
    auto_reply: Vec<RawMatch>,
    #[serde(default)]
    mailing_list: Vec<RawMatch>,
    #[serde(default)]
    signal: Vec<RawSignal>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMatch {
    header: String,
    value: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSignal {
    id: Spanned<String>,
    header: String,
    value: Option<Spanned<String>>,
    #[serde(default)]
    list_copy_too: bool,
}

struct Match {
    header: String,
    value: Option<Regex>,
}

impl Match {
    fn fires(&self, headers: &[(String, String)]) -> bool {
        headers.iter().any(|(name, value)| {
            name.eq_ignore_ascii_case(&self.header)
                && self.value.as_ref().is_none_or(|re| re.is_match(value))
        })
    }
}

/// The compiled signals.
pub struct Signals {
    auto_reply: Vec<Match>,
    mailing_list: Vec<Match>,
    /// (id, match, also found on a mailing list's copies).
    signals: Vec<(String, Match, bool)>,
}

impl std::fmt::Debug for Signals {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signals")
            .field("signals", &self.signals.len())
            .finish_non_exhaustive()
    }
}

impl Signals {
    /// Parses signals text.
    pub fn parse(text: &str) -> Result<Signals, TextError> {
        let raw: RawSignals = toml::from_str(text).map_err(|e| TextError::toml(text, &e))?;
        let compile = |header: String,
                       value: Option<Spanned<String>>|
         -> Result<Match, TextError> {
            let value = value
                .map(|v| {
                    Regex::new(v.get_ref())
                        .map_err(|e| TextError::at(text, v.span().start, format!("{header}: {e}")))
                })
                .transpose()?;
            Ok(Match { header, value })
        };
        let auto_reply = raw
            .auto_reply
            .into_iter()
            .map(|m| compile(m.header, m.value))
            .collect::<Result<_, _>>()?;
        let mailing_list = raw
            .mailing_list
            .into_iter()
            .map(|m| compile(m.header, m.value))
            .collect::<Result<_, _>>()?;
        let mut signals = Vec::new();
        for s in raw.signal {
            let id = s.id.get_ref();
            if id.is_empty() || signals.iter().any(|(known, _, _)| known == id) {
                let message = format!("signal id {id:?} must be unique");
                return Err(TextError::at(text, s.id.span().start, message));
            }
            let id = s.id.get_ref().clone();
            signals.push((id, compile(s.header, s.value)?, s.list_copy_too));
        }
        Ok(Signals {
            auto_reply,
            mailing_list,
            signals,
        })
    }

    /// The auto-forwarding signals of a message: its raw bytes, its envelope sender, and
    /// which addresses are mailboxes of the establishment (`internal`).
    pub fn read(&self, raw: &[u8], mail_from: &str, internal: &dyn Fn(&str) -> bool) -> Forwarding {
        let headers: Vec<(String, String)> = MessageParser::new()
            .parse_headers(raw)
            .map(|m| {
                m.headers_raw()
                    .map(|(n, v)| (n.to_owned(), v.trim().to_owned()))
                    .collect()
            })
            .unwrap_or_default();
        if self.auto_reply.iter().any(|m| m.fires(&headers)) {
            return Forwarding::default();
        }
        // A list server's copy carries fields that a resend also leaves (Sympa's X-Loop):
        // those signals say nothing there. A list message that a mailbox rule then forwarded
        // still carries the forwarder's own traces.
        let list_copy = self.mailing_list.iter().any(|m| m.fires(&headers));
        let mut signals: Vec<String> = self
            .signals
            .iter()
            .filter(|(_, m, list_copy_too)| !(list_copy && *list_copy_too) && m.fires(&headers))
            .map(|(id, _, _)| id.clone())
            .collect();
        // Sender Rewriting Scheme: a forwarder rewrote the envelope sender.
        let local = mail_from.split('@').next().unwrap_or("");
        let srs = local.get(..5).is_some_and(|prefix| {
            prefix.eq_ignore_ascii_case("SRS0=") || prefix.eq_ignore_ascii_case("SRS1=")
        });
        if srs && local.len() > 5 {
            signals.push("srs_envelope_sender".to_owned());
        }
        // Evidence of local delivery: a message already delivered to one of the
        // establishment's mailboxes and now sent on was re-sent by a .forward, a Sieve or
        // procmail rule or a mail program's "redirect" (DIR04 art. 6 (5)).
        let delivered = headers.iter().any(|(name, value)| {
            (name.eq_ignore_ascii_case("Delivered-To")
                || name.eq_ignore_ascii_case("X-Original-To"))
                && internal(value.trim().trim_start_matches('<').trim_end_matches('>'))
        });
        if delivered && !list_copy {
            signals.push("delivered_to_internal_mailbox".to_owned());
        }
        Forwarding { signals }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signals() -> Signals {
        Signals::parse(EMBEDDED).unwrap()
    }

    fn read(headers: &str, mail_from: &str) -> Vec<String> {
        let raw = format!("{headers}From: a@ssss.gouv.qc.ca\r\nSubject: x\r\n\r\nbody\r\n");
        signals()
            .read(raw.as_bytes(), mail_from, &|a| {
                a.ends_with("@ssss.gouv.qc.ca")
            })
            .signals
    }

    #[test]
    fn traces_of_each_system_are_recognised() {
        assert_eq!(
            read("X-MS-Exchange-Organization-AutoForwarded: true\r\n", "a@x"),
            vec!["exchange_autoforwarded"]
        );
        assert_eq!(
            read(
                "X-MS-Exchange-Generated-Message-Source: Mailbox Rules Agent\r\nX-MS-Exchange-Inbox-Rules-Loop: a@ssss.gouv.qc.ca\r\n",
                "a@x"
            ),
            vec!["exchange_mailbox_rules_agent", "exchange_inbox_rules_loop"]
        );
        assert_eq!(
            read("X-Forwarded-To: x@gmail.com\r\n", "a@x"),
            vec!["gmail_forwarded_to"]
        );
        assert_eq!(
            read("X-Sieve-Redirected-From: a@x\r\n", "a@x"),
            vec!["sieve_redirected"]
        );
        assert_eq!(
            read(
                "Resent-From: a@x\r\nResent-To: b@y\r\nResent-Date: Mon, 23 Nov 2026 10:00:00 -0500\r\n",
                "a@x"
            ),
            vec!["resent", "resent_to"]
        );
        assert_eq!(read("X-Loop: a@x\r\n", "a@x"), vec!["procmail_loop"]);
        assert_eq!(
            read("", "SRS0=HHH=TT=example.org=a@fwd.example"),
            vec!["srs_envelope_sender"]
        );
    }

    #[test]
    fn a_person_forwarding_or_an_out_of_office_is_not_an_auto_forward() {
        assert!(read("", "a@ssss.gouv.qc.ca").is_empty());
        let raw = b"From: a@x\r\nSubject: TR: resultats\r\n\r\n---------- Message transfere ----------\r\n";
        assert!(!signals().read(raw, "a@x", &|_| true).auto_forwarded());
        // Exchange keeps its loop counter on automatic replies too.
        assert!(
            read(
                "Auto-Submitted: auto-replied\r\nX-MS-Exchange-Inbox-Rules-Loop: a@x\r\n",
                "a@x"
            )
            .is_empty()
        );
        assert!(read("X-Autoreply: yes\r\nX-Forwarded-To: b@y\r\n", "a@x").is_empty());
    }

    #[test]
    fn mailing_list_copies_are_not_auto_forwards() {
        // Sympa marks the copies it distributes with X-Loop; Mailman with List-Id and
        // Precedence; both rewrite the envelope sender with VERP, which is not SRS.
        let sympa = "List-Id: <cmdh.listes.ssss.gouv.qc.ca>\r\nX-Loop: cmdh@listes.ssss.gouv.qc.ca\r\nPrecedence: list\r\n";
        assert!(read(sympa, "cmdh-owner@listes.ssss.gouv.qc.ca").is_empty());
        let mailman = "List-Id: Comite <comite.example.org>\r\nList-Post: <mailto:comite@example.org>\r\nPrecedence: list\r\n";
        assert!(read(mailman, "comite-bounces+b=x.example@example.org").is_empty());
        // Without list headers the same X-Loop is procmail's.
        assert_eq!(read("X-Loop: b@x\r\n", "a@x"), vec!["procmail_loop"]);
        // A list message that an inbox rule sent on is still an auto-forward.
        let forwarded = format!("{sympa}X-MS-Exchange-Organization-AutoForwarded: true\r\n");
        assert_eq!(read(&forwarded, "a@x"), vec!["exchange_autoforwarded"]);
    }

    #[test]
    fn delivered_to_an_internal_mailbox_then_sent_on_is_an_auto_forward() {
        // A .forward, a Sieve redirect or a mail program's "redirect" keeps the trace of
        // the local delivery.
        for trace in [
            "Delivered-To: dre.gagnon@ssss.gouv.qc.ca\r\n",
            "X-Original-To: <dre.gagnon@ssss.gouv.qc.ca>\r\n",
        ] {
            assert_eq!(read(trace, "a@x"), vec!["delivered_to_internal_mailbox"]);
        }
        // Delivered elsewhere, or a list's copy: no.
        assert!(read("Delivered-To: someone@gmail.com\r\n", "a@x").is_empty());
        let list = "List-Id: <cmdh.listes.ssss.gouv.qc.ca>\r\nPrecedence: list\r\nDelivered-To: dre.gagnon@ssss.gouv.qc.ca\r\n";
        assert!(read(list, "a@x").is_empty());
    }

    #[test]
    fn bad_rules_are_refused_with_their_place() {
        let err =
            Signals::parse("[[signal]]\nid = \"a\"\nheader = \"X\"\nvalue = \"(\"\n").unwrap_err();
        assert!(err.to_string().starts_with("4:9: X:"), "{err}");
        let err = Signals::parse(
            "[[signal]]\nid = \"a\"\nheader = \"X\"\n[[signal]]\nid = \"a\"\nheader = \"Y\"\n",
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("5:6: signal id"), "{err}");
        assert!(err.to_string().contains("unique"), "{err}");
    }
}
