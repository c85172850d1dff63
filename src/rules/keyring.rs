//! The recipients' OpenPGP certificates (certs/keyring/, one `<FINGERPRINT>.asc` file each),
//! managed with `sentinelle keys import|list|remove` and read at start-up and on SIGHUP.
//!
//! A certificate counts for an address when, at the time of the message and under Sequoia's
//! standard policy, it is valid, neither expired nor revoked, carries a valid user ID with that
//! address, and has a live, unrevoked subkey for transport encryption. Anything else is as if
//! there were no certificate: the policy then refuses instead of encrypting.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use sequoia_openpgp as openpgp;

use openpgp::Cert;
use openpgp::cert::CertParser;
use openpgp::parse::Parse;
use openpgp::policy::StandardPolicy;
use openpgp::serialize::SerializeInto;
use openpgp::types::RevocationStatus;

/// Keyring errors.
#[derive(Debug, thiserror::Error)]
pub enum KeyringError {
    /// The directory or a file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// Where.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file holds something that is not an OpenPGP certificate.
    #[error("{path}: not an OpenPGP certificate ({reason})")]
    NotACertificate {
        /// Where.
        path: PathBuf,
        /// The parser's words (about structure, never content).
        reason: String,
    },
    /// A secret key was offered: Sentinelle only ever holds public certificates.
    #[error("{path}: holds secret key material; import the public certificate only")]
    SecretKey {
        /// Where.
        path: PathBuf,
    },
    /// `remove` matched nothing.
    #[error("no certificate matches {0}")]
    NotFound(String),
}

/// What `keys list` shows of one certificate.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Summary {
    /// The primary key's fingerprint (hex).
    pub fingerprint: String,
    /// Email addresses of its user IDs.
    pub addresses: Vec<String>,
    /// "valid", "expired", "revoked", "no encryption key" or "invalid".
    pub status: String,
    /// Expiry (RFC 3339), when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
}

/// The loaded certificates.
#[derive(Debug, Clone, Default)]
pub struct Keyring {
    certs: Vec<Cert>,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> KeyringError + '_ {
    move |source| KeyringError::Io {
        path: path.to_owned(),
        source,
    }
}

fn parse_certs(bytes: &[u8], path: &Path) -> Result<Vec<Cert>, KeyringError> {
    let not_cert = |reason: String| KeyringError::NotACertificate {
        path: path.to_owned(),
        reason,
    };
    let parser = CertParser::from_bytes(bytes).map_err(|e| not_cert(e.to_string()))?;
    let certs = parser
        .collect::<Result<Vec<Cert>, _>>()
        .map_err(|e| not_cert(e.to_string()))?;
    if certs.is_empty() {
        return Err(not_cert("no certificate found".into()));
    }
    Ok(certs)
}

impl Keyring {
    /// Reads every `.asc`, `.pgp` and `.gpg` file of `dir`; a missing directory is an empty keyring.
    pub fn load(dir: &Path) -> Result<Keyring, KeyringError> {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Keyring::default()),
            Err(e) => return Err(io(dir)(e)),
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| matches!(e, "asc" | "pgp" | "gpg"))
            })
            .collect();
        paths.sort();
        let mut certs = Vec::new();
        for path in paths {
            let bytes = std::fs::read(&path).map_err(io(&path))?;
            certs.extend(parse_certs(&bytes, &path)?);
        }
        Ok(Keyring { certs })
    }

    /// A keyring of these certificates (tests, tools).
    pub fn from_certs(certs: Vec<Cert>) -> Keyring {
        Keyring { certs }
    }

    /// Number of certificates.
    pub fn len(&self) -> usize {
        self.certs.len()
    }

    /// True when no certificate is held.
    pub fn is_empty(&self) -> bool {
        self.certs.is_empty()
    }

    /// The certificate to encrypt to `address` at `now`, if one is usable.
    pub fn find(&self, address: &str, now: SystemTime) -> Option<&Cert> {
        let address = address.to_lowercase();
        self.certs
            .iter()
            .filter(|cert| status(cert, now) == "valid")
            .find(|cert| addresses(cert, Some(now)).contains(&address))
    }

    /// What `keys list` shows.
    pub fn summaries(&self, now: SystemTime) -> Vec<Summary> {
        self.certs.iter().map(|cert| summary(cert, now)).collect()
    }
}

/// Email addresses of `cert`'s user IDs (valid at `now` when given), lowercased.
fn addresses(cert: &Cert, now: Option<SystemTime>) -> Vec<String> {
    let policy = StandardPolicy::new();
    let emails: Vec<String> = match now {
        Some(now) => match cert.with_policy(&policy, now) {
            Ok(valid) => valid
                .userids()
                .filter_map(|u| u.userid().email_normalized().ok().flatten())
                .collect(),
            Err(_) => Vec::new(),
        },
        None => cert
            .userids()
            .filter_map(|u| u.userid().email_normalized().ok().flatten())
            .collect(),
    };
    emails.into_iter().map(|e| e.to_lowercase()).collect()
}

fn status(cert: &Cert, now: SystemTime) -> &'static str {
    let policy = StandardPolicy::new();
    let Ok(valid) = cert.with_policy(&policy, now) else {
        return "invalid";
    };
    if matches!(valid.revocation_status(), RevocationStatus::Revoked(_)) {
        return "revoked";
    }
    if valid.alive().is_err() {
        return "expired";
    }
    let mut keys = valid
        .keys()
        .supported()
        .alive()
        .revoked(false)
        .for_transport_encryption();
    if keys.next().is_none() {
        return "no encryption key";
    }
    "valid"
}

fn summary(cert: &Cert, now: SystemTime) -> Summary {
    let policy = StandardPolicy::new();
    let expires = cert
        .with_policy(&policy, now)
        .ok()
        .and_then(|valid| valid.primary_key().key_expiration_time())
        .map(|t| time::OffsetDateTime::from(t).date().to_string());
    Summary {
        fingerprint: cert.fingerprint().to_hex(),
        addresses: addresses(cert, None),
        status: status(cert, now).to_owned(),
        expires,
    }
}

/// Adds the certificates of `bytes` to `dir` (one armored file per fingerprint; an existing
/// one is merged with the new copy, so new signatures and revocations are kept).
pub fn import(
    dir: &Path,
    bytes: &[u8],
    origin: &Path,
    now: SystemTime,
) -> Result<Vec<Summary>, KeyringError> {
    let certs = parse_certs(bytes, origin)?;
    if certs.iter().any(Cert::is_tsk) {
        return Err(KeyringError::SecretKey {
            path: origin.to_owned(),
        });
    }
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let mut imported = Vec::new();
    for cert in certs {
        let path = dir.join(format!("{}.asc", cert.fingerprint().to_hex()));
        let cert = match std::fs::read(&path) {
            Ok(old) => match Cert::from_bytes(&old) {
                Ok(old) => old.merge_public(cert.clone()).unwrap_or(cert),
                Err(_) => cert,
            },
            Err(_) => cert,
        };
        let armored = cert
            .armored()
            .to_vec()
            .map_err(|e| KeyringError::NotACertificate {
                path: origin.to_owned(),
                reason: e.to_string(),
            })?;
        let temporary = path.with_extension("asc.tmp");
        std::fs::write(&temporary, armored).map_err(io(&temporary))?;
        std::fs::rename(&temporary, &path).map_err(io(&path))?;
        imported.push(summary(&cert, now));
    }
    Ok(imported)
}

/// Removes the certificates whose fingerprint (or a suffix of it: the key ID) or address is
/// `what`; returns their fingerprints.
pub fn remove(dir: &Path, what: &str) -> Result<Vec<String>, KeyringError> {
    let keyring = Keyring::load(dir)?;
    let wanted = what.to_lowercase().replace(' ', "");
    let mut removed = Vec::new();
    for cert in &keyring.certs {
        let fingerprint = cert.fingerprint().to_hex();
        let matches = (wanted.len() >= 16 && fingerprint.to_lowercase().ends_with(&wanted))
            || addresses(cert, None).contains(&wanted);
        if !matches {
            continue;
        }
        let path = dir.join(format!("{fingerprint}.asc"));
        std::fs::remove_file(&path).map_err(io(&path))?;
        removed.push(fingerprint);
    }
    if removed.is_empty() {
        return Err(KeyringError::NotFound(what.to_owned()));
    }
    Ok(removed)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use openpgp::cert::CertBuilder;
    use openpgp::types::Features;
    use std::time::Duration;

    /// A test certificate for `address`, advertising SEIPDv1 only (as GnuPG 2.2 expects).
    pub(crate) fn cert(address: &str) -> Cert {
        CertBuilder::general_purpose(Some(format!("Dr Test <{address}>")))
            .set_features(Features::empty().set_seipdv1())
            .unwrap()
            .set_creation_time(SystemTime::now() - Duration::from_secs(3600))
            .generate()
            .unwrap()
            .0
    }

    #[test]
    fn a_certificate_counts_only_while_it_is_valid() {
        let now = SystemTime::now();
        let expiring = CertBuilder::general_purpose(Some("<e@clinique.example>"))
            .set_creation_time(now - Duration::from_secs(7200))
            .set_validity_period(Duration::from_secs(3600))
            .generate()
            .unwrap()
            .0;
        let (revoked, revocation) = CertBuilder::general_purpose(Some("<r@clinique.example>"))
            .set_creation_time(now - Duration::from_secs(3600))
            .generate()
            .unwrap();
        let revoked = revoked.insert_packets(revocation).unwrap().0;
        let keyring =
            Keyring::from_certs(vec![cert("Dr.Good@Clinique.example"), expiring, revoked]);
        assert!(keyring.find("dr.good@clinique.example", now).is_some());
        assert!(keyring.find("DR.GOOD@clinique.example", now).is_some());
        assert!(keyring.find("e@clinique.example", now).is_none());
        assert!(keyring.find("r@clinique.example", now).is_none());
        assert!(keyring.find("other@clinique.example", now).is_none());
        let statuses: Vec<String> = keyring
            .summaries(now)
            .into_iter()
            .map(|s| s.status)
            .collect();
        assert_eq!(statuses, ["valid", "expired", "revoked"]);
    }

    #[test]
    fn import_list_remove() {
        let dir = tempfile::tempdir().unwrap();
        let now = SystemTime::now();
        let cert = cert("a@clinique.example");
        let bytes = cert.armored().to_vec().unwrap();
        let imported = import(dir.path(), &bytes, Path::new("a.asc"), now).unwrap();
        assert_eq!(imported[0].addresses, ["a@clinique.example"]);
        // Twice is once.
        import(dir.path(), &bytes, Path::new("a.asc"), now).unwrap();
        assert_eq!(Keyring::load(dir.path()).unwrap().len(), 1);
        let secret = cert.as_tsk().armored().to_vec().unwrap();
        assert!(matches!(
            import(dir.path(), &secret, Path::new("s.asc"), now),
            Err(KeyringError::SecretKey { .. })
        ));
        assert!(matches!(
            import(dir.path(), b"hello", Path::new("h.asc"), now),
            Err(KeyringError::NotACertificate { .. })
        ));
        assert!(remove(dir.path(), "nobody@x.example").is_err());
        assert_eq!(remove(dir.path(), "A@clinique.example").unwrap().len(), 1);
        assert!(Keyring::load(dir.path()).unwrap().is_empty());
    }
}
