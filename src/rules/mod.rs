//! The rules in force: every file under `rules/` and the recipients' certificates, loaded,
//! validated and hashed into one [`Rules`] value, and swapped whole on SIGHUP ([`Live`]).
//!
//! This is the only module that reads rule files: `analysis` and `policy` receive parsed
//! values and stay pure. A file missing from the rules directory falls back to the copy
//! built into the binary ([`file::read`]); any other problem is an error naming the file.

pub mod file;
pub mod keyring;

use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};

use crate::analysis::forwarding::{self, Signals};
use crate::analysis::{Engine, Limits, detect};
use crate::config::Config;
use crate::ocr::{self, Reader};
use crate::policy::classify::{Class, Directory};
use crate::policy::sender::SenderRule;
use crate::policy::table::{self, Policy};
use crate::text_error::TextError;
use keyring::{Keyring, KeyringError};

/// Rules that cannot be loaded; every problem in a rule file reads `file:line:column: what`.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    /// A rule file exists but cannot be read.
    #[error("{path}: {source}")]
    Unreadable {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A rule file says something Sentinelle cannot use.
    #[error("{origin}:{error}")]
    Invalid {
        /// The file (or "embedded NAME" for the shipped copy).
        origin: String,
        /// What is wrong, and where.
        error: TextError,
    },
    /// certs/keyring/.
    #[error(transparent)]
    Keyring(#[from] KeyringError),
}

/// The loaded rules: what the analysis looks for and what the policy decides with.
#[derive(Debug, Clone)]
pub struct Rules {
    /// rules/detectors.toml.
    pub engine: Arc<Engine>,
    /// rules/domains/: the recipient classes.
    pub domains: Arc<Directory>,
    /// rules/forwarding.toml.
    pub forwarding: Arc<Signals>,
    /// rules/policy.toml.
    pub policy: Arc<Policy>,
    /// certs/keyring/.
    pub keyring: Arc<Keyring>,
    /// Who may send as whom in submission mode (`[submission]`).
    pub sender: SenderRule,
    /// Bounds on reading one message (`[analysis]`).
    pub limits: Limits,
    /// The OCR stage, probed when the rules were loaded.
    pub ocr: Arc<Reader>,
    /// The current year (NAM birth years are bounded by it).
    pub year: i32,
    /// A hash of the rule files and certificates (the policy version in incidents).
    pub version: String,
    /// When they were read (the console shows the last reload).
    pub loaded_at: std::time::SystemTime,
}

impl Rules {
    /// The class of a recipient address.
    pub fn classify(&self, address: &str) -> Class {
        self.domains.classify(address)
    }
}

/// Where the rules come from: enough to load them again.
#[derive(Debug, Clone)]
pub struct Sources {
    /// The rules directory.
    pub rules_dir: PathBuf,
    /// The keyring directory.
    pub keyring_dir: PathBuf,
    /// `[submission]`'s sender rule.
    pub sender: SenderRule,
    /// `[analysis]`.
    pub limits: Limits,
    /// `[analysis]`'s OCR settings.
    pub ocr: ocr::Settings,
    /// The current year.
    pub year: i32,
}

impl Sources {
    /// The sources a configuration names; `year` bounds NAM birth years.
    pub fn of(config: &Config, year: i32) -> Sources {
        Sources {
            rules_dir: config.rules_dir.clone(),
            keyring_dir: config.certs_dir.join("keyring"),
            sender: SenderRule::new(&config.submission),
            limits: config.analysis.clone(),
            ocr: config.ocr.clone(),
            year,
        }
    }

    /// Reads and validates every rule file and the keyring.
    pub fn load(&self) -> Result<Rules, RulesError> {
        let dir = &self.rules_dir;
        let keyring = Keyring::load(&self.keyring_dir)?;
        Ok(Rules {
            engine: Arc::new(engine(dir)?),
            domains: Arc::new(domains(dir)?),
            forwarding: Arc::new(signals(dir)?),
            policy: Arc::new(policy_table(dir)?),
            version: version(dir, &keyring),
            keyring: Arc::new(keyring),
            sender: self.sender.clone(),
            limits: self.limits.clone(),
            ocr: Arc::new(Reader::probe(self.ocr.clone())),
            year: self.year,
            loaded_at: std::time::SystemTime::now(),
        })
    }
}

/// Reads one rule file (the shipped copy when the directory has none) and parses it.
fn load<T>(
    dir: &Path,
    name: &str,
    embedded: &'static str,
    parse: impl FnOnce(&str) -> Result<T, TextError>,
) -> Result<T, RulesError> {
    let (text, origin) = file::read(dir, name, embedded)
        .map_err(|(path, source)| RulesError::Unreadable { path, source })?;
    parse(&text).map_err(|error| RulesError::Invalid { origin, error })
}

/// rules/detectors.toml, or the shipped copy.
pub fn engine(dir: &Path) -> Result<Engine, RulesError> {
    load(dir, detect::FILE, detect::EMBEDDED, Engine::parse)
}

/// rules/forwarding.toml, or the shipped copy.
pub fn signals(dir: &Path) -> Result<Signals, RulesError> {
    load(dir, forwarding::FILE, forwarding::EMBEDDED, Signals::parse)
}

/// rules/policy.toml, or the shipped copy.
pub fn policy_table(dir: &Path) -> Result<Policy, RulesError> {
    load(dir, table::FILE, table::EMBEDDED, Policy::parse)
}

/// rules/domains/*.txt, one list a class; a missing list is replaced by the shipped one.
pub fn domains(dir: &Path) -> Result<Directory, RulesError> {
    let mut directory = Directory::default();
    for &class in Class::LISTED {
        let name = domain_file(class);
        load(dir, &name, class.embedded(), |text| {
            directory.add(class, text)
        })?;
    }
    Ok(directory)
}

/// The path of a class's list under the rules directory.
fn domain_file(class: Class) -> String {
    format!("domains/{}", class.file().unwrap_or_default())
}

/// The policy version: SHA-256 (first 16 hex digits) over the rule files as loaded (the
/// shipped copy for a missing file) and the certificates' fingerprints.
fn version(dir: &Path, keyring: &Keyring) -> String {
    use sha2::Digest as _;
    let mut hasher = sha2::Sha256::new();
    let files = [
        (detect::FILE.to_owned(), detect::EMBEDDED),
        (forwarding::FILE.to_owned(), forwarding::EMBEDDED),
        (table::FILE.to_owned(), table::EMBEDDED),
    ];
    // A missing domain list counts as empty here, as it always has: the policy version of
    // an establishment's existing incidents stays the same.
    let lists = Class::LISTED.iter().map(|&class| (domain_file(class), ""));
    for (name, embedded) in files.into_iter().chain(lists) {
        hasher.update(name.as_bytes());
        if let Ok((text, _)) = file::read(dir, &name, embedded) {
            hasher.update(text.as_bytes());
        }
    }
    for summary in keyring.summaries(std::time::SystemTime::UNIX_EPOCH) {
        hasher.update(summary.fingerprint.as_bytes());
    }
    let digest = hasher.finalize();
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// The rules in force while sessions run: a message is judged by the rules in force when
/// its data ended; [`Live::reload`] (SIGHUP) swaps them whole, or keeps them on an error.
#[derive(Debug)]
pub struct Live {
    sources: Sources,
    rules: RwLock<Arc<Rules>>,
}

impl Live {
    /// Loads the rules from `sources`.
    pub fn load(sources: Sources) -> Result<Live, RulesError> {
        let rules = RwLock::new(Arc::new(sources.load()?));
        Ok(Live { sources, rules })
    }

    /// The rules in force.
    pub fn current(&self) -> Arc<Rules> {
        Arc::clone(&self.rules.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// Reads the rules directory and the keyring again. On an error the rules in force stay,
    /// unchanged.
    pub fn reload(&self) -> Result<(), RulesError> {
        let fresh = Arc::new(self.sources.load()?);
        *self.rules.write().unwrap_or_else(PoisonError::into_inner) = fresh;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rules_directory_overrides_the_shipped_lists() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("domains")).unwrap();
        std::fs::write(dir.path().join("domains/internal.txt"), "cisss.example\n").unwrap();
        let d = domains(dir.path()).unwrap();
        assert_eq!(d.classify("a@cisss.example"), Class::Internal);
        // The internal list was replaced; the webmail list is the shipped one.
        assert_eq!(d.classify("a@ssss.gouv.qc.ca"), Class::External);
        assert_eq!(d.classify("a@yahoo.fr"), Class::PublicWebmail);
    }

    #[test]
    fn a_faulty_file_keeps_the_rules_in_force() {
        let dir = tempfile::tempdir().unwrap();
        let sources = Sources {
            rules_dir: dir.path().to_owned(),
            keyring_dir: dir.path().join("keyring"),
            sender: SenderRule::default(),
            limits: Limits::default(),
            ocr: ocr::Settings::default(),
            year: 2026,
        };
        let live = Live::load(sources).unwrap();
        let before = live.current().version.clone();
        std::fs::write(dir.path().join("policy.toml"), "refusal = 3\n").unwrap();
        let err = live.reload().unwrap_err();
        assert!(err.to_string().contains("policy.toml"), "{err}");
        assert_eq!(live.current().version, before);
        std::fs::remove_file(dir.path().join("policy.toml")).unwrap();
        std::fs::create_dir_all(dir.path().join("domains")).unwrap();
        std::fs::write(dir.path().join("domains/internal.txt"), "cisss.example\n").unwrap();
        live.reload().unwrap();
        assert_ne!(live.current().version, before);
        assert_eq!(live.current().classify("a@cisss.example"), Class::Internal);
    }
}
