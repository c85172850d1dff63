//! Console sessions in the PostgreSQL store.

use super::StoreError;
use super::postgres::Postgres;
use super::sessions::{Sessions, StoredSession};

impl Sessions for Postgres {
    fn open_session(
        &self,
        token_hash: &str,
        account: &str,
        csrf: &str,
        now: i64,
        expired_before: i64,
    ) -> Result<(), StoreError> {
        self.with(|client| {
            client.execute(
                "DELETE FROM console_sessions WHERE last_seen < $1",
                &[&expired_before],
            )?;
            client.execute(
                "INSERT INTO console_sessions (token_hash, account, csrf, last_seen)
                 VALUES ($1, $2, $3, $4)",
                &[&token_hash, &account, &csrf, &now],
            )
        })?;
        Ok(())
    }

    fn session(
        &self,
        token_hash: &str,
        now: i64,
        expired_before: i64,
        touch_before: i64,
    ) -> Result<Option<StoredSession>, StoreError> {
        let row = self.with(|client| {
            client.query_opt(
                "SELECT s.account, a.role, s.csrf, s.last_seen
                   FROM console_sessions s JOIN console_accounts a ON a.name = s.account
                  WHERE s.token_hash = $1 AND s.last_seen >= $2",
                &[&token_hash, &expired_before],
            )
        })?;
        let Some(row) = row else {
            return Ok(None);
        };
        if row.get::<_, i64>(3) < touch_before {
            self.with(|client| {
                client.execute(
                    "UPDATE console_sessions SET last_seen = $2 WHERE token_hash = $1",
                    &[&token_hash, &now],
                )
            })?;
        }
        Ok(Some(StoredSession {
            account: row.get(0),
            role: row.get(1),
            csrf: row.get(2),
        }))
    }

    fn close_session(&self, token_hash: &str) -> Result<(), StoreError> {
        self.with(|client| {
            client.execute(
                "DELETE FROM console_sessions WHERE token_hash = $1",
                &[&token_hash],
            )
        })?;
        Ok(())
    }

    fn close_sessions(&self, account: &str) -> Result<u64, StoreError> {
        self.with(|client| {
            client.execute(
                "DELETE FROM console_sessions WHERE account = $1",
                &[&account],
            )
        })
    }
}
