//! Who a recipient is, for DIR04: its domain's class, from the lists of rules/domains/
//! (one domain a line, `#` comments). A domain covers its subdomains; the most specific listed
//! domain decides. Domains are compared in lower-case ASCII (IDNA: internationalised names in
//! their punycode form), without a trailing dot. Loading is strict: a malformed line or a
//! domain listed in two classes is an error naming the file and line.

use std::collections::HashMap;

/// The class of a recipient's domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// The corporate collaboration platform (DIR04 art. 6 (1)).
    Internal,
    /// A public webmail service (art. 6 (4)).
    PublicWebmail,
    /// An information system the MSSS approved for exchanges.
    ApprovedSystem,
    /// A system whose links the MSSS ordered cut.
    RestrictedSystem,
    /// Everything else.
    External,
}

impl Class {
    /// Its name in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Internal => "internal",
            Class::PublicWebmail => "public_webmail",
            Class::ApprovedSystem => "approved_system",
            Class::RestrictedSystem => "restricted_system",
            Class::External => "external",
        }
    }

    /// The list file of this class under rules/domains/ (none for `External`).
    pub fn file(self) -> Option<&'static str> {
        match self {
            Class::Internal => Some("internal.txt"),
            Class::PublicWebmail => Some("public_webmail.txt"),
            Class::ApprovedSystem => Some("approved_systems.txt"),
            Class::RestrictedSystem => Some("restricted_systems.txt"),
            Class::External => None,
        }
    }

    const LISTED: [Class; 4] = [
        Class::Internal,
        Class::PublicWebmail,
        Class::ApprovedSystem,
        Class::RestrictedSystem,
    ];
}

impl Directory {
    /// The shipped lists, used for a file the rules directory does not have.
    pub const EMBEDDED: [(Class, &'static str); 4] = [
        (
            Class::Internal,
            include_str!("../../rules/domains/internal.txt"),
        ),
        (
            Class::PublicWebmail,
            include_str!("../../rules/domains/public_webmail.txt"),
        ),
        (
            Class::ApprovedSystem,
            include_str!("../../rules/domains/approved_systems.txt"),
        ),
        (
            Class::RestrictedSystem,
            include_str!("../../rules/domains/restricted_systems.txt"),
        ),
    ];
}

/// A list that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum DomainsError {
    /// The file exists but cannot be read.
    #[error("{path}: {source}")]
    Unreadable {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A line is not a domain, or a domain is listed twice.
    #[error("{origin}:{line}: {message}")]
    Invalid {
        /// The file.
        origin: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// The loaded lists.
#[derive(Debug, Clone, Default)]
pub struct Directory {
    domains: HashMap<String, Class>,
}

impl Directory {
    /// The shipped lists alone.
    pub fn embedded() -> Result<Directory, DomainsError> {
        let mut directory = Directory::default();
        for (class, text) in Self::EMBEDDED {
            directory.add(class, text, class.file().unwrap_or_default())?;
        }
        Ok(directory)
    }

    /// Adds the domains of one list file's `text` (`origin` names it in errors).
    pub fn add(&mut self, class: Class, text: &str, origin: &str) -> Result<(), DomainsError> {
        for (index, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let invalid = |message: String| DomainsError::Invalid {
                origin: origin.to_owned(),
                line: index + 1,
                message,
            };
            let Some(domain) = normalize(line) else {
                return Err(invalid(format!("{line:?} is not a domain name")));
            };
            if let Some(previous) = self.domains.insert(domain.clone(), class)
                && previous != class
            {
                return Err(invalid(format!(
                    "{domain} is already listed as {previous:?}; a domain has one class"
                )));
            }
        }
        Ok(())
    }

    /// How many domains each class lists.
    pub fn counts(&self) -> Vec<(Class, usize)> {
        Class::LISTED
            .iter()
            .map(|&class| {
                (
                    class,
                    self.domains.values().filter(|&&c| c == class).count(),
                )
            })
            .collect()
    }

    /// The class of the domain of `address` (`local@domain`); `External` when unlisted or
    /// not a domain name (an address literal, say).
    pub fn classify(&self, address: &str) -> Class {
        let domain = address.rsplit_once('@').map_or(address, |(_, d)| d);
        let Some(domain) = normalize(domain) else {
            return Class::External;
        };
        let mut rest = domain.as_str();
        loop {
            if let Some(&class) = self.domains.get(rest) {
                return class;
            }
            match rest.split_once('.') {
                Some((_, parent)) => rest = parent,
                None => return Class::External,
            }
        }
    }
}

/// A domain in its compared form: IDNA to ASCII (lower-case, punycode), no trailing dot.
/// `None` for anything that is not a domain name of at least two labels.
pub fn normalize(domain: &str) -> Option<String> {
    let domain = domain.trim().strip_suffix('.').unwrap_or(domain.trim());
    if domain.starts_with('[') || domain.is_empty() {
        return None;
    }
    let ascii = idna::domain_to_ascii(domain).ok()?;
    let labels_ok = ascii.split('.').count() >= 2
        && ascii.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        });
    labels_ok.then_some(ascii)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directory() -> Directory {
        let mut d = Directory::embedded().unwrap();
        d.add(
            Class::Internal,
            "chum.example # the establishment\nbücher.example\n",
            "test",
        )
        .unwrap();
        d.add(Class::RestrictedSystem, "claims.insurer.example\n", "test")
            .unwrap();
        d
    }

    #[test]
    fn classes_by_domain_case_dot_subdomain_and_idna() {
        let d = directory();
        assert_eq!(d.classify("dre.x@ssss.gouv.qc.ca"), Class::Internal);
        assert_eq!(d.classify("x@CHUM.ssss.gouv.qc.ca."), Class::Internal);
        assert_eq!(d.classify("x@Gmail.COM"), Class::PublicWebmail);
        assert_eq!(d.classify("x@hotmail.ca"), Class::PublicWebmail);
        assert_eq!(d.classify("x@videotron.ca"), Class::PublicWebmail);
        assert_eq!(d.classify("x@notgmail.com"), Class::External);
        assert_eq!(d.classify("x@xn--bcher-kva.example"), Class::Internal);
        assert_eq!(d.classify("x@BÜCHER.example"), Class::Internal);
        assert_eq!(
            d.classify("x@claims.insurer.example"),
            Class::RestrictedSystem
        );
        assert_eq!(d.classify("x@www.insurer.example"), Class::External);
        assert_eq!(d.classify("x@[192.0.2.1]"), Class::External);
        assert_eq!(d.classify("x@localhost"), Class::External);
    }

    #[test]
    fn the_most_specific_listed_domain_decides() {
        let mut d = Directory::default();
        d.add(Class::External, "", "t").unwrap();
        d.add(Class::Internal, "example.org\n", "t").unwrap();
        d.add(Class::ApprovedSystem, "ramq.example.org\n", "t")
            .unwrap();
        assert_eq!(d.classify("a@x.ramq.example.org"), Class::ApprovedSystem);
        assert_eq!(d.classify("a@other.example.org"), Class::Internal);
    }

    #[test]
    fn the_shipped_webmail_list_is_large_and_valid() {
        let d = Directory::embedded().unwrap();
        let webmail = d
            .counts()
            .into_iter()
            .find(|(c, _)| *c == Class::PublicWebmail)
            .map(|(_, n)| n);
        assert!(webmail.is_some_and(|n| n >= 150), "{webmail:?}");
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let mut d = Directory::default();
        let err = d
            .add(
                Class::Internal,
                "# c\nok.example\nnot a domain\n",
                "internal.txt",
            )
            .unwrap_err();
        assert!(err.to_string().starts_with("internal.txt:3:"), "{err}");
        d.add(Class::Internal, "gmail.com\n", "internal.txt")
            .unwrap();
        let err = d
            .add(Class::PublicWebmail, "\ngmail.com\n", "public_webmail.txt")
            .unwrap_err();
        assert!(
            err.to_string().starts_with("public_webmail.txt:2:"),
            "{err}"
        );
    }
}
