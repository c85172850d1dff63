//! Console accounts in the SQLite store.

use rusqlite::{OptionalExtension, Row, TransactionBehavior, params};

use super::accounts::{Access, Account, Accounts};
use super::chain::{self, GENESIS};
use super::sqlite::Sqlite;
use super::{StoreError, Verification};

const COLUMNS: &str = "name, role, password_hash, created_at, failures, locked_until";

fn account(row: &Row<'_>) -> rusqlite::Result<Account> {
    Ok(Account {
        name: row.get(0)?,
        role: row.get(1)?,
        password_hash: row.get(2)?,
        created_at: row.get(3)?,
        failures: row.get(4)?,
        locked_until: row.get(5)?,
    })
}

impl Accounts for Sqlite {
    fn accounts(&self) -> Result<Vec<Account>, StoreError> {
        let connection = self.connection();
        let sql = format!("SELECT {COLUMNS} FROM console_accounts ORDER BY name");
        let mut statement = connection.prepare(&sql).map_err(|e| self.fail(e))?;
        let rows = statement.query_map([], account).map_err(|e| self.fail(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.fail(e))
    }

    fn account(&self, name: &str) -> Result<Option<Account>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM console_accounts WHERE name = ?1");
        self.connection()
            .query_row(&sql, params![name], account)
            .optional()
            .map_err(|e| self.fail(e))
    }

    fn add_account(&self, new: &Account) -> Result<bool, StoreError> {
        let added = self
            .connection()
            .execute(
                "INSERT INTO console_accounts (name, role, password_hash, created_at)
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT (name) DO NOTHING",
                params![new.name, new.role, new.password_hash, new.created_at],
            )
            .map_err(|e| self.fail(e))?;
        Ok(added == 1)
    }

    fn set_password(&self, name: &str, password_hash: &str) -> Result<bool, StoreError> {
        let changed = self
            .connection()
            .execute(
                "UPDATE console_accounts SET password_hash = ?2, failures = 0, locked_until = NULL
                 WHERE name = ?1",
                params![name, password_hash],
            )
            .map_err(|e| self.fail(e))?;
        Ok(changed == 1)
    }

    fn remove_account(&self, name: &str) -> Result<bool, StoreError> {
        let removed = self
            .connection()
            .execute(
                "DELETE FROM console_accounts WHERE name = ?1",
                params![name],
            )
            .map_err(|e| self.fail(e))?;
        Ok(removed == 1)
    }

    fn login_failed(
        &self,
        name: &str,
        lock_after: i64,
        lock_until: &str,
    ) -> Result<i64, StoreError> {
        let failures: Option<i64> = self
            .connection()
            .query_row(
                "UPDATE console_accounts SET failures = failures + 1,
                   locked_until = CASE WHEN failures + 1 >= ?2 THEN ?3 ELSE locked_until END
                 WHERE name = ?1 RETURNING failures",
                params![name, lock_after, lock_until],
                |row| row.get(0),
            )
            .optional()
            .map_err(|e| self.fail(e))?;
        Ok(failures.unwrap_or(0))
    }

    fn login_succeeded(&self, name: &str) -> Result<(), StoreError> {
        self.connection()
            .execute(
                "UPDATE console_accounts SET failures = 0, locked_until = NULL WHERE name = ?1",
                params![name],
            )
            .map_err(|e| self.fail(e))?;
        Ok(())
    }

    fn log_access(&self, access: &Access) -> Result<(), StoreError> {
        let text = serde_json::to_string(access)
            .map_err(|e| StoreError::Corrupt("access log".into(), e.to_string()))?;
        let mut connection = self.connection();
        let tx = connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| self.fail(e))?;
        let last: Option<(i64, String)> = tx
            .query_row(
                "SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
            .map_err(|e| self.fail(e))?;
        let (seq, previous) = last.map_or((1, GENESIS.to_owned()), |(s, h)| (s + 1, h));
        let hash = chain::link(&previous, &text);
        tx.execute(
            "INSERT INTO access_log (seq, record, previous_hash, hash) VALUES (?1, ?2, ?3, ?4)",
            params![seq, text, previous, hash],
        )
        .map_err(|e| self.fail(e))?;
        tx.commit().map_err(|e| self.fail(e))
    }

    fn access_log(&self, limit: i64) -> Result<Vec<Access>, StoreError> {
        let connection = self.connection();
        let mut statement = connection
            .prepare("SELECT record FROM access_log ORDER BY seq DESC LIMIT ?1")
            .map_err(|e| self.fail(e))?;
        let texts = statement
            .query_map(params![limit], |row| row.get::<_, String>(0))
            .map_err(|e| self.fail(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.fail(e))?;
        texts
            .iter()
            .map(|t| {
                serde_json::from_str(t)
                    .map_err(|e| StoreError::Corrupt("access log".into(), e.to_string()))
            })
            .collect()
    }

    fn verify_access(&self) -> Result<Verification, StoreError> {
        let connection = self.connection();
        let mut statement = connection
            .prepare("SELECT seq, record, previous_hash, hash FROM access_log ORDER BY seq")
            .map_err(|e| self.fail(e))?;
        let rows = statement
            .query_map([], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
            })
            .map_err(|e| self.fail(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.fail(e))?;
        Ok(super::accounts::verify_access(&rows))
    }
}
