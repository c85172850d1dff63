//! Who a recipient is, for DIR04: its domain's class, from the lists of rules/domains/
//! (one domain a line, `#` comments). A domain covers its subdomains; the most specific listed
//! domain decides. Domains are compared in lower-case ASCII (IDNA: internationalised names in
//! their punycode form), without a trailing dot. Loading is strict: a malformed line or a
//! domain listed in two classes is an error naming the file and line.

use std::collections::HashMap;

use crate::text_error::TextError;

/// Declares the recipient classes. Each listed class has a word (in incidents, reports and
/// the policy table's columns) and a list file under rules/domains/, shipped in the binary
/// as its default; `External` is every domain no list names.
macro_rules! classes {
    ($($(#[$doc:meta])* $class:ident = $word:literal, $file:literal;)*) => {
        /// The class of a recipient's domain.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum Class {
            $($(#[$doc])* #[serde(rename = $word)] $class,)*
            /// Every domain no list names.
            #[serde(rename = "external")]
            External,
        }

        impl Class {
            /// The classes that have a list file.
            pub const LISTED: &[Class] = &[$(Class::$class),*];
            /// Every class.
            pub const ALL: &[Class] = &[$(Class::$class,)* Class::External];

            /// Its word in incidents, reports and the policy table.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Class::$class => $word,)*
                    Class::External => "external",
                }
            }

            /// Its list file under rules/domains/ (none for `External`).
            pub fn file(self) -> Option<&'static str> {
                match self {
                    $(Class::$class => Some($file),)*
                    Class::External => None,
                }
            }

            /// The shipped list, used when the rules directory has none.
            pub fn embedded(self) -> &'static str {
                match self {
                    $(Class::$class => include_str!(concat!("../../rules/domains/", $file)),)*
                    Class::External => "",
                }
            }
        }
    };
}

// Adding a recipient class: one line here, its list file under rules/domains/, and its
// column in rules/policy.toml (a table without it is refused, naming the class).
classes! {
    /// The corporate collaboration platform (DIR04 art. 6 (1)).
    Internal = "internal", "internal.txt";
    /// A public webmail service (art. 6 (4)).
    PublicWebmail = "public_webmail", "public_webmail.txt";
    /// An information system the MSSS approved for exchanges.
    ApprovedSystem = "approved_system", "approved_systems.txt";
    /// A system whose links the MSSS ordered cut.
    RestrictedSystem = "restricted_system", "restricted_systems.txt";
}

/// The loaded lists.
#[derive(Debug, Clone, Default)]
pub struct Directory {
    domains: HashMap<String, Class>,
}

impl Directory {
    /// The shipped lists alone.
    pub fn embedded() -> Result<Directory, (Class, TextError)> {
        let mut directory = Directory::default();
        for &class in Class::LISTED {
            directory
                .add(class, class.embedded())
                .map_err(|e| (class, e))?;
        }
        Ok(directory)
    }

    /// Adds the domains of one list file's `text`.
    pub fn add(&mut self, class: Class, text: &str) -> Result<(), TextError> {
        for (index, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let invalid = |message: String| TextError::line(index + 1, message);
            let Some(domain) = normalize(line) else {
                return Err(invalid(format!("{line:?} is not a domain name")));
            };
            if let Some(previous) = self.domains.insert(domain.clone(), class)
                && previous != class
            {
                return Err(invalid(format!(
                    "{domain} is already listed as {}; a domain has one class",
                    previous.as_str()
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
        )
        .unwrap();
        d.add(Class::RestrictedSystem, "claims.insurer.example\n")
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
        d.add(Class::External, "").unwrap();
        d.add(Class::Internal, "example.org\n").unwrap();
        d.add(Class::ApprovedSystem, "ramq.example.org\n").unwrap();
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
            .add(Class::Internal, "# c\nok.example\nnot a domain\n")
            .unwrap_err();
        assert!(err.to_string().starts_with("3:1: "), "{err}");
        d.add(Class::Internal, "gmail.com\n").unwrap();
        let err = d.add(Class::PublicWebmail, "\ngmail.com\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("2:1: gmail.com is already listed as internal"),
            "{err}"
        );
    }

    #[test]
    fn every_class_has_one_word_for_serde_and_for_reports() {
        for &class in Class::ALL {
            let word = serde_json::to_string(&class).unwrap();
            assert_eq!(word, format!("\"{}\"", class.as_str()));
            let back: Class = serde_json::from_str(&word).unwrap();
            assert_eq!(back, class);
        }
        assert!(
            Class::LISTED
                .iter()
                .all(|c| c.file().is_some() && !c.embedded().is_empty())
        );
        assert_eq!(Class::ALL.len(), Class::LISTED.len() + 1);
    }
}
