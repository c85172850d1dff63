//! Configuration: one TOML file, read once into a validated [`Config`].
//!
//! Two phases, as ripgrep does it: [`raw`] is what the file says (with spans), [`Config`] is
//! what Sentinelle runs on; nothing downstream validates again. Errors name the line and
//! column of the faulty value. Relative paths are relative to the working directory.
//! Without a file, [`Config::embedded_default`] runs on loopback and delivers to a Maildir.

mod raw;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use ipnet::IpNet;
use toml::Spanned;

use crate::envelope::Mode;
use raw::{RawConfig, RawUpstream};

/// The embedded default: loopback relay on 2525, mail delivered into var/outbox/.
pub const EMBEDDED_DEFAULT: &str = r#"
hostname = "sentinelle.localhost"

[[listener]]
address = "127.0.0.1:2525"
mode = "relay"
tls = "starttls"

[relay]
trusted_networks = ["127.0.0.0/8", "::1/128"]
upstream = { kind = "maildir", maildir = "var/outbox" }
"#;

/// A configuration error, pointing at the faulty line when there is one.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The TOML does not parse or does not fit the schema.
    #[error("{origin}: {message}")]
    Syntax {
        /// File name (or "embedded default").
        origin: String,
        /// toml's message, which names the line, column and key.
        message: String,
    },
    /// A value parses but is not acceptable.
    #[error("{origin}:{line}:{column}: {message}")]
    Invalid {
        /// File name.
        origin: String,
        /// 1-based line of the value.
        line: usize,
        /// 1-based column of the value.
        column: usize,
        /// What is wrong, and what is expected.
        message: String,
    },
    /// A required setting is missing.
    #[error("{origin}: {message}")]
    Missing {
        /// File name.
        origin: String,
        /// What is missing.
        message: String,
    },
}

/// How a listener offers TLS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListenerTls {
    /// Plain SMTP, no STARTTLS offered (loopback or tests only).
    None,
    /// STARTTLS offered (ports 25 and 587).
    StartTls,
    /// TLS from the first byte (port 465, RFC 8314).
    Implicit,
}

/// One address to listen on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListenerConfig {
    /// Socket address to bind.
    pub address: SocketAddr,
    /// Relay or submission.
    pub mode: Mode,
    /// TLS offer.
    pub tls: ListenerTls,
}

/// TLS server certificate.
#[derive(Debug, Clone)]
pub struct TlsConfig {
    /// PEM certificate chain.
    pub cert: PathBuf,
    /// PEM private key.
    pub key: PathBuf,
    /// Generate a throwaway self-signed pair when both files are absent.
    pub generate_if_missing: bool,
}

/// How Sentinelle reaches the next hop.
#[derive(Debug, Clone)]
pub enum UpstreamConfig {
    /// An SMTP server.
    Smtp(SmtpUpstream),
    /// A local Maildir (the embedded default, so a first run needs no other server).
    Maildir(PathBuf),
}

/// TLS towards the upstream SMTP server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpstreamTls {
    /// Plain SMTP.
    None,
    /// STARTTLS, required: a server that does not offer it is a temporary failure.
    StartTls,
    /// TLS from the first byte.
    Implicit,
}

/// An upstream SMTP server.
#[derive(Debug, Clone)]
pub struct SmtpUpstream {
    /// host:port.
    pub host: String,
    /// Port.
    pub port: u16,
    /// TLS mode.
    pub tls: UpstreamTls,
    /// PEM roots to verify the upstream with; system roots when absent.
    pub ca_file: Option<PathBuf>,
    /// Name to verify in the upstream certificate; the host when absent.
    pub server_name: Option<String>,
    /// Skip certificate verification (testing only).
    pub dangerous_accept_invalid_certs: bool,
}

/// Relay mode: who may relay and where mail goes.
#[derive(Debug, Clone)]
pub struct RelayConfig {
    /// Client networks trusted to relay.
    pub trusted_networks: Vec<IpNet>,
    /// PEM CA that signs trusted client certificates; enables client-certificate trust.
    pub client_ca: Option<PathBuf>,
    /// Accepted subjects of verified client certificates (empty: any certificate the CA signed).
    pub trusted_client_subjects: Vec<String>,
    /// The next hop.
    pub upstream: Option<UpstreamConfig>,
}

/// Submission mode: where credentials are checked and mail goes, and who may send as whom.
#[derive(Debug, Clone, Default)]
pub struct SubmissionConfig {
    /// Domain appended to account names without one.
    pub default_domain: Option<String>,
    /// Extra sender addresses per account.
    pub aliases: HashMap<String, Vec<String>>,
    /// The upstream submission server (it checks AUTH credentials and receives the mail).
    pub upstream: Option<SmtpUpstream>,
}

/// Every limit, each overridable from `[limits]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest message accepted, in bytes (SIZE; default 35 MB).
    pub max_message_size: usize,
    /// Recipients per transaction.
    pub max_recipients: usize,
    /// Longest command line, CRLF included (at most 4096).
    pub max_command_line: usize,
    /// Longest header line, CRLF excluded (RFC 5322 §2.1.1: 998).
    pub max_header_line: usize,
    /// Concurrent sessions overall.
    pub max_sessions: usize,
    /// Concurrent sessions per client address.
    pub max_sessions_per_client: usize,
    /// AUTH failures before the session is closed.
    pub max_auth_failures: u32,
    /// Delay before answering a failed AUTH, multiplied by the failure count.
    pub auth_failure_delay: Duration,
    /// Protocol errors before the session is closed.
    pub max_errors: u32,
    /// Slowest DATA/BDAT transfer accepted past `data_rate_grace`, in bytes per second
    /// (0: no minimum). Postfix's `smtpd_min_data_rate` is 500.
    pub min_data_rate: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_message_size: 35 * 1024 * 1024,
            max_recipients: 100,
            max_command_line: 2048,
            max_header_line: 998,
            max_sessions: 1000,
            max_sessions_per_client: 100,
            max_auth_failures: 3,
            auth_failure_delay: Duration::from_secs(1),
            max_errors: 20,
            min_data_rate: 500,
        }
    }
}

/// Timeouts (RFC 5321 §4.5.3.2 for the server side).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeouts {
    /// Waiting for the next command.
    pub command: Duration,
    /// Waiting for the next block of message data.
    pub data: Duration,
    /// The whole message transfer, from DATA (or the first BDAT) to its end.
    pub data_total: Duration,
    /// How long a transfer may run before `min_data_rate` applies.
    pub data_rate_grace: Duration,
    /// TLS handshake.
    pub tls_handshake: Duration,
    /// How long sessions in flight may finish after a shutdown signal.
    pub shutdown_grace: Duration,
    /// Connecting to the upstream (TCP, greeting, EHLO, STARTTLS).
    pub upstream_connect: Duration,
    /// Each upstream command reply.
    pub upstream_command: Duration,
    /// The upstream's reply to the end of data.
    pub upstream_data: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            command: Duration::from_secs(300),
            data: Duration::from_secs(180),
            data_total: Duration::from_secs(600),
            data_rate_grace: Duration::from_secs(30),
            tls_handshake: Duration::from_secs(30),
            shutdown_grace: Duration::from_secs(30),
            upstream_connect: Duration::from_secs(30),
            upstream_command: Duration::from_secs(120),
            upstream_data: Duration::from_secs(300),
        }
    }
}

/// Log output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines.
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
    pub store: crate::incident::store::Location,
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

/// The validated configuration Sentinelle runs on.
#[derive(Debug, Clone)]
pub struct Config {
    /// Name in the greeting, EHLO reply and Received header.
    pub hostname: String,
    /// Policy files directory.
    pub rules_dir: PathBuf,
    /// TLS material and certificates directory.
    pub certs_dir: PathBuf,
    /// Where to listen.
    pub listeners: Vec<ListenerConfig>,
    /// Server certificate.
    pub tls: TlsConfig,
    /// Relay mode settings.
    pub relay: RelayConfig,
    /// Submission mode settings.
    pub submission: SubmissionConfig,
    /// Limits.
    pub limits: Limits,
    /// Timeouts.
    pub timeouts: Timeouts,
    /// Bounds on the analysis of one message (`[analysis]`).
    pub analysis: crate::analysis::Limits,
    /// Logging.
    pub log: LogConfig,
    /// The incident store and establishments.
    pub incidents: IncidentsConfig,
    /// Incident notifications.
    pub notifications: NotificationsConfig,
}

impl Config {
    /// Reads and validates a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Unreadable {
            path: path.to_owned(),
            source,
        })?;
        Self::parse(&text, &path.display().to_string())
    }

    /// The embedded default configuration.
    pub fn embedded_default() -> Result<Config, ConfigError> {
        Self::parse(EMBEDDED_DEFAULT, "embedded default")
    }

    /// Parses and validates TOML text; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|err| ConfigError::Syntax {
            origin: origin.to_owned(),
            message: err.to_string().trim_end().to_owned(),
        })?;
        Validator { text, origin }.config(raw)
    }
}

/// The 1-based line and column of byte `offset` in `text` (for errors in TOML files).
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

struct Validator<'a> {
    text: &'a str,
    origin: &'a str,
}

impl Validator<'_> {
    fn invalid(&self, span: std::ops::Range<usize>, message: impl Into<String>) -> ConfigError {
        let (line, column) = line_column(self.text, span.start);
        ConfigError::Invalid {
            origin: self.origin.to_owned(),
            line,
            column,
            message: message.into(),
        }
    }

    fn missing(&self, message: impl Into<String>) -> ConfigError {
        ConfigError::Missing {
            origin: self.origin.to_owned(),
            message: message.into(),
        }
    }

    fn config(&self, raw: RawConfig) -> Result<Config, ConfigError> {
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
            analysis: self.analysis(raw.analysis)?,
            log: self.log(raw.log)?,
            incidents: self.incidents(raw.incidents)?,
            notifications: self.notifications(raw.notifications, &hostname_for_mail)?,
        })
    }

    fn listener(&self, raw: raw::RawListener) -> Result<ListenerConfig, ConfigError> {
        let address = raw.address.get_ref().parse::<SocketAddr>().map_err(|_| {
            self.invalid(
                raw.address.span(),
                "address must be IP:port, like \"127.0.0.1:2525\"",
            )
        })?;
        let tls = match &raw.tls {
            None => ListenerTls::StartTls,
            Some(value) => match value.get_ref().as_str() {
                "none" => ListenerTls::None,
                "starttls" => ListenerTls::StartTls,
                "implicit" => ListenerTls::Implicit,
                _ => {
                    return Err(self.invalid(
                        value.span(),
                        "tls must be \"none\", \"starttls\" or \"implicit\"",
                    ));
                }
            },
        };
        Ok(ListenerConfig {
            address,
            mode: raw.mode,
            tls,
        })
    }

    fn relay(&self, raw: raw::RawRelay) -> Result<RelayConfig, ConfigError> {
        let trusted_networks = raw
            .trusted_networks
            .iter()
            .map(|net| {
                let text = net.get_ref();
                text.parse::<IpNet>()
                    .or_else(|_| text.parse::<std::net::IpAddr>().map(IpNet::from))
                    .map_err(|_| {
                        self.invalid(net.span(), "expected a CIDR network like \"10.0.0.0/8\"")
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let upstream = raw.upstream.map(|u| self.upstream(u)).transpose()?;
        Ok(RelayConfig {
            trusted_networks,
            client_ca: raw.client_ca.map(PathBuf::from),
            trusted_client_subjects: raw.trusted_client_subjects,
            upstream,
        })
    }

    fn submission(&self, raw: raw::RawSubmission) -> Result<SubmissionConfig, ConfigError> {
        let upstream = match raw.upstream {
            None => None,
            Some(raw_upstream) => {
                let span = raw_upstream.kind.span();
                match self.upstream(raw_upstream)? {
                    UpstreamConfig::Smtp(smtp) => Some(smtp),
                    UpstreamConfig::Maildir(_) => {
                        return Err(self.invalid(
                            span,
                            "the submission upstream must be an SMTP server: it checks the credentials",
                        ));
                    }
                }
            }
        };
        Ok(SubmissionConfig {
            default_domain: raw.default_domain,
            aliases: raw.aliases,
            upstream,
        })
    }

    fn upstream(&self, raw: RawUpstream) -> Result<UpstreamConfig, ConfigError> {
        match raw.kind.get_ref().as_str() {
            "maildir" => Ok(UpstreamConfig::Maildir(PathBuf::from(
                raw.maildir.unwrap_or_else(|| "var/outbox".into()),
            ))),
            "smtp" => {
                let Some(address) = raw.address else {
                    return Err(self.invalid(
                        raw.kind.span(),
                        "an smtp upstream needs address = \"host:port\"",
                    ));
                };
                let (host, port) = address
                    .get_ref()
                    .rsplit_once(':')
                    .and_then(|(h, p)| Some((h.trim_matches(['[', ']']), p.parse::<u16>().ok()?)))
                    .filter(|(h, _)| !h.is_empty())
                    .ok_or_else(|| self.invalid(address.span(), "address must be \"host:port\""))?;
                let tls = match &raw.tls {
                    None => UpstreamTls::None,
                    Some(value) => parse_upstream_tls(value).ok_or_else(|| {
                        self.invalid(
                            value.span(),
                            "tls must be \"none\", \"starttls\" or \"implicit\"",
                        )
                    })?,
                };
                Ok(UpstreamConfig::Smtp(SmtpUpstream {
                    host: host.to_owned(),
                    port,
                    tls,
                    ca_file: raw.ca_file.map(PathBuf::from),
                    server_name: raw.server_name,
                    dangerous_accept_invalid_certs: raw
                        .dangerous_accept_invalid_certs
                        .unwrap_or(false),
                }))
            }
            _ => Err(self.invalid(raw.kind.span(), "kind must be \"smtp\" or \"maildir\"")),
        }
    }

    fn limits(&self, raw: raw::RawLimits) -> Result<Limits, ConfigError> {
        let d = Limits::default();
        let pick = |value, default, min, max, what| self.bounded(value, default, min, max, what);
        let auth_delay_ms = pick(
            raw.auth_failure_delay_ms,
            1000,
            0,
            60_000,
            "auth_failure_delay_ms",
        )?;
        Ok(Limits {
            max_message_size: pick(
                raw.max_message_size,
                d.max_message_size,
                1024,
                1 << 32,
                "max_message_size",
            )?,
            max_recipients: pick(
                raw.max_recipients,
                d.max_recipients,
                1,
                10_000,
                "max_recipients",
            )?,
            max_command_line: pick(
                raw.max_command_line,
                d.max_command_line,
                512,
                4096,
                "max_command_line",
            )?,
            max_header_line: pick(
                raw.max_header_line,
                d.max_header_line,
                78,
                1 << 20,
                "max_header_line",
            )?,
            max_sessions: pick(raw.max_sessions, d.max_sessions, 1, 100_000, "max_sessions")?,
            max_sessions_per_client: pick(
                raw.max_sessions_per_client,
                d.max_sessions_per_client,
                1,
                100_000,
                "max_sessions_per_client",
            )?,
            max_auth_failures: pick(raw.max_auth_failures, 3, 1, 100, "max_auth_failures")? as u32,
            auth_failure_delay: Duration::from_millis(auth_delay_ms as u64),
            max_errors: pick(raw.max_errors, 20, 1, 1000, "max_errors")? as u32,
            min_data_rate: pick(
                raw.min_data_rate,
                d.min_data_rate as usize,
                0,
                1 << 30,
                "min_data_rate",
            )? as u64,
        })
    }

    /// A count from the file, checked against `min..=max`, or `default` when absent.
    fn bounded(
        &self,
        value: Option<Spanned<u64>>,
        default: usize,
        min: u64,
        max: u64,
        what: &str,
    ) -> Result<usize, ConfigError> {
        match value {
            None => Ok(default),
            Some(v) if (min..=max).contains(v.get_ref()) => {
                usize::try_from(*v.get_ref()).map_err(|_| self.invalid(v.span(), "too large"))
            }
            Some(v) => {
                Err(self.invalid(v.span(), format!("{what} must be between {min} and {max}")))
            }
        }
    }

    fn analysis(&self, raw: raw::RawAnalysis) -> Result<crate::analysis::Limits, ConfigError> {
        let d = crate::analysis::Limits::default();
        let pick = |value, default, min, max, what| self.bounded(value, default, min, max, what);
        let time_limit = match raw.time_limit {
            None => d.time_limit,
            Some(v) if v.get_ref().is_finite() && (0.01..=600.0).contains(v.get_ref()) => {
                Some(Duration::from_secs_f64(*v.get_ref()))
            }
            Some(v) => {
                return Err(self.invalid(
                    v.span(),
                    "time_limit is a number of seconds between 0.01 and 600",
                ));
            }
        };
        Ok(crate::analysis::Limits {
            max_mime_depth: pick(
                raw.max_mime_depth,
                d.max_mime_depth,
                1,
                100,
                "max_mime_depth",
            )?,
            max_parts: pick(raw.max_parts, d.max_parts, 1, 1_000_000, "max_parts")?,
            max_expanded_bytes: pick(
                raw.max_expanded_bytes,
                d.max_expanded_bytes,
                1024,
                1 << 34,
                "max_expanded_bytes",
            )?,
            max_archive_depth: pick(
                raw.max_archive_depth,
                d.max_archive_depth,
                0,
                10,
                "max_archive_depth",
            )?,
            max_expansion_ratio: pick(
                raw.max_expansion_ratio,
                d.max_expansion_ratio,
                2,
                100_000,
                "max_expansion_ratio",
            )?,
            time_limit,
            threads: pick(raw.threads, d.threads, 1, 16, "threads")?,
        })
    }

    fn timeouts(&self, raw: raw::RawTimeouts) -> Result<Timeouts, ConfigError> {
        let d = Timeouts::default();
        let pick = |value: Option<Spanned<f64>>, default: Duration| match value {
            None => Ok(default),
            Some(v)
                if v.get_ref().is_finite() && *v.get_ref() > 0.0 && *v.get_ref() <= 86_400.0 =>
            {
                Ok(Duration::from_secs_f64(*v.get_ref()))
            }
            Some(v) => Err(self.invalid(
                v.span(),
                "a timeout is a number of seconds between 0 and 86400",
            )),
        };
        Ok(Timeouts {
            command: pick(raw.command, d.command)?,
            data: pick(raw.data, d.data)?,
            data_total: pick(raw.data_total, d.data_total)?,
            data_rate_grace: pick(raw.data_rate_grace, d.data_rate_grace)?,
            tls_handshake: pick(raw.tls_handshake, d.tls_handshake)?,
            shutdown_grace: pick(raw.shutdown_grace, d.shutdown_grace)?,
            upstream_connect: pick(raw.upstream_connect, d.upstream_connect)?,
            upstream_command: pick(raw.upstream_command, d.upstream_command)?,
            upstream_data: pick(raw.upstream_data, d.upstream_data)?,
        })
    }

    fn incidents(&self, raw: raw::RawIncidents) -> Result<IncidentsConfig, ConfigError> {
        use crate::incident::store::Location;
        let store = match raw.store {
            None => Location::Sqlite(PathBuf::from("var/sentinelle.db")),
            Some(value) => {
                let text = value.get_ref().trim();
                if text.starts_with("postgres://") || text.starts_with("postgresql://") {
                    Location::Postgres(text.to_owned())
                } else if text.is_empty() || text.contains("://") {
                    return Err(self.invalid(
                        value.span(),
                        "store is a SQLite file path or a postgres:// URL",
                    ));
                } else {
                    Location::Sqlite(PathBuf::from(text))
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

    fn notifications(
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
            Some(v) if (1..=1440).contains(v.get_ref()) => Some(*v.get_ref()),
            Some(v) => {
                return Err(
                    self.invalid(v.span(), "email_digest_minutes must be between 1 and 1440")
                );
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

    fn log(&self, raw: raw::RawLog) -> Result<LogConfig, ConfigError> {
        let format = match &raw.format {
            None => LogFormat::Human,
            Some(v) => match v.get_ref().as_str() {
                "human" => LogFormat::Human,
                "json" => LogFormat::Json,
                _ => return Err(self.invalid(v.span(), "format must be \"human\" or \"json\"")),
            },
        };
        Ok(LogConfig {
            format,
            level: raw.level.unwrap_or_else(|| "info".into()),
        })
    }
}

fn parse_upstream_tls(value: &Spanned<String>) -> Option<UpstreamTls> {
    match value.get_ref().as_str() {
        "none" => Some(UpstreamTls::None),
        "starttls" => Some(UpstreamTls::StartTls),
        "implicit" => Some(UpstreamTls::Implicit),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
