//! Console accounts: the three roles and what each may do, Argon2id password hashing (the
//! `argon2` crate, PHC strings with a random salt), and the lockout after wrong passwords.
//! The store keeps the accounts; the CLI (`sentinelle console user …`) and the login page
//! use this module.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use ring::rand::{SecureRandom, SystemRandom};

/// Wrong passwords that lock an account.
pub const LOCK_AFTER: i64 = 5;
/// How long a locked account stays locked.
pub const LOCK_FOR: time::Duration = time::Duration::minutes(15);
/// The shortest password accepted.
pub const MIN_PASSWORD: usize = 12;

/// Account failures.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// The role is not one of the three.
    #[error("unknown role {0:?} (admin, reviewer, auditor)")]
    Role(String),
    /// Too short a password.
    #[error("a console password has at least {MIN_PASSWORD} characters")]
    Weak,
    /// The system's random source or the hasher failed.
    #[error("cannot hash the password: {0}")]
    Hash(String),
}

/// What an account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Everything, accounts included.
    Admin,
    /// Reads, takes incidents under review, closes and reopens them.
    Reviewer,
    /// Reads only (the ministry's or the internal auditor's view).
    Auditor,
}

impl Role {
    /// Parses a stored or typed role.
    pub fn parse(text: &str) -> Result<Role, AccountError> {
        match text {
            "admin" => Ok(Role::Admin),
            "reviewer" => Ok(Role::Reviewer),
            "auditor" => Ok(Role::Auditor),
            other => Err(AccountError::Role(other.to_owned())),
        }
    }

    /// Its stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Reviewer => "reviewer",
            Role::Auditor => "auditor",
        }
    }

    /// True when it may change an incident's review status.
    pub fn may_review(self) -> bool {
        matches!(self, Role::Admin | Role::Reviewer)
    }
}

/// The Argon2id PHC string of `password` (default parameters: 19 MiB, 2 passes).
pub fn hash(password: &str) -> Result<String, AccountError> {
    if password.chars().count() < MIN_PASSWORD {
        return Err(AccountError::Weak);
    }
    let mut salt = [0u8; 16];
    SystemRandom::new()
        .fill(&mut salt)
        .map_err(|_| AccountError::Hash("no random source".into()))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| AccountError::Hash(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| AccountError::Hash(e.to_string()))
}

/// True when `password` matches `phc` (a stored hash that does not parse matches nothing).
pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok()
    })
}

/// A hash no password matches, verified when the account does not exist so that a wrong
/// name takes as long as a wrong password.
pub fn decoy() -> &'static str {
    "$argon2id$v=19$m=19456,t=2,p=1$c2VudGluZWxsZWRlY295$7NTUaQ4P1Ekmc5ceIGXSzgK1rUH+N8hAsGzz1rS2Hqg"
}

/// A random password for a new account (20 characters from an unambiguous alphabet).
pub fn generate() -> Result<String, AccountError> {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 20];
    SystemRandom::new()
        .fill(&mut bytes)
        .map_err(|_| AccountError::Hash("no random source".into()))?;
    Ok(bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let phc = hash("correct horse battery").unwrap();
        assert!(phc.starts_with("$argon2id$"), "{phc}");
        assert!(verify("correct horse battery", &phc));
        assert!(!verify("correct horse batterie", &phc));
        assert!(!verify("anything", "not a hash"));
        assert!(!verify("", decoy()));
        assert!(PasswordHash::new(decoy()).is_ok());
    }

    #[test]
    fn short_passwords_and_unknown_roles_are_refused() {
        assert!(matches!(hash("short"), Err(AccountError::Weak)));
        assert!(Role::parse("root").is_err());
        assert_eq!(Role::parse("auditor").unwrap().as_str(), "auditor");
        assert!(!Role::Auditor.may_review() && Role::Reviewer.may_review());
        let generated = generate().unwrap();
        assert_eq!(generated.len(), 20);
        assert!(hash(&generated).is_ok());
    }
}
