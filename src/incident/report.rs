//! The annual account of DIR04 art. 14: incidents per category, per establishment, per
//! month (Montreal time), actions taken, severities, median time to close, and the policy
//! versions in force. Markdown for reading, HTML with inline SVG bar charts for looking at,
//! CSV for spreadsheets. Pure: built from the store's cases.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::clock;
use super::model::Status;
use super::store::Case;

const MONTHS: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
    "déc.",
];

/// One policy version's time in force, as seen from the incidents recorded under it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Version {
    /// First incident under it (UTC).
    pub first: String,
    /// Last incident under it (UTC).
    pub last: String,
    /// Incidents under it.
    pub incidents: usize,
}

/// The year's figures.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Report {
    /// The year (Montreal time).
    pub year: i32,
    /// Incidents in the year.
    pub total: usize,
    /// Per category.
    pub by_category: BTreeMap<String, usize>,
    /// Per establishment ("(non précisé)" when unknown).
    pub by_establishment: BTreeMap<String, usize>,
    /// Per month, January first.
    pub by_month: [usize; 12],
    /// Per action taken (refused, partly_refused, encrypted).
    pub by_action: BTreeMap<String, usize>,
    /// Per severity.
    pub by_severity: BTreeMap<String, usize>,
    /// Per status today.
    pub by_status: BTreeMap<String, usize>,
    /// Median hours from the incident to its closing, over closed incidents.
    pub median_hours_to_close: Option<f64>,
    /// Policy versions in force, by version.
    pub policy_versions: BTreeMap<String, Version>,
}

/// The figures of `year` from `cases` (any order, any years).
pub fn build(cases: &[Case], year: i32) -> Report {
    let mut report = Report {
        year,
        ..Report::default()
    };
    let mut hours = Vec::new();
    for case in cases {
        let incident = &case.incident;
        let Some(at) = clock::parse(&incident.created_at) else {
            continue;
        };
        let local = clock::local(at);
        if local.year() != year {
            continue;
        }
        report.total += 1;
        let count = |map: &mut BTreeMap<String, usize>, key: &str| {
            *map.entry(key.to_owned()).or_insert(0) += 1;
        };
        count(&mut report.by_category, incident.draft.category.as_str());
        count(
            &mut report.by_establishment,
            incident
                .who
                .establishment
                .as_deref()
                .unwrap_or("(non précisé)"),
        );
        count(&mut report.by_action, incident.draft.action.as_str());
        count(
            &mut report.by_severity,
            &format!("{:?}", incident.draft.severity).to_lowercase(),
        );
        count(&mut report.by_status, case.status.as_str());
        if let Some(slot) = report
            .by_month
            .get_mut(usize::from(u8::from(local.month())) - 1)
        {
            *slot += 1;
        }
        if case.status == Status::Closed
            && let Some(closed) = case
                .reviews
                .iter()
                .rev()
                .find(|r| r.status == Status::Closed)
                .and_then(|r| clock::parse(&r.at))
        {
            hours.push((closed - at).as_seconds_f64() / 3600.0);
        }
        let version = report
            .policy_versions
            .entry(incident.draft.policy_version.clone())
            .or_insert_with(|| Version {
                first: incident.created_at.clone(),
                last: incident.created_at.clone(),
                incidents: 0,
            });
        version.incidents += 1;
        if incident.created_at < version.first {
            version.first = incident.created_at.clone();
        }
        if incident.created_at > version.last {
            version.last = incident.created_at.clone();
        }
    }
    report.median_hours_to_close = median(&mut hours);
    report
}

fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

fn hours(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |h| format!("{h:.1} h"))
}

/// Markdown, French then English headings.
pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Reddition de comptes DIR04 {year} / DIR04 annual account {year}\n",
        year = report.year
    );
    let _ = writeln!(
        out,
        "Incidents : {} · délai médian de fermeture / median time to close : {}\n",
        report.total,
        hours(report.median_hours_to_close)
    );
    let table = |out: &mut String, title: &str, rows: &mut dyn Iterator<Item = (String, usize)>| {
        let _ = writeln!(out, "## {title}\n\n| | incidents |\n|---|---:|");
        for (key, n) in rows {
            let _ = writeln!(out, "| {key} | {n} |");
        }
        out.push('\n');
    };
    let sorted = |map: &BTreeMap<String, usize>| map.clone().into_iter();
    table(
        &mut out,
        "Par catégorie / By category",
        &mut sorted(&report.by_category),
    );
    table(
        &mut out,
        "Par établissement / By establishment",
        &mut sorted(&report.by_establishment),
    );
    table(
        &mut out,
        "Par mois / By month",
        &mut MONTHS
            .iter()
            .zip(report.by_month)
            .map(|(m, n)| ((*m).to_owned(), n)),
    );
    table(
        &mut out,
        "Mesures prises / Actions taken",
        &mut sorted(&report.by_action),
    );
    table(
        &mut out,
        "Gravité / Severity",
        &mut sorted(&report.by_severity),
    );
    table(&mut out, "État / Status", &mut sorted(&report.by_status));
    let _ = writeln!(
        out,
        "## Versions de la politique en vigueur / Policy versions in force\n\n| version | du / from (UTC) | au / to (UTC) | incidents |\n|---|---|---|---:|"
    );
    for (version, v) in &report.policy_versions {
        let _ = writeln!(
            out,
            "| `{version}` | {} | {} | {} |",
            v.first, v.last, v.incidents
        );
    }
    out
}

/// CSV: one line per figure (section, key, value).
pub fn csv(report: &Report) -> String {
    let mut out = String::from("section,key,value\n");
    let _ = writeln!(out, "total,{},{}", report.year, report.total);
    let mut section = |name: &str, map: &BTreeMap<String, usize>| {
        for (key, n) in map {
            let key = if key.contains([',', '"']) {
                format!("\"{}\"", key.replace('"', "\"\""))
            } else {
                key.clone()
            };
            let _ = writeln!(out, "{name},{key},{n}");
        }
    };
    section("category", &report.by_category);
    section("establishment", &report.by_establishment);
    section("action", &report.by_action);
    section("severity", &report.by_severity);
    section("status", &report.by_status);
    for (month, n) in report.by_month.iter().enumerate() {
        let _ = writeln!(out, "month,{:04}-{:02},{n}", report.year, month + 1);
    }
    if let Some(h) = report.median_hours_to_close {
        let _ = writeln!(out, "median_hours_to_close,,{h:.1}");
    }
    for (version, v) in &report.policy_versions {
        let _ = writeln!(out, "policy_version,{version},{}", v.incidents);
    }
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A horizontal bar chart as inline SVG.
fn bars(rows: &[(String, usize)]) -> String {
    let max = rows.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let height = 24 * rows.len() + 8;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"640\" height=\"{height}\" viewBox=\"0 0 640 {height}\">"
    );
    for (i, (label, n)) in rows.iter().enumerate() {
        let y = 4 + 24 * i;
        let width = 360 * n / max;
        let _ = write!(
            svg,
            "<text x=\"0\" y=\"{}\" font-size=\"13\">{}</text><rect x=\"230\" y=\"{y}\" width=\"{width}\" height=\"18\" fill=\"#2f6f9f\"><title>{} : {n}</title></rect><text x=\"{}\" y=\"{}\" font-size=\"13\">{n}</text>",
            y + 14,
            escape(label),
            escape(label),
            236 + width,
            y + 14
        );
    }
    svg.push_str("</svg>");
    svg
}

/// HTML with inline SVG charts (no script, no external resource).
pub fn html(report: &Report) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>DIR04 {year}</title>\
<style>body{{font-family:sans-serif;max-width:52rem;margin:2rem auto;color:#222}}h2{{margin-top:2rem}}\
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.2rem .6rem}}</style></head><body>\n\
<h1>Reddition de comptes DIR04 {year} <small>/ DIR04 annual account</small></h1>\n\
<p>Incidents : <strong>{total}</strong> · délai médian de fermeture / median time to close : <strong>{median}</strong></p>\n",
        year = report.year,
        total = report.total,
        median = hours(report.median_hours_to_close)
    );
    let list = |map: &BTreeMap<String, usize>| -> Vec<(String, usize)> {
        map.iter().map(|(k, n)| (k.clone(), *n)).collect()
    };
    let sections: [(&str, Vec<(String, usize)>); 5] = [
        ("Par catégorie / By category", list(&report.by_category)),
        (
            "Par établissement / By establishment",
            list(&report.by_establishment),
        ),
        (
            "Par mois / By month",
            MONTHS
                .iter()
                .zip(report.by_month)
                .map(|(m, n)| ((*m).to_owned(), n))
                .collect(),
        ),
        ("Mesures prises / Actions taken", list(&report.by_action)),
        ("Gravité / Severity", list(&report.by_severity)),
    ];
    for (title, rows) in &sections {
        let _ = write!(out, "<h2>{}</h2>\n{}\n", escape(title), bars(rows));
    }
    out.push_str("<h2>Versions de la politique en vigueur / Policy versions in force</h2>\n<table><tr><th>version</th><th>du / from (UTC)</th><th>au / to (UTC)</th><th>incidents</th></tr>\n");
    for (version, v) in &report.policy_versions {
        let _ = writeln!(
            out,
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(version),
            escape(&v.first),
            escape(&v.last),
            v.incidents
        );
    }
    out.push_str("</table>\n</body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incident::model::{Draft, Incident, Message, Severity, Who};
    use crate::incident::store::Review;

    fn case(at: &str, category: &str, closed_after_hours: Option<i64>) -> Case {
        let reviews = closed_after_hours
            .map(|h| {
                let closed = clock::parse(at).unwrap() + time::Duration::hours(h);
                vec![Review {
                    at: crate::incident::store::timestamp(closed),
                    by: "securite".into(),
                    status: Status::Closed,
                    note: Some("ok".into()),
                }]
            })
            .unwrap_or_default();
        Case {
            incident: Incident {
                id: "x".into(),
                reference: "INC-2026-000001".into(),
                created_at: at.into(),
                draft: Draft {
                    category: crate::policy::draft::Cause::try_from(category.to_owned()).unwrap(),
                    rule: "DIR04 art. 6 (4)".into(),
                    severity: Severity::High,
                    action: crate::policy::draft::Enforcement::Refused,
                    recipients: vec![],
                    findings: vec![],
                    forward_signals: vec![],
                    encryption: crate::policy::EncryptionFound::None,
                    unscannable: vec![],
                    policy_version: "abc".into(),
                },
                who: Who {
                    establishment: Some("CHUM <test>".into()),
                    ..Who::default()
                },
                message: Message::default(),
            },
            status: if closed_after_hours.is_some() {
                Status::Closed
            } else {
                Status::New
            },
            reviews,
        }
    }

    #[test]
    fn the_year_is_counted_in_montreal_time() {
        let cases = [
            // 2026-01-01 03:00 UTC is still 2025 in Montreal.
            case("2026-01-01T03:00:00Z", "auto_forward", None),
            case("2026-01-10T15:00:00Z", "auto_forward", Some(2)),
            case(
                "2026-03-10T15:00:00Z",
                "confidential_to_public_webmail",
                Some(10),
            ),
            case(
                "2026-03-11T15:00:00Z",
                "confidential_to_public_webmail",
                Some(4),
            ),
        ];
        let report = build(&cases, 2026);
        assert_eq!(report.total, 3);
        assert_eq!(report.by_month[0], 1);
        assert_eq!(report.by_month[2], 2);
        assert_eq!(report.by_category["confidential_to_public_webmail"], 2);
        assert_eq!(report.median_hours_to_close, Some(4.0));
        assert_eq!(report.policy_versions["abc"].incidents, 3);
        assert_eq!(build(&cases, 2025).total, 1);
    }

    #[test]
    fn every_format_carries_the_figures() {
        let report = build(
            &[case("2026-05-01T12:00:00Z", "auto_forward", Some(3))],
            2026,
        );
        let md = markdown(&report);
        assert!(md.contains("| auto_forward | 1 |") && md.contains("3.0 h"));
        let html = html(&report);
        assert!(html.contains("<svg") && html.contains("CHUM &lt;test&gt;"));
        assert!(!html.contains("<script"));
        let csv = csv(&report);
        assert!(csv.contains("category,auto_forward,1") && csv.contains("month,2026-05,1"));
    }
}
