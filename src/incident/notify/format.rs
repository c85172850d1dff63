//! The texts of notifications: the service centre's email and digest (French then
//! English), the RFC 5424 syslog line. Reference, category, rule and addresses only: never
//! message content.

use super::clock;
use crate::incident::model::{Incident, Severity};

/// The digest, dated `now`: one line per incident, French then English.
pub(super) fn digest_email(
    incidents: &[Incident],
    from: &str,
    to: &str,
    now: time::OffsetDateTime,
) -> Vec<u8> {
    let date = now
        .format(&time::format_description::well_known::Rfc2822)
        .unwrap_or_default();
    let line = |i: &Incident| {
        let classes: Vec<String> = i
            .draft
            .recipients
            .iter()
            .map(|r| format!("{} {}", r.class, r.action))
            .collect();
        format!(
            "{} {} {} ({}, {}) {} -> {}",
            i.reference,
            clock::montreal(&i.created_at),
            i.draft.category,
            i.draft.rule,
            i.draft.action,
            i.who.envelope_sender,
            classes.join(", ")
        )
    };
    let lines: Vec<String> = incidents.iter().map(line).collect();
    let first = incidents.first().map_or("", |i| i.id.as_str());
    format!(
        "From: Sentinelle <{from}>\r\nTo: <{to}>\r\nDate: {date}\r\n\
Message-ID: <digest-{first}@sentinelle>\r\nSubject: [Sentinelle] {n} incident(s) DIR04\r\n\
Auto-Submitted: auto-generated\r\nMIME-Version: 1.0\r\n\
Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\
Résumé des incidents ({n}) ; détails : sentinelle incidents show RÉFÉRENCE\r\n\r\n{list}\r\n\r\n\
Incident digest ({n}); details: sentinelle incidents show REFERENCE\r\n",
        n = incidents.len(),
        list = lines.join("\r\n"),
    )
    .into_bytes()
}

pub(super) fn recipients_line(incident: &Incident) -> String {
    incident
        .draft
        .recipients
        .iter()
        .map(|r| format!("{} ({}, {})", r.address, r.class, r.action))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The service centre's email, French then English, headers in ASCII.
pub(super) fn email(incident: &Incident, from: &str, to: &str) -> Vec<u8> {
    let d = &incident.draft;
    let when = clock::montreal(&incident.created_at);
    let date = clock::parse(&incident.created_at)
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc2822)
                .ok()
        })
        .unwrap_or_default();
    let sender = &incident.who.envelope_sender;
    let establishment = incident.who.establishment.as_deref().unwrap_or("-");
    let recipients = recipients_line(incident);
    format!(
        "From: Sentinelle <{from}>\r\nTo: <{to}>\r\nDate: {date}\r\n\
Message-ID: <{id}@sentinelle>\r\nSubject: [Sentinelle] {reference} {category}\r\n\
Auto-Submitted: auto-generated\r\nMIME-Version: 1.0\r\n\
Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\
Incident {reference} ({when})\r\n\
Catégorie : {category} · règle : {rule} · gravité : {severity} · mesure : {action}\r\n\
Expéditeur : {sender} · établissement : {establishment}\r\n\
Destinataires : {recipients}\r\n\
Détails : sentinelle incidents show {reference}\r\n\r\n\
Incident {reference} ({utc} UTC)\r\n\
Category: {category} · rule: {rule} · severity: {severity} · action: {action}\r\n\
Sender: {sender} · establishment: {establishment}\r\n\
Recipients: {recipients}\r\n\
Details: sentinelle incidents show {reference}\r\n",
        id = incident.id,
        reference = incident.reference,
        category = d.category,
        rule = d.rule,
        severity = d.severity.as_str(),
        action = d.action,
        utc = incident.created_at,
    )
    .into_bytes()
}

/// An RFC 5424 SD-PARAM value: `"`, `\` and `]` escaped.
pub(super) fn sd(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace(']', "\\]")
}

/// The RFC 5424 line (facility security/authorization; severity from the incident's).
pub(super) fn syslog(incident: &Incident, hostname: &str) -> String {
    let d = &incident.draft;
    let level = match d.severity {
        Severity::High => 3,
        Severity::Medium => 4,
        Severity::Low => 5,
    };
    format!(
        "<{pri}>1 {ts} {hostname} sentinelle - INCIDENT [incident@32473 reference=\"{reference}\" category=\"{category}\" rule=\"{rule}\" severity=\"{severity}\" action=\"{action}\" sender=\"{sender}\" establishment=\"{establishment}\"] DIR04 incident {reference_plain}: {category_plain}, {action_plain}",
        pri = 4 * 8 + level,
        ts = incident.created_at,
        reference = sd(&incident.reference),
        category = sd(d.category.as_str()),
        rule = sd(&d.rule),
        severity = d.severity.as_str(),
        action = sd(d.action.as_str()),
        sender = sd(&incident.who.envelope_sender),
        establishment = sd(incident.who.establishment.as_deref().unwrap_or("-")),
        reference_plain = incident.reference,
        category_plain = d.category,
        action_plain = d.action,
    )
}
