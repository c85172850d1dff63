//! Console accounts as the store keeps them: name, role, Argon2id password hash, and the
//! wrong-password count that locks an account; and the console's access log, a hash chain
//! of who looked at what. Hashing and what a role may do belong to `console::accounts`; the
//! store only keeps the text.

use serde::{Deserialize, Serialize};

use super::chain::{self, GENESIS};
use super::{StoreError, Verification};

/// A console account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Login name.
    pub name: String,
    /// "admin", "reviewer" or "auditor".
    pub role: String,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// When it was created (RFC 3339 UTC).
    pub created_at: String,
    /// Wrong passwords since the last successful login.
    pub failures: i64,
    /// Locked until then (RFC 3339 UTC), after too many wrong passwords.
    pub locked_until: Option<String>,
}

/// One access-log entry: who did what to which incident, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Access {
    /// When (RFC 3339 UTC).
    pub at: String,
    /// The account.
    pub account: String,
    /// "sign_in", "sign_in_certificate" (target: the subject), "sign_out", "account_add"/"account_remove"/"account_passwd" (by `cli:USER`), "view", "export", "review", "close", "reopen".
    pub action: String,
    /// The incident reference, or the export's filter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

/// The access log as stored (seq, record, previous hash, hash; in order), checked link by
/// link.
pub fn verify_access(rows: &[(i64, String, String, String)]) -> Verification {
    let mut walker = chain::Walker::new(1, GENESIS);
    for (seq, text, previous, hash) in rows {
        let name = format!("#{seq}");
        let stored = chain::Stored {
            seq: *seq,
            name: &name,
            text,
            previous,
            hash,
        };
        walker.check("access log entry", stored);
    }
    Verification {
        checked: walker.checked,
        problems: walker.problems,
    }
}

/// Where console accounts are kept (the incident store: one console for a fleet).
pub trait Accounts {
    /// Every account, by name.
    fn accounts(&self) -> Result<Vec<Account>, StoreError>;
    /// The account with this name.
    fn account(&self, name: &str) -> Result<Option<Account>, StoreError>;
    /// Adds `account`; false when the name is taken.
    fn add_account(&self, account: &Account) -> Result<bool, StoreError>;
    /// Replaces the password hash (and unlocks); false when there is no such account.
    fn set_password(&self, name: &str, password_hash: &str) -> Result<bool, StoreError>;
    /// Removes the account; false when there was none.
    fn remove_account(&self, name: &str) -> Result<bool, StoreError>;
    /// Counts a wrong password, locking until `lock_until` when the count reaches
    /// `lock_after`; returns the count.
    fn login_failed(
        &self,
        name: &str,
        lock_after: i64,
        lock_until: &str,
    ) -> Result<i64, StoreError>;
    /// Clears the wrong-password count after a successful login.
    fn login_succeeded(&self, name: &str) -> Result<(), StoreError>;
    /// Appends `access` to the access log's chain.
    fn log_access(&self, access: &Access) -> Result<(), StoreError>;
    /// The newest `limit` entries, newest first.
    fn access_log(&self, limit: i64) -> Result<Vec<Access>, StoreError>;
    /// Checks the access log's chain.
    fn verify_access(&self) -> Result<Verification, StoreError>;
}
