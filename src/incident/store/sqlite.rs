//! The SQLite store (rusqlite, bundled SQLite): WAL mode, `synchronous = FULL` (an incident
//! is on disk before the client's reply), one writer at a time (`BEGIN IMMEDIATE`) so the
//! chain has one order even with several processes on the same file.

use std::path::Path;
use std::sync::{Mutex, PoisonError};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::chain::{self, GENESIS};
use super::{
    Case, Filter, IncidentRow, NewIncident, Pending, Review, ReviewRow, Store, StoreError,
    Verification,
};
use crate::incident::checkpoint::{Checkpoint, Signed, Signer};
use crate::incident::model::{Incident, Status};

const SCHEMA: &str = include_str!("../../../migrations/sqlite/001_incidents.sql");
const CONSOLE: &str = include_str!("../../../migrations/sqlite/002_console.sql");
const SESSIONS: &str = include_str!("../../../migrations/sqlite/003_sessions.sql");

/// A SQLite incident store.
pub struct Sqlite {
    connection: Mutex<Connection>,
    location: String,
}

impl std::fmt::Debug for Sqlite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Sqlite({})", self.location)
    }
}

impl Sqlite {
    /// Opens (creating) the database at `path`.
    pub fn open(path: &Path) -> Result<Sqlite, StoreError> {
        let location = path.display().to_string();
        let fail = |e: &dyn std::fmt::Display| StoreError::Unavailable {
            location: location.clone(),
            reason: e.to_string(),
        };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| fail(&e))?;
        }
        let connection = Connection::open(path).map_err(|e| fail(&e))?;
        connection
            .busy_timeout(std::time::Duration::from_secs(2))
            .map_err(|e| fail(&e))?;
        connection
            .execute_batch(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
            )
            .map_err(|e| fail(&e))?;
        connection.execute_batch(SCHEMA).map_err(|e| fail(&e))?;
        connection.execute_batch(CONSOLE).map_err(|e| fail(&e))?;
        connection.execute_batch(SESSIONS).map_err(|e| fail(&e))?;
        let store = Sqlite {
            connection: Mutex::new(connection),
            location,
        };
        store.fill_facets()?;
        Ok(store)
    }

    pub(super) fn fail(&self, e: rusqlite::Error) -> StoreError {
        StoreError::Unavailable {
            location: self.location.clone(),
            reason: e.to_string(),
        }
    }

    pub(super) fn connection(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.connection
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    pub(super) fn case(
        &self,
        connection: &Connection,
        reference: &str,
        record: &str,
    ) -> Result<Case, StoreError> {
        let mut statement = connection
            .prepare_cached("SELECT record FROM reviews WHERE reference = ?1 ORDER BY seq")
            .map_err(|e| self.fail(e))?;
        let reviews = statement
            .query_map(params![reference], |row| row.get::<_, String>(0))
            .map_err(|e| self.fail(e))?
            .collect::<Result<Vec<String>, _>>()
            .map_err(|e| self.fail(e))?;
        Case::from_stored(reference, record, reviews.iter().map(String::as_str))
    }
}

/// The latest retention checkpoint, if any purge happened.
fn latest_checkpoint(connection: &Connection) -> rusqlite::Result<Option<Signed>> {
    connection
        .query_row(
            "SELECT record, public_key, signature FROM checkpoints ORDER BY seq DESC LIMIT 1",
            [],
            |row| {
                Ok(Signed {
                    record: row.get(0)?,
                    public_key: row.get(1)?,
                    signature: row.get(2)?,
                })
            },
        )
        .optional()
}

impl Sqlite {
    fn pending(
        &self,
        clause: &str,
        params: impl rusqlite::Params,
    ) -> Result<Vec<Pending>, StoreError> {
        let connection = self.connection();
        let mut statement = connection
            .prepare(&format!(
                "SELECT id, reference, channel, attempts, next_attempt_at, last_error FROM outbox {clause}"
            ))
            .map_err(|e| self.fail(e))?;
        statement
            .query_map(params, |row| {
                Ok(Pending {
                    id: row.get(0)?,
                    reference: row.get(1)?,
                    channel: row.get(2)?,
                    attempts: row.get(3)?,
                    next_attempt_at: row.get(4)?,
                    last_error: row.get(5)?,
                })
            })
            .map_err(|e| self.fail(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.fail(e))
    }
}

impl Store for Sqlite {
    fn record(&self, new: NewIncident) -> Result<Incident, StoreError> {
        let mut connection = self.connection();
        let tx = connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| self.fail(e))?;
        let year = new.at.year();
        let number: i64 = tx
            .query_row(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM incidents WHERE year = ?1",
                params![year],
                |row| row.get(0),
            )
            .map_err(|e| self.fail(e))?;
        let last: Option<(i64, String)> = tx
            .query_row(
                "SELECT seq, hash FROM incidents ORDER BY seq DESC LIMIT 1",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
            .map_err(|e| self.fail(e))?;
        let (seq, previous) = last.map_or((1, GENESIS.to_owned()), |(s, h)| (s + 1, h));
        let incident = Incident {
            id: uuid::Uuid::now_v7().to_string(),
            reference: super::reference(year, number),
            created_at: super::timestamp(new.at),
            draft: new.draft,
            who: new.who,
            message: new.message,
        };
        let text = serde_json::to_string(&incident)
            .map_err(|e| StoreError::Corrupt(incident.reference.clone(), e.to_string()))?;
        let hash = chain::link(&previous, &text);
        tx.execute(
            "INSERT INTO incidents (seq, id, reference, year, number, created_at, category, establishment, record, previous_hash, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                seq,
                incident.id,
                incident.reference,
                year,
                number,
                incident.created_at,
                incident.draft.category.as_str(),
                incident.who.establishment,
                text,
                previous,
                hash
            ],
        )
        .map_err(|e| self.fail(e))?;
        let case = Case {
            incident: incident.clone(),
            status: Status::New,
            reviews: Vec::new(),
        };
        self.put_facets(&tx, seq, &case)?;
        for channel in &new.channels {
            tx.execute(
                "INSERT INTO outbox (reference, channel, next_attempt_at) VALUES (?1, ?2, ?3)",
                params![incident.reference, channel, incident.created_at],
            )
            .map_err(|e| self.fail(e))?;
        }
        tx.commit().map_err(|e| self.fail(e))?;
        Ok(incident)
    }

    fn purge(&self, before: &str, at: &str, signer: &Signer) -> Result<i64, StoreError> {
        let mut connection = self.connection();
        let tx = connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| self.fail(e))?;
        // The purged part is a prefix of the chain: up to the first record kept.
        let first_kept: Option<i64> = tx
            .query_row(
                "SELECT MIN(seq) FROM incidents WHERE created_at >= ?1",
                params![before],
                |row| row.get(0),
            )
            .map_err(|e| self.fail(e))?;
        let purged = {
            let mut statement = tx
                .prepare(
                    "SELECT seq, hash, year, number FROM incidents WHERE (?1 IS NULL OR seq < ?1) ORDER BY seq",
                )
                .map_err(|e| self.fail(e))?;
            statement
                .query_map(params![first_kept], |row| {
                    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
                })
                .map_err(|e| self.fail(e))?
                .collect::<Result<Vec<(i64, String, i64, i64)>, _>>()
                .map_err(|e| self.fail(e))?
        };
        let previous = latest_checkpoint(&tx)
            .map_err(|e| self.fail(e))?
            .and_then(|signed| serde_json::from_str::<Checkpoint>(&signed.record).ok());
        let Some(checkpoint) = super::next_checkpoint(previous, &purged, before, at) else {
            return Ok(0);
        };
        let signed = super::sign(&checkpoint, signer)?;
        tx.execute(
            "INSERT INTO checkpoints (seq, record, public_key, signature)
             VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM checkpoints), ?1, ?2, ?3)",
            params![signed.record, signed.public_key, signed.signature],
        )
        .map_err(|e| self.fail(e))?;
        tx.execute(
            "DELETE FROM outbox WHERE reference IN (SELECT reference FROM incidents WHERE seq <= ?1)",
            params![checkpoint.through_seq],
        )
        .map_err(|e| self.fail(e))?;
        tx.execute(
            "DELETE FROM incidents WHERE seq <= ?1",
            params![checkpoint.through_seq],
        )
        .map_err(|e| self.fail(e))?;
        tx.commit().map_err(|e| self.fail(e))?;
        Ok(purged.len() as i64)
    }

    fn due(&self, now: &str, limit: usize) -> Result<Vec<Pending>, StoreError> {
        self.pending(
            "WHERE delivered_at IS NULL AND next_attempt_at <= ?1 ORDER BY id LIMIT ?2",
            params![now, limit as i64],
        )
    }

    fn ready(&self) -> Result<(), StoreError> {
        // Takes the write lock and gives it back: fails on a read-only or locked file.
        self.connection()
            .execute_batch("BEGIN IMMEDIATE; ROLLBACK;")
            .map_err(|e| self.fail(e))
    }

    fn outbox(&self) -> Result<Vec<Pending>, StoreError> {
        self.pending("WHERE delivered_at IS NULL ORDER BY id", [])
    }

    fn delivered(&self, id: i64, at: &str) -> Result<(), StoreError> {
        self.connection()
            .execute(
                "UPDATE outbox SET delivered_at = ?2, last_error = NULL WHERE id = ?1",
                params![id, at],
            )
            .map(|_| ())
            .map_err(|e| self.fail(e))
    }

    fn failed(&self, id: i64, error: &str, next_attempt_at: &str) -> Result<(), StoreError> {
        self.connection()
            .execute(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ?2, next_attempt_at = ?3 WHERE id = ?1",
                params![id, error, next_attempt_at],
            )
            .map(|_| ())
            .map_err(|e| self.fail(e))
    }

    fn get(&self, reference: &str) -> Result<Case, StoreError> {
        let connection = self.connection();
        let record: Option<String> = connection
            .query_row(
                "SELECT record FROM incidents WHERE reference = ?1",
                params![reference],
                |row| row.get(0),
            )
            .optional()
            .map_err(|e| self.fail(e))?;
        let record = record.ok_or_else(|| StoreError::NotFound(reference.to_owned()))?;
        self.case(&connection, reference, &record)
    }

    fn list(&self, filter: &Filter) -> Result<Vec<Case>, StoreError> {
        let connection = self.connection();
        self.select(&connection, filter, "i.seq", i64::MAX, 0)
    }

    fn review(&self, reference: &str, review: Review) -> Result<(), StoreError> {
        let mut connection = self.connection();
        let tx = connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| self.fail(e))?;
        let exists: Option<i64> = tx
            .query_row(
                "SELECT seq FROM incidents WHERE reference = ?1",
                params![reference],
                |row| row.get(0),
            )
            .optional()
            .map_err(|e| self.fail(e))?;
        if exists.is_none() {
            return Err(StoreError::NotFound(reference.to_owned()));
        }
        let last: Option<(i64, String)> = tx
            .query_row(
                "SELECT seq, hash FROM reviews ORDER BY seq DESC LIMIT 1",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
            .map_err(|e| self.fail(e))?;
        let (seq, previous) = last.map_or((1, GENESIS.to_owned()), |(s, h)| (s + 1, h));
        let text = serde_json::to_string(&review)
            .map_err(|e| StoreError::Corrupt(reference.to_owned(), e.to_string()))?;
        let hash = chain::link(&previous, &text);
        tx.execute(
            "INSERT INTO reviews (seq, reference, record, previous_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![seq, reference, text, previous, hash],
        )
        .map_err(|e| self.fail(e))?;
        tx.execute(
            "UPDATE facets SET status = ?2 WHERE seq = ?1",
            params![exists, review.status.as_str()],
        )
        .map_err(|e| self.fail(e))?;
        tx.commit().map_err(|e| self.fail(e))
    }

    fn verify(&self, trusted: Option<&str>) -> Result<Verification, StoreError> {
        let connection = self.connection();
        let checkpoint = latest_checkpoint(&connection).map_err(|e| self.fail(e))?;
        let mut statement = connection
            .prepare(
                "SELECT seq, reference, year, number, created_at, category, establishment, record, previous_hash, hash
                 FROM incidents ORDER BY seq",
            )
            .map_err(|e| self.fail(e))?;
        let incidents = statement
            .query_map([], |row| {
                Ok(IncidentRow {
                    seq: row.get(0)?,
                    reference: row.get(1)?,
                    year: row.get(2)?,
                    number: row.get(3)?,
                    created_at: row.get(4)?,
                    category: row.get(5)?,
                    establishment: row.get(6)?,
                    record: row.get(7)?,
                    previous_hash: row.get(8)?,
                    hash: row.get(9)?,
                })
            })
            .map_err(|e| self.fail(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.fail(e))?;
        let mut statement = connection
            .prepare("SELECT seq, reference, record, previous_hash, hash FROM reviews ORDER BY seq")
            .map_err(|e| self.fail(e))?;
        let reviews = statement
            .query_map([], |row| {
                Ok(ReviewRow {
                    seq: row.get(0)?,
                    reference: row.get(1)?,
                    record: row.get(2)?,
                    previous_hash: row.get(3)?,
                    hash: row.get(4)?,
                })
            })
            .map_err(|e| self.fail(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.fail(e))?;
        Ok(super::verify_rows(
            &incidents,
            &reviews,
            checkpoint.as_ref(),
            trusted,
        ))
    }
}
