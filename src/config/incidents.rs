//! `[incidents]`, `[notifications]` and `[log]`: where incidents are recorded, who is told,
//! and how Sentinelle logs.

use std::path::PathBuf;
use std::time::Duration;

use toml::Spanned;

use super::ConfigError;
use super::raw;
use super::validate::Checker;

/// Log output format (`format = "human" | "json"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines: the default.
    #[default]
    Human,
    /// One JSON object per line.
    Json,
}

/// Logging.
#[derive(Debug, Clone)]
pub struct LogConfig {
    /// Format.
    pub format: LogFormat,
    /// tracing filter directive ("info", "sentinelle=debug").
    pub level: String,
}

/// Where incidents go and how senders map to establishments (`[incidents]`).
#[derive(Debug, Clone)]
pub struct IncidentsConfig {
    /// The store: a SQLite path or a PostgreSQL URL.
    pub store: crate::incident::store::Backend,
    /// The establishment of senders whose domain is not in `establishments`.
    pub establishment: Option<String>,
    /// Sender domain (lower case; subdomains included) -> establishment.
    pub establishments: Vec<(String, String)>,
}

impl IncidentsConfig {
    /// The establishment of `sender` (an address).
    pub fn establishment_of(&self, sender: &str) -> Option<String> {
        let domain = sender.rsplit('@').next().unwrap_or("").to_lowercase();
        self.establishments
            .iter()
            .filter(|(d, _)| domain == *d || domain.ends_with(&format!(".{d}")))
            .max_by_key(|(d, _)| d.len())
            .map(|(_, name)| name.clone())
            .or_else(|| self.establishment.clone())
    }
}

/// Where a syslog collector listens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyslogTarget {
    /// RFC 5426.
    Udp(String),
    /// RFC 6587 octet counting.
    Tcp(String),
}

/// Incident notifications (`[notifications]`, DIR04 art. 8).
#[derive(Debug, Clone)]
pub struct NotificationsConfig {
    /// The establishment's service centre, by email through the relay upstream.
    pub email_to: Option<String>,
    /// The notifications' sender.
    pub email_from: String,
    /// The security team's syslog collector.
    pub syslog: Option<SyslogTarget>,
    /// A JSON webhook (http:// or https:// URL) for the SIEM.
    pub webhook: Option<String>,
    /// One email per window of this many minutes instead of one per incident.
    pub email_digest_minutes: Option<u64>,
    /// First retry delay; doubles each attempt.
    pub retry_initial: Duration,
    /// Longest retry delay.
    pub retry_max: Duration,
}

impl NotificationsConfig {
    /// The channels each incident is queued for.
    pub fn channels(&self) -> Vec<String> {
        let mut channels = Vec::new();
        if self.email_to.is_some() {
            channels.push("email".to_owned());
        }
        if self.syslog.is_some() {
            channels.push("syslog".to_owned());
        }
        if self.webhook.is_some() {
            channels.push("webhook".to_owned());
        }
        channels
    }
}

impl Checker<'_> {
    pub(super) fn incidents(&self, raw: raw::RawIncidents) -> Result<IncidentsConfig, ConfigError> {
        use crate::incident::store::Backend;
        let store = match raw.store {
            None => Backend::Sqlite(PathBuf::from("var/sentinelle.db")),
            Some(value) => {
                let text = value.get_ref().trim();
                if text.starts_with("postgres://") || text.starts_with("postgresql://") {
                    Backend::Postgres(text.to_owned())
                } else if text.is_empty() || text.contains("://") {
                    return Err(self.invalid(
                        value.span(),
                        "store is a SQLite file path or a postgres:// URL",
                    ));
                } else {
                    Backend::Sqlite(PathBuf::from(text))
                }
            }
        };
        let mut establishments: Vec<(String, String)> = raw
            .establishments
            .into_iter()
            .map(|(domain, name)| (domain.trim().trim_end_matches('.').to_lowercase(), name))
            .collect();
        establishments.sort();
        Ok(IncidentsConfig {
            store,
            establishment: raw.establishment,
            establishments,
        })
    }

    pub(super) fn notifications(
        &self,
        raw: raw::RawNotifications,
        hostname: &str,
    ) -> Result<NotificationsConfig, ConfigError> {
        let address = |value: Option<Spanned<String>>| -> Result<Option<String>, ConfigError> {
            match value {
                None => Ok(None),
                Some(v) => {
                    let text = v.get_ref().trim();
                    let valid = text.split_once('@').is_some_and(|(l, d)| {
                        !l.is_empty() && d.contains('.') && !text.contains([' ', '<', '>'])
                    });
                    if valid {
                        Ok(Some(text.to_owned()))
                    } else {
                        Err(self.invalid(v.span(), "expected an email address"))
                    }
                }
            }
        };
        let syslog = match raw.syslog {
            None => None,
            Some(v) => {
                let text = v.get_ref().trim();
                let target = if let Some(rest) = text.strip_prefix("udp://") {
                    Some(SyslogTarget::Udp(rest.to_owned()))
                } else {
                    text.strip_prefix("tcp://")
                        .map(|rest| SyslogTarget::Tcp(rest.to_owned()))
                };
                match target {
                    Some(SyslogTarget::Udp(a) | SyslogTarget::Tcp(a)) if !a.contains(':') => {
                        return Err(self.invalid(v.span(), "syslog needs host:port"));
                    }
                    Some(target) => Some(target),
                    None => {
                        return Err(self.invalid(
                            v.span(),
                            "syslog is \"udp://host:port\" or \"tcp://host:port\"",
                        ));
                    }
                }
            }
        };
        let seconds = |value: Option<Spanned<f64>>, default: f64, what: &str| match value {
            None => Ok(Duration::from_secs_f64(default)),
            Some(v) if v.get_ref().is_finite() && (0.05..=86_400.0).contains(v.get_ref()) => {
                Ok(Duration::from_secs_f64(*v.get_ref()))
            }
            Some(v) => Err(self.invalid(
                v.span(),
                format!("{what} is a number of seconds between 0.05 and 86400"),
            )),
        };
        let webhook = match raw.webhook {
            None => None,
            Some(v) => {
                let url = v.get_ref().trim();
                let host = url
                    .strip_prefix("https://")
                    .or_else(|| url.strip_prefix("http://"));
                if host.is_none_or(|h| h.is_empty() || h.starts_with('/')) {
                    return Err(self.invalid(v.span(), "webhook is an http:// or https:// URL"));
                }
                Some(url.to_owned())
            }
        };
        let email_digest_minutes = match raw.email_digest_minutes {
            None => None,
            Some(v) => {
                let minutes =
                    self.bounded(Some(v), 0, &super::limits::bounds::EMAIL_DIGEST_MINUTES)?;
                Some(minutes as u64)
            }
        };
        Ok(NotificationsConfig {
            webhook,
            email_digest_minutes,
            email_to: address(raw.email_to)?,
            email_from: address(raw.email_from)?
                .unwrap_or_else(|| format!("sentinelle@{hostname}")),
            syslog,
            retry_initial: seconds(raw.retry_initial, 10.0, "retry_initial")?,
            retry_max: seconds(raw.retry_max, 3600.0, "retry_max")?,
        })
    }

    pub(super) fn log(&self, raw: raw::RawLog) -> Result<LogConfig, ConfigError> {
        Ok(LogConfig {
            format: raw.format,
            level: raw.level.unwrap_or_else(|| "info".into()),
        })
    }
}
