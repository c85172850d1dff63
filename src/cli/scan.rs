//! `sentinelle scan FILE...`: analyse .eml files, directories of them, Maildirs and mbox files
//! with the same engine the server uses. A table by default, JSON lines with `--json`.
//! Exit code: 0 nothing confidential, 1 something confidential, 2 an error (it wins).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use serde::Serialize;

use crate::analysis::{self, Analysis, Limits};
use crate::config::Config;
use crate::ocr;

/// One message to analyse: where it comes from, and its bytes.
struct Source {
    label: String,
    bytes: Vec<u8>,
}

#[derive(Serialize)]
struct Report<'a> {
    file: &'a str,
    #[serde(flatten)]
    analysis: &'a Analysis,
}

/// Runs the scan.
pub fn run(
    paths: &[PathBuf],
    rules: Option<PathBuf>,
    config: Option<&Path>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let (rules_dir, limits, ocr) = match config {
        Some(path) => {
            let config = Config::load(path)?;
            (config.rules_dir, config.analysis, config.ocr)
        }
        None => (
            PathBuf::from("rules"),
            Limits::default(),
            ocr::Settings::default(),
        ),
    };
    let ocr = ocr::Reader::probe(ocr);
    if let Some(why) = ocr.unavailable() {
        let _ = writeln!(std::io::stderr(), "sentinelle: images are not read: {why}");
    }
    let engine = crate::rules::engine(&rules.unwrap_or(rules_dir))?;
    let year = super::current_year();
    let mut errors = 0usize;
    let mut sources = Vec::new();
    for path in paths {
        if let Err(err) = collect(path, &mut sources) {
            let _ = writeln!(std::io::stderr(), "sentinelle: {err:#}");
            errors += 1;
        }
    }
    let progress = sources.len() > 5 && std::io::stderr().is_terminal();
    let total = sources.len();
    let mut confidential = 0usize;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (done, source) in sources.into_iter().enumerate() {
        let mut analysis = analysis::analyse(&source.bytes, &engine, &limits, year);
        crate::pipeline::read_images(&mut analysis, &ocr, &engine, year);
        if analysis.confidential {
            confidential += 1;
        }
        if json {
            let report = Report {
                file: &source.label,
                analysis: &analysis,
            };
            writeln!(out, "{}", serde_json::to_string(&report)?)?;
        } else {
            write_table_row(&mut out, &source.label, &analysis)?;
        }
        if progress {
            let _ = write!(std::io::stderr(), "\r{}/{total} messages", done + 1);
        }
    }
    if progress {
        let _ = writeln!(std::io::stderr());
    }
    // Nothing read and only errors: the errors say it all.
    if !json && (total > 0 || errors == 0) {
        writeln!(out, "{confidential} of {total} message(s) confidential")?;
    }
    Ok(match (errors, confidential) {
        (0, 0) => ExitCode::SUCCESS,
        (0, _) => ExitCode::from(1),
        _ => ExitCode::from(2),
    })
}

fn write_table_row(out: &mut impl Write, label: &str, analysis: &Analysis) -> std::io::Result<()> {
    let verdict = if analysis.confidential {
        "CONFIDENTIAL"
    } else {
        "ok"
    };
    writeln!(out, "{label}: {verdict}")?;
    for f in &analysis.findings {
        let name = bracketed(&f.location);
        writeln!(
            out,
            "  {:<28} {:<6} x{:<3} part {}{}  {}",
            f.detector,
            format!("{:?}", f.confidence).to_lowercase(),
            f.count,
            f.location.part,
            name,
            f.sample
        )?;
    }
    for u in &analysis.unscannable {
        let name = bracketed(&u.location);
        writeln!(
            out,
            "  unscannable part {}{}: {}",
            u.location.part, name, u.reason
        )?;
    }
    Ok(())
}

/// " [file name]" for attachments, nothing for the message's own parts.
fn bracketed(location: &analysis::Location) -> String {
    location
        .filename
        .as_deref()
        .map(|n| format!(" [{n}]"))
        .unwrap_or_default()
}

/// Expands a path into messages: a Maildir (new/ and cur/), a directory (recursively), an
/// mbox file (starts with "From "), or one message file.
fn collect(path: &Path, sources: &mut Vec<Source>) -> anyhow::Result<()> {
    if path.is_dir() {
        let maildir = path.join("cur").is_dir() || path.join("new").is_dir();
        let dirs: Vec<PathBuf> = if maildir {
            vec![path.join("new"), path.join("cur")]
        } else {
            vec![path.to_owned()]
        };
        for dir in dirs.into_iter().filter(|d| d.is_dir()) {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
                .with_context(|| format!("cannot read {}", dir.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .collect();
            entries.sort();
            for entry in entries {
                collect(&entry, sources)?;
            }
        }
        return Ok(());
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let label = path.display().to_string();
    if bytes.starts_with(b"From ") {
        let iter = mail_parser::mailbox::mbox::MessageIterator::new(std::io::Cursor::new(bytes));
        for (index, message) in iter.enumerate() {
            let message = message.with_context(|| format!("bad mbox {label}"))?;
            sources.push(Source {
                label: format!("{label}#{}", index + 1),
                bytes: message.contents().to_vec(),
            });
        }
    } else {
        sources.push(Source { label, bytes });
    }
    Ok(())
}
