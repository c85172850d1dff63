//! `sentinelle incidents list|show|review|close|verify|export`: the security team's view of
//! the incident store (DIR04 art. 8, 12-13). Reading commands print tables, `--json` or
//! `--csv`; `verify` exits 1 when the chain is broken.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;

use super::IncidentsAction;
use crate::config::Config;
use crate::incident::Status;
use crate::incident::clock::montreal;
use crate::incident::store::{self, Case, Filter, Review};

/// Runs an incidents command.
pub fn run(config: Option<&Path>, action: IncidentsAction) -> anyhow::Result<ExitCode> {
    let config = match config {
        Some(path) => Config::load(path)?,
        None => Config::embedded_default()?,
    };
    let store = store::open(&config.incidents.store)?;
    let now = store::timestamp(time::OffsetDateTime::now_utc());
    match action {
        IncidentsAction::List {
            since,
            until,
            status,
            category,
            establishment,
            json,
            csv,
        } => {
            let status = match status {
                Some(s) => Some(Status::parse(&s).with_context(|| {
                    format!("unknown status {s:?} (new, under_review, closed)")
                })?),
                None => None,
            };
            let filter = Filter {
                since,
                until,
                status,
                category,
                establishment,
                ..Filter::default()
            };
            let cases = store.list(&filter)?;
            if json {
                for case in &cases {
                    println!("{}", serde_json::to_string(case)?);
                }
            } else if csv {
                print!("{}", crate::incident::listing::csv(&cases));
            } else {
                print_table(&cases);
            }
        }
        IncidentsAction::Show { reference } => {
            let case = store.get(&reference)?;
            println!("{}", serde_json::to_string_pretty(&case)?);
        }
        IncidentsAction::Review { reference, by } => {
            store.review(
                &reference,
                Review {
                    at: now,
                    by: reviewer(by),
                    status: Status::UnderReview,
                    note: None,
                },
            )?;
            println!("{reference}: under_review");
        }
        IncidentsAction::Close {
            reference,
            note,
            by,
        } => {
            store.review(
                &reference,
                Review {
                    at: now,
                    by: reviewer(by),
                    status: Status::Closed,
                    note: Some(note),
                },
            )?;
            println!("{reference}: closed");
        }
        IncidentsAction::Verify => {
            let trusted = crate::incident::checkpoint::trusted_key(&config.certs_dir);
            let mut verification = store.verify(trusted.as_deref())?;
            // The console's access log is a chain of its own, checked with the others.
            let access = store.verify_access()?;
            verification.checked += access.checked;
            verification.problems.extend(access.problems);
            for problem in &verification.problems {
                println!("{problem}");
            }
            if verification.problems.is_empty() {
                println!(
                    "{} records checked: the chain is intact",
                    verification.checked
                );
            } else {
                println!(
                    "{} records checked: {} problem(s)",
                    verification.checked,
                    verification.problems.len()
                );
                return Ok(ExitCode::from(1));
            }
        }
        IncidentsAction::Report { year, format } => {
            let report = crate::incident::report::build(&store.list(&Filter::default())?, year);
            let text = match format.as_str() {
                "md" | "markdown" => crate::incident::report::markdown(&report),
                "html" => crate::incident::report::html(&report),
                "csv" => crate::incident::report::csv(&report),
                other => anyhow::bail!("unknown format {other:?} (md, html, csv)"),
            };
            print!("{text}");
        }
        IncidentsAction::Purge { before } => {
            let valid = time::Date::parse(
                &before,
                &time::macros::format_description!("[year]-[month]-[day]"),
            )
            .is_ok()
                || crate::incident::clock::parse(&before).is_some();
            if !valid {
                anyhow::bail!("--before takes a date (2025-01-01) or an RFC 3339 time");
            }
            let signer = crate::incident::checkpoint::Signer::load_or_create(&config.certs_dir)?;
            let purged = store.purge(&before, &now, &signer)?;
            println!(
                "{purged} incident(s) created before {before} purged; signed checkpoint recorded (key {})",
                config.certs_dir.join("checkpoint.pub").display()
            );
        }
        IncidentsAction::Outbox => {
            let pending = store.outbox()?;
            for p in &pending {
                println!(
                    "{:<16} {:<7} attempts {:<3} next {}  {}",
                    p.reference,
                    p.channel,
                    p.attempts,
                    montreal(&p.next_attempt_at),
                    p.last_error.as_deref().unwrap_or("")
                );
            }
            println!("{} notification(s) waiting", pending.len());
        }
        IncidentsAction::Export => {
            for case in store.list(&Filter::default())? {
                println!("{}", serde_json::to_string(&case)?);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Who reviews: `--by`, else the login name.
fn reviewer(by: Option<String>) -> String {
    by.or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "unknown".into())
}

fn print_table(cases: &[Case]) {
    println!(
        "{:<16} {:<24} {:<34} {:<8} {:<15} {:<13} sender",
        "reference", "when (Montreal)", "category", "severity", "action", "status"
    );
    for case in cases {
        let i = &case.incident;
        println!(
            "{:<16} {:<24} {:<34} {:<8} {:<15} {:<13} {}",
            i.reference,
            montreal(&i.created_at),
            i.draft.category,
            format!("{:?}", i.draft.severity).to_lowercase(),
            i.draft.action,
            case.status.as_str(),
            i.who.envelope_sender
        );
    }
}
