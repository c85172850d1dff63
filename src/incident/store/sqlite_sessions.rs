//! Console sessions in the SQLite store.

use rusqlite::{OptionalExtension, params};

use super::StoreError;
use super::sessions::{Sessions, StoredSession};
use super::sqlite::Sqlite;

impl Sessions for Sqlite {
    fn open_session(
        &self,
        token_hash: &str,
        account: &str,
        csrf: &str,
        now: i64,
        expired_before: i64,
    ) -> Result<(), StoreError> {
        let connection = self.connection();
        connection
            .execute(
                "DELETE FROM console_sessions WHERE last_seen < ?1",
                params![expired_before],
            )
            .map_err(|e| self.fail(e))?;
        connection
            .execute(
                "INSERT INTO console_sessions (token_hash, account, csrf, last_seen)
                 VALUES (?1, ?2, ?3, ?4)",
                params![token_hash, account, csrf, now],
            )
            .map_err(|e| self.fail(e))?;
        Ok(())
    }

    fn session(
        &self,
        token_hash: &str,
        now: i64,
        expired_before: i64,
        touch_before: i64,
    ) -> Result<Option<StoredSession>, StoreError> {
        let connection = self.connection();
        let found = connection
            .query_row(
                "SELECT s.account, a.role, s.csrf, s.last_seen
                   FROM console_sessions s JOIN console_accounts a ON a.name = s.account
                  WHERE s.token_hash = ?1 AND s.last_seen >= ?2",
                params![token_hash, expired_before],
                |row| {
                    Ok((
                        StoredSession {
                            account: row.get(0)?,
                            role: row.get(1)?,
                            csrf: row.get(2)?,
                        },
                        row.get::<_, i64>(3)?,
                    ))
                },
            )
            .optional()
            .map_err(|e| self.fail(e))?;
        let Some((session, last_seen)) = found else {
            return Ok(None);
        };
        if last_seen < touch_before {
            connection
                .execute(
                    "UPDATE console_sessions SET last_seen = ?2 WHERE token_hash = ?1",
                    params![token_hash, now],
                )
                .map_err(|e| self.fail(e))?;
        }
        Ok(Some(session))
    }

    fn close_session(&self, token_hash: &str) -> Result<(), StoreError> {
        self.connection()
            .execute(
                "DELETE FROM console_sessions WHERE token_hash = ?1",
                params![token_hash],
            )
            .map_err(|e| self.fail(e))?;
        Ok(())
    }

    fn close_sessions(&self, account: &str) -> Result<u64, StoreError> {
        let closed = self
            .connection()
            .execute(
                "DELETE FROM console_sessions WHERE account = ?1",
                params![account],
            )
            .map_err(|e| self.fail(e))?;
        Ok(closed as u64)
    }
}
