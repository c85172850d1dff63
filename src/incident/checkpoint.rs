//! Retention checkpoints: when old incidents are purged (`sentinelle incidents purge`), a
//! record of what went (through which chain position, the hash there, the last reference
//! number per year) is signed with Ed25519 (ring), so `verify` can still check the chain that
//! remains, from where the purged part ended, and can tell a forged checkpoint.
//!
//! The signing key is `certs_dir/checkpoint.key` (PKCS#8, mode 0600, made on the first purge);
//! `certs_dir/checkpoint.pub` holds the public key `verify` trusts. Keep a copy of the public
//! key outside the server: whoever can write the database and the certs directory can forge.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ring::rand::SystemRandom;
use ring::signature::{ED25519, Ed25519KeyPair, KeyPair, UnparsedPublicKey};
use serde::{Deserialize, Serialize};

use super::store::chain::hex;

/// What a purge removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// When (UTC).
    pub at: String,
    /// Incidents created before this were purged.
    pub before: String,
    /// The last purged chain position.
    pub through_seq: i64,
    /// The hash at that position: the next kept record's previous hash.
    pub through_hash: String,
    /// Incidents purged by this and earlier purges.
    pub purged: i64,
    /// The last purged reference number, per year.
    pub numbers: BTreeMap<i64, i64>,
}

/// A stored checkpoint as read back.
pub struct Signed {
    /// The checkpoint's JSON text (what is signed).
    pub record: String,
    /// The signer's public key (hex).
    pub public_key: String,
    /// The signature (hex).
    pub signature: String,
}

/// Key errors.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// The key file cannot be read or written.
    #[error("{path}: {source}")]
    Io {
        /// Where.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The key file is not an Ed25519 PKCS#8 key.
    #[error("{0}: not an Ed25519 key")]
    Invalid(PathBuf),
}

/// The purge signing key.
pub struct Signer {
    pair: Ed25519KeyPair,
}

impl Signer {
    /// Loads `dir/checkpoint.key`, making it (and checkpoint.pub) on first use.
    pub fn load_or_create(dir: &Path) -> Result<Signer, KeyError> {
        let path = dir.join("checkpoint.key");
        let io = |path: &Path| {
            let path = path.to_owned();
            move |source| KeyError::Io { path, source }
        };
        let pkcs8 = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let document = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new())
                    .map_err(|_| KeyError::Invalid(path.clone()))?;
                std::fs::create_dir_all(dir).map_err(io(dir))?;
                write_private(&path, document.as_ref()).map_err(io(&path))?;
                document.as_ref().to_vec()
            }
            Err(e) => return Err(io(&path)(e)),
        };
        let pair =
            Ed25519KeyPair::from_pkcs8(&pkcs8).map_err(|_| KeyError::Invalid(path.clone()))?;
        let public = dir.join("checkpoint.pub");
        if !public.exists() {
            std::fs::write(&public, format!("{}\n", hex(pair.public_key().as_ref())))
                .map_err(io(&public))?;
        }
        Ok(Signer { pair })
    }

    /// The public key (hex).
    pub fn public_key(&self) -> String {
        hex(self.pair.public_key().as_ref())
    }

    /// The signature of `text` (hex).
    pub fn sign(&self, text: &str) -> String {
        hex(self.pair.sign(text.as_bytes()).as_ref())
    }
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(bytes)
}

/// The public key `verify` trusts (`dir/checkpoint.pub`), if there is one.
pub fn trusted_key(dir: &Path) -> Option<String> {
    std::fs::read_to_string(dir.join("checkpoint.pub"))
        .ok()
        .map(|k| k.trim().to_lowercase())
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Checks a stored checkpoint: its signature, and its key against `trusted` when given.
/// Returns the checkpoint, or why it cannot be trusted.
pub fn check(signed: &Signed, trusted: Option<&str>) -> Result<Checkpoint, String> {
    if let Some(trusted) = trusted
        && trusted != signed.public_key
    {
        return Err("retention checkpoint signed by a key other than checkpoint.pub".into());
    }
    let (Some(key), Some(signature)) = (unhex(&signed.public_key), unhex(&signed.signature)) else {
        return Err("retention checkpoint with a malformed key or signature".into());
    };
    UnparsedPublicKey::new(&ED25519, key)
        .verify(signed.record.as_bytes(), &signature)
        .map_err(|_| "retention checkpoint whose signature does not match".to_owned())?;
    serde_json::from_str(&signed.record)
        .map_err(|_| "retention checkpoint that does not parse".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checkpoint_verifies_with_its_key_only() {
        let dir = tempfile::tempdir().unwrap();
        let signer = Signer::load_or_create(dir.path()).unwrap();
        let again = Signer::load_or_create(dir.path()).unwrap();
        assert_eq!(signer.public_key(), again.public_key(), "the key is kept");
        let record = r#"{"at":"x","before":"y","through_seq":2,"through_hash":"h","purged":2,"numbers":{"2026":2}}"#;
        let signed = Signed {
            record: record.into(),
            public_key: signer.public_key(),
            signature: signer.sign(record),
        };
        let trusted = trusted_key(dir.path());
        assert_eq!(check(&signed, trusted.as_deref()).unwrap().through_seq, 2);
        let forged = Signed {
            record: record.replace("\"purged\":2", "\"purged\":9"),
            ..signed
        };
        assert!(check(&forged, trusted.as_deref()).is_err());
        let other = tempfile::tempdir().unwrap();
        let stranger = Signer::load_or_create(other.path()).unwrap();
        let foreign = Signed {
            record: record.into(),
            public_key: stranger.public_key(),
            signature: stranger.sign(record),
        };
        assert!(check(&foreign, trusted.as_deref()).is_err());
        assert!(check(&foreign, None).is_ok());
    }
}
