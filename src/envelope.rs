//! The envelope of one SMTP transaction and the facts of the session that carried it:
//! what the checkpoint receives besides the raw message bytes.
//!
//! Owns no behaviour beyond rendering MAIL/RCPT parameters back to their wire form, so the
//! upstream receives exactly what the client asked for (DSN, SIZE, BODY, SMTPUTF8).

use std::fmt::Write as _;
use std::net::IpAddr;

use smtp_proto::{
    MAIL_BODY_7BIT, MAIL_BODY_8BITMIME, MAIL_BODY_BINARYMIME, MAIL_REQUIRETLS, MAIL_RET_FULL,
    MAIL_RET_HDRS, MAIL_SMTPUTF8, MailFrom, RCPT_NOTIFY_DELAY, RCPT_NOTIFY_FAILURE,
    RCPT_NOTIFY_NEVER, RCPT_NOTIFY_SUCCESS, RcptTo,
};

/// The mode of the listener a session arrived on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Smart host behind the establishment's own mail server; clients trusted by network or certificate.
    Relay,
    /// Physicians' mail programs, authenticated with SMTP AUTH checked against the upstream.
    Submission,
}

impl Mode {
    /// The name used in logs and configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Relay => "relay",
            Mode::Submission => "submission",
        }
    }
}

/// MAIL FROM and every accepted RCPT TO, with their parameters, as the client gave them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Envelope {
    /// The reverse path and its parameters; an empty address is the null sender `<>`.
    pub mail_from: MailFrom<String>,
    /// The accepted recipients in the order given.
    pub recipients: Vec<RcptTo<String>>,
}

impl Envelope {
    /// The envelope sender address (empty for the null sender).
    pub fn sender(&self) -> &str {
        &self.mail_from.address
    }

    /// The MAIL FROM command for the upstream, with the client's parameters.
    /// `size` overrides the SIZE parameter (the relayed message carries one more header).
    pub fn mail_command(&self, size: Option<usize>, upstream_has_dsn: bool) -> String {
        let from = &self.mail_from;
        let mut cmd = format!("MAIL FROM:<{}>", from.address);
        if let Some(size) = size {
            let _ = write!(cmd, " SIZE={size}");
        }
        if from.flags & MAIL_BODY_8BITMIME != 0 {
            cmd.push_str(" BODY=8BITMIME");
        } else if from.flags & MAIL_BODY_BINARYMIME != 0 {
            cmd.push_str(" BODY=BINARYMIME");
        } else if from.flags & MAIL_BODY_7BIT != 0 {
            cmd.push_str(" BODY=7BIT");
        }
        if from.flags & MAIL_SMTPUTF8 != 0 {
            cmd.push_str(" SMTPUTF8");
        }
        if from.flags & MAIL_REQUIRETLS != 0 {
            cmd.push_str(" REQUIRETLS");
        }
        if upstream_has_dsn {
            if from.flags & MAIL_RET_FULL != 0 {
                cmd.push_str(" RET=FULL");
            } else if from.flags & MAIL_RET_HDRS != 0 {
                cmd.push_str(" RET=HDRS");
            }
            if let Some(envid) = &from.env_id {
                let _ = write!(cmd, " ENVID={}", xtext(envid));
            }
        }
        cmd.push_str("\r\n");
        cmd
    }
}

/// The RCPT TO command for the upstream, with the client's DSN parameters.
pub fn rcpt_command(rcpt: &RcptTo<String>, upstream_has_dsn: bool) -> String {
    let mut cmd = format!("RCPT TO:<{}>", rcpt.address);
    if upstream_has_dsn {
        let notify: Vec<&str> = [
            (RCPT_NOTIFY_NEVER, "NEVER"),
            (RCPT_NOTIFY_SUCCESS, "SUCCESS"),
            (RCPT_NOTIFY_FAILURE, "FAILURE"),
            (RCPT_NOTIFY_DELAY, "DELAY"),
        ]
        .iter()
        .filter(|(flag, _)| rcpt.flags & flag != 0)
        .map(|(_, name)| *name)
        .collect();
        if !notify.is_empty() {
            let _ = write!(cmd, " NOTIFY={}", notify.join(","));
        }
        if let Some(orcpt) = &rcpt.orcpt {
            // smtp-proto drops the address type of ORCPT (RFC 3461 §4.2); it is always
            // rfc822 for the addresses Sentinelle accepts, so it is put back here.
            let _ = write!(cmd, " ORCPT=rfc822;{}", xtext(orcpt));
        }
    }
    cmd.push_str("\r\n");
    cmd
}

/// Encodes a value as xtext (RFC 3461 §4): `+`, `=`, controls and non-ASCII become `+HH`.
pub fn xtext(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if (33..=126).contains(&byte) && byte != b'+' && byte != b'=' {
            out.push(byte as char);
        } else {
            let _ = write!(out, "+{byte:02X}");
        }
    }
    out
}

/// What Sentinelle knows of the session a message arrived on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionFacts {
    /// Unique id of the session, carried in logs and the Received header.
    pub session_id: String,
    /// The listener's mode.
    pub mode: Mode,
    /// The client's address.
    pub client_ip: IpAddr,
    /// The name the client gave in EHLO/HELO.
    pub helo: String,
    /// The negotiated TLS version, if any ("TLSv1.3").
    pub tls_version: Option<&'static str>,
    /// The subject of the verified TLS client certificate, if one was presented.
    pub client_cert_subject: Option<String>,
    /// The account the upstream accepted in SMTP AUTH (submission mode).
    pub authenticated_as: Option<String>,
}

impl SessionFacts {
    /// The facts of a message judged outside any session (the `check` command, tests): a
    /// loopback client without TLS; submission mode as `account` when one is given.
    pub fn offline(account: Option<&str>) -> SessionFacts {
        SessionFacts {
            session_id: "check".into(),
            mode: if account.is_some() {
                Mode::Submission
            } else {
                Mode::Relay
            },
            client_ip: IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
            helo: "check".into(),
            tls_version: None,
            client_cert_subject: None,
            authenticated_as: account.map(str::to_owned),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mail_command_keeps_dsn_and_body_parameters() {
        let envelope = Envelope {
            mail_from: MailFrom {
                address: "a@example.org".into(),
                flags: MAIL_BODY_8BITMIME | MAIL_RET_HDRS | MAIL_SMTPUTF8,
                env_id: Some("id+1=x".into()),
                ..Default::default()
            },
            recipients: vec![],
        };
        assert_eq!(
            envelope.mail_command(Some(1234), true),
            "MAIL FROM:<a@example.org> SIZE=1234 BODY=8BITMIME SMTPUTF8 RET=HDRS ENVID=id+2B1+3Dx\r\n"
        );
        assert_eq!(
            envelope.mail_command(None, false),
            "MAIL FROM:<a@example.org> BODY=8BITMIME SMTPUTF8\r\n"
        );
    }

    #[test]
    fn rcpt_command_restores_the_orcpt_address_type() {
        let rcpt = RcptTo {
            address: "b@example.org".into(),
            orcpt: Some("b@example.org".into()),
            flags: RCPT_NOTIFY_SUCCESS | RCPT_NOTIFY_FAILURE,
            ..Default::default()
        };
        assert_eq!(
            rcpt_command(&rcpt, true),
            "RCPT TO:<b@example.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;b@example.org\r\n"
        );
        assert_eq!(rcpt_command(&rcpt, false), "RCPT TO:<b@example.org>\r\n");
    }
}
