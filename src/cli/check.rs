//! `sentinelle check --from ADDR --to ADDR... MESSAGE.eml`: the decision the SMTP path would
//! take for this message and envelope, through the very same checkpoint, as JSON. Security
//! teams test their rules with it. Exit code 0: every recipient relayed (in clear or
//! encrypted), 1: a recipient refused, 2: an error.

use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::SystemTime;

use anyhow::Context as _;
use serde::Serialize;
use smtp_proto::{MailFrom, RcptTo};

use crate::analysis::Finding;
use crate::analysis::encryption::Layer;
use crate::config::Config;
use crate::envelope::{Envelope, Mode, SessionFacts};
use crate::policy::decide::{EncryptionFound, Treatment};
use crate::policy::table::Situation;
use crate::policy::{self, Action, Standard};

#[derive(Serialize)]
struct Recipient<'a> {
    address: &'a str,
    class: &'static str,
    action: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
}

#[derive(Serialize)]
struct Report<'a> {
    verdict: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    situation: Option<Situation>,
    confidential: bool,
    auto_forwarded: bool,
    forward_signals: Vec<String>,
    encryption: EncryptionFound,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    encrypted_parts: &'a [Layer],
    findings: &'a [Finding],
    unscannable: &'a [crate::analysis::Unscannable],
    recipients: Vec<Recipient<'a>>,
    /// The reply the client would get for a refusal (first line).
    #[serde(skip_serializing_if = "Option::is_none")]
    reply: Option<String>,
}

/// The arguments of `check`.
pub struct Args<'a> {
    /// Configuration (default: the embedded one).
    pub config: Option<&'a Path>,
    /// Envelope sender.
    pub from: &'a str,
    /// Envelope recipients.
    pub to: &'a [String],
    /// As if authenticated with this account on the submission port.
    pub auth_user: Option<&'a str>,
    /// The message.
    pub message: &'a PathBuf,
}

/// Runs the check.
pub fn run(args: Args<'_>) -> anyhow::Result<ExitCode> {
    let config = match args.config {
        Some(path) => Config::load(path)?,
        None => Config::embedded_default()?,
    };
    let raw = std::fs::read(args.message)
        .with_context(|| format!("cannot read {}", args.message.display()))?;
    let checkpoint = Standard::new(&config, super::current_year())?;
    let envelope = Envelope {
        mail_from: MailFrom {
            address: args.from.to_owned(),
            ..Default::default()
        },
        recipients: args
            .to
            .iter()
            .map(|to| RcptTo {
                address: to.clone(),
                ..Default::default()
            })
            .collect(),
    };
    let facts = SessionFacts {
        session_id: "check".into(),
        mode: if args.auth_user.is_some() {
            Mode::Submission
        } else {
            Mode::Relay
        },
        client_ip: IpAddr::V4(Ipv4Addr::LOCALHOST),
        helo: "check".into(),
        tls_version: None,
        client_cert_subject: None,
        authenticated_as: args.auth_user.map(str::to_owned),
    };
    let headers = crate::analysis::read_headers(&raw);
    let judgement = checkpoint.judge(&policy::Message {
        envelope: &envelope,
        raw: &raw,
        headers: &headers,
        facts: &facts,
        now: SystemTime::now(),
    });
    let verdict = judgement.verdict.as_ref();
    let analysis = verdict.and_then(|v| v.analysis.as_ref());
    let recipients: Vec<Recipient<'_>> = envelope
        .recipients
        .iter()
        .zip(&judgement.decision.actions)
        .enumerate()
        .map(|(index, (rcpt, action))| {
            let treatment = verdict.and_then(|v| v.recipients.get(index));
            let (action, reason) = match (action, treatment) {
                // What the recipient would get (the whole message may be refused).
                (Action::Relay, Some((_, Treatment::RelayEncrypted))) => ("relay_encrypted", None),
                (Action::Relay, _) => ("relay", None),
                (Action::RelayReplacement(_), _) => ("relay_encrypted", None),
                (Action::Refuse(_), Some((_, Treatment::Refuse(category)))) => {
                    ("refuse", Some(category.as_str()))
                }
                (Action::Refuse(_), None) => ("refuse", Some("sender_not_corporate")),
                (Action::Refuse(_), Some(_)) => ("refuse", Some("temporary_failure")),
            };
            Recipient {
                address: &rcpt.address,
                class: treatment.map_or("unknown", |(class, _)| class.as_str()),
                action,
                reason,
            }
        })
        .collect();
    let refused = recipients.iter().any(|r| r.action == "refuse");
    let verdict_word = if refused {
        "refuse"
    } else if recipients.iter().any(|r| r.action == "relay_encrypted") {
        "relay_encrypted"
    } else {
        "relay"
    };
    let reply = judgement
        .decision
        .actions
        .iter()
        .find_map(|a| match a {
            Action::Refuse(reply) => Some(reply),
            _ => None,
        })
        .map(|reply| {
            let mut wire = Vec::new();
            reply.write_to(&mut wire);
            String::from_utf8_lossy(&wire).into_owned()
        });
    let report = Report {
        verdict: verdict_word,
        situation: verdict.map(|v| v.situation),
        confidential: analysis.is_some_and(|a| a.confidential),
        auto_forwarded: verdict.is_some_and(|v| v.forwarding.auto_forwarded()),
        forward_signals: verdict.map_or_else(Vec::new, |v| v.forwarding.signals.clone()),
        encryption: verdict.map_or(EncryptionFound::None, |v| v.encryption),
        encrypted_parts: analysis.map_or(&[], |a| a.encrypted.as_slice()),
        findings: analysis.map_or(&[], |a| a.findings.as_slice()),
        unscannable: analysis.map_or(&[], |a| a.unscannable.as_slice()),
        recipients,
        reply,
    };
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(if refused {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
