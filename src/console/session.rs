//! Signed-in sessions and the throttling of wrong passwords by address. Sessions live in
//! this instance's memory (a fleet's console is reached on one instance at a time); a
//! session ends after [`IDLE`] without a request, at logout, or when the process stops.
//! Tokens and CSRF tokens are 256 random bits; the cookie holds the token only.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use ring::rand::{SecureRandom, SystemRandom};

use super::accounts::Role;

/// A session ends after this long without a request.
pub const IDLE: Duration = Duration::from_secs(30 * 60);
/// The most sessions kept at once (the oldest idle goes first beyond it).
const MAX_SESSIONS: usize = 10_000;
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

struct Entry {
    session: Session,
    last_seen: Instant,
}

/// The sessions of this instance and the wrong-password counts by address.
#[derive(Default)]
pub struct Sessions {
    entries: Mutex<HashMap<String, Entry>>,
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

impl Sessions {
    /// Opens a session for `account`; returns its token.
    pub fn open(&self, account: &str, role: Role) -> Option<String> {
        let (token, csrf) = (token()?, token()?);
        let now = Instant::now();
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries.retain(|_, e| now.duration_since(e.last_seen) < IDLE);
        if entries.len() >= MAX_SESSIONS {
            let oldest = entries
                .iter()
                .min_by_key(|(_, e)| e.last_seen)
                .map(|(t, _)| t.clone());
            oldest.map(|t| entries.remove(&t));
        }
        let session = Session {
            account: account.to_owned(),
            role,
            csrf,
        };
        entries.insert(
            token.clone(),
            Entry {
                session,
                last_seen: now,
            },
        );
        Some(token)
    }

    /// The session of `token` (and a new lease of [`IDLE`]), unless it expired.
    pub fn get(&self, token: &str) -> Option<Session> {
        let now = Instant::now();
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        let entry = entries.get_mut(token)?;
        if now.duration_since(entry.last_seen) >= IDLE {
            entries.remove(token);
            return None;
        }
        entry.last_seen = now;
        Some(entry.session.clone())
    }

    /// Ends the session of `token`.
    pub fn close(&self, token: &str) {
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(token);
    }

    /// Ends every session of `account` (removed, or its password changed).
    pub fn close_account(&self, account: &str) {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries.retain(|_, e| e.session.account != account);
    }

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
    fn a_session_is_found_by_its_token_until_closed() {
        let sessions = Sessions::default();
        let token = sessions.open("lise", Role::Reviewer).unwrap();
        let session = sessions.get(&token).unwrap();
        assert_eq!(
            (session.account.as_str(), session.role),
            ("lise", Role::Reviewer)
        );
        assert_eq!(session.csrf.len(), 64);
        assert_ne!(session.csrf, token);
        assert!(sessions.get("forged").is_none());
        sessions.close(&token);
        assert!(sessions.get(&token).is_none());
        let again = sessions.open("lise", Role::Reviewer).unwrap();
        sessions.close_account("lise");
        assert!(sessions.get(&again).is_none());
    }

    #[test]
    fn an_address_is_locked_after_repeated_wrong_passwords() {
        let sessions = Sessions::default();
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
