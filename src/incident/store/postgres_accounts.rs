//! Console accounts in the PostgreSQL store.

use postgres::Row;

use super::accounts::{Access, Account, Accounts};
use super::chain::{self, GENESIS};
use super::postgres::Postgres;
use super::{StoreError, Verification};

const COLUMNS: &str = "name, role, password_hash, created_at, failures, locked_until";

fn account(row: &Row) -> Account {
    Account {
        name: row.get(0),
        role: row.get(1),
        password_hash: row.get(2),
        created_at: row.get(3),
        failures: row.get(4),
        locked_until: row.get(5),
    }
}

impl Accounts for Postgres {
    fn accounts(&self) -> Result<Vec<Account>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM console_accounts ORDER BY name");
        let rows = self.with(|client| client.query(&sql, &[]))?;
        Ok(rows.iter().map(account).collect())
    }

    fn account(&self, name: &str) -> Result<Option<Account>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM console_accounts WHERE name = $1");
        let row = self.with(|client| client.query_opt(&sql, &[&name]))?;
        Ok(row.as_ref().map(account))
    }

    fn add_account(&self, new: &Account) -> Result<bool, StoreError> {
        let added = self.with(|client| {
            client.execute(
                "INSERT INTO console_accounts (name, role, password_hash, created_at)
                 VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING",
                &[&new.name, &new.role, &new.password_hash, &new.created_at],
            )
        })?;
        Ok(added == 1)
    }

    fn set_password(&self, name: &str, password_hash: &str) -> Result<bool, StoreError> {
        let changed = self.with(|client| {
            client.execute(
                "UPDATE console_accounts SET password_hash = $2, failures = 0, locked_until = NULL
                 WHERE name = $1",
                &[&name, &password_hash],
            )
        })?;
        Ok(changed == 1)
    }

    fn remove_account(&self, name: &str) -> Result<bool, StoreError> {
        let removed = self.with(|client| {
            client.execute("DELETE FROM console_accounts WHERE name = $1", &[&name])
        })?;
        Ok(removed == 1)
    }

    fn login_failed(
        &self,
        name: &str,
        lock_after: i64,
        lock_until: &str,
    ) -> Result<i64, StoreError> {
        let row = self.with(|client| {
            client.query_opt(
                "UPDATE console_accounts SET failures = failures + 1,
                   locked_until = CASE WHEN failures + 1 >= $2 THEN $3 ELSE locked_until END
                 WHERE name = $1 RETURNING failures",
                &[&name, &lock_after, &lock_until],
            )
        })?;
        Ok(row.map_or(0, |r| r.get(0)))
    }

    fn login_succeeded(&self, name: &str) -> Result<(), StoreError> {
        self.with(|client| {
            client.execute(
                "UPDATE console_accounts SET failures = 0, locked_until = NULL WHERE name = $1",
                &[&name],
            )
        })?;
        Ok(())
    }

    fn log_access(&self, access: &Access) -> Result<(), StoreError> {
        let text = serde_json::to_string(access)
            .map_err(|e| StoreError::Corrupt("access log".into(), e.to_string()))?;
        self.with(|client| {
            let mut tx = client.transaction()?;
            tx.batch_execute("LOCK TABLE access_log IN EXCLUSIVE MODE")?;
            let last = tx.query_opt(
                "SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1",
                &[],
            )?;
            let (seq, previous) = last.map_or((1, GENESIS.to_owned()), |row| {
                (row.get::<_, i64>(0) + 1, row.get::<_, String>(1))
            });
            let hash = chain::link(&previous, &text);
            tx.execute(
                "INSERT INTO access_log (seq, record, previous_hash, hash) VALUES ($1, $2, $3, $4)",
                &[&seq, &text, &previous, &hash],
            )?;
            tx.commit()
        })
    }

    fn access_log(&self, limit: i64) -> Result<Vec<Access>, StoreError> {
        let rows = self.with(|client| {
            client.query(
                "SELECT record FROM access_log ORDER BY seq DESC LIMIT $1",
                &[&limit],
            )
        })?;
        rows.iter()
            .map(|row| {
                serde_json::from_str(row.get::<_, &str>(0))
                    .map_err(|e| StoreError::Corrupt("access log".into(), e.to_string()))
            })
            .collect()
    }

    fn verify_access(&self) -> Result<Verification, StoreError> {
        let rows = self.with(|client| {
            client.query(
                "SELECT seq, record, previous_hash, hash FROM access_log ORDER BY seq",
                &[],
            )
        })?;
        let rows: Vec<(i64, String, String, String)> = rows
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
            .collect();
        Ok(super::accounts::verify_access(&rows))
    }
}
