//! Incident stores: SQLite (embedded default, WAL mode) and PostgreSQL (several instances
//! behind one address). The only code that touches the database.
//!
//! Every incident and every review event is a link of a hash chain ([`chain`]): the hash of
//! a record covers its exact stored text and the hash of the record before it, so `verify`
//! finds a record that was changed, removed or inserted out of order since it was written.

pub mod accounts;
pub mod chain;
pub mod pages;
pub mod postgres;
mod postgres_accounts;
mod postgres_pages;
mod postgres_sessions;
pub mod sessions;
pub mod sqlite;
mod sqlite_accounts;
mod sqlite_pages;
mod sqlite_sessions;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::checkpoint::{self, Checkpoint, Signed, Signer};
use super::model::{Draft, Incident, Message, Status, Who};

/// Store failures (never with message content: incidents hold none).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database cannot be opened or written.
    #[error("incident store {location}: {reason}")]
    Unavailable {
        /// Path or URL without credentials.
        location: String,
        /// The driver's words.
        reason: String,
    },
    /// No incident has this reference.
    #[error("no incident {0}")]
    NotFound(String),
    /// A stored record does not read back (see `verify`).
    #[error("incident {0} is unreadable: {1}")]
    Corrupt(String, String),
}

/// A new incident, before the store numbers it.
#[derive(Debug, Clone)]
pub struct NewIncident {
    /// When (UTC).
    pub at: time::OffsetDateTime,
    /// What the policy knew.
    pub draft: Draft,
    /// Who.
    pub who: Who,
    /// What.
    pub message: Message,
    /// Notification channels to queue for it ("email", "syslog"), in the same transaction.
    pub channels: Vec<String>,
}

/// A notification waiting in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pending {
    /// Its row.
    pub id: i64,
    /// The incident.
    pub reference: String,
    /// "email" or "syslog".
    pub channel: String,
    /// Failed attempts so far.
    pub attempts: i64,
    /// When it is tried next (UTC).
    pub next_attempt_at: String,
    /// Why the last attempt failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
}

/// One review event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// When (RFC 3339 UTC).
    pub at: String,
    /// Who.
    pub by: String,
    /// The status it set.
    pub status: Status,
    /// The note, when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An incident with its review state.
#[derive(Debug, Clone, Serialize)]
pub struct Case {
    /// The record.
    #[serde(flatten)]
    pub incident: Incident,
    /// The latest status.
    pub status: Status,
    /// Every review event, oldest first.
    pub reviews: Vec<Review>,
}

impl Case {
    /// A case from the stored incident text and its review texts (oldest first).
    pub fn from_stored<'a>(
        reference: &str,
        record: &str,
        reviews: impl IntoIterator<Item = &'a str>,
    ) -> Result<Case, StoreError> {
        let corrupt =
            |e: serde_json::Error| StoreError::Corrupt(reference.to_owned(), e.to_string());
        let incident: Incident = serde_json::from_str(record).map_err(corrupt)?;
        let reviews = reviews
            .into_iter()
            .map(|text| serde_json::from_str::<Review>(text).map_err(corrupt))
            .collect::<Result<Vec<_>, _>>()?;
        let status = reviews.last().map_or(Status::New, |r| r.status);
        Ok(Case {
            incident,
            status,
            reviews,
        })
    }
}

/// What `list` selects.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Created at or after (RFC 3339 or a date).
    pub since: Option<String>,
    /// Created before.
    pub until: Option<String>,
    /// Status.
    pub status: Option<Status>,
    /// Category.
    pub category: Option<String>,
    /// Establishment.
    pub establishment: Option<String>,
    /// Severity ("low", "medium", "high").
    pub severity: Option<String>,
    /// The envelope sender (any case).
    pub sender: Option<String>,
    /// A recipient class ("public_webmail", "external"...).
    pub class: Option<String>,
}

/// What `verify` found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Verification {
    /// Records checked.
    pub checked: usize,
    /// One line per problem (record reference or sequence number, and what is wrong).
    pub problems: Vec<String>,
}

/// Where incidents are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL URL.
    Postgres(String),
}

/// An incident store (which also keeps the console's accounts and sessions).
pub trait Store: accounts::Accounts + pages::Pages + sessions::Sessions + Send + Sync {
    /// Records `incident`: numbers it, links it into the chain, returns it.
    fn record(&self, incident: NewIncident) -> Result<Incident, StoreError>;
    /// The incident with this reference.
    fn get(&self, reference: &str) -> Result<Case, StoreError>;
    /// Incidents matching `filter`, oldest first.
    fn list(&self, filter: &Filter) -> Result<Vec<Case>, StoreError>;
    /// Adds a review event (under review, closed with a note).
    fn review(&self, reference: &str, review: Review) -> Result<(), StoreError>;
    /// Checks both chains (from the latest retention checkpoint, whose signature must match
    /// `trusted` when given).
    fn verify(&self, trusted: Option<&str>) -> Result<Verification, StoreError>;
    /// Removes the incidents created before `before` (and their queued notifications) and
    /// records a checkpoint signed by `signer`; returns how many were removed.
    fn purge(&self, before: &str, at: &str, signer: &Signer) -> Result<i64, StoreError>;
    /// Undelivered notifications due at `now` (UTC RFC 3339), oldest first.
    fn due(&self, now: &str, limit: usize) -> Result<Vec<Pending>, StoreError>;
    /// Every undelivered notification.
    fn outbox(&self) -> Result<Vec<Pending>, StoreError>;
    /// Marks a notification delivered.
    fn delivered(&self, id: i64, at: &str) -> Result<(), StoreError>;
    /// Records a failed attempt and when to try again.
    fn failed(&self, id: i64, error: &str, next_attempt_at: &str) -> Result<(), StoreError>;
    /// Succeeds when the store can be written now (`/readyz`); writes nothing.
    fn ready(&self) -> Result<(), StoreError>;
}

/// Opens the store at `location` (creating its tables); fails when it cannot be reached.
pub fn open(backend: &Backend) -> Result<Box<dyn Store>, StoreError> {
    match backend {
        Backend::Sqlite(path) => Ok(Box::new(sqlite::Sqlite::open(path)?)),
        Backend::Postgres(url) => Ok(Box::new(postgres::Postgres::open(url, true)?)),
    }
}

/// Opens the store for the SMTP server: a database server that is down does not stop
/// Sentinelle from starting (messages that need an incident get a 4xx until it is back).
pub fn open_for_server(backend: &Backend) -> Result<Box<dyn Store>, StoreError> {
    match backend {
        Backend::Sqlite(path) => Ok(Box::new(sqlite::Sqlite::open(path)?)),
        Backend::Postgres(url) => Ok(Box::new(postgres::Postgres::open(url, false)?)),
    }
}

/// An incident row as stored, for `verify`.
pub struct IncidentRow {
    /// Chain position.
    pub seq: i64,
    /// Reference column.
    pub reference: String,
    /// Year column.
    pub year: i64,
    /// Number column.
    pub number: i64,
    /// created_at column.
    pub created_at: String,
    /// category column.
    pub category: String,
    /// establishment column.
    pub establishment: Option<String>,
    /// The chained JSON text.
    pub record: String,
    /// Stored previous hash.
    pub previous_hash: String,
    /// Stored hash.
    pub hash: String,
}

/// A review row as stored, for `verify`.
pub struct ReviewRow {
    /// Chain position.
    pub seq: i64,
    /// The incident it reviews.
    pub reference: String,
    /// The chained JSON text.
    pub record: String,
    /// Stored previous hash.
    pub previous_hash: String,
    /// Stored hash.
    pub hash: String,
}

/// The checkpoint after purging `purged` (seq, hash, year, number; chain order) on top of
/// `previous`.
pub fn next_checkpoint(
    previous: Option<Checkpoint>,
    purged: &[(i64, String, i64, i64)],
    before: &str,
    at: &str,
) -> Option<Checkpoint> {
    let (through_seq, through_hash, _, _) = purged.last()?.clone();
    let mut numbers = previous
        .as_ref()
        .map(|p| p.numbers.clone())
        .unwrap_or_default();
    for (_, _, year, number) in purged {
        let last = numbers.entry(*year).or_insert(0);
        *last = (*last).max(*number);
    }
    Some(Checkpoint {
        at: at.to_owned(),
        before: before.to_owned(),
        through_seq,
        through_hash,
        purged: previous.map_or(0, |p| p.purged) + purged.len() as i64,
        numbers,
    })
}

/// Signs `checkpoint` for storage.
pub fn sign(checkpoint: &Checkpoint, signer: &Signer) -> Result<Signed, StoreError> {
    let record = serde_json::to_string(checkpoint)
        .map_err(|e| StoreError::Corrupt("checkpoint".into(), e.to_string()))?;
    Ok(Signed {
        signature: signer.sign(&record),
        public_key: signer.public_key(),
        record,
    })
}

/// Checks both chains as read back, in sequence order: links, content, the searchable columns
/// against the chained record, and reference numbers without gaps within a year. With a
/// retention checkpoint, the incidents chain resumes where the purged part ended.
pub fn verify_rows(
    incidents: &[IncidentRow],
    reviews: &[ReviewRow],
    checkpoint: Option<&Signed>,
    trusted: Option<&str>,
) -> Verification {
    let mut problems = Vec::new();
    let start = match checkpoint.map(|c| checkpoint::check(c, trusted)) {
        None => None,
        Some(Ok(checkpoint)) => Some(checkpoint),
        Some(Err(problem)) => {
            problems.push(problem);
            None
        }
    };
    let mut walker = match &start {
        Some(c) => chain::Walker::new(c.through_seq + 1, &c.through_hash),
        None => chain::Walker::new(1, chain::GENESIS),
    };
    walker.problems = problems;
    let mut numbers: std::collections::HashMap<i64, i64> = start
        .map(|c| c.numbers.into_iter().collect())
        .unwrap_or_default();
    for row in incidents {
        walker.check(
            "incident",
            chain::Stored {
                seq: row.seq,
                name: &row.reference,
                text: &row.record,
                previous: &row.previous_hash,
                hash: &row.hash,
            },
        );
        match serde_json::from_str::<Incident>(&row.record) {
            Ok(incident) => {
                let consistent = incident.reference == row.reference
                    && i32::try_from(row.year)
                        .is_ok_and(|year| incident.reference == reference(year, row.number))
                    && incident.created_at == row.created_at
                    && incident.draft.category.as_str() == row.category
                    && incident.who.establishment == row.establishment;
                if !consistent {
                    walker.problems.push(format!(
                        "incident {}: its columns differ from its record",
                        row.reference
                    ));
                }
            }
            Err(_) => walker
                .problems
                .push(format!("incident {}: record does not parse", row.reference)),
        }
        let expected = numbers.entry(row.year).or_insert(0);
        *expected += 1;
        if row.number != *expected {
            walker.problems.push(format!(
                "incident {}: number {} where {} was expected (a record was removed or inserted)",
                row.reference, row.number, expected
            ));
            *expected = row.number;
        }
    }
    let mut review_walker = chain::Walker::new(1, chain::GENESIS);
    for row in reviews {
        review_walker.check(
            "review of",
            chain::Stored {
                seq: row.seq,
                name: &row.reference,
                text: &row.record,
                previous: &row.previous_hash,
                hash: &row.hash,
            },
        );
    }
    let mut problems = walker.problems;
    problems.extend(review_walker.problems);
    Verification {
        checked: walker.checked + review_walker.checked,
        problems,
    }
}

/// `INC-2026-000123`.
pub fn reference(year: i32, number: i64) -> String {
    format!("INC-{year}-{number:06}")
}

/// RFC 3339 UTC with seconds, for storage and sorting.
pub fn timestamp(at: time::OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
