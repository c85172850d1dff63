//! `[relay]` and `[submission]`: who may relay, where mail goes, who may send as whom.

use std::collections::HashMap;
use std::path::PathBuf;

use ipnet::IpNet;

use super::ConfigError;
use super::raw::{self, RawUpstream};
use super::validate::Checker;

/// How Sentinelle reaches the next hop.
#[derive(Debug, Clone)]
pub enum UpstreamConfig {
    /// An SMTP server.
    Smtp(SmtpUpstream),
    /// A local Maildir (the embedded default, so a first run needs no other server).
    Maildir(PathBuf),
}

/// TLS towards the upstream SMTP server (`tls = "none" | "starttls" | "implicit"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UpstreamTls {
    /// Plain SMTP: the default.
    #[default]
    None,
    /// STARTTLS, required: a server that does not offer it is a temporary failure.
    #[serde(rename = "starttls")]
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

impl Checker<'_> {
    pub(super) fn relay(&self, raw: raw::RawRelay) -> Result<RelayConfig, ConfigError> {
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

    pub(super) fn submission(
        &self,
        raw: raw::RawSubmission,
    ) -> Result<SubmissionConfig, ConfigError> {
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

    pub(super) fn upstream(&self, raw: RawUpstream) -> Result<UpstreamConfig, ConfigError> {
        match raw.kind.get_ref() {
            raw::UpstreamKind::Maildir => Ok(UpstreamConfig::Maildir(PathBuf::from(
                raw.maildir.unwrap_or_else(|| "var/outbox".into()),
            ))),
            raw::UpstreamKind::Smtp => {
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
                Ok(UpstreamConfig::Smtp(SmtpUpstream {
                    host: host.to_owned(),
                    port,
                    tls: raw.tls,
                    ca_file: raw.ca_file.map(PathBuf::from),
                    server_name: raw.server_name,
                    dangerous_accept_invalid_certs: raw
                        .dangerous_accept_invalid_certs
                        .unwrap_or(false),
                }))
            }
        }
    }
}
