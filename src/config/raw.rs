//! The configuration file as written: serde structs mirroring the TOML, with spans kept on
//! every value that validation may reject, so errors can point at the faulty line.
//! Nothing outside `config` sees these types.

use std::collections::HashMap;

use serde::Deserialize;
use toml::Spanned;

use super::{ListenerTls, LogFormat, UpstreamTls};
use crate::envelope::Mode;

/// `kind = "smtp" | "maildir"` of an upstream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UpstreamKind {
    /// An SMTP server.
    Smtp,
    /// A local Maildir.
    Maildir,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    pub hostname: Option<Spanned<String>>,
    pub rules_dir: Option<String>,
    pub certs_dir: Option<String>,
    #[serde(default)]
    pub listener: Vec<RawListener>,
    #[serde(default)]
    pub tls: RawTls,
    #[serde(default)]
    pub relay: RawRelay,
    #[serde(default)]
    pub submission: RawSubmission,
    #[serde(default)]
    pub limits: RawLimits,
    #[serde(default)]
    pub timeouts: RawTimeouts,
    #[serde(default)]
    pub analysis: RawAnalysis,
    #[serde(default)]
    pub log: RawLog,
    #[serde(default)]
    pub incidents: RawIncidents,
    #[serde(default)]
    pub notifications: RawNotifications,
    #[serde(default)]
    pub console: RawConsole,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawConsole {
    pub address: Option<Spanned<String>>,
    #[serde(default)]
    pub tls: bool,
    pub client_ca: Option<Spanned<String>>,
    #[serde(default)]
    pub client_accounts: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawNotifications {
    pub email_to: Option<Spanned<String>>,
    pub email_from: Option<Spanned<String>>,
    pub syslog: Option<Spanned<String>>,
    pub webhook: Option<Spanned<String>>,
    pub email_digest_minutes: Option<Spanned<u64>>,
    pub retry_initial: Option<Spanned<f64>>,
    pub retry_max: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawIncidents {
    pub store: Option<Spanned<String>>,
    pub establishment: Option<String>,
    #[serde(default)]
    pub establishments: HashMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawListener {
    pub address: Spanned<String>,
    pub mode: Mode,
    #[serde(default)]
    pub tls: ListenerTls,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawTls {
    pub cert: Option<String>,
    pub key: Option<String>,
    pub generate_if_missing: Option<bool>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawRelay {
    #[serde(default)]
    pub trusted_networks: Vec<Spanned<String>>,
    pub client_ca: Option<String>,
    #[serde(default)]
    pub trusted_client_subjects: Vec<String>,
    pub upstream: Option<RawUpstream>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawSubmission {
    pub default_domain: Option<String>,
    #[serde(default)]
    pub aliases: HashMap<String, Vec<String>>,
    pub upstream: Option<RawUpstream>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUpstream {
    pub kind: Spanned<UpstreamKind>,
    pub address: Option<Spanned<String>>,
    #[serde(default)]
    pub tls: UpstreamTls,
    pub ca_file: Option<String>,
    pub server_name: Option<String>,
    pub dangerous_accept_invalid_certs: Option<bool>,
    pub maildir: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawLimits {
    pub max_message_size: Option<Spanned<u64>>,
    pub max_recipients: Option<Spanned<u64>>,
    pub max_command_line: Option<Spanned<u64>>,
    pub max_header_line: Option<Spanned<u64>>,
    pub max_sessions: Option<Spanned<u64>>,
    pub max_sessions_per_client: Option<Spanned<u64>>,
    pub max_auth_failures: Option<Spanned<u64>>,
    pub auth_failure_delay_ms: Option<Spanned<u64>>,
    pub max_errors: Option<Spanned<u64>>,
    pub min_data_rate: Option<Spanned<u64>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawTimeouts {
    pub command: Option<Spanned<f64>>,
    pub data: Option<Spanned<f64>>,
    pub data_total: Option<Spanned<f64>>,
    pub data_rate_grace: Option<Spanned<f64>>,
    pub tls_handshake: Option<Spanned<f64>>,
    pub shutdown_grace: Option<Spanned<f64>>,
    pub upstream_connect: Option<Spanned<f64>>,
    pub upstream_command: Option<Spanned<f64>>,
    pub upstream_data: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawLog {
    #[serde(default)]
    pub format: LogFormat,
    pub level: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawAnalysis {
    pub max_mime_depth: Option<Spanned<u64>>,
    pub max_parts: Option<Spanned<u64>>,
    pub max_expanded_bytes: Option<Spanned<u64>>,
    pub max_archive_depth: Option<Spanned<u64>>,
    pub max_expansion_ratio: Option<Spanned<u64>>,
    pub time_limit: Option<Spanned<f64>>,
    pub threads: Option<Spanned<u64>>,
    pub image_min_pixels: Option<Spanned<u64>>,
    pub ocr: Option<bool>,
    pub ocr_program: Option<Spanned<String>>,
    pub ocr_languages: Option<Spanned<String>>,
    pub ocr_max_images: Option<Spanned<u64>>,
    pub ocr_max_pixels: Option<Spanned<u64>>,
    pub ocr_time_limit: Option<Spanned<f64>>,
    pub unread_images: Option<crate::ocr::UnreadImages>,
}
