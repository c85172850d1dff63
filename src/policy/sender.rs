//! DIR04 art. 6 (2): confidential exchanges use the corporate account only. In submission
//! mode the envelope sender and every header From and Sender address must be the
//! authenticated account's own address or one of its configured aliases, and the message
//! may have only one From field and at most one Sender field.
//!
//! Pure: the SMTP core calls [`SenderRule::allows`] at MAIL FROM, the policy calls
//! [`SenderRule::check_header_from`] on the received message's header facts.

use std::collections::HashMap;

use crate::analysis::HeaderFacts;
use crate::config::SubmissionConfig;
use crate::envelope::{Mode, SessionFacts};

/// Why the sender rule refuses a message (each has its own words in the reply).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fault {
    /// More than one From or more than one Sender field.
    SeveralFields,
    /// A From or Sender mailbox that is not the account's, or no From at all.
    NotAccount,
}

/// Which addresses each authenticated account may send as.
#[derive(Debug, Clone, Default)]
pub struct SenderRule {
    default_domain: Option<String>,
    aliases: HashMap<String, Vec<String>>,
}

impl SenderRule {
    /// Builds the rule from the submission settings (addresses compared case-insensitively).
    pub fn new(config: &SubmissionConfig) -> Self {
        SenderRule {
            default_domain: config.default_domain.clone(),
            aliases: config
                .aliases
                .iter()
                .map(|(account, list)| {
                    (
                        account.to_ascii_lowercase(),
                        list.iter().map(|a| a.to_ascii_lowercase()).collect(),
                    )
                })
                .collect(),
        }
    }

    /// The corporate address of an account name: itself when it is an address, else
    /// `name@default_domain`.
    pub fn account_address(&self, account: &str) -> Option<String> {
        let account = account.to_ascii_lowercase();
        if account.contains('@') {
            Some(account)
        } else {
            self.default_domain
                .as_ref()
                .map(|domain| format!("{account}@{}", domain.to_ascii_lowercase()))
        }
    }

    /// True when `account` may use `address` as a sender.
    pub fn allows(&self, account: &str, address: &str) -> bool {
        let Some(own) = self.account_address(account) else {
            return false;
        };
        let address = address.to_ascii_lowercase();
        if address == own {
            return true;
        }
        self.aliases
            .get(&own)
            .or_else(|| self.aliases.get(&account.to_ascii_lowercase()))
            .is_some_and(|list| list.contains(&address))
    }

    /// In submission mode, refuses a message with more than one From or Sender field
    /// (RFC 5322 §3.6: readers show one of them, not necessarily the one checked), and one
    /// whose From is missing or any From or Sender mailbox is not the account's.
    pub fn check_header_from(&self, headers: &HeaderFacts, facts: &SessionFacts) -> Option<Fault> {
        if facts.mode != Mode::Submission {
            return None;
        }
        let account = facts.authenticated_as.as_deref()?;
        if headers.from_fields > 1 || headers.sender_fields > 1 {
            return Some(Fault::SeveralFields);
        }
        let unreadable_sender = headers.sender_fields == 1 && headers.sender.is_empty();
        let all_own = headers
            .from
            .iter()
            .chain(&headers.sender)
            .all(|addr| self.allows(account, addr));
        if headers.from.is_empty() || unreadable_sender || !all_own {
            return Some(Fault::NotAccount);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule() -> SenderRule {
        let config = SubmissionConfig {
            default_domain: Some("ssss.gouv.qc.ca".into()),
            aliases: [(
                "marc.tremblay@ssss.gouv.qc.ca".to_owned(),
                vec!["Dr.Tremblay@ssss.gouv.qc.ca".to_owned()],
            )]
            .into(),
            upstream: None,
        };
        SenderRule::new(&config)
    }

    #[test]
    fn own_address_and_aliases_are_allowed_case_insensitively() {
        let rule = rule();
        assert!(rule.allows(
            "Marc.Tremblay@ssss.gouv.qc.ca",
            "marc.tremblay@SSSS.gouv.qc.ca"
        ));
        assert!(rule.allows("marc.tremblay", "marc.tremblay@ssss.gouv.qc.ca"));
        assert!(rule.allows("marc.tremblay", "dr.tremblay@ssss.gouv.qc.ca"));
    }

    #[test]
    fn other_addresses_are_refused() {
        let rule = rule();
        assert!(!rule.allows("marc.tremblay", "marc.tremblay@gmail.com"));
        assert!(!rule.allows("marc.tremblay", ""));
        assert!(!SenderRule::default().allows("marc.tremblay", "marc.tremblay@x"));
    }

    fn judged(rule: &SenderRule, raw: &[u8]) -> Option<Fault> {
        let headers = crate::analysis::read_headers(raw);
        let facts = crate::envelope::SessionFacts {
            session_id: "t".into(),
            mode: Mode::Submission,
            client_ip: std::net::Ipv4Addr::LOCALHOST.into(),
            helo: String::new(),
            tls_version: None,
            client_cert_subject: None,
            authenticated_as: Some("marc.tremblay".into()),
        };
        rule.check_header_from(&headers, &facts)
    }

    #[test]
    fn every_from_and_sender_field_is_checked() {
        let rule = rule();
        let own = "From: <marc.tremblay@ssss.gouv.qc.ca>\r\n";
        assert_eq!(judged(&rule, format!("{own}\r\nx\r\n").as_bytes()), None);
        let two_from = format!("From: <evil@gmail.com>\r\n{own}\r\nx\r\n");
        assert_eq!(
            judged(&rule, two_from.as_bytes()),
            Some(Fault::SeveralFields)
        );
        let two_sender = format!(
            "{own}Sender: <marc.tremblay@ssss.gouv.qc.ca>\r\nSender: <dr.tremblay@ssss.gouv.qc.ca>\r\n\r\nx\r\n"
        );
        assert_eq!(
            judged(&rule, two_sender.as_bytes()),
            Some(Fault::SeveralFields)
        );
        let foreign_sender = format!("{own}Sender: <evil@gmail.com>\r\n\r\nx\r\n");
        assert_eq!(
            judged(&rule, foreign_sender.as_bytes()),
            Some(Fault::NotAccount)
        );
        let second_mailbox = "From: <marc.tremblay@ssss.gouv.qc.ca>, <evil@gmail.com>\r\n\r\nx\r\n";
        assert_eq!(
            judged(&rule, second_mailbox.as_bytes()),
            Some(Fault::NotAccount)
        );
        let alias_sender = format!("{own}Sender: <Dr.Tremblay@ssss.gouv.qc.ca>\r\n\r\nx\r\n");
        assert_eq!(judged(&rule, alias_sender.as_bytes()), None);
    }
}
