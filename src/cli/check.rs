//! `sentinelle check --from ADDR --to ADDR... MESSAGE.eml`: the decision the SMTP path would
//! take for this message and envelope, through the very same checkpoint, as JSON. Security
//! teams test their rules with it. Exit code 0: every recipient relayed (in clear or
//! encrypted), 1: a recipient refused, 2: an error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::SystemTime;

use anyhow::Context as _;
use serde::Serialize;
use smtp_proto::{MailFrom, RcptTo};

use crate::action::Action;
use crate::analysis::Finding;
use crate::analysis::encryption::Layer;
use crate::config::Config;
use crate::envelope::{Envelope, SessionFacts};
use crate::pipeline;
use crate::policy::draft::RecipientAction;
use crate::policy::{Class, EncryptionFound, Situation, Treatment};
use crate::rules;

#[derive(Serialize)]
struct Recipient<'a> {
    address: &'a str,
    class: Class,
    action: RecipientAction,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
}

#[derive(Serialize)]
struct Report<'a> {
    verdict: RecipientAction,
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
    let rules = rules::Sources::of(&config, super::current_year()).load()?;
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
    let facts = SessionFacts::offline(args.auth_user);
    let input = pipeline::Input {
        envelope: &envelope,
        raw: &raw,
        facts: &facts,
        now: SystemTime::now(),
    };
    let checked = pipeline::check(&input, &rules, &config.hostname);
    let (decision, plan) = (&checked.decision, &checked.plan);
    let analysis = checked.reading.content.as_ref();
    let recipients: Vec<Recipient<'_>> = envelope
        .recipients
        .iter()
        .zip(&plan.actions)
        .zip(&decision.recipients)
        .map(|((rcpt, action), (class, treatment))| {
            // What the recipient would get (the whole message may be refused).
            let (action, reason) = match (action, treatment) {
                (Action::Relay, Treatment::RelayEncrypted) => {
                    (RecipientAction::RelayEncrypted, None)
                }
                (Action::Relay, _) => (RecipientAction::Relay, None),
                (Action::RelayReplacement(_), _) => (RecipientAction::RelayEncrypted, None),
                (Action::Refuse(_), Treatment::Refuse(category)) => {
                    (RecipientAction::Refuse, Some(category.as_str()))
                }
                (Action::Refuse(_), _) => (RecipientAction::Refuse, Some("temporary_failure")),
            };
            Recipient {
                address: &rcpt.address,
                class: *class,
                action,
                reason,
            }
        })
        .collect();
    // The message's outcome is its recipients' strongest.
    let verdict_word = recipients
        .iter()
        .map(|r| r.action)
        .max()
        .unwrap_or(RecipientAction::Relay);
    let refused = verdict_word == RecipientAction::Refuse;
    let reply = plan
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
        situation: decision.situation,
        confidential: analysis.is_some_and(|a| a.confidential),
        auto_forwarded: decision.situation.is_some() && checked.reading.forwarding.auto_forwarded(),
        forward_signals: if decision.situation.is_some() {
            checked.reading.forwarding.signals.clone()
        } else {
            Vec::new()
        },
        encryption: decision.encryption,
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
