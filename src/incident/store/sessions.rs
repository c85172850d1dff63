//! The console's signed-in sessions, kept in the store beside the accounts so that every
//! instance on one database knows them: a fleet's console keeps a user signed in whichever
//! instance answers, and `sentinelle console user remove|passwd` ends the account's sessions
//! everywhere. The store keeps the token's SHA-256 only (the console hashes it); times are
//! Unix seconds.

use super::StoreError;

/// A live session as the store returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSession {
    /// The account (which still exists).
    pub account: String,
    /// The account's role now (a role changed in the store applies at once).
    pub role: String,
    /// The session's CSRF token.
    pub csrf: String,
}

/// Sessions in the store.
pub trait Sessions {
    /// Stores a new session for `account`, first removing every session last seen before
    /// `expired_before`.
    fn open_session(
        &self,
        token_hash: &str,
        account: &str,
        csrf: &str,
        now: i64,
        expired_before: i64,
    ) -> Result<(), StoreError>;
    /// The session of `token_hash` if it was seen at or after `expired_before` and its
    /// account exists; its `last_seen` becomes `now` when it is older than `touch_before`
    /// (one write a minute per session, not one per page).
    fn session(
        &self,
        token_hash: &str,
        now: i64,
        expired_before: i64,
        touch_before: i64,
    ) -> Result<Option<StoredSession>, StoreError>;
    /// Ends the session of `token_hash`.
    fn close_session(&self, token_hash: &str) -> Result<(), StoreError>;
    /// Ends every session of `account`; returns how many.
    fn close_sessions(&self, account: &str) -> Result<u64, StoreError>;
}
