//! Validation of the whole file: each section's checks live with its types; this file holds
//! the error helpers and the checks that span sections (a listener needs its upstream).

use std::path::PathBuf;

use super::raw::RawConfig;
use super::*;
use crate::envelope::Mode;

/// Checks the raw file against what Sentinelle accepts; errors point at the value.
pub(super) struct Checker<'a> {
    pub(super) text: &'a str,
    pub(super) origin: &'a str,
}

impl Checker<'_> {
    pub(super) fn invalid(
        &self,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
    ) -> ConfigError {
        let (line, column) = crate::text_error::line_column(self.text, span.start);
        ConfigError::Invalid {
            origin: self.origin.to_owned(),
            line,
            column,
            message: message.into(),
        }
    }

    pub(super) fn missing(&self, message: impl Into<String>) -> ConfigError {
        ConfigError::Missing {
            origin: self.origin.to_owned(),
            message: message.into(),
        }
    }

    pub(super) fn config(&self, raw: RawConfig) -> Result<Config, ConfigError> {
        let hostname = match raw.hostname {
            Some(name) => {
                let valid = !name.get_ref().is_empty()
                    && name
                        .get_ref()
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
                if !valid {
                    return Err(self.invalid(name.span(), "hostname must be a DNS name"));
                }
                name.into_inner()
            }
            None => "sentinelle.localhost".to_owned(),
        };
        let certs_dir = PathBuf::from(raw.certs_dir.unwrap_or_else(|| "certs".into()));
        let listeners = raw
            .listener
            .into_iter()
            .map(|l| self.listener(l))
            .collect::<Result<Vec<_>, _>>()?;
        if listeners.is_empty() {
            return Err(self.missing("at least one [[listener]] is required"));
        }
        let relay = self.relay(raw.relay)?;
        let submission = self.submission(raw.submission)?;
        for listener in &listeners {
            match listener.mode {
                Mode::Relay if relay.upstream.is_none() => {
                    return Err(self.missing("a relay listener needs [relay] upstream"));
                }
                Mode::Submission if submission.upstream.is_none() => {
                    return Err(self.missing(
                        "a submission listener needs [submission] upstream (it checks the credentials)",
                    ));
                }
                Mode::Submission if listener.tls == ListenerTls::None => {
                    return Err(self.missing(format!(
                        "submission listener {} needs tls = \"starttls\" or \"implicit\": AUTH is only offered under TLS",
                        listener.address
                    )));
                }
                _ => {}
            }
        }
        let tls = TlsConfig {
            cert: raw
                .tls
                .cert
                .map_or_else(|| certs_dir.join("tls/cert.pem"), PathBuf::from),
            key: raw
                .tls
                .key
                .map_or_else(|| certs_dir.join("tls/key.pem"), PathBuf::from),
            generate_if_missing: raw.tls.generate_if_missing.unwrap_or(true),
        };
        let hostname_for_mail = hostname.clone();
        let analysis = self.analysis(&raw.analysis)?;
        Ok(Config {
            hostname,
            rules_dir: PathBuf::from(raw.rules_dir.unwrap_or_else(|| "rules".into())),
            certs_dir,
            listeners,
            tls,
            relay,
            submission,
            limits: self.limits(raw.limits)?,
            timeouts: self.timeouts(raw.timeouts)?,
            ocr: self.ocr(&raw.analysis, analysis.threads)?,
            analysis,
            log: self.log(raw.log)?,
            incidents: self.incidents(raw.incidents)?,
            notifications: self.notifications(raw.notifications, &hostname_for_mail)?,
            console: self.console(raw.console)?,
        })
    }
}
