//! Signed-in sessions and the throttling of wrong passwords by address. Sessions live in
//! the store (shared by a fleet; the store keeps the token's SHA-256 only): a session ends
//! after [`IDLE`] without a request, at logout, or when its account is removed or its
//! password changed (`sentinelle console user`). Tokens and CSRF tokens are 256 random
//! bits; the cookie holds the token only. Wrong passwords by address are counted in this
//! instance's memory (the per-account lockout is the store's).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use ring::rand::{SecureRandom, SystemRandom};

use super::accounts::Role;
use super::{AppState, blocking};
use crate::incident::store::StoreError;

/// A session ends after this long without a request.
pub const IDLE: Duration = Duration::from_secs(30 * 60);
/// How stale a session's last request may be before the store is told of a new one.
const TOUCH: i64 = 60;
/// Wrong passwords from one address within [`ADDRESS_WINDOW`] that lock the address out.
pub const ADDRESS_FAILURES: u32 = 20;
/// The window of [`ADDRESS_FAILURES`].
pub const ADDRESS_WINDOW: Duration = Duration::from_secs(15 * 60);

/// Who a session belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The account name.
    pub account: String,
    /// Its role.
    pub role: Role,
    /// The token every state-changing form carries.
    pub csrf: String,
}

/// Wrong passwords counted by address, in this instance.
#[derive(Default)]
pub struct Throttle {
    failures: Mutex<HashMap<IpAddr, (u32, Instant)>>,
}

/// 256 random bits, hexadecimal; `None` when the system has no random source.
pub fn token() -> Option<String> {
    let mut bytes = [0u8; 32];
    SystemRandom::new().fill(&mut bytes).ok()?;
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// True when two tokens are equal, compared in constant time (through their SHA-256).
pub fn same_token(a: &str, b: &str) -> bool {
    use sha2::{Digest, Sha256};
    let (a, b) = (Sha256::digest(a.as_bytes()), Sha256::digest(b.as_bytes()));
    a.iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}

/// The token as the store keeps it: its SHA-256, hexadecimal.
pub fn digest(token: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// Opens a session for `account`; its token (`None` without a random source).
pub async fn open(state: &AppState, account: &str) -> Result<Option<String>, StoreError> {
    let (Some(token), Some(csrf)) = (token(), token()) else {
        return Ok(None);
    };
    let (hash, account) = (digest(&token), account.to_owned());
    let now = now();
    let expired = now - IDLE.as_secs() as i64;
    blocking(state, move |store| {
        store.open_session(&hash, &account, &csrf, now, expired)
    })
    .await?;
    Ok(Some(token))
}

/// The live session of `token` (its lease renewed), `None` when it expired, was closed or
/// its account is gone.
pub async fn find(state: &AppState, token: &str) -> Result<Option<Session>, StoreError> {
    let hash = digest(token);
    let now = now();
    let expired = now - IDLE.as_secs() as i64;
    let stored = blocking(state, move |store| {
        store.session(&hash, now, expired, now - TOUCH)
    })
    .await?;
    Ok(stored.and_then(|s| {
        Some(Session {
            role: Role::parse(&s.role).ok()?,
            account: s.account,
            csrf: s.csrf,
        })
    }))
}

/// Ends the session of `token`.
pub async fn close(state: &AppState, token: &str) -> Result<(), StoreError> {
    let hash = digest(token);
    blocking(state, move |store| store.close_session(&hash)).await
}

impl Throttle {
    /// True when `address` gave too many wrong passwords lately.
    pub fn address_locked(&self, address: IpAddr) -> bool {
        let failures = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        failures.get(&address).is_some_and(|(count, since)| {
            *count >= ADDRESS_FAILURES && since.elapsed() < ADDRESS_WINDOW
        })
    }

    /// Counts a wrong password from `address`.
    pub fn address_failed(&self, address: IpAddr) {
        let mut failures = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        failures.retain(|_, (_, since)| since.elapsed() < ADDRESS_WINDOW);
        let entry = failures.entry(address).or_insert((0, Instant::now()));
        entry.0 += 1;
    }

    /// Forgets `address`'s wrong passwords after a successful login.
    pub fn address_succeeded(&self, address: IpAddr) {
        self.failures
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&address);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_store_keeps_a_digest_not_the_token() {
        let token = token().unwrap();
        assert_eq!(token.len(), 64);
        assert_ne!(digest(&token), token);
        assert_eq!(digest(&token), digest(&token));
        assert_eq!(digest(&token).len(), 64);
    }

    #[test]
    fn an_address_is_locked_after_repeated_wrong_passwords() {
        let sessions = Throttle::default();
        let address: IpAddr = "127.0.0.9".parse().unwrap();
        for _ in 0..ADDRESS_FAILURES - 1 {
            sessions.address_failed(address);
        }
        assert!(!sessions.address_locked(address));
        sessions.address_failed(address);
        assert!(sessions.address_locked(address));
        assert!(!sessions.address_locked("127.0.0.8".parse().unwrap()));
        sessions.address_succeeded(address);
        assert!(!sessions.address_locked(address));
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same_token("abc", "abc"));
        assert!(!same_token("abc", "abd"));
        assert!(!same_token("abc", "abcd"));
    }
}
