//! The PostgreSQL store, for establishments that run several Sentinelle instances behind one
//! address: the same tables as SQLite; each writer takes an exclusive table lock for its
//! transaction so the chain has one order across instances; `lock_timeout` and
//! `statement_timeout` bound the wait, so a stuck database is a 4xx, not a hang. A lost
//! connection is opened again on the next call.
//!
//! The `postgres` client runs its own small runtime: open, use and drop this store from
//! blocking threads only (`spawn_blocking`), never from async code.

use std::sync::{Mutex, MutexGuard, PoisonError};

use postgres::{Client, NoTls, Row};

use super::chain::{self, GENESIS};
use super::{
    Case, Filter, IncidentRow, NewIncident, Pending, Review, ReviewRow, Store, StoreError,
    Verification,
};
use crate::incident::checkpoint::{Checkpoint, Signed, Signer};
use crate::incident::model::{Incident, Status};

const SCHEMA: &str = include_str!("../../../migrations/postgres/001_incidents.sql");
const CONSOLE: &str = include_str!("../../../migrations/postgres/002_console.sql");
const SESSIONS: &str = include_str!("../../../migrations/postgres/003_sessions.sql");

/// A PostgreSQL incident store.
pub struct Postgres {
    url: String,
    client: Mutex<Option<Client>>,
}

impl std::fmt::Debug for Postgres {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Postgres({})", chain::without_credentials(&self.url))
    }
}

impl Postgres {
    /// Connects to `url` and creates the tables. `required`: fail when the server cannot be
    /// reached now (the CLI); otherwise (the SMTP server) start anyway: every message that
    /// needs an incident gets a 4xx until the database answers.
    pub fn open(url: &str, required: bool) -> Result<Postgres, StoreError> {
        let store = Postgres {
            url: url.to_owned(),
            client: Mutex::new(None),
        };
        match store.client() {
            Ok(guard) => drop(guard),
            Err(err) if !required => {
                tracing::warn!(error = %err, "incident store unreachable: enforcement answers 4xx until it is back");
            }
            Err(err) => return Err(err),
        }
        Ok(store)
    }

    pub(super) fn fail(&self, e: &dyn std::fmt::Display) -> StoreError {
        StoreError::Unavailable {
            location: chain::without_credentials(&self.url),
            reason: e.to_string(),
        }
    }

    /// The connection, opened (again) when needed.
    pub(super) fn client(&self) -> Result<MutexGuard<'_, Option<Client>>, StoreError> {
        let mut guard = self.client.lock().unwrap_or_else(PoisonError::into_inner);
        if guard.as_ref().is_none_or(Client::is_closed) {
            let mut client = Client::connect(&self.url, NoTls).map_err(|e| self.fail(&e))?;
            client
                .batch_execute("SET lock_timeout = '2s'; SET statement_timeout = '10s';")
                .map_err(|e| self.fail(&e))?;
            client.batch_execute(SCHEMA).map_err(|e| self.fail(&e))?;
            client.batch_execute(CONSOLE).map_err(|e| self.fail(&e))?;
            client.batch_execute(SESSIONS).map_err(|e| self.fail(&e))?;
            super::postgres_pages::fill_facets(&mut client).map_err(|e| self.fail(&e))?;
            *guard = Some(client);
        }
        Ok(guard)
    }

    pub(super) fn with<T>(
        &self,
        f: impl FnOnce(&mut Client) -> Result<T, postgres::Error>,
    ) -> Result<T, StoreError> {
        let mut guard = self.client()?;
        let client = guard.as_mut().ok_or_else(|| self.fail(&"not connected"))?;
        let result = f(client);
        // A broken connection is dropped: the next call connects again.
        if result.is_err() && client.is_closed() {
            *guard = None;
        }
        result.map_err(|e| self.fail(&e))
    }

    pub(super) fn case(
        &self,
        client: &mut Client,
        reference: &str,
        record: &str,
    ) -> Result<Case, StoreError> {
        let rows = client
            .query(
                "SELECT record FROM reviews WHERE reference = $1 ORDER BY seq",
                &[&reference],
            )
            .map_err(|e| self.fail(&e))?;
        Case::from_stored(
            reference,
            record,
            rows.iter().map(|row| row.get::<_, &str>(0)),
        )
    }
}

/// The latest retention checkpoint, if any purge happened.
fn latest_checkpoint(
    client: &mut impl postgres::GenericClient,
) -> Result<Option<Signed>, postgres::Error> {
    Ok(client
        .query_opt(
            "SELECT record, public_key, signature FROM checkpoints ORDER BY seq DESC LIMIT 1",
            &[],
        )?
        .map(|row| Signed {
            record: row.get(0),
            public_key: row.get(1),
            signature: row.get(2),
        }))
}

fn pending(row: &Row) -> Pending {
    Pending {
        id: row.get(0),
        reference: row.get(1),
        channel: row.get(2),
        attempts: row.get(3),
        next_attempt_at: row.get(4),
        last_error: row.get(5),
    }
}

impl Store for Postgres {
    fn record(&self, new: NewIncident) -> Result<Incident, StoreError> {
        let mut corrupt = None;
        let incident = self.with(|client| {
            let mut tx = client.transaction()?;
            tx.batch_execute("LOCK TABLE incidents IN EXCLUSIVE MODE")?;
            let year = i64::from(new.at.year());
            let number: i64 = tx
                .query_one(
                    "SELECT COALESCE(MAX(number), 0) + 1 FROM incidents WHERE year = $1",
                    &[&year],
                )?
                .get(0);
            let last = tx.query_opt("SELECT seq, hash FROM incidents ORDER BY seq DESC LIMIT 1", &[])?;
            let (seq, previous) = last.map_or((1, GENESIS.to_owned()), |row| {
                (row.get::<_, i64>(0) + 1, row.get::<_, String>(1))
            });
            let incident = Incident {
                id: uuid::Uuid::now_v7().to_string(),
                reference: super::reference(new.at.year(), number),
                created_at: super::timestamp(new.at),
                draft: new.draft.clone(),
                who: new.who.clone(),
                message: new.message.clone(),
            };
            let text = match serde_json::to_string(&incident) {
                Ok(text) => text,
                Err(e) => {
                    corrupt = Some(e.to_string());
                    return Ok(incident);
                }
            };
            let hash = chain::link(&previous, &text);
            tx.execute(
                "INSERT INTO incidents (seq, id, reference, year, number, created_at, category, establishment, record, previous_hash, hash)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                &[
                    &seq,
                    &incident.id,
                    &incident.reference,
                    &year,
                    &number,
                    &incident.created_at,
                    &incident.draft.category.as_str(),
                    &incident.who.establishment,
                    &text,
                    &previous,
                    &hash,
                ],
            )?;
            let case = Case {
                incident: incident.clone(),
                status: Status::New,
                reviews: Vec::new(),
            };
            super::postgres_pages::put_facets(&mut tx, seq, &case)?;
            for channel in &new.channels {
                tx.execute(
                    "INSERT INTO outbox (reference, channel, next_attempt_at) VALUES ($1, $2, $3)",
                    &[&incident.reference, channel, &incident.created_at],
                )?;
            }
            tx.commit()?;
            Ok(incident)
        })?;
        match corrupt {
            Some(reason) => Err(StoreError::Corrupt(incident.reference, reason)),
            None => Ok(incident),
        }
    }

    fn get(&self, reference: &str) -> Result<Case, StoreError> {
        let mut guard = self.client()?;
        let client = guard.as_mut().ok_or_else(|| self.fail(&"not connected"))?;
        let row = client
            .query_opt(
                "SELECT record FROM incidents WHERE reference = $1",
                &[&reference],
            )
            .map_err(|e| self.fail(&e))?
            .ok_or_else(|| StoreError::NotFound(reference.to_owned()))?;
        let record: String = row.get(0);
        self.case(client, reference, &record)
    }

    fn list(&self, filter: &Filter) -> Result<Vec<Case>, StoreError> {
        self.select(filter, "i.seq", i64::MAX, 0)
    }

    fn review(&self, reference: &str, review: Review) -> Result<(), StoreError> {
        let text = serde_json::to_string(&review)
            .map_err(|e| StoreError::Corrupt(reference.to_owned(), e.to_string()))?;
        let found = self.with(|client| {
            let mut tx = client.transaction()?;
            tx.batch_execute("LOCK TABLE reviews IN EXCLUSIVE MODE")?;
            let Some(incident) =
                tx.query_opt("SELECT seq FROM incidents WHERE reference = $1", &[&reference])?
            else {
                return Ok(false);
            };
            let incident: i64 = incident.get(0);
            let last = tx.query_opt("SELECT seq, hash FROM reviews ORDER BY seq DESC LIMIT 1", &[])?;
            let (seq, previous) = last.map_or((1, GENESIS.to_owned()), |row| {
                (row.get::<_, i64>(0) + 1, row.get::<_, String>(1))
            });
            let hash = chain::link(&previous, &text);
            tx.execute(
                "INSERT INTO reviews (seq, reference, record, previous_hash, hash) VALUES ($1, $2, $3, $4, $5)",
                &[&seq, &reference, &text, &previous, &hash],
            )?;
            tx.execute(
                "UPDATE facets SET status = $2 WHERE seq = $1",
                &[&incident, &review.status.as_str()],
            )?;
            tx.commit()?;
            Ok(true)
        })?;
        if found {
            Ok(())
        } else {
            Err(StoreError::NotFound(reference.to_owned()))
        }
    }

    fn verify(&self, trusted: Option<&str>) -> Result<Verification, StoreError> {
        self.with(|client| {
            let checkpoint = latest_checkpoint(client)?;
            let incidents = client
                .query(
                    "SELECT seq, reference, year, number, created_at, category, establishment, record, previous_hash, hash
                     FROM incidents ORDER BY seq",
                    &[],
                )?
                .iter()
                .map(|row| IncidentRow {
                    seq: row.get(0),
                    reference: row.get(1),
                    year: row.get(2),
                    number: row.get(3),
                    created_at: row.get(4),
                    category: row.get(5),
                    establishment: row.get(6),
                    record: row.get(7),
                    previous_hash: row.get(8),
                    hash: row.get(9),
                })
                .collect::<Vec<_>>();
            let reviews = client
                .query(
                    "SELECT seq, reference, record, previous_hash, hash FROM reviews ORDER BY seq",
                    &[],
                )?
                .iter()
                .map(|row| ReviewRow {
                    seq: row.get(0),
                    reference: row.get(1),
                    record: row.get(2),
                    previous_hash: row.get(3),
                    hash: row.get(4),
                })
                .collect::<Vec<_>>();
            Ok(super::verify_rows(
                &incidents,
                &reviews,
                checkpoint.as_ref(),
                trusted,
            ))
        })
    }

    fn purge(&self, before: &str, at: &str, signer: &Signer) -> Result<i64, StoreError> {
        let mut failure = None;
        let count = self.with(|client| {
            let mut tx = client.transaction()?;
            tx.batch_execute("LOCK TABLE incidents IN EXCLUSIVE MODE")?;
            let first_kept: Option<i64> = tx
                .query_one(
                    "SELECT MIN(seq) FROM incidents WHERE created_at >= $1",
                    &[&before],
                )?
                .get(0);
            let purged: Vec<(i64, String, i64, i64)> = tx
                .query(
                    "SELECT seq, hash, year, number FROM incidents WHERE ($1::BIGINT IS NULL OR seq < $1) ORDER BY seq",
                    &[&first_kept],
                )?
                .iter()
                .map(|row| (row.get(0), row.get(1), row.get(2), row.get(3)))
                .collect();
            let previous = latest_checkpoint(&mut tx)?
                .and_then(|signed| serde_json::from_str::<Checkpoint>(&signed.record).ok());
            let Some(checkpoint) = super::next_checkpoint(previous, &purged, before, at) else {
                return Ok(0);
            };
            let signed = match super::sign(&checkpoint, signer) {
                Ok(signed) => signed,
                Err(e) => {
                    failure = Some(e);
                    return Ok(0);
                }
            };
            tx.execute(
                "INSERT INTO checkpoints (seq, record, public_key, signature)
                 VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM checkpoints), $1, $2, $3)",
                &[&signed.record, &signed.public_key, &signed.signature],
            )?;
            tx.execute(
                "DELETE FROM outbox WHERE reference IN (SELECT reference FROM incidents WHERE seq <= $1)",
                &[&checkpoint.through_seq],
            )?;
            tx.execute(
                "DELETE FROM incidents WHERE seq <= $1",
                &[&checkpoint.through_seq],
            )?;
            tx.commit()?;
            Ok(purged.len() as i64)
        })?;
        match failure {
            Some(e) => Err(e),
            None => Ok(count),
        }
    }

    fn due(&self, now: &str, limit: usize) -> Result<Vec<Pending>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.with(|client| {
            Ok(client
                .query(
                    "SELECT id, reference, channel, attempts, next_attempt_at, last_error FROM outbox
                     WHERE delivered_at IS NULL AND next_attempt_at <= $1 ORDER BY id LIMIT $2",
                    &[&now, &limit],
                )?
                .iter()
                .map(pending)
                .collect())
        })
    }

    fn ready(&self) -> Result<(), StoreError> {
        let writable = self.with(|client| {
            client
                .query_one(
                    "SELECT current_setting('transaction_read_only') = 'off'",
                    &[],
                )
                .map(|row| row.get::<_, bool>(0))
        })?;
        if writable {
            Ok(())
        } else {
            Err(self.fail(&"read-only (a standby?)"))
        }
    }

    fn outbox(&self) -> Result<Vec<Pending>, StoreError> {
        self.with(|client| {
            Ok(client
                .query(
                    "SELECT id, reference, channel, attempts, next_attempt_at, last_error FROM outbox
                     WHERE delivered_at IS NULL ORDER BY id",
                    &[],
                )?
                .iter()
                .map(pending)
                .collect())
        })
    }

    fn delivered(&self, id: i64, at: &str) -> Result<(), StoreError> {
        self.with(|client| {
            client
                .execute(
                    "UPDATE outbox SET delivered_at = $2, last_error = NULL WHERE id = $1",
                    &[&id, &at],
                )
                .map(|_| ())
        })
    }

    fn failed(&self, id: i64, error: &str, next_attempt_at: &str) -> Result<(), StoreError> {
        self.with(|client| {
            client
                .execute(
                    "UPDATE outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3 WHERE id = $1",
                    &[&id, &error, &next_attempt_at],
                )
                .map(|_| ())
        })
    }
}
